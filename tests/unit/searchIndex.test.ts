import { readFile, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import MiniSearch from 'minisearch';
import { SEARCH_INDEX_FILE, SearchIndex, foldTerm, snippet } from '../../src/library/searchIndex';
import { rankQuery, type RankOptions } from '../../src/library/searchRank';
import { indexFileLines, loadIndexFile, snapshotIndex } from '../../src/library/searchFile';
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
 * An article of `words` body words drawn from 4,000 made-up ones (`w0`…`w3999`, the low numbers
 * commonest): a few hundred of them make an index file of many lines.
 */
function wordy(i: number, rand: () => number, words = 120): Article {
  const text = Array.from({ length: words }, () => `w${Math.floor(rand() ** 2 * 4000)}`).join(' ');
  return {
    ...plain(`a${i}`, `Story ${i} w${i % 50}`),
    body: { type: 'doc', content: [{ type: 'paragraph', content: [{ type: 'text', text }] }] },
  };
}

/** Queries over the words of `wordy` articles, common and rare, typos and prefixes. */
const WORDY_QUERIES = ['w1', 'w2 w3', 'w17', 'w250', 'w3999', 'w12 w40 w7', 'w4', 'story w9', 'w10', 'w123'];

/** The lines of the file `index` is saved to (each with its `\n`). */
async function fileLines(file: string): Promise<string[]> {
  return (await readFile(file, 'utf8')).split(/(?<=\n)/);
}

/** Counts the turns of the event loop until stopped: what other work (IPC, saves) would get. */
function turnCounter(): { readonly turns: number; stop(): void } {
  let turns = 0;
  let stopped = false;
  const tick = (): void => {
    if (stopped) return;
    turns++;
    setImmediate(tick);
  };
  setImmediate(tick);
  return {
    get turns() {
      return turns;
    },
    stop: () => (stopped = true),
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
async function compare(expected: SearchIndex, actual: SearchIndex, queries = QUERIES): Promise<void> {
  for (const query of queries) {
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
    const file = join(dir, SEARCH_INDEX_FILE);
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

describe('the search index file', () => {
  const OPTIONS = { fields: ['headline', 'body'], idField: 'id' };
  type Doc = { id: string; headline: string; body: string };

  /** MiniSearch over `n` wordy articles, 30 of them discarded (postings left over, a dirt count). */
  function miniSearch(n: number): MiniSearch<Doc> {
    const rand = seededRandom(23);
    const ms = new MiniSearch<Doc>(OPTIONS);
    const docs = Array.from({ length: n }, (_, i) => {
      const a = wordy(i, rand);
      return { id: a.id, headline: a.headline, body: bodyText(a.body) };
    });
    ms.addAll(docs);
    for (const d of docs.slice(0, 30)) ms.discard(d.id);
    return ms;
  }

  const covers = (ms: MiniSearch<Doc>, n: number) =>
    new Map(
      Array.from({ length: n }, (_, i) => [`a${i}`, '1']).filter(([id]) => ms.has(id!)) as [string, string][],
    );

  it("holds MiniSearch's own serialisation in lines, and loads back into the index MiniSearch itself loads", async () => {
    const ms = miniSearch(600);
    const lines: string[] = [];
    for await (const line of indexFileLines(snapshotIndex(ms, covers(ms, 600), 2))) lines.push(line);
    expect(lines.length).toBeGreaterThan(6);
    for (const line of lines) expect(line.endsWith('\n') && !line.slice(0, -1).includes('\n')).toBe(true);
    const header = JSON.parse(lines[0]!);
    expect(header).toMatchObject({ format: 'copydesk-search-index', formatVersion: 2 });
    expect(Object.keys(header.covers)).toHaveLength(570);
    const postings = lines.slice(1, -1).flatMap((line) => JSON.parse(line) as unknown[]);
    const saved = JSON.parse(JSON.stringify(ms)) as Parameters<typeof MiniSearch.loadJS>[0];
    expect({ ...header.miniSearch, index: postings }).toEqual(saved);
    expect(JSON.parse(lines.at(-1)!)).toEqual({
      end: 'copydesk-search-index',
      formatVersion: 2,
      lines: lines.length - 2,
      words: postings.length,
    });

    const loaded = await loadIndexFile(Buffer.from(lines.join('')), 2, OPTIONS);
    const theirs = MiniSearch.loadJS(saved, OPTIONS);
    expect(JSON.stringify(loaded.ms)).toBe(JSON.stringify(theirs));
    expect(loaded.ms.documentCount).toBe(570);
    expect(loaded.covers).toEqual(covers(ms, 600));
    for (const query of WORDY_QUERIES) {
      expect(loaded.ms.search(query).map((r) => [r.id, r.score])).toEqual(
        theirs.search(query).map((r) => [r.id, r.score]),
      );
    }
  });

  it('leaves out what is added while it is written, even words that split edges of the word tree', async () => {
    const ms = miniSearch(600);
    const atSnapshot = JSON.parse(JSON.stringify(ms)) as { index: [string, unknown][] };
    const lines: string[] = [];
    for await (const line of indexFileLines(snapshotIndex(ms, new Map(), 2))) {
      lines.push(line);
      if (lines.length !== 3) continue;
      // After the first postings line: "w1234" gets a sibling "w123q" (an edge "34" of the
      // tree becomes "3" with "4" and "q" under it), all over the tree; one more article goes.
      const body = atSnapshot.index.map(([word]) => `${word.slice(0, -1)}q`).join(' ');
      ms.add({ id: 'late', headline: 'Late', body });
      ms.discard('a100');
    }
    expect(lines.length).toBeGreaterThan(6);
    const postings = lines.slice(1, -1).flatMap((line) => JSON.parse(line) as unknown[]);
    expect({ ...JSON.parse(lines[0]!).miniSearch, index: postings }).toEqual(atSnapshot);
  });

  it('is built and loaded one line per turn of the event loop', async () => {
    const ms = miniSearch(600);
    const counter = turnCounter();
    const lines: string[] = [];
    const builtAt: number[] = [];
    for await (const line of indexFileLines(snapshotIndex(ms, covers(ms, 600), 2))) {
      lines.push(line);
      builtAt.push(counter.turns);
    }
    // Nothing here waits for anything: the turns between two lines are the writer's own pauses.
    for (let i = 2; i < lines.length - 1; i++)
      expect(builtAt[i], `line ${i}`).toBeGreaterThan(builtAt[i - 1]!);

    const parsed: { turn: number; chars: number }[] = [];
    const parse = JSON.parse;
    const spy = vi.spyOn(JSON, 'parse').mockImplementation((text: string, reviver) => {
      parsed.push({ turn: counter.turns, chars: text.length });
      return parse(text, reviver) as unknown;
    });
    try {
      await loadIndexFile(Buffer.from(lines.join('')), 2, OPTIONS);
    } finally {
      spy.mockRestore();
      counter.stop();
    }
    const longest = Math.max(...lines.map((l) => l.length));
    const byTurn = new Map<number, number>();
    for (const { turn, chars } of parsed) byTurn.set(turn, (byTurn.get(turn) ?? 0) + chars);
    // One line per turn (the first also parses the short trailer).
    expect(Math.max(...byTurn.values())).toBeLessThanOrEqual(longest + 200);
    expect(byTurn.size).toBeGreaterThanOrEqual(lines.length - 2);
  });

  it('is read and written by the library without parsing or building the whole file in one go', async () => {
    const rand = seededRandom(41);
    const articles = Array.from({ length: 600 }, (_, i) => wordy(i, rand));
    const file = join(dir, SEARCH_INDEX_FILE);
    const first = await ourIndex(articles, file);
    const stringified: number[] = [];
    const stringify = JSON.stringify;
    const spyWrite = vi
      .spyOn(JSON, 'stringify')
      .mockImplementation((...args: Parameters<typeof JSON.stringify>) => {
        const out = stringify(...args);
        stringified.push(out?.length ?? 0);
        return out;
      });
    try {
      await first.flush();
    } finally {
      spyWrite.mockRestore();
    }
    first.close();
    const lines = await fileLines(file);
    expect(lines.length).toBeGreaterThan(6);
    const size = lines.reduce((n, l) => n + l.length, 0);
    // The header (the small parts) is the longest piece made in one go, not the whole index.
    expect(Math.max(...stringified)).toBeLessThanOrEqual(lines[0]!.length);
    expect(lines[0]!.length).toBeLessThan(size / 4);

    const parsed: number[] = [];
    const parse = JSON.parse;
    const spyRead = vi.spyOn(JSON, 'parse').mockImplementation((text: string, reviver) => {
      parsed.push(text.length);
      return parse(text, reviver) as unknown;
    });
    let stats;
    try {
      ({ stats } = await SearchIndex.open(file, new Map(articles.map((a) => [a.id, '1'])), async () => null, {
        writable: false,
      }));
    } finally {
      spyRead.mockRestore();
    }
    expect(stats.loadedFromDisk).toBe(true);
    expect(Math.max(...parsed)).toBeLessThanOrEqual(Math.max(...lines.map((l) => l.length)));
  });

  /** Ways a file can be unreadable, each made from a good file's bytes. */
  const DAMAGE: [string, (bytes: Buffer, ms: MiniSearch<Doc>) => Buffer | string][] = [
    ['cut in the middle of a line', (b) => b.subarray(0, Math.floor(b.length / 2))],
    ['cut just before its last line', (b) => b.subarray(0, b.lastIndexOf(0x0a, b.length - 2) + 1)],
    ['cut in its last line', (b) => b.subarray(0, b.length - 6)],
    [
      'missing a line in the middle',
      (b) => {
        const lines = b.toString('utf8').split(/(?<=\n)/);
        return lines.filter((_, i) => i !== 3).join('');
      },
    ],
    ['of another version', (b) => b.toString('utf8').replaceAll('"formatVersion":2', '"formatVersion":3')],
    [
      "the earlier version's single JSON document",
      (_, ms) => JSON.stringify({ format: 'copydesk-search-index', formatVersion: 1, covers: {}, index: ms }),
    ],
    ['not a search index at all', () => 'Dear editor,\nplease find attached\n{"end":"x"}\n'],
    ['empty', () => ''],
  ];

  it.each(DAMAGE)('is rebuilt from the articles, losing no result, when %s', async (_, damage) => {
    const rand = seededRandom(14);
    const articles = Array.from({ length: 300 }, (_, i) => wordy(i, rand));
    const file = join(dir, SEARCH_INDEX_FILE);
    const first = await ourIndex(articles, file);
    await first.flush();
    first.close();
    const ms = miniSearch(40);
    await writeFile(file, damage(await readFile(file), ms));
    const byId = new Map(articles.map((a) => [a.id, a]));
    const { index, stats } = await SearchIndex.open(
      file,
      new Map(articles.map((a) => [a.id, '1'])),
      async (id) => byId.get(id) ?? null,
      { writable: true },
    );
    expect(stats).toEqual({ loadedFromDisk: false, added: 300, updated: 0, removed: 0 });
    await compare(await ourIndex(articles), index, WORDY_QUERIES);
    // ...and written whole again.
    await index.flush();
    index.close();
    const again = await SearchIndex.open(file, new Map(articles.map((a) => [a.id, '1'])), async () => null, {
      writable: false,
    });
    expect(again.stats.loadedFromDisk).toBe(true);
    await compare(index, again.index, WORDY_QUERIES);
  });

  it('holds the index as it was when a write began, while saves, removals and a vacuum come in during it', async () => {
    const rand = seededRandom(42);
    const N = 600;
    const original = Array.from({ length: N }, (_, i) => wordy(i, rand));
    const file = join(dir, SEARCH_INDEX_FILE);
    const index = await ourIndex(original, file);
    await index.flush();
    index.upsert({ ...original[0]!, headline: 'Harbour ferry resumes' }, '2');
    const atStart = [{ ...original[0]!, headline: 'Harbour ferry resumes' }, ...original.slice(1)];

    // Saves and removals on the turns of the event loop while the write goes on: 250 at once on
    // the first (a vacuum is then due: it must wait for the write), then a few on each.
    const latest = new Map(
      atStart.map((a) => [a.id, { article: a as Article | null, key: a.id === 'a0' ? '2' : '1' }]),
    );
    let done = false;
    const writing = index.flush().then(() => (done = true));
    let changes = 0;
    let turns = 0;
    while (!done) {
      await new Promise((resolve) => setImmediate(resolve));
      const burst = turns++ === 0 ? 250 : changes < 500 ? 5 : 0;
      for (let k = 0; k < burst && !done; k++, changes++) {
        const id = `a${(changes * 7) % N}`;
        if (changes % 10 === 9) {
          index.remove(id);
          latest.set(id, { article: null, key: '' });
        } else {
          // New words, some splitting an edge of the word tree ("story" and "stove")
          const headline = `Fresh take ${changes} ${['stove', 'stork', 'sto', 'wax'][changes % 4]}`;
          const article = { ...wordy(Number(id.slice(1)), rand), headline };
          index.upsert(article, `c${changes}`);
          latest.set(id, { article, key: `c${changes}` });
        }
      }
    }
    await writing;
    expect(changes).toBeGreaterThan(260);

    // No posting of an article version the file does not list...
    const lines = await fileLines(file);
    const header = JSON.parse(lines[0]!);
    for (const line of lines.slice(1, -1)) {
      for (const [, fields] of JSON.parse(line) as [string, Record<string, Record<string, number>>][]) {
        for (const docs of Object.values(fields)) {
          for (const docId of Object.keys(docs)) expect(Number(docId)).toBeLessThan(header.miniSearch.nextId);
        }
      }
    }
    // ...and it covers, and finds, the articles as they were when the write began.
    expect(header.covers).toEqual(Object.fromEntries(atStart.map((a) => [a.id, a.id === 'a0' ? '2' : '1'])));
    const saved = await SearchIndex.open(file, new Map(Object.entries(header.covers)), async () => null, {
      writable: false,
    });
    expect(saved.stats).toEqual({ loadedFromDisk: true, added: 0, updated: 0, removed: 0 });
    await compare(await ourIndex(atStart), saved.index, [
      ...WORDY_QUERIES,
      'ferry',
      'fresh',
      'story',
      'stove',
      'sto',
    ]);

    // Opened against the latest versions, it re-reads the changed ones and finds what the
    // running index finds.
    const current = [...latest].filter(([, v]) => v.article);
    const reopened = await SearchIndex.open(
      file,
      new Map(current.map(([id, v]) => [id, v.key])),
      async (id) => latest.get(id)?.article ?? null,
      { writable: false },
    );
    expect(reopened.stats.loadedFromDisk).toBe(true);
    expect(reopened.stats.removed).toBe([...latest.values()].filter((v) => !v.article).length);
    const fresh = await ourIndex(current.map(([, v]) => v.article!));
    const queries = [...WORDY_QUERIES, 'ferry', 'fresh', 'take', 'story', 'stove', 'stork', 'sto', 'wax'];
    await compare(fresh, reopened.index, queries);
    await index.settled();
    await compare(fresh, index, queries);
    index.close();
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
