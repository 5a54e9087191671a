import type { ReadinessItemId, ReadinessReport } from '../checks/types';
import type { LibraryStore } from '../library/store';
import {
  DESK_STATUS_LABELS,
  type Article,
  type DeskStatus,
  type Person,
  type StatusChange,
} from '../shared/article';
import type { ArticleReviewItems, ExportFormat, ExportOptions, OpenReviewItemView } from '../shared/contract';
import { CopydeskError } from '../shared/errors';
import { openReviewItems } from '../shared/review/forExport';

/**
 * Desk status changes and the publish gate, and the export gate for open review, shared by the
 * app's handlers, batch export and the CLI.
 */

const oneLine = (s: string, max = 120): string => {
  const flat = s.replace(/\s+/g, ' ').trim();
  return flat.length > max ? `${flat.slice(0, max - 1)}…` : flat;
};

const FIELD_LABELS = {
  headline: 'Headline',
  contentHighlight: 'Content Highlight',
  byline: 'Byline',
} as const;

/** An article's open suggestions and unresolved comments, one line each, as exports list them. */
export function reviewItemViews(article: Article): OpenReviewItemView[] {
  const open = openReviewItems(article);
  return [
    ...open.suggestions.map((s) => ({
      kind: 'suggestion' as const,
      author: s.author?.name || 'Someone',
      text: `${s.kinds.includes('deletion') && !s.kinds.includes('insertion') ? 'Delete' : s.kinds.includes('insertion') ? 'Insert' : 'Reformat'} “${oneLine(s.text, 80)}”`,
    })),
    ...open.fieldSuggestions.map((s) => ({
      kind: 'field-suggestion' as const,
      author: s.author.name || 'Someone',
      text: `${FIELD_LABELS[s.field]}: “${oneLine(s.to, 80)}”`,
    })),
    ...open.comments.map((c) => ({
      kind: 'comment' as const,
      author: c.messages[0]?.author.name || 'Someone',
      text: `On “${oneLine(c.quote, 50)}”: ${oneLine(c.messages[0]?.text ?? '', 80)}`,
    })),
  ];
}

/** The articles among `articles` with something open in review. */
export function articlesWithOpenReview(articles: Article[]): ArticleReviewItems[] {
  return articles
    .map((a) => ({ id: a.id, headline: a.headline, items: reviewItemViews(a) }))
    .filter((a) => a.items.length > 0);
}

function describeItems(items: OpenReviewItemView[]): string {
  const count = (kind: OpenReviewItemView['kind']) => items.filter((i) => i.kind === kind).length;
  const suggestions = count('suggestion') + count('field-suggestion');
  const comments = count('comment');
  const parts = [
    suggestions && `${suggestions} open ${suggestions === 1 ? 'suggestion' : 'suggestions'}`,
    comments && `${comments} unresolved ${comments === 1 ? 'comment' : 'comments'}`,
  ].filter(Boolean);
  return parts.join(' and ');
}

/**
 * Publish-ready HTML never goes out with review still open: refused (`review-open`) unless the
 * caller chose `asOriginal`, the text as if every suggestion were rejected. Other formats are
 * exported (with suggestions resolved as `options.suggestions` says) and only warned about by
 * the caller.
 */
export function assertExportable(article: Article, format: ExportFormat, options: ExportOptions = {}): void {
  if (format !== 'html' || options.asOriginal) return;
  const items = reviewItemViews(article);
  if (items.length === 0) return;
  throw new CopydeskError(
    'review-open',
    `“${article.headline.trim() || 'Untitled'}” has ${describeItems(items)}, so it was not exported as publish-ready HTML. Resolve them first, or export the original text (as if every suggestion were rejected).`,
    { detail: items.map((i) => `${i.kind} by ${i.author}: ${i.text}`).join('\n') },
  );
}

/** Runs the publish-readiness check on an article, with the given items counted as overridden. */
export type ReadinessCheck = (article: Article, overrides: ReadinessItemId[]) => Promise<ReadinessReport>;

/**
 * Publish-ready HTML goes out only when the article passes the readiness check (headline,
 * Content Highlight, byline, dateline, findings, figures, links…), as in the app's Export dialog.
 * Exported as the original text (`asOriginal`), open suggestions and comments no longer stand in
 * the way. When items fail: refused (`not-ready`, listing them) unless `overrideReason` is given;
 * then the failing items are returned so the caller can say what was overridden. Other formats,
 * and callers without a `readiness` check, pass.
 */
export async function assertPublishReady(
  article: Article,
  format: ExportFormat,
  options: ExportOptions,
  readiness: ReadinessCheck | undefined,
  overrideReason?: string,
): Promise<string[]> {
  if (format !== 'html' || !readiness) return [];
  const report = await readiness(article, options.asOriginal ? ['suggestions', 'comments'] : []);
  const failing = failingReadiness(report);
  if (failing.length === 0 || overrideReason?.trim()) return failing;
  throw new CopydeskError(
    'not-ready',
    `“${article.headline.trim() || 'Untitled'}” was not exported as publish-ready HTML: ${failing.length === 1 ? 'one item fails' : `${failing.length} items fail`} the publish-readiness check (${failing.join('; ')}). Fix them, or export anyway with an override and a reason.`,
  );
}

/** The failing readiness items, as they are shown and recorded: "label: detail". */
export function failingReadiness(report: ReadinessReport): string[] {
  return report.items
    .filter((i) => i.status === 'fail')
    .map((i) => `${i.label}: ${i.detail}`.slice(0, 1000))
    .slice(0, 200);
}

export interface StatusChangeRequest {
  id: string;
  status: DeskStatus;
  /** The revision the caller saw; omitted by the CLI, which reads the current one. */
  baseRev?: number;
  message?: string;
  /** Publish although the readiness check fails: the reason is recorded with the failing items. */
  override?: { reason: string };
  by: Person;
}

/** Thrown when publishing is refused; `failing` lists the readiness items that fail. */
export class NotReadyError extends CopydeskError {
  readonly failing: string[];

  constructor(headline: string, failing: string[]) {
    super(
      'not-ready',
      `“${headline.trim() || 'Untitled'}” was not published: ${failing.length === 1 ? 'one item fails' : `${failing.length} items fail`} the publish-readiness check (${failing.join('; ')}). Fix them, or publish anyway with an override and a reason.`,
    );
    this.failing = failing;
  }
}

/**
 * Changes an article's desk status. Moving to Published runs `readiness` on the stored article
 * first: when it fails, the change is refused with a NotReadyError unless `override.reason` is
 * given, and then the reason and the failing items are recorded in the status history.
 */
export async function changeDeskStatus(
  library: LibraryStore,
  request: StatusChangeRequest,
  readiness: ReadinessCheck,
): Promise<Article> {
  const current = await library.get(request.id);
  if (request.baseRev !== undefined && current.rev !== request.baseRev) {
    throw new CopydeskError(
      'conflict',
      'This article was saved from somewhere else since you opened it. Reopen it and change the status again.',
    );
  }
  let override: StatusChange['override'];
  if (request.status === 'published' && current.status !== 'published') {
    const failing = failingReadiness(await readiness(current, []));
    if (failing.length > 0) {
      const reason = request.override?.reason.trim();
      if (!reason) throw new NotReadyError(current.headline, failing);
      override = { reason: reason.slice(0, 2000), findings: failing };
    }
  }
  await library.setStatus(request.id, request.status, {
    baseRev: current.rev,
    by: request.by,
    message: request.message,
    override,
  });
  return library.get(request.id);
}

/** A status change in one line, for the CLI and logs: "12 Mar 10:42  Jane Doe  Draft → In edit  “message”". */
export function describeStatusChange(change: StatusChange): string {
  const who = change.by.name || change.by.initials || 'Someone';
  const parts = [
    change.at,
    who,
    `${DESK_STATUS_LABELS[change.from]} → ${DESK_STATUS_LABELS[change.to]}`,
    change.message ? `“${change.message}”` : '',
  ].filter(Boolean);
  let line = parts.join('  ');
  if (change.override) {
    line += `\n    override: ${change.override.reason}`;
    for (const f of change.override.findings) line += `\n      - ${f}`;
  }
  return line;
}
