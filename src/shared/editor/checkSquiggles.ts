import type { Node as PMNode } from '@tiptap/pm/model';
import type { Transaction } from '@tiptap/pm/state';
import { Decoration, DecorationSet } from '@tiptap/pm/view';
import type { Finding } from '../../checks/types';
import { touchedRanges } from './touchedRanges';

interface SquiggleSpec {
  inclusiveStart: false;
  inclusiveEnd: false;
  /** What makes two underlines the same: kind and message (ids change with positions). */
  squiggle: string;
}

function squiggleKey(from: number, to: number, key: string): string {
  return `${from}:${to}:${key}`;
}

/**
 * The underlines for a check's findings, made from the ones on screen: underlines already where
 * a finding is (mapped through the edits since) are kept as they are, the others are removed and
 * the new ones added. So a result that changed one paragraph's findings touches only that
 * paragraph's part of the set, and ProseMirror redraws only that paragraph; rebuilding the whole
 * set made it compare every block's decorations on every result.
 */
export function reconcileDecorations(set: DecorationSet, doc: PMNode, findings: Finding[]): DecorationSet {
  const size = doc.content.size;
  const shown = new Map<string, Decoration>();
  for (const d of set.find()) {
    const spec = d.spec as Partial<SquiggleSpec>;
    if (spec.squiggle !== undefined) shown.set(squiggleKey(d.from, d.to, spec.squiggle), d);
  }
  const add: Decoration[] = [];
  const seen = new Set<string>();
  for (const f of findings) {
    if (f.position.from < 0 || f.position.to > size || f.position.to <= f.position.from) continue;
    const squiggle = `${f.kind}\u0000${f.message}`;
    const key = squiggleKey(f.position.from, f.position.to, squiggle);
    if (seen.has(key)) continue;
    seen.add(key);
    if (shown.delete(key)) continue;
    add.push(
      Decoration.inline(
        f.position.from,
        f.position.to,
        { class: `check-squiggle check-${f.kind}`, title: f.message },
        // Typing at either edge of a squiggle does not extend it.
        { inclusiveStart: false, inclusiveEnd: false, squiggle } satisfies SquiggleSpec,
      ),
    );
  }
  if (shown.size === 0 && add.length === 0) return set;
  const kept = shown.size ? set.remove([...shown.values()]) : set;
  return add.length ? kept.add(doc, add) : kept;
}

/** An edit of more steps than this (a replace-all) leaves the underlines where they are. */
const MAX_STEPS_TO_CLEAR = 20;

/**
 * Takes the underlines out of the paragraphs (textblocks) an edit touched, until the recheck
 * after the typing pauses puts back what still applies (as Grammarly does with the paragraph
 * being edited). The underlines there would be stale anyway: a finding's words may be the ones
 * being typed. And each keystroke in a paragraph that kept its wavy underlines took Chromium
 * longer to the next frame: at 20,000 words, typing with the checks on went from about 1.3× to
 * about 1.0× the time with them off (bench/checksTyping.ts, docs/copydesk-checks.md).
 * Underlines in other paragraphs stay, and the findings panel still lists every finding.
 */
export function stepAsideWhereEdited(set: DecorationSet, tr: Transaction): DecorationSet {
  if (set === DecorationSet.empty || tr.steps.length > MAX_STEPS_TO_CLEAR) return set;
  const doc = tr.doc;
  const gone: Decoration[] = [];
  // Text edits only: a mark (bold, a comment) changes no words, so the underlines stay.
  for (const range of touchedRanges(tr)) {
    const $from = doc.resolve(range.from);
    const $to = doc.resolve(range.to);
    const from = $from.parent.isTextblock ? $from.start() : $from.pos;
    const to = $to.parent.isTextblock ? $to.end() : $to.pos;
    gone.push(...set.find(from, to, (spec: Partial<SquiggleSpec>) => spec.squiggle !== undefined));
  }
  return gone.length ? set.remove(gone) : set;
}
