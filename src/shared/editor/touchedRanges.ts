import {
  AddMarkStep,
  AddNodeMarkStep,
  AttrStep,
  RemoveMarkStep,
  RemoveNodeMarkStep,
  type Transform,
} from '@tiptap/pm/transform';

export interface TouchedRange {
  from: number;
  to: number;
}

/**
 * Where each step of a transaction changed the document, in the document after the whole
 * transaction: the step's changed ranges, mapped through the steps after it. A step that changes
 * marks or a node's attributes moves no positions (its map is empty); with `marks`, its own range
 * counts too. The suggestions' bookkeeping, their colours and the copy desk's underlines each
 * widen these ranges as they need.
 */
export function touchedRanges(tr: Transform, { marks = false }: { marks?: boolean } = {}): TouchedRange[] {
  const ranges: TouchedRange[] = [];
  tr.steps.forEach((step, i) => {
    const after = tr.mapping.slice(i + 1);
    const add = (from: number, to: number): void => {
      ranges.push({ from: after.map(from, -1), to: after.map(to, 1) });
    };
    if (marks && (step instanceof AddMarkStep || step instanceof RemoveMarkStep)) add(step.from, step.to);
    else if (
      marks &&
      (step instanceof AddNodeMarkStep || step instanceof RemoveNodeMarkStep || step instanceof AttrStep)
    )
      add(step.pos, step.pos + 1);
    else step.getMap().forEach((_os, _oe, ns, ne) => add(ns, ne));
  });
  return ranges;
}
