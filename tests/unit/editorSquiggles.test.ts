import { describe, expect, it } from 'vitest';
import { EditorState } from '@tiptap/pm/state';
import { Decoration, DecorationSet } from '@tiptap/pm/view';
import type { Node as PMNode } from '@tiptap/pm/model';
import { articleSchema } from '../../src/shared/editor/schema';
import { reconcileDecorations, stepAsideWhereEdited } from '../../src/shared/editor/checkSquiggles';
import { bodyJSON } from '../../src/shared/editor/bodyJson';
import { touchedRanges } from '../../src/shared/editor/touchedRanges';
import type { Finding } from '../../src/checks/types';

/** Three paragraphs: "Alpha beta.", "Gamma delta.", "Epsilon zeta." */
function doc(): PMNode {
  return articleSchema().nodeFromJSON({
    type: 'doc',
    content: ['Alpha beta.', 'Gamma delta.', 'Epsilon zeta.'].map((text) => ({
      type: 'paragraph',
      content: [{ type: 'text', text }],
    })),
  });
}

/** A finding on `word` in the document, where it is now. */
function finding(d: PMNode, word: string, message = `Check “${word}”.`): Finding {
  let from = -1;
  d.descendants((n, pos) => {
    if (from < 0 && n.isText && n.text!.includes(word)) from = pos + n.text!.indexOf(word);
  });
  if (from < 0) throw new Error(`no ${word}`);
  return {
    id: `${word}@${from}`,
    kind: 'spelling',
    rule: 'misspelling',
    message,
    field: 'body',
    text: word,
    position: { from, to: from + word.length },
    suggestions: [],
    severity: 'warning',
  };
}

function ranges(set: DecorationSet): string[] {
  return set
    .find()
    .map((d) => `${d.from}-${d.to}`)
    .sort();
}

describe('the copy desk underlines (reconcileDecorations)', () => {
  it('draws one underline per finding, skipping positions outside the document', () => {
    const d = doc();
    const bad = { ...finding(d, 'beta'), position: { from: 5, to: d.content.size + 5 } };
    const set = reconcileDecorations(DecorationSet.empty, d, [finding(d, 'beta'), finding(d, 'zeta'), bad]);
    expect(ranges(set)).toEqual(
      [finding(d, 'beta'), finding(d, 'zeta')].map((f) => `${f.position.from}-${f.position.to}`).sort(),
    );
    expect(set.find()[0]!.spec).toMatchObject({ inclusiveStart: false, inclusiveEnd: false });
  });

  it('returns the same set when a result finds what is already underlined', () => {
    const d = doc();
    const findings = [finding(d, 'beta'), finding(d, 'delta')];
    const set = reconcileDecorations(DecorationSet.empty, d, findings);
    // Ids differ from check to check (they include positions): the underlines are kept all the same.
    const again = findings.map((f) => ({ ...f, id: `${f.id}-next` }));
    expect(reconcileDecorations(set, d, again)).toBe(set);
  });

  it('after an edit, keeps the untouched blocks’ underlines and replaces only what changed', () => {
    const d = doc();
    const set = reconcileDecorations(DecorationSet.empty, d, [
      finding(d, 'Alpha'),
      finding(d, 'delta'),
      finding(d, 'zeta'),
    ]);
    // What the view compares when it redraws: each block's own part of the set.
    const firstBefore = set.forChild(0, d.child(0));
    // Type "x" into the second paragraph, as a keystroke would, and map the underlines through it.
    const state = EditorState.create({ doc: d });
    const at = finding(d, 'Gamma').position.to;
    const tr = state.tr.insertText('x', at);
    const mapped = set.map(tr.mapping, tr.doc);
    // The recheck: "Gammax" is now misspelt too; "delta" and "zeta" moved one position on.
    const next = [
      finding(tr.doc, 'Alpha'),
      finding(tr.doc, 'Gammax'),
      finding(tr.doc, 'delta'),
      finding(tr.doc, 'zeta'),
    ];
    const result = reconcileDecorations(mapped, tr.doc, next);
    expect(ranges(result)).toEqual(next.map((f) => `${f.position.from}-${f.position.to}`).sort());
    // The first paragraph's part is the very same object: the view sees nothing there to redraw.
    expect(result.forChild(0, tr.doc.child(0))).toBe(firstBefore);
    expect(result.forChild(0, tr.doc.child(0))).not.toBe(DecorationSet.empty);
  });

  it('removes underlines whose finding is gone, and a changed message replaces its underline', () => {
    const d = doc();
    const set = reconcileDecorations(DecorationSet.empty, d, [finding(d, 'beta'), finding(d, 'delta')]);
    const result = reconcileDecorations(set, d, [finding(d, 'delta', 'Another message.')]);
    expect(ranges(result)).toEqual([
      `${finding(d, 'delta').position.from}-${finding(d, 'delta').position.to}`,
    ]);
    expect((result.find()[0] as unknown as { type: { attrs: { title: string } } }).type.attrs.title).toBe(
      'Another message.',
    );
  });
});

describe('underlines step aside in the paragraph being edited (stepAsideWhereEdited)', () => {
  const underline = (d: PMNode) =>
    reconcileDecorations(DecorationSet.empty, d, [
      finding(d, 'Alpha'),
      finding(d, 'Gamma'),
      finding(d, 'delta'),
      finding(d, 'zeta'),
    ]);
  const texts = (d: PMNode, set: DecorationSet) =>
    set
      .find()
      .filter((x) => x.spec.squiggle !== undefined)
      .map((x) => d.textBetween(x.from, x.to))
      .sort();

  it('takes out the edited paragraph’s underlines, all of them, and keeps the other paragraphs’', () => {
    const d = doc();
    const set = underline(d);
    // A keystroke after "Gamma", away from "delta": both of the paragraph's underlines go.
    const tr = EditorState.create({ doc: d }).tr.insertText('x', finding(d, 'Gamma').position.to);
    const result = stepAsideWhereEdited(set.map(tr.mapping, tr.doc), tr);
    expect(texts(tr.doc, result)).toEqual(['Alpha', 'zeta']);
    // The untouched first paragraph's part is the same object: nothing there is redrawn.
    expect(result.forChild(0, tr.doc.child(0))).toBe(set.forChild(0, d.child(0)));
  });

  it('covers every paragraph a multi-step edit touched, through the later steps’ mapping', () => {
    const d = doc();
    const set = underline(d);
    // Delete in the third paragraph first, then insert in the first: the first step's range
    // must be mapped through the second to find the third paragraph where it is now.
    const tr = EditorState.create({ doc: d }).tr;
    tr.delete(finding(d, 'Epsilon').position.from, finding(d, 'Epsilon').position.to);
    tr.insertText('New ', 1);
    const result = stepAsideWhereEdited(set.map(tr.mapping, tr.doc), tr);
    expect(texts(tr.doc, result)).toEqual(['Gamma', 'delta']);
  });

  it('leaves other decorations, and an edit between blocks, alone', () => {
    const d = doc();
    const other = Decoration.inline(2, 4, { class: 'find-match' });
    const set = underline(d).add(d, [other]);
    const tr = EditorState.create({ doc: d }).tr.insertText('z', 3);
    const result = stepAsideWhereEdited(set.map(tr.mapping, tr.doc), tr);
    // The edited first paragraph loses its underline ("Alpha"), not the find match in it.
    expect(result.find().filter((x) => x.spec.squiggle === undefined)).toHaveLength(1);
    expect(texts(tr.doc, result)).toEqual(['Gamma', 'delta', 'zeta']);
    // A new paragraph inserted between the first and second touches neither's underlines.
    const between = EditorState.create({ doc: d }).tr.insert(
      d.child(0).nodeSize,
      articleSchema().nodes.paragraph!.create(),
    );
    const kept = stepAsideWhereEdited(underline(d).map(between.mapping, between.doc), between);
    expect(texts(between.doc, kept)).toEqual(['Alpha', 'Gamma', 'delta', 'zeta']);
  });

  it('keeps the underlines of a paragraph whose words did not change (bold, a comment mark)', () => {
    const d = doc();
    const set = underline(d);
    const bold = articleSchema().marks.bold!.create();
    const tr = EditorState.create({ doc: d }).tr.addMark(1, 6, bold);
    // The mark step's own range is what the suggestions' bookkeeping looks at; the underlines do not.
    expect(touchedRanges(tr, { marks: true })).toEqual([{ from: 1, to: 6 }]);
    expect(touchedRanges(tr)).toEqual([]);
    expect(texts(tr.doc, stepAsideWhereEdited(set.map(tr.mapping, tr.doc), tr))).toEqual(texts(d, set));
  });

  it('leaves the underlines of an edit of many steps (a replace-all) where they are', () => {
    const d = doc();
    const set = underline(d);
    const tr = EditorState.create({ doc: d }).tr;
    for (let i = 0; i < 21; i++) tr.insertText('y', 1);
    const result = stepAsideWhereEdited(set.map(tr.mapping, tr.doc), tr);
    expect(result.find()).toHaveLength(4);
  });
});

describe('bodyJSON', () => {
  it('is the document’s JSON and serialises only the blocks an edit touched', () => {
    const d = doc();
    const first = bodyJSON(d);
    expect(first).toEqual(d.toJSON());
    const tr = EditorState.create({ doc: d }).tr.insertText('x', finding(d, 'Gamma').position.to);
    const second = bodyJSON(tr.doc);
    expect(second).toEqual(tr.doc.toJSON());
    expect(second.content![0]).toBe(first.content![0]);
    expect(second.content![2]).toBe(first.content![2]);
    expect(second.content![1]).not.toBe(first.content![1]);
  });
});
