import { EditorState, Selection, type Command, type Transaction } from '@tiptap/pm/state';
import { Slice, type Mark, type MarkType, type Node as PMNode } from '@tiptap/pm/model';
import {
  AddMarkStep,
  RemoveMarkStep,
  Mapping,
  ReplaceAroundStep,
  ReplaceStep,
  Transform,
  type Step,
} from '@tiptap/pm/transform';
import { transformToSuggestionTransaction } from '@handlewithcare/prosemirror-suggest-changes';
import type { Person } from '../article';
import { makeSuggestionId, parseSuggestionId } from './suggestionIds';
import { touchedRanges } from '../editor/touchedRanges';

/**
 * Suggesting mode (track changes) on plain ProseMirror state, shared by the editor, the tests
 * and anything else that edits a body without a view.
 *
 * Recording is the suggest-changes library's `transformToSuggestionTransaction`, with two
 * Copydesk rules on top (see `suggestTransaction`): what you type or delete is always yours, and
 * a second suggestion on a block's type or attributes keeps the original value. Bold, italic and
 * other inline formatting are recorded by Copydesk itself (`splitMarkSteps`, `recordFormatting`). Accepting and
 * rejecting are Copydesk's own (`resolveSuggestions`), not the library's commands, because those
 * extend a suggestion over any adjacent suggestion of the same kind whoever made it, delete an
 * extra space when a deletion sits between two spaces, leave zero-width anchors behind, and
 * apply every modification when asked to apply one (see docs/review.md).
 */

/** The zero-width space the library uses to anchor a suggestion at a block's edge. */
export const ANCHOR = '\u200B';

/** Transaction meta: set on a transaction that must never be turned into a suggestion. */
export const SKIP_SUGGESTING = 'copydesk-suggesting-skip';

type SuggestionMarkName = 'insertion' | 'deletion' | 'modification';

function suggestionTypes(doc: PMNode): Record<SuggestionMarkName, MarkType> {
  const { insertion, deletion, modification } = doc.type.schema.marks;
  if (!insertion || !deletion || !modification) throw new Error('The schema has no suggestion marks.');
  return { insertion, deletion, modification };
}

/** Whether a suggestion id was made by this person (name and initials both match). */
export function isAuthoredBy(id: unknown, author: Person): boolean {
  const parsed = parseSuggestionId(id);
  return (
    parsed !== null &&
    parsed.author.name === (author.name || 'Unknown') &&
    (parsed.author.initials ?? '') === (author.initials ?? '')
  );
}

/**
 * Transaction meta set on what `suggestTransaction` returns when an edit could not be recorded
 * as a suggestion: the transaction then changes nothing (the edit is refused rather than made
 * untracked), and the meta holds a message to show.
 */
export const SUGGESTING_REFUSED = 'copydesk-suggesting-refused';

/** The message a refused edit carries (see `SUGGESTING_REFUSED`). */
export const REFUSED_MESSAGE =
  'That edit could not be recorded as a suggestion, so it was not made. Switch to editing mode to make it, or make it in smaller steps.';

/**
 * Turns an editing transaction into a suggesting one: insertions are kept and marked, deletions
 * are marked instead of made, block type and attribute changes become modifications. Returns
 * the transaction unchanged when it changes nothing, is an undo or redo, or carries
 * `SKIP_SUGGESTING` (accepting and rejecting). Never throws: an edit that cannot be recorded
 * gives a transaction that changes nothing, with `SUGGESTING_REFUSED` set.
 */
export function suggestTransaction(
  tr: Transaction,
  state: EditorState,
  author: Person,
  newId: () => string = () => makeSuggestionId(author),
): Transaction {
  if (!tr.docChanged || tr.getMeta('history$') || tr.getMeta(SKIP_SUGGESTING)) return tr;
  try {
    const out = recordSuggestions(tr, state, author, newId);
    out.doc.check();
    return out;
  } catch (e) {
    const refused = state.tr;
    refused.setMeta(SUGGESTING_REFUSED, REFUSED_MESSAGE);
    refused.setMeta('addToHistory', false);
    if (typeof console !== 'undefined') console.warn('Suggesting: edit refused', e);
    return refused;
  }
}

function recordSuggestions(
  tr: Transaction,
  state: EditorState,
  author: Person,
  newId: () => string,
): Transaction {
  let mine: string | null = null;
  const generateId = (): string => {
    const id = newId();
    mine ??= id;
    return id;
  };
  const { tr: original, direct, formatting } = splitMarkSteps(tr, state);
  // One step at a time: with several steps in one transaction the library computes some
  // ranges in the wrong document (it mixes rebased and original positions), which garbles a
  // later step inside an earlier insertion (find and replace all, formatting several blocks).
  const tracked = state.tr;
  let current = state;
  let trackedSelection: Selection | null = null;
  let restore: { pos: number; mark: Mark }[] = [];
  // Block boundaries a deletion crossed (positions in `tracked.doc`): accepting must join them.
  let crossed: Boundary[] = [];
  const mapCrossed = (m: Mapping): void => {
    crossed = crossed.map((b) => ({ end: m.map(b.end, -1), start: m.map(b.start, 1) }));
  };
  original.steps.forEach((step, i) => {
    // A step that leaves its document as it was (deleting a block's closing token, which the
    // fitter puts back) has nothing to suggest; mapped into the suggesting document it could
    // swallow a suggested break's invisible anchor.
    const stepAfter = original.docs[i + 1] ?? original.doc;
    if (original.docs[i]!.eq(stepAfter)) return;
    const toCurrent = new Mapping();
    for (let j = i - 1; j >= 0; j--) toCurrent.appendMap(original.steps[j]!.getMap().invert());
    toCurrent.appendMapping(tracked.mapping);
    const stepped = step.map(toCurrent);
    if (!stepped) return;
    if (direct.has(step)) {
      // Formatting text already suggested for insertion (see `splitMarkSteps`).
      const plain = current.tr;
      if (plain.maybeStep(stepped).failed) return;
      tracked.step(stepped);
      current = current.apply(plain);
      return;
    }
    // A deletion across list or quote structure is a ReplaceAroundStep (or a ReplaceStep
    // carrying only block tokens), which the library records as every block it touches deleted
    // and rebuilt; an inserted paragraph break inside is lost and could never be rejected.
    // Recorded as the plain deletion it is, it marks the text and accepting it redoes the fit.
    const plainDeletion = asPlainDeletion(current.doc, stepped);
    const mapped = plainDeletion ?? stepped;
    let rebased: Step = outOfBreak(current.doc, mapped);
    // A suggested paragraph break is recorded by insertion marks with one id on both sides of
    // it. Deleting next to it can take that evidence away (the library takes a zero-width anchor
    // next to a deletion for a deletion anchor; inserted text at a block's edge is deleted for
    // real) while the break stays, and it could never be rejected: re-anchor such breaks after.
    const breaks = insertedBreaksNear(current.doc, rebased);
    const stepMapping = new Mapping();
    let crossedNow: Boundary[] = [];
    // Deleting suggested insertions (anyone's) deletes them for real, boundaries included: the
    // library only removes their text and records the paragraph break as a deletion, so
    // rejecting everything would leave the break behind.
    if (mapped instanceof ReplaceStep && mapped.from < mapped.to) {
      const kept = keepInsertedBreakAnchors(current.doc, mapped.from, mapped.to);
      if (kept.from >= kept.to && mapped.slice.size === 0) return;
      const pre = current.tr;
      removeInsertedWithin(pre, kept.from, kept.to);
      if (pre.docChanged) {
        for (const s of pre.steps) tracked.step(s);
        stepMapping.appendMapping(pre.mapping);
        restore = restore.map((r) => ({ ...r, pos: pre.mapping.map(r.pos) }));
        mapCrossed(pre.mapping);
        current = current.apply(pre);
        trackedSelection = trackedSelection?.map(current.doc, pre.mapping) ?? null;
      }
      const from = pre.mapping.map(kept.from, 1);
      const to = Math.max(from, pre.mapping.map(kept.to, -1));
      if (from === to && mapped.slice.size === 0) {
        restore.push(...lostBreakAnchors(current.doc, stepMapping, breaks));
        return;
      }
      rebased = new ReplaceStep(from, to, mapped.slice);
      crossedNow = boundariesIn(current.doc, from, to, true).filter((b) => b.end >= from && b.start <= to);
    }
    const single = current.tr;
    // A plain deletion that crosses structure is no valid step by itself (only its fit is): the
    // library reads nothing but its range and the document before it, so it is handed over unapplied.
    const source =
      plainDeletion && rebased instanceof ReplaceStep && rebased.slice.size === 0
        ? unappliedTransaction(current, rebased)
        : single.maybeStep(rebased).failed
          ? null
          : single;
    if (!source) return;
    const result = formatting.has(step)
      ? recordFormatting(current, rebased, generateId())
      : transformToSuggestionTransaction(source, current, generateId);
    for (const s of result.steps) tracked.step(s);
    stepMapping.appendMapping(result.mapping);
    restore = restore.map((r) => ({ ...r, pos: result.mapping.map(r.pos) }));
    restore.push(...lostBreakAnchors(result.doc, stepMapping, breaks));
    mapCrossed(result.mapping);
    crossed.push(
      ...crossedNow.map((b) => ({ end: result.mapping.map(b.end, -1), start: result.mapping.map(b.start, 1) })),
    );
    current = current.apply(result);
    trackedSelection = result.selectionSet
      ? current.selection
      : (trackedSelection?.map(current.doc, result.mapping) ?? null);
  });
  if (trackedSelection)
    tracked.setSelection(Selection.fromJSON(tracked.doc, (trackedSelection as Selection).toJSON()));
  else if (original.selectionSet) {
    const base = original.selection.map(original.docs[0] ?? state.doc, original.mapping.invert());
    tracked.setSelection(base.map(tracked.doc, tracked.mapping));
  }
  if (original.storedMarksSet) tracked.setStoredMarks(original.storedMarks);
  if (original.scrolledIntoView) tracked.scrollIntoView();
  copyMeta(original, tracked);
  const since = tracked.steps.length;
  attributeToAuthor(tracked, state.doc, author, mine ?? newId(), crossed);
  keepOriginalModifications(tracked, state.doc);
  if (restore.length) {
    for (const r of restore.sort((a, b) => b.pos - a.pos)) {
      const pos = tracked.mapping.slice(since).map(r.pos);
      tracked.insert(pos, state.schema.text(ANCHOR, [r.mark]));
    }
  }
  return tracked;
}

/**
 * The range `from`–`to` whose plain deletion (`tr.delete`, which fits the structure) has exactly
 * the step's effect on `doc`, as an empty ReplaceStep; null when the step is not a deletion
 * across block structure (a type change, wrapping, lifting, inserted content).
 */
function asPlainDeletion(doc: PMNode, step: Step): ReplaceStep | null {
  let candidates: [number, number][];
  if (step instanceof ReplaceAroundStep) {
    const markup =
      step.insert === 1 && step.slice.size === 2 && step.gapFrom === step.from + 1 && step.gapTo === step.to - 1;
    if (markup) return null;
    candidates = [
      [step.from, step.gapFrom],
      [step.gapTo, step.to],
      [step.from, step.to],
    ];
  } else if (step instanceof ReplaceStep && step.slice.size > 0 && step.from < step.to) {
    let inline = false;
    step.slice.content.descendants((node) => {
      if (node.isInline || node.isLeaf) inline = true;
      return !inline;
    });
    if (inline) return null;
    candidates = [[step.from, step.to]];
  } else return null;
  const target = step.apply(doc).doc;
  if (!target) return null;
  for (const [a, b] of candidates) {
    if (a >= b) continue;
    try {
      const tr = new Transform(doc).delete(a, b);
      if (tr.doc.eq(target)) return new ReplaceStep(a, b, Slice.empty);
    } catch {
      // not a range that can be deleted on its own
    }
  }
  return null;
}

/**
 * Formatting a run of plain text (one textblock, no suggestion marks: see `splitMarkSteps`),
 * recorded as the library records it, the text suggested for deletion and the formatted text
 * inserted, but with the insertion right after the text it replaces and nothing else touched.
 * The library puts it after any deletion that follows, and when that deletion runs on across a
 * paragraph break (a break suggested for deletion) the insertion came between it and the break:
 * accepting no longer joined the blocks. It also deletes a zero-width anchor just before the
 * range, taking it for a deletion's: next to a suggested break (Enter, then bold over the new
 * line's start) rejecting could no longer join the blocks. And its formatting path could throw
 * (seed 302).
 */
function recordFormatting(state: EditorState, step: Step, id: string): Transaction {
  if (!(step instanceof AddMarkStep || step instanceof RemoveMarkStep))
    throw new Error('Only an inline mark step is formatting.');
  const { insertion, deletion } = suggestionTypes(state.doc);
  const applied = step.apply(state.doc).doc;
  if (!applied) throw new Error('The formatting step does not apply.');
  const formatted = applied.slice(step.from, step.to).content;
  const marked: PMNode[] = [];
  formatted.forEach((node) => marked.push(node.mark(insertion.create({ id }).addToSet(node.marks))));
  const tr = state.tr;
  tr.addMark(step.from, step.to, deletion.create({ id }));
  tr.insert(step.to, marked);
  return tr;
}

/** A transaction-like record of one step not applied: what the library reads (steps, docs). */
function unappliedTransaction(state: EditorState, step: ReplaceStep): Transaction {
  const tr = state.tr;
  return {
    steps: [step],
    docs: [state.doc],
    selectionSet: false,
    scrolledIntoView: false,
    storedMarksSet: false,
    selection: tr.selection,
    meta: {},
  } as unknown as Transaction;
}

/**
 * A suggested paragraph break is the same insertion id on a zero-width anchor at the end of one
 * block and at the start of the next. Content put between an anchor and the boundary (a caret
 * at the very end of the line, after the invisible anchor) would cut the break's two anchors
 * apart, and rejecting could no longer join the blocks. So an insertion there is moved to the
 * text side of the anchor; the document reads the same either way.
 */
function outOfBreak(doc: PMNode, step: Step): Step {
  if (!(step instanceof ReplaceStep) || step.from !== step.to || step.slice.size === 0) return step;
  const pos = breakAnchorSide(doc, step.from);
  return pos === step.from ? step : new ReplaceStep(pos, pos, step.slice);
}

/** A position between a suggested break's anchor and the block boundary, moved to the anchor's text side. */
function breakAnchorSide(doc: PMNode, pos: number): number {
  const { insertion } = suggestionTypes(doc);
  const idOf = (node: PMNode | null | undefined): unknown =>
    node ? insertion.isInSet(node.marks)?.attrs.id : undefined;
  const $pos = doc.resolve(pos);
  if (!$pos.parent.isTextblock) return pos;
  const before = $pos.nodeBefore;
  if ($pos.parentOffset === $pos.parent.content.size && before?.text?.endsWith(ANCHOR) && idOf(before) !== undefined) {
    const b = boundariesIn(doc, pos - 1, Math.min(doc.content.size, pos + 3)).find((x) => x.end === pos);
    if (b && idOf(doc.resolve(b.start).nodeAfter) === idOf(before)) return pos - 1;
  }
  const after = $pos.nodeAfter;
  if ($pos.parentOffset === 0 && after?.text?.startsWith(ANCHOR) && idOf(after) !== undefined) {
    const b = boundariesIn(doc, Math.max(0, pos - 3), pos + 1).find((x) => x.start === pos);
    if (b && idOf(doc.resolve(b.end).nodeBefore) === idOf(after)) return pos + 1;
  }
  return pos;
}

interface InsertedBreak extends Boundary {
  mark: Mark;
}

/** Suggested paragraph breaks (insertion marks with one id on both sides) near a step. */
function insertedBreaksNear(doc: PMNode, step: Step): InsertedBreak[] {
  if (!(step instanceof ReplaceStep)) return [];
  const { insertion } = suggestionTypes(doc);
  const from = Math.max(0, step.from - 3);
  const to = Math.min(doc.content.size, step.to + 3);
  return boundariesIn(doc, from, to).flatMap((b) => {
    const last = doc.resolve(b.end).nodeBefore;
    const first = doc.resolve(b.start).nodeAfter;
    const a = last ? insertion.isInSet(last.marks) : undefined;
    const c = first ? insertion.isInSet(first.marks) : undefined;
    return a && c && a.attrs.id === c.attrs.id ? [{ ...b, mark: a }] : [];
  });
}

/** Anchors to add where a step left a suggested break standing but took its marks away. */
function lostBreakAnchors(
  doc: PMNode,
  mapping: Mapping,
  breaks: InsertedBreak[],
): { pos: number; mark: Mark }[] {
  const out: { pos: number; mark: Mark }[] = [];
  for (const b of breaks) {
    let end = mapping.mapResult(b.end, -1).pos;
    const start = mapping.mapResult(b.start, 1).pos;
    if (start <= end) continue;
    // Content pasted at the break's first side ends in a block of its own: the break is now the
    // boundary just before its second side.
    if (!onlyBoundaries(doc, end, start)) {
      const before = boundariesIn(doc, Math.max(0, start - 3), start + 1).find((x) => x.start === start);
      if (!before || before.end <= end) continue;
      end = before.end;
    }
    const $end = doc.resolve(end);
    const $start = doc.resolve(start);
    if (!$end.parent.isTextblock || !$start.parent.isTextblock) continue;
    if ($end.parentOffset !== $end.parent.content.size || $start.parentOffset !== 0) continue;
    const has = (node: PMNode | null | undefined): boolean => node?.marks.some((m) => m.eq(b.mark)) ?? false;
    if (!has($end.nodeBefore)) out.push({ pos: end, mark: b.mark });
    if (!has($start.nodeAfter)) out.push({ pos: start, mark: b.mark });
  }
  return out;
}

/**
 * A suggested paragraph break is anchored by zero-width insertions at the end of one block and
 * the start of the next. A deletion that starts or ends exactly there, without taking the break
 * itself, must leave the anchor: without it the break could no longer be rejected.
 */
function keepInsertedBreakAnchors(doc: PMNode, from: number, to: number): { from: number; to: number } {
  const { insertion } = suggestionTypes(doc);
  const idOf = (node: PMNode | null | undefined): unknown =>
    node ? insertion.isInSet(node.marks)?.attrs.id : undefined;
  const $from = doc.resolve(from);
  const $to = doc.resolve(to);
  let start = from;
  let end = to;
  const after = $from.nodeAfter;
  if (
    $from.parent.isTextblock &&
    $from.parentOffset === 0 &&
    after?.text?.startsWith(ANCHOR) &&
    idOf(after) !== undefined
  ) {
    const b = boundariesIn(doc, Math.max(0, from - 3), from + 1).find((x) => x.start === from);
    if (b && idOf(doc.resolve(b.end).nodeBefore) === idOf(after)) start = from + 1;
  }
  const before = $to.nodeBefore;
  if (
    $to.parent.isTextblock &&
    $to.parentOffset === $to.parent.content.size &&
    before?.text?.endsWith(ANCHOR) &&
    idOf(before) !== undefined
  ) {
    const b = boundariesIn(doc, to - 1, Math.min(doc.content.size, to + 3)).find((x) => x.end === to);
    if (b && idOf(doc.resolve(b.start).nodeAfter) === idOf(before)) end = to - 1;
  }
  return { from: start, to: end };
}

/**
 * Deletes for real the suggested insertions inside `from`–`to`: their text, whole inserted
 * blocks, and inserted block boundaries (the same insertion id on the last text before a
 * boundary and the first after it) with their zero-width anchors.
 */
function removeInsertedWithin(tr: Transaction, from: number, to: number): void {
  const doc = tr.doc;
  const { insertion } = suggestionTypes(doc);
  const cuts: { from: number; to: number }[] = [];
  doc.nodesBetween(from, to, (node, pos) => {
    if (!insertion.isInSet(node.marks)) return true;
    if (node.isInline) cuts.push({ from: Math.max(pos, from), to: Math.min(pos + node.nodeSize, to) });
    else if (pos >= from && pos + node.nodeSize <= to) cuts.push({ from: pos, to: pos + node.nodeSize });
    else return true;
    return false;
  });
  for (const b of boundariesIn(doc, from, to)) {
    if (b.end < from || b.start > to) continue;
    const last = doc.resolve(b.end).nodeBefore;
    const first = doc.resolve(b.start).nodeAfter;
    const lastId = last ? insertion.isInSet(last.marks)?.attrs.id : undefined;
    const firstId = first ? insertion.isInSet(first.marks)?.attrs.id : undefined;
    if (lastId === undefined || lastId !== firstId) continue;
    const cutFrom = last?.text?.endsWith(ANCHOR) ? b.end - 1 : b.end;
    const cutTo = first?.text?.startsWith(ANCHOR) ? b.start + 1 : b.start;
    cuts.push({ from: cutFrom, to: cutTo });
  }
  cuts.sort((a, b) => a.from - b.from);
  const merged: { from: number; to: number }[] = [];
  for (const c of cuts) {
    const last = merged[merged.length - 1];
    if (last && c.from <= last.to) last.to = Math.max(last.to, c.to);
    else if (c.to > c.from) merged.push({ ...c });
  }
  for (const c of merged.reverse()) tr.delete(c.from, c.to);
}

/** Keeps a transaction's metadata (history grouping, paste, UI event), as the library does. */
function copyMeta(from: Transaction, to: Transaction): void {
  (to as unknown as { meta: unknown }).meta = (from as unknown as { meta: unknown }).meta;
}

/**
 * Formatting a range is recorded by the library as deleting the text and inserting it again
 * formatted. Over a range that crosses blocks, holds text already suggested for deletion, or is
 * partly formatted already, that records far more than happened (and, across a deletion,
 * duplicates text). So each inline mark step is cut into the runs of one textblock whose
 * formatting really changes, leaving out text suggested for deletion.
 *
 * Runs of plain text are returned in `formatting` (see `recordFormatting`). Runs over text
 * already suggested for insertion are returned in `direct`: they are formatted as they are, not
 * recorded. Rejecting removes that text anyway and accepting keeps it formatted, so there is
 * nothing to record; handed to the library they were deleted and inserted again under a new id,
 * which cut a suggested paragraph break's two sides apart (its id no longer the same on both)
 * and dropped its zero-width anchors, and rejecting could no longer join the blocks.
 */
function splitMarkSteps(
  tr: Transaction,
  state: EditorState,
): { tr: Transaction; direct: Set<Step>; formatting: Set<Step> } {
  const isInlineMarkStep = (step: Step): step is AddMarkStep | RemoveMarkStep =>
    (step instanceof AddMarkStep || step instanceof RemoveMarkStep) &&
    !['insertion', 'deletion', 'modification'].includes(step.mark.type.name);
  const direct = new Set<Step>();
  const formatting = new Set<Step>();
  if (!tr.steps.some(isInlineMarkStep)) return { tr, direct, formatting };
  const { deletion, insertion } = suggestionTypes(state.doc);
  const out = state.tr;
  for (const step of tr.steps) {
    if (!isInlineMarkStep(step)) {
      out.step(step);
      continue;
    }
    const adding = step instanceof AddMarkStep;
    const runs: { from: number; to: number; parent: PMNode; inserted: boolean }[] = [];
    out.doc.nodesBetween(step.from, step.to, (node, pos, parent) => {
      if (!node.isInline || !parent) return true;
      if (deletion.isInSet(node.marks)) return false;
      const has = adding ? step.mark.isInSet(node.marks) : step.mark.isInSet(node.marks) !== undefined;
      if (adding ? has || !parent.type.allowsMarkType(step.mark.type) : !has) return false;
      const from = Math.max(pos, step.from);
      const to = Math.min(pos + node.nodeSize, step.to);
      const inserted = insertion.isInSet(node.marks) !== undefined;
      const last = runs[runs.length - 1];
      if (last && last.parent === parent && last.to === from && last.inserted === inserted) last.to = to;
      else runs.push({ from, to, parent, inserted });
      return false;
    });
    for (const run of runs) {
      const split = adding
        ? new AddMarkStep(run.from, run.to, step.mark)
        : new RemoveMarkStep(run.from, run.to, step.mark);
      out.step(split);
      (run.inserted ? direct : formatting).add(split);
    }
  }
  if (tr.selectionSet) out.setSelection(Selection.fromJSON(out.doc, tr.selection.toJSON()));
  if (tr.storedMarksSet) out.setStoredMarks(tr.storedMarks);
  if (tr.scrolledIntoView) out.scrollIntoView();
  copyMeta(tr, out);
  return { tr: out, direct, formatting };
}

/** Where each step of a transform touched the final document (with one position of slack). */
function touchedRangesWithSlack(tr: Transaction): { from: number; to: number }[] {
  const size = tr.doc.content.size;
  return touchedRanges(tr, { marks: true }).map((r) => ({
    from: Math.max(0, r.from - 1),
    to: Math.min(size, r.to + 1),
  }));
}

/** The ranges of the final document that the transform inserted (content that was not there). */
function insertedRanges(tr: Transaction): { from: number; to: number }[] {
  const ranges: { from: number; to: number }[] = [];
  tr.steps.forEach((step, i) => {
    const after = tr.mapping.slice(i + 1);
    step.getMap().forEach((_os, _oe, ns, ne) => {
      if (ne > ns) ranges.push({ from: after.map(ns, 1), to: after.map(ne, -1) });
    });
  });
  return ranges.filter((r) => r.to > r.from);
}

/**
 * The library gives a new suggestion the id of an adjacent one, whoever made it: typing after
 * Alice's insertion would extend *her* suggestion, and deleting next to her deletion would be
 * accepted or rejected with hers. Copydesk's rule: content this transaction inserted, and
 * content it newly marked, belong to the current author; content that already carried a
 * suggestion keeps that suggestion's id. Where a deletion crosses a block boundary and one side
 * of the boundary kept someone else's id, an anchor with the author's own deletion is added so
 * that accepting the author's suggestion still joins the blocks.
 */
function attributeToAuthor(
  tr: Transaction,
  before: PMNode,
  author: Person,
  mine: string,
  crossed: Boundary[] = [],
): void {
  const { insertion, deletion } = suggestionTypes(before);
  const inserted = insertedRanges(tr);
  // Whole: a block whose markup (not content) was replaced by a type change is not new.
  const isInserted = (from: number, to: number): boolean =>
    inserted.some((r) => from >= r.from && to <= r.to);
  const back = tr.mapping.invert();
  const oldId = (pos: number, type: MarkType): string | null => {
    const r = back.mapResult(pos, 1);
    const node = before.nodeAt(r.pos);
    const mark = node ? type.isInSet(node.marks) : undefined;
    return mark ? String(mark.attrs.id) : null;
  };
  const desired = (from: number, to: number, mark: Mark): string => {
    const id = String(mark.attrs.id);
    const own = isAuthoredBy(id, author) ? id : mine;
    if (isInserted(from, to)) return own;
    return oldId(from, mark.type) ?? own;
  };

  interface Fix {
    from: number;
    to: number;
    mark: Mark;
    id: string;
    node: boolean;
  }
  const fixes: Fix[] = [];
  const doc = tr.doc;
  for (const range of touchedRangesWithSlack(tr)) {
    doc.nodesBetween(range.from, range.to, (node, pos) => {
      for (const mark of node.marks) {
        if (mark.type !== insertion && mark.type !== deletion) continue;
        if (node.isText) {
          const start = Math.max(pos, range.from);
          const end = Math.min(pos + node.nodeSize, range.to);
          for (let p = start; p < end; p++) {
            const id = desired(p, p + 1, mark);
            if (id === String(mark.attrs.id)) continue;
            const last = fixes[fixes.length - 1];
            if (last && !last.node && last.to === p && last.id === id && last.mark.eq(mark)) last.to = p + 1;
            else fixes.push({ from: p, to: p + 1, mark, id, node: false });
          }
        } else if (pos >= range.from) {
          const id = desired(pos, pos + node.nodeSize, mark);
          if (id !== String(mark.attrs.id))
            fixes.push({ from: pos, to: pos + node.nodeSize, mark, id, node: true });
        }
      }
      return true;
    });
  }
  // A deletion across a block boundary is one id on the last text before the boundary and the
  // first after it (accepting it deletes across and joins the blocks). Re-attributing can split
  // such a pair; the author then gets an anchor of their own on the side that kept another id.
  const chained = touchedRangesWithSlack(tr)
    .flatMap((r) =>
      boundariesIn(doc, Math.max(0, r.from - 2), Math.min(doc.content.size, r.to + 2), true),
    )
    .filter((b) => {
      const [last, first] = edgeIds(doc, deletion, b);
      return last !== undefined && last === first;
    });
  // A boundary this transaction deleted across, where one side already carried an earlier
  // deletion (its own id, kept): chain it too, or accepting would leave the blocks apart.
  for (const c of crossed) {
    const b = textblockEdges(doc, c);
    if (!b) continue;
    const [last, first] = edgeIds(doc, deletion, b);
    if (last !== undefined && first !== undefined) chained.push(b);
  }
  const seen = new Set<string>();
  for (const fix of fixes) {
    const key = `${fix.node}:${fix.from}:${fix.to}:${fix.mark.type.name}`;
    if (seen.has(key)) continue;
    seen.add(key);
    const next = fix.mark.type.create({ ...fix.mark.attrs, id: fix.id });
    if (fix.node) {
      tr.removeNodeMark(fix.from, fix.mark);
      tr.addNodeMark(fix.from, next);
    } else {
      tr.removeMark(fix.from, fix.to, fix.mark);
      tr.addMark(fix.from, fix.to, next);
    }
  }
  const anchors = new Set<number>();
  for (const b of chained) {
    const [last, first] = edgeIds(tr.doc, deletion, b);
    if (last === first) continue;
    if (last !== mine) anchors.add(b.end);
    if (first !== mine) anchors.add(b.start);
  }
  for (const pos of [...anchors].sort((a, b) => b - a)) {
    tr.insert(pos, tr.doc.type.schema.text(ANCHOR, [deletion.create({ id: mine })]));
  }
}

/** A boundary between two consecutive textblocks: the end of one's content, the start of the next's. */
interface Boundary {
  end: number;
  start: number;
}

/**
 * The textblock boundaries within a range: pairs of textblocks with nothing but node boundaries
 * between. With `skipEmpty`, empty textblocks count as boundaries too (a deletion across an
 * empty paragraph has nothing to mark in it, and accepting it removes the empty block).
 */
function boundariesIn(doc: PMNode, from: number, to: number, skipEmpty = false): Boundary[] {
  const blocks: { start: number; end: number }[] = [];
  doc.nodesBetween(from, to, (node, pos) => {
    if (!node.isTextblock) return true;
    if (skipEmpty && node.content.size === 0) return false;
    blocks.push({ start: pos + 1, end: pos + node.nodeSize - 1 });
    return false;
  });
  const out: Boundary[] = [];
  for (let i = 0; i + 1 < blocks.length; i++) {
    const a = blocks[i]!;
    const b = blocks[i + 1]!;
    if (onlyBoundaries(doc, a.end, b.start)) out.push({ end: a.end, start: b.start });
  }
  return out;
}

/** A mapped boundary snapped to the end of its first textblock and the start of the next; null if it is gone. */
function textblockEdges(doc: PMNode, b: Boundary): Boundary | null {
  if (b.end < 0 || b.start > doc.content.size || b.end >= b.start) return null;
  const $end = doc.resolve(b.end);
  const $start = doc.resolve(b.start);
  if (!$end.parent.isTextblock || !$start.parent.isTextblock) return null;
  const out = { end: $end.end(), start: $start.start() };
  return out.end < out.start && onlyBoundaries(doc, out.end, out.start) ? out : null;
}

/** The deletion ids on the last inline node before a boundary and the first one after it. */
function edgeIds(doc: PMNode, deletion: MarkType, b: Boundary): [unknown, unknown] {
  const last = doc.resolve(b.end).nodeBefore;
  const first = doc.resolve(b.start).nodeAfter;
  return [
    last ? deletion.isInSet(last.marks)?.attrs.id : undefined,
    first ? deletion.isInSet(first.marks)?.attrs.id : undefined,
  ];
}

/**
 * The library records a second change of a block's type or of one attribute with the value
 * it had *after* the first suggestion, so rejecting both would stop halfway. Keep the value
 * from before the first, and drop a modification that ends where it started.
 */
function keepOriginalModifications(tr: Transaction, before: PMNode): void {
  const { modification } = suggestionTypes(before);
  const back = tr.mapping.invert();
  const doc = tr.doc;
  const updates: { pos: number; remove: Mark; add: Mark | null }[] = [];
  for (const range of touchedRangesWithSlack(tr)) {
    doc.nodesBetween(range.from, range.to, (node, pos) => {
      if (pos < range.from || node.isText) return true;
      for (const mod of node.marks) {
        if (mod.type !== modification) continue;
        const r = back.mapResult(pos, 1);
        // A type change replaces the block's opening token, so its position maps as deleted;
        // the block is still the one that was there.
        const was = before.nodeAt(r.pos);
        const old = was && !was.isText ? was : null;
        const same = old?.marks.find(
          (m) =>
            m.type === modification &&
            m.attrs.type === mod.attrs.type &&
            m.attrs.attrName === mod.attrs.attrName,
        );
        // The same suggestion, untouched by this transaction.
        if (same && same.eq(mod)) continue;
        let previousValue: unknown = same ? same.attrs.previousValue : mod.attrs.previousValue;
        // Changing a block's type records its attributes too, but the library takes their old
        // values from the new type (a level-2 heading made a paragraph has "level: null", a
        // paragraph made a heading "level: 1"), so rejecting would give a heading without its
        // level. The old block has the real values (null for one its type does not have).
        const attrName = mod.attrs.attrName as string;
        if (!same && mod.attrs.type === 'attr' && old)
          previousValue = Object.hasOwn(old.attrs, attrName) ? old.attrs[attrName] : null;
        const corrected = JSON.stringify(previousValue) !== JSON.stringify(mod.attrs.previousValue);
        const current: unknown =
          mod.attrs.type === 'nodeType'
            ? node.type.name
            : mod.attrs.type === 'attr'
              ? node.attrs[mod.attrs.attrName as string]
              : mod.attrs.newValue;
        // An attribute the block's type does not have counts as null (a paragraph's level).
        const noOp =
          mod.attrs.type !== 'mark' && JSON.stringify(previousValue ?? null) === JSON.stringify(current ?? null);
        if (!same && !noOp && !corrected) continue;
        updates.push({
          pos,
          remove: mod,
          add: noOp ? null : modification.create({ ...mod.attrs, previousValue }),
        });
      }
      return true;
    });
  }
  const seen = new Set<string>();
  for (const u of updates) {
    const key = `${u.pos}:${JSON.stringify(u.remove.attrs)}`;
    if (seen.has(key)) continue;
    seen.add(key);
    tr.removeNodeMark(u.pos, u.remove);
    if (u.add) tr.addNodeMark(u.pos, u.add);
  }
}

// ── Accepting and rejecting ──────────────────────────────────────────────────────────────────

/** Which suggestions a resolution applies to. */
export type SuggestionFilter = { ids: readonly string[] } | { author: Person } | 'all';

function filterFn(filter: SuggestionFilter): (id: unknown) => boolean {
  if (filter === 'all') return () => true;
  if ('ids' in filter) {
    const set = new Set(filter.ids.map(String));
    return (id) => set.has(String(id));
  }
  return (id) => isAuthoredBy(id, filter.author);
}

interface Range {
  from: number;
  to: number;
  id: string;
}

/** True when nothing but node boundaries lies between `from` and `to`. */
function onlyBoundaries(doc: PMNode, from: number, to: number): boolean {
  if (from === to) return true;
  let content = false;
  doc.nodesBetween(from, to, (node, pos) => {
    if (content) return false;
    if ((node.isText || node.isLeaf) && pos + node.nodeSize > from && pos < to) content = true;
    return !content;
  });
  return !content;
}

/**
 * Adds to `tr` the steps that accept or reject the suggestions `filter` picks in `doc`
 * (`tr.doc` must be `doc`). Accepting deletes what deletions mark and keeps what insertions
 * mark; rejecting does the opposite and restores modified blocks. A suggestion's marks on both
 * sides of a block boundary (the same id at the end of one block and the start of the next)
 * are one range, so the blocks join or split back as they were.
 */
export function addResolutionSteps(
  tr: Transaction,
  filter: SuggestionFilter,
  how: 'accept' | 'reject',
): void {
  const doc = tr.doc;
  const { insertion, deletion, modification } = suggestionTypes(doc);
  const picks = filterFn(filter);
  const remove = how === 'accept' ? deletion : insertion;
  const keep = how === 'accept' ? insertion : deletion;

  const removals: Range[] = [];
  const anchors: number[] = [];
  const unmark: { from: number; to: number; mark: Mark }[] = [];
  const unmarkNode: { pos: number; mark: Mark }[] = [];
  const mods: { pos: number; node: PMNode; marks: Mark[] }[] = [];

  doc.descendants((node, pos) => {
    const gone = remove.isInSet(node.marks);
    if (gone && picks(gone.attrs.id)) {
      const id = String(gone.attrs.id);
      const last = removals[removals.length - 1];
      if (last && last.id === id && onlyBoundaries(doc, last.to, pos)) last.to = pos + node.nodeSize;
      else removals.push({ from: pos, to: pos + node.nodeSize, id });
      return false;
    }
    const kept = keep.isInSet(node.marks);
    if (kept && picks(kept.attrs.id)) {
      if (node.isText) {
        unmark.push({ from: pos, to: pos + node.nodeSize, mark: kept });
        const text = node.text ?? '';
        for (let i = text.indexOf(ANCHOR); i >= 0; i = text.indexOf(ANCHOR, i + 1)) anchors.push(pos + i);
      } else unmarkNode.push({ pos, mark: kept });
    }
    const picked = node.marks.filter((m) => m.type === modification && picks(m.attrs.id));
    if (picked.length && !node.isText) mods.push({ pos, node, marks: picked });
    return true;
  });

  for (const u of unmark) tr.removeMark(u.from, u.to, u.mark);
  for (const u of unmarkNode) tr.removeNodeMark(u.pos, u.mark);
  for (const m of mods) {
    if (how === 'accept') {
      for (const mark of m.marks) tr.removeNodeMark(m.pos, mark);
      continue;
    }
    const node = tr.doc.nodeAt(m.pos) ?? m.node;
    let type = node.type;
    const attrs: Record<string, unknown> = { ...node.attrs };
    let marks: readonly Mark[] = node.marks.filter((mark) => !m.marks.some((x) => x.eq(mark)));
    for (const mod of m.marks) {
      if (mod.attrs.type === 'nodeType')
        type = doc.type.schema.nodes[mod.attrs.previousValue as string] ?? type;
      else if (mod.attrs.type === 'attr') attrs[mod.attrs.attrName as string] = mod.attrs.previousValue;
      else if (mod.attrs.type === 'mark') {
        if (mod.attrs.newValue) {
          const added = doc.type.schema.markFromJSON(mod.attrs.newValue);
          marks = marks.filter((x) => !x.eq(added));
        }
        if (mod.attrs.previousValue)
          marks = doc.type.schema.markFromJSON(mod.attrs.previousValue).addToSet(marks);
      }
    }
    tr.setNodeMarkup(m.pos, type, attrs, marks);
  }

  // Deletions last, from the end, so earlier positions stay valid.
  const cuts = [
    ...removals.map((r) => ({ from: r.from, to: r.to })),
    ...anchors.map((p) => ({ from: p, to: p + 1 })),
  ].sort((a, b) => b.from - a.from);
  for (const cut of cuts) tr.delete(tr.mapping.map(cut.from), tr.mapping.map(cut.to));
}

/** A command that accepts or rejects the suggestions `filter` picks; false when there are none. */
export function resolveSuggestions(filter: SuggestionFilter, how: 'accept' | 'reject'): Command {
  return (state, dispatch) => {
    const tr = state.tr;
    addResolutionSteps(tr, filter, how);
    if (!tr.docChanged) return false;
    tr.setMeta(SKIP_SUGGESTING, true);
    dispatch?.(tr);
    return true;
  };
}

/** The document with every suggestion accepted (or rejected): the text as it will read. */
export function resolvedDoc(doc: PMNode, how: 'accept' | 'reject'): PMNode {
  const state = EditorState.create({ doc });
  const tr = state.tr;
  addResolutionSteps(tr, 'all', how);
  return tr.doc;
}

/**
 * What copying `from`–`to` puts on the clipboard: the selected text as it reads with its
 * suggestions accepted, carrying no suggestion marks. Pasting it anywhere (in suggesting mode it
 * becomes the paster's own insertion) never duplicates another suggestion's id.
 */
export function acceptedSlice(doc: PMNode, from: number, to: number): Slice {
  const state = EditorState.create({ doc });
  const tr = state.tr;
  addResolutionSteps(tr, 'all', 'accept');
  return tr.doc.slice(tr.mapping.map(from, 1), tr.mapping.map(to, -1));
}

/** Selects a suggestion's text (its first to its last mark). */
export function suggestionRange(doc: PMNode, id: string): { from: number; to: number } | null {
  const types = Object.values(suggestionTypes(doc));
  let from: number | null = null;
  let to = 0;
  doc.descendants((node, pos) => {
    if (node.marks.some((m) => types.includes(m.type) && String(m.attrs.id) === id)) {
      from ??= pos;
      to = pos + node.nodeSize;
      return false;
    }
    return true;
  });
  return from === null ? null : { from, to };
}
