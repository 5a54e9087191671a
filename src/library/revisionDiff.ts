import { diffWordsWithSpace } from 'diff';
import { DESK_STATUS_LABELS, type Article } from '../shared/article';
import { DIFF_FIELDS, type DiffField, type DiffSegment, type FieldDiff } from '../shared/libraryTypes';
import { bodyText } from '../shared/text';

/** The text of one field as the history panel compares it. */
function fieldText(a: Article, field: DiffField): string {
  switch (field) {
    case 'body':
      return bodyText(a.body);
    case 'tags':
      return a.tags.join(', ');
    case 'status':
      return DESK_STATUS_LABELS[a.status];
    default:
      return a[field];
  }
}

/**
 * What changed between two versions of an article, field by field, as inline word-level
 * segments: the history panel shows them in order, striking `delete` and marking `insert`.
 * Whitespace is kept in the segments so the text reads as written (paragraph breaks included).
 */
export function diffArticles(older: Article, newer: Article): FieldDiff[] {
  return DIFF_FIELDS.map((field) => {
    const before = fieldText(older, field);
    const after = fieldText(newer, field);
    if (before === after) {
      return { field, changed: false, segments: before ? [{ type: 'equal', text: before }] : [] };
    }
    const segments: DiffSegment[] = [];
    for (const part of diffWordsWithSpace(before, after)) {
      const type = part.added ? 'insert' : part.removed ? 'delete' : 'equal';
      const last = segments[segments.length - 1];
      if (last && last.type === type) last.text += part.value;
      else segments.push({ type, text: part.value });
    }
    return { field, changed: true, segments };
  });
}
