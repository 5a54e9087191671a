import type { CheckableArticle, CheckResult } from '../../../checks/types';
import type { DroppedTextFinding } from '../../../checks/droppedText';
import type { BodyDoc, ImportNote } from '../../../shared/article';

export type BodyBlock = NonNullable<BodyDoc['content']>[number];
import type { StyleToggles } from '../../../checks/config';
import type { RulePack } from '../../../checks/style/rulePack';

/** What the window asks the checks worker. */
export type WorkerRequest =
  | {
      type: 'check';
      seq: number;
      /**
       * The article with an empty body: the body's blocks are in `blocks`, each either its JSON
       * or, for a block the previous check sent too (the same block object in the window), that
       * block's index in the previous check's list. So a recheck after typing copies only the
       * blocks that changed to the worker, not the whole story.
       */
      article: CheckableArticle;
      blocks: (number | BodyBlock)[];
      ignoredFindings: string[];
      ignoredEverywhere: { rule: string; text: string }[];
      budgets: { headlineBudget: number; contentHighlightBudget: number };
    }
  | { type: 'addWords'; words: string[] }
  /** Spelling and names in the text an import left out (the import report shows them). */
  | { type: 'checkDropped'; seq: number; article: CheckableArticle; notes: ImportNote[] }
  /**
   * The library's newsroom dictionary, rule packs and switches (`getCheckConfig`); sent before the
   * first check and whenever they change. `packs: null` means the shipped default pack only
   * (main could not be asked).
   */
  | { type: 'config'; words: string[]; packs: RulePack[] | null; toggles: StyleToggles };

/** What the checks worker answers. */
export type WorkerResponse =
  | { type: 'result'; seq: number; result: CheckResult }
  | { type: 'dropped'; seq: number; findings: DroppedTextFinding[] }
  | { type: 'error'; seq: number; message: string };
