import { createHash } from 'node:crypto';
import { mkdir, readFile, readdir, rm, unlink } from 'node:fs/promises';
import { join } from 'node:path';
import { z } from 'zod';
import { DESK_STATUS_LABELS, type Article } from '../shared/article';
import { CopydeskError } from '../shared/errors';
import { REVISION_REASONS, type RevisionInfo, type RevisionReason } from '../shared/libraryTypes';
import { bodyText, countWords } from '../shared/text';
import { parseArticle } from './articleFile';
import { UnreadableFileError, fsyncDir, parseJsonFile, toIoError, writeFileDurable } from './durableFile';

export const REVISIONS_DIR = 'revisions';

/** Autosaves become a revision at most this often; explicit saves, switches and closes always do. */
export const AUTOSAVE_REVISION_INTERVAL_MS = 10 * 60 * 1000;

/** How long revisions are kept, from the library settings. */
export interface RetentionPolicy {
  /** Every revision younger than this many days is kept. */
  keepAllDays: number;
  /** Older revisions: one a day (the day's last) for this many days; 0 keeps one a day for ever. */
  keepDailyDays: number;
}

const RevisionFileSchema = z.object({
  format: z.literal('copydesk-revision'),
  formatVersion: z.literal(1),
  revisionId: z.string(),
  savedAt: z.string(),
  reason: z.enum(REVISION_REASONS),
  author: z.string(),
  wordCount: z.number().int().nonnegative(),
  summary: z.string(),
  contentHash: z.string(),
  article: z.unknown(),
});

/** A revision as read back: its listing details and the whole article it holds. */
export interface StoredRevision {
  info: RevisionInfo;
  contentHash: string;
  article: Article;
}

/** `20250301T104200123Z-12`: the time first, so names sort in time order; the rev keeps them unique. */
const REVISION_FILE = /^(\d{8}T\d{9}Z)-(\d+)\.json$/;

/**
 * Revisions of articles, one durable JSON file each under `revisions/<article id>/`. A file
 * holds the whole article as it was, so a revision can be read, compared and restored even
 * when the article file itself is damaged or gone to the trash.
 */
export class RevisionStore {
  /** The newest revision of each article, once looked up: decides the 10-minute rule without touching the disk. */
  private readonly newest = new Map<
    string,
    { savedAtMs: number; contentHash: string; revisionId: string } | null
  >();

  constructor(private readonly libraryDir: string) {}

  folder(articleId: string): string {
    return join(this.libraryDir, REVISIONS_DIR, articleId);
  }

  /** Revision ids of an article, oldest first, from the file names alone. */
  async ids(articleId: string): Promise<string[]> {
    const names = await readdir(this.folder(articleId)).catch((e: NodeJS.ErrnoException) => {
      if (e.code === 'ENOENT' || e.code === 'ENOTDIR') return [] as string[];
      throw toIoError(e, 'read', this.folder(articleId));
    });
    return names
      .filter((n) => REVISION_FILE.test(n))
      .map((n) => n.slice(0, -'.json'.length))
      .sort();
  }

  /** Reads one revision; throws `not-found`, or `damaged` when its file cannot be read. */
  async read(articleId: string, revisionId: string): Promise<StoredRevision> {
    if (!REVISION_FILE.test(`${revisionId}.json`)) {
      throw new CopydeskError('not-found', 'There is no such revision of this article.');
    }
    const path = join(this.folder(articleId), `${revisionId}.json`);
    let bytes: Buffer;
    try {
      bytes = await readFile(path);
    } catch (e) {
      if ((e as NodeJS.ErrnoException).code === 'ENOENT') {
        throw new CopydeskError(
          'not-found',
          'That revision is no longer kept (older revisions are thinned out to one a day).',
        );
      }
      throw toIoError(e, 'read', path);
    }
    try {
      const { file, article } = parseJsonFile(path, bytes, (json) => {
        const file = RevisionFileSchema.parse(json);
        return { file, article: parseArticle(file.article) };
      });
      return {
        contentHash: file.contentHash,
        article,
        info: {
          revisionId: file.revisionId,
          articleId,
          savedAt: file.savedAt,
          reason: file.reason,
          author: file.author,
          rev: article.rev,
          headline: article.headline,
          status: article.status,
          wordCount: file.wordCount,
          summary: file.summary,
        },
      };
    } catch (e) {
      if (e instanceof UnreadableFileError) {
        throw new CopydeskError('damaged', `This revision’s file cannot be read (${e.reason}).`, {
          detail: e.message,
        });
      }
      throw e;
    }
  }

  /** An article's revisions, newest first. Unreadable revision files are skipped, not fatal. */
  async list(articleId: string): Promise<RevisionInfo[]> {
    const ids = (await this.ids(articleId)).reverse();
    const out: RevisionInfo[] = [];
    for (const id of ids) {
      try {
        out.push((await this.read(articleId, id)).info);
      } catch (e) {
        if (!(e instanceof CopydeskError) || (e.code !== 'damaged' && e.code !== 'newer-version')) throw e;
      }
    }
    return out;
  }

  /** The newest revision that can still be read, for restoring a damaged article. */
  async newestGood(articleId: string): Promise<StoredRevision | null> {
    for (const id of (await this.ids(articleId)).reverse()) {
      try {
        return await this.read(articleId, id);
      } catch (e) {
        if (!(e instanceof CopydeskError) || e.code === 'io') throw e;
      }
    }
    return null;
  }

  private async newestOf(
    articleId: string,
  ): Promise<{ savedAtMs: number; contentHash: string; revisionId: string } | null> {
    if (this.newest.has(articleId)) return this.newest.get(articleId)!;
    const good = await this.newestGood(articleId);
    const value = good
      ? {
          savedAtMs: Date.parse(good.info.savedAt),
          contentHash: good.contentHash,
          revisionId: good.info.revisionId,
        }
      : null;
    this.newest.set(articleId, value);
    return value;
  }

  /** Whether a save for `reason` should become a revision now (autosaves: at most every 10 minutes). */
  async wants(articleId: string, reason: RevisionReason, now = Date.now()): Promise<boolean> {
    if (reason !== 'autosave') return true;
    const newest = await this.newestOf(articleId);
    return !newest || now - newest.savedAtMs >= AUTOSAVE_REVISION_INTERVAL_MS;
  }

  /** Whether `article` differs from the newest revision (so leaving it unrecorded would lose something). */
  async differsFromNewest(article: Article): Promise<boolean> {
    const newest = await this.newestOf(article.id);
    return !newest || newest.contentHash !== contentHash(article);
  }

  /**
   * Records `article` as a revision, durably, with a summary of what changed since the newest
   * revision. Returns null without writing when nothing changed since then (leaving an article
   * twice makes one revision) unless `force`.
   */
  async record(
    article: Article,
    reason: RevisionReason,
    author: string,
    options: { force?: boolean; summaryPrefix?: string; now?: number } = {},
  ): Promise<RevisionInfo | null> {
    const hash = contentHash(article);
    const newest = await this.newestOf(article.id);
    if (newest && newest.contentHash === hash && !options.force) return null;
    let previous: Article | null = null;
    if (newest) {
      previous = await this.read(article.id, newest.revisionId).then(
        (r) => r.article,
        () => null,
      );
    }
    let at = options.now ?? Date.now();
    // Two revisions in one millisecond (a restore right after the save before it) keep both.
    if (newest && at <= newest.savedAtMs) at = newest.savedAtMs + 1;
    const savedAt = new Date(at).toISOString();
    const revisionId = `${stamp(at)}-${article.rev}`;
    const wordCount = countWords(bodyText(article.body));
    const summary = [options.summaryPrefix, summariseChange(previous, article)].filter(Boolean).join('; ');
    const folder = this.folder(article.id);
    await mkdir(folder, { recursive: true }).catch((e) => {
      throw toIoError(e, 'save', folder);
    });
    const record = {
      format: 'copydesk-revision',
      formatVersion: 1,
      revisionId,
      savedAt,
      reason,
      author,
      wordCount,
      summary,
      contentHash: hash,
      article,
    };
    await writeFileDurable(join(folder, `${revisionId}.json`), `${JSON.stringify(record)}\n`);
    this.newest.set(article.id, { savedAtMs: at, contentHash: hash, revisionId });
    return {
      revisionId,
      articleId: article.id,
      savedAt,
      reason,
      author,
      rev: article.rev,
      headline: article.headline,
      status: article.status,
      wordCount,
      summary,
    };
  }

  /**
   * Thins out old revisions: all from the last `keepAllDays` days stay, older ones keep the last
   * of each (UTC) day, and with `keepDailyDays` > 0 those older than that go too. The newest
   * revision is never removed. Decided from the file names alone. Returns how many were removed.
   */
  async prune(articleId: string, policy: RetentionPolicy, now = Date.now()): Promise<number> {
    const ids = await this.ids(articleId);
    const doomed = revisionsToPrune(ids, policy, now);
    for (const id of doomed) await unlink(join(this.folder(articleId), `${id}.json`)).catch(() => undefined);
    if (doomed.length > 0) await fsyncDir(this.folder(articleId)).catch(() => undefined);
    return doomed.length;
  }

  /**
   * Takes in revisions made in another library (from a review package) under their own ids, so
   * both libraries name the same version the same way: the newest id they share is the common
   * version a later merge starts from. Revisions already here are left as they are. Returns the
   * ids added.
   */
  async adopt(
    articleId: string,
    revisions: readonly { info: RevisionInfo; article: Article }[],
  ): Promise<string[]> {
    const have = new Set(await this.ids(articleId));
    const folder = this.folder(articleId);
    const added: string[] = [];
    for (const { info, article } of revisions) {
      if (have.has(info.revisionId) || !REVISION_FILE.test(`${info.revisionId}.json`)) continue;
      if (added.length === 0) {
        await mkdir(folder, { recursive: true }).catch((e) => {
          throw toIoError(e, 'save', folder);
        });
      }
      const record = {
        format: 'copydesk-revision',
        formatVersion: 1,
        revisionId: info.revisionId,
        savedAt: info.savedAt,
        reason: info.reason,
        author: info.author,
        wordCount: info.wordCount,
        summary: info.summary,
        contentHash: contentHash(article),
        article: { ...article, id: articleId },
      };
      await writeFileDurable(join(folder, `${info.revisionId}.json`), `${JSON.stringify(record)}\n`);
      have.add(info.revisionId);
      added.push(info.revisionId);
    }
    if (added.length > 0) this.newest.delete(articleId);
    return added;
  }

  /** Removes every revision of an article (when the trash is emptied). */
  async removeAll(articleId: string): Promise<void> {
    this.newest.delete(articleId);
    await rm(this.folder(articleId), { recursive: true, force: true });
  }

  /** Forgets what is cached about an article's newest revision (its folder changed from outside). */
  forget(articleId: string): void {
    this.newest.delete(articleId);
  }
}

/** The revision ids (oldest first) that the retention policy removes at `now`. */
export function revisionsToPrune(
  idsOldestFirst: readonly string[],
  policy: RetentionPolicy,
  now: number,
): string[] {
  const day = 24 * 60 * 60 * 1000;
  const keepAllSince = now - policy.keepAllDays * day;
  const dailySince =
    policy.keepDailyDays > 0 ? now - (policy.keepAllDays + policy.keepDailyDays) * day : -Infinity;
  const lastOfDay = new Map<string, string>();
  for (const id of idsOldestFirst) lastOfDay.set(id.slice(0, 8), id);
  const newest = idsOldestFirst[idsOldestFirst.length - 1];
  return idsOldestFirst.filter((id) => {
    if (id === newest) return false;
    const at = parseStamp(id);
    if (at >= keepAllSince) return false;
    if (at < dailySince) return true;
    return lastOfDay.get(id.slice(0, 8)) !== id;
  });
}

/** A hash of what a revision holds that the user can see; `rev` and `updatedAt` do not count. */
export function contentHash(a: Article): string {
  const { headline, contentHighlight, byline, dateline, body, section, tags, status } = a;
  return createHash('sha256')
    .update(JSON.stringify([headline, contentHighlight, byline, dateline, body, section, tags, status]))
    .digest('hex')
    .slice(0, 32);
}

/** "+120 words, headline changed" — what a reporter wants to see in the history list. */
export function summariseChange(previous: Article | null, next: Article): string {
  const words = countWords(bodyText(next.body));
  if (!previous) return `first revision, ${words} ${words === 1 ? 'word' : 'words'}`;
  const parts: string[] = [];
  const delta = words - countWords(bodyText(previous.body));
  if (delta !== 0)
    parts.push(`${delta > 0 ? '+' : '−'}${Math.abs(delta)} ${Math.abs(delta) === 1 ? 'word' : 'words'}`);
  else if (JSON.stringify(previous.body) !== JSON.stringify(next.body)) parts.push('body edited');
  const fields: [keyof Article, string][] = [
    ['headline', 'headline'],
    ['contentHighlight', 'Content Highlight'],
    ['byline', 'byline'],
    ['dateline', 'dateline'],
    ['section', 'section'],
  ];
  for (const [key, label] of fields) if (previous[key] !== next[key]) parts.push(`${label} changed`);
  if (previous.tags.join('\u0000') !== next.tags.join('\u0000')) parts.push('tags changed');
  if (previous.status !== next.status) {
    parts.push(`status ${DESK_STATUS_LABELS[previous.status]} → ${DESK_STATUS_LABELS[next.status]}`);
  }
  return parts.length > 0 ? parts.join(', ') : 'no changes';
}

function stamp(ms: number): string {
  // 2025-03-01T10:42:00.123Z → 20250301T104200123Z
  return new Date(ms).toISOString().replace(/[-:.]/g, '');
}

function parseStamp(id: string): number {
  const m = /^(\d{4})(\d{2})(\d{2})T(\d{2})(\d{2})(\d{2})(\d{3})Z/.exec(id);
  if (!m) return NaN;
  return Date.UTC(+m[1]!, +m[2]! - 1, +m[3]!, +m[4]!, +m[5]!, +m[6]!, +m[7]!);
}
