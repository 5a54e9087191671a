import { randomUUID } from 'node:crypto';
import { mkdir, readdir, readFile, rename, stat, unlink } from 'node:fs/promises';
import { join, relative } from 'node:path';
import { Low } from 'lowdb';
import { z } from 'zod';
import {
  ARTICLE_SCHEMA_VERSION,
  ArticleContentSchema,
  ArticleSummarySchema,
  emptyBody,
  type Article,
  type ArticleContent,
  type ArticleSummary,
} from '../shared/article';
import {
  DEFAULT_LIBRARY_SETTINGS,
  LibrarySettingsSchema,
  type DamagedFile,
  type LibraryInfo,
  type LibrarySettings,
  type SaveResult,
} from '../shared/contract';
import { CopydeskError } from '../shared/errors';
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
  settings: LibrarySettingsSchema,
  index: z.record(z.string(), IndexEntrySchema),
  damaged: z.array(
    z.object({ id: z.string().nullable(), keptAs: z.string(), reason: z.string(), detectedAt: z.string() }),
  ),
});
type LibraryFile = z.infer<typeof LibraryFileSchema>;

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
export class LibraryStore {
  private readonly queues = new Map<string, Promise<unknown>>();
  private indexTimer: NodeJS.Timeout | undefined;
  private indexWrite: Promise<void> = Promise.resolve();
  private closed = false;
  private trashCount = 0;
  private newerVersion: string[] = [];
  private readonly searchText = new Map<string, string>();

  private constructor(
    readonly dir: string,
    private readonly db: Low<LibraryFile>,
    private readonly lock: LibraryLock | null,
    private readonly indexDelayMs: number,
  ) {}

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
      const store = new LibraryStore(dir, db, lock, options.indexDelayMs ?? 1000);
      await store.load(writable);
      if (!exists && writable && options.seed && Object.keys(db.data.index).length === 0) {
        await store.create(options.seed());
      }
      if (writable) await store.flush();
      return store;
    } catch (e) {
      await lock?.release();
      throw e;
    }
  }

  /** Reads the index, reconciles it with the article files, and keeps aside what cannot be read. */
  private async load(writable: boolean): Promise<void> {
    const libraryPath = join(this.dir, LIBRARY_FILE);
    try {
      await this.db.read();
    } catch (e) {
      if (!(e instanceof UnreadableFileError)) throw e;
      // The index is only a cache of the article files, so it is rebuilt; the unreadable file
      // is kept, because it also held the library's settings.
      const keptAs = writable ? await this.keepAside(libraryPath, null) : LIBRARY_FILE;
      this.db.data.damaged.push({
        id: null,
        keptAs,
        reason: `The library index could not be read (${e.reason}). The article list was rebuilt from the article files; the library settings are back to their defaults until you copy them from the kept file.`,
        detectedAt: new Date().toISOString(),
      });
    }

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
      if (!match) return null;
      const st = await stat(join(articlesDir, name)).catch(() => null);
      return st?.isFile() ? { id: match[1]!, mtimeMs: st.mtimeMs, size: st.size } : null;
    });
    for (const s of stats) {
      if (!s) continue;
      seen.add(s.id);
      const entry = index[s.id];
      if (!entry || entry.mtimeMs !== s.mtimeMs || entry.size !== s.size) toRead.push(s.id);
    }
    for (const id of Object.keys(index)) if (!seen.has(id)) delete index[id];

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
    this.trashCount = trash.filter((n) => ARTICLE_FILE.test(n)).length;
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
  }

  /** Runs `task` after every earlier task for the same article: one write at a time per file. */
  private serial<T>(id: string, task: () => Promise<T>): Promise<T> {
    const previous = this.queues.get(id) ?? Promise.resolve();
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
      damaged: [...this.db.data.damaged],
      newerVersion: [...this.newerVersion],
      settings: { ...this.db.data.settings },
    };
  }

  get settings(): LibrarySettings {
    return { ...this.db.data.settings };
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
              text = fold([e.headline, e.byline, e.dateline, e.contentHighlight, e.section, ...e.tags].join(' '));
              this.searchText.set(e.id, text);
            }
            return words.every((w) => text.includes(w));
          });
    return matches
      .sort((a, b) => (a.updatedAt < b.updatedAt ? 1 : a.updatedAt > b.updatedAt ? -1 : a.id.localeCompare(b.id)))
      .map(({ rev: _r, language: _l, mtimeMs: _m, size: _s, ...summary }) => summary);
  }

  has(id: string): boolean {
    return id in this.db.data.index;
  }

  /** Reads one article from its file. Throws `not-found` or `damaged` with a message to act on. */
  async get(id: string): Promise<Article> {
    if (!this.has(id)) {
      throw new CopydeskError('not-found', 'That article is not in the library any more. It may have been moved to the trash.');
    }
    const path = this.articlePath(id);
    const adapter = new DurableJSONFile(path, parseArticle);
    try {
      const article = await adapter.read();
      if (!article) {
        delete this.db.data.index[id];
        this.scheduleIndexWrite();
        throw new CopydeskError('not-found', 'That article’s file has gone from the library folder. It may have been moved or deleted outside Copydesk.');
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

  /** Creates an article (empty, or from an import) and writes it. */
  async create(content: Partial<ArticleContent> = {}): Promise<Article> {
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
      status: 'draft',
      section: parsed.section ?? '',
      tags: parsed.tags ?? [],
      language: 'en-GB',
      createdAt: now,
      updatedAt: now,
      rev: 1,
    });
    await this.serial(article.id, async () => {
      const written = await writeFileDurable(this.articlePath(article.id), serialiseArticle(article));
      this.setEntry(article, written);
    });
    this.scheduleIndexWrite();
    return article;
  }

  /**
   * Saves the user's content over the article, if nobody else saved it since `baseRev`.
   * Only this article's file is written; it is on disk (fsynced) when the promise resolves.
   */
  async save(id: string, content: ArticleContent, baseRev: number): Promise<SaveResult> {
    this.assertWritable();
    return this.serial(id, async () => {
      const entry = this.db.data.index[id];
      if (!entry) {
        throw new CopydeskError('not-found', 'That article is no longer in the library (it may have been moved to the trash), so it could not be saved. Copy your text into a new article.');
      }
      if (entry.rev !== baseRev) {
        throw new CopydeskError(
          'conflict',
          'This article was saved from somewhere else since you opened it. Your text is still here: copy it somewhere safe, then reopen the article.',
          { detail: `stored rev ${entry.rev}, editor based on ${baseRev}` },
        );
      }
      const article = parseArticle({
        schemaVersion: ARTICLE_SCHEMA_VERSION,
        id,
        ...ArticleContentSchema.parse(content),
        status: entry.status,
        language: entry.language,
        createdAt: entry.createdAt,
        updatedAt: laterThan(entry.updatedAt),
        rev: entry.rev + 1,
      });
      const written = await writeFileDurable(this.articlePath(id), serialiseArticle(article));
      this.setEntry(article, written);
      this.scheduleIndexWrite();
      return { rev: article.rev, updatedAt: article.updatedAt };
    });
  }

  /** Moves an article into the library's trash folder: never erased here. */
  async trash(id: string): Promise<void> {
    this.assertWritable();
    await this.serial(id, async () => {
      if (!this.has(id)) throw new CopydeskError('not-found', 'That article is not in the library any more.');
      let target = join(this.dir, TRASH_DIR, `${id}.json`);
      if (await stat(target).then(() => true, () => false)) {
        target = join(this.dir, TRASH_DIR, `${id}.${Date.now()}.json`);
      }
      await rename(this.articlePath(id), target).catch((e) => {
        throw toIoError(e, 'move', this.articlePath(id));
      });
      await fsyncDir(join(this.dir, TRASH_DIR));
      await fsyncDir(join(this.dir, ARTICLES_DIR));
      delete this.db.data.index[id];
      this.searchText.delete(id);
      this.trashCount++;
    });
    this.scheduleIndexWrite();
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
    await this.flush();
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

  /** Waits for pending saves, writes the index and releases the lock. */
  async close(): Promise<void> {
    if (this.closed) return;
    await Promise.allSettled([...this.queues.values()]);
    await this.flush().catch(() => undefined);
    this.closed = true;
    await this.lock?.release();
  }
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
