import { readFile, stat, unlink, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { OLD_SEARCH_INDEX_FILE, SEARCH_INDEX_FILE } from '../../src/library/searchIndex';
import { LibraryStore } from '../../src/library/store';
import type { ArticleContent } from '../../src/shared/article';
import { makeTempDir } from '../helpers/tempLibrary';

let dir: string;
let cleanup: () => Promise<void>;
let open: LibraryStore[] = [];

beforeEach(async () => {
  ({ dir, cleanup } = await makeTempDir());
  open = [];
});
afterEach(async () => {
  for (const s of open) await s.close().catch(() => undefined);
  await cleanup();
});

async function openLib(
  options: Partial<Parameters<typeof LibraryStore.open>[1]> = {},
): Promise<LibraryStore> {
  const s = await LibraryStore.open(dir, {
    owner: 'app',
    create: true,
    indexDelayMs: 10,
    searchIndexDelayMs: 10,
    ...options,
  });
  open.push(s);
  return s;
}

function content(headline: string, text: string, extra: Partial<ArticleContent> = {}): ArticleContent {
  return {
    headline,
    contentHighlight: '',
    byline: 'Jo Reporter',
    dateline: 'Leeds',
    section: '',
    tags: [],
    body: { type: 'doc', content: [{ type: 'paragraph', content: [{ type: 'text', text }] }] },
    ...extra,
  };
}

async function seed(lib: LibraryStore) {
  const flood = await lib.create(
    content(
      'Council approves flood barrier',
      'The riverside council voted on Tuesday to build a £12m barrier.',
      {
        section: 'News',
        tags: ['environment', 'council'],
      },
    ),
  );
  const rail = await lib.create(
    content('Rail strike to cancel services', 'Commuters face a day without trains as the union walks out.', {
      byline: 'Tomasz Wiśniewski',
      dateline: 'Manchester',
      section: 'Transport',
      tags: ['strike'],
    }),
  );
  const ferry = await lib.create(
    content('Harbour ferry returns', 'The ferry is back after repairs, the harbour council said.', {
      section: 'News',
    }),
  );
  return { flood, rail, ferry };
}

const headlines = (r: Awaited<ReturnType<LibraryStore['search']>>) => r.hits.map((h) => h.article.headline);

describe('finding any article', () => {
  it('finds words in the body, headline, byline and dateline, ignoring case and accents', async () => {
    const lib = await openLib();
    await seed(lib);
    expect(headlines(await lib.search({ query: 'commuters' }))).toEqual(['Rail strike to cancel services']);
    expect(headlines(await lib.search({ query: 'wisniewski' }))).toEqual(['Rail strike to cancel services']);
    expect(headlines(await lib.search({ query: 'MANCHESTER' }))).toEqual(['Rail strike to cancel services']);
    expect(headlines(await lib.search({ query: 'ferry harbour' }))).toEqual(['Harbour ferry returns']);
    expect((await lib.search({ query: 'nothing matches this' })).hits).toEqual([]);
  });

  it('matches the start of a word and forgives a typo', async () => {
    const lib = await openLib();
    await seed(lib);
    expect(headlines(await lib.search({ query: 'commut' }))).toEqual(['Rail strike to cancel services']);
    expect(headlines(await lib.search({ query: 'barier' }))).toEqual(['Council approves flood barrier']);
  });

  it('ranks a headline match above a body match and returns the matched words for highlighting', async () => {
    const lib = await openLib();
    await seed(lib);
    const result = await lib.search({ query: 'council' });
    expect(headlines(result)).toEqual(['Council approves flood barrier', 'Harbour ferry returns']);
    const top = result.hits[0]!;
    expect(top.terms).toContain('council');
    expect(top.highlights.headline).toEqual([
      { text: 'Council', match: true },
      { text: ' approves flood barrier', match: false },
    ]);
    const snippetText = top.snippet.map((s) => s.text).join('');
    expect(snippetText).toContain('riverside council voted');
    expect(top.snippet.filter((s) => s.match).map((s) => s.text)).toEqual(['council']);
    expect(result.total).toBe(2);
    // The library list asks for no snippets (it shows none): the same hits, no file read for them.
    const listed = await lib.search({ query: 'council', snippets: 1 });
    expect(headlines(listed)).toEqual(headlines(result));
    expect(listed.hits[0]!.snippet).toEqual(top.snippet);
    expect(listed.hits[1]!.snippet).toEqual([]);
    expect(result.hits[1]!.snippet.length).toBeGreaterThan(0);
    expect(listed.hits[1]!.highlights).toEqual(result.hits[1]!.highlights);
  });

  it('filters by status, byline, section, tags and date, and sorts by headline or date', async () => {
    const lib = await openLib();
    const { rail } = await seed(lib);
    expect(
      headlines(await lib.search({ query: '', filters: { section: 'news' }, sort: 'headline' })),
    ).toEqual(['Council approves flood barrier', 'Harbour ferry returns']);
    expect(headlines(await lib.search({ query: '', filters: { tags: ['Council'] } }))).toEqual([
      'Council approves flood barrier',
    ]);
    expect(headlines(await lib.search({ query: '', filters: { byline: 'wisniew' } }))).toEqual([
      'Rail strike to cancel services',
    ]);
    await lib.setStatus(rail.id, 'in-edit');
    expect(headlines(await lib.search({ query: '', filters: { status: ['in-edit'] } }))).toEqual([
      'Rail strike to cancel services',
    ]);
    const today = new Date().toISOString().slice(0, 10);
    expect((await lib.search({ query: '', filters: { from: today, to: today } })).total).toBe(3);
    expect((await lib.search({ query: '', filters: { to: '2001-01-01' } })).total).toBe(0);
    const created = headlines(await lib.search({ query: '', sort: 'created' }));
    expect(created[0]).toBe('Harbour ferry returns');
    const modified = headlines(await lib.search({ query: '' }));
    expect(modified[0]).toBe('Rail strike to cancel services');
  });

  it('keeps the index up to date on save, trash and restore without rebuilding', async () => {
    const lib = await openLib();
    const { flood } = await seed(lib);
    await lib.save(flood.id, content('Council approves sea wall', 'A new sea wall instead.'), flood.rev);
    expect((await lib.search({ query: 'barrier' })).hits).toEqual([]);
    expect(headlines(await lib.search({ query: 'sea wall' }))).toEqual(['Council approves sea wall']);
    await lib.trash(flood.id);
    expect((await lib.search({ query: 'sea wall' })).hits).toEqual([]);
    const [trashed] = await lib.listTrash();
    await lib.restoreFromTrash(trashed!.trashId);
    expect(headlines(await lib.search({ query: 'sea wall' }))).toEqual(['Council approves sea wall']);
  });

  it('persists the index with the revs it covers, and after a restart re-reads only what changed', async () => {
    const lib = await openLib();
    const { rail, ferry } = await seed(lib);
    await lib.close();
    const header = (await readFile(join(dir, SEARCH_INDEX_FILE), 'utf8')).split('\n')[0]!;
    expect(Object.keys(JSON.parse(header).covers).sort()).toEqual(
      lib
        .list()
        .map((a) => a.id)
        .sort(),
    );

    // Someone else edits one article file while the app is closed, and one is removed.
    const file = join(dir, 'articles', `${rail.id}.json`);
    const changed = JSON.parse(await readFile(file, 'utf8'));
    changed.body.content[0].content[0].text = 'Buses replace the trains on Friday.';
    changed.rev += 1;
    await writeFile(file, JSON.stringify(changed));
    await unlink(join(dir, 'articles', `${ferry.id}.json`));

    const again = await openLib();
    await again.searchReady();
    expect(again.searchOpenStats).toEqual({ loadedFromDisk: true, added: 0, updated: 1, removed: 1 });
    expect(headlines(await again.search({ query: 'buses' }))).toEqual(['Rail strike to cancel services']);
    expect((await again.search({ query: 'commuters' })).hits).toEqual([]);
    expect((await again.search({ query: 'ferry' })).hits).toEqual([]);
  });

  it('an unreadable search index is rebuilt from the article files', async () => {
    const lib = await openLib();
    await seed(lib);
    await lib.close();
    await writeFile(join(dir, SEARCH_INDEX_FILE), '{"format":"copydesk-search-index","formatVersion":2,"cov');
    const again = await openLib();
    await again.searchReady();
    expect(again.searchOpenStats?.loadedFromDisk).toBe(false);
    expect(again.searchOpenStats?.added).toBe(3);
    expect(headlines(await again.search({ query: 'commuters' }))).toEqual(['Rail strike to cancel services']);
  });

  it('a read-only opening (the CLI) searches without writing the index', async () => {
    const lib = await openLib();
    await seed(lib);
    await lib.close();
    await unlink(join(dir, SEARCH_INDEX_FILE));
    const ro = await LibraryStore.open(dir, { owner: null });
    open.push(ro);
    expect(headlines(await ro.search({ query: 'ferry' }))).toEqual(['Harbour ferry returns']);
    await ro.close();
    await expect(stat(join(dir, SEARCH_INDEX_FILE))).rejects.toThrow();
  });

  it('the one-file search index of an earlier version is rebuilt in the new format and removed', async () => {
    const lib = await openLib();
    await seed(lib);
    await lib.close();
    await unlink(join(dir, SEARCH_INDEX_FILE));
    // As version 1 left it: one JSON document (its index abridged here).
    await writeFile(
      join(dir, OLD_SEARCH_INDEX_FILE),
      JSON.stringify({ format: 'copydesk-search-index', formatVersion: 1, covers: {}, index: {} }),
    );
    const again = await openLib();
    await again.searchReady();
    expect(again.searchOpenStats).toMatchObject({ loadedFromDisk: false, added: 3 });
    expect(headlines(await again.search({ query: 'commuters' }))).toEqual(['Rail strike to cancel services']);
    await again.close();
    await expect(stat(join(dir, OLD_SEARCH_INDEX_FILE))).rejects.toThrow();
    const third = await openLib();
    await third.searchReady();
    expect(third.searchOpenStats?.loadedFromDisk).toBe(true);
  });

  it('a read-only opening (the CLI) leaves the search index of an earlier version alone', async () => {
    const lib = await openLib();
    await seed(lib);
    await lib.close();
    await writeFile(join(dir, OLD_SEARCH_INDEX_FILE), '{}');
    const ro = await LibraryStore.open(dir, { owner: null });
    open.push(ro);
    expect(headlines(await ro.search({ query: 'ferry' }))).toEqual(['Harbour ferry returns']);
    await ro.close();
    await stat(join(dir, OLD_SEARCH_INDEX_FILE));
  });

  it('listArticles’ filter keeps working as before', async () => {
    const lib = await openLib();
    await seed(lib);
    expect(lib.list('wisniewski').map((a) => a.headline)).toEqual(['Rail strike to cancel services']);
  });
});
