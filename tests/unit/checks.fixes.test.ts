import { describe, expect, it } from 'vitest';
import { EditorState } from '@tiptap/pm/state';
import type { Node as PMNode } from '@tiptap/pm/model';
import { articleSchema } from '../../src/shared/editor/schema';
import { SKIP_SUGGESTING, suggestTransaction } from '../../src/shared/review/suggesting';
import { fixTransaction } from '../../src/checks/fixTransaction';

const schema = articleSchema();
const doc = schema.nodeFromJSON({
  type: 'doc',
  content: [{ type: 'paragraph', content: [{ type: 'text', text: 'The council aproves the the plan.' }] }],
});
// "aproves" is 13–20 and the doubled "the the" 21–28 in ProseMirror positions (text starts at 1).
const FIXES = [
  { from: 13, to: 20, text: 'approves' },
  { from: 21, to: 28, text: 'the' },
];

/** Each run of text with the names of its suggestion marks. */
function runs(node: PMNode): string[] {
  const out: string[] = [];
  node.descendants((n) => {
    if (n.isText) {
      const marks = n.marks.map((m) => m.type.name).filter((m) => m === 'insertion' || m === 'deletion');
      out.push(marks.length ? `${marks.join('+')}:${n.text}` : n.text!);
    }
  });
  return out;
}

describe('a finding’s fix is an ordinary edit', () => {
  it('fixes every finding in one undoable transaction, last first, with no meta that would skip suggesting', () => {
    const state = EditorState.create({ doc });
    const { tr, fixed } = fixTransaction(state, FIXES);
    expect(fixed).toBe(2);
    expect(tr.doc.textContent).toBe('The council approves the plan.');
    expect(tr.getMeta(SKIP_SUGGESTING)).toBeUndefined();
    expect(tr.getMeta('addToHistory')).toBeUndefined();
  });

  it('skips a fix that overlaps one already made', () => {
    const state = EditorState.create({ doc });
    const { tr, fixed } = fixTransaction(state, [...FIXES, { from: 17, to: 24, text: 'x' }]);
    expect(fixed).toBe(2);
    expect(tr.doc.textContent).toBe('The council approves the plan.');
  });

  it('in suggesting mode the fix becomes a suggestion: the misspelling marked deleted, the fix inserted', () => {
    const state = EditorState.create({ doc });
    const { tr } = fixTransaction(state, [FIXES[0]!]);
    const suggested = state.apply(suggestTransaction(tr, state, { name: 'Sub Editor', initials: 'SE' }));
    expect(runs(suggested.doc)).toEqual([
      'The council ',
      'deletion:aproves',
      'insertion:approves',
      ' the the plan.',
    ]);
  });
});
