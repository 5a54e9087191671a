import { mkdir, open as openFile, readFile, readdir, rename, rm, stat, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { Low } from 'lowdb';
import { JSONFile } from 'lowdb/node';
import MiniSearch from 'minisearch';
import { serialiseArticle } from '../src/library/articleFile';
import { fsyncDir, writeFileDurable } from '../src/library/durableFile';
import { loadIndexFile } from '../src/library/searchFile';
import { SEARCH_INDEX_FILE } from '../src/library/searchIndex';
import { internals } from '../src/library/searchRank';
import { LibraryStore } from '../src/library/store';
import {
  ARTICLE_SCHEMA_VERSION,
  type Article,
  type ArticleContent,
  type BodyNode,
} from '../src/shared/article';
import { bodyText } from '../src/shared/text';
import {
  collectGarbage,
  percentile,
  median,
  seededRandom,
  withPauses,
  type BenchRow,
  type BenchSuite,
  type Pauses,
} from './harness';

/** Where the generated libraries are kept between runs ($COPYDESK_BENCH_CACHE, e.g. for a worktree). */
const CACHE =
  process.env.COPYDESK_BENCH_CACHE ?? join(import.meta.dirname, '../../node_modules/.cache/copydesk-bench');
const GENERATOR_VERSION = 1;

/** Pseudo-words from seeded syllables, so the vocabulary is large and skewed like real text. */
function makeVocabulary(rand: () => number, size: number): string[] {
  const syllables = [
    'ba',
    'ce',
    'di',
    'fo',
    'gu',
    'ha',
    'je',
    'ki',
    'lo',
    'mu',
    'na',
    'pe',
    'ri',
    'so',
    'tu',
    'va',
    'we',
    'xi',
    'yo',
    'za',
    'str',
    'en',
    'ar',
    'ol',
    'ing',
    'ter',
    'con',
    'ment',
    'ly',
    'ous',
  ];
  const words = new Set<string>();
  while (words.size < size) {
    const n = 1 + Math.floor(rand() * 4);
    let w = '';
    for (let i = 0; i < n; i++) w += syllables[Math.floor(rand() * syllables.length)];
    words.add(w);
  }
  return [...words];
}

interface Generated {
  dir: string;
  vocabulary: string[];
}

/** A library of `count` articles (≈800 words, one in twenty 5,000), generated once and cached. */
async function syntheticLibrary(count: number): Promise<Generated> {
  const rand = seededRandom(20250301 + count);
  const vocabulary = makeVocabulary(seededRandom(7), 20_000);
  const word = () => vocabulary[Math.floor(Math.pow(rand(), 2.2) * vocabulary.length)]!;
  const words = (n: number) => Array.from({ length: n }, word).join(' ');
  const dir = join(CACHE, `library-${count}-v${GENERATOR_VERSION}`);
  const marker = join(dir, '.bench-complete');
  const exists = (path: string) =>
    stat(path).then(
      () => true,
      () => false,
    );
  if (await exists(marker)) {
    // A library generated before the search index changed format gets the new one, as the
    // app's first start after an update would build it.
    if (!(await exists(join(dir, SEARCH_INDEX_FILE)))) {
      const lib = await LibraryStore.open(dir, {
        owner: 'app',
        search: 'eager',
        searchIndexDelayMs: 3_600_000,
      });
      await lib.searchReady();
      await lib.close();
    }
    return { dir, vocabulary };
  }

  await rm(dir, { recursive: true, force: true });
  await mkdir(dir, { recursive: true });
  await (await LibraryStore.open(dir, { owner: 'app', create: true, search: 'lazy' })).close();
  const hex = (n: number) => Array.from({ length: n }, () => Math.floor(rand() * 16).toString(16)).join('');
  const names = ['Jo Reporter', 'Tomasz Wiśniewski', 'Amara Okafor', 'Sam Lee', 'Priya Shah', 'Ellen Byrne'];
  const cities = ['Leeds', 'Manchester', 'Cardiff', 'Glasgow', 'Belfast', 'Bristol', 'Norwich'];
  const base = Date.parse('2024-01-01T00:00:00Z');
  const batch: Promise<void>[] = [];
  for (let i = 0; i < count; i++) {
    const total = rand() < 0.05 ? 5000 : 700 + Math.floor(rand() * 200);
    const paragraphs: BodyNode[] = [];
    for (let left = total; left > 0; left -= 60) {
      paragraphs.push({
        type: 'paragraph',
        content: [{ type: 'text', text: `${words(Math.min(60, left))}.` }],
      });
    }
    const at = new Date(base + Math.floor(rand() * 365 * 86_400_000)).toISOString();
    const article: Article = {
      schemaVersion: ARTICLE_SCHEMA_VERSION,
      id: `${hex(8)}-${hex(4)}-4${hex(3)}-8${hex(3)}-${hex(12)}`,
      headline: words(8),
      contentHighlight: words(22),
      byline: names[Math.floor(rand() * names.length)]!,
      dateline: cities[Math.floor(rand() * cities.length)]!,
      body: { type: 'doc', content: paragraphs },
      status: 'draft',
      section: ['News', 'Sport', 'Business'][i % 3]!,
      tags: [],
      language: 'en-GB',
      createdAt: at,
      updatedAt: at,
      rev: 1,
    };
    // Written directly (no fsync): a fixture, not a library under test.
    batch.push(writeFile(join(dir, 'articles', `${article.id}.json`), serialiseArticle(article)));
    if (batch.length >= 64) await Promise.all(batch.splice(0));
  }
  await Promise.all(batch);
  // One opening builds library.json and the search index, as the app's first start would.
  const lib = await LibraryStore.open(dir, { owner: 'app', search: 'eager', searchIndexDelayMs: 3_600_000 });
  await lib.searchReady();
  await lib.close();
  await writeFile(marker, new Date().toISOString());
  return { dir, vocabulary };
}

/** The floor: the same bytes written as durably as can be (temp + fsync + rename + fsync dir). */
async function rawDurableWrite(path: string, data: string): Promise<void> {
  const tmp = `${path}.raw-tmp`;
  const fh = await openFile(tmp, 'w');
  try {
    await fh.writeFile(data);
    await fh.sync();
  } finally {
    await fh.close();
  }
  await rename(tmp, path);
  await fsyncDir(join(path, '..'));
}

/** MiniSearch's options as far as loading reads them (the fields; the rest is for indexing). */
const INDEX_FIELDS = {
  idField: 'id',
  fields: ['headline', 'contentHighlight', 'byline', 'dateline', 'body'],
};

/**
 * Version 1's search index file, loaded as version 1 did (the baseline): one `JSON.parse` of the
 * whole document, then the postings put into the word tree in ~8 ms slices.
 */
async function loadVersion1(path: string): Promise<MiniSearch> {
  const js = JSON.parse(await readFile(path, 'utf8')) as { index: Parameters<typeof MiniSearch.loadJS>[0] };
  const saved = js.index as unknown as { index: [string, Record<string, Record<string, number>>][] };
  const ms = MiniSearch.loadJS({ ...js.index, index: [] }, INDEX_FIELDS);
  const words = internals(ms)._index;
  let slice = performance.now();
  for (const [term, data] of saved.index) {
    const fields = new Map<number, Map<number, number>>();
    for (const fieldId of Object.keys(data)) {
      const entry = data[fieldId]!;
      const postings = new Map<number, number>();
      for (const docId in entry) postings.set(Number(docId), entry[docId]!);
      fields.set(Number(fieldId), postings);
    }
    words.set(term, fields);
    if (performance.now() - slice > 8) {
      await new Promise((resolve) => setImmediate(resolve));
      slice = performance.now();
    }
  }
  return ms;
}

/**
 * Loading and writing the search index file: the longest the main process went without a turn
 * of its event loop (with and without the garbage collections in it), and the total, against
 * version 1's one JSON document (`JSON.parse` and `JSON.stringify` of the whole of it) holding
 * the same index. Worst pauses and median totals of `runs`. Ours are measured first: version 1's
 * parse leaves gigabytes of garbage, which makes every later collection longer (and would skew
 * the memory rows: the suite measures this last).
 */
async function measureIndexFile(count: number, runs: number, rows: BenchRow[]): Promise<void> {
  const { dir } = await syntheticLibrary(count);
  const label = count.toLocaleString('en-GB');
  const file = join(dir, SEARCH_INDEX_FILE);
  const v1File = join(dir, 'bench-search-index-v1.json');
  const ours = { loads: [] as Pauses[], writes: [] as Pauses[] };
  const old = { loads: [] as Pauses[], writes: [] as Pauses[] };
  for (let i = 0; i < runs; i++) {
    const lib = await LibraryStore.open(dir, { owner: 'app', search: 'lazy', searchIndexDelayMs: 3_600_000 });
    ours.loads.push(await withPauses(() => lib.searchReady()));
    const index = await lib.searchReady();
    // The same version again: the index changed, so it is written.
    const id = lib.list()[0]!.id;
    index.upsert(await lib.get(id), index.covered(id)!);
    ours.writes.push(await withPauses(() => index.flush()));
    await lib.close();
  }
  {
    const bytes = await readFile(file);
    const { formatVersion } = JSON.parse(bytes.toString('utf8', 0, bytes.indexOf(0x0a))) as {
      formatVersion: number;
    };
    const loaded = await loadIndexFile(bytes, formatVersion, INDEX_FIELDS);
    const covers = Object.fromEntries(loaded.covers);
    let ms = loaded.ms;
    for (let i = 0; i < runs; i++) {
      const persisted = { format: 'copydesk-search-index', formatVersion: 1, covers, index: ms };
      old.writes.push(await withPauses(() => writeFileDurable(v1File, JSON.stringify(persisted))));
      old.loads.push(await withPauses(async () => (ms = await loadVersion1(v1File))));
    }
  }
  await rm(v1File, { force: true });

  const worst = (r: Pauses[], of: 'longestMs' | 'longestOutsideGcMs') => Math.max(...r.map((x) => x[of]));
  const total = (r: Pauses[]) => median(r.map((x) => x.totalMs));
  const goal = label === '10,000' ? '≤ 50 ms' : undefined;
  for (const [what, mine, theirs, v1] of [
    ['load', ours.loads, old.loads, 'JSON.parse'],
    ['write', ours.writes, old.writes, 'JSON.stringify'],
  ] as const) {
    rows.push(
      {
        name: `search index ${what}: longest pause of the main process (${label}, worst of ${runs})`,
        value: worst(mine, 'longestMs'),
        unit: 'ms',
        baseline: { name: `v1: one ${v1}`, value: worst(theirs, 'longestMs') },
        goal,
        met: goal ? worst(mine, 'longestMs') <= 50 : undefined,
      },
      {
        name: `search index ${what}: longest pause less garbage collection (${label}, worst of ${runs})`,
        value: worst(mine, 'longestOutsideGcMs'),
        unit: 'ms',
        baseline: { name: `v1: one ${v1}`, value: worst(theirs, 'longestOutsideGcMs') },
        goal,
        met: goal ? worst(mine, 'longestOutsideGcMs') <= 50 : undefined,
      },
      {
        name: `search index ${what}: total${what === 'write' ? ', durable' : ''} (${label})`,
        value: total(mine),
        unit: 'ms',
        baseline: {
          name: what === 'load' ? 'v1: JSON.parse, then slices' : 'v1: JSON.stringify + durable write',
          value: total(theirs),
        },
      },
    );
  }
}

async function timeMs(fn: () => Promise<unknown>): Promise<number> {
  const t0 = performance.now();
  await fn();
  return performance.now() - t0;
}

function contentOf(a: Article): ArticleContent {
  const { headline, contentHighlight, byline, dateline, body, section, tags } = a;
  return { headline, contentHighlight, byline, dateline, body, section, tags };
}

interface SizeFigures {
  openMs: number;
  saveP95: number;
  floorP95: number;
  naiveSaveMs: number;
}

async function measureSize(count: number, quick: boolean, rows: BenchRow[]): Promise<SizeFigures> {
  const { dir, vocabulary } = await syntheticLibrary(count);
  const label = count.toLocaleString('en-GB');

  // Memory: what the store keeps once the library is open and every article listed, then with
  // the search index loaded: the JavaScript heap and the memory outside it (buffers), after a
  // garbage collection at each reading. (The process's resident size was measured here before:
  // it moved with what earlier sizes had left for the collector and came out negative.)
  const retained = async (): Promise<number> => {
    await collectGarbage();
    const m = process.memoryUsage();
    return m.heapUsed + m.external;
  };
  const before = await retained();
  const forMemory = await LibraryStore.open(dir, { owner: null });
  const listed = forMemory.list();
  const afterList = await retained();
  await forMemory.searchReady();
  const afterSearch = await retained();
  await forMemory.close();
  rows.push({
    name: `memory: ${label} listed (heap + external kept, after GC)`,
    value: (afterList - before) / 2 ** 20,
    unit: 'MB',
  });
  rows.push({
    name: `memory: ${label} listed + search index (heap + external kept, after GC)`,
    value: (afterSearch - before) / 2 ** 20,
    unit: 'MB',
  });
  if (listed.length !== count) throw new Error(`expected ${count} articles, listed ${listed.length}`);

  // Opening (list ready), as the app opens it: the list comes from the index and the files are
  // checked against it right after. The baseline is the CLI's way: check every file first.
  const opens: number[] = [];
  const checked: number[] = [];
  const fullChecks: number[] = [];
  for (let i = 0; i < (quick ? 3 : 7); i++) {
    let lib: LibraryStore | null = null;
    let reconciled!: () => void;
    const filesChecked = new Promise<void>((r) => (reconciled = r));
    const start = performance.now();
    opens.push(
      await timeMs(async () => {
        lib = await LibraryStore.open(dir, {
          owner: 'app',
          search: 'lazy',
          reconcile: 'background',
          onReconciled: () => reconciled(),
        });
        lib.list();
      }),
    );
    await filesChecked;
    checked.push(performance.now() - start);
    await lib!.close();
    let cli: LibraryStore | null = null;
    fullChecks.push(
      await timeMs(async () => {
        cli = await LibraryStore.open(dir, { owner: 'cli', search: 'lazy' });
        cli.list();
      }),
    );
    await cli!.close();
  }
  const openMs = median(opens);
  rows.push({
    name: `open library, list ready (${label})`,
    value: openMs,
    unit: 'ms',
    baseline: { name: 'every file checked first (CLI)', value: median(fullChecks) },
    goal: count === 10_000 ? '≤ 300 ms' : undefined,
    met: count === 10_000 ? openMs <= 300 : undefined,
  });
  rows.push({
    name: `open library, files checked in the background (${label})`,
    value: median(checked),
    unit: 'ms',
  });

  // Search index load after opening (in the background in the app).
  const app = await LibraryStore.open(dir, { owner: 'app', search: 'lazy', searchIndexDelayMs: 3_600_000 });
  const loadMs = await timeMs(() => app.searchReady());
  rows.push({ name: `search index ready after open (${label}, persisted)`, value: loadMs, unit: 'ms' });

  // Saving one article vs the raw durable write of the same bytes.
  const target = app.list().find((a) => a.wordCount >= 700 && a.wordCount <= 900)!;
  let article = await app.get(target.id);
  const saves: number[] = [];
  const floors: number[] = [];
  const floorPath = join(dir, 'floor.json');
  const n = quick ? 30 : 120;
  for (let i = 0; i < n; i++) {
    const content = contentOf(article);
    content.headline = `${article.headline.replace(/ \d+$/, '')} ${i}`;
    const bytes = serialiseArticle({ ...article, ...content, rev: article.rev + 1 });
    let result: { rev: number; updatedAt: string } | undefined;
    const save = async (): Promise<void> => {
      saves.push(
        await timeMs(async () => (result = await app.save(article.id, content, article.rev, 'autosave'))),
      );
    };
    // Taking turns at going first: the first fsync of a pair also flushes whatever the file
    // system still held from before (the library index, a revision), which would always land on
    // the floor otherwise and flatter the save.
    if (i % 2 === 0) await save();
    floors.push(await timeMs(() => rawDurableWrite(floorPath, bytes)));
    if (i % 2 === 1) await save();
    article = { ...article, ...content, rev: result!.rev, updatedAt: result!.updatedAt };
  }
  await rm(floorPath, { force: true });
  const saveP95 = percentile(saves, 95);
  const floorP95 = percentile(floors, 95);
  rows.push({
    name: `save one article p95 (${label})`,
    value: saveP95,
    unit: 'ms',
    baseline: { name: 'raw temp+fsync+rename', value: floorP95 },
    goal: '≤ 2× floor',
    met: saveP95 <= 2 * floorP95,
  });

  // Updating the index for one saved article.
  const index = await app.searchReady();
  // Not while the saves above are being vacuumed out of the index: a change that lands during a
  // vacuum is only held for later (see SearchIndex.upsert), which would time nothing.
  await index.settled();
  const updates: number[] = [];
  for (let i = 0; i < (quick ? 20 : 60); i++)
    updates.push(await timeMs(async () => index.upsert(article, index.covered(article.id) ?? '')));
  const updateP95 = percentile(updates, 95);
  rows.push({
    name: `search index update, one article p95 (${label})`,
    value: updateP95,
    unit: 'ms',
    goal: '≤ 5 ms',
    met: updateP95 <= 5,
  });

  // Search vs a linear scan of the same text.
  const texts: string[] = [];
  for (const s of app.list()) {
    const a = JSON.parse(await readFile(join(dir, 'articles', `${s.id}.json`), 'utf8')) as Article;
    texts.push(
      [a.headline, a.contentHighlight, a.byline, a.dateline, bodyText(a.body)].join('\n').toLowerCase(),
    );
  }
  const rand = seededRandom(99);
  const mid = () => vocabulary[200 + Math.floor(rand() * 3000)]!;
  const long = () => {
    for (;;) {
      const w = mid();
      if (w.length >= 7) return w;
    }
  };
  const q = quick ? 15 : 40;
  const queries: Record<string, string[]> = {
    'one-word': Array.from({ length: q }, mid),
    'two-word': Array.from({ length: q }, () => `${mid()} ${mid()}`),
    prefix: Array.from({ length: q }, () => long().slice(0, 4)),
    fuzzy: Array.from({ length: q }, () => {
      const w = long();
      const i = 2 + Math.floor(rand() * (w.length - 3));
      return `${w.slice(0, i)}${w[i] === 'e' ? 'a' : 'e'}${w.slice(i + 1)}`;
    }),
  };
  const rankings: BenchRow[] = [];
  for (const [kind, list] of Object.entries(queries)) {
    const searchTimes: number[] = [];
    const rankTimes: number[] = [];
    const scanTimes: number[] = [];
    for (const query of list) {
      searchTimes.push(await timeMs(() => app.search({ query, limit: 20 })));
      rankTimes.push(await timeMs(() => index.search(query)));
      const words = query.split(' ');
      scanTimes.push(await timeMs(async () => texts.filter((t) => words.every((w) => t.includes(w))).length));
    }
    const p95 = percentile(searchTimes, 95);
    const scanP95 = percentile(scanTimes, 95);
    rows.push({
      name: `search ${kind} p95, 20 hits with snippets (${label})`,
      value: p95,
      unit: 'ms',
      baseline: { name: 'linear scan', value: scanP95 },
      goal: count === 10_000 ? '≤ 20 ms, ≥ 50× faster than scan' : undefined,
      met: count === 10_000 ? p95 <= 20 && scanP95 / p95 >= 50 : undefined,
    });
    // Where the time goes: finding and ranking every match, without the page of snippets.
    rankings.push({
      name: `search ${kind} p95, ranking only (${label})`,
      value: percentile(rankTimes, 95),
      unit: 'ms',
      baseline: { name: 'linear scan', value: scanP95 },
    });
  }
  rows.push(...rankings);
  await app.close();

  // A naive store: the whole library in one lowdb JSON file, saving one article rewrites it all.
  const naiveDir = join(CACHE, `naive-${count}`);
  await mkdir(naiveDir, { recursive: true });
  const naive = new Low<{ articles: Record<string, Article> }>(new JSONFile(join(naiveDir, 'db.json')), {
    articles: {},
  });
  for (const name of await readdir(join(dir, 'articles'))) {
    if (!name.endsWith('.json')) continue;
    const a = JSON.parse(await readFile(join(dir, 'articles', name), 'utf8')) as Article;
    naive.data.articles[a.id] = a;
  }
  await naive.write();
  const naiveTimes: number[] = [];
  for (let i = 0; i < (quick ? 3 : count >= 10_000 ? 8 : 20); i++) {
    naiveTimes.push(
      await timeMs(async () => {
        naive.data.articles[target.id]!.headline = `naive ${i}`;
        await naive.write();
      }),
    );
  }
  await rm(naiveDir, { recursive: true, force: true });
  const naiveSaveMs = percentile(naiveTimes, 95);
  rows.push({
    name: `naive single-file lowdb: save one article p95 (${label})`,
    value: naiveSaveMs,
    unit: 'ms',
    baseline: { name: 'Copydesk save p95', value: saveP95 },
    goal: count === 10_000 ? '≥ 50× slower than ours' : undefined,
    met: count === 10_000 ? naiveSaveMs / saveP95 >= 50 : undefined,
  });
  return { openMs, saveP95, floorP95, naiveSaveMs };
}

export const librarySuite: BenchSuite = {
  name: 'library',
  description:
    'synthetic libraries of 1,000 and 10,000 articles: open, save, search, index update, index file load and write, memory',
  async run({ quick }) {
    const rows: BenchRow[] = [];
    const small = await measureSize(1000, quick, rows);
    const large = await measureSize(10_000, quick, rows);
    for (const count of [1000, 10_000]) await measureIndexFile(count, quick ? 1 : 3, rows);
    rows.push({
      name: 'open time 10,000 vs 1,000',
      value: large.openMs / small.openMs,
      unit: '×',
      goal: '≤ 3×',
      met: large.openMs / small.openMs <= 3,
    });
    rows.push({
      name: 'save p95 10,000 vs 1,000',
      value: large.saveP95 / small.saveP95,
      unit: '×',
      goal: '≤ 1.2×',
      met: large.saveP95 / small.saveP95 <= 1.2,
    });
    return rows;
  },
};
