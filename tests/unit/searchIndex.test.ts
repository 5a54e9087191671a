import { readFile, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { SearchIndex, foldTerm, snippet } from '../../src/library/searchIndex';
import { ARTICLE_SCHEMA_VERSION, type Article } from '../../src/shared/article';
import { bodyText } from '../../src/shared/text';
import { seededRandom } from '../../bench/harness';
import { makeTempDir } from '../helpers/tempLibrary';

let dir: string;
let cleanup: () => Promise<void>;
beforeEach(async () => {
  ({ dir, cleanup } = await makeTempDir());
});
afterEach(async () => cleanup());

const VOCABULARY = [
  'council',
  'councillor',
  'councils',
  'counsel',
  'flood',
  'flooding',
  'floods',
  'barrier',
  'barriers',
  'river',
  'riverside',
  'Wiśniewski',
  'Łódź',
  'café',
  'strike',
  'striker',
  'rail',
  'railway',
  'harbour',
  'ferry',
  'budget',
  'budgets',
  'school',
  'schools',
  'weather',
  'storm',
  'stormy',
  'Leeds',
  'ward',
  'wards',
];

function article(i: number, rand: () => number): Article {
  const words = (n: number) =>
    Array.from({ length: n }, () => VOCABULARY[Math.floor(rand() * VOCABULARY.length)]!).join(
      rand() < 0.2 ? ', ' : ' ',
    );
  return {
    schemaVersion: ARTICLE_SCHEMA_VERSION,
    id: `a${i}`,
    headline: words(1 + Math.floor(rand() * 6)),
    contentHighlight: words(Math.floor(rand() * 12)),
    byline: rand() < 0.5 ? 'Tomasz Wiśniewski' : 'Jo Reporter',
    dateline: rand() < 0.5 ? 'Leeds' : '',
    body: {
      type: 'doc',
      content: [
        { type: 'paragraph', content: [{ type: 'text', text: `${words(5 + Math.floor(rand() * 80))}.` }] },
      ],
    },
    status: 'draft',
    section: '',
    tags: [],
    language: 'en-GB',
    createdAt: '2025-01-01T00:00:00.000Z',
    updatedAt: '2025-01-01T00:00:00.000Z',
    rev: 1,
  };
}

function plain(id: string, headline: string): Article {
  const a = article(0, () => 0);
  return {
    ...a,
    id,
    headline,
    contentHighlight: '',
    byline: '',
    dateline: '',
    body: { type: 'doc', content: [] },
  };
}

/**
 * The oracle: which articles contain every word of the query exactly (folded), found by reading
 * every article's text. The index must find at least these (it finds more through prefixes and
 * typos) and rank an article matching in the headline above one matching only in the body.
 */
function exactMatches(articles: Article[], query: string): string[] {
  const words = (t: string) => new Set((t.match(/[\p{L}\p{N}]+/gu) ?? []).map(foldTerm));
  const wanted = [...words(query)];
  if (wanted.length === 0) return [];
  return articles
    .filter((a) => {
      const have = words([a.headline, a.contentHighlight, a.byline, a.dateline, bodyText(a.body)].join(' '));
      return wanted.every((w) => have.has(w));
    })
    .map((a) => a.id)
    .sort();
}

async function ourIndex(articles: Article[], file: string | null = null): Promise<SearchIndex> {
  const byId = new Map(articles.map((a) => [a.id, a]));
  const { index } = await SearchIndex.open(
    file,
    new Map(articles.map((a) => [a.id, `${a.rev}`])),
    async (id) => byId.get(id) ?? null,
    { writable: file !== null },
  );
  return index;
}

const QUERIES = [
  'council',
  'Council flood',
  'coun',
  'fl',
  'councl',
  'barier',
  'wisniewski',
  'LODZ',
  'cafe',
  'river flood storm',
  'flood flood',
  'rail strik',
  'leeds',
  'nothingmatches',
  '—',
  'st',
];

/**
 * Two indexes find the same articles with the same matched words for every query. (Scores may
 * differ slightly: MiniSearch keeps a removed article's statistics until it vacuums.)
 */
async function compare(expected: SearchIndex, actual: SearchIndex): Promise<void> {
  for (const query of QUERIES) {
    const want = await expected.search(query);
    const got = await actual.search(query);
    const ids = (r: typeof want) => r.hits.map((h) => h.id).sort();
    expect(ids(got), query).toEqual(ids(want));
    for (const id of ids(got)) {
      expect(new Set(got.details(id).terms), `${query} ${id}`).toEqual(new Set(want.details(id).terms));
    }
  }
}

describe('the search index', () => {
  it('finds every article holding all the words of a query, and says which words matched', async () => {
    const rand = seededRandom(11);
    const articles = Array.from({ length: 300 }, (_, i) => article(i, rand));
    const index = await ourIndex(articles);
    let checked = 0;
    for (const query of QUERIES) {
      const { hits, details } = await index.search(query);
      const found = new Set(hits.map((h) => h.id));
      for (const id of exactMatches(articles, query)) {
        expect(found.has(id), `${query} → ${id}`).toBe(true);
        checked++;
      }
      for (const h of hits.slice(0, 20)) expect(details(h.id).terms.length, query).toBeGreaterThan(0);
    }
    expect(checked).toBeGreaterThan(100);
  });

  it('ranks the same after articles are replaced and removed as an index built afresh', async () => {
    const rand = seededRandom(12);
    const articles = Array.from({ length: 200 }, (_, i) => article(i, rand));
    const index = await ourIndex(articles);
    for (let i = 0; i < 50; i++) {
      const changed = { ...article(i, rand), rev: 2 };
      articles[i] = changed;
      index.upsert(changed, '2');
    }
    for (const a of articles.splice(150, 20)) index.remove(a.id);
    await compare(await ourIndex(articles), index);
    index.close();
  });

  it('takes saves while it clears out replaced versions in the background, and ends with the latest text', async () => {
    // 3,000 distinct words: clearing out replaced versions (MiniSearch's vacuum) walks them in
    // batches of 2,000, and saves land between batches. Adding words under that walk used to
    // throw from MiniSearch's tree iterator, as an unhandled rejection.
    const ROUNDS = ['quartz', 'walnut', 'saffron', 'indigo', 'pewter'];
    const text = (i: number, round: number): string =>
      `${Array.from({ length: 10 }, (_, w) => `t${i}r${round}w${w}`).join(' ')} ${ROUNDS[round]}`;
    const index = await ourIndex(Array.from({ length: 300 }, (_, i) => plain(`a${i}`, text(i, 0))));
    for (let round = 1; round < ROUNDS.length; round++) {
      for (let i = 0; i < 300; i++) {
        index.upsert(plain(`a${i}`, text(i, round)), `${round}`);
        if (i % 25 === 0) {
          // Searching drops what it meets of replaced versions too: under the walk as well.
          await index.search(`t${i}r${round - 1}`);
          await new Promise((resolve) => setTimeout(resolve, 2));
        }
      }
    }
    await index.settled();
    expect((await index.search('pewter')).hits).toHaveLength(300);
    for (const old of ROUNDS.slice(0, -1)) expect((await index.search(old)).hits, old).toHaveLength(0);
    // (A typo away, "t17r4w3" is found too: what matters is which words each article still has.)
    const latest = await index.search('t7r4w3');
    expect(latest.hits[0]?.id).toBe('a7');
    expect(latest.details('a7').terms).toContain('t7r4w3');
    const before = await index.search('t7r3w3');
    expect(before.hits.flatMap((h) => before.details(h.id).terms)).not.toContain('t7r3w3');
    expect(index.covered('a7')).toBe('4');
    index.close();
  });

  it('holds a save that lands while it clears out replaced versions, and applies it once that is done', async () => {
    const text = (i: number, round: number): string =>
      Array.from({ length: 10 }, (_, w) => `t${i}r${round}w${w}`).join(' ');
    const index = await ourIndex(Array.from({ length: 300 }, (_, i) => plain(`a${i}`, text(i, 0))));
    // Replacing every article leaves 300 versions to clear out: the vacuum starts on the next turn
    // and walks 6,000 words in batches with pauses between them.
    for (let i = 0; i < 300; i++) index.upsert(plain(`a${i}`, text(i, 1)), '1');
    await new Promise((resolve) => setTimeout(resolve, 5));
    index.upsert(plain('a7', 'Harbour ferry resumes'), '2');
    // Under the vacuum's walk nothing changes the index: the save waits...
    expect(index.covered('a7')).toBe('1');
    // ...and a search waits for the vacuum, then finds it.
    expect((await index.search('ferry')).hits.map((h) => h.id)).toEqual(['a7']);
    expect(index.covered('a7')).toBe('2');
    index.close();
  });

  it('is saved and read back with the same results, covering the same article versions', async () => {
    const rand = seededRandom(13);
    const articles = Array.from({ length: 120 }, (_, i) => article(i, rand));
    const file = join(dir, 'search-index.json');
    const first = await ourIndex(articles, file);
    first.remove('a5');
    await first.flush();
    first.close();
    const kept = articles.filter((a) => a.id !== 'a5');
    const { index, stats } = await SearchIndex.open(
      file,
      new Map(kept.map((a) => [a.id, `${a.rev}`])),
      async () => null,
      { writable: false },
    );
    expect(stats).toEqual({ loadedFromDisk: true, added: 0, updated: 0, removed: 0 });
    expect(index.size).toBe(119);
    await compare(await ourIndex(kept), index);
  });

  it('rebuilds from the articles when its file is cut short', async () => {
    const rand = seededRandom(14);
    const articles = Array.from({ length: 40 }, (_, i) => article(i, rand));
    const file = join(dir, 'search-index.json');
    const first = await ourIndex(articles, file);
    await first.flush();
    first.close();
    const bytes = await readFile(file);
    await writeFile(file, bytes.subarray(0, bytes.length - 6));
    const byId = new Map(articles.map((a) => [a.id, a]));
    const { index, stats } = await SearchIndex.open(
      file,
      new Map(articles.map((a) => [a.id, '1'])),
      async (id) => byId.get(id) ?? null,
      { writable: false },
    );
    expect(stats).toEqual({ loadedFromDisk: false, added: 40, updated: 0, removed: 0 });
    await compare(await ourIndex(articles), index);
  });

  it('treats only the last word typed as the start of a longer word', async () => {
    const articles = [plain('a0', 'Railway closes'), plain('a1', 'Rail closes')];
    const index = await ourIndex(articles);
    const ids = async (q: string) => (await index.search(q)).hits.map((h) => h.id).sort();
    // "rail" is not the last word, so it does not stand for "railway"...
    expect(await ids('rail closes')).toEqual(['a1']);
    // ...but as the last word it does.
    expect(await ids('closes rail')).toEqual(['a0', 'a1']);
  });

  it('forgives one typo in words of five letters or more, not in shorter ones', async () => {
    const articles = [plain('a0', 'Ward budget')];
    const index = await ourIndex(articles);
    expect((await index.search('budgte x')).hits).toEqual([]);
    expect((await index.search('budgat')).hits.map((h) => h.id)).toEqual(['a0']);
    expect((await index.search('wark budget')).hits).toEqual([]);
  });
});

describe('snippets', () => {
  const terms = new Set(['flood']);
  const words = (n: number, from = 0) => Array.from({ length: n }, (_, i) => `w${from + i}`).join(' ');

  it('start ten words before the first match and run thirty words, cut with an ellipsis', () => {
    const text = `${words(50)} flood ${words(50, 50)}`;
    const s = snippet(text, terms);
    expect(s[0]).toEqual({ text: '…', match: false });
    expect(s.at(-1)).toEqual({ text: '…', match: false });
    const shown = s.map((x) => x.text).join('');
    expect(shown).toBe(`…${words(10, 40)} flood ${words(19, 50)}…`);
  });

  it('show the start of the text when nothing matches, and all of a short text', () => {
    expect(snippet(`  ${words(5)}\n\n`, terms).map((x) => x.text)).toEqual([words(5)]);
    const long = snippet(words(40), terms);
    expect(long.map((x) => x.text).join('')).toBe(`${words(30)}…`);
    expect(snippet('   ', terms)).toEqual([]);
  });
});
