import { z } from 'zod';
import {
  ArticleContentSchema,
  ArticleIdSchema,
  DESK_STATUSES,
  type Article,
  type ArticleSummary,
  type DeskStatus,
} from './article';

/**
 * Types and input schemas for the library at scale: search, trash, revisions, damaged files
 * and files changed on disk. contract.ts imports these into the one API table; they live in
 * their own file so the library's types do not crowd the contract.
 */

/** A date or date-time the user typed in a filter: `2025-03-01` or a full ISO date-time. */
const DateBoundSchema = z.union([z.iso.date(), z.iso.datetime({ offset: true })]);

export const SearchSortSchema = z.enum(['relevance', 'modified', 'created', 'headline']);
export type SearchSort = z.infer<typeof SearchSortSchema>;

export const SearchFiltersSchema = z
  .object({
    /** Keep articles in any of these desk statuses. */
    status: z.array(z.enum(DESK_STATUSES)).max(DESK_STATUSES.length).optional(),
    /** Keep articles whose byline contains this (case and accents ignored). */
    byline: z.string().max(200).optional(),
    /** Keep articles in this section (case ignored). */
    section: z.string().max(200).optional(),
    /** Keep articles that carry every one of these tags (case ignored). */
    tags: z.array(z.string().max(200)).max(20).optional(),
    /** Which date `from`/`to` apply to. Default `updatedAt`. */
    dateField: z.enum(['updatedAt', 'createdAt']).optional(),
    /** Inclusive lower bound; a bare date means the start of that day (UTC). */
    from: DateBoundSchema.optional(),
    /** Inclusive upper bound; a bare date means the end of that day (UTC). */
    to: DateBoundSchema.optional(),
  })
  .strict();
export type SearchFilters = z.infer<typeof SearchFiltersSchema>;

export const SearchArticlesInputSchema = z
  .object({
    /** What the user typed. Empty: every article that passes the filters. */
    query: z.string().max(500),
    filters: SearchFiltersSchema.optional(),
    /** Default `relevance` with a query, `modified` without. */
    sort: SearchSortSchema.optional(),
    /** How many hits to return. Default 50. */
    limit: z.number().int().min(1).max(500).optional(),
    /**
     * How many of the hits carry a body snippet (each reads its article's file). Default: all.
     * The library list shows none, so it asks for 0 and its 500 hits read no file.
     */
    snippets: z.number().int().min(0).max(500).optional(),
  })
  .strict();
export type SearchArticlesInput = z.infer<typeof SearchArticlesInputSchema>;

/** A run of text, marked when it is one of the words the search matched. */
export interface TextSegment {
  text: string;
  match: boolean;
}

export interface SearchHit {
  article: ArticleSummary;
  /** Relevance (higher is better); 0 when there was no query. */
  score: number;
  /** The words of the article that matched (lower-cased, accents removed), for highlighting. */
  terms: string[];
  /** Which fields each matched word was found in. */
  fields: Record<string, string[]>;
  /** Headline, Content Highlight and byline split into matched and unmatched runs. */
  highlights: { headline: TextSegment[]; contentHighlight: TextSegment[]; byline: TextSegment[] };
  /** A short passage of the body around the first match (or its start), marked the same way. */
  snippet: TextSegment[];
}

/** What a search found, and the note to show when its last word was narrowed. */
export function narrowedNote(n: NonNullable<SearchResult['narrowed']>): string {
  return `“${n.prefix}” starts ${n.of.toLocaleString('en-GB')} words: showing articles with the ${n.used} most common. Type more of the word to find the rest.`;
}

export interface SearchResult {
  hits: SearchHit[];
  /** How many articles matched in all (hits holds at most `limit` of them). */
  total: number;
  /** How long the search took inside the library (ms). */
  tookMs: number;
  /**
   * Set when the last word, taken as the start of longer words, starts so many that only the
   * commonest were searched (`used` of `of`): typing more letters narrows it.
   */
  narrowed?: { prefix: string; used: number; of: number };
}

export interface TrashedArticle {
  /** Names this trashed file (an article trashed twice has two entries). */
  trashId: string;
  id: string;
  headline: string;
  byline: string;
  wordCount: number;
  trashedAt: string;
  updatedAt: string;
}

/** Why a revision was recorded. */
export const REVISION_REASONS = [
  'explicit',
  'switch',
  'close',
  'autosave',
  'status',
  'import',
  'created',
  'duplicate',
  'restore',
  'before-restore',
  'conflict-copy',
  'changed-on-disk',
  // The review round trip (services/reviewPackage.ts): sent in a package, received in one, merged.
  'review-sent',
  'review-received',
  'review-merged',
] as const;
export type RevisionReason = (typeof REVISION_REASONS)[number];

export interface RevisionInfo {
  /** Stable name of the revision (also its file name without `.json`). */
  revisionId: string;
  articleId: string;
  savedAt: string;
  reason: RevisionReason;
  /** The library's author name at the time (`authorName` in the library settings); may be empty. */
  author: string;
  /** The article's rev the revision holds. */
  rev: number;
  headline: string;
  status: DeskStatus;
  wordCount: number;
  /** A short description of the change from the revision before, e.g. "+120 words, headline changed". */
  summary: string;
}

export const RevisionIdSchema = z.string().regex(/^\d{8}T\d{9}Z-\d+$/, 'That is not a revision id.');

export const GetRevisionDiffInputSchema = z
  .object({
    id: ArticleIdSchema,
    /** The older side. */
    from: RevisionIdSchema,
    /** The newer side: another revision, or the article as it is stored now. Default `current`. */
    to: z.union([RevisionIdSchema, z.literal('current')]).optional(),
  })
  .strict();

export const DIFF_FIELDS = [
  'headline',
  'contentHighlight',
  'byline',
  'dateline',
  'section',
  'tags',
  'status',
  'body',
] as const;
export type DiffField = (typeof DIFF_FIELDS)[number];

export interface DiffSegment {
  type: 'equal' | 'insert' | 'delete';
  text: string;
}

export interface FieldDiff {
  field: DiffField;
  changed: boolean;
  /** Inline word-level segments: read them in order; `insert` is only in the newer side, `delete` only in the older. */
  segments: DiffSegment[];
}

export interface RevisionDiff {
  from: { revisionId: string; savedAt: string; rev: number };
  to: { revisionId: string | 'current'; savedAt: string; rev: number };
  fields: FieldDiff[];
  /** e.g. "+120 words, headline changed", or "no changes". */
  summary: string;
}

export interface RestorableRevision {
  revisionId: string;
  savedAt: string;
  wordCount: number;
  headline: string;
}

/** A sync tool's own conflict file found in `articles/`: shown as a conflict, never listed as an article. */
export interface SyncConflictFile {
  /** Relative to the library folder. */
  file: string;
  /** The article the conflict file is a version of, when its name tells. */
  articleId: string | null;
  tool: 'dropbox' | 'syncthing' | 'case-conflict' | 'other';
  detectedAt: string;
}

/** An article file that changed on disk from outside Copydesk (a sync tool, the CLI, another machine). */
export interface ArticleChangedOnDisk {
  id: string;
  change: 'changed' | 'added' | 'removed';
  /** The rev now on disk (absent when removed). */
  rev?: number;
  headline?: string;
  updatedAt?: string;
}

const TrashIdSchema = z
  .string()
  .regex(/^[a-z0-9][a-z0-9-]{2,63}(\.\d+)?$/, 'That is not an article in the trash.');

/**
 * The library methods of the IPC contract (search, trash, duplicate, revisions, damaged
 * files, conflicts): contract.ts spreads these into its method table.
 */
export const libraryMethodInputs = {
  /** Full-text search with filters and sorting; hits carry highlights and a snippet. */
  searchArticles: SearchArticlesInputSchema,
  listTrash: z.undefined(),
  restoreFromTrash: z.object({ trashId: TrashIdSchema }).strict(),
  /** Erases the trash for good: the renderer must have asked the user, and says so with `confirm: true`. */
  emptyTrash: z.object({ confirm: z.literal(true) }).strict(),
  duplicateArticle: z.object({ id: ArticleIdSchema }).strict(),
  listRevisions: z.object({ id: ArticleIdSchema }).strict(),
  getRevisionDiff: GetRevisionDiffInputSchema,
  /** `baseRev`: the rev the editor holds; the restore is refused (conflict) when the article moved on. */
  restoreRevision: z
    .object({
      id: ArticleIdSchema,
      revisionId: RevisionIdSchema,
      baseRev: z.number().int().nonnegative().optional(),
    })
    .strict(),
  restoreDamaged: z.object({ keptAs: z.string().max(500) }).strict(),
  /** After a `conflict` on save: keep both versions (see LibraryStore.saveConflictCopy). */
  saveConflictCopy: z
    .object({
      id: ArticleIdSchema,
      content: ArticleContentSchema,
      keep: z.enum(['mine', 'theirs']).optional(),
    })
    .strict(),
} as const;

export interface LibraryMethodOutputs {
  searchArticles: SearchResult;
  listTrash: TrashedArticle[];
  restoreFromTrash: Article;
  emptyTrash: { removed: number };
  duplicateArticle: Article;
  listRevisions: RevisionInfo[];
  getRevisionDiff: RevisionDiff;
  restoreRevision: Article;
  restoreDamaged: Article;
  /** `article`: the article as stored now; `copy`: the new "(conflict copy)" article. */
  saveConflictCopy: { article: Article; copy: Article };
}
