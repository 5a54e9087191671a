import { randomUUID } from 'node:crypto';
import { readFileSync, statSync } from 'node:fs';
import { mkdir, readdir, readFile, rename, stat, unlink, utimes } from 'node:fs/promises';
import { join, relative } from 'node:path';
import { Low } from 'lowdb';
import { z } from 'zod';
import {
  ARTICLE_SCHEMA_VERSION,
  ArticleContentSchema,
  ArticleSummarySchema,
  DESK_STATUS_LABELS,
  emptyBody,
  type Article,
  type ArticleContent,
  type ArticleSummary,
  type DeskStatus,
  type Person,
  type StatusChange,
} from '../shared/article';
import {
  DEFAULT_LIBRARY_SETTINGS,
  LibrarySettingsSchema,
  type DamagedFile,
  type LibraryInfo,
  type LibrarySettings,
  type SaveReason,
  type SaveResult,
} from '../shared/contract';
import { CopydeskError } from '../shared/errors';
import type {
  ArticleChangedOnDisk,
  RestorableRevision,
  RevisionDiff,
  RevisionInfo,
  RevisionReason,
  SearchArticlesInput,
  SearchFilters,
  SearchHit,
  SearchResult,
  SyncConflictFile,
  TrashedArticle,
} from '../shared/libraryTypes';
import { bodyText, countWords } from '../shared/text';
import { parseArticle, serialiseArticle } from './articleFile';
import {
  DurableJSONFile,
  UnreadableFileError,
  fsyncDir,
  isTempFileName,
  parseJsonFile,
  toIoError,
  writeFileDurable,
} from './durableFile';
import { LibraryLock, type LockOwner } from './lock';
import { diffArticles } from './revisionDiff';
import { RevisionStore, summariseChange, type RetentionPolicy } from './revisions';
import {
  OLD_SEARCH_INDEX_FILE,
  SEARCH_INDEX_FILE,
  SearchIndex,
  foldTerm,
  markTerms,
  snippet,
  type IndexHit,
  type RankedSearch,
  type SearchIndexOpenStats,
} from './searchIndex';

export const LIBRARY_FILE = 'library.json';
export const ARTICLES_DIR = 'articles';
export const TRASH_DIR = 'trash';
export const DAMAGED_DIR = 'damaged';

/** One row of the index: the list summary plus what tells us whether the file changed. */
const IndexEntrySchema = ArticleSummarySchema.extend({
  rev: z.number().int().nonnegative(),
  language: z.string(),
  mtimeMs: z.number(),
  size: z.number().int().nonnegative(),
});

const LibraryFileSchema = z.object({
  format: z.literal('copydesk-library'),
  formatVersion: z.literal(1),
  // Settings added by later versions take their defaults when an older library file is read;
  // the settings it does hold are kept as they are (an invalid one still fails the read).
  settings: z.preprocess(
    (s) => (s && typeof s === 'object' && !Array.isArray(s) ? { ...DEFAULT_LIBRARY_SETTINGS, ...s } : s),
    LibrarySettingsSchema,
  ),
  index: z.record(z.string(), IndexEntrySchema),
  damaged: z.array(
    z.object({ id: z.string().nullable(), keptAs: z.string(), reason: z.string(), detectedAt: z.string() }),
  ),
});
type LibraryFile = z.infer<typeof LibraryFileSchema>;

/** The fields of an article its content is made of (what a save sends). */
const CONTENT_KEYS = ArticleContentSchema.keyof().options;

export interface OpenLibraryOptions {
  /**
   * Who writes: the app or a CLI command. `null` opens the library read-only: nothing is
   * moved, written or locked (for `list`, `show`, `export`).
   */
  owner: LockOwner | null;
  /** Create the folder and an empty library if there is none. Default false. */
  create?: boolean;
  /** Content of the article a brand-new library starts with. */
  seed?: () => ArticleContent;
  /** How long after a change the index is written (ms). Saves never wait for it. */
  indexDelayMs?: number;
  /**
   * Load the search index in the background as soon as the library is open (`eager`, the
   * default for the app) or at the first search (`lazy`, the default for CLI commands).
   */
  search?: 'eager' | 'lazy';
  /** How long after a change the search index file is written (ms). Default 15 s; always at close. */
  searchIndexDelayMs?: number;
  /** Where background failures (a revision that could not be written) are logged. */
  log?: (message: string, error: unknown) => void;
  /**
   * When to check the index against the article files. `before-ready` (the default, for CLI
   * commands and tests) checks before `open` resolves. `background` (the app) shows the list
   * from the index at once and checks the files right after: writes wait for the check, and
   * `onReconciled` says whether it found anything the list must show.
   */
  reconcile?: 'before-ready' | 'background';
  onReconciled?: (changed: boolean) => void;
}

/** Index entry fields that tell which version of an article file the search index holds. */
function fileKey(e: { rev: number; size: number; mtimeMs: number }): string {
  return `${e.rev}:${e.size}:${e.mtimeMs}`;
}

/** Trash files: `<id>.json`, or `<id>.<ms>.json` when an article with that id was trashed before. */
const TRASH_FILE = /^([a-z0-9][a-z0-9-]{2,63})(?:\.(\d+))?\.json$/;

/**
 * Sync tools' own conflict files: Dropbox's `name (Jo's conflicted copy 2025-03-01).json` and
 * `name (Case Conflict).json`, Syncthing's `name.sync-conflict-20250301-104200-ABCDEFG.json`.
 */
export function detectSyncConflict(name: string): Pick<SyncConflictFile, 'articleId' | 'tool'> | null {
  let tool: SyncConflictFile['tool'] | null = null;
  if (/\(.*conflicted copy.*\)/i.test(name)) tool = 'dropbox';
  else if (/\.sync-conflict-/i.test(name)) tool = 'syncthing';
  else if (/\(case conflict( \d+)?\)/i.test(name)) tool = 'case-conflict';
  else if (/conflict/i.test(name) && /\.json$/i.test(name)) tool = 'other';
  if (!tool) return null;
  const id = /^([a-z0-9][a-z0-9-]{2,63})[\s.(]/.exec(name)?.[1] ?? null;
  return { tool, articleId: id };
}

const ARTICLE_FILE = /^([a-z0-9][a-z0-9-]{2,63})\.json$/;

/**
 * A library folder: one lowdb JSON file per article under `articles/`, and `library.json`
 * holding settings and an index that lists thousands of articles without opening them.
 *
 * The article files are the truth; the index is a cache checked against each file's size and
 * time at open, so a crash between an article write and an index write loses nothing, and
 * files changed by a sync tool or the CLI are picked up. Saving an article writes only that
 * article's file; the index is written a moment later, off the save path.
 */
/** Who changes a status and why; `override` when publishing skips a failed readiness check. */
export interface SetStatusOptions {
  baseRev?: number;
  by?: Person;
  message?: string;
  override?: StatusChange['override'];
}

export class LibraryStore {
  private readonly queues = new Map<string, Promise<unknown>>();
  /** Settles when the start-up check of the index against the files is done. */
  private ready: Promise<unknown> = Promise.resolve();
  private indexTimer: NodeJS.Timeout | undefined;
  private indexWrite: Promise<void> = Promise.resolve();
  private closed = false;
  /** Whether opening found anything to correct in library.json (so it must be written). */
  private loadChanged = false;
  private trashCount = 0;
  private newerVersion: string[] = [];
  private readonly searchText = new Map<string, string>();
  private conflicts: SyncConflictFile[] = [];
  /** The newest good revision of each damaged article, by the damaged file's `keptAs`. */
  private readonly restorable = new Map<string, RestorableRevision>();
  /** Articles whose last revision could not be written: the next save records one whatever its reason. */
  private readonly revisionOwed = new Set<string>();
  private readonly statusHistoryCache = new Map<
    string,
    { rev: number; history: StatusChange[] | undefined }
  >();
  private readonly background = new Set<Promise<unknown>>();
  readonly revisions: RevisionStore;

  private searchIndex: SearchIndex | null = null;
  private searchLoading: Promise<SearchIndex> | null = null;
  private searchApplyScheduled = false;
  private searchWanted = false;
  /** Index changes made before the search index finished loading; applied once it has. */
  private readonly pendingSearch = new Map<string, { article: Article; key: string } | null>();
  /** What the last search index load did (for logs and the benchmark). */
  searchOpenStats: SearchIndexOpenStats | null = null;
  /** Body text of recently shown search hits, for snippets without re-reading their files. */
  private readonly snippetCache = new Map<string, { key: string; text: string }>();

  private constructor(
    readonly dir: string,
    private readonly db: Low<LibraryFile>,
    private readonly lock: LibraryLock | null,
    private readonly indexDelayMs: number,
    private readonly options: OpenLibraryOptions,
  ) {
    this.revisions = new RevisionStore(dir);
  }

  /** Opens (or with `create`, creates) the library in `dir`. */
  static async open(dir: string, options: OpenLibraryOptions): Promise<LibraryStore> {
    const writable = options.owner !== null;
    const libraryPath = join(dir, LIBRARY_FILE);
    const exists = await stat(libraryPath).then(
      () => true,
      () => false,
    );
    if (!exists) {
      const entries = await readdir(dir).catch((e: NodeJS.ErrnoException) => {
        if (e.code === 'ENOENT') return null;
        throw toIoError(e, 'read', dir);
      });
      const looksLikeLibrary = entries?.includes(ARTICLES_DIR) ?? false;
      if (!looksLikeLibrary && !options.create) {
        throw new CopydeskError(
          'not-found',
          `There is no Copydesk library in ${dir}. Choose a library folder, or create a new one.`,
        );
      }
      if (!looksLikeLibrary && entries && entries.filter((n) => !n.startsWith('.')).length > 0) {
        throw new CopydeskError(
          'invalid-input',
          `${dir} already holds other files. Choose an empty folder for a new library, or an existing Copydesk library.`,
        );
      }
      if (!writable) {
        throw new CopydeskError('not-found', `There is no Copydesk library in ${dir} yet.`);
      }
    }
    if (writable) {
      for (const sub of [ARTICLES_DIR, TRASH_DIR, DAMAGED_DIR]) {
        await mkdir(join(dir, sub), { recursive: true }).catch((e) => {
          throw toIoError(e, 'save', join(dir, sub));
        });
      }
    }
    const lock = options.owner ? await LibraryLock.acquire(dir, options.owner) : null;
    try {
      const adapter = new DurableJSONFile(libraryPath, (json) => LibraryFileSchema.parse(json));
      const db = new Low<LibraryFile>(adapter, {
        format: 'copydesk-library',
        formatVersion: 1,
        settings: { ...DEFAULT_LIBRARY_SETTINGS },
        index: {},
        damaged: [],
      });
      const store = new LibraryStore(dir, db, lock, options.indexDelayMs ?? 1000, options);
      store.searchWanted = (options.search ?? (options.owner === 'app' ? 'eager' : 'lazy')) === 'eager';
      await store.readIndex(writable);
      const finish = async (): Promise<boolean> => {
        await store.reconcileFiles(writable);
        // Rewriting an unchanged index at every start would cost a 10,000-article library
        // hundreds of milliseconds before the list shows.
        const changed = store.loadChanged;
        if (writable && (changed || !exists)) await store.flush();
        await store.findRestorable();
        return changed;
      };
      if (options.reconcile === 'background' && exists) {
        store.ready = finish().then(
          (changed) => options.onReconciled?.(changed),
          (e) => options.log?.('checking the library files failed', e),
        );
        store.track(store.ready);
      } else {
        await finish();
      }
      if (!exists && writable && options.seed && Object.keys(db.data.index).length === 0) {
        await store.create(options.seed());
        await store.flush();
      }
      if (store.searchWanted) {
        store.track(store.searchReady().catch((e) => options.log?.('search index could not be loaded', e)));
      }
      return store;
    } catch (e) {
      await lock?.release();
      throw e;
    }
  }

  /** Reads the index (a cache of the article files); an unreadable one is kept aside and rebuilt. */
  private async readIndex(writable: boolean): Promise<void> {
    const libraryPath = join(this.dir, LIBRARY_FILE);
    try {
      await this.db.read();
    } catch (e) {
      if (!(e instanceof UnreadableFileError)) throw e;
      // The index is only a cache of the article files, so it is rebuilt; the unreadable file
      // is kept, because it also held the library's settings.
      const keptAs = writable ? await this.keepAside(libraryPath, null) : LIBRARY_FILE;
      this.loadChanged = true;
      this.db.data.damaged.push({
        id: null,
        keptAs,
        reason: `The library index could not be read (${e.reason}). The article list was rebuilt from the article files; the library settings are back to their defaults until you copy them from the kept file.`,
        detectedAt: new Date().toISOString(),
      });
    }
  }

  /** Checks the index against the article files, reads what changed, and keeps aside what cannot be read. */
  private async reconcileFiles(writable: boolean): Promise<void> {
    const articlesDir = join(this.dir, ARTICLES_DIR);
    const names = await readdir(articlesDir).catch((e: NodeJS.ErrnoException) => {
      if (e.code === 'ENOENT') return [] as string[];
      throw toIoError(e, 'read', articlesDir);
    });
    const index = this.db.data.index;
    const seen = new Set<string>();
    const toRead: string[] = [];
    const stats = await mapLimit(names, 64, async (name) => {
      if (isTempFileName(name)) {
        // A temp file is what a write interrupted before its rename leaves behind; the
        // article file itself still holds the previous save.
        if (writable) await unlink(join(articlesDir, name)).catch(() => undefined);
        return null;
      }
      const match = ARTICLE_FILE.exec(name);
      if (!match) {
        const conflict = detectSyncConflict(name);
        if (conflict)
          this.conflicts.push({
            file: `${ARTICLES_DIR}/${name}`,
            ...conflict,
            detectedAt: new Date().toISOString(),
          });
        return null;
      }
      // A synchronous stat is several times faster than the thread-pool round trip for
      // thousands of small files; mapLimit still yields between batches.
      const st = statSync(join(articlesDir, name), { throwIfNoEntry: false });
      return st?.isFile() ? { id: match[1]!, mtimeMs: st.mtimeMs, size: st.size } : null;
    });
    for (const s of stats) {
      if (!s) continue;
      seen.add(s.id);
      const entry = index[s.id];
      if (!entry || entry.mtimeMs !== s.mtimeMs || entry.size !== s.size) toRead.push(s.id);
    }
    for (const id of Object.keys(index)) {
      if (!seen.has(id)) {
        delete index[id];
        this.loadChanged = true;
      }
    }
    if (toRead.length > 0) this.loadChanged = true;

    await mapLimit(toRead, 16, async (id) => {
      const path = this.articlePath(id);
      try {
        const bytes = await readFile(path);
        const st = await stat(path);
        const article = parseJsonFile(path, bytes, parseArticle);
        this.setEntry(article, { mtimeMs: st.mtimeMs, size: st.size });
      } catch (e) {
        delete index[id];
        if (e instanceof CopydeskError && e.code === 'newer-version') {
          this.newerVersion.push(relative(this.dir, path));
        } else if (e instanceof UnreadableFileError) {
          const keptAs = writable ? await this.keepAside(path, id) : relative(this.dir, path);
          this.db.data.damaged.push({
            id,
            keptAs,
            reason: `The article file could not be read: ${e.reason}. Its bytes were kept aside unchanged.`,
            detectedAt: new Date().toISOString(),
          });
        } else {
          throw e;
        }
      }
    });

    const trash = await readdir(join(this.dir, TRASH_DIR)).catch(() => [] as string[]);
    this.trashCount = trash.filter((n) => TRASH_FILE.test(n)).length;
  }

  /** Finds, for each damaged article, the newest revision that can still be read. */
  private async findRestorable(): Promise<void> {
    for (const d of this.db.data.damaged) {
      if (!d.id || this.restorable.has(d.keptAs)) continue;
      const good = await this.revisions.newestGood(d.id).catch(() => null);
      if (good) {
        this.restorable.set(d.keptAs, {
          revisionId: good.info.revisionId,
          savedAt: good.info.savedAt,
          wordCount: good.info.wordCount,
          headline: good.info.headline,
        });
      }
    }
  }

  /** Keeps a background task's promise so `close` can wait for it. */
  private track(p: Promise<unknown>): void {
    const settled = p.catch(() => undefined);
    this.background.add(settled);
    void settled.then(() => this.background.delete(settled));
  }

  /** Moves an unreadable file into `damaged/` under a name that says so; returns its relative path. */
  private async keepAside(path: string, id: string | null): Promise<string> {
    const stamp = new Date().toISOString().replace(/[:.]/g, '-');
    const base = id ?? 'library';
    const target = join(this.dir, DAMAGED_DIR, `${base}.damaged-${stamp}.json`);
    await mkdir(join(this.dir, DAMAGED_DIR), { recursive: true });
    await rename(path, target).catch((e) => {
      throw toIoError(e, 'move', path);
    });
    await fsyncDir(join(this.dir, DAMAGED_DIR)).catch(() => undefined);
    return relative(this.dir, target);
  }

  private articlePath(id: string): string {
    return join(this.dir, ARTICLES_DIR, `${id}.json`);
  }

  private setEntry(article: Article, file: { mtimeMs: number; size: number }): void {
    this.rememberStatusHistory(article);
    const { body, schemaVersion: _v, ...fields } = article;
    this.db.data.index[article.id] = {
      id: fields.id,
      headline: fields.headline,
      byline: fields.byline,
      dateline: fields.dateline,
      contentHighlight: fields.contentHighlight,
      status: fields.status,
      section: fields.section,
      tags: fields.tags,
      createdAt: fields.createdAt,
      updatedAt: fields.updatedAt,
      rev: fields.rev,
      language: fields.language,
      wordCount: countWords(bodyText(body)),
      mtimeMs: file.mtimeMs,
      size: file.size,
    };
    this.searchText.delete(article.id);
    this.queueSearchChange(article.id, { article, key: fileKey(this.db.data.index[article.id]!) });
  }

  private removeEntry(id: string): void {
    delete this.db.data.index[id];
    this.searchText.delete(id);
    this.snippetCache.delete(id);
    this.queueSearchChange(id, null);
  }

  /**
   * Search index changes wait for the next turn of the event loop, or the next search, whichever
   * comes first: re-indexing an 800-word article costs a few milliseconds that a save would
   * otherwise spend before it is acknowledged (7 ms at 10,000 articles), while nothing can search
   * in between. Before the index has loaded, changes wait for it (see searchReady).
   */
  private queueSearchChange(id: string, change: { article: Article; key: string } | null): void {
    if (!this.searchIndex && !this.searchWanted) return;
    this.pendingSearch.set(id, change);
    if (!this.searchIndex || this.searchApplyScheduled) return;
    this.searchApplyScheduled = true;
    setImmediate(() => {
      this.searchApplyScheduled = false;
      this.applySearchChanges();
    });
  }

  /** Brings the loaded search index up to date with the changes queued for it. */
  private applySearchChanges(): void {
    const index = this.searchIndex;
    if (!index) return;
    for (const [id, change] of this.pendingSearch) {
      if (change === null) index.remove(id);
      else if (index.covered(id) !== change.key) index.upsert(change.article, change.key);
    }
    this.pendingSearch.clear();
  }

  /** Runs `task` after every earlier task for the same article: one write at a time per file. */
  private serial<T>(id: string, task: () => Promise<T>): Promise<T> {
    // Writes wait for the start-up check of the files, so none is based on a stale index entry.
    const previous = this.queues.get(id) ?? this.ready;
    const next = previous.then(task, task);
    const settled = next.catch(() => undefined);
    this.queues.set(id, settled);
    void settled.then(() => {
      if (this.queues.get(id) === settled) this.queues.delete(id);
    });
    return next;
  }

  private assertWritable(): void {
    if (!this.lock) {
      throw new CopydeskError('locked', 'This library was opened read-only. Nothing was changed.');
    }
    if (this.closed) throw new CopydeskError('internal', 'This library has been closed.');
  }

  info(): LibraryInfo {
    return {
      path: this.dir,
      articleCount: Object.keys(this.db.data.index).length,
      trashCount: this.trashCount,
      damaged: this.db.data.damaged.map((d) => {
        const restorable = this.restorable.get(d.keptAs);
        return restorable ? { ...d, restorableRevision: restorable } : { ...d };
      }),
      newerVersion: [...this.newerVersion],
      conflicts: [...this.conflicts],
      settings: { ...this.db.data.settings },
    };
  }

  get settings(): LibrarySettings {
    return { ...this.db.data.settings };
  }

  private retention(): RetentionPolicy {
    const s = this.db.data.settings;
    return { keepAllDays: s.revisionKeepAllDays, keepDailyDays: s.revisionKeepDailyDays };
  }

  /**
   * The articles, most recently changed first. `filter` keeps those whose headline, byline,
   * dateline, Content Highlight, section or tags contain every word typed (case and accents ignored).
   */
  list(filter?: string): ArticleSummary[] {
    const entries = Object.values(this.db.data.index);
    const words = filter ? fold(filter).split(/\s+/).filter(Boolean) : [];
    const matches =
      words.length === 0
        ? entries
        : entries.filter((e) => {
            let text = this.searchText.get(e.id);
            if (text === undefined) {
              text = fold(
                [e.headline, e.byline, e.dateline, e.contentHighlight, e.section, ...e.tags].join(' '),
              );
              this.searchText.set(e.id, text);
            }
            return words.every((w) => text.includes(w));
          });
    return matches.sort(byModified).map(toSummary);
  }

  has(id: string): boolean {
    return id in this.db.data.index;
  }

  /** Reads one article from its file. Throws `not-found` or `damaged` with a message to act on. */
  async get(id: string): Promise<Article> {
    if (!this.has(id)) {
      throw new CopydeskError(
        'not-found',
        'That article is not in the library any more. It may have been moved to the trash.',
      );
    }
    const path = this.articlePath(id);
    const adapter = new DurableJSONFile(path, parseArticle);
    try {
      const article = await adapter.read();
      if (article) this.rememberStatusHistory(article);
      if (!article) {
        this.removeEntry(id);
        this.scheduleIndexWrite();
        throw new CopydeskError(
          'not-found',
          'That article’s file has gone from the library folder. It may have been moved or deleted outside Copydesk.',
        );
      }
      return article;
    } catch (e) {
      if (e instanceof UnreadableFileError) {
        throw new CopydeskError(
          'damaged',
          `This article’s file cannot be read (${e.reason}). It was not changed. Restart Copydesk to keep it aside and see your options.`,
          { detail: e.message },
        );
      }
      throw e;
    }
  }

  /**
   * Creates an article (empty, or from an import) and writes it. With `revisionReason` the new
   * article's first revision is recorded too (imports, duplicates, conflict copies).
   */
  async create(
    content: Partial<ArticleContent> = {},
    options: { revisionReason?: RevisionReason; summaryPrefix?: string; status?: DeskStatus } = {},
  ): Promise<Article> {
    this.assertWritable();
    const now = new Date().toISOString();
    const parsed = ArticleContentSchema.partial().parse(content);
    const article = parseArticle({
      schemaVersion: ARTICLE_SCHEMA_VERSION,
      id: randomUUID(),
      headline: parsed.headline ?? '',
      contentHighlight: parsed.contentHighlight ?? '',
      byline: parsed.byline ?? '',
      dateline: parsed.dateline ?? '',
      body: parsed.body ?? emptyBody(),
      status: options.status ?? 'draft',
      section: parsed.section ?? '',
      tags: parsed.tags ?? [],
      ...(parsed.related?.length ? { related: parsed.related } : {}),
      ...(parsed.comments?.length ? { comments: parsed.comments } : {}),
      ...(parsed.fieldSuggestions?.length ? { fieldSuggestions: parsed.fieldSuggestions } : {}),
      language: 'en-GB',
      createdAt: now,
      updatedAt: now,
      rev: 1,
    });
    await this.serial(article.id, async () => {
      const written = await writeFileDurable(this.articlePath(article.id), serialiseArticle(article));
      this.setEntry(article, written);
      if (options.revisionReason) {
        await this.recordRevision(article, options.revisionReason, { summaryPrefix: options.summaryPrefix });
      }
    });
    this.scheduleIndexWrite();
    return article;
  }

  /**
   * Saves the user's content over the article, if nobody else saved it since `baseRev`.
   * Only this article's file is written; it is on disk (fsynced) when the promise resolves.
   * `reason` decides whether the save also becomes a revision: explicit saves, switching away
   * and closing always do (when something changed), autosaves at most every 10 minutes.
   */
  async save(
    id: string,
    content: ArticleContent,
    baseRev: number,
    reason: SaveReason = 'autosave',
  ): Promise<SaveResult> {
    this.assertWritable();
    return this.serial(id, async () => {
      const entry = this.requireEntry(id, 'saved');
      if (entry.rev !== baseRev) {
        throw new CopydeskError(
          'conflict',
          'This article was saved from somewhere else since you opened it. Your text is still here: copy it somewhere safe, then reopen the article.',
          { detail: `stored rev ${entry.rev}, editor based on ${baseRev}` },
        );
      }
      // Not parsed here on its own: writeVersion validates the whole article once, content included.
      const article = await this.writeVersion(
        entry,
        content,
        entry.status,
        await this.carriedStatusHistory(entry),
      );
      await this.recordRevision(article, reason);
      return { rev: article.rev, updatedAt: article.updatedAt };
    });
  }

  /**
   * Changes an article's desk status and records who, when, from, to and why in its status
   * history; the change is a revision. `baseRev`, when given, must be current. Whether the
   * article may be published is decided by the caller (the readiness check lives in services).
   */
  async setStatus(
    id: string,
    status: DeskStatus,
    baseRevOrOptions?: number | SetStatusOptions,
  ): Promise<SaveResult> {
    const options: SetStatusOptions =
      typeof baseRevOrOptions === 'number' ? { baseRev: baseRevOrOptions } : (baseRevOrOptions ?? {});
    const { baseRev } = options;
    this.assertWritable();
    return this.serial(id, async () => {
      const entry = this.requireEntry(id, 'changed');
      if (baseRev !== undefined && entry.rev !== baseRev) {
        throw new CopydeskError(
          'conflict',
          'This article was saved from somewhere else since you opened it. Reopen it and change the status again.',
        );
      }
      const current = await this.get(id);
      if (current.status === status) return { rev: current.rev, updatedAt: current.updatedAt };
      const change: StatusChange = {
        at: new Date().toISOString(),
        by: options.by ?? { name: this.db.data.settings.authorName },
        from: current.status,
        to: status,
        ...(options.message?.trim() && { message: options.message.trim().slice(0, 2000) }),
        ...(options.override && { override: options.override }),
      };
      const history = [...(current.statusHistory ?? []), change].slice(-5000);
      const article = await this.writeVersion(entry, contentOf(current), status, history);
      // With no revision before it, the summary could not tell the status changed: say it.
      const firstRevision = (await this.revisions.ids(id)).length === 0;
      await this.recordRevision(article, 'status', {
        summaryPrefix: firstRevision
          ? `status ${DESK_STATUS_LABELS[current.status]} → ${DESK_STATUS_LABELS[status]}`
          : undefined,
      });
      return { rev: article.rev, updatedAt: article.updatedAt };
    });
  }

  /**
   * The status history a save must carry over (a save sends content only). Cached per article
   * and revision number, so an autosave does not read the file back; a change from outside
   * bumps the revision number and the cache misses.
   */
  private async carriedStatusHistory(entry: IndexEntry): Promise<StatusChange[] | undefined> {
    const cached = this.statusHistoryCache.get(entry.id);
    if (cached && cached.rev === entry.rev) return cached.history;
    // Read without get()'s side effects: a missing file here is the save's own error to report.
    const article = await new DurableJSONFile(this.articlePath(entry.id), parseArticle)
      .read()
      .catch(() => null);
    return article?.statusHistory;
  }

  private rememberStatusHistory(article: Article): void {
    const cache = this.statusHistoryCache;
    cache.delete(article.id);
    cache.set(article.id, { rev: article.rev, history: article.statusHistory });
    if (cache.size > 500) cache.delete(cache.keys().next().value as string);
  }

  private requireEntry(id: string, verb: string): IndexEntry {
    const entry = this.db.data.index[id];
    if (!entry) {
      throw new CopydeskError(
        'not-found',
        `That article is no longer in the library (it may have been moved to the trash), so it could not be ${verb}. Copy your text into a new article.`,
      );
    }
    return entry;
  }

  /** Writes `content` as the next version of the article behind `entry`. Call inside `serial(id)`. */
  private async writeVersion(
    entry: IndexEntry,
    content: ArticleContent,
    status: DeskStatus,
    statusHistory: StatusChange[] | undefined,
  ): Promise<Article> {
    // Only the content's own fields are taken from `content` (it may come straight from a caller),
    // and the one validation of the whole article covers them: a save used to validate the body
    // twice, once as content and again as part of the article.
    const fields: Record<string, unknown> = {};
    for (const key of CONTENT_KEYS) if (key in content) fields[key] = content[key];
    const article = parseArticle({
      schemaVersion: ARTICLE_SCHEMA_VERSION,
      id: entry.id,
      ...fields,
      status,
      ...(statusHistory?.length && { statusHistory }),
      language: entry.language,
      createdAt: entry.createdAt,
      updatedAt: laterThan(entry.updatedAt),
      rev: entry.rev + 1,
    });
    const written = await writeFileDurable(this.articlePath(entry.id), serialiseArticle(article));
    this.setEntry(article, written);
    this.scheduleIndexWrite();
    return article;
  }

  /**
   * Records a revision when `reason` calls for one. The article itself is already saved, so a
   * revision that cannot be written does not fail the save: it is owed, and the next save of
   * the article records one whatever its reason.
   */
  private async recordRevision(
    article: Article,
    reason: RevisionReason,
    options: { force?: boolean; summaryPrefix?: string; author?: string } = {},
  ): Promise<RevisionInfo | null> {
    const owed = this.revisionOwed.has(article.id);
    try {
      if (!owed && !(await this.revisions.wants(article.id, reason))) return null;
      const author = options.author ?? this.db.data.settings.authorName;
      const info = await this.revisions.record(article, reason, author, options);
      this.revisionOwed.delete(article.id);
      if (info) this.track(this.revisions.prune(article.id, this.retention()));
      return info;
    } catch (e) {
      this.revisionOwed.add(article.id);
      this.options.log?.(`revision of ${article.id} could not be written`, e);
      return null;
    }
  }

  /** Moves an article into the library's trash folder: never erased here. Its revisions stay. */
  async trash(id: string): Promise<void> {
    this.assertWritable();
    await this.serial(id, async () => {
      if (!this.has(id)) throw new CopydeskError('not-found', 'That article is not in the library any more.');
      let target = join(this.dir, TRASH_DIR, `${id}.json`);
      if (
        await stat(target).then(
          () => true,
          () => false,
        )
      ) {
        target = join(this.dir, TRASH_DIR, `${id}.${Date.now()}.json`);
      }
      await rename(this.articlePath(id), target).catch((e) => {
        throw toIoError(e, 'move', this.articlePath(id));
      });
      // The file's time becomes the time it was trashed, which the trash list shows.
      const now = new Date();
      await utimes(target, now, now).catch(() => undefined);
      await fsyncDir(join(this.dir, TRASH_DIR));
      await fsyncDir(join(this.dir, ARTICLES_DIR));
      this.removeEntry(id);
      this.trashCount++;
    });
    this.scheduleIndexWrite();
  }

  /** The articles in the trash, most recently trashed first. */
  async listTrash(): Promise<TrashedArticle[]> {
    const folder = join(this.dir, TRASH_DIR);
    const names = await readdir(folder).catch((e: NodeJS.ErrnoException) => {
      if (e.code === 'ENOENT') return [] as string[];
      throw toIoError(e, 'read', folder);
    });
    const rows = await mapLimit(
      names.filter((n) => TRASH_FILE.test(n)),
      16,
      async (name): Promise<TrashedArticle | null> => {
        const path = join(folder, name);
        const st = await stat(path).catch(() => null);
        if (!st?.isFile()) return null;
        const id = TRASH_FILE.exec(name)![1]!;
        const row: TrashedArticle = {
          trashId: name.slice(0, -'.json'.length),
          id,
          headline: '',
          byline: '',
          wordCount: 0,
          trashedAt: st.mtime.toISOString(),
          updatedAt: st.mtime.toISOString(),
        };
        try {
          const article = parseJsonFile(path, await readFile(path), parseArticle);
          return {
            ...row,
            headline: article.headline,
            byline: article.byline,
            wordCount: countWords(bodyText(article.body)),
            updatedAt: article.updatedAt,
          };
        } catch {
          // Still listed, so it can be seen and emptied; restoring it will say why it cannot.
          return { ...row, headline: '(this file cannot be read)' };
        }
      },
    );
    this.trashCount = rows.filter(Boolean).length;
    return rows
      .filter((r): r is TrashedArticle => r !== null)
      .sort((a, b) => b.trashedAt.localeCompare(a.trashedAt));
  }

  /**
   * Brings an article back from the trash under its own id (with its revisions), or under a
   * new id when an article with its id is in the library again.
   */
  async restoreFromTrash(trashId: string): Promise<Article> {
    this.assertWritable();
    const name = `${trashId}.json`;
    const match = TRASH_FILE.exec(name);
    if (!match) throw new CopydeskError('not-found', 'That article is not in the trash.');
    const path = join(this.dir, TRASH_DIR, name);
    let bytes: Buffer;
    try {
      bytes = await readFile(path);
    } catch (e) {
      if ((e as NodeJS.ErrnoException).code === 'ENOENT') {
        throw new CopydeskError('not-found', 'That article is not in the trash any more.');
      }
      throw toIoError(e, 'read', path);
    }
    let article: Article;
    try {
      article = parseJsonFile(path, bytes, parseArticle);
    } catch (e) {
      if (e instanceof UnreadableFileError) {
        throw new CopydeskError(
          'damaged',
          `This trashed article’s file cannot be read (${e.reason}). It stays in the trash as it is.`,
        );
      }
      throw e;
    }
    const id = article.id;
    const taken =
      this.has(id) ||
      (await stat(this.articlePath(id)).then(
        () => true,
        () => false,
      ));
    if (taken) {
      const copy = await this.create(contentOf(article), {
        revisionReason: 'restore',
        summaryPrefix: 'restored from the trash as a new article',
        status: article.status,
      });
      await unlink(path).catch(() => undefined);
      this.trashCount = Math.max(0, this.trashCount - 1);
      return copy;
    }
    await this.serial(id, async () => {
      await rename(path, this.articlePath(id)).catch((e) => {
        throw toIoError(e, 'move', path);
      });
      await fsyncDir(join(this.dir, ARTICLES_DIR));
      await fsyncDir(join(this.dir, TRASH_DIR));
      const st = await stat(this.articlePath(id));
      this.setEntry(article, { mtimeMs: st.mtimeMs, size: st.size });
      this.trashCount = Math.max(0, this.trashCount - 1);
      await this.recordRevision(article, 'restore', { summaryPrefix: 'restored from the trash' });
    });
    this.scheduleIndexWrite();
    return article;
  }

  /** Erases everything in the trash for good, with the revisions of the articles erased. */
  async emptyTrash(): Promise<{ removed: number }> {
    this.assertWritable();
    const folder = join(this.dir, TRASH_DIR);
    const names = (await readdir(folder).catch(() => [] as string[])).filter((n) => TRASH_FILE.test(n));
    const ids = new Set<string>();
    for (const name of names) {
      await unlink(join(folder, name)).catch((e: NodeJS.ErrnoException) => {
        if (e.code !== 'ENOENT') throw toIoError(e, 'save', join(folder, name));
      });
      ids.add(TRASH_FILE.exec(name)![1]!);
    }
    await fsyncDir(folder).catch(() => undefined);
    for (const id of ids) if (!this.has(id)) await this.revisions.removeAll(id);
    this.trashCount = 0;
    return { removed: names.length };
  }

  /** A copy of an article under a new id with a "Copy of" headline; its history starts anew. */
  async duplicate(id: string): Promise<Article> {
    this.assertWritable();
    const source = await this.get(id);
    const headline = `Copy of ${source.headline}`.slice(0, 2000);
    return this.create(
      { ...contentOf(source), headline },
      { revisionReason: 'duplicate', summaryPrefix: `duplicated from “${source.headline}”` },
    );
  }

  /**
   * Keeps both versions after a save conflict. `keep: 'mine'` (default) saves the user's
   * content as a new article "… (conflict copy)" and leaves the stored one as it is;
   * `keep: 'theirs'` copies the stored (outside) version to the conflict copy and saves the
   * user's content over the article. Nothing is overwritten without a copy.
   */
  async saveConflictCopy(
    id: string,
    content: ArticleContent,
    keep: 'mine' | 'theirs' = 'mine',
  ): Promise<{ article: Article; copy: Article }> {
    this.assertWritable();
    const mine = ArticleContentSchema.parse(content);
    if (keep === 'mine') {
      const copy = await this.create(
        { ...mine, headline: conflictHeadline(mine.headline) },
        {
          revisionReason: 'conflict-copy',
          summaryPrefix: 'your version, kept when the article changed elsewhere',
        },
      );
      return { article: await this.get(id), copy };
    }
    const theirs = await this.get(id);
    const copy = await this.create(
      { ...contentOf(theirs), headline: conflictHeadline(theirs.headline) },
      {
        revisionReason: 'conflict-copy',
        summaryPrefix: 'the version saved elsewhere, kept when yours replaced it',
        status: theirs.status,
      },
    );
    const article = await this.serial(id, async () => {
      const entry = this.requireEntry(id, 'saved');
      const saved = await this.writeVersion(
        entry,
        mine,
        entry.status,
        await this.carriedStatusHistory(entry),
      );
      await this.recordRevision(saved, 'conflict-copy', {
        force: true,
        summaryPrefix: 'your version after a conflict',
      });
      return saved;
    });
    return { article, copy };
  }

  /**
   * Records the article as it is now as a revision, whatever changed since the last one: what
   * was sent in a review package (services/reviewPackage.ts), so both libraries hold that version
   * under the same revision id.
   */
  async recordReviewSent(id: string, author: string, summaryPrefix: string): Promise<RevisionInfo> {
    this.assertWritable();
    return this.serial(id, async () => {
      const article = await this.get(id);
      const info = await this.revisions.record(article, 'review-sent', author, {
        force: true,
        summaryPrefix,
      });
      if (!info) throw new CopydeskError('io', 'The revision sent for review could not be recorded.');
      return info;
    });
  }

  /**
   * Takes in an article from a review package. Its revisions are adopted under their own ids.
   * An article the library lacks is created with the same id (and the package's status history);
   * one it has is merged: `merge` gets the article as it is here and the newest revision both
   * libraries hold (the version they last agreed on; null when they share none) and returns the
   * merged article, which is saved as a revision. The text as it was before is kept as a
   * revision first.
   */
  async receiveReview(
    incoming: Article,
    revisions: readonly { info: RevisionInfo; article: Article }[],
    merge: (ours: Article, base: Article | null) => Article,
    options: { author: string; summaryPrefix: string },
  ): Promise<{ article: Article; created: boolean; revisionsAdded: number; baseRevisionId: string | null }> {
    this.assertWritable();
    const id = incoming.id;
    return this.serial(id, async () => {
      if (!this.has(id)) {
        const onDisk = await stat(this.articlePath(id)).then(
          () => true,
          () => false,
        );
        if (onDisk) {
          throw new CopydeskError(
            'conflict',
            'This library already has a file for that article which Copydesk cannot open (it is damaged or from a newer Copydesk). Nothing was imported.',
          );
        }
        const added = await this.revisions.adopt(id, revisions);
        const article = parseArticle({ ...incoming, updatedAt: laterThan(incoming.updatedAt) });
        const written = await writeFileDurable(this.articlePath(id), serialiseArticle(article));
        this.setEntry(article, written);
        this.scheduleIndexWrite();
        await this.recordRevision(article, 'review-received', {
          force: true,
          summaryPrefix: options.summaryPrefix,
          author: options.author,
        });
        return { article, created: true, revisionsAdded: added.length, baseRevisionId: null };
      }
      const entry = this.requireEntry(id, 'merged');
      const ours = await this.get(id);
      const here = new Set(await this.revisions.ids(id));
      const shared = revisions
        .map((r) => r.info.revisionId)
        .filter((r) => here.has(r))
        .sort()
        .reverse();
      let base: Article | null = null;
      let baseRevisionId: string | null = null;
      for (const revisionId of shared) {
        const found = await this.revisions.read(id, revisionId).catch(() => null);
        if (found) {
          base = found.article;
          baseRevisionId = revisionId;
          break;
        }
      }
      if (await this.revisions.differsFromNewest(ours)) {
        await this.recordRevision(ours, 'explicit', {
          force: true,
          summaryPrefix: 'the text before a review was merged',
          author: options.author,
        });
      }
      const added = await this.revisions.adopt(id, revisions);
      const merged = merge(ours, base);
      const article = await this.writeVersion(entry, contentOf(merged), merged.status, merged.statusHistory);
      await this.recordRevision(article, 'review-merged', {
        force: true,
        summaryPrefix: options.summaryPrefix,
        author: options.author,
      });
      return { article, created: false, revisionsAdded: added.length, baseRevisionId };
    });
  }

  /** An article's revisions, newest first. */
  async listRevisions(id: string): Promise<RevisionInfo[]> {
    return this.revisions.list(id);
  }

  /** What changed from revision `from` to revision `to` (default: the article as stored now). */
  async revisionDiff(id: string, from: string, to: string = 'current'): Promise<RevisionDiff> {
    const older = await this.revisions.read(id, from);
    const newer = to === 'current' ? null : await this.revisions.read(id, to);
    const current = newer ? newer.article : await this.get(id);
    const fields = diffArticles(older.article, current);
    return {
      from: { revisionId: older.info.revisionId, savedAt: older.info.savedAt, rev: older.article.rev },
      to: newer
        ? { revisionId: newer.info.revisionId, savedAt: newer.info.savedAt, rev: newer.article.rev }
        : { revisionId: 'current', savedAt: current.updatedAt, rev: current.rev },
      fields,
      summary: summariseChange(older.article, current),
    };
  }

  /**
   * Makes a revision's text the article's current text. The current text is recorded first
   * (when it is not a revision already) and the restore is a revision itself, so nothing is lost.
   * The desk status stays as it is now.
   */
  async restoreRevision(id: string, revisionId: string, baseRev?: number): Promise<Article> {
    this.assertWritable();
    const revision = await this.revisions.read(id, revisionId);
    return this.serial(id, async () => {
      const entry = this.requireEntry(id, 'restored');
      if (baseRev !== undefined && entry.rev !== baseRev) {
        throw new CopydeskError(
          'conflict',
          'This article was saved from somewhere else since you opened it. Reopen it and restore again.',
        );
      }
      const current = await this.get(id).catch(() => null);
      if (current && (await this.revisions.differsFromNewest(current))) {
        await this.recordRevision(current, 'before-restore', { summaryPrefix: 'the text before a restore' });
      }
      const article = await this.writeVersion(
        entry,
        contentOf(revision.article),
        current?.status ?? revision.article.status,
        // The status history is the desk's record, not the text: a restore keeps today's.
        current?.statusHistory,
      );
      await this.recordRevision(article, 'restore', {
        force: true,
        summaryPrefix: `restored the revision of ${formatTime(revision.info.savedAt)}`,
      });
      return article;
    });
  }

  /**
   * Restores a damaged article from its newest good revision (see `info().damaged[].restorableRevision`).
   * The damaged bytes stay where they were kept; the notice goes.
   */
  async restoreDamaged(keptAs: string): Promise<Article> {
    this.assertWritable();
    const notice = this.db.data.damaged.find((d) => d.keptAs === keptAs);
    if (!notice?.id)
      throw new CopydeskError('not-found', 'There is no damaged article by that name to restore.');
    const id = notice.id;
    const good = await this.revisions.newestGood(id);
    if (!good) {
      throw new CopydeskError(
        'not-found',
        'This article has no revision to restore from. Its damaged file is kept as it was.',
      );
    }
    let article: Article;
    if (this.has(id)) {
      article = await this.restoreRevision(id, good.info.revisionId);
    } else {
      article = await this.serial(id, async () => {
        const restored = parseArticle({
          ...good.article,
          updatedAt: laterThan(good.article.updatedAt),
          rev: good.article.rev + 1,
        });
        const written = await writeFileDurable(this.articlePath(id), serialiseArticle(restored));
        this.setEntry(restored, written);
        await this.recordRevision(restored, 'restore', {
          force: true,
          summaryPrefix: `restored the revision of ${formatTime(good.info.savedAt)} after the file was damaged`,
        });
        return restored;
      });
    }
    this.restorable.delete(keptAs);
    this.db.data.damaged = this.db.data.damaged.filter((d) => d.keptAs !== keptAs);
    await this.flush();
    return article;
  }

  async updateSettings(patch: Partial<LibrarySettings>): Promise<LibrarySettings> {
    this.assertWritable();
    this.db.data.settings = LibrarySettingsSchema.parse({ ...this.db.data.settings, ...patch });
    await this.flush();
    return this.settings;
  }

  /** Removes a damaged-file notice once the user has seen it. The kept file stays on disk. */
  async dismissDamaged(keptAs: string): Promise<void> {
    this.assertWritable();
    this.db.data.damaged = this.db.data.damaged.filter((d: DamagedFile) => d.keptAs !== keptAs);
    this.restorable.delete(keptAs);
    await this.flush();
  }

  /** The search index, loaded (and brought up to date with the article files) on first use. */
  searchReady(): Promise<SearchIndex> {
    if (!this.searchLoading) {
      this.searchWanted = true;
      const current = new Map(Object.values(this.db.data.index).map((e) => [e.id, fileKey(e)]));
      const file = join(this.dir, SEARCH_INDEX_FILE);
      this.searchLoading = SearchIndex.open(
        file,
        current,
        async (id) => {
          const pending = this.pendingSearch.get(id);
          if (pending && pending.key === current.get(id)) return pending.article;
          return this.readQuietly(id);
        },
        { writable: this.lock !== null, delayMs: this.options.searchIndexDelayMs },
      ).then(
        ({ index, stats }) => {
          this.searchIndex = index;
          this.applySearchChanges();
          this.searchOpenStats = stats;
          // The index of an earlier version (88 MB at 10,000 articles) is of no use any more.
          if (this.lock) this.track(unlink(join(this.dir, OLD_SEARCH_INDEX_FILE)));
          return index;
        },
        (e: unknown) => {
          this.searchLoading = null;
          throw e;
        },
      );
    }
    return this.searchLoading;
  }

  /** An article from its file, or null when it cannot be read (it is then left for `load` to report). */
  private async readQuietly(id: string): Promise<Article | null> {
    const path = this.articlePath(id);
    try {
      return parseJsonFile(path, await readFile(path), parseArticle);
    } catch {
      return null;
    }
  }

  /**
   * Full-text search over headline, Content Highlight, byline, dateline and body, with prefix
   * and typo-tolerant matching, filters and sorting. Each hit carries the matched words and a
   * marked snippet for highlighting. An empty query lists what passes the filters.
   */
  async search(input: SearchArticlesInput): Promise<SearchResult> {
    const started = performance.now();
    const entries = this.db.data.index;
    const keep = compileFilters(input.filters);
    const query = input.query.trim();
    let ranked: IndexHit[];
    let details: RankedSearch['details'] = () => ({ terms: [], queryTerms: [], match: {} });
    let narrowed: RankedSearch['narrowed'];
    if (query) {
      const index = await this.searchReady();
      this.applySearchChanges();
      ({
        hits: ranked,
        details,
        narrowed,
      } = await index.search(query, (id) => {
        const e = entries[id];
        return e !== undefined && keep(e);
      }));
    } else {
      ranked = Object.values(entries)
        .filter(keep)
        .map((e) => ({ id: e.id, score: 0 }));
    }
    const limit = input.limit ?? 50;
    sortHits(ranked, input.sort ?? (query ? 'relevance' : 'modified'), entries, limit);
    const top = ranked.slice(0, limit);
    const snippets = input.snippets ?? limit;
    // Which words matched is worked out for the hits shown only, not for every match. The page's
    // words are marked in every hit of it: a word of one hit found in another is one of the
    // query's words that the other matched too, so this marks the same words as each hit's own,
    // and the snippets share one compiled pattern.
    const matches = top.map((h) => details(h.id));
    const terms = new Set(matches.flatMap((m) => m.terms));
    const hits = top.map((h, i): SearchHit | null => {
      const entry = entries[h.id];
      if (!entry) return null;
      const matched = matches[i]!;
      const body = i < snippets ? this.bodyTextFor(entry) : '';
      return {
        article: toSummary(entry),
        score: h.score,
        terms: matched.terms,
        fields: matched.match,
        highlights: {
          headline: markTerms(entry.headline, terms),
          contentHighlight: markTerms(entry.contentHighlight, terms),
          byline: markTerms(entry.byline, terms),
        },
        snippet: snippet(body, terms),
      };
    });
    return {
      hits: hits.filter((h): h is SearchHit => h !== null),
      total: ranked.length,
      tookMs: performance.now() - started,
      ...(narrowed ? { narrowed } : {}),
    };
  }

  private bodyTextFor(entry: IndexEntry): string {
    const key = fileKey(entry);
    const cached = this.snippetCache.get(entry.id);
    if (cached?.key === key) return cached.text;
    let text = '';
    try {
      // Snippets only need the text: the file is parsed, not validated (that happens on open).
      // Read synchronously: for the page of hits shown (a few dozen small files), the thread-pool
      // round trips of an async read (open, stat, read, close) cost several times the reads.
      const json = JSON.parse(readFileSync(this.articlePath(entry.id), 'utf8')) as Pick<Article, 'body'>;
      text = bodyText(json.body);
    } catch {
      text = '';
    }
    if (this.snippetCache.size >= 500) this.snippetCache.delete(this.snippetCache.keys().next().value!);
    this.snippetCache.set(entry.id, { key, text });
    return text;
  }

  /**
   * Looks at the article files again (all of them, or only `names` that a watcher saw change)
   * and takes in what changed from outside: edited by a sync tool, the CLI or another machine,
   * added or removed. Files this store wrote itself are recognised by their size and time and
   * skipped. A file that cannot be read right now (a sync tool half-way) is left for the next look.
   */
  async rescan(
    names?: readonly string[],
  ): Promise<{ changes: ArticleChangedOnDisk[]; conflictsChanged: boolean }> {
    if (this.closed) return { changes: [], conflictsChanged: false };
    const folder = join(this.dir, ARTICLES_DIR);
    const listed = names ?? (await readdir(folder).catch(() => [] as string[]));
    const ids = new Set<string>();
    let conflictsChanged = false;
    const conflictNames = new Set(this.conflicts.map((c) => c.file));
    const present = new Set<string>();
    for (const name of listed) {
      if (isTempFileName(name)) continue;
      const id = ARTICLE_FILE.exec(name)?.[1];
      if (id) {
        ids.add(id);
        continue;
      }
      const conflict = detectSyncConflict(name);
      if (!conflict) continue;
      const file = `${ARTICLES_DIR}/${name}`;
      const exists = await stat(join(folder, name)).then(
        () => true,
        () => false,
      );
      if (exists) present.add(file);
      if (exists && !conflictNames.has(file)) {
        this.conflicts.push({ file, ...conflict, detectedAt: new Date().toISOString() });
        conflictsChanged = true;
      }
    }
    const before = this.conflicts.length;
    this.conflicts = this.conflicts.filter((c) =>
      names
        ? present.has(c.file) || !names.includes(c.file.slice(ARTICLES_DIR.length + 1))
        : present.has(c.file),
    );
    if (this.conflicts.length !== before) conflictsChanged = true;
    if (!names) for (const id of Object.keys(this.db.data.index)) ids.add(id);

    const changes: ArticleChangedOnDisk[] = [];
    await mapLimit([...ids], 32, async (id) => {
      const unchanged = async (): Promise<boolean> => {
        const st = await stat(this.articlePath(id)).catch(() => null);
        const entry = this.db.data.index[id];
        if (!st || !st.isFile()) return !entry;
        return entry !== undefined && entry.mtimeMs === st.mtimeMs && entry.size === st.size;
      };
      if (await unchanged()) return;
      // Look again after any save of ours to this article has finished: it may have been ours.
      await this.serial(id, async () => {
        if (this.closed || (await unchanged())) return;
        const entry = this.db.data.index[id];
        const path = this.articlePath(id);
        const st = await stat(path).catch(() => null);
        if (!st) {
          this.removeEntry(id);
          changes.push({ id, change: 'removed' });
          return;
        }
        const article = await this.readQuietly(id);
        if (!article) return;
        this.setEntry(article, { mtimeMs: st.mtimeMs, size: st.size });
        this.revisions.forget(id);
        changes.push({
          id,
          change: entry ? 'changed' : 'added',
          rev: article.rev,
          headline: article.headline,
          updatedAt: article.updatedAt,
        });
      });
    });
    if (changes.length > 0) this.scheduleIndexWrite();
    return { changes, conflictsChanged };
  }

  private scheduleIndexWrite(): void {
    if (!this.lock || this.closed) return;
    clearTimeout(this.indexTimer);
    this.indexTimer = setTimeout(() => void this.flush().catch(() => undefined), this.indexDelayMs);
    this.indexTimer.unref?.();
  }

  /** Writes the index now (after any write already under way). */
  async flush(): Promise<void> {
    if (!this.lock) return;
    clearTimeout(this.indexTimer);
    this.indexWrite = this.indexWrite.catch(() => undefined).then(() => this.db.write());
    await this.indexWrite;
  }

  /** Waits for pending saves, writes the index and the search index, and releases the lock. */
  async close(): Promise<void> {
    if (this.closed) return;
    await Promise.allSettled([...this.queues.values()]);
    await Promise.allSettled([...this.background]);
    await this.flush().catch(() => undefined);
    const search = this.searchLoading ? await this.searchLoading.catch(() => null) : null;
    this.applySearchChanges();
    if (search && this.lock)
      await search.flush().catch((e) => this.options.log?.('search index could not be written', e));
    search?.close();
    this.closed = true;
    await this.lock?.release();
  }
}

type IndexEntry = z.infer<typeof IndexEntrySchema>;

function toSummary({ rev: _r, language: _l, mtimeMs: _m, size: _s, ...summary }: IndexEntry): ArticleSummary {
  return summary;
}

function byModified(a: IndexEntry, b: IndexEntry): number {
  return a.updatedAt < b.updatedAt ? 1 : a.updatedAt > b.updatedAt ? -1 : a.id.localeCompare(b.id);
}

/** The fields of an article the user edits, as `save` and `create` take them. */
function contentOf(a: Article): ArticleContent {
  const content: Record<string, unknown> = {};
  for (const key of CONTENT_KEYS) if (a[key] !== undefined) content[key] = a[key];
  return content as ArticleContent;
}

function conflictHeadline(headline: string): string {
  return `${headline || 'Untitled'} (conflict copy)`.slice(0, 2000);
}

/** "2025-03-01 10:42 UTC": how a revision is named in another revision's summary. */
function formatTime(iso: string): string {
  return `${iso.slice(0, 16).replace('T', ' ')} UTC`;
}

const collator = new Intl.Collator('en', { sensitivity: 'base', numeric: true });

function sortHits(
  hits: IndexHit[],
  sort: NonNullable<SearchArticlesInput['sort']>,
  entries: Record<string, IndexEntry>,
  limit = Infinity,
): void {
  const updated = (h: IndexHit) => entries[h.id]?.updatedAt ?? '';
  const compare: Record<typeof sort, (a: IndexHit, b: IndexHit) => number> = {
    relevance: (a, b) => b.score - a.score || updated(b).localeCompare(updated(a)),
    modified: (a, b) => updated(b).localeCompare(updated(a)) || a.id.localeCompare(b.id),
    created: (a, b) =>
      (entries[b.id]?.createdAt ?? '').localeCompare(entries[a.id]?.createdAt ?? '') ||
      a.id.localeCompare(b.id),
    headline: (a, b) =>
      collator.compare(entries[a.id]?.headline ?? '', entries[b.id]?.headline ?? '') ||
      a.id.localeCompare(b.id),
  };
  if (sort === 'relevance' && limit < hits.length) {
    // The index returns its hits by score: only the first `limit`, and any tied with the last
    // of them, need ordering by date. Sorting thousands of matches to show twenty is wasted.
    let end = limit;
    const last = hits[limit - 1]?.score;
    while (end < hits.length && hits[end]!.score === last) end++;
    const head = hits.slice(0, end).sort(compare.relevance);
    for (let i = 0; i < end; i++) hits[i] = head[i]!;
    return;
  }
  hits.sort(compare[sort]);
}

/** Turns the filters into one test over index entries (all must pass). */
function compileFilters(filters: SearchFilters | undefined): (e: IndexEntry) => boolean {
  if (!filters) return () => true;
  const tests: ((e: IndexEntry) => boolean)[] = [];
  if (filters.status && filters.status.length > 0) {
    const statuses = new Set(filters.status);
    tests.push((e) => statuses.has(e.status));
  }
  if (filters.byline?.trim()) {
    const want = foldTerm(filters.byline.trim());
    tests.push((e) => foldTerm(e.byline).includes(want));
  }
  if (filters.section?.trim()) {
    const want = foldTerm(filters.section.trim());
    tests.push((e) => foldTerm(e.section) === want);
  }
  if (filters.tags && filters.tags.length > 0) {
    const want = filters.tags.map((t) => foldTerm(t.trim())).filter(Boolean);
    tests.push((e) => {
      const have = new Set(e.tags.map(foldTerm));
      return want.every((t) => have.has(t));
    });
  }
  const field = filters.dateField ?? 'updatedAt';
  if (filters.from) {
    const from = Date.parse(filters.from.length === 10 ? `${filters.from}T00:00:00.000Z` : filters.from);
    tests.push((e) => Date.parse(e[field]) >= from);
  }
  if (filters.to) {
    const to = Date.parse(filters.to.length === 10 ? `${filters.to}T23:59:59.999Z` : filters.to);
    tests.push((e) => Date.parse(e[field]) <= to);
  }
  return (e) => tests.every((t) => t(e));
}

/** Lower-cases and strips accents, so "wisniewski" finds "Wiśniewski". */
function fold(s: string): string {
  return s.normalize('NFD').replace(/\p{M}/gu, '').toLowerCase();
}

/** Now, or a millisecond after `previous` when the clock has not moved on (or went back). */
function laterThan(previous: string): string {
  const now = Date.now();
  const prev = Date.parse(previous);
  return new Date(Number.isFinite(prev) && now <= prev ? prev + 1 : now).toISOString();
}

async function mapLimit<T, R>(items: readonly T[], limit: number, fn: (item: T) => Promise<R>): Promise<R[]> {
  const results = new Array<R>(items.length);
  let next = 0;
  const workers = Array.from({ length: Math.min(limit, items.length) }, async () => {
    while (next < items.length) {
      const i = next++;
      results[i] = await fn(items[i]!);
    }
  });
  await Promise.all(workers);
  return results;
}
