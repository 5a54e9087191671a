import { runCliIn, type CliResult } from '../helpers/cli';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { LibraryStore } from '../../src/library/store';
import { AppSettingsStore } from '../../src/services/appSettings';
import { createHandlers, dispatch, type Handlers } from '../../src/services/handlers';
import { openWorkspace, closeWorkspace, type Workspace } from '../../src/services/workspace';
import type { ArticleContent, BodyDoc, CommentThread } from '../../src/shared/article';
import { makeSuggestionId } from '../../src/shared/review/suggestionIds';
import { makeTempDir } from '../helpers/tempLibrary';

let dir: string;
let cleanup: () => Promise<void>;
beforeEach(async () => ({ dir, cleanup } = await makeTempDir()));
afterEach(() => cleanup());

const doc = (...paragraphs: string[]): BodyDoc => ({
  type: 'doc',
  content: paragraphs.map((t) => ({ type: 'paragraph', content: [{ type: 'text', text: t }] })),
});

/** An article that passes every publish-readiness item. */
const READY: ArticleContent = {
  headline: 'Council approves barrier',
  contentHighlight: 'The council approved a barrier.',
  byline: 'A Reporter',
  dateline: 'London',
  body: doc('The council approved the barrier after a long meeting in the town hall. '.repeat(5).trim()),
  section: '',
  tags: [],
};

const sam = { name: 'Sam Subeditor', initials: 'SS' };
const suggestionId = makeSuggestionId(sam, new Date('2026-03-01T10:00:00Z'), () => 0.5);

/** READY with one insertion suggested in the body and one unresolved comment thread. */
const WITH_REVIEW: ArticleContent = {
  ...READY,
  body: {
    type: 'doc',
    content: [
      {
        type: 'paragraph',
        content: [
          { type: 'text', text: (READY.body.content![0]!.content![0]!.text as string) + ' ' },
          { type: 'text', text: 'on Tuesday', marks: [{ type: 'insertion', attrs: { id: suggestionId } }] },
          { type: 'text', text: ' and it was ', marks: [{ type: 'comment', attrs: { id: 'thread-1' } }] },
          { type: 'text', text: 'final.' },
        ],
      },
    ],
  },
  comments: [
    {
      id: 'thread-1',
      anchor: 'body',
      quote: ' and it was ',
      resolved: false,
      messages: [{ id: 'msg-1', author: sam, at: '2026-03-01T10:05:00.000Z', text: 'Which meeting?' }],
    } satisfies CommentThread,
  ],
};

describe('the store keeps the desk status history', () => {
  it('records who, when, from, to and the message; saves and restores keep it; a stale base is refused', async () => {
    const lib = await LibraryStore.open(join(dir, 'lib'), { owner: 'app', create: true });
    try {
      const a = await lib.create({ headline: 'Flood barrier' });
      const first = await lib.setStatus(a.id, 'ready-for-edit', {
        baseRev: a.rev,
        by: { name: 'Jane Doe', initials: 'JD' },
        message: 'Over to you',
      });
      let stored = await lib.get(a.id);
      expect(stored.status).toBe('ready-for-edit');
      expect(stored.statusHistory).toEqual([
        {
          at: expect.any(String),
          by: { name: 'Jane Doe', initials: 'JD' },
          from: 'draft',
          to: 'ready-for-edit',
          message: 'Over to you',
        },
      ]);
      expect(Date.parse(stored.statusHistory![0]!.at)).not.toBeNaN();

      // An autosave sends content only: the history and the status stay.
      const saved = await lib.save(
        a.id,
        { ...READY, headline: 'Flood barrier approved' },
        first.rev,
        'explicit',
      );
      stored = await lib.get(a.id);
      expect(stored.headline).toBe('Flood barrier approved');
      expect(stored.status).toBe('ready-for-edit');
      expect(stored.statusHistory).toHaveLength(1);

      await lib.setStatus(a.id, 'in-edit', { baseRev: saved.rev, by: { name: 'Sam' } });
      stored = await lib.get(a.id);
      expect(stored.statusHistory!.map((c) => `${c.from}>${c.to}`)).toEqual([
        'draft>ready-for-edit',
        'ready-for-edit>in-edit',
      ]);

      // Restoring an old revision of the text does not rewrite the status history.
      const revisions = await lib.listRevisions(a.id);
      const oldest = revisions.at(-1)!;
      await lib.restoreRevision(a.id, oldest.revisionId, stored.rev);
      stored = await lib.get(a.id);
      expect(stored.statusHistory!.map((c) => c.to)).toEqual(['ready-for-edit', 'in-edit']);

      // A change based on a revision that is no longer current is refused and changes nothing.
      await expect(lib.setStatus(a.id, 'spiked', { baseRev: 1, by: { name: 'Late' } })).rejects.toMatchObject(
        {
          code: 'conflict',
        },
      );
      const after = await lib.get(a.id);
      expect(after.status).toBe(stored.status);
      expect(after.statusHistory).toHaveLength(2);
    } finally {
      await lib.close();
    }
  });
});

describe('IPC: setStatus and the publish gate', () => {
  let ws: Workspace;
  let handlers: Handlers;
  const events: string[] = [];
  beforeEach(async () => {
    ws = await openWorkspace(join(dir, 'lib'), { seedSample: false });
    const appSettings = AppSettingsStore.inMemory({ preferences: { name: 'Jane Doe', initials: 'JD' } });
    handlers = createHandlers({
      workspace: ws,
      dialogs: { chooseExportPath: async (name: string) => join(dir, name) } as never,
      openExternal: async () => undefined,
      emit: (e) => void events.push(e),
      appSettings,
    });
  });
  afterEach(() => closeWorkspace(ws));

  /** Creates an article and saves `content` over it (creating takes only the text fields). */
  async function createWith(content: ArticleContent) {
    const a = await handlers.createArticle({ content });
    const saved = await handlers.saveArticle({ id: a.id, baseRev: a.rev, content, reason: 'explicit' });
    return { ...a, rev: saved.rev };
  }

  it('changes the status with the name from the preferences and an optional message', async () => {
    const a = await handlers.createArticle({ content: { headline: 'Short' } });
    const changed = await handlers.setStatus({
      id: a.id,
      status: 'in-edit',
      baseRev: a.rev,
      message: 'Taking it',
    });
    expect(changed.status).toBe('in-edit');
    expect(changed.statusHistory).toMatchObject([
      { by: { name: 'Jane Doe', initials: 'JD' }, from: 'draft', to: 'in-edit', message: 'Taking it' },
    ]);
    expect(events).toContain('libraryChanged');
    // A stale base revision is a conflict, through the contract too.
    const env = await dispatch(handlers, 'setStatus', { id: a.id, status: 'draft', baseRev: a.rev });
    expect(env).toMatchObject({ ok: false, error: { code: 'conflict' } });
    // Bad input is refused before anything happens.
    const bad = await dispatch(handlers, 'setStatus', { id: a.id, status: 'killed', baseRev: changed.rev });
    expect(bad).toMatchObject({ ok: false, error: { code: 'invalid-input' } });
    expect((await handlers.getArticle({ id: a.id })).status).toBe('in-edit');
  });

  it('refuses to publish an article that is not ready, and records an override with its reason and findings', async () => {
    const a = await handlers.createArticle({ content: { headline: 'Short', body: doc('Too short.') } });
    const refused = await dispatch(handlers, 'setStatus', { id: a.id, status: 'published', baseRev: a.rev });
    expect(refused.ok).toBe(false);
    if (refused.ok) return;
    expect(refused.error.code).toBe('not-ready');
    expect(refused.error.message).toMatch(/was not published/);
    expect(refused.error.message).toMatch(/Content Highlight present/);
    expect((await handlers.getArticle({ id: a.id })).status).toBe('draft');

    // An override with an empty reason is not an override.
    const empty = await dispatch(handlers, 'setStatus', {
      id: a.id,
      status: 'published',
      baseRev: a.rev,
      override: { reason: '   ' },
    });
    expect(empty).toMatchObject({ ok: false, error: { code: 'invalid-input' } });

    const published = await handlers.setStatus({
      id: a.id,
      status: 'published',
      baseRev: a.rev,
      override: { reason: 'Breaking news, lawyer approved' },
    });
    expect(published.status).toBe('published');
    const change = published.statusHistory!.at(-1)!;
    expect(change).toMatchObject({ from: 'draft', to: 'published', by: { name: 'Jane Doe' } });
    expect(change.override?.reason).toBe('Breaking news, lawyer approved');
    expect(change.override?.findings).toEqual(
      expect.arrayContaining([
        expect.stringMatching(/^Content Highlight present and within budget: There is no Content Highlight/),
        expect.stringMatching(/^Body length: 2 words/),
      ]),
    );
  });

  it('publishes a ready article with no override recorded, and counts open review as not ready', async () => {
    const ready = await handlers.createArticle({ content: READY });
    const published = await handlers.setStatus({ id: ready.id, status: 'published', baseRev: ready.rev });
    expect(published.status).toBe('published');
    expect(published.statusHistory!.at(-1)!.override).toBeUndefined();

    const open = await createWith(WITH_REVIEW);
    const check = await handlers.checkArticle({ id: open.id });
    const items = Object.fromEntries(check.readiness.items.map((i) => [i.id, i]));
    expect(items.suggestions).toMatchObject({ status: 'fail', detail: '1 open.' });
    expect(items.comments).toMatchObject({ status: 'fail', detail: '1 open.' });
    const refused = await dispatch(handlers, 'setStatus', {
      id: open.id,
      status: 'published',
      baseRev: open.rev,
    });
    expect(refused).toMatchObject({ ok: false, error: { code: 'not-ready' } });
  });

  it('lists open review items and refuses publish-ready HTML unless the original text is asked for', async () => {
    const open = await createWith(WITH_REVIEW);
    const clean = await handlers.createArticle({ content: READY });
    const listed = await handlers.listOpenReviewItems({ ids: [clean.id, open.id] });
    expect(listed).toEqual([
      {
        id: open.id,
        headline: 'Council approves barrier',
        items: [
          { kind: 'suggestion', author: 'Sam Subeditor', text: 'Insert “on Tuesday”' },
          { kind: 'comment', author: 'Sam Subeditor', text: 'On “and it was”: Which meeting?' },
        ],
      },
    ]);

    const refused = await dispatch(handlers, 'exportArticle', { id: open.id, format: 'html' });
    expect(refused).toMatchObject({ ok: false, error: { code: 'review-open' } });
    if (!refused.ok) expect(refused.error.message).toMatch(/1 open suggestion and 1 unresolved comment/);

    const original = await handlers.exportArticle({
      id: open.id,
      format: 'html',
      options: { asOriginal: true },
    });
    const { readFile } = await import('node:fs/promises');
    const html = await readFile(original!.path, 'utf8');
    expect(html).toContain('town hall.');
    expect(html).not.toContain('on Tuesday');
    expect(html).not.toContain('Which meeting');

    // Other formats go out (the renderer warns); the suggestion is rejected and nothing of review shows.
    const md = await handlers.exportArticle({ id: open.id, format: 'markdown' });
    const text = await readFile(md!.path, 'utf8');
    expect(text).not.toContain('on Tuesday');
    expect(text).not.toContain('Which meeting');
  });
});

describe('copydesk status and export --as-original', () => {
  async function cli(...argv: string[]): Promise<CliResult> {
    return runCliIn(dir, argv, { USER: 'cli-user' });
  }

  async function seed(content: ArticleContent): Promise<string> {
    const lib = await LibraryStore.open(join(dir, 'lib'), { owner: 'cli', create: true });
    try {
      const a = await lib.create(content);
      // Creating takes only the text fields: the review comes with a save.
      await lib.save(a.id, content, a.rev, 'explicit');
      return a.id;
    } finally {
      await lib.close();
    }
  }

  it('prints the status and history, changes it with a message, and gates publishing', async () => {
    const id = await seed({ ...READY, contentHighlight: '' });
    const libArgs = ['--library', join(dir, 'lib')];

    const none = await cli('status', id.slice(0, 8), ...libArgs);
    expect(none.code).toBe(0);
    expect(none.out).toContain('Status: Draft');
    expect(none.out).toContain('No status changes recorded yet.');

    const changed = await cli(
      'status',
      id,
      'in-edit',
      '--message',
      'Subbing now',
      '--by',
      'Ed Itor',
      ...libArgs,
    );
    expect(changed).toMatchObject({ code: 0, err: '' });
    expect(changed.out).toMatch(/Ed Itor {2}Draft → In edit {2}“Subbing now”/);

    const json = await cli('status', id, '--json', ...libArgs);
    const parsed = JSON.parse(json.out) as {
      status: string;
      statusHistory: { by: { name: string }; message?: string }[];
    };
    expect(parsed.status).toBe('in-edit');
    expect(parsed.statusHistory).toMatchObject([{ by: { name: 'Ed Itor' }, message: 'Subbing now' }]);

    const refused = await cli('status', id, 'published', ...libArgs);
    expect(refused.code).toBe(1);
    expect(refused.err).toMatch(/was not published: one item fails .*Content Highlight present/);
    expect(JSON.parse((await cli('status', id, '--json', ...libArgs)).out).status).toBe('in-edit');

    const forced = await cli('status', id, 'published', '--override', 'Editor said so', '--json', ...libArgs);
    expect(forced.code).toBe(0);
    const last = (
      JSON.parse(forced.out) as {
        statusHistory: { by: { name: string }; override?: { reason: string; findings: string[] } }[];
      }
    ).statusHistory.at(-1)!;
    expect(last.by.name).toBe('cli-user');
    expect(last.override?.reason).toBe('Editor said so');
    expect(last.override?.findings).toEqual([expect.stringMatching(/^Content Highlight present/)]);
    expect((await cli('status', id, ...libArgs)).out).toContain('override: Editor said so');

    expect((await cli('status', id, 'killed', ...libArgs)).code).toBe(2);
    expect((await cli('status', id, '--message', 'no status', ...libArgs)).code).toBe(2);
  });

  it('refuses publish-ready HTML with open review unless --as-original, and warns for other formats', async () => {
    const id = await seed(WITH_REVIEW);
    const libArgs = ['--library', join(dir, 'lib')];
    const refused = await cli('export', id, '--format', 'html', ...libArgs);
    expect(refused.code).toBe(1);
    expect(refused.out).toBe('');
    expect(refused.err).toMatch(/1 open suggestion and 1 unresolved comment/);

    const original = await cli('export', id, '--format', 'html', '--as-original', ...libArgs);
    expect(original.code).toBe(0);
    expect(original.out).toMatch(/^<!DOCTYPE html>/i);
    expect(original.out).not.toContain('on Tuesday');
    expect(original.err).toContain('suggestion by Sam Subeditor: Insert “on Tuesday”');

    const text = await cli('export', id, '--format', 'text', ...libArgs);
    expect(text.code).toBe(0);
    expect(text.out).not.toContain('on Tuesday');
    expect(text.err).toContain('comment by Sam Subeditor: On “and it was”: Which meeting?');

    // A batch skips it with the reason, and exports it as the original text when asked.
    const out = join(dir, 'out');
    const batch = await cli('export', id, id, '--format', 'html', '--out', out, '--json', ...libArgs);
    expect(batch.code).toBe(1);
    expect(JSON.parse(batch.out).skipped[0].reason).toMatch(/open suggestion/);
  });
});
