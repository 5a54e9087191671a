import { runCliIn, type CliResult } from '../helpers/cli';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import JSZip from 'jszip';
import { EditorState, TextSelection, type Transaction } from '@tiptap/pm/state';
import { history, undo } from '@tiptap/pm/history';
import type { Node as PMNode } from '@tiptap/pm/model';
import { ArticleSchema, type Article, type CommentThread } from '../../src/shared/article';
import { ExportFormatSchema } from '../../src/shared/contract';
import { articleSchema } from '../../src/shared/editor/schema';
import {
  addCommentMark,
  commentAnchors,
  createThread,
  deleteMessage,
  deleteThread,
  editMessage,
  mapFieldRange,
  placeThread,
  quoteOf,
  removeCommentMarks,
  replyToThread,
  setThreadResolved,
  threadsInDocumentOrder,
  touchesMarks,
  reanchorFieldRange,
  updateFieldAnchors,
} from '../../src/shared/review/comments';
import { renderExport } from '../../src/services/exportArticle';
import { LibraryStore } from '../../src/library/store';
import { makeArticle, paragraph, text } from '../helpers/testArticle';
import { makeTempDir } from '../helpers/tempLibrary';

const jane = { name: 'Jane Doe', initials: 'JD' };
const sam = { name: 'Sam Okafor', initials: 'SO' };
const T0 = '2026-03-01T09:00:00.000Z';
const T1 = '2026-03-01T09:05:00.000Z';

function thread(overrides: Partial<Parameters<typeof createThread>[0]> = {}): CommentThread {
  return createThread({
    anchor: 'body',
    quote: 'voted',
    author: jane,
    text: 'Which night?',
    at: T0,
    ...overrides,
  });
}

describe('comment threads as data', () => {
  it('a thread is attributed, replied to, edited and resolved, then reopened', () => {
    let threads = [thread({ id: 'thread-1' })];
    expect(threads[0]!.messages[0]).toMatchObject({ author: jane, at: T0, text: 'Which night?' });
    expect(threads[0]!.resolved).toBe(false);

    threads = replyToThread(threads, 'thread-1', sam, '  Tuesday. ', T1);
    expect(threads[0]!.messages.map((m) => [m.author.name, m.text])).toEqual([
      ['Jane Doe', 'Which night?'],
      ['Sam Okafor', 'Tuesday.'],
    ]);

    const reply = threads[0]!.messages[1]!;
    threads = editMessage(threads, 'thread-1', reply.id, sam, 'Tuesday night.', T1);
    expect(threads[0]!.messages[1]).toMatchObject({ text: 'Tuesday night.', editedAt: T1 });

    threads = setThreadResolved(threads, 'thread-1', true, sam, T1);
    expect(threads[0]).toMatchObject({ resolved: true, resolvedBy: sam, resolvedAt: T1 });
    threads = setThreadResolved(threads, 'thread-1', false, jane);
    expect(threads[0]!.resolved).toBe(false);
    expect(threads[0]).not.toHaveProperty('resolvedBy');
  });

  it('only the author edits or deletes a message, and a refused change changes nothing', () => {
    const before = replyToThread([thread({ id: 'thread-1' })], 'thread-1', sam, 'Tuesday.', T1);
    const [first, second] = before[0]!.messages;
    expect(() => editMessage(before, 'thread-1', first!.id, sam, 'Hijacked')).toThrow(
      /Only the person who wrote/,
    );
    expect(() => deleteMessage(before, 'thread-1', second!.id, jane)).toThrow(/Only the person who wrote/);
    expect(() => deleteThread(before, 'thread-1', sam)).toThrow(/Only the person who wrote/);
    expect(() => replyToThread(before, 'thread-1', sam, '   ')).toThrow(/needs some text/);
    expect(() => replyToThread(before, 'no-such', sam, 'Hi')).toThrow(/no longer in this article/);
    expect(before[0]!.messages).toHaveLength(2);
    expect(before[0]!.messages[0]!.text).toBe('Which night?');
  });

  it('deleting a reply keeps the thread; deleting its first message deletes the thread', () => {
    const threads = replyToThread([thread({ id: 'thread-1' })], 'thread-1', sam, 'Tuesday.', T1);
    const [first, second] = threads[0]!.messages;
    expect(deleteMessage(threads, 'thread-1', second!.id, sam)[0]!.messages).toHaveLength(1);
    expect(deleteMessage(threads, 'thread-1', first!.id, jane)).toEqual([]);
    expect(deleteThread(threads, 'thread-1', jane)).toEqual([]);
  });

  it('a field thread needs a range of text', () => {
    expect(() => thread({ anchor: 'headline', range: { from: 3, to: 3 } })).toThrow(/Select the words/);
    expect(thread({ anchor: 'headline', range: { from: 0, to: 5 } }).range).toEqual({ from: 0, to: 5 });
  });

  it('what a thread stores is a valid article', () => {
    const threads = replyToThread([thread({ id: 'thread-1' })], 'thread-1', sam, 'Yes', T1);
    expect(() =>
      makeArticle({ comments: setThreadResolved(threads, threads[0]!.id, true, sam) }),
    ).not.toThrow();
  });
});

// ── Body anchors on the real schema, in an EditorState without a view ─────────────────────────

const schema = articleSchema();

function stateOf(...paragraphs: string[]): EditorState {
  const doc = schema.nodeFromJSON({ type: 'doc', content: paragraphs.map((p) => paragraph(p)) });
  return EditorState.create({ doc, plugins: [history()] });
}

/** The document position of the first occurrence of `needle` (within one paragraph of plain text). */
function at(doc: PMNode, needle: string): number {
  let found = -1;
  doc.descendants((node, pos) => {
    if (found < 0 && node.isTextblock && node.textContent.includes(needle))
      found = pos + 1 + node.textContent.indexOf(needle);
    return found < 0 && !node.isTextblock;
  });
  if (found < 0) throw new Error(`“${needle}” is not in the document`);
  return found;
}

function comment(state: EditorState, words: string, id: string): EditorState {
  const from = at(state.doc, words);
  const tr = state.tr;
  expect(addCommentMark(tr, from, from + words.length, id)).toBe(true);
  return state.apply(tr);
}

function apply(state: EditorState, edit: (tr: Transaction) => void): { state: EditorState; tr: Transaction } {
  const tr = state.tr;
  edit(tr);
  return { state: state.apply(tr), tr };
}

describe('body threads follow their text', () => {
  it('the anchor moves when text is typed before it and grows when typed inside it', () => {
    let state = comment(stateOf('Councillors voted on Tuesday night.'), 'voted on Tuesday', 'thread-1');
    const before = commentAnchors(state.doc).get('thread-1')!;
    expect(before.text).toBe('voted on Tuesday');

    ({ state } = apply(state, (tr) => tr.insertText('All ', 1)));
    const moved = commentAnchors(state.doc).get('thread-1')!;
    expect(moved.from).toBe(before.from + 4);
    expect(moved.text).toBe('voted on Tuesday');

    ({ state } = apply(state, (tr) => tr.insertText('late ', at(state.doc, 'Tuesday'))));
    expect(commentAnchors(state.doc).get('thread-1')!.text).toBe('voted on late Tuesday');

    // Typing right after the commented words does not extend the comment.
    const end = commentAnchors(state.doc).get('thread-1')!.to;
    ({ state } = apply(state, (tr) => {
      tr.setSelection(TextSelection.create(tr.doc, end));
      tr.insertText('!');
    }));
    expect(commentAnchors(state.doc).get('thread-1')!.text).toBe('voted on late Tuesday');
  });

  it('a thread is orphaned when its text is deleted, and comes back on undo', () => {
    let state = comment(stateOf('Councillors voted on Tuesday night.'), 'on Tuesday', 'thread-1');
    const threads = [
      thread({ id: 'thread-1', quote: quoteOf(state.doc, at(state.doc, 'on'), at(state.doc, ' night')) }),
    ];
    const fields = { headline: '', contentHighlight: '', byline: '' };
    expect(threads[0]!.quote).toBe('on Tuesday');

    const from = at(state.doc, 'voted');
    const r = apply(state, (tr) => tr.delete(from, at(state.doc, ' night')));
    state = r.state;
    expect(touchesMarks(r.tr, ['comment'])).toBe(true);
    const orphan = placeThread(threads[0]!, commentAnchors(state.doc), fields);
    expect(orphan).toMatchObject({ orphaned: true, text: 'on Tuesday', from: null });

    undo(state, (tr) => (state = state.apply(tr)));
    expect(state.doc.textContent).toBe('Councillors voted on Tuesday night.');
    expect(placeThread(threads[0]!, commentAnchors(state.doc), fields)).toMatchObject({
      orphaned: false,
      text: 'on Tuesday',
    });
  });

  it('threads overlap, and removing one leaves the other whole', () => {
    let state = comment(stateOf('The barrier will cost £12m over ten years.'), 'will cost £12m', 'a');
    state = comment(state, '£12m over ten years', 'b');
    let anchors = commentAnchors(state.doc);
    expect(anchors.get('a')!.text).toBe('will cost £12m');
    expect(anchors.get('b')!.text).toBe('£12m over ten years');

    const tr = state.tr;
    expect(removeCommentMarks(tr, 'a')).toBe(true);
    state = state.apply(tr);
    anchors = commentAnchors(state.doc);
    expect(anchors.has('a')).toBe(false);
    expect(anchors.get('b')!.text).toBe('£12m over ten years');
  });

  it('a comment across two paragraphs quotes both; a picture or empty range takes none', () => {
    let state = stateOf('First paragraph ends.', 'Second begins here.');
    const from = at(state.doc, 'ends');
    const to = at(state.doc, ' begins');
    const tr = state.tr;
    expect(addCommentMark(tr, from, to, 'x')).toBe(true);
    state = state.apply(tr);
    expect(commentAnchors(state.doc).get('x')!.text).toBe('ends. Second');
    expect(quoteOf(state.doc, from, to)).toBe('ends. Second');
    expect(addCommentMark(state.tr, 3, 3, 'y')).toBe(false);
  });

  it('typing elsewhere does not make anyone look for comments again', () => {
    const state = comment(stateOf('One.', 'Two.'), 'One', 'c1');
    const typed = apply(state, (tr) => tr.insertText('!', at(state.doc, 'Two') + 3));
    expect(touchesMarks(typed.tr, ['comment', 'note'])).toBe(false);
    const inside = apply(state, (tr) => tr.insertText('x', at(state.doc, 'One') + 1));
    expect(touchesMarks(inside.tr, ['comment'])).toBe(true);
    // Typing inside carries the same mark: ranges mapped through the edit stay right.
    expect(touchesMarks(inside.tr, ['comment'], { typingInside: true })).toBe(false);
    const pasted = apply(state, (tr) =>
      tr
        .insertText('y', at(state.doc, 'Two'))
        .addMark(at(state.doc, 'Two'), at(state.doc, 'Two') + 1, schema.marks.comment!.create({ id: 'c2' })),
    );
    expect(touchesMarks(pasted.tr, ['comment'], { typingInside: true })).toBe(true);
  });
});

// ── Field anchors ──────────────────────────────────────────────────────────────────────────────

describe('field threads follow their characters', () => {
  const headline = 'Council approves flood barrier';
  const range = { from: 8, to: 16 }; // "approves"

  it('moves with text typed before it, grows with text typed inside, not with text at its edges', () => {
    expect(headline.slice(range.from, range.to)).toBe('approves');
    expect(mapFieldRange(range, headline, `Riverside ${headline}`)).toEqual({ from: 18, to: 26 });
    expect(mapFieldRange(range, headline, 'Council finally approves flood barrier')).toEqual({
      from: 16,
      to: 24,
    });
    expect(mapFieldRange(range, headline, 'Council approves £12m flood barrier').to).toBe(16);
    const inside = 'Council appr-oves flood barrier';
    const mapped = mapFieldRange(range, headline, inside);
    expect(inside.slice(mapped.from, mapped.to)).toBe('appr-oves');
    expect(mapFieldRange(range, headline, 'Council approves barrier')).toEqual(range);
  });

  it('collapses (orphaned) when its text is deleted, and keeps the rest when part is', () => {
    const gone = mapFieldRange(range, headline, 'Council flood barrier');
    expect(gone.to - gone.from).toBe(0);
    const part = 'Council ves flood barrier';
    const kept = mapFieldRange(range, headline, part);
    expect(part.slice(kept.from, kept.to)).toBe('ves');
    const replaced = 'Council backs flood barrier';
    const r = mapFieldRange(range, headline, replaced);
    expect(replaced.slice(r.from, r.to)).toBe('backs');
  });

  it('updates only the threads of the field that changed, and reports orphans', () => {
    const h = thread({ id: 'on-headline', anchor: 'headline', range, quote: 'approves' });
    const c = thread({
      id: 'on-highlight',
      anchor: 'contentHighlight',
      range: { from: 0, to: 4 },
      quote: 'Vote',
    });
    const threads = [h, c];
    expect(updateFieldAnchors(threads, 'byline', 'a', 'b')).toBe(threads);
    const next = updateFieldAnchors(threads, 'headline', headline, 'Council flood barrier');
    expect(next[1]).toBe(c);
    const place = placeThread(next[0]!, new Map(), {
      headline: 'Council flood barrier',
      contentHighlight: 'Vote 31-4',
      byline: '',
    });
    expect(place).toMatchObject({ orphaned: true, text: 'approves' });
  });

  it('an orphaned thread comes back when its words do at the same place (undo), not elsewhere', () => {
    const h = thread({ id: 'on-headline', anchor: 'headline', range, quote: 'approves' });
    const deleted = 'Council flood barrier';
    const orphaned = updateFieldAnchors([h], 'headline', headline, deleted);
    expect(orphaned[0]!.range!.to - orphaned[0]!.range!.from).toBe(0);
    // Undo puts the words back: anchored on them again.
    const back = updateFieldAnchors(orphaned, 'headline', deleted, headline);
    expect(headline.slice(back[0]!.range!.from, back[0]!.range!.to)).toBe('approves');
    expect(placeThread(back[0]!, new Map(), { headline, contentHighlight: '', byline: '' }).orphaned).toBe(
      false,
    );
    // The same words typed somewhere else in the field do not take the thread there.
    const elsewhere = 'Council flood barrier approves';
    const still = updateFieldAnchors(orphaned, 'headline', deleted, elsewhere);
    expect(still[0]!.range!.to - still[0]!.range!.from).toBe(0);
    expect(reanchorFieldRange({ from: 8, to: 8 }, 'approves', 'Council ', 'Council approves')).toEqual({
      from: 8,
      to: 16,
    });
    // A thread on its words is mapped, not re-anchored.
    expect(reanchorFieldRange(range, 'approves', headline, `${headline}!`)).toBeNull();
  });
});

describe('document order', () => {
  it('lists headline, Content Highlight, byline, then body threads by position, orphans last', () => {
    let state = comment(stateOf('First words here.', 'Later words there.'), 'Later', 'body-late');
    state = comment(state, 'First', 'body-early');
    const threads = [
      thread({ id: 'body-late', at: T0 }),
      thread({ id: 'orphan', at: T0 }),
      thread({ id: 'byline', anchor: 'byline', range: { from: 0, to: 4 } }),
      thread({ id: 'body-early', at: T1 }),
      thread({ id: 'hl-2', anchor: 'headline', range: { from: 6, to: 10 } }),
      thread({ id: 'ch', anchor: 'contentHighlight', range: { from: 0, to: 3 } }),
      thread({ id: 'hl-1', anchor: 'headline', range: { from: 0, to: 5 } }),
    ];
    const fields = { headline: 'Flood vote held', contentHighlight: 'Yes.', byline: 'Jane Doe' };
    const order = threadsInDocumentOrder(threads, commentAnchors(state.doc), fields);
    expect(order.map((p) => p.thread.id)).toEqual([
      'hl-1',
      'hl-2',
      'ch',
      'byline',
      'body-early',
      'body-late',
      'orphan',
    ]);
    expect(order.map((p) => p.orphaned)).toEqual([false, false, false, false, false, false, true]);
    expect(order[0]!.text).toBe('Flood');
  });
});

// ── Nothing of it is exported ──────────────────────────────────────────────────────────────────

const NOTE = 'Check the figure with the council press office';

function reviewedArticle(): Article {
  const commented = createThread({
    id: 'thread-export',
    anchor: 'body',
    quote: 'voted',
    author: jane,
    text: 'Which night?',
  });
  const onHeadline = createThread({
    id: 'thread-headline',
    anchor: 'headline',
    range: { from: 0, to: 9 },
    quote: 'Riverside',
    author: sam,
    text: 'SECRET-HEADLINE-COMMENT',
  });
  return makeArticle({
    body: {
      type: 'doc',
      content: [
        paragraph(
          'Councillors ',
          text('voted', { type: 'comment', attrs: { id: 'thread-export' } }),
          ' on Tuesday night.',
          text(NOTE, { type: 'note', attrs: { author: 'Jane Doe', at: T0 } }),
        ),
      ],
    },
    comments: [commented, onHeadline],
  });
}

async function exportedText(
  article: Article,
  format: (typeof ExportFormatSchema.options)[number],
): Promise<string> {
  let printed = '';
  const { data } = await renderExport(
    article,
    format,
    {},
    {
      // The printer is the one boundary replaced: what it is given is what the PDF shows.
      pdf: async (html) => {
        printed = html;
        return new TextEncoder().encode('%PDF-1.7 test');
      },
    },
  );
  if (format === 'pdf') return printed;
  if (format === 'docx') {
    const zip = await JSZip.loadAsync(data as Uint8Array);
    const parts = await Promise.all(
      Object.values(zip.files)
        .filter((f) => !f.dir && /\.(xml|rels)$/.test(f.name))
        .map((f) => f.async('string')),
    );
    return parts.join('\n');
  }
  return typeof data === 'string' ? data : new TextDecoder().decode(data);
}

describe('notes and comments never reach an export', () => {
  it('the test article is one the library could store', () => {
    expect(() => ArticleSchema.parse(reviewedArticle())).not.toThrow();
  });

  it.each(ExportFormatSchema.options)('%s has the copy but no note, comment or anchor', async (format) => {
    const out = await exportedText(reviewedArticle(), format);
    expect(out).toContain('voted');
    expect(out).toContain('Tuesday night');
    expect(out).not.toContain(NOTE);
    expect(out).not.toContain('press office');
    expect(out).not.toContain('Which night?');
    expect(out).not.toContain('SECRET-HEADLINE-COMMENT');
    expect(out).not.toContain('thread-export');
    expect(out).not.toMatch(/data-comment-id|data-note|editor-note|comment-anchor/);
  });
});

// ── Stored and listed by the CLI ───────────────────────────────────────────────────────────────

describe('copydesk comments', () => {
  let dir: string;
  let cleanup: () => Promise<void>;
  beforeEach(async () => ({ dir, cleanup } = await makeTempDir()));
  afterEach(() => cleanup());

  async function cli(...argv: string[]): Promise<CliResult> {
    return runCliIn(dir, argv);
  }

  it('lists threads in document order with anchor, quote, orphaned, resolved and messages', async () => {
    const lib = join(dir, 'lib');
    const store = await LibraryStore.open(lib, {
      owner: 'app',
      create: true,
      indexDelayMs: 10,
      search: 'lazy',
    });
    const created = await store.create({ headline: 'Riverside flood vote' });
    const source = reviewedArticle();
    let comments = replyToThread(source.comments!, 'thread-export', sam, 'Tuesday.', T1);
    comments = setThreadResolved(comments, 'thread-export', true, sam, T1);
    comments = [
      ...comments,
      createThread({
        id: 'thread-gone',
        anchor: 'body',
        quote: 'deleted words',
        author: jane,
        text: 'Source?',
        at: T1,
      }),
    ];
    await store.save(created.id, { ...source, headline: 'Riverside flood vote', comments }, created.rev);
    await store.close();

    const json = await cli('comments', created.id.slice(0, 8), '--library', lib, '--json');
    expect(json.err).toBe('');
    expect(json.code).toBe(0);
    const threads = JSON.parse(json.out) as {
      id: string;
      anchor: string;
      quote: string;
      orphaned: boolean;
      resolved: boolean;
      messages: { author: { name: string }; at: string; text: string }[];
    }[];
    expect(threads.map((t) => [t.id, t.anchor, t.quote, t.orphaned, t.resolved])).toEqual([
      ['thread-headline', 'headline', 'Riverside', false, false],
      ['thread-export', 'body', 'voted', false, true],
      ['thread-gone', 'body', 'deleted words', true, false],
    ]);
    expect(threads[1]!.messages.map((m) => [m.author.name, m.text])).toEqual([
      ['Jane Doe', 'Which night?'],
      ['Sam Okafor', 'Tuesday.'],
    ]);
    expect(threads[1]!.messages[1]!.at).toBe(T1);

    const human = await cli('comments', created.id, '--library', lib);
    expect(human.code).toBe(0);
    expect(human.out).toContain('Headline · “Riverside” · open');
    expect(human.out).toContain('Body · “deleted words” · open, text deleted');
    expect(human.out).toContain('Sam Okafor, 2026-03-01 09:05 UTC: Tuesday.');
    expect(human.out).toContain('Resolved by Sam Okafor');

    const missing = await cli('comments', 'zzzz-none', '--library', lib);
    expect(missing.code).not.toBe(0);
    expect(missing.err).not.toBe('');
  });

  it('says so when an article has no comments', async () => {
    const lib = join(dir, 'lib');
    const store = await LibraryStore.open(lib, {
      owner: 'app',
      create: true,
      indexDelayMs: 10,
      search: 'lazy',
    });
    const created = await store.create({ headline: 'Quiet story' });
    await store.close();
    const out = await cli('comments', created.id, '--library', lib);
    expect(out.out).toBe('This article has no comments.\n');
    expect((await cli('--help')).out).toContain('copydesk comments ID');
  });
});
