import type { Node as PMNode } from '@tiptap/pm/model';
import type { Transaction } from '@tiptap/pm/state';
import { Decoration, DecorationSet } from '@tiptap/pm/view';
import { parseSuggestionId } from '../review/suggestionIds';
import { touchedRanges } from './touchedRanges';

/** How many author colours there are (see `.suggestion-author-N` in suggestions.css). */
export const AUTHOR_COLOURS = 8;

/** A stable colour slot for a name (FNV-1a hash), so an author keeps their colour everywhere. */
export function authorColour(name: string): number {
  let h = 0x811c9dc5;
  for (let i = 0; i < name.length; i++) {
    h ^= name.charCodeAt(i);
    h = Math.imul(h, 0x01000193);
  }
  return (h >>> 0) % AUTHOR_COLOURS;
}

/** The colour decorations of the suggestions in `doc` between `from` and `to` (all of it by default). */
function colourDecorationsIn(doc: PMNode, from = 0, to = doc.content.size): Decoration[] {
  const decorations: Decoration[] = [];
  doc.nodesBetween(from, to, (node, pos) => {
    for (const mark of node.marks) {
      const kind = mark.type.name;
      if (kind !== 'insertion' && kind !== 'deletion' && kind !== 'modification') continue;
      const who = parseSuggestionId(mark.attrs.id);
      const name = who?.author.name ?? 'Unknown';
      const attrs = {
        class: `suggestion suggestion-${kind} suggestion-author-${authorColour(name)}`,
        title: `${kind === 'insertion' ? 'Inserted' : kind === 'deletion' ? 'Deleted' : 'Formatted'} by ${name}`,
      };
      if (node.isInline) decorations.push(Decoration.inline(pos, pos + node.nodeSize, attrs));
      else decorations.push(Decoration.node(pos, pos + node.nodeSize, attrs));
    }
    return true;
  });
  return decorations;
}

/** Every suggestion in `doc` coloured by its author: insertions, deletions and formatting. */
export function colourDecorations(doc: PMNode): DecorationSet {
  return DecorationSet.create(doc, colourDecorationsIn(doc));
}

/**
 * The top-level blocks a transaction touched, in the document after it: every step's changed
 * range (a mark or attribute step changes no positions, so its own range counts too), widened to
 * whole top-level blocks.
 */
function touchedBlocks(tr: Transaction): { from: number; to: number }[] {
  const doc = tr.doc;
  return touchedRanges(tr, { marks: true }).map(({ from, to }) => {
    const a = Math.max(0, Math.min(from, doc.content.size));
    const b = Math.max(a, Math.min(to, doc.content.size));
    const $a = doc.resolve(a);
    const $b = doc.resolve(b);
    return { from: $a.depth > 0 ? $a.before(1) : a, to: $b.depth > 0 ? $b.after(1) : b };
  });
}

/**
 * The colour decorations after `tr`: mapped, and redrawn only in the top-level blocks the
 * transaction touched. Recomputing them over the whole document cost a walk of every node on
 * every keystroke (milliseconds at 60,000 words), suggestions or not.
 */
export function updateColourDecorations(set: DecorationSet, tr: Transaction): DecorationSet {
  if (!tr.docChanged) return set;
  let next = set.map(tr.mapping, tr.doc);
  for (const { from, to } of touchedBlocks(tr)) {
    const stale = next.find(from, to).filter((d) => d.from >= from && d.to <= to);
    if (stale.length) next = next.remove(stale);
    const fresh = colourDecorationsIn(tr.doc, from, to).filter((d) => d.from >= from && d.to <= to);
    if (fresh.length) next = next.add(tr.doc, fresh);
  }
  return next;
}
