import {
  ArticleSchema,
  emptyBody,
  type ArticleDraft,
  type BodyNode,
  type ImportNote,
} from '../shared/article';

/** Options every importer accepts. */
export interface ImportOptions {
  /** The file name the text came from, used in error messages; omit for a paste. */
  sourceName?: string;
}

/** The article fields an importer found; anything missing is empty. */
export interface DraftFields {
  headline?: string;
  contentHighlight?: string;
  byline?: string;
  dateline?: string;
  section?: string;
  tags?: string[];
}

type TextField = 'headline' | 'contentHighlight' | 'byline' | 'dateline' | 'section';

const FIELD_LABELS: Record<TextField, string> = {
  headline: 'headline',
  contentHighlight: 'Content Highlight',
  byline: 'byline',
  dateline: 'dateline',
  section: 'section',
};

// Tags limits as in ArticleSchema (an array with a default does not expose them); the draft
// tests check the result against the schema, so a change there shows up.
const MAX_TAGS = 100;
const MAX_TAG_LENGTH = 200;

/** The longest value ArticleSchema accepts for a text field. */
function maxLength(field: TextField): number {
  const schema = ArticleSchema.shape[field];
  const inner = 'unwrap' in schema ? schema.unwrap() : schema;
  return inner.maxLength ?? Infinity;
}

/** Cuts `text` to `max` UTF-16 units without leaving half a surrogate pair. */
function cut(text: string, max: number): string {
  const head = text.slice(0, max);
  return /[\uD800-\uDBFF]$/.test(head) ? head.slice(0, -1) : head;
}

/**
 * Assembles the draft: fields trimmed and fitted to the article schema (what does not fit is
 * kept, whole, in a note), an empty body as the editor's one empty paragraph.
 */
export function finishDraft(fields: DraftFields, blocks: BodyNode[], report: ImportNote[]): ArticleDraft {
  const notes = [...report];
  const text = (field: TextField): string => {
    const value = (fields[field] ?? '').trim();
    const max = maxLength(field);
    if (value.length <= max) return value;
    notes.push({
      kind: 'warning',
      message: `The ${FIELD_LABELS[field]} was too long (${value.length} characters, at most ${max}) and was cut; the whole text is here.`,
      text: value,
    });
    return cut(value, max).trim();
  };

  const tags: string[] = [];
  for (const raw of fields.tags ?? []) {
    const tag = raw.trim();
    if (tag === '' || tags.includes(tag)) continue;
    if (tags.length >= MAX_TAGS || tag.length > MAX_TAG_LENGTH) {
      notes.push({
        kind: 'dropped',
        message: `The tag was left out: an article has at most ${MAX_TAGS} tags of up to ${MAX_TAG_LENGTH} characters.`,
        text: tag,
      });
      continue;
    }
    tags.push(tag);
  }

  const draft: ArticleDraft = {
    headline: text('headline'),
    contentHighlight: text('contentHighlight'),
    byline: text('byline'),
    dateline: text('dateline'),
    section: text('section'),
    tags,
    body: blocks.length > 0 ? { type: 'doc', content: blocks } : emptyBody(),
    report: notes,
  };
  if (blocks.length === 0 && !draft.headline && !draft.contentHighlight && !draft.byline && !draft.dateline) {
    notes.push({ kind: 'warning', message: 'No article text was found to import.' });
  }
  return draft;
}

// C0 controls other than tab and line breaks (a form feed is a page break, a vertical tab a line break), DEL, and the non-characters
// U+FFFE/U+FFFF: they cannot be seen or typed, and HTML and XML exports reject them.
const CONTROL_CHARACTERS = /[\u0000-\u0008\u000E-\u001F\u007F\uFFFE\uFFFF]/g;

/**
 * Prepares imported text: drops a byte-order mark, turns Windows and old Mac line endings and
 * Unicode line/paragraph separators into plain line breaks, and removes invisible control
 * characters (with a note saying how many). The words themselves are never changed.
 */
export function cleanInputText(input: string, report: ImportNote[]): string {
  let text = input.startsWith('\uFEFF') ? input.slice(1) : input;
  text = text
    .replace(/\r\n?/g, '\n')
    .replace(/[\u2028\u000B]/g, '\n')
    .replace(/[\u2029\u000C]/g, '\n\n');
  let removed = 0;
  text = text.replace(CONTROL_CHARACTERS, () => {
    removed++;
    return '';
  });
  if (removed > 0) {
    report.push({
      kind: 'dropped',
      message: `${removed} invisible control character${removed === 1 ? ' was' : 's were'} removed from the text.`,
    });
  }
  return text;
}
