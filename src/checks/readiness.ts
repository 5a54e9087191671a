import { countOpenReview } from '../shared/review/openCounts';
import type { BlockLeaf, TextBlock } from './blocks';
import type { CheckableArticle, Finding, ReadinessItem, ReadinessItemId, ReadinessReport } from './types';

/** Budgets and thresholds for publish readiness; the library settings supply the budgets. */
export interface ReadinessOptions {
  /** Default 70, as the library settings' `headlineBudget`. */
  headlineBudget: number;
  /** Default 160, as the library settings' `contentHighlightBudget`. */
  contentHighlightBudget: number;
  /** The body must have at least this many words. Default 50. */
  minBodyWords: number;
  /** Items a producer overrode; they show as `overridden` and do not block. */
  overrides: readonly ReadinessItemId[];
}

export const DEFAULT_READINESS: ReadinessOptions = {
  headlineBudget: 70,
  contentHighlightBudget: 160,
  minBodyWords: 50,
  overrides: [],
};

/**
 * Counts a caller may supply instead of the defaults. Without them, open suggestions (body
 * marks and field suggestions) and unresolved comment threads are counted from the article
 * itself (see shared/review/openCounts.ts).
 */
export interface ReadinessHooks {
  openSuggestions?: (article: CheckableArticle) => number;
  openComments?: (article: CheckableArticle) => number;
}

const SAFE_LINK = /^(?:https?:\/\/[^\s]+|mailto:[^\s]+)$/i;

/**
 * The publish-readiness checklist. Spelling and name findings block only when they are errors
 * and not ignored (unknown names are notes: a name the dictionary lacks is not wrong).
 */
export function readinessReport(
  article: CheckableArticle,
  ctx: {
    findings: readonly Finding[];
    blocks: readonly TextBlock[];
    leaves: readonly BlockLeaf[];
    bodyWords: number;
  },
  options: ReadinessOptions,
  hooks: ReadinessHooks = {},
): ReadinessReport {
  const items: ReadinessItem[] = [];
  const add = (id: ReadinessItemId, label: string, pass: boolean, detail: string) =>
    items.push({
      id,
      label,
      status: pass ? 'pass' : options.overrides.includes(id) ? 'overridden' : 'fail',
      detail,
    });

  const headline = article.headline.trim();
  add(
    'headline',
    'Headline present and within budget',
    headline.length > 0 && headline.length <= options.headlineBudget,
    headline.length === 0
      ? 'There is no headline.'
      : `${headline.length} of ${options.headlineBudget} characters${headline.length > options.headlineBudget ? `: ${headline.length - options.headlineBudget} over` : ''}.`,
  );
  const ch = article.contentHighlight.trim();
  add(
    'contentHighlight',
    'Content Highlight present and within budget',
    ch.length > 0 && ch.length <= options.contentHighlightBudget,
    ch.length === 0
      ? 'There is no Content Highlight.'
      : `${ch.length} of ${options.contentHighlightBudget} characters${ch.length > options.contentHighlightBudget ? `: ${ch.length - options.contentHighlightBudget} over` : ''}.`,
  );
  add(
    'byline',
    'Byline',
    article.byline.trim().length > 0,
    article.byline.trim() ? article.byline.trim() : 'There is no byline.',
  );
  add(
    'dateline',
    'Dateline',
    article.dateline.trim().length > 0,
    article.dateline.trim() ? article.dateline.trim() : 'There is no dateline.',
  );
  add(
    'bodyLength',
    'Body length',
    ctx.bodyWords >= options.minBodyWords,
    `${ctx.bodyWords} words${ctx.bodyWords < options.minBodyWords ? `; at least ${options.minBodyWords} are needed` : ''}.`,
  );
  const blocking = (kind: Finding['kind']) =>
    ctx.findings.filter((f) => f.kind === kind && f.severity === 'error');
  const spelling = blocking('spelling');
  add(
    'spelling',
    'No unresolved spelling findings',
    spelling.length === 0,
    spelling.length === 0
      ? 'None open (ignored ones do not count).'
      : `${spelling.length} open: ${summarise(spelling)}.`,
  );
  const names = blocking('names');
  add(
    'names',
    'No name spelt two ways',
    names.length === 0,
    names.length === 0
      ? 'None open (ignored ones do not count).'
      : `${names.length} open: ${summarise(names)}.`,
  );
  const open = countOpenReview(article);
  const suggestions = hooks.openSuggestions?.(article) ?? open.suggestions;
  add(
    'suggestions',
    'No open suggestions',
    suggestions === 0,
    suggestions === 0 ? 'None in this article.' : `${suggestions} open.`,
  );
  const comments = hooks.openComments?.(article) ?? open.comments;
  add(
    'comments',
    'No open comments',
    comments === 0,
    comments === 0 ? 'None in this article.' : `${comments} open.`,
  );
  const links = ctx.blocks.flatMap((b) => b.links);
  const badLinks = links.filter((l) => !SAFE_LINK.test(l.href.trim()));
  add(
    'links',
    'Every link is http(s) or mailto',
    badLinks.length === 0,
    links.length === 0
      ? 'No links in this article.'
      : badLinks.length === 0
        ? `${links.length} link${links.length === 1 ? '' : 's'}, all http(s) or mailto.`
        : `Not a web or mail address: ${badLinks.map((l) => `“${l.text}” → ${l.href || '(empty)'}`).join('; ')}.`,
  );
  const figures = ctx.leaves.filter((l) => l.type === 'figure' || l.type === 'image');
  const badFigures = figures.filter(
    (f) => !String(f.attrs.alt ?? '').trim() || !String(f.attrs.credit ?? '').trim(),
  );
  add(
    'figures',
    'Every figure has alt text and a credit',
    badFigures.length === 0,
    figures.length === 0
      ? 'None in this article.'
      : badFigures.length === 0
        ? `${figures.length} figure${figures.length === 1 ? '' : 's'}, all with alt text and credit.`
        : `${badFigures.length} of ${figures.length} figures lack alt text or a credit.`,
  );
  return { ready: items.every((i) => i.status !== 'fail'), items };
}

function summarise(findings: readonly Finding[]): string {
  const texts = [...new Set(findings.map((f) => `“${f.text}”`))];
  return texts.length > 5 ? `${texts.slice(0, 5).join(', ')} and ${texts.length - 5} more` : texts.join(', ');
}
