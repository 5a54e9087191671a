import { readFile } from 'node:fs/promises';
import MiniSearch, { type Options, type SearchResult as MiniSearchResult } from 'minisearch';
import type { Article } from '../shared/article';
import type { TextSegment } from '../shared/libraryTypes';
import { bodyText } from '../shared/text';
import { writeFileDurable } from './durableFile';

export const SEARCH_INDEX_FILE = 'search-index.json';

/** Bump when the fields, tokenising or term processing change: an index built otherwise is rebuilt. */
const INDEX_VERSION = 1;

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

const MINISEARCH_OPTIONS: Options<SearchDoc> = {
  idField: 'id',
  fields: [...FIELDS],
  storeFields: [],
  processTerm: (term) => foldTerm(term) || null,
  searchOptions: {
    boost: { headline: 3, contentHighlight: 2, byline: 2, dateline: 1.5 },
    // The last word typed is also a prefix ("flood" finds "flooding": the user may still be
    // typing it), and words of five letters or more forgive one typo ("councl" finds "council").
    // Prefixes and typos on every word would multiply the terms each query expands to.
    prefix: (term, i, terms) => i === terms.length - 1 && term.length >= 2,
    fuzzy: (term) => (term.length >= 5 ? 0.2 : false),
    maxFuzzy: 1,
    combineWith: 'AND',
  },
  // Vacuuming is started by SearchIndex itself (see `vacuumLater`), never from inside a change.
  autoVacuum: false,
};

/** Vacuuming after discards: in the background in small batches, once enough has piled up. */
const VACUUM = { batchSize: 1000, batchWait: 20, minDirtCount: 200, minDirtFactor: 0.1 };

/** One ranked match from the index. */
export interface IndexHit {
  id: string;
  score: number;
}

/** Which words of an article a query matched, for highlighting. */
export interface HitDetails {
  /** The article's words that matched (folded), e.g. "flooding" for the query "flood". */
  terms: string[];
  /** The query's words that found the article. */
  queryTerms: string[];
  /** For each matched word, the fields it was found in. */
  match: Record<string, string[]>;
}

/** The ranked hits of a query, and the matched words of any of them (asked for the page shown only). */
export interface RankedSearch {
  hits: IndexHit[];
  details(id: string): HitDetails;
}

interface PersistedIndex {
  format: 'copydesk-search-index';
  formatVersion: number;
  /** For each article indexed: the `rev:size:mtime` key of the file version the index holds. */
  covers: Record<string, string>;
  index: unknown;
}

/** What opening the index did, for logs and the benchmark. */
export interface SearchIndexOpenStats {
  loadedFromDisk: boolean;
  added: number;
  updated: number;
  removed: number;
}

/**
 * The full-text index of a library (MiniSearch), kept up to date one article at a time
 * (`replace`/`discard`, never a rebuild) and persisted to `search-index.json` with the version
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

  private constructor(
    private readonly ms: MiniSearch<SearchDoc>,
    private readonly covers: Map<string, string>,
    private readonly file: string | null,
    private readonly delayMs: number,
  ) {}

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
        const persisted = JSON.parse(await readFile(file, 'utf8')) as PersistedIndex;
        if (persisted.format === 'copydesk-search-index' && persisted.formatVersion === INDEX_VERSION) {
          ms = await MiniSearch.loadJSAsync(
            persisted.index as Parameters<typeof MiniSearch.loadJS>[0],
            MINISEARCH_OPTIONS,
          );
          covers = new Map(Object.entries(persisted.covers));
        }
      } catch {
        // Missing or unreadable: it is only a cache of the article files, rebuilt below.
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
   * rejection). A search changes the index too (it drops the entries of discarded versions it
   * meets), so searches wait for the vacuum as well (see `search`). MiniSearch's own auto-vacuum
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

  /** Starts a vacuum on a later turn of the event loop once enough discarded entries piled up. */
  private vacuumLater(): void {
    if (this.vacuumTimer || this.vacuuming) return;
    if (this.ms.dirtCount < VACUUM.minDirtCount || this.ms.dirtFactor < VACUUM.minDirtFactor) return;
    this.vacuumTimer = setTimeout(() => {
      this.vacuumTimer = undefined;
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
    // Not under a vacuum's walk (see `upsert`): a running one takes about a second at 10,000
    // articles, and starts only after hundreds of saves.
    await this.idle();
    const results: MiniSearchResult[] = this.ms.search(
      query,
      keep ? { filter: (r) => keep(r.id as string) } : undefined,
    );
    const byId = new Map<string, MiniSearchResult>();
    const hits = results.map((r) => {
      byId.set(r.id as string, r);
      return { id: r.id as string, score: r.score };
    });
    return {
      hits,
      details: (id) => {
        const r = byId.get(id);
        return r
          ? { terms: r.terms, queryTerms: r.queryTerms, match: r.match }
          : { terms: [], queryTerms: [], match: {} };
      },
    };
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

  /** Writes the index now if it changed. Durable, like every other library file. */
  async flush(): Promise<void> {
    clearTimeout(this.timer);
    this.timer = undefined;
    if (!this.file || !this.dirty) return this.writing;
    const file = this.file;
    this.writing = this.writing
      .catch(() => undefined)
      .then(async () => {
        if (!this.dirty) return;
        this.dirty = false;
        const persisted: PersistedIndex = {
          format: 'copydesk-search-index',
          formatVersion: INDEX_VERSION,
          covers: Object.fromEntries(this.covers),
          index: this.ms,
        };
        try {
          await writeFileDurable(file, JSON.stringify(persisted));
        } catch (e) {
          this.dirty = true;
          throw e;
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

/**
 * A passage of about `words` words around the first matched word of `text` (or its start),
 * with the matched words marked, and "…" where it was cut. Reads only as far as the passage
 * ends: a 5,000-word body is not split into words to show thirty of them.
 */
export function snippet(text: string, terms: ReadonlySet<string>, words = 30): TextSegment[] {
  const before = Math.floor(words / 3);
  const word = new RegExp(WORD.source, 'gu');
  // The starts of the last `before + 1` words seen, so the passage can begin a few words back.
  const recent: number[] = [];
  let first = -1;
  let count = 0;
  let m: RegExpExecArray | null;
  while ((m = word.exec(text))) {
    recent.push(m.index);
    if (recent.length > before + 1) recent.shift();
    count++;
    if (terms.size > 0 && terms.has(foldTerm(m[0]))) {
      first = count - 1;
      break;
    }
  }
  let startToken: number;
  let start: number;
  if (first < 0) {
    startToken = 0;
    start = 0;
  } else {
    startToken = Math.max(0, first - before);
    start = startToken === 0 ? 0 : recent[recent.length - 1 - (first - startToken)]!;
  }
  if (first < 0) word.lastIndex = 0;
  else word.lastIndex = start;
  // Find where word number startToken + words begins (the passage ends just before it).
  let index = startToken;
  let end = text.length;
  let more = false;
  while ((m = word.exec(text))) {
    if (index === startToken + words) {
      end = m.index;
      more = true;
      break;
    }
    index++;
  }
  const passage = text.slice(start, end).replace(/\s+/g, ' ').trim();
  if (!passage) return [];
  const segments = markTerms(passage, terms);
  if (start > 0) segments.unshift({ text: '…', match: false });
  if (more) segments.push({ text: '…', match: false });
  return segments;
}
