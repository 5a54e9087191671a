import type { Article, FieldSuggestion, Person, ReviewField } from '../article';
import { CopydeskError } from '../errors';
import { listSuggestions, type SuggestionKind } from './forExport';

/**
 * Suggestions on the headline, Content Highlight and byline, as plain data: the editor, the
 * CLI and the review-package merge all use these. Each person has at most one pending
 * suggestion per field (editing the field again in suggesting mode updates it); accepting one
 * sets the field to its value, rejecting one drops it.
 */

export const FIELD_LABELS: Record<ReviewField, string> = {
  headline: 'Headline',
  contentHighlight: 'Content Highlight',
  byline: 'Byline',
};

type Fields = Pick<Article, ReviewField>;

function samePerson(a: Person, b: Person): boolean {
  return a.name === b.name && (a.initials ?? '') === (b.initials ?? '');
}

/** A field suggestion id (`f` + time + random, base 36): the article format's review id. */
export function newFieldSuggestionId(now = new Date(), random = Math.random): string {
  const rand = Math.floor(random() * 36 ** 6)
    .toString(36)
    .padStart(6, '0');
  return `f${now.getTime().toString(36)}${rand}`;
}

/** This person's pending suggestion on a field, if any. */
export function ownFieldSuggestion(
  list: readonly FieldSuggestion[],
  field: ReviewField,
  author: Person,
): FieldSuggestion | undefined {
  return list.find((s) => s.field === field && samePerson(s.author, author));
}

/**
 * Records what `author` typed into `field` in suggesting mode: creates their suggestion, updates
 * it, or removes it when the text is back to the field's value. The field itself never changes.
 */
export function suggestFieldValue(
  list: readonly FieldSuggestion[],
  fields: Fields,
  field: ReviewField,
  value: string,
  author: Person,
  now = new Date(),
): FieldSuggestion[] {
  const own = ownFieldSuggestion(list, field, author);
  const others = list.filter((s) => s !== own);
  if (value === fields[field]) return others;
  const next: FieldSuggestion = own
    ? { ...own, to: value, at: now.toISOString() }
    : { id: newFieldSuggestionId(now), field, author, at: now.toISOString(), from: fields[field], to: value };
  // Keep the list's order stable: an updated suggestion stays where it was.
  return own ? list.map((s) => (s === own ? next : s)) : [...list, next];
}

function find(list: readonly FieldSuggestion[], id: string): FieldSuggestion {
  const s = list.find((x) => x.id === id);
  if (!s) throw new CopydeskError('not-found', `There is no suggestion ${id} on this article's fields.`);
  return s;
}

/** Accepts a field suggestion: the field takes its value; other suggestions on that field stay. */
export function acceptFieldSuggestion(
  fields: Fields,
  list: readonly FieldSuggestion[],
  id: string,
): { fields: Fields; fieldSuggestions: FieldSuggestion[] } {
  const s = find(list, id);
  return { fields: { ...fields, [s.field]: s.to }, fieldSuggestions: list.filter((x) => x !== s) };
}

/** Rejects a field suggestion: it is dropped and the field keeps its value. */
export function rejectFieldSuggestion(list: readonly FieldSuggestion[], id: string): FieldSuggestion[] {
  const s = find(list, id);
  return list.filter((x) => x !== s);
}

/** One line of `copydesk suggestions`: a body or a field suggestion. */
export interface SuggestionListing {
  id: string;
  where: 'body' | ReviewField;
  author: string;
  at: string | null;
  kind: string;
  text: string;
  /** Field suggestions: the value before and the value suggested. */
  from?: string;
  to?: string;
}

const KIND_LABELS: Record<SuggestionKind, string> = {
  insertion: 'insert',
  deletion: 'delete',
  modification: 'format',
};

/** Every open suggestion of an article: the body's in document order, then the fields'. */
export function listAllSuggestions(article: Pick<Article, 'body' | 'fieldSuggestions'>): SuggestionListing[] {
  const body = listSuggestions(article.body).map((s): SuggestionListing => ({
    id: s.id,
    where: 'body',
    author: s.author?.name ?? 'Unknown',
    at: s.at ?? null,
    kind: s.kinds.map((k) => KIND_LABELS[k]).join('+'),
    text: s.text,
  }));
  const fields = (article.fieldSuggestions ?? []).map((s): SuggestionListing => ({
    id: s.id,
    where: s.field,
    author: s.author.name,
    at: s.at,
    kind: 'replace',
    text: s.to,
    from: s.from,
    to: s.to,
  }));
  return [...body, ...fields];
}
