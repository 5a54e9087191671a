import { describe, expect, it } from 'vitest';
import { seededRandom } from '../../bench/harness';
import { EditorState, type Transaction } from '@tiptap/pm/state';
import type { DecorationSet } from '@tiptap/pm/view';
import type { Person } from '../../src/shared/article';
import { articleSchema } from '../../src/shared/editor/schema';
import { colourDecorations, updateColourDecorations } from '../../src/shared/editor/suggestionColours';
import { addResolutionSteps, suggestTransaction } from '../../src/shared/review/suggesting';

/**
 * The suggestion colours are updated incrementally (mapped, and redrawn only in the blocks a
 * transaction touched): after every edit of seeded random sequences of typing, deleting,
 * formatting and accepting or rejecting, by two authors in suggesting mode and in editing mode,
 * they must be exactly what drawing them afresh over the whole document gives.
 */

const schema = articleSchema();
const authors: Person[] = [
  { name: 'Alice Reed', initials: 'AR' },
  { name: 'Bob Kay', initials: 'BK' },
];
const p = (text: string) => ({ type: 'paragraph', content: [{ type: 'text', text }] });
const START = {
  type: 'doc',
  content: [
    { type: 'heading', attrs: { level: 2 }, content: [{ type: 'text', text: 'Flood plan' }] },
    p('The council met on Monday.'),
    { type: 'bulletList', content: [{ type: 'listItem', content: [p('one item')] }] },
    { type: 'blockquote', content: [p('We will act.'), p('Soon.')] },
    p('End.'),
  ],
};

/** Positions inside text blocks, where text can go. */
function textPositions(state: EditorState): number[] {
  const out: number[] = [];
  state.doc.descendants((node, pos) => {
    if (node.isTextblock) for (let i = 0; i <= node.content.size; i++) out.push(pos + 1 + i);
    return !node.isTextblock;
  });
  return out;
}

function randomEdit(rand: () => number, state: EditorState): Transaction {
  const at = textPositions(state);
  const pick = () => at[Math.floor(rand() * at.length)]!;
  const tr = state.tr;
  const r = rand();
  if (r < 0.4) return tr.insertText(rand() < 0.5 ? 'x' : ' new words ', pick());
  const a = pick();
  const b = pick();
  const [from, to] = a <= b ? [a, b] : [b, a];
  if (r < 0.7) return from < to ? tr.delete(from, to) : tr.insertText('y', from);
  if (r < 0.85)
    return from < to ? tr.addMark(from, to, schema.marks.bold!.create()) : tr.insertText('z', from);
  addResolutionSteps(tr, 'all', rand() < 0.5 ? 'accept' : 'reject');
  return tr;
}

const shape = (set: DecorationSet) =>
  set
    .find()
    .map(
      (d) =>
        `${d.from}-${d.to} ${String((d as unknown as { type: { attrs: { class: string } } }).type.attrs.class)}`,
    )
    .sort();

describe('suggestion colours', () => {
  it('stay exactly as drawing them afresh gives, through 200 random sequences of 25 edits', () => {
    let compared = 0;
    let coloured = 0;
    for (let seed = 1; seed <= 200; seed++) {
      const rand = seededRandom(seed);
      let state = EditorState.create({ schema, doc: schema.nodeFromJSON(START) });
      let set = colourDecorations(state.doc);
      for (let step = 0; step < 25; step++) {
        const raw = randomEdit(rand, state);
        // Mostly suggesting (two authors), sometimes plain editing.
        const tr = rand() < 0.8 ? suggestTransaction(raw, state, authors[step % 2]!) : raw;
        let next: EditorState;
        try {
          next = state.apply(tr);
        } catch {
          continue; // an edit the schema refuses: nothing to compare
        }
        set = updateColourDecorations(set, tr);
        state = next;
        const fresh = shape(colourDecorations(state.doc));
        expect(shape(set), `seed ${seed}, edit ${step}`).toEqual(fresh);
        compared++;
        if (fresh.length > 0) coloured++;
      }
    }
    // The sequences did colour text: the comparison was not of empty sets.
    expect(coloured).toBeGreaterThan(compared / 3);
  });
});
