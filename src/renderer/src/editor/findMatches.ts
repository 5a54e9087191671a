/** What to look for: the same options apply to the article's fields and its body. */
export interface FindQuery {
  text: string;
  caseSensitive: boolean;
  wholeWord: boolean;
}

export const EMPTY_QUERY: FindQuery = { text: '', caseSensitive: false, wholeWord: false };

const SPECIAL = /[.*+?^${}()|[\]\\]/g;

/**
 * The query as a global regular expression, or null when there is nothing to look for. A whole
 * word is one with no letter or digit right before or after it, in any script ("café" is a
 * word, "£12m" contains "12m" only as part of a word).
 */
export function findRegExp(query: FindQuery): RegExp | null {
  if (query.text === '') return null;
  const escaped = query.text.replace(SPECIAL, '\\$&');
  const source = query.wholeWord ? `(?<![\\p{L}\\p{N}_])${escaped}(?![\\p{L}\\p{N}_])` : escaped;
  return new RegExp(source, `gu${query.caseSensitive ? '' : 'i'}`);
}

/** Start and end offsets of every match in `text`. */
export function findInText(text: string, re: RegExp | null): { from: number; to: number }[] {
  if (!re) return [];
  const out: { from: number; to: number }[] = [];
  re.lastIndex = 0;
  for (const m of text.matchAll(re)) {
    if (m[0].length === 0) continue;
    out.push({ from: m.index, to: m.index + m[0].length });
  }
  return out;
}
