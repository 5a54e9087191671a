import type { RawIssue } from './spelling';
import { sentences, syllables, words } from './tokens';

/** Thresholds for the readability warnings (news copy: short sentences, short paragraphs). */
export interface ReadabilityOptions {
  /** A sentence longer than this many words is a finding. Default 30. */
  longSentenceWords: number;
  /** A sentence longer than this is a warning rather than a note. Default 40. */
  veryLongSentenceWords: number;
  /** A paragraph longer than this many words is a finding. Default 70. */
  longParagraphWords: number;
}

export const DEFAULT_READABILITY: ReadabilityOptions = {
  longSentenceWords: 30,
  veryLongSentenceWords: 40,
  longParagraphWords: 70,
};

/** What one block contributes to the article's readability score. */
export interface BlockReadability {
  words: number;
  sentences: number;
  syllables: number;
  issues: RawIssue[];
}

/** Long sentences and long paragraphs in one block, and its counts for the Flesch score. */
export function blockReadability(
  text: string,
  options: ReadabilityOptions,
  paragraph: boolean,
): BlockReadability {
  const issues: RawIssue[] = [];
  let wordCount = 0;
  let syll = 0;
  const spans = sentences(text);
  for (const s of spans) {
    const ws = words(s.text);
    wordCount += ws.length;
    for (const w of ws) syll += syllables(w.text);
    if (ws.length > options.longSentenceWords) {
      issues.push({
        rule: 'long-sentence',
        start: s.start,
        end: s.end,
        text: s.text,
        message: `This sentence has ${ws.length} words; news sentences read best under ${options.longSentenceWords}. Consider splitting it.`,
        suggestions: [],
        severity: ws.length > options.veryLongSentenceWords ? 'warning' : 'info',
      });
    }
  }
  if (paragraph && wordCount > options.longParagraphWords) {
    issues.push({
      rule: 'long-paragraph',
      start: 0,
      end: text.length,
      text,
      message: `This paragraph has ${wordCount} words in ${spans.length} sentence${spans.length === 1 ? '' : 's'}; news paragraphs read best under ${options.longParagraphWords} words. Consider breaking it.`,
      suggestions: [],
      severity: 'info',
    });
  }
  return { words: wordCount, sentences: spans.length, syllables: syll, issues };
}

/** Flesch reading ease: 206.835 − 1.015 × words per sentence − 84.6 × syllables per word. */
export function fleschReadingEase(wordCount: number, sentenceCount: number, syllableCount: number): number {
  if (wordCount === 0 || sentenceCount === 0) return 0;
  const score = 206.835 - 1.015 * (wordCount / sentenceCount) - 84.6 * (syllableCount / wordCount);
  return Math.round(score * 10) / 10;
}
