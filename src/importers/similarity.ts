/**
 * Fuzzy comparison of short lines (headlines, their repeats). Kept separate from the structure
 * rules so the rules read as rules and this file can be tested on its own.
 */

// Quotes and apostrophes are dropped outright: a page that repeats its headline often quotes it
// (‘Riverside council approves…’), and “don't” should equal “dont”.
const QUOTES = /['"`´‘’‚‛“”„‟«»‹›]/gu;

/**
 * A line reduced to what a reader compares: lower case, no quotes, punctuation as spaces,
 * single spaces. Currency signs and digits stay, so "£12m" still differs from "£15m".
 */
export function normaliseForComparison(text: string): string {
  return text
    .normalize('NFKC')
    .toLowerCase()
    .replace(QUOTES, '')
    .replace(/[\p{P}\p{Z}\s]+/gu, ' ')
    .trim();
}

/**
 * Levenshtein distance between two strings, in UTF-16 code units. O(a·b) time, O(b) memory:
 * callers only pass short lines (a headline and its candidate repeat).
 */
export function editDistance(a: string, b: string): number {
  if (a === b) return 0;
  if (a.length === 0) return b.length;
  if (b.length === 0) return a.length;
  let previous = new Array<number>(b.length + 1);
  let current = new Array<number>(b.length + 1);
  for (let j = 0; j <= b.length; j++) previous[j] = j;
  for (let i = 1; i <= a.length; i++) {
    current[0] = i;
    const ca = a.charCodeAt(i - 1);
    for (let j = 1; j <= b.length; j++) {
      const substitution = previous[j - 1] + (ca === b.charCodeAt(j - 1) ? 0 : 1);
      current[j] = Math.min(substitution, previous[j] + 1, current[j - 1] + 1);
    }
    [previous, current] = [current, previous];
  }
  return previous[b.length];
}

/** 1 for equal strings, 0 for nothing in common: one minus the edit distance over the longer length. */
export function similarity(a: string, b: string): number {
  const longest = Math.max(a.length, b.length);
  if (longest === 0) return 1;
  return 1 - editDistance(a, b) / longest;
}
