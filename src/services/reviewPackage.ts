import { open as openFile } from 'node:fs/promises';
import { basename } from 'node:path';
import { z } from 'zod';
import { version as APP_VERSION } from '../../package.json';
import { writeFileDurable } from '../library/durableFile';
import { parseArticle } from '../library/articleFile';
import type { LibraryStore } from '../library/store';
import { PersonSchema, type Article, type Person } from '../shared/article';
import { CopydeskError, isCopydeskError } from '../shared/errors';
import { REVISION_REASONS, RevisionIdSchema, type RevisionInfo } from '../shared/libraryTypes';
import { mergeArticles, type MergeReport } from '../shared/review/merge';
import {
  REVIEW_PACKAGE_EXTENSION,
  type ReviewImportResult,
  type SendForReviewResult,
} from '../shared/review/package';
import { slugForFileName } from '../exporters/fileName';

/**
 * The review round trip without a server (issue 5). "Send for review" writes one file, a
 * **review package**: the article with its suggestions, comments, notes and status history, and
 * its revisions. Opening it in another library creates the article there with the same id;
 * opening a package for an article the library has merges it (shared/review/merge.ts). The
 * common version a merge starts from is the newest revision both libraries hold: packages carry
 * the revisions, and a library keeps the revisions it receives under their own ids.
 */

/** The largest package Copydesk opens: an article with thousands of revisions stays far below. */
export const MAX_REVIEW_PACKAGE_BYTES = 200 * 1024 * 1024;

const isoDate = z.iso.datetime({ offset: true });

const PackageRevisionSchema = z.object({
  revisionId: RevisionIdSchema,
  savedAt: isoDate,
  reason: z.enum(REVISION_REASONS),
  author: z.string().max(200),
  wordCount: z.number().int().nonnegative(),
  summary: z.string().max(2000),
  article: z.unknown(),
});

const ReviewPackageSchema = z.object({
  format: z.literal('copydesk-review'),
  version: z.literal(1),
  sentAt: isoDate,
  sentBy: PersonSchema,
  app: z.object({ name: z.string().max(100), version: z.string().max(50) }).optional(),
  /** The revision the sender recorded of `article` as it went out. */
  sentRevisionId: RevisionIdSchema,
  article: z.unknown(),
  revisions: z.array(PackageRevisionSchema).max(20_000),
});

/** A package read and checked: every article in it is valid for this library. */
export interface ReviewPackage {
  sentAt: string;
  sentBy: Person;
  sentRevisionId: string;
  article: Article;
  revisions: { info: RevisionInfo; article: Article }[];
}

/** The file name offered for a package: the headline's slug and the package ending. */
export function reviewPackageFileName(article: Pick<Article, 'headline'>): string {
  return `${slugForFileName(article.headline, 80 - REVIEW_PACKAGE_EXTENSION.length)}${REVIEW_PACKAGE_EXTENSION}`;
}

/**
 * Writes the package for article `id` to `path`. The article as sent is recorded as a revision
 * first (`review-sent`), so the receiving library will hold that version under the same id.
 */
export async function writeReviewPackage(
  library: LibraryStore,
  id: string,
  path: string,
  sender: Person,
  now = new Date(),
): Promise<SendForReviewResult> {
  const sentBy: Person = {
    name: sender.name.trim(),
    ...(sender.initials?.trim() && { initials: sender.initials.trim() }),
  };
  const sent = await library.recordReviewSent(
    id,
    sentBy.name,
    `sent for review${sentBy.name ? ` by ${sentBy.name}` : ''}`,
  );
  const article = await library.get(id);
  const infos = (await library.listRevisions(id)).reverse();
  const revisions = [];
  for (const info of infos) {
    const stored = await library.revisions.read(id, info.revisionId).catch(() => null);
    if (!stored) continue;
    const { revisionId, savedAt, reason, author, wordCount, summary } = stored.info;
    revisions.push({ revisionId, savedAt, reason, author, wordCount, summary, article: stored.article });
  }
  const pkg = {
    format: 'copydesk-review',
    version: 1,
    sentAt: now.toISOString(),
    sentBy,
    app: { name: 'Copydesk', version: APP_VERSION },
    sentRevisionId: sent.revisionId,
    article,
    revisions,
  };
  const data = `${JSON.stringify(pkg)}\n`;
  await writeFileDurable(path, data).catch((e: unknown) => {
    throw isCopydeskError(e)
      ? new CopydeskError(e.code, `The review package could not be written: ${e.message}`, { cause: e })
      : e;
  });
  return { path, revisions: revisions.length, bytes: Buffer.byteLength(data) };
}

function refuse(file: string, why: string, cause?: unknown): CopydeskError {
  return new CopydeskError(
    'import-failed',
    `${file} cannot be opened as a review package: ${why} Nothing in the library was changed.`,
    cause === undefined
      ? undefined
      : { cause, detail: cause instanceof Error ? cause.message : String(cause) },
  );
}

/** Reads and checks a review package; a bad, hostile or huge file is refused with the reason. */
export async function readReviewPackage(path: string): Promise<ReviewPackage> {
  const file = basename(path);
  let text: string;
  try {
    const handle = await openFile(path, 'r');
    try {
      const { size } = await handle.stat();
      if (size > MAX_REVIEW_PACKAGE_BYTES) {
        throw refuse(
          file,
          `it is ${Math.round(size / 1024 / 1024)} MB, more than a package can be (200 MB).`,
        );
      }
      text = await handle.readFile('utf8');
    } finally {
      await handle.close();
    }
  } catch (e) {
    if (isCopydeskError(e)) throw e;
    throw refuse(file, 'the file cannot be read.', e);
  }
  return parseReviewPackage(text, file);
}

/** Checks the text of a package (see readReviewPackage). */
export function parseReviewPackage(text: string, file = 'This file'): ReviewPackage {
  let json: unknown;
  try {
    json = JSON.parse(text);
  } catch (e) {
    throw refuse(file, 'it is not a Copydesk review package (it is not JSON, or it was cut short).', e);
  }
  const format = (json as { format?: unknown } | null)?.format;
  const version = (json as { version?: unknown } | null)?.version;
  if (format !== 'copydesk-review') throw refuse(file, 'it is not a Copydesk review package.');
  if (typeof version === 'number' && version > 1) {
    throw refuse(
      file,
      `it was made by a newer Copydesk (package format ${version}). Update Copydesk to open it.`,
    );
  }
  const parsed = ReviewPackageSchema.safeParse(json);
  if (!parsed.success) {
    const issue = parsed.error.issues[0];
    throw refuse(
      file,
      `it is damaged (${issue?.path.join('.') || 'package'}: ${issue?.message ?? 'invalid'}).`,
    );
  }
  const pkg = parsed.data;
  const article = checkedArticle(pkg.article, file, 'the article');
  const revisions = pkg.revisions.map((r) => {
    const revision = checkedArticle(r.article, file, `revision ${r.revisionId}`);
    if (revision.id !== article.id) throw refuse(file, `revision ${r.revisionId} is of another article.`);
    const info: RevisionInfo = {
      revisionId: r.revisionId,
      articleId: article.id,
      savedAt: r.savedAt,
      reason: r.reason,
      author: r.author,
      rev: revision.rev,
      headline: revision.headline,
      status: revision.status,
      wordCount: r.wordCount,
      summary: r.summary,
    };
    return { info, article: revision };
  });
  if (new Set(revisions.map((r) => r.info.revisionId)).size !== revisions.length) {
    throw refuse(file, 'it lists a revision twice.');
  }
  if (!revisions.some((r) => r.info.revisionId === pkg.sentRevisionId)) {
    throw refuse(file, 'the revision it was sent as is missing from it.');
  }
  return { sentAt: pkg.sentAt, sentBy: pkg.sentBy, sentRevisionId: pkg.sentRevisionId, article, revisions };
}

function checkedArticle(json: unknown, file: string, what: string): Article {
  try {
    return parseArticle(json);
  } catch (e) {
    if (isCopydeskError(e)) throw refuse(file, `${what} in it: ${e.message}`, e);
    const reason = e instanceof z.ZodError ? (e.issues[0]?.message ?? 'invalid') : (e as Error).message;
    throw refuse(file, `${what} in it is not a valid article (${reason}).`, e);
  }
}

/**
 * Opens a package into the library: creates the article when the library lacks it, merges it
 * when it has it. `receiver` is who opens it (their name goes on the revision it makes).
 */
export async function importReviewPackage(
  library: LibraryStore,
  path: string,
  receiver: Person,
  now = new Date(),
): Promise<ReviewImportResult> {
  const pkg = await readReviewPackage(path);
  const from = pkg.sentBy.name.trim() || 'someone';
  let report: MergeReport | undefined;
  const received = await library.receiveReview(
    pkg.article,
    pkg.revisions,
    (ours, base) => {
      const result = mergeArticles({
        base,
        ours,
        theirs: pkg.article,
        reviewer: pkg.sentBy,
        at: now.toISOString(),
      });
      report = result.report;
      return result.article;
    },
    {
      author: receiver.name.trim(),
      summaryPrefix: `review package from ${from} (sent ${pkg.sentAt.slice(0, 16).replace('T', ' ')} UTC)`,
    },
  );
  const result: Omit<ReviewImportResult, 'summary'> = {
    articleId: received.article.id,
    headline: received.article.headline,
    file: basename(path),
    outcome: received.created ? 'created' : 'merged',
    sentBy: pkg.sentBy,
    sentAt: pkg.sentAt,
    revisionsAdded: received.revisionsAdded,
    ...(report && { merge: report }),
    conflicts: report?.conflicts ?? [],
  };
  return { ...result, summary: describeReviewImport(result) };
}

/** One line saying what opening a package did, for the CLI and the import report. */
export function describeReviewImport(r: Omit<ReviewImportResult, 'summary'>): string {
  const from = r.sentBy.name.trim() || 'someone';
  if (r.outcome === 'created') {
    return `Opened “${r.headline || 'Untitled'}” from ${from}’s review package (${r.revisionsAdded} ${r.revisionsAdded === 1 ? 'revision' : 'revisions'}).`;
  }
  const m = r.merge!;
  const parts = [
    m.suggestionsAdded + m.fieldSuggestionsAdded > 0 &&
      plural(m.suggestionsAdded + m.fieldSuggestionsAdded, 'suggestion'),
    m.commentsAdded > 0 && plural(m.commentsAdded, 'comment'),
    m.blocksFromTheirs > 0 && plural(m.blocksFromTheirs, 'changed passage'),
    m.fieldsFromTheirs.length > 0 &&
      `${m.fieldsFromTheirs.length === 1 ? 'field' : 'fields'} ${m.fieldsFromTheirs.join(', ')}`,
  ].filter(Boolean);
  const what = parts.length > 0 ? `added ${parts.join(', ')}` : 'nothing new';
  const conflicts =
    r.conflicts.length > 0
      ? ` ${plural(r.conflicts.length, 'conflict')} to decide: both of you changed the same text, yours is kept and theirs is a suggestion.`
      : '';
  return `Merged ${from}’s review of “${r.headline || 'Untitled'}”: ${what}.${conflicts}`;
}

function plural(n: number, word: string): string {
  return `${n} ${word}${n === 1 ? '' : 's'}`;
}
