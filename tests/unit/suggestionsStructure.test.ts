import { describe, expect, it } from 'vitest';
import { EditorState, type Transaction } from '@tiptap/pm/state';
import { Fragment, Slice, type Attrs, type Mark, type Node as PMNode, type NodeType } from '@tiptap/pm/model';
import { liftTarget, ReplaceAroundStep, ReplaceStep } from '@tiptap/pm/transform';
import { articleSchema } from '../../src/shared/editor/schema';
import type { Person } from '../../src/shared/article';
import {
  addResolutionSteps,
  resolvedDoc,
  SUGGESTING_REFUSED,
  suggestTransaction,
} from '../../src/shared/review/suggesting';

/**
 * Suggesting across list and quote structure: cases found by the property test
 * (tests/unit/suggestionsProperty.test.ts, mix "lists and block quotes" and "pasting
 * paragraphs"), each made in editing mode and in suggesting mode on the real schema.
 */

const schema = articleSchema();
const alice: Person = { name: 'Alice Reed', initials: 'AR' };
const p = (text: string) => ({ type: 'paragraph', content: text ? [{ type: 'text', text }] : undefined });
const QUOTE = schema.nodeFromJSON({
  type: 'doc',
  content: [p('Quote follows:'), { type: 'blockquote', content: [p('We will act.'), p('Soon.')] }, p('Bold ')],
});
const LIST = schema.nodeFromJSON({
  type: 'doc',
  content: [
    { type: 'heading', attrs: { level: 2 }, content: [{ type: 'text', text: 'Flood plan' }] },
    p('Work starts in May.'),
    {
      type: 'bulletList',
      content: [
        { type: 'listItem', content: [p('one item')] },
        { type: 'listItem', content: [p('two')] },
      ],
    },
    p('End.'),
  ],
});

/** The position `offset` characters into the text node starting with `text`. */
function textAt(doc: PMNode, text: string, offset: number): number {
  let found = -1;
  doc.descendants((node, pos) => {
    if (found < 0 && node.isText && node.text?.startsWith(text)) found = pos + offset;
  });
  if (found < 0) throw new Error(`"${text}" is not in the document`);
  return found;
}

type Edit = (tr: Transaction) => void;

/**
 * Makes each edit in editing mode and in suggesting mode, the suggesting edit at the positions
 * of the text as it reads (every suggestion accepted), as a person sees it. Returns both docs.
 */
function both(original: PMNode, edits: Edit[]): { editing: PMNode; suggesting: PMNode } {
  let editing = EditorState.create({ doc: original });
  let suggesting = EditorState.create({ doc: original });
  for (const edit of edits) {
    const trE = editing.tr;
    edit(trE);
    editing = editing.apply(trE);
    // The text as it reads in suggesting mode is the editing document; its positions map back.
    expect(resolvedDoc(suggesting.doc, 'accept').eq(trE.before)).toBe(true);
    const accept = EditorState.create({ doc: suggesting.doc }).tr;
    addResolutionSteps(accept, 'all', 'accept');
    const back = accept.mapping.invert();
    const trS = suggesting.tr;
    edit(mappedTransaction(trS, (pos, assoc) => back.map(pos, assoc)));
    suggesting = suggesting.apply(suggestTransaction(trS, suggesting, alice));
    expect(() => suggesting.doc.check()).not.toThrow();
  }
  return { editing: editing.doc, suggesting: suggesting.doc };
}

/** A transaction whose delete/split/replace positions are mapped first. */
function mappedTransaction(tr: Transaction, map: (pos: number, assoc: number) => number): Transaction {
  return new Proxy(tr, {
    get(target, prop, receiver) {
      if (prop === 'delete') return (from: number, to: number) => target.delete(map(from, -1), map(to, 1));
      if (prop === 'split') return (pos: number, depth?: number) => target.split(map(pos, 1), depth);
      if (prop === 'insertText') return (text: string, pos: number) => target.insertText(text, map(pos, 1));
      if (prop === 'addMark')
        return (from: number, to: number, mark: Mark) => target.addMark(map(from, 1), map(to, -1), mark);
      if (prop === 'setBlockType')
        return (from: number, to: number, type: NodeType, attrs?: Attrs) =>
          target.setBlockType(map(from, 1), map(to, 1), type, attrs);
      if (prop === 'replace')
        return (from: number, to: number, slice: Slice) => target.replace(map(from, -1), map(to, 1), slice);
      const value = Reflect.get(target, prop, receiver) as unknown;
      return typeof value === 'function' ? (value as (...a: unknown[]) => unknown).bind(target) : value;
    },
  });
}

function expectConsistent(original: PMNode, edits: Edit[]): PMNode {
  const { editing, suggesting } = both(original, edits);
  expect(resolvedDoc(suggesting, 'reject').toJSON()).toEqual(original.toJSON());
  expect(resolvedDoc(suggesting, 'accept').toJSON()).toEqual(editing.toJSON());
  return suggesting;
}

/** Block nodes carrying a suggestion mark of their own (a whole block deleted or inserted). */
function markedBlocks(doc: PMNode): string[] {
  const out: string[] = [];
  doc.descendants((node) => {
    if (!node.isText && node.marks.some((m) => ['insertion', 'deletion'].includes(m.type.name)))
      out.push(`${node.type.name}:${node.marks.map((m) => m.type.name).join(',')}`);
    return true;
  });
  return out;
}

describe('deleting across list and quote structure', () => {
  it('a deletion into a block quote is a ReplaceAroundStep in editing mode, recorded as deleted text', () => {
    const tr = EditorState.create({ doc: QUOTE }).tr.delete(11, 27);
    expect(tr.steps[0]).toBeInstanceOf(ReplaceAroundStep);
    const suggesting = expectConsistent(QUOTE, [(t) => t.delete(11, 27)]);
    // The text is struck through; no block is deleted and rebuilt.
    expect(markedBlocks(suggesting)).toEqual([]);
  });

  it('a suggested paragraph break inside a deletion across a quote is rejected with it (seed 141)', () => {
    const suggesting = expectConsistent(QUOTE, [(t) => t.split(12), (t) => t.delete(11, 27)]);
    expect(markedBlocks(suggesting)).toEqual([]);
  });

  it('Enter in a block joined across a quote by a pending deletion rejects cleanly', () => {
    // Enter as the editor's splitBlock makes it: the new block's type given.
    const enter = (t: Transaction): void => void t.split(9, 1, [{ type: schema.nodes.paragraph! }]);
    const { suggesting } = both(QUOTE, [(t) => t.delete(10, 21), enter]);
    expect(resolvedDoc(suggesting, 'reject').toJSON()).toEqual(QUOTE.toJSON());
  });

  it('a deletion into a list, then one across the heading’s end, accepts as in editing mode (seed 496)', () => {
    expectConsistent(LIST, [(t) => t.delete(27, 39), (t) => t.delete(11, 13)]);
  });

  it('a deletion out of a list item into the paragraph after the list', () => {
    // From "one |item" to "En|d.": across the list item, the list and a paragraph boundary.
    expectConsistent(LIST, [(t) => t.delete(textAt(LIST, 'one ', 4), textAt(LIST, 'End.', 2))]);
  });
});

describe('an edit the library cannot record', () => {
  const FLAT = schema.nodeFromJSON({
    type: 'doc',
    content: [
      { type: 'heading', attrs: { level: 2 }, content: [{ type: 'text', text: 'Flood plan' }] },
      p('Work starts in May, the council said.'),
      p(''),
      p('End.'),
    ],
  });
  const pasteDoc = schema.nodeFromJSON({ type: 'doc', content: [p('Pasted one'), p('Pasted two')] });
  const PASTE = new Slice(pasteDoc.content, 1, 1);

  it('bold next to a pasted block with a type suggestion is recorded, not a crash (seed 302)', () => {
    // The library's formatting path threw "Position 62 outside of fragment" here.
    expectConsistent(FLAT, [
      (t) => void t.insertText('Ω', 13),
      (t) => void t.replace(26, 51, PASTE),
      (t) => void t.delete(44, 50),
      (t) => void t.setBlockType(38, 38, schema.nodes.heading!, { level: 2 }),
      (t) => void t.addMark(11, 21, schema.marks.bold!.create()),
      (t) => void t.replace(6, 14, PASTE),
      (t) => void t.replace(10, 12, PASTE),
    ]);
  });

  it('bold over pasted paragraphs keeps their paragraph break rejectable (seed 491)', () => {
    // The pasted text was re-inserted bold under a new id: the break had two ids.
    expectConsistent(FLAT, [
      (t) => void t.replace(58, 58, PASTE),
      (t) => void t.addMark(46, 74, schema.marks.bold!.create()),
    ]);
  });

  it('bold from the start of a line made by Enter keeps the break rejectable (seed 398)', () => {
    // The library took the break's zero-width anchor before the bold text for a deletion's.
    expectConsistent(FLAT, [
      (t) => void t.insertText('Ω', 43),
      (t) => void t.split(10),
      (t) => void t.insertText('Ω', 30),
      (t) => void t.split(17),
      (t) => void t.addMark(10, 32, schema.marks.bold!.create()),
    ]);
  });

  it('bold before a deletion that joins two paragraphs stays inside them (seed 208)', () => {
    // The bold text was put after the deletion, between it and the break it joins.
    const doc = schema.nodeFromJSON({
      type: 'doc',
      content: [p('The council met on Monday.'), p('It approved the plan.'), p('Residents object.')],
    });
    expectConsistent(doc, [
      (t) => void t.replace(46, 65, PASTE),
      (t) => void t.delete(10, 30),
      (t) => void t.addMark(9, 30, schema.marks.bold!.create()),
    ]);
  });

  it('an edit that cannot be recorded is refused: nothing changes, and the transaction says why', () => {
    const state = EditorState.create({ doc: FLAT });
    const tr = state.tr.insertText('x', 3);
    // A step that fails while it is being recorded (as the library's formatting path did).
    class FailingStep extends ReplaceStep {
      override map(): never {
        throw new RangeError('Position 62 outside of fragment');
      }
    }
    const broken = state.tr;
    broken.step(new FailingStep(3, 3, new Slice(Fragment.from(schema.text('x')), 0, 0)));
    const out = suggestTransaction(broken, state, alice);
    expect(out.docChanged).toBe(false);
    expect(String(out.getMeta(SUGGESTING_REFUSED))).toMatch(/not made/);
    // An ordinary edit is recorded.
    expect(suggestTransaction(tr, state, alice).getMeta(SUGGESTING_REFUSED)).toBeUndefined();
  });
});

describe('pasting paragraphs', () => {
  it('a paste replacing the first half of an earlier pasted break keeps that break rejectable (seed 415)', () => {
    const doc = schema.nodeFromJSON({
      type: 'doc',
      content: [p('The council met on Monday.'), p('It approved the plan.'), p('Residents object.')],
    });
    const pasteDoc = schema.nodeFromJSON({ type: 'doc', content: [p('Pasted one'), p('Pasted two')] });
    const PASTE = new Slice(pasteDoc.content, 1, 1);
    expectConsistent(doc, [
      (t) => void t.split(12, 1, [{ type: schema.nodes.paragraph! }]),
      (t) => void t.delete(43, 65),
      (t) => void t.insertText('Ω', 12),
      (t) => void t.replace(33, 46, PASTE),
      (t) => void t.replace(24, 43, PASTE),
    ]);
  });
});

describe('wrapping and lifting', () => {
  it('wrapping a paragraph in a block quote, and lifting a paragraph out of a quote', () => {
    const wrap = (t: Transaction): void => {
      const $from = t.doc.resolve(textAt(t.doc, 'Work', 1));
      const range = $from.blockRange()!;
      t.wrap(range, [{ type: schema.nodes.blockquote! }]);
    };
    expectConsistent(LIST, [wrap]);
    // Turning the quote off for its last paragraph.
    const lift = (t: Transaction): void => {
      const $from = t.doc.resolve(textAt(t.doc, 'Soon', 1));
      const range = $from.blockRange()!;
      t.lift(range, liftTarget(range)!);
    };
    expectConsistent(QUOTE, [lift]);
  });
});
