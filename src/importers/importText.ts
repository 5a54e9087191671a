import type { ArticleDraft, BodyNode, ImportNote } from '../shared/article';
import { cleanInputText, finishDraft, type ImportOptions } from './draft';
import {
  detectStructure,
  isFurnitureLine,
  isHeaderLine,
  looksLikeTitle,
  parseContentHighlight,
} from './structure';

const BULLET = /^[-*•·▪‣◦–]\s+(\S.*)$/u;
const NUMBERED = /^(\d{1,3})[.)]\s+(\S.*)$/u;

type ListKind = 'bulletList' | 'orderedList';

interface ListLine {
  kind: ListKind;
  number: number;
  text: string;
}

function listLine(line: string): ListLine | null {
  const trimmed = line.trim();
  const bullet = BULLET.exec(trimmed);
  if (bullet) return { kind: 'bulletList', number: 0, text: bullet[1] };
  const numbered = NUMBERED.exec(trimmed);
  if (numbered) return { kind: 'orderedList', number: Number(numbered[1]), text: numbered[2] };
  return null;
}

function textNode(text: string): BodyNode[] {
  return text === '' ? [] : [{ type: 'text', text }];
}

function paragraph(text: string): BodyNode {
  const content = textNode(text);
  return content.length > 0 ? { type: 'paragraph', content } : { type: 'paragraph' };
}

/**
 * Lines of one paragraph. Wrapped prose is joined with spaces; a run of short lines with no
 * sentence ending (an address, a list of links, "Share on Facebook / Share on Twitter") keeps its
 * line breaks, because joining them would make one nonsense sentence.
 */
function proseBlock(lines: string[]): BodyNode {
  if (lines.length > 1 && lines.every((line) => looksLikeTitle(line))) {
    const content: BodyNode[] = [];
    lines.forEach((line, i) => {
      if (i > 0) content.push({ type: 'hardBreak' });
      content.push(...textNode(line));
    });
    return { type: 'paragraph', content };
  }
  return paragraph(lines.join(' '));
}

function listBlock(kind: ListKind, start: number, items: string[]): BodyNode {
  const list: BodyNode = {
    type: kind,
    content: items.map((item) => ({ type: 'listItem', content: [paragraph(item)] })),
  };
  if (kind === 'orderedList' && start !== 1) list.attrs = { start };
  return list;
}

/**
 * One group of lines (a paragraph between blank lines) as body blocks: prose, or lists where at
 * least two lines start with a bullet or a number. Indented lines continue the list item above.
 */
function groupBlocks(lines: string[], allowSingleItemList: boolean): BodyNode[] {
  const markers = lines.map(listLine);
  const listLines = markers.filter((m) => m !== null).length;
  const lists = listLines >= 2 || (allowSingleItemList && listLines === 1 && lines.length === 1);

  const blocks: BodyNode[] = [];
  let prose: string[] = [];
  let list: { kind: ListKind; start: number; items: string[] } | null = null;
  const flushProse = (): void => {
    if (prose.length > 0) blocks.push(proseBlock(prose));
    prose = [];
  };
  const flushList = (): void => {
    if (list) blocks.push(listBlock(list.kind, list.start, list.items));
    list = null;
  };

  lines.forEach((raw, i) => {
    const line = raw.trim();
    const marker = lists ? markers[i] : null;
    if (marker) {
      flushProse();
      if (!list || list.kind !== marker.kind) {
        flushList();
        list = { kind: marker.kind, start: marker.number, items: [] };
      }
      list.items.push(marker.text);
    } else if (list && /^\s/.test(raw)) {
      const items: string[] = list.items;
      items[items.length - 1] += ` ${line}`;
    } else {
      flushList();
      prose.push(line);
    }
  });
  flushProse();
  flushList();
  return blocks;
}

function listStart(list: BodyNode): number {
  const start = list.attrs?.start;
  return typeof start === 'number' ? start : 1;
}

/** Whether `block` carries on the list `previous` (bullets, or numbers counting on). */
function continuesList(previous: BodyNode, block: BodyNode): boolean {
  if (previous.type !== block.type) return false;
  if (block.type === 'bulletList') return true;
  return (
    block.type === 'orderedList' && listStart(block) === listStart(previous) + (previous.content?.length ?? 0)
  );
}

/** Splits text into groups of non-blank lines (paragraphs), trailing spaces removed. */
function lineGroups(text: string): string[][] {
  const groups: string[][] = [];
  let current: string[] = [];
  for (const line of text.split('\n')) {
    if (line.trim() === '') {
      if (current.length > 0) groups.push(current);
      current = [];
    } else {
      current.push(line.trimEnd());
    }
  }
  if (current.length > 0) groups.push(current);
  return groups;
}

/**
 * Pulls lines that are never part of a prose paragraph out into their own groups: a page header
 * copied without blank lines ("Headline / By … / repeated headline"), and "Content Highlight:" or
 * furniture lines ("You may also like") that sit right under the last paragraph.
 */
function separateStructuralLines(groups: string[][]): string[][] {
  const out: string[][] = [];
  groups.forEach((group, g) => {
    if (group.length === 1) {
      out.push(group);
      return;
    }
    let rest = group;
    if (g === 0 && looksLikeTitle(group[0])) {
      const headline = group[0].trim();
      out.push([group[0]]);
      let k = 1;
      while (k < group.length && isHeaderLine(group[k], headline)) out.push([group[k++]]);
      rest = group.slice(k);
    }
    let current: string[] = [];
    for (const line of rest) {
      if (parseContentHighlight(line) !== null || isFurnitureLine(line)) {
        if (current.length > 0) out.push(current);
        out.push([line]);
        current = [];
      } else {
        current.push(line);
      }
    }
    if (current.length > 0) out.push(current);
  });
  return out;
}

/**
 * Imports plain text copied from a news web page: the first line as the headline, a "by …" line
 * as the byline, a leading "City:" as the dateline, "Content Highlight: …" as its field; the
 * page's repeat of its headline and the furniture after the article are left out. Every moved or
 * dropped piece is listed in `report`; the words kept are never corrected.
 */
export function importText(text: string, _options?: ImportOptions): ArticleDraft {
  const report: ImportNote[] = [];
  const groups = separateStructuralLines(lineGroups(cleanInputText(text, report)));

  const singleListLine = groups.map((group) => group.length === 1 && listLine(group[0]) !== null);
  const blocks: BodyNode[] = [];
  groups.forEach((group, i) => {
    // "- a", blank line, "- b": a list written with blank lines between its items.
    const neighbourIsItem = Boolean(singleListLine[i - 1] || singleListLine[i + 1]);
    for (const block of groupBlocks(group, neighbourIsItem)) {
      const previous = blocks[blocks.length - 1];
      if (previous !== undefined && continuesList(previous, block))
        previous.content = [...(previous.content ?? []), ...(block.content ?? [])];
      else blocks.push(block);
    }
  });

  const structure = detectStructure(blocks);
  return finishDraft(structure, structure.blocks, [...report, ...structure.report]);
}
