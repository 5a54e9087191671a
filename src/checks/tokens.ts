/** A word in a text with its offsets. */
export interface Token {
  text: string;
  start: number;
  end: number;
  /** First word of its sentence (or of the text): capitals there say nothing about names. */
  sentenceStart: boolean;
}

// Letters with inner apostrophes or hyphens: "don’t", "O’Neill", "north-west".
const WORD = /\p{L}[\p{L}\p{M}]*(?:['’-][\p{L}\p{M}]+)*/gu;
const URLISH = /\b(?:https?:\/\/|mailto:|www\.)\S+|\S+@\S+\.\S+/giu;

/** Word tokens of `text`, skipping URLs and e-mail addresses. */
export function words(text: string): Token[] {
  const skip: [number, number][] = [];
  for (const m of text.matchAll(URLISH)) skip.push([m.index, m.index + m[0].length]);
  const out: Token[] = [];
  let sentenceStart = true;
  let last = 0;
  for (const m of text.matchAll(WORD)) {
    const start = m.index;
    const between = text.slice(last, start);
    // A sentence starts after . ! ? : or a line break, or after an opening quote at the start.
    if (/[.!?:]["”’')\]]*\s|\n/.test(between) || /^\s*[-–—•*]\s/.test(between)) sentenceStart = true;
    last = start + m[0].length;
    if (skip.some(([a, b]) => start >= a && start < b)) continue;
    out.push({ text: m[0], start, end: last, sentenceStart });
    sentenceStart = false;
  }
  return out;
}

/** A sentence span in a text. */
export interface SentenceSpan {
  start: number;
  end: number;
  text: string;
}

// Abbreviations whose full stop does not end a sentence.
const ABBREVIATIONS =
  /(?:^|\s)(?:Mr|Mrs|Ms|Dr|St|Prof|Rev|Gen|Col|Capt|Lt|Sgt|No|vs|etc|e\.g|i\.e|a\.m|p\.m|Jan|Feb|Mar|Apr|Jun|Jul|Aug|Sep|Sept|Oct|Nov|Dec|[A-Z])\.$/;

/** Splits a block of text into sentences (good enough for news copy; not a parser). */
export function sentences(text: string): SentenceSpan[] {
  const out: SentenceSpan[] = [];
  let start = 0;
  const re = /[.!?]+["”’')\]]*(?=\s+["“‘(]?[\p{Lu}\p{N}£$€]|\s*$)|\n/gu;
  for (const m of text.matchAll(re)) {
    const end = m.index + m[0].length;
    if (m[0] !== '\n' && ABBREVIATIONS.test(text.slice(start, m.index + 1))) continue;
    push(start, end);
    start = end;
  }
  push(start, text.length);
  function push(a: number, b: number): void {
    const raw = text.slice(a, b);
    const lead = raw.length - raw.trimStart().length;
    const trimmed = raw.trim();
    if (trimmed) out.push({ start: a + lead, end: a + lead + trimmed.length, text: trimmed });
  }
  return out;
}

/** Whether a word starts with a capital letter. */
export const isCapitalised = (w: string): boolean => /^\p{Lu}/u.test(w);

/** Whether a word is all capitals (an acronym or a dateline such as "PORTHAVEN"). */
export const isAllCaps = (w: string): boolean => w.length > 1 && /^[\p{Lu}\p{M}'’-]+$/u.test(w);

/** Removes a possessive ending: "Okonjo’s" → "Okonjo". */
export const stripPossessive = (w: string): string => w.replace(/['’]s$/u, '');

/** Lower case without accents, for comparing spellings ("Wiśniewski" ~ "Wisniewski"). */
export function fold(w: string): string {
  return w.normalize('NFD').replace(/\p{M}/gu, '').toLowerCase();
}

/** Counts syllables in an English word, heuristically (for the Flesch score only). */
export function syllables(word: string): number {
  const w = fold(word).replace(/[^a-z]/g, '');
  if (w.length <= 3) return 1;
  const trimmed = w.replace(/(?:[^laeiouy]es|ed|[^laeiouy]e)$/, '').replace(/^y/, '');
  const groups = trimmed.match(/[aeiouy]{1,2}/g);
  return Math.max(1, groups?.length ?? 1);
}
