import { DESK_STATUSES, type ArticleSummary, type DeskStatus } from '../../../shared/article';

/** How the library list is ordered. */
export const LIBRARY_SORTS = ['relevance', 'updated', 'created', 'headline'] as const;
export type LibrarySort = (typeof LIBRARY_SORTS)[number];

export const LIBRARY_SORT_LABELS: Record<LibrarySort, string> = {
  relevance: 'Best match',
  updated: 'Last modified',
  created: 'Created',
  headline: 'Headline (A–Z)',
};

/** The filters a reporter sets on top of the search words. Empty strings mean "any". */
export interface LibraryFilters {
  status: DeskStatus | '';
  byline: string;
  /** Matches the section or any tag. */
  sectionOrTag: string;
  /** Last modified on or after this day (`YYYY-MM-DD`, local time). */
  from: string;
  /** Last modified on or before this day (`YYYY-MM-DD`, local time). */
  to: string;
  sort: LibrarySort;
  /** Show the list in groups by desk status (in the statuses' order), each with its count. */
  groupByStatus?: boolean;
}

export const NO_FILTERS: LibraryFilters = {
  status: '',
  byline: '',
  sectionOrTag: '',
  from: '',
  to: '',
  sort: 'relevance',
};

/** How many filters narrow the list (the sort order is not a filter). */
export function activeFilterCount(f: LibraryFilters): number {
  return [f.status, f.byline.trim(), f.sectionOrTag.trim(), f.from, f.to].filter(Boolean).length;
}

export function isDeskStatus(value: string): value is DeskStatus {
  return (DESK_STATUSES as readonly string[]).includes(value);
}

/**
 * Folds text the way the library's search does (case and accents ignored), so what the list
 * highlights is what the library matched.
 */
export function fold(s: string): string {
  return s.normalize('NFD').replace(/\p{M}/gu, '').toLowerCase();
}

/** The search words of a query, folded; empty for a blank query. */
export function queryTerms(query: string): string[] {
  return fold(query).split(/\s+/).filter(Boolean);
}

function dayStart(day: string): number {
  return new Date(`${day}T00:00:00`).getTime();
}

/** Applies the filters and the sort to a list the library already matched against the search words. */
export function applyLibraryFilters(list: ArticleSummary[], f: LibraryFilters): ArticleSummary[] {
  const byline = fold(f.byline.trim());
  const tag = fold(f.sectionOrTag.trim());
  const from = f.from ? dayStart(f.from) : -Infinity;
  // "To 12 March" includes all of 12 March.
  const to = f.to ? dayStart(f.to) + 24 * 60 * 60 * 1000 : Infinity;
  const out = list.filter((a) => {
    if (f.status && a.status !== f.status) return false;
    if (byline && !fold(a.byline).includes(byline)) return false;
    if (tag && !fold(a.section).includes(tag) && !a.tags.some((t) => fold(t).includes(tag))) return false;
    const t = Date.parse(a.updatedAt);
    return t >= from && t < to;
  });
  const collator = new Intl.Collator(undefined, { sensitivity: 'base', numeric: true });
  switch (f.sort) {
    case 'created':
      return out.sort((a, b) => Date.parse(b.createdAt) - Date.parse(a.createdAt));
    case 'headline':
      return out.sort((a, b) =>
        collator.compare(a.headline.trim() || '\uffff', b.headline.trim() || '\uffff'),
      );
    case 'relevance':
      // The library's order: by relevance for a search, newest first otherwise.
      return out;
    case 'updated':
      return out.sort((a, b) => Date.parse(b.updatedAt) - Date.parse(a.updatedAt));
  }
}

/** The list split by desk status, in the order an article moves through them; empty groups left out. */
export function groupByStatus(
  list: readonly ArticleSummary[],
): { status: DeskStatus; articles: ArticleSummary[] }[] {
  return DESK_STATUSES.map((status) => ({
    status,
    articles: list.filter((a) => a.status === status),
  })).filter((g) => g.articles.length > 0);
}

/** A piece of text, and whether it matched a search word. */
export interface TextPart {
  text: string;
  match: boolean;
}

/**
 * Splits `text` into matched and unmatched parts for the folded search `terms`. Folding can
 * change a string's length (é → e + accent), so matching runs on folded characters mapped back
 * to their positions in the original text.
 */
export function highlightParts(text: string, terms: readonly string[]): TextPart[] {
  if (terms.length === 0 || !text) return [{ text, match: false }];
  let folded = '';
  const origin: number[] = [];
  let i = 0;
  for (const ch of text) {
    const f = fold(ch);
    for (let k = 0; k < f.length; k++) origin.push(i);
    folded += f;
    i += ch.length;
  }
  origin.push(text.length);
  const marked = new Uint8Array(text.length);
  for (const term of terms) {
    let at = folded.indexOf(term);
    while (at !== -1) {
      const start = origin[at]!;
      const end = origin[at + term.length] ?? text.length;
      marked.fill(1, start, Math.max(end, start + 1));
      at = folded.indexOf(term, at + term.length);
    }
  }
  const parts: TextPart[] = [];
  let start = 0;
  for (let j = 1; j <= text.length; j++) {
    if (j === text.length || marked[j] !== marked[start]) {
      parts.push({ text: text.slice(start, j), match: marked[start] === 1 });
      start = j;
    }
  }
  return parts;
}
