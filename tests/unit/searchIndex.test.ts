import { readFile, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import MiniSearch from 'minisearch';
import { SearchIndex, foldTerm, snippet } from '../../src/library/searchIndex';
import { rankQuery, type RankOptions } from '../../src/library/searchRank';
import { loadIndexInSlices } from '../../src/library/searchLoad';
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

describe("ranking (searchRank.ts over MiniSearch's index)", () => {
  /** Random queries from the vocabulary: whole words, starts of words, one-letter typos, 1–3 words. */
  function randomQueries(n: number, rand: () => number): string[] {
    const word = () => VOCABULARY[Math.floor(rand() * VOCABULARY.length)]!;
    return Array.from({ length: n }, () =>
      Array.from({ length: 1 + Math.floor(rand() * 3) }, () => {
        const w = word();
        const r = rand();
        if (r < 0.3) return w.slice(0, 2 + Math.floor(rand() * (w.length - 1)));
        if (r < 0.5) {
          const i = Math.floor(rand() * w.length);
          return `${w.slice(0, i)}${'xae'[Math.floor(rand() * 3)]}${w.slice(i + 1)}`;
        }
        return w;
      }).join(rand() < 0.2 ? ', ' : ' '),
    );
  }

  it("ranks every query as MiniSearch's own search does, with the same scores and matched words", async () => {
    const rand = seededRandom(21);
    const articles = Array.from({ length: 300 }, (_, i) => article(i, rand));
    const index = await ourIndex(articles);
    const queries = [...QUERIES, ...randomQueries(400, rand)];
    let hits = 0;
    const order = (a: { id: string; score: number }, b: { id: string; score: number }) =>
      b.score - a.score || a.id.localeCompare(b.id);
    for (const query of queries) {
      const ours = await index.search(query);
      expect(ours.narrowed, query).toBeUndefined();
      const theirs = index.searchWithMiniSearch(query).sort(order);
      const got = [...ours.hits].sort(order);
      expect(
        got.map((h) => h.id),
        query,
      ).toEqual(theirs.map((h) => h.id));
      got.forEach((h, i) => {
        expect(h.score, `${query} ${h.id}`).toBeCloseTo(theirs[i]!.score, 9);
        const d = ours.details(h.id);
        expect(new Set(d.terms), `${query} ${h.id}`).toEqual(new Set(theirs[i]!.terms));
        const fields = (m: Record<string, string[]>) =>
          Object.fromEntries(Object.entries(m).map(([t, f]) => [t, [...f].sort()]));
        expect(fields(d.match), `${query} ${h.id}`).toEqual(fields(theirs[i]!.match));
      });
      hits += got.length;
    }
    // The queries must find things, or the comparison proves little.
    expect(hits).toBeGreaterThan(10_000);
  });

  it('still ranks as MiniSearch does after hundreds of saves and removals (its lengths re-read)', async () => {
    const rand = seededRandom(22);
    const articles = Array.from({ length: 300 }, (_, i) => article(i, rand));
    const index = await ourIndex(articles);
    await index.search('council'); // builds the field lengths the ranking reads
    for (let i = 0; i < 250; i++) {
      const changed = { ...article(i, rand), rev: 2 };
      articles[i] = changed;
      index.upsert(changed, '2');
    }
    for (const a of articles.splice(280, 20)) index.remove(a.id);
    // Once the replaced versions are cleared out, MiniSearch's scores are exact to compare.
    await index.settled();
    const order = (a: { id: string; score: number }, b: { id: string; score: number }) =>
      b.score - a.score || a.id.localeCompare(b.id);
    let compared = 0;
    for (const query of QUERIES) {
      const got = [...(await index.search(query)).hits].sort(order);
      const want = index.searchWithMiniSearch(query).sort(order);
      expect(
        got.map((h) => h.id),
        query,
      ).toEqual(want.map((h) => h.id));
      got.forEach((h, i) => expect(h.score, `${query} ${h.id}`).toBeCloseTo(want[i]!.score, 9));
      compared += got.length;
    }
    expect(compared).toBeGreaterThan(500);
    index.close();
  });

  it('answers the next query in full after a filter threw during one', async () => {
    const rand = seededRandom(24);
    const articles = Array.from({ length: 200 }, (_, i) => article(i, rand));
    const index = await ourIndex(articles);
    const want = (await index.search('council')).hits.map((h) => h.id);
    expect(want.length).toBeGreaterThan(20);
    await expect(
      index.search('council', () => {
        throw new Error('filter failed');
      }),
    ).rejects.toThrow('filter failed');
    expect((await index.search('council')).hits.map((h) => h.id)).toEqual(want);
  });

  it('loads a saved index in slices into the same index MiniSearch itself loads', async () => {
    const rand = seededRandom(23);
    const options = { fields: ['headline', 'body'], idField: 'id' };
    const ms = new MiniSearch<{ id: string; headline: string; body: string }>(options);
    const docs = Array.from({ length: 400 }, (_, i) => {
      const a = article(i, rand);
      return { id: a.id, headline: a.headline, body: bodyText(a.body) };
    });
    ms.addAll(docs);
    for (const d of docs.slice(0, 30)) ms.discard(d.id); // left-over postings and a dirt count
    const saved = JSON.parse(JSON.stringify(ms)) as unknown;
    const ours = await loadIndexInSlices(saved, options);
    const theirs = MiniSearch.loadJS(saved as Parameters<typeof MiniSearch.loadJS>[0], options);
    expect(JSON.stringify(ours)).toBe(JSON.stringify(theirs));
    expect(ours.documentCount).toBe(370);
    expect(ours.search('council flood').map((r) => r.id)).toEqual(
      theirs.search('council flood').map((r) => r.id),
    );
  });

  it('searches a prefix that starts too many words for its commonest ones, and says so', () => {
    const ms = new MiniSearch<{ id: string; body: string }>({ fields: ['body'], idField: 'id' });
    // "co" starts 40 words; "cofN" is in N articles, so the commonest are cof39, cof38, …
    const docs = Array.from({ length: 40 }, (_, i) => ({
      id: `d${i}`,
      body: Array.from({ length: 40 }, (_, n) => (n >= i ? `cof${n}` : 'other')).join(' '),
    }));
    ms.addAll(docs);
    const options: RankOptions = {
      fields: ['body'],
      boost: {},
      processTerm: (t) => t.toLowerCase(),
      prefix: () => true,
      fuzzy: () => false,
      maxFuzzy: 1,
      prefixPostingsBudget: 0,
    };
    const all = rankQuery(ms, 'co', options);
    expect(all.narrowed).toBeUndefined();
    expect(all.hits).toHaveLength(40);
    // cof39 is in all 40 articles, cof38 in 39, …: a budget of 120 postings takes cof39..cof37.
    const some = rankQuery(ms, 'co', { ...options, prefixPostingsBudget: 120 });
    expect(some.narrowed).toEqual({ prefix: 'co', used: 3, of: 40 });
    expect(some.hits).toHaveLength(40);
    const matched = new Set(some.hits.flatMap((h) => some.details(h.id).terms));
    expect([...matched].sort()).toEqual(['cof37', 'cof38', 'cof39']);
    // A budget below the commonest word's postings still searches that word.
    const one = rankQuery(ms, 'co', { ...options, prefixPostingsBudget: 1 });
    expect(one.narrowed).toEqual({ prefix: 'co', used: 1, of: 40 });
    expect(new Set(one.hits.flatMap((h) => one.details(h.id).terms))).toEqual(new Set(['cof39']));
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

  it('are the passage a word-by-word reading finds, on random texts with accents, case and punctuation', () => {
    /** The reference: split the whole text into words, fold each, take the first match. */
    function reference(text: string, want: ReadonlySet<string>, n = 30): string {
      const found = [...text.matchAll(/[\p{L}\p{N}]+/gu)];
      const first = found.findIndex((m) => want.has(foldTerm(m[0])));
      const from = first < 0 ? 0 : Math.max(0, first - 10);
      const start = from === 0 ? 0 : found[from]!.index;
      const end = from + n < found.length ? found[from + n]!.index : text.length;
      const passage = text.slice(start, end).replace(/\s+/g, ' ').trim();
      if (!passage) return '';
      return `${start > 0 ? '…' : ''}${passage}${end < text.length ? '…' : ''}`;
    }
    const rand = seededRandom(31);
    const pool = [
      'flood',
      'Flood',
      'FLOODS',
      'Łódź',
      'lodz',
      'café',
      'cafe',
      'river',
      'x',
      'a1',
      '12',
      'the',
    ];
    const seps = [' ', ', ', '. ', '\n\n', ' — ', '  '];
    let matched = 0;
    for (let i = 0; i < 500; i++) {
      const n = Math.floor(rand() * 120);
      const longWord = () => 'w'.repeat(1 + Math.floor(rand() * (rand() < 0.05 ? 900 : 12)));
      let text = rand() < 0.3 ? '  ' : '';
      for (let w = 0; w < n; w++) {
        text += rand() < 0.1 ? pool[Math.floor(rand() * pool.length)] : longWord();
        text += seps[Math.floor(rand() * seps.length)];
      }
      const want = new Set([['flood'], ['lodz', 'river'], ['cafe'], ['a1', '12'], []][i % 5]!);
      const got = snippet(text, want)
        .map((x) => x.text)
        .join('');
      expect(got, JSON.stringify({ text, want: [...want] })).toBe(reference(text, want));
      if (got && snippet(text, want).some((x) => x.match)) matched++;
    }
    expect(matched).toBeGreaterThan(150);
  });
});
