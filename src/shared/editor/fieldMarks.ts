import type { Finding, FindingKind } from '../../checks/types';
import type { CommentThread } from '../article';
import { mapFieldRange } from '../review/comments';

type CommentAnchor = CommentThread['anchor'];

/**
 * What a field's mirror (FieldSquiggles) marks in a headline, Content Highlight or byline: a
 * check's finding (underlined) or a comment thread, or the comment being written (highlighted).
 * Positions are characters of the field's value.
 */
export type FieldMark =
  | { type: 'finding'; id: string; from: number; to: number; kind: FindingKind }
  | { type: 'comment'; id: string; from: number; to: number };

/** A stretch of the field's text with every mark that covers all of it (none for plain text). */
export interface FieldSegment {
  from: number;
  to: number;
  marks: FieldMark[];
}

/** A comment as the mirror needs it: a saved thread or the draft being written (never resolved). */
export interface FieldComment {
  id: string;
  anchor: CommentAnchor;
  range?: { from: number; to: number };
  resolved?: boolean;
}

/** The findings whose text is still where the check saw it (the field may have changed since). */
export function findingMarks(value: string, findings: readonly Finding[]): FieldMark[] {
  return findings
    .filter((f) => f.position.to > f.position.from && value.slice(f.position.from, f.position.to) === f.text)
    .map((f) => ({ type: 'finding', id: f.id, from: f.position.from, to: f.position.to, kind: f.kind }));
}

/**
 * The comments to highlight in `field`: its open threads (and the draft, when written there).
 * Resolved threads are left plain, as in the body; a thread whose words were deleted (its range
 * collapsed or past the end: orphaned, see placeThread) has nothing left to highlight.
 *
 * The ranges count in `accepted`, the field's value; in suggesting mode the field shows `value`,
 * your suggestion instead, and the ranges are carried over to it (as typing would move them).
 */
export function commentMarks(
  field: string,
  value: string,
  comments: readonly FieldComment[],
  accepted = value,
): FieldMark[] {
  const marks: FieldMark[] = [];
  for (const t of comments) {
    let r = t.range;
    if (t.anchor !== field || t.resolved || !r || r.to <= r.from || r.to > accepted.length) continue;
    if (accepted !== value) r = mapFieldRange(r, accepted, value);
    if (r.to > r.from) marks.push({ type: 'comment', id: t.id, from: r.from, to: r.to });
  }
  return marks;
}

/**
 * Cuts a text of `length` characters at every mark's edge, so marks may overlap: each segment
 * carries every mark that covers it. Marks that are empty or reach outside the text are dropped.
 * The segments cover the whole text, in order, without gaps.
 */
export function segmentField(length: number, marks: readonly FieldMark[]): FieldSegment[] {
  const kept = marks.filter((m) => m.from >= 0 && m.to <= length && m.to > m.from);
  const cuts = [...new Set([0, length, ...kept.flatMap((m) => [m.from, m.to])])].sort((a, b) => a - b);
  const segments: FieldSegment[] = [];
  for (let i = 0; i + 1 < cuts.length; i++) {
    const from = cuts[i]!;
    const to = cuts[i + 1]!;
    segments.push({ from, to, marks: kept.filter((m) => m.from <= from && m.to >= to) });
  }
  return segments;
}

/**
 * The classes of a segment, the same as the body's: `check-squiggle check-<kind>` for findings
 * (as CheckDecorations), `comment-highlight` (`-many` when comments overlap, `-active` for the
 * thread the panel is on) for comments (as the Comments extension).
 */
export function segmentClass(marks: readonly FieldMark[], activeId: string | null): string {
  const classes: string[] = [];
  const kinds = new Set<FindingKind>();
  for (const m of marks) if (m.type === 'finding') kinds.add(m.kind);
  if (kinds.size > 0) classes.push('check-squiggle', ...[...kinds].map((k) => `check-${k}`));
  const comments = marks.filter((m) => m.type === 'comment');
  if (comments.length > 0) classes.push('comment-highlight');
  if (comments.length > 1) classes.push('comment-highlight-many');
  if (activeId !== null && comments.some((m) => m.id === activeId)) classes.push('comment-highlight-active');
  return classes.join(' ');
}
