import { DOMParser as ProseMirrorDOMParser } from '@tiptap/pm/model';
import type { BodyDoc, BodyNode, ImportNote } from '../article';
import { articleSchema } from '../editor/schema';
import { CopydeskError } from '../errors';

/**
 * The clean-up every pasted or imported piece of HTML gets after the sanitiser and before
 * ProseMirror parses it, with no DOM of its own: Node runs it on jsdom (htmlToBody.ts), the
 * renderer on the browser's DOM (paste). Import and paste therefore drop the same clipboard noise.
 */

/** Options for {@link blocksFromSanitisedBody}. */
export interface CleanHtmlOptions {
  /**
   * Keep tables as tables (paste). When false, each row becomes a paragraph and the report says
   * so, as the importers have always done.
   * @default false
   */
  keepTables?: boolean;
}

// DOM node types and the "show everything" TreeWalker filter, as numbers: the sanitiser's
// document has no window, so there is no `Node` or `NodeFilter` global to read them from.
const ELEMENT_NODE = 1;
const TEXT_NODE = 3;
const PROCESSING_INSTRUCTION_NODE = 7;
const COMMENT_NODE = 8;
const SHOW_ALL = 0xffffffff;

const BLOCK_TAGS = new Set([
  'P',
  'DIV',
  'H1',
  'H2',
  'H3',
  'H4',
  'H5',
  'H6',
  'UL',
  'OL',
  'LI',
  'BLOCKQUOTE',
  'TABLE',
  'CAPTION',
  'TR',
  'TD',
  'TH',
  'THEAD',
  'TBODY',
  'TFOOT',
  'HR',
  'PRE',
  'SECTION',
  'ARTICLE',
  'ASIDE',
  'HEADER',
  'FOOTER',
  'MAIN',
  'FIGURE',
  'FIGCAPTION',
]);

// Deeper than this, formatting wrappers are flattened: the text stays, and ProseMirror's
// recursive parser never meets a tree deep enough to overflow the stack.
const MAX_DEPTH = 48;
// No article is nested this deep; past it jsdom's own tree operations turn slow, so such HTML
// (a generated or hostile file) is refused rather than left to freeze the app.
const MAX_ACCEPTED_DEPTH = 512;

// Google Docs wraps its whole clipboard in `<b style="font-weight:normal" id="docs-internal-guid-…">`,
// which is not bold. (The sanitiser has already removed the id, so the style is what is left.)
const NOT_BOLD = /font-weight\s*:\s*(?:normal|lighter|[1-4]00)\b/i;

function unwrap(element: Element): void {
  const parent = element.parentNode;
  if (!parent) return;
  while (element.firstChild) parent.insertBefore(element.firstChild, element);
  parent.removeChild(element);
}

function rename(element: Element, tag: string): void {
  const replacement = element.ownerDocument.createElement(tag);
  while (element.firstChild) replacement.appendChild(element.firstChild);
  element.replaceWith(replacement);
}

function isBlockElement(node: Node | null): boolean {
  return node !== null && node.nodeType === ELEMENT_NODE && BLOCK_TAGS.has((node as Element).tagName);
}

/** The nearest sibling that is not whitespace-only text, in one direction. */
function neighbour(node: Node, direction: 'previousSibling' | 'nextSibling'): Node | null {
  let sibling = node[direction];
  while (sibling && sibling.nodeType === TEXT_NODE && (sibling.nodeValue ?? '').trim() === '') {
    sibling = sibling[direction];
  }
  return sibling;
}

/**
 * Word and HTML tables have no place in the article body: each row becomes a paragraph with its
 * cells separated by " | ", so the text and its order survive.
 */
function flattenTable(table: Element): void {
  const doc = table.ownerDocument;
  const paragraphs: Element[] = [];
  const caption = table.querySelector('caption');
  if (caption && caption.closest('table') === table) {
    const p = doc.createElement('p');
    while (caption.firstChild) p.appendChild(caption.firstChild);
    paragraphs.push(p);
  }
  for (const row of Array.from(table.querySelectorAll('tr'))) {
    if (row.closest('table') !== table) continue;
    const p = doc.createElement('p');
    const cells = Array.from(row.children).filter((c) => c.tagName === 'TD' || c.tagName === 'TH');
    cells.forEach((cell, i) => {
      if (i > 0) p.appendChild(doc.createTextNode(' | '));
      while (cell.firstChild) p.appendChild(cell.firstChild);
    });
    paragraphs.push(p);
  }
  table.replaceWith(...paragraphs);
}

/**
 * A kept table loses what the article's table has no place for: its caption becomes a paragraph
 * before it, and column groups go.
 */
function keepTable(table: Element): void {
  const doc = table.ownerDocument;
  for (const child of Array.from(table.children)) {
    if (child.tagName === 'CAPTION') {
      const p = doc.createElement('p');
      while (child.firstChild) p.appendChild(child.firstChild);
      table.before(p);
      child.remove();
    } else if (child.tagName === 'COLGROUP' || child.tagName === 'COL') {
      child.remove();
    }
  }
}

/**
 * Cleans the sanitised DOM before ProseMirror parses it: clipboard wrappers, Word's XML
 * elements and classes, comments, heading levels the body does not have, line breaks standing
 * between blocks, pictures and tables. One pass over a snapshot of the nodes, so it is linear.
 */
function preClean(body: HTMLElement, report: ImportNote[], keepTables: boolean): void {
  const doc = body.ownerDocument;
  const nodes: Node[] = [];
  const depth = new Map<Node, number>([[body, 0]]);
  const walker = doc.createTreeWalker(body, SHOW_ALL);
  for (let node = walker.nextNode(); node; node = walker.nextNode()) {
    const level = (depth.get(node.parentNode as Node) ?? 0) + 1;
    if (level > MAX_ACCEPTED_DEPTH) {
      throw new CopydeskError(
        'import-failed',
        `This HTML is nested more than ${MAX_ACCEPTED_DEPTH} levels deep, which no article is, so it was not imported. Copy the text from the page again, or save it as plain text.`,
      );
    }
    nodes.push(node);
    depth.set(node, level);
  }

  const pictures: string[] = [];
  let tables = 0;
  let flattened = false;
  const breaks: Element[] = [];
  const unlinked: string[] = [];
  for (const node of nodes) {
    if (node.nodeType === COMMENT_NODE || node.nodeType === PROCESSING_INSTRUCTION_NODE) {
      node.parentNode?.removeChild(node);
      continue;
    }
    if (node.nodeType !== ELEMENT_NODE || !node.parentNode) continue;
    const element = node as Element;
    const tag = element.tagName;
    if ((depth.get(node) ?? 0) > MAX_DEPTH && tag !== 'IMG' && tag !== 'BR') {
      flattened = true;
      // A flattened block still ends a line, or its text would run into the next block's.
      if (BLOCK_TAGS.has(tag)) element.after(doc.createElement('br'));
      unwrap(element);
      continue;
    }
    // Word's `<o:p>` and other namespaced XML elements carry no text of their own.
    if (tag.includes(':')) {
      unwrap(element);
      continue;
    }
    // `MsoNormal` and friends: no parse rule of the article schema reads a class.
    element.removeAttribute('class');
    if (tag === 'B' && NOT_BOLD.test(element.getAttribute('style') ?? '')) {
      unwrap(element);
    } else if (tag === 'H1') {
      // The headline is the article's only H1 and lives in its own field.
      rename(element, 'h2');
    } else if (tag === 'H4' || tag === 'H5' || tag === 'H6') {
      rename(element, 'h3');
    } else if (tag === 'IMG') {
      const label = (element.getAttribute('alt') ?? '').trim();
      pictures.push(label);
      element.remove();
    } else if (tag === 'TABLE') {
      tables++;
      if (keepTables) keepTable(element);
      else flattenTable(element);
    } else if (tag === 'BR') {
      breaks.push(element);
    } else if (tag === 'A' && !element.hasAttribute('href')) {
      // The sanitiser removes javascript:, data: and relative addresses; the words stay.
      const words = (element.textContent ?? '').trim();
      if (words !== '') unlinked.push(words);
    }
  }

  // A `<br>` between two blocks (Google Docs puts one between every paragraph) would become a
  // paragraph holding nothing but a line break.
  for (const br of breaks) {
    if (!br.parentNode) continue;
    const before = neighbour(br, 'previousSibling');
    const after = neighbour(br, 'nextSibling');
    if ((before === null || isBlockElement(before)) && (after === null || isBlockElement(after))) {
      br.parentNode.removeChild(br);
    }
  }

  if (pictures.length > 0) {
    const described = pictures.filter((p) => p !== '');
    report.push({
      kind: 'dropped',
      message: `${pictures.length === 1 ? 'A picture was' : `${pictures.length} pictures were`} left out: the article body has no pictures yet.`,
      ...(described.length > 0 ? { text: described.join('\n') } : {}),
    });
  }
  for (const words of unlinked) {
    report.push({
      kind: 'dropped',
      message: `The link on “${words}” was removed: only web (http, https) and email links are kept. The words are still there.`,
      text: words,
    });
  }
  if (tables > 0 && !keepTables) {
    report.push({
      kind: 'warning',
      message: `${tables === 1 ? 'A table was' : `${tables} tables were`} turned into plain paragraphs, one per row: the article body has no tables.`,
    });
  }
  if (flattened) {
    report.push({
      kind: 'warning',
      message: 'Very deeply nested formatting was flattened; the text is all there.',
    });
  }
}

function isBlank(node: BodyNode): boolean {
  return node.type === 'hardBreak' || (node.type === 'text' && (node.text ?? '').trim() === '');
}

/** A paragraph or heading without line breaks or spaces at its ends; null when nothing is left. */
function trimTextBlock(node: BodyNode): BodyNode | null {
  const content = [...(node.content ?? [])];
  while (content.length > 0 && isBlank(content[0])) content.shift();
  while (content.length > 0 && isBlank(content[content.length - 1])) content.pop();
  if (content.length === 0) return null;
  const first = content[0];
  if (first.type === 'text') content[0] = { ...first, text: (first.text ?? '').trimStart() };
  const last = content[content.length - 1];
  if (last.type === 'text') content[content.length - 1] = { ...last, text: (last.text ?? '').trimEnd() };
  return { ...node, content };
}

function cleanListItem(item: BodyNode): BodyNode | null {
  const [first, ...others] = item.content ?? [];
  const rest = cleanBlocks(others);
  const lead = first && first.type === 'paragraph' ? trimTextBlock(first) : null;
  if (lead) return { ...item, content: [lead, ...rest] };
  if (rest.length === 0) return null;
  // The schema wants a list item to open with a paragraph.
  return { ...item, content: rest[0].type === 'paragraph' ? rest : [{ type: 'paragraph' }, ...rest] };
}

/** Removes empty paragraphs, headings, list items, lists and quotes; keeps everything else. */
export function cleanBlocks(nodes: readonly BodyNode[]): BodyNode[] {
  const out: BodyNode[] = [];
  for (const node of nodes) {
    if (node.type === 'paragraph' || node.type === 'heading') {
      const trimmed = trimTextBlock(node);
      if (trimmed) out.push(trimmed);
    } else if (node.type === 'bulletList' || node.type === 'orderedList') {
      const items = (node.content ?? []).map(cleanListItem).filter((i): i is BodyNode => i !== null);
      if (items.length > 0) out.push({ ...node, content: items });
    } else if (node.type === 'blockquote' || node.type === 'pullQuote') {
      const content = cleanBlocks(node.content ?? []);
      if (content.length > 0) out.push({ ...node, content });
    } else {
      out.push(node);
    }
  }
  return out;
}

/**
 * The sanitised `<body>` (DOMPurify with purifyConfig.ts, on any DOM) to the article's top-level
 * body blocks: clipboard noise cleaned, parsed with the article schema, empty blocks removed.
 * What had to be left out is pushed onto `report`.
 */
export function blocksFromSanitisedBody(
  body: HTMLElement,
  report: ImportNote[] = [],
  options: CleanHtmlOptions = {},
): BodyNode[] {
  preClean(body, report, options.keepTables ?? false);
  // ProseMirror's parser only needs the nodes it is given (and their ownerDocument): no globals.
  const doc = ProseMirrorDOMParser.fromSchema(articleSchema()).parse(body).toJSON() as BodyDoc;
  return cleanBlocks(doc.content ?? []);
}
