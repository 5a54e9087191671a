import { z } from 'zod';
import { isWebUrl } from './urls';

/** The version of the article file format this build writes. Older files are migrated on read. */
export const ARTICLE_SCHEMA_VERSION = 1;

/** Desk statuses, in the order an article normally moves through them. */
export const DESK_STATUSES = [
  'draft',
  'ready-for-edit',
  'in-edit',
  'ready-to-publish',
  'published',
  'spiked',
] as const;
export type DeskStatus = (typeof DESK_STATUSES)[number];

export const DESK_STATUS_LABELS: Record<DeskStatus, string> = {
  draft: 'Draft',
  'ready-for-edit': 'Ready for edit',
  'in-edit': 'In edit',
  'ready-to-publish': 'Ready to publish',
  published: 'Published',
  spiked: 'Spiked',
};

/** A ProseMirror/TipTap mark as stored in JSON. */
export interface BodyMark {
  type: string;
  attrs?: Record<string, unknown>;
}

/** A ProseMirror/TipTap node as stored in JSON. */
export interface BodyNode {
  type: string;
  attrs?: Record<string, unknown>;
  content?: BodyNode[];
  marks?: BodyMark[];
  text?: string;
}

const BodyMarkSchema = z.object({
  type: z.string().min(1),
  attrs: z.record(z.string(), z.unknown()).optional(),
});

// The shape only: whether the nodes fit the article schema is checked against the
// editor preset (see editor/schema.ts), which knows which node types exist.
export const BodyNodeSchema: z.ZodType<BodyNode> = z.lazy(() =>
  z.object({
    type: z.string().min(1),
    attrs: z.record(z.string(), z.unknown()).optional(),
    content: z.array(BodyNodeSchema).optional(),
    marks: z.array(BodyMarkSchema).optional(),
    text: z.string().optional(),
  }),
);

export const BodyDocSchema = z.object({
  type: z.literal('doc'),
  content: z.array(BodyNodeSchema).optional(),
});
export type BodyDoc = z.infer<typeof BodyDocSchema>;

const isoDate = z.iso.datetime({ offset: true });

// ── Review: who did what, when ─────────────────────────────────────────────────────────────
// Everything an editor adds in review (comments, suggestions on the fields, status changes) is
// attributed to the person named in Settings, with a time. Body suggestions live in the body
// itself as insertion/deletion/modification marks (see editor/Suggestions.ts); notes are `note`
// marks. None of it ever reaches an export (see review/forExport.ts).

/** Short random ids for comments, replies and suggestions. */
export const ReviewIdSchema = z.string().regex(/^[A-Za-z0-9_-]{4,64}$/, 'An id of 4–64 letters, digits, - or _.');

export const PersonSchema = z.object({
  name: z.string().max(200),
  initials: z.string().max(8).optional(),
});
export type Person = z.infer<typeof PersonSchema>;

/** The article fields, besides the body, that take comments and suggestions. */
export const REVIEW_FIELDS = ['headline', 'contentHighlight', 'byline'] as const;
export type ReviewField = (typeof REVIEW_FIELDS)[number];

export const CommentMessageSchema = z.object({
  id: ReviewIdSchema,
  author: PersonSchema,
  at: isoDate,
  text: z.string().min(1).max(20_000),
  editedAt: isoDate.optional(),
});
export type CommentMessage = z.infer<typeof CommentMessageSchema>;

/**
 * A comment thread. On the body it is anchored by `comment` marks carrying its id (so it moves
 * with the text); on a field by a character range kept up to date as the field changes. When
 * its text is deleted the thread is orphaned: still listed, with the text it was on (`quote`).
 */
export const CommentThreadSchema = z.object({
  id: ReviewIdSchema,
  anchor: z.enum(['body', 'headline', 'contentHighlight', 'byline']),
  /** For a field anchor: the commented characters, [from, to). */
  range: z.object({ from: z.number().int().nonnegative(), to: z.number().int().nonnegative() }).optional(),
  /** The text the thread was made on, shown when it is orphaned. */
  quote: z.string().max(5000),
  resolved: z.boolean(),
  resolvedBy: PersonSchema.optional(),
  resolvedAt: isoDate.optional(),
  messages: z.array(CommentMessageSchema).min(1).max(500),
});
export type CommentThread = z.infer<typeof CommentThreadSchema>;

/** A suggested new value for the headline, Content Highlight or byline. */
export const FieldSuggestionSchema = z.object({
  id: ReviewIdSchema,
  field: z.enum(REVIEW_FIELDS),
  author: PersonSchema,
  at: isoDate,
  /** The field's value when the suggestion was made. */
  from: z.string().max(5000),
  /** The value suggested. */
  to: z.string().max(5000),
});
export type FieldSuggestion = z.infer<typeof FieldSuggestionSchema>;

/** One desk status change: who, when, from, to, why; and the override when publishing skipped the readiness check. */
export const StatusChangeSchema = z.object({
  at: isoDate,
  by: PersonSchema,
  from: z.enum(DESK_STATUSES),
  to: z.enum(DESK_STATUSES),
  message: z.string().max(2000).optional(),
  /** Set when the article was published although the readiness check did not pass. */
  override: z
    .object({
      reason: z.string().max(2000),
      /** The readiness findings that were overridden, as shown to the user. */
      findings: z.array(z.string().max(1000)).max(200),
    })
    .optional(),
});
export type StatusChange = z.infer<typeof StatusChangeSchema>;

/** Article ids are generated by the library; they are also file names, so keep them tame. */
export const ArticleIdSchema = z
  .string()
  .regex(/^[a-z0-9][a-z0-9-]{2,63}$/, 'An article id is 3–64 lowercase letters, digits or dashes.');

/** The most related stories an article lists. */
export const MAX_RELATED = 20;

/**
 * One "You may also like" entry: a story in this library (linked through the library's
 * `relatedUrlPattern` at export, with its headline as the link text) or any web page, given as
 * an http(s) address and the title to show.
 */
export const RelatedItemSchema = z.discriminatedUnion('kind', [
  z.object({ kind: z.literal('article'), id: ArticleIdSchema }).strict(),
  z
    .object({
      kind: z.literal('url'),
      url: z
        .string()
        .max(2000)
        .refine(isWebUrl, 'A related link needs a web address starting with http:// or https://.'),
      title: z.string().trim().min(1, 'A related link needs a title.').max(300),
    })
    .strict(),
]);
export type RelatedItem = z.infer<typeof RelatedItemSchema>;

export const ArticleSchema = z.object({
  schemaVersion: z.literal(ARTICLE_SCHEMA_VERSION),
  id: ArticleIdSchema,
  headline: z.string().max(2000),
  contentHighlight: z.string().max(5000),
  byline: z.string().max(2000),
  dateline: z.string().max(500),
  body: BodyDocSchema,
  status: z.enum(DESK_STATUSES),
  section: z.string().max(200).default(''),
  tags: z.array(z.string().max(200)).max(100).default([]),
  language: z.string().max(35).default('en-GB'),
  createdAt: isoDate,
  updatedAt: isoDate,
  /** Increases by one on every save; lets a save detect that the file changed underneath it. */
  rev: z.number().int().nonnegative(),
  // Review and related articles: absent in files that never had any (older files read as empty).
  /** Related stories, in the order the editor chose ("You may also like"); see RelatedItemSchema. */
  related: z.array(RelatedItemSchema).max(MAX_RELATED).optional(),
  comments: z.array(CommentThreadSchema).max(2000).optional(),
  fieldSuggestions: z.array(FieldSuggestionSchema).max(500).optional(),
  /** Kept by the library (set through setStatus), oldest first; a save never changes it. */
  statusHistory: z.array(StatusChangeSchema).max(5000).optional(),
});
export type Article = z.infer<typeof ArticleSchema>;

/** The fields a user edits; everything else is kept by the library. */
export const ArticleContentSchema = ArticleSchema.pick({
  headline: true,
  contentHighlight: true,
  byline: true,
  dateline: true,
  body: true,
  section: true,
  tags: true,
  related: true,
  comments: true,
  fieldSuggestions: true,
});
export type ArticleContent = z.infer<typeof ArticleContentSchema>;

/** What an importer produces: the content of a new article, and what it had to leave out. */
export interface ArticleDraft extends ArticleContent {
  /** Human-readable notes on what the importer dropped or moved, so nothing is lost silently. */
  report: ImportNote[];
}

export interface ImportNote {
  kind: 'dropped' | 'moved' | 'warning';
  message: string;
  /** The text concerned, when there is one. */
  text?: string;
}

/** One row of the library list: enough to show and filter without opening the article. */
export const ArticleSummarySchema = z.object({
  id: ArticleIdSchema,
  headline: z.string(),
  byline: z.string(),
  dateline: z.string(),
  contentHighlight: z.string(),
  status: z.enum(DESK_STATUSES),
  section: z.string(),
  tags: z.array(z.string()),
  wordCount: z.number().int().nonnegative(),
  createdAt: isoDate,
  updatedAt: isoDate,
});
export type ArticleSummary = z.infer<typeof ArticleSummarySchema>;

export function emptyBody(): BodyDoc {
  return { type: 'doc', content: [{ type: 'paragraph' }] };
}
