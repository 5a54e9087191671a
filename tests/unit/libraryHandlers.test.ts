import { readdir } from 'node:fs/promises';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { createHandlers, dispatch, type Handlers } from '../../src/services/handlers';
import { closeWorkspace, openWorkspace, type Workspace } from '../../src/services/workspace';
import type { Article, ArticleContent } from '../../src/shared/article';
import type { EventName } from '../../src/shared/contract';
import type { RevisionDiff, RevisionInfo, SearchResult, TrashedArticle } from '../../src/shared/libraryTypes';
import { makeTempDir } from '../helpers/tempLibrary';

let dir: string;
let cleanup: () => Promise<void>;
let ws: Workspace;
let handlers: Handlers;
let events: EventName[];

beforeEach(async () => {
  ({ dir, cleanup } = await makeTempDir());
  ws = await openWorkspace(join(dir, 'lib'), { seedSample: false });
  events = [];
  handlers = createHandlers({
    workspace: ws,
    dialogs: {} as never,
    openExternal: async () => undefined,
    emit: (e) => void events.push(e),
  });
});
afterEach(async () => {
  await closeWorkspace(ws);
  await cleanup();
});

/** Calls a method as the renderer does (through the zod schemas); throws on an error envelope. */
async function call<T>(method: string, input?: unknown): Promise<T> {
  const result = await dispatch(handlers, method, input);
  if (!result.ok) throw new Error(`${method}: ${result.error.code}: ${result.error.message}`);
  return result.value as T;
}

/** Calls a method expecting it to be refused; returns the error code. */
async function refused(method: string, input?: unknown): Promise<string> {
  const result = await dispatch(handlers, method, input);
  if (result.ok) throw new Error(`${method} was accepted: ${JSON.stringify(input)}`);
  return result.error.code;
}

const content = (headline: string, text: string): ArticleContent => ({
  headline,
  contentHighlight: '',
  byline: 'Jo Reporter',
  dateline: 'Leeds',
  section: 'News',
  tags: [],
  body: { type: 'doc', content: [{ type: 'paragraph', content: [{ type: 'text', text }] }] },
});

async function create(headline: string, text: string): Promise<Article> {
  return call<Article>('createArticle', { content: content(headline, text) });
}

/** Everything a refused call must leave as it was. */
async function snapshot() {
  return {
    list: (await call<{ id: string; rev: number; headline: string }[]>('listArticles', {})).map((a) => [
      a.id,
      a.rev,
      a.headline,
    ]),
    trash: await call<TrashedArticle[]>('listTrash'),
    files: (await readdir(join(dir, 'lib', 'articles'))).sort(),
  };
}

describe('searchArticles over IPC', () => {
  it('finds articles with highlights and a snippet, and filters by section', async () => {
    await create('Council approves flood barrier', 'The riverside council voted on Tuesday.');
    await create('Rail strike', 'Commuters face a day without trains.');
    const result = await call<SearchResult>('searchArticles', { query: 'councl', limit: 10 });
    expect(result.hits.map((h) => h.article.headline)).toEqual(['Council approves flood barrier']);
    expect(result.hits[0]!.terms).toContain('council');
    expect(result.hits[0]!.snippet.some((s) => s.match && s.text === 'council')).toBe(true);
    const none = await call<SearchResult>('searchArticles', {
      query: 'trains',
      filters: { section: 'sport' },
    });
    expect(none.total).toBe(0);
  });

  it('refuses a query that is too long, an unknown sort, a bad limit or an unknown filter', async () => {
    expect(await refused('searchArticles', { query: 'x'.repeat(501) })).toBe('invalid-input');
    expect(await refused('searchArticles', { query: 'a', sort: 'random' })).toBe('invalid-input');
    expect(await refused('searchArticles', { query: 'a', limit: 0 })).toBe('invalid-input');
    expect(await refused('searchArticles', { query: 'a', filters: { colour: 'red' } })).toBe('invalid-input');
    expect(await refused('searchArticles', {})).toBe('invalid-input');
  });
});

describe('the trash over IPC', () => {
  it('lists, restores and empties the trash, telling the window the library changed', async () => {
    const a = await create('Harbour ferry returns', 'The ferry is back.');
    const b = await create('Old story', 'Nobody wants this.');
    await call('trashArticle', { id: a.id });
    await call('trashArticle', { id: b.id });
    const trash = await call<TrashedArticle[]>('listTrash');
    expect(trash.map((t) => t.headline).sort()).toEqual(['Harbour ferry returns', 'Old story']);
    const ferry = trash.find((t) => t.id === a.id)!;

    events = [];
    const restored = await call<Article>('restoreFromTrash', { trashId: ferry.trashId });
    expect(restored.headline).toBe('Harbour ferry returns');
    expect(events).toContain('libraryChanged');
    expect((await call<SearchResult>('searchArticles', { query: 'ferry' })).total).toBe(1);

    events = [];
    expect(await call('emptyTrash', { confirm: true })).toEqual({ removed: 1 });
    expect(events).toContain('libraryChanged');
    expect(await call('listTrash')).toEqual([]);
  });

  it('refuses to empty the trash without confirm: true, and a malformed or unknown trash id, changing nothing', async () => {
    const a = await create('Harbour ferry returns', 'The ferry is back.');
    await call('trashArticle', { id: a.id });
    const before = await snapshot();
    expect(await refused('emptyTrash', {})).toBe('invalid-input');
    expect(await refused('emptyTrash', { confirm: 'yes' })).toBe('invalid-input');
    expect(await refused('emptyTrash')).toBe('invalid-input');
    expect(await refused('restoreFromTrash', { trashId: '../library' })).toBe('invalid-input');
    expect(await refused('restoreFromTrash', { trashId: 'A' })).toBe('invalid-input');
    expect(await refused('restoreFromTrash', { trashId: 'abc-not-there' })).toBe('not-found');
    expect(await refused('listTrash', { extra: true })).toBe('invalid-input');
    expect(await snapshot()).toEqual(before);
  });
});

describe('duplicateArticle over IPC', () => {
  it('makes a copy with a new id that search finds', async () => {
    const a = await create('Budget row', 'The ward budget was cut.');
    const copy = await call<Article>('duplicateArticle', { id: a.id });
    expect(copy.id).not.toBe(a.id);
    expect(copy.headline).toBe('Copy of Budget row');
    expect(events).toContain('libraryChanged');
    const hits = (await call<SearchResult>('searchArticles', { query: 'budget' })).hits;
    expect(hits.map((h) => h.article.id).sort()).toEqual([a.id, copy.id].sort());
  });

  it('refuses a malformed or unknown id, changing nothing', async () => {
    await create('Budget row', 'The ward budget was cut.');
    const before = await snapshot();
    expect(await refused('duplicateArticle', { id: '../../etc/passwd' })).toBe('invalid-input');
    expect(await refused('duplicateArticle', {})).toBe('invalid-input');
    expect(await refused('duplicateArticle', { id: '00000000-0000-4000-8000-000000000000' })).toBe(
      'not-found',
    );
    expect(await snapshot()).toEqual(before);
  });
});

describe('revisions over IPC', () => {
  /** An article saved once on purpose, so its history holds this first version. */
  async function stormStory(): Promise<Article> {
    const a = await create('Storm warning', 'Winds of sixty miles an hour.');
    const first = await call<{ rev: number }>('saveArticle', {
      id: a.id,
      baseRev: a.rev,
      content: content('Storm warning', 'Winds of sixty miles an hour.'),
      reason: 'explicit',
    });
    return { ...a, rev: first.rev };
  }

  it('lists the history, shows a diff and restores an earlier revision', async () => {
    const a = await stormStory();
    const saved = await call<{ rev: number }>('saveArticle', {
      id: a.id,
      baseRev: a.rev,
      content: content('Storm warning upgraded', 'Winds of ninety miles an hour.'),
      reason: 'explicit',
    });
    const history = await call<RevisionInfo[]>('listRevisions', { id: a.id });
    expect(history.length).toBeGreaterThanOrEqual(2);
    const oldest = history.at(-1)!;
    expect(oldest.headline).toBe('Storm warning');

    const diff = await call<RevisionDiff>('getRevisionDiff', { id: a.id, from: oldest.revisionId });
    expect(diff.fields.find((f) => f.field === 'body')?.segments).toEqual([
      { type: 'equal', text: 'Winds of ' },
      { type: 'delete', text: 'sixty' },
      { type: 'insert', text: 'ninety' },
      { type: 'equal', text: ' miles an hour.' },
    ]);

    const restored = await call<Article>('restoreRevision', {
      id: a.id,
      revisionId: oldest.revisionId,
      baseRev: saved.rev,
    });
    expect(restored.headline).toBe('Storm warning');
    expect(events).toContain('libraryChanged');
    expect((await call<SearchResult>('searchArticles', { query: 'sixty' })).total).toBe(1);
    expect((await call<SearchResult>('searchArticles', { query: 'ninety' })).total).toBe(0);
  });

  it('refuses bad ids, and a restore based on an old rev, changing nothing', async () => {
    const a = await stormStory();
    await call('saveArticle', {
      id: a.id,
      baseRev: a.rev,
      content: content('Storm warning upgraded', 'Winds of ninety miles an hour.'),
      reason: 'explicit',
    });
    const oldest = (await call<RevisionInfo[]>('listRevisions', { id: a.id })).at(-1);
    const before = await snapshot();
    const historyBefore = await call<RevisionInfo[]>('listRevisions', { id: a.id });
    expect(await refused('listRevisions', { id: 'not an id' })).toBe('invalid-input');
    expect(await refused('getRevisionDiff', { id: a.id, from: 'yesterday' })).toBe('invalid-input');
    expect(await refused('getRevisionDiff', { id: a.id, from: oldest!.revisionId, to: 'later' })).toBe(
      'invalid-input',
    );
    expect(await refused('restoreRevision', { id: a.id, revisionId: '../x' })).toBe('invalid-input');
    expect(await refused('restoreRevision', { id: a.id, revisionId: oldest!.revisionId, baseRev: -1 })).toBe(
      'invalid-input',
    );
    expect(await refused('restoreRevision', { id: a.id, revisionId: oldest!.revisionId, extra: 1 })).toBe(
      'invalid-input',
    );
    expect(
      await refused('restoreRevision', { id: a.id, revisionId: oldest!.revisionId, baseRev: a.rev }),
    ).toBe('conflict');
    expect(await snapshot()).toEqual(before);
    expect(await call<RevisionInfo[]>('listRevisions', { id: a.id })).toEqual(historyBefore);
  });
});
