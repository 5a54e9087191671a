import type { BodyDoc, BodyNode, CommentThread, FieldSuggestion } from '../article';

/**
 * How much review is still open in an article, counted from its JSON alone (no editor schema),
 * so the copy desk's readiness check can count it in the checks worker, in main and in the CLI
 * alike. It agrees with `openReviewItems` in forExport.ts, which lists the items themselves.
 */

const SUGGESTION_MARK_NAMES: ReadonlySet<string> = new Set(['insertion', 'deletion', 'modification']);

/** The distinct body suggestions: every insertion, deletion or modification mark id counts once. */
export function countBodySuggestions(body: BodyDoc | BodyNode): number {
  const ids = new Set<string>();
  const walk = (node: BodyNode): void => {
    for (const mark of node.marks ?? []) {
      if (SUGGESTION_MARK_NAMES.has(mark.type)) ids.add(String(mark.attrs?.id ?? ''));
    }
    for (const child of node.content ?? []) walk(child);
  };
  walk(body as BodyNode);
  return ids.size;
}

/** The review an article may carry besides its body. */
export interface ReviewCarrier {
  body: BodyDoc;
  comments?: readonly CommentThread[];
  fieldSuggestions?: readonly FieldSuggestion[];
}

/** Open suggestions (in the body and on the fields) and unresolved comment threads. */
export function countOpenReview(article: ReviewCarrier): { suggestions: number; comments: number } {
  return {
    suggestions: countBodySuggestions(article.body) + (article.fieldSuggestions?.length ?? 0),
    comments: (article.comments ?? []).filter((c) => !c.resolved).length,
  };
}
