/** The kinds of finding, in the order the findings panel groups them. */
export const FINDING_KINDS = [
  'spelling',
  'grammar',
  'names',
  'support',
  'style',
  'readability',
  'readiness',
] as const;
export type FindingKind = (typeof FINDING_KINDS)[number];

/** The article fields a finding can point into. */
export const CHECKED_FIELDS = ['headline', 'contentHighlight', 'byline', 'dateline', 'body'] as const;
export type CheckedField = (typeof CHECKED_FIELDS)[number];

/**
 * How much a finding matters: `error` blocks publish readiness for the kinds that count there,
 * `warning` is worth a look, `info` is a note (e.g. a name the dictionary does not know).
 */
export type Severity = 'error' | 'warning' | 'info';

/**
 * Where a finding is. For the body, `from`/`to` are ProseMirror positions in the article's
 * body document (so the editor can select them with `TextSelection.create(doc, from, to)`);
 * `block` is the index of the text block and `offset` the character offset inside it.
 * For the other fields they are string offsets into the field's text.
 */
export interface FindingPosition {
  from: number;
  to: number;
  block?: number;
  offset?: number;
}

/** One thing a copy editor should look at. */
export interface Finding {
  /** Stable hash of kind, rule, field, text and position: the key for "ignore here". */
  id: string;
  kind: FindingKind;
  /** The rule that fired, e.g. `misspelling`, `repeated-word`, `default/percent`. */
  rule: string;
  /** Explains itself in newsroom words. */
  message: string;
  field: CheckedField;
  /** The text the finding is about, exactly as it appears. */
  text: string;
  position: FindingPosition;
  /** Replacements to offer, best first; the first is the fix "fix" applies. */
  suggestions: string[];
  severity: Severity;
}

/** The fields checkArticle reads: an Article, an ArticleDraft or the editor's live content all fit. */
export interface CheckableArticle {
  headline: string;
  contentHighlight: string;
  byline: string;
  dateline: string;
  body: import('../shared/article').BodyDoc;
  /** Comment threads and field suggestions: the unresolved ones fail the readiness checklist. */
  comments?: readonly import('../shared/article').CommentThread[];
  fieldSuggestions?: readonly import('../shared/article').FieldSuggestion[];
  createdAt?: string;
  updatedAt?: string;
}

export type ReadinessStatus = 'pass' | 'fail' | 'overridden';

/** One line of the publish-readiness checklist. */
export interface ReadinessItem {
  id: ReadinessItemId;
  label: string;
  status: ReadinessStatus;
  /** Why it passed or failed, in words a producer reads. */
  detail: string;
}

export const READINESS_ITEM_IDS = [
  'headline',
  'contentHighlight',
  'byline',
  'dateline',
  'bodyLength',
  'spelling',
  'names',
  'suggestions',
  'comments',
  'links',
  'figures',
] as const;
export type ReadinessItemId = (typeof READINESS_ITEM_IDS)[number];

export interface ReadinessReport {
  /** True when every item passes or is overridden. */
  ready: boolean;
  items: ReadinessItem[];
}

export interface CheckStats {
  words: number;
  sentences: number;
  paragraphs: number;
  /** Flesch reading ease of the body (higher is easier; news copy aims for 50–70). */
  fleschReadingEase: number;
  averageSentenceWords: number;
  /** Findings per kind, after ignores. */
  counts: Record<FindingKind, number>;
  /** How many body blocks were checked afresh (the rest came from the cache). */
  blocksChecked: number;
  blocksCached: number;
  elapsedMs: number;
}

export interface CheckResult {
  findings: Finding[];
  readiness: ReadinessReport;
  stats: CheckStats;
}
