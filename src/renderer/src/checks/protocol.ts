import type { CheckableArticle, CheckResult } from '../../../checks/types';

/** What the window asks the checks worker. */
export type WorkerRequest =
  | {
      type: 'check';
      seq: number;
      article: CheckableArticle;
      ignoredFindings: string[];
      ignoredEverywhere: { rule: string; text: string }[];
      budgets: { headlineBudget: number; contentHighlightBudget: number };
    }
  | { type: 'addWords'; words: string[] };

/** What the checks worker answers. */
export type WorkerResponse =
  { type: 'result'; seq: number; result: CheckResult } | { type: 'error'; seq: number; message: string };
