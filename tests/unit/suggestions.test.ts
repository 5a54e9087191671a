import { runCliIn, type CliResult } from '../helpers/cli';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { EditorState, TextSelection, type Command } from '@tiptap/pm/state';
import { history, redo, undo } from '@tiptap/pm/history';
import { joinBackward, setBlockType, splitBlock } from '@tiptap/pm/commands';
import { Slice, type Node as PMNode } from '@tiptap/pm/model';
import type { BodyDoc, Person } from '../../src/shared/article';
import { articleSchema, checkBody } from '../../src/shared/editor/schema';
import {
  acceptedSlice,
  resolveSuggestions,
  suggestionRange,
  suggestTransaction,
} from '../../src/shared/review/suggesting';
import { listSuggestions } from '../../src/shared/review/forExport';
import { parseSuggestionId } from '../../src/shared/review/suggestionIds';
import {
  acceptFieldSuggestion,
  listAllSuggestions,
  rejectFieldSuggestion,
  suggestFieldValue,
} from '../../src/shared/review/fieldSuggestions';
import { LibraryStore } from '../../src/library/store';
import { makeTempDir } from '../helpers/tempLibrary';

const schema = articleSchema();
const alice: Person = { name: 'Alice Reed', initials: 'AR' };
const bob: Person = { name: 'Bob Kay', initials: 'BK' };

const p = (text: string) => ({ type: 'paragraph', content: text ? [{ type: 'text', text }] : undefined });
function docOf(...paragraphs: string[]): PMNode {
  return schema.nodeFromJSON({ type: 'doc', content: paragraphs.map(p) });
}

/** An editor state without a view, with undo history, that records every edit as `author`. */
class Suggester {
  state: EditorState;
  author: Person = alice;
  constructor(doc: PMNode) {
    this.state = EditorState.create({ doc, plugins: [history()] });
  }
  dispatch = (tr: import('@tiptap/pm/state').Transaction): void => {
    this.state = this.state.apply(suggestTransaction(tr, this.state, this.author));
  };
  /** Runs a command with the caret or selection at `from`–`to` (positions in the current doc). */
  run(command: Command, from?: number, to = from): boolean {
    if (from !== undefined)
      this.state = this.state.apply(
        this.state.tr.setSelection(TextSelection.create(this.state.doc, from, to)),
      );
    return command(this.state, this.dispatch);
  }
  type(text: string, at: number): void {
    this.run((state, dispatch) => {
      dispatch?.(state.tr.insertText(text, at));
      return true;
    }, at);
  }
  delete(from: number, to: number): void {
    this.run(
      (state, dispatch) => {
        dispatch?.(state.tr.delete(from, to));
        return true;
      },
      from,
      to,
    );
  }
  /** The text with every suggestion accepted, or rejected, one line per block. */
  text(how: 'accept' | 'reject' | 'raw' = 'raw'): string {
    let state = this.state;
    if (how !== 'raw') resolveSuggestions('all', how)(state, (tr) => (state = state.apply(tr)));
    return lines(state.doc);
  }
}

/** The document position of the `nth` occurrence of `text` (plus `offset`). */
function at(doc: PMNode, text: string, offset = 0): number {
  let found = -1;
  doc.descendants((node, pos) => {
    if (found >= 0) return false;
    if (node.isText) {
      const i = node.text!.indexOf(text);
      if (i >= 0) found = pos + i + offset;
    }
    return true;
  });
  if (found < 0) throw new Error(`"${text}" is not in the document`);
  return found;
}

function lines(doc: PMNode): string {
  const out: string[] = [];
  doc.descendants((node) => {
    if (!node.isTextblock) return true;
    out.push(node.textContent.replace(/\u200B/g, ''));
    return false;
  });
  return out.join('\n');
}

/** Marked runs: "text" for plain, "+text" inserted, "-text" deleted, with the author's initials. */
function runs(doc: PMNode): string[] {
  const out: string[] = [];
  doc.descendants((node) => {
    if (!node.isText) return true;
    const ins = node.marks.find((m) => m.type.name === 'insertion');
    const del = node.marks.find((m) => m.type.name === 'deletion');
    const mark = ins ?? del;
    const who = mark ? parseSuggestionId(mark.attrs.id)?.author.initials : '';
    out.push(`${ins ? '+' : del ? '-' : ''}${node.text!.replace(/\u200B/g, '·')}${who ? `@${who}` : ''}`);
    return false;
  });
  return out;
}

describe('recording suggestions (real schema, EditorState without a view)', () => {
  it('typing is an insertion attributed to the author, with the time in its id', () => {
    const s = new Suggester(docOf('The council met.'));
    const before = Date.now();
    s.type('city ', 5);
    expect(runs(s.state.doc)).toEqual(['The ', '+city @AR', 'council met.']);
    const [item] = listSuggestions(s.state.doc);
    expect(item).toMatchObject({ kinds: ['insertion'], text: 'city ', author: alice });
    expect(Date.parse(item!.at!)).toBeGreaterThanOrEqual(before - 1000);
    expect(() => s.state.doc.check()).not.toThrow();
  });

  it('typing on after your own insertion extends it; deleting is a deletion, not a removal', () => {
    const s = new Suggester(docOf('The council met.'));
    s.type('c', 5);
    s.type('ity', 6);
    expect(listSuggestions(s.state.doc)).toHaveLength(1);
    s.delete(at(s.state.doc, 'met.'), at(s.state.doc, 'met.', 4));
    expect(runs(s.state.doc)).toEqual(['The ', '+city@AR', 'council ', '-met.@AR']);
    expect(s.text()).toBe('The citycouncil met.');
  });

  it('deleting inside your own insertion removes those letters for real', () => {
    const s = new Suggester(docOf('The council met.'));
    s.type('green ', 5);
    s.delete(6, 9); // "ree"
    expect(runs(s.state.doc)).toEqual(['The ', '+gn @AR', 'council met.']);
    s.delete(5, 8); // the rest of the insertion
    expect(listSuggestions(s.state.doc)).toEqual([]);
    expect(s.text()).toBe('The council met.');
  });

  it('typing next to someone else’s suggestion is a suggestion of your own', () => {
    const s = new Suggester(docOf('The council met.'));
    s.type('city ', 5);
    s.author = bob;
    s.type('hall ', 10);
    expect(runs(s.state.doc)).toEqual(['The ', '+city @AR', '+hall @BK', 'council met.']);
    s.delete(at(s.state.doc, 'council '), at(s.state.doc, 'council ', 8)); // next to Bob's insertion
    s.author = alice;
    s.delete(at(s.state.doc, 'met.'), at(s.state.doc, 'met.', 4)); // right after Bob's deletion
    expect(runs(s.state.doc)).toEqual(['The ', '+city @AR', '+hall @BK', '-council @BK', '-met.@AR']);
    expect(new Set(listSuggestions(s.state.doc).map((x) => x.author?.name))).toEqual(
      new Set([alice.name, bob.name]),
    );
  });

  it('a deletion across a paragraph boundary joins the paragraphs when accepted and not when rejected', () => {
    const s = new Suggester(docOf('First line.', 'Second line.'));
    s.delete(7, 21); // "line." ¶ "Second "
    expect(s.text()).toBe('First line.\nSecond line.');
    expect(s.text('accept')).toBe('First line.');
    expect(s.text('reject')).toBe('First line.\nSecond line.');
  });

  it('Enter in the middle and at the end of a paragraph, and Backspace at a paragraph’s start', () => {
    const s = new Suggester(docOf('One two', 'Three'));
    s.run(splitBlock, 4);
    expect(s.text('accept')).toBe('One\n two\nThree');
    expect(s.text('reject')).toBe('One two\nThree');
    const endOfTwo = s.state.doc.child(1).nodeSize + s.state.doc.child(0).nodeSize - 1;
    s.run(splitBlock, endOfTwo);
    expect(s.text('accept')).toBe('One\n two\n\nThree');
    // Backspace at the start of "Three": a suggested join.
    const startOfThree = s.state.doc.content.size - s.state.doc.lastChild!.nodeSize + 1;
    s.run(joinBackward, startOfThree);
    expect(s.text('accept')).toBe('One\n two\nThree');
    expect(s.text('reject')).toBe('One two\nThree');
  });

  it('a formatting change is recorded: a heading is a modification, bold replaces the text', () => {
    const s = new Suggester(docOf('Flood plan', 'Work starts.'));
    s.run(setBlockType(schema.nodes.heading!, { level: 2 }), 2);
    expect(s.state.doc.firstChild!.type.name).toBe('heading');
    expect(listSuggestions(s.state.doc)[0]!.kinds).toEqual(['modification']);
    s.run((state, dispatch) => {
      dispatch?.(state.tr.addMark(13, 17, schema.marks.bold!.create()));
      return true;
    });
    const kinds = listSuggestions(s.state.doc).flatMap((x) => x.kinds);
    expect(kinds).toEqual(expect.arrayContaining(['modification', 'deletion', 'insertion']));
    let rejected = s.state;
    resolveSuggestions('all', 'reject')(rejected, (tr) => (rejected = rejected.apply(tr)));
    expect(rejected.doc.eq(docOf('Flood plan', 'Work starts.'))).toBe(true);
    let accepted = s.state;
    resolveSuggestions('all', 'accept')(accepted, (tr) => (accepted = accepted.apply(tr)));
    expect(accepted.doc.firstChild!.type.name).toBe('heading');
    expect(accepted.doc.lastChild!.firstChild!.text).toBe('Work');
    expect(accepted.doc.lastChild!.firstChild!.marks.map((m) => m.type.name)).toEqual(['bold']);
  });

  it('copying suggested text copies it as it will read; pasting it is the paster’s insertion', () => {
    const s = new Suggester(docOf('The council met.'));
    s.type('city ', 5);
    s.delete(10, 18); // "council "
    const copied = acceptedSlice(s.state.doc, 1, s.state.doc.content.size - 1);
    expect(copied.content.textBetween(0, copied.content.size)).toBe('The city met.');
    let marked = false;
    copied.content.descendants(
      (n) => void (marked ||= n.marks.some((m) => ['insertion', 'deletion'].includes(m.type.name))),
    );
    expect(marked).toBe(false);
    s.author = bob;
    s.run((state, dispatch) => {
      dispatch?.(state.tr.replaceSelection(new Slice(copied.content, 0, 0)));
      return true;
    }, s.state.doc.content.size - 1);
    const pasted = listSuggestions(s.state.doc).at(-1)!;
    expect(pasted.author).toEqual(bob);
    expect(s.text('accept')).toBe('The city met.The city met.');
    expect(s.text('reject')).toBe('The council met.');
  });

  it('a suggested block inside a list or a quote is valid in the schema', () => {
    const doc = schema.nodeFromJSON({
      type: 'doc',
      content: [
        { type: 'bulletList', content: [{ type: 'listItem', content: [p('one')] }] },
        { type: 'blockquote', content: [p('quoted')] },
      ],
    });
    const s = new Suggester(doc);
    const two = schema.nodeFromJSON({ type: 'doc', content: [p('A'), p('B'), p('C')] });
    s.run((state, dispatch) => {
      dispatch?.(state.tr.replaceSelection(new Slice(two.content, 1, 1)));
      return true;
    }, 6);
    s.delete(at(s.state.doc, 'quoted'), at(s.state.doc, 'quoted', 6));
    expect(() => checkBody(s.state.doc.toJSON() as BodyDoc)).not.toThrow();
    expect(s.text('accept')).toBe('oneA\nB\nC\n');
    expect(s.text('reject')).toContain('quoted');
  });
});

describe('cases found by the property test (tests/unit/suggestionsProperty.test.ts)', () => {
  it('two authors: Enter after the anchor of someone else’s suggested break keeps that break rejectable', () => {
    const s = new Suggester(docOf('It approved the plan.'));
    s.run(splitBlock, at(s.state.doc, 'oved')); // Alice: "It appr" ¶ "oved the plan."
    s.author = bob;
    // The caret after Alice's invisible anchor at the end of "It appr".
    const end = at(s.state.doc, 'It appr', 'It appr'.length + 1);
    expect(s.state.doc.textBetween(end - 1, end)).toBe('\u200B');
    s.run(splitBlock, end);
    s.type('x', s.state.selection.from);
    expect(s.text('accept')).toBe('It appr\nx\noved the plan.');
    expect(s.text('reject')).toBe('It approved the plan.');
  });

  it('a deletion across an empty paragraph, ending after an earlier deletion, is accepted as one', () => {
    const s = new Suggester(docOf('The council said.', '', 'End.'));
    s.delete(at(s.state.doc, 'End'), at(s.state.doc, 'End', 1)); // "E"
    s.delete(at(s.state.doc, 'ncil'), at(s.state.doc, 'nd.', 3));
    expect(s.text('accept')).toBe('The cou');
    expect(s.text('reject')).toBe('The council said.\n\nEnd.');
  });
  it('a level-2 heading made a paragraph is rejected back to a level-2 heading', () => {
    const original = schema.nodeFromJSON({
      type: 'doc',
      content: [
        { type: 'heading', attrs: { level: 2 }, content: [{ type: 'text', text: 'Flood plan' }] },
        p('Work starts.'),
      ],
    });
    const s = new Suggester(original);
    s.run(setBlockType(schema.nodes.paragraph!), 3);
    let rejected = s.state;
    resolveSuggestions('all', 'reject')(rejected, (tr) => (rejected = rejected.apply(tr)));
    expect(rejected.doc.toJSON()).toEqual(original.toJSON());
  });

  it('a paragraph made a heading and back is no suggestion at all', () => {
    const s = new Suggester(docOf('Flood plan', 'Work starts.'));
    s.run(setBlockType(schema.nodes.heading!, { level: 2 }), 3);
    s.run(setBlockType(schema.nodes.paragraph!), 3);
    expect(listSuggestions(s.state.doc)).toEqual([]);
    expect(s.state.doc.toJSON()).toEqual(docOf('Flood plan', 'Work starts.').toJSON());
  });
});

describe('accepting and rejecting', () => {
  function reviewed(): Suggester {
    const s = new Suggester(docOf('The council met on Monday.'));
    s.type('city ', 5); // Alice
    s.author = bob;
    s.delete(at(s.state.doc, 'on '), at(s.state.doc, 'on ', 3)); // Bob deletes "on "
    s.type('late ', at(s.state.doc, 'met')); // Bob inserts
    s.author = alice;
    return s;
  }

  it('accepts or rejects one suggestion, one author’s, or all', () => {
    const s = reviewed();
    const list = listSuggestions(s.state.doc);
    expect(list.map((x) => x.author?.initials)).toEqual(['AR', 'BK', 'BK']);
    const aliceId = list[0]!.id;
    const one = new Suggester(s.state.doc);
    expect(one.run(resolveSuggestions({ ids: [aliceId] }, 'accept'))).toBe(true);
    expect(listSuggestions(one.state.doc).map((x) => x.author?.initials)).toEqual(['BK', 'BK']);
    expect(one.text()).toContain('The city council');

    const byBob = new Suggester(s.state.doc);
    byBob.run(resolveSuggestions({ author: bob }, 'reject'));
    expect(listSuggestions(byBob.state.doc).map((x) => x.author?.initials)).toEqual(['AR']);
    expect(byBob.text('reject')).toBe('The council met on Monday.');

    expect(s.text('accept')).toBe('The city council late met Monday.');
    expect(s.text('reject')).toBe('The council met on Monday.');
    // Nothing left to accept: the command says so.
    const none = new Suggester(docOf('Plain.'));
    expect(none.run(resolveSuggestions('all', 'accept'))).toBe(false);
  });

  it('accepting one of two adjacent suggestions by different authors leaves the other', () => {
    const s = new Suggester(docOf('abc def'));
    s.delete(2, 3); // Alice deletes "b"
    s.author = bob;
    s.delete(3, 4); // Bob deletes "c", right after
    const [a, b] = listSuggestions(s.state.doc);
    expect([a!.author?.initials, b!.author?.initials]).toEqual(['AR', 'BK']);
    s.run(resolveSuggestions({ ids: [a!.id] }, 'accept'));
    expect(runs(s.state.doc)).toEqual(['a', '-c@BK', ' def']);
    s.run(resolveSuggestions({ ids: [b!.id] }, 'reject'));
    expect(s.text()).toBe('ac def');
  });

  it('undo and redo work for typing, accepting and rejecting', () => {
    const s = reviewed();
    const suggested = s.state.doc;
    s.run(resolveSuggestions('all', 'accept'));
    const accepted = s.state.doc;
    expect(listSuggestions(accepted)).toEqual([]);
    s.run(undo);
    expect(s.state.doc.eq(suggested)).toBe(true);
    s.run(redo);
    expect(s.state.doc.eq(accepted)).toBe(true);
    s.run(undo);
    s.run(resolveSuggestions({ author: bob }, 'reject'));
    s.run(undo);
    expect(s.state.doc.eq(suggested)).toBe(true);
    // Undoing the suggestions themselves gives back the original text.
    while (s.run(undo));
    expect(s.text()).toBe('The council met on Monday.');
  });

  it('finds a suggestion’s range to select it', () => {
    const s = reviewed();
    const id = listSuggestions(s.state.doc)[0]!.id;
    const range = suggestionRange(s.state.doc, id)!;
    expect(s.state.doc.textBetween(range.from, range.to)).toBe('city ');
    expect(suggestionRange(s.state.doc, 'nope')).toBeNull();
  });
});

describe('field suggestions (headline, Content Highlight, byline)', () => {
  const fields = { headline: 'Council approves plan', contentHighlight: 'It passed.', byline: 'Jane' };
  const at = new Date('2026-11-28T10:00:00Z');

  it('records, updates and drops a person’s suggestion; accepting sets the field', () => {
    let list = suggestFieldValue([], fields, 'headline', 'Council approves flood plan', alice, at);
    expect(list).toEqual([
      expect.objectContaining({
        field: 'headline',
        from: fields.headline,
        to: 'Council approves flood plan',
        author: alice,
      }),
    ]);
    list = suggestFieldValue(list, fields, 'headline', 'Council backs flood plan', alice, at);
    expect(list).toHaveLength(1);
    expect(list[0]!.to).toBe('Council backs flood plan');
    list = suggestFieldValue(list, fields, 'headline', 'Plan approved', bob, at);
    expect(list.map((s) => s.author.initials)).toEqual(['AR', 'BK']);
    // Typing the field back to its value withdraws the suggestion.
    expect(suggestFieldValue(list, fields, 'headline', fields.headline, bob, at)).toHaveLength(1);

    const accepted = acceptFieldSuggestion(fields, list, list[0]!.id);
    expect(accepted.fields.headline).toBe('Council backs flood plan');
    expect(accepted.fieldSuggestions.map((s) => s.author.initials)).toEqual(['BK']);
    expect(rejectFieldSuggestion(list, list[1]!.id)).toHaveLength(1);
    expect(() => rejectFieldSuggestion(list, 'missing-id')).toThrow(/no suggestion missing-id/);
  });

  it('lists body suggestions in document order, then field suggestions', () => {
    const s = new Suggester(docOf('The council met.'));
    s.type('city ', 5);
    const list = listAllSuggestions({
      body: s.state.doc.toJSON() as BodyDoc,
      fieldSuggestions: suggestFieldValue([], fields, 'byline', 'Jane Doe', bob, at),
    });
    expect(list.map((x) => [x.where, x.kind, x.author, x.text])).toEqual([
      ['body', 'insert', 'Alice Reed', 'city '],
      ['byline', 'replace', 'Bob Kay', 'Jane Doe'],
    ]);
  });
});

describe('copydesk suggestions', () => {
  let dir: string;
  let cleanup: () => Promise<void>;
  beforeEach(async () => ({ dir, cleanup } = await makeTempDir()));
  afterEach(() => cleanup());

  async function cli(...argv: string[]): Promise<CliResult> {
    return runCliIn(dir, argv);
  }

  it('lists body and field suggestions with author, time, kind and text; --json for scripts', async () => {
    const lib = join(dir, 'lib');
    const store = await LibraryStore.open(lib, {
      owner: 'app',
      create: true,
      indexDelayMs: 10,
      search: 'lazy',
    });
    const created = await store.create({ headline: 'Council approves plan', byline: 'Jane' });
    const s = new Suggester(docOf('The council met.'));
    s.type('city ', 5);
    s.author = bob;
    s.delete(at(s.state.doc, 'met.'), at(s.state.doc, 'met.', 4));
    const fieldSuggestions = suggestFieldValue(
      [],
      created,
      'headline',
      'Council backs plan',
      bob,
      new Date('2026-11-28T10:00:00Z'),
    );
    await store.save(
      created.id,
      { ...created, body: s.state.doc.toJSON() as BodyDoc, fieldSuggestions },
      created.rev,
    );
    const plain = await store.create({ headline: 'Nothing to review' });
    await store.close();

    const json = await cli('suggestions', created.id.slice(0, 8), '--library', lib, '--json');
    expect(json.err).toBe('');
    expect(json.code).toBe(0);
    const rows = JSON.parse(json.out) as {
      where: string;
      kind: string;
      author: string;
      text: string;
      at: string;
    }[];
    expect(rows.map((r) => [r.where, r.kind, r.author, r.text])).toEqual([
      ['body', 'insert', 'Alice Reed', 'city '],
      ['body', 'delete', 'Bob Kay', 'met.'],
      ['headline', 'replace', 'Bob Kay', 'Council backs plan'],
    ]);
    expect(rows[2]!.at).toBe('2026-11-28T10:00:00.000Z');

    const human = await cli('suggestions', created.id, '--library', lib);
    expect(human.out).toContain('Body · insert · Alice Reed');
    expect(human.out).toContain(
      'Headline · replace · Bob Kay, 2026-11-28 10:00 UTC · “Council approves plan” → “Council backs plan”',
    );
    expect((await cli('suggestions', plain.id, '--library', lib)).out).toBe(
      'This article has no open suggestions.\n',
    );

    const missing = await cli('suggestions', 'zzzz-none', '--library', lib);
    expect(missing.code).toBe(1);
    expect(missing.err).not.toBe('');
    expect((await cli('--help')).out).toContain('copydesk suggestions ID');
  });
});
