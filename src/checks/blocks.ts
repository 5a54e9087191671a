import type { BodyDoc, BodyNode } from '../shared/article';

/**
 * One text block of the body (a paragraph, heading, or a paragraph inside a list item or quote),
 * with the ProseMirror position where its content starts.
 *
 * Every inline node is one character in `text` and occupies exactly that many ProseMirror
 * positions: a text node of length n is n positions and n UTF-16 units; a hard break is one
 * position and "\n"; any other inline leaf (a future inline image) is one position and U+FFFC.
 * So a character offset inside a block maps to a document position by plain addition.
 */
export interface TextBlock {
  /** Index among the body's text blocks, in document order. */
  index: number;
  /** The node type: `paragraph`, `heading`, … */
  type: string;
  text: string;
  /** ProseMirror position of the block's first content character. */
  from: number;
  /** hrefs of the links marked in this block, with the text they mark. */
  links: { href: string; text: string }[];
}

/** A figure-like leaf block (no text content), for readiness checks once figures exist. */
export interface BlockLeaf {
  type: string;
  attrs: Record<string, unknown>;
  pos: number;
}

const OBJECT_REPLACEMENT = '\uFFFC';

/** The size a node occupies in a ProseMirror document, computed from its JSON. */
export function nodeSize(node: BodyNode): number {
  if (node.type === 'text') return node.text?.length ?? 0;
  if (!node.content || node.content.length === 0) return isLeaf(node) ? 1 : 2;
  let size = 2;
  for (const child of node.content) size += nodeSize(child);
  return size;
}

// Leaves are the node types that never have content; everything else is a container with an
// open and a close token even when empty (an empty paragraph is 2 positions).
const LEAF_TYPES = new Set(['hardBreak', 'horizontalRule', 'image', 'figure']);
function isLeaf(node: BodyNode): boolean {
  return LEAF_TYPES.has(node.type);
}

const INLINE_TYPES = new Set(['text', 'hardBreak', 'image', 'mention']);

function isTextBlock(node: BodyNode): boolean {
  if (node.type === 'paragraph' || node.type === 'heading') return true;
  const c = node.content;
  return !!c && c.length > 0 && c.every((n) => INLINE_TYPES.has(n.type));
}

/** The body's text blocks and leaf blocks with their positions. */
export function bodyBlocks(doc: BodyDoc | undefined): { blocks: TextBlock[]; leaves: BlockLeaf[] } {
  const blocks: TextBlock[] = [];
  const leaves: BlockLeaf[] = [];
  // Children of the doc start at position 0.
  const walkChildren = (children: BodyNode[] | undefined, start: number): void => {
    let pos = start;
    for (const child of children ?? []) {
      if (isTextBlock(child)) {
        blocks.push(readTextBlock(child, blocks.length, pos + 1));
      } else if (isLeaf(child) || !child.content) {
        if (child.type !== 'text') leaves.push({ type: child.type, attrs: child.attrs ?? {}, pos });
      } else {
        walkChildren(child.content, pos + 1);
      }
      pos += nodeSize(child);
    }
  };
  walkChildren(doc?.content, 0);
  return { blocks, leaves };
}

function readTextBlock(node: BodyNode, index: number, from: number): TextBlock {
  let text = '';
  const links: TextBlock['links'] = [];
  for (const child of node.content ?? []) {
    if (child.type === 'text') {
      const t = child.text ?? '';
      const link = child.marks?.find((m) => m.type === 'link');
      if (link) {
        const href = String(link.attrs?.href ?? '');
        const last = links[links.length - 1];
        // Adjacent text nodes with the same link (e.g. part of it bold) are one link.
        if (last && last.href === href && text.endsWith(last.text)) last.text += t;
        else links.push({ href, text: t });
      }
      text += t;
    } else if (child.type === 'hardBreak') text += '\n';
    else text += OBJECT_REPLACEMENT;
  }
  return { index, type: node.type, text, from, links };
}

/** The ProseMirror position of character `offset` in `block`. */
export function blockOffsetToPos(block: Pick<TextBlock, 'from'>, offset: number): number {
  return block.from + offset;
}

/**
 * The block and character offset of a ProseMirror position, or null when the position is not
 * inside a text block (between blocks, on a rule).
 */
export function posToBlockOffset(
  blocks: readonly TextBlock[],
  pos: number,
): { block: number; offset: number } | null {
  let lo = 0;
  let hi = blocks.length - 1;
  while (lo <= hi) {
    const mid = (lo + hi) >> 1;
    const b = blocks[mid]!;
    if (pos < b.from) hi = mid - 1;
    else if (pos > b.from + b.text.length) lo = mid + 1;
    else return { block: b.index, offset: pos - b.from };
  }
  return null;
}
