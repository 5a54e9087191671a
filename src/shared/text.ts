import type { BodyNode } from './article';

/** Block node types whose text is separated from the next block's by a break. */
const INLINE_TYPES = new Set(['text', 'hardBreak']);

/**
 * The plain text of a TipTap JSON document, blocks separated by blank lines.
 * Used for word counts, search and plain-text export, so it must not depend on a DOM.
 */
export function bodyText(node: BodyNode | undefined): string {
  if (!node) return '';
  const blocks: string[] = [];
  const walk = (n: BodyNode): void => {
    const children = n.content ?? [];
    if (children.length > 0 && children.every((c) => INLINE_TYPES.has(c.type))) {
      blocks.push(children.map((c) => (c.type === 'text' ? (c.text ?? '') : '\n')).join(''));
      return;
    }
    if (n.type === 'text') {
      blocks.push(n.text ?? '');
      return;
    }
    children.forEach(walk);
  };
  walk(node);
  return blocks.filter((b) => b.trim() !== '').join('\n\n');
}

const WORD = /[\p{L}\p{N}]+(?:[’'.\-,][\p{L}\p{N}]+)*/gu;

/** Counts words the way an editor would: "£12m", "31-4" and "don’t" are one word each. */
export function countWords(text: string): number {
  let n = 0;
  for (const _ of text.matchAll(WORD)) n++;
  return n;
}

/** Reading time in whole minutes (at least one for any text), at `wordsPerMinute`. */
export function readingMinutes(words: number, wordsPerMinute = 230): number {
  if (words === 0) return 0;
  return Math.max(1, Math.round(words / wordsPerMinute));
}
