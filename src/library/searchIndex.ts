import { readFile } from 'node:fs/promises';
import MiniSearch, { type Options } from 'minisearch';
import type { Article } from '../shared/article';
import type { TextSegment } from '../shared/libraryTypes';
import { bodyText } from '../shared/text';
import { writeFileDurable } from './durableFile';
import { indexFileLines, loadIndexFile, snapshotIndex } from './searchFile';
import { internals, rankQuery, type RankOptions, type Ranking } from './searchRank';

/** The index's file in the library folder, in lines (see searchFile.ts). */
export const SEARCH_INDEX_FILE = 'search-index.jsonl';

/**
 * The one-document file of version 1 (`JSON.parse` of it stalled the main process for 1.5 s at
 * 10,000 articles). It cannot be loaded any more: the library removes it once the index is open.
 */
export const OLD_SEARCH_INDEX_FILE = 'search-index.json';

/**
 * Bump when the fields, tokenising, term processing or the file's layout change: an index built
 * otherwise is rebuilt. 2: the file in lines (searchFile.ts).
 */
const INDEX_VERSION = 2;

const FIELDS = ['headline', 'contentHighlight', 'byline', 'dateline', 'body'] as const;

interface SearchDoc {
  id: string;
  headline: string;
  contentHighlight: string;
  byline: string;
  dateline: string;
  body: string;
}

const ASCII = /^[\x00-\x7f]*$/;

/** Lower-cases and strips accents, so "wisniewski" finds "Wiśniewski". */
export function foldTerm(term: string): string {
  // Plain ASCII has no accents to strip: skipping NFD makes indexing a long article several times faster.
  if (ASCII.test(term)) return term.toLowerCase();
  return term.normalize('NFD').replace(/\p{M}/gu, '').toLowerCase();
}

/** How a query's words are matched: used by MiniSearch's `search` and by `rankQuery` alike. */
const RANK_OPTIONS: RankOptions = {
  fields: FIELDS,
  processTerm: (term) => foldTerm(term) || null,
  boost: { headline: 3, contentHighlight: 2, byline: 2, dateline: 1.5 },
  // The last word typed is also a prefix ("flood" finds "flooding": the user may still be
  // typing it), and words of five letters or more forgive one typo ("councl" finds "council").
  // Prefixes and typos on every word would multiply the terms each query expands to.
  prefix: (term, i, terms) => i === terms.length - 1 && term.length >= 2,
  fuzzy: (term) => (term.length >= 5 ? 0.2 : false),
  maxFuzzy: 1,
  // About 3 ms of ranking: "ment" starts 682 words of the benchmark's 10,000 articles.
  prefixPostingsBudget: 60_000,
};

const MINISEARCH_OPTIONS: Options<SearchDoc> = {
  idField: 'id',
  fields: [...FIELDS],
  storeFields: [],
  processTerm: RANK_OPTIONS.processTerm,
  searchOptions: {
    boost: RANK_OPTIONS.boost,
    prefix: RANK_OPTIONS.prefix,
    fuzzy: RANK_OPTIONS.fuzzy,
    maxFuzzy: RANK_OPTIONS.maxFuzzy,
    combineWith: 'AND',
  },
  // Vacuuming is started by SearchIndex itself (see `vacuumLater`), never from inside a change.
  autoVacuum: false,
};

/** Vacuuming after discards: in the background in small batches, once enough has piled up. */
const VACUUM = { batchSize: 1000, batchWait: 20, minDirtCount: 200, minDirtFactor: 0.1 };

/** One ranked match from the index, and which words of an article matched. */
export type { RankedHit as IndexHit, MatchDetails as HitDetails } from './searchRank';

/** The ranked hits of a query, and the matched words of any of them (asked for the page shown only). */
export type RankedSearch = Ranking;

/** What opening the index did, for logs and the benchmark. */
export interface SearchIndexOpenStats {
  loadedFromDisk: boolean;
  added: number;
  updated: number;
  removed: number;
}

/**
 * The full-text index of a library (MiniSearch), kept up to date one article at a time
 * (`replace`/`discard`, never a rebuild) and persisted to `search-index.jsonl` with the version
 * of each article it covers, so a restart only re-reads the articles that changed since.
 *
 * The index is a cache of the article files: when its file is missing, unreadable or from
 * another index version it is rebuilt from the articles, which loses nothing.
 */
export class SearchIndex {
  private dirty = false;
  /** Changes that arrived while MiniSearch was vacuuming (see `upsert`), applied once it is done. */
  private readonly held = new Map<string, { article: Article; key: string } | null>();
  private vacuumTimer: NodeJS.Timeout | undefined;
  /** The running vacuum; it applies the held changes when it ends. */
  private vacuuming: Promise<void> | null = null;
  private timer: NodeJS.Timeout | undefined;
  private writing: Promise<void> = Promise.resolve();
  /** A write is reading the word tree (see `flush`): no vacuum may start. */
  private snapshotWriting = false;

  private constructor(
    private readonly ms: MiniSearch<SearchDoc>,
    private readonly covers: Map<string, string>,
    private readonly file: string | null,
    private readonly delayMs: number,
  ) {
    internals(ms); // fails at once if a MiniSearch upgrade moved what `rankQuery` reads
  }

  /**
   * Loads the index from `file` (when given and readable) and brings it in line with `current`
   * (article id → key of the file version on disk): articles whose key differs are read with
   * `read` and replaced, articles gone are discarded. `file` null: kept in memory only.
   */
  static async open(
    file: string | null,
    current: ReadonlyMap<string, string>,
    read: (id: string) => Promise<Article | null>,
    options: { writable: boolean; delayMs?: number },
  ): Promise<{ index: SearchIndex; stats: SearchIndexOpenStats }> {
    let ms: MiniSearch<SearchDoc> | null = null;
    let covers = new Map<string, string>();
    if (file) {
      try {
        ({ ms, covers } = await loadIndexFile(await readFile(file), INDEX_VERSION, MINISEARCH_OPTIONS));
      } catch {
        // Missing, cut short, of another version or unreadable: it is only a cache of the article
        // files, rebuilt below.
        ms = null;
        covers = new Map();
      }
    }
    const loadedFromDisk = ms !== null;
    const index = new SearchIndex(
      ms ?? new MiniSearch(MINISEARCH_OPTIONS),
      covers,
      options.writable ? file : null,
      options.delayMs ?? 15_000,
    );
    const stats: SearchIndexOpenStats = { loadedFromDisk, added: 0, updated: 0, removed: 0 };
    for (const id of [...covers.keys()]) {
      if (!current.has(id)) {
        index.remove(id);
        stats.removed++;
      }
    }
    const stale = [...current].filter(([id, key]) => covers.get(id) !== key);
    let next = 0;
    const worker = async (): Promise<void> => {
      while (next < stale.length) {
        const [id, key] = stale[next++]!;
        const article = await read(id).catch(() => null);
        if (!article) continue;
        if (covers.has(id)) stats.updated++;
        else stats.added++;
        index.upsert(article, key);
      }
    };
    await Promise.all(Array.from({ length: Math.min(16, stale.length) }, worker));
    if (stale.length > 0 || stats.removed > 0) index.scheduleWrite();
    return { index, stats };
  }

  get size(): number {
    return this.ms.documentCount;
  }

  /** The key of the article version the index holds, if any. */
  covered(id: string): string | undefined {
    return this.covers.get(id);
  }

  /**
   * Adds or replaces one article; `key` names the file version it came from.
   *
   * While MiniSearch vacuums (clears out discarded entries in batches, between which other code
   * runs) the change is held and applied when it is done: adding or discarding terms under its
   * walk of the index breaks that walk (MiniSearch 7.2 threw from its tree iterator, an unhandled
   * rejection). Searches only read the index (`rankQuery`), but wait for the vacuum too, so they
   * see the held changes (see `search`). MiniSearch's own auto-vacuum
   * is off for the same reason: it starts inside `discard`, and `replace` then adds the new
   * version under the paused walk.
   */
  upsert(article: Article, key: string): void {
    if (this.hold(article.id, { article, key })) return;
    const doc: SearchDoc = {
      id: article.id,
      headline: article.headline,
      contentHighlight: article.contentHighlight,
      byline: article.byline,
      dateline: article.dateline,
      body: bodyText(article.body),
    };
    if (this.ms.has(article.id)) {
      this.ms.replace(doc);
      this.vacuumLater();
    } else this.ms.add(doc);
    this.covers.set(article.id, key);
    this.scheduleWrite();
  }

  remove(id: string): void {
    if (this.hold(id, null)) return;
    if (this.ms.has(id)) {
      this.ms.discard(id);
      this.vacuumLater();
    }
    if (this.covers.delete(id)) this.scheduleWrite();
  }

  /** Resolves once no vacuum is running or due, every held change applied. */
  async settled(): Promise<void> {
    while (this.vacuumTimer) await new Promise((resolve) => setTimeout(resolve, 10));
    await this.idle();
  }

  /** Resolves when no vacuum is running (the changes held meanwhile are applied as it ends). */
  private async idle(): Promise<void> {
    while (this.vacuuming) await this.vacuuming;
  }

  /**
   * Starts a vacuum on a later turn of the event loop once enough discarded entries piled up.
   * Not while a write reads the word tree: the vacuum deletes postings and words from it (the
   * write calls this again when it is done).
   */
  private vacuumLater(): void {
    if (this.vacuumTimer || this.vacuuming || this.snapshotWriting) return;
    if (this.ms.dirtCount < VACUUM.minDirtCount || this.ms.dirtFactor < VACUUM.minDirtFactor) return;
    this.vacuumTimer = setTimeout(() => {
      this.vacuumTimer = undefined;
      if (this.snapshotWriting) return;
      this.vacuuming = this.ms
        .vacuum({ batchSize: VACUUM.batchSize, batchWait: VACUUM.batchWait })
        .catch(() => undefined)
        .then(() => {
          this.vacuuming = null;
          const changes = [...this.held];
          this.held.clear();
          for (const [id, change] of changes) {
            if (change) this.upsert(change.article, change.key);
            else this.remove(id);
          }
        });
    }, 0);
    this.vacuumTimer.unref?.();
  }

  /** Whether the change must wait for the running vacuum; if so it is held (the latest per article wins). */
  private hold(id: string, change: { article: Article; key: string } | null): boolean {
    if (!this.vacuuming) return false;
    this.held.delete(id);
    this.held.set(id, change);
    return true;
  }

  /** Ranked matches for what the user typed; `keep` drops articles the filters exclude before ranking is returned. */
  async search(query: string, keep?: (id: string) => boolean): Promise<RankedSearch> {
    // Ranking only reads the index, but the changes held during a vacuum are applied when it
    // ends (see `upsert`): waiting for it means an article saved a moment ago is found. A vacuum
    // takes about a second at 10,000 articles, and starts only after hundreds of saves.
    await this.idle();
    return rankQuery(this.ms, query, RANK_OPTIONS, keep);
  }

  /** MiniSearch's own ranking of the same query, for tests that compare it with `search`. */
  searchWithMiniSearch(
    query: string,
  ): { id: string; score: number; terms: string[]; match: Record<string, string[]> }[] {
    return this.ms
      .search(query)
      .map((r) => ({ id: r.id as string, score: r.score, terms: r.terms, match: r.match }));
  }

  private scheduleWrite(): void {
    this.dirty = true;
    if (!this.file || this.timer) return;
    this.timer = setTimeout(() => {
      this.timer = undefined;
      void this.flush().catch(() => undefined);
    }, this.delayMs);
    this.timer.unref?.();
  }

  /**
   * Writes the index now if it changed. Durable, like every other library file.
   *
   * The file is written line by line, each line built in its own turn of the event loop (at
   * 10,000 articles a `JSON.stringify` of the whole index stalled the main process for seconds).
   * Saves go on meanwhile and are indexed at once; searches do not wait. The file still holds
   * the index as it was when the write started, with the article versions it covered then: the
   * snapshot copies the small parts and leaves out postings added after it (see `snapshotIndex`),
   * and no vacuum starts until the write is done. The other designs were worse for the user:
   * holding saves until the write ends (as during a vacuum) leaves the newest text unfindable
   * for seconds or makes searches wait; abandoning the write whenever a save lands means it may
   * never finish while someone types (the editor autosaves 0.8 s after each pause in typing).
   *
   * The last flush at close is the same write: nothing needs to stop for it.
   */
  async flush(): Promise<void> {
    clearTimeout(this.timer);
    this.timer = undefined;
    if (!this.file || !this.dirty) return this.writing;
    const file = this.file;
    this.writing = this.writing
      .catch(() => undefined)
      .then(async () => {
        // A vacuum deletes postings under a running walk: the snapshot waits for it to end.
        await this.idle();
        if (!this.dirty) return;
        this.dirty = false;
        this.snapshotWriting = true;
        try {
          await writeFileDurable(file, indexFileLines(snapshotIndex(this.ms, this.covers, INDEX_VERSION)));
        } catch (e) {
          this.dirty = true;
          throw e;
        } finally {
          this.snapshotWriting = false;
          this.vacuumLater();
        }
      });
    return this.writing;
  }

  /** Stops the pending write timer (after a last flush by the caller). */
  close(): void {
    clearTimeout(this.timer);
    this.timer = undefined;
    clearTimeout(this.vacuumTimer);
    this.vacuumTimer = undefined;
  }
}

const WORD = /[\p{L}\p{N}]+/gu;

/** Splits `text` into runs, marking the words whose folded form is one of `terms`. */
export function markTerms(text: string, terms: ReadonlySet<string>): TextSegment[] {
  if (!text) return [];
  if (terms.size === 0) return [{ text, match: false }];
  const out: TextSegment[] = [];
  let last = 0;
  for (const m of text.matchAll(WORD)) {
    if (!terms.has(foldTerm(m[0]))) continue;
    if (m.index > last) out.push({ text: text.slice(last, m.index), match: false });
    out.push({ text: m[0], match: true });
    last = m.index + m[0].length;
  }
  if (last < text.length) out.push({ text: text.slice(last), match: false });
  return out;
}

/** One compiled pattern per set of terms (a search passes the same set for its page of hits). */
const asciiPatterns = new WeakMap<ReadonlySet<string>, RegExp | null>();

/** A case-insensitive pattern for whole words among `terms`, or null when one is not plain ASCII. */
function asciiPattern(terms: ReadonlySet<string>): RegExp | null {
  let pattern = asciiPatterns.get(terms);
  if (pattern === undefined) {
    const list = [...terms];
    pattern = list.every((t) => /^[a-z0-9]+$/.test(t))
      ? new RegExp(`(?<![A-Za-z0-9])(?:${list.join('|')})(?![A-Za-z0-9])`, 'i')
      : null;
    asciiPatterns.set(terms, pattern);
  }
  return pattern;
}

/**
 * Where the first word of `text` whose folded form is one of `terms` starts, or -1.
 * ASCII text (most copy) is searched natively with one case-insensitive pattern (folding ASCII
 * is lower-casing); other text word by word, folding each.
 */
function firstMatch(text: string, terms: ReadonlySet<string>): number {
  if (terms.size === 0) return -1;
  const pattern = asciiPattern(terms);
  if (pattern && ASCII.test(text)) {
    pattern.lastIndex = 0;
    return pattern.exec(text)?.index ?? -1;
  }
  for (const m of text.matchAll(WORD)) if (terms.has(foldTerm(m[0]))) return m.index;
  return -1;
}

/** Where the word `n` words before the one at `at` starts (or the first word's start). */
function wordsBack(text: string, at: number, n: number): number {
  for (let span = 512; ; span *= 2) {
    const from = Math.max(0, at - span);
    const starts = [...text.slice(from, at).matchAll(WORD)].map((m) => from + m.index);
    // A word cut by the window's edge is not counted: the window grows instead.
    if (from > 0 && starts[0] === from) starts.shift();
    if (starts.length >= n) return starts[starts.length - n]!;
    if (from === 0) return starts[0] ?? at;
  }
}

/**
 * A passage of about `words` words around the first matched word of `text` (or its start),
 * with the matched words marked, and "…" where it was cut. Reads only as far as the passage
 * ends: a 5,000-word body is not split into words to show thirty of them.
 */
export function snippet(text: string, terms: ReadonlySet<string>, words = 30): TextSegment[] {
  const before = Math.floor(words / 3);
  const at = firstMatch(text, terms);
  const start = at < 0 ? 0 : wordsBack(text, at, before);
  // The passage runs from `start` to just before the word `words` words on.
  const word = new RegExp(WORD.source, 'gu');
  word.lastIndex = start;
  let index = 0;
  let end = text.length;
  let more = false;
  let m: RegExpExecArray | null;
  while ((m = word.exec(text))) {
    if (index === words) {
      end = m.index;
      more = true;
      break;
    }
    index++;
  }
  const passage = text.slice(start, end).replace(/\s+/g, ' ').trim();
  if (!passage) return [];
  const segments = markTerms(passage, terms);
  if (start > 0 && text.slice(0, start).trim()) segments.unshift({ text: '…', match: false });
  if (more) segments.push({ text: '…', match: false });
  return segments;
}
