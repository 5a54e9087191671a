import { describe, expect, it } from 'vitest';
import type { Finding } from '../../src/checks/types';
import {
  commentMarks,
  findingMarks,
  segmentClass,
  segmentField,
  type FieldMark,
} from '../../src/shared/editor/fieldMarks';

const comment = (id: string, from: number, to: number): FieldMark => ({ type: 'comment', id, from, to });
const finding = (id: string, from: number, to: number): FieldMark => ({
  type: 'finding',
  id,
  from,
  to,
  kind: 'spelling',
});

/** The segments as [text, ids of the marks on it]. */
function shown(value: string, marks: FieldMark[]): [string, string[]][] {
  return segmentField(value.length, marks).map((s) => [value.slice(s.from, s.to), s.marks.map((m) => m.id)]);
}

describe('a field cut for its mirror', () => {
  it('shows a finding inside a comment on both, and the comment on the rest of its words', () => {
    const value = 'Council aproves flood barrier';
    expect(shown(value, [finding('f', 8, 15), comment('c', 8, 21)])).toEqual([
      ['Council ', []],
      ['aproves', ['f', 'c']],
      [' flood', ['c']],
      [' barrier', []],
    ]);
  });

  it('shows two overlapping comments, each where it reaches, both where they meet', () => {
    const value = 'Council approves flood barrier';
    expect(shown(value, [comment('a', 0, 16), comment('b', 8, 22), comment('c', 8, 16)])).toEqual([
      ['Council ', ['a']],
      ['approves', ['a', 'b', 'c']],
      [' flood', ['b']],
      [' barrier', []],
    ]);
  });

  it('drops marks that are empty or reach past the text', () => {
    expect(shown('Vote', [comment('a', 2, 2), comment('b', 1, 9), finding('f', -1, 2)])).toEqual([
      ['Vote', []],
    ]);
    expect(segmentField(0, [])).toEqual([]);
  });

  it('gives every character exactly the marks that cover it, however they overlap', () => {
    // A fixed pseudo-random sequence, so a failure can be replayed.
    let seed = 7;
    const next = (n: number): number => {
      seed = (seed * 1103515245 + 12345) % 2 ** 31;
      return seed % n;
    };
    for (let round = 0; round < 200; round++) {
      const length = 1 + next(30);
      const marks: FieldMark[] = [];
      for (let i = next(6); i > 0; i--) {
        const from = next(length);
        const to = from + 1 + next(length - from);
        marks.push(next(2) ? comment(`c${i}`, from, to) : finding(`f${i}`, from, to));
      }
      const segments = segmentField(length, marks);
      expect(segments[0]?.from).toBe(0);
      expect(segments.at(-1)?.to).toBe(length);
      for (let i = 1; i < segments.length; i++) expect(segments[i]!.from).toBe(segments[i - 1]!.to);
      for (const s of segments)
        for (let at = s.from; at < s.to; at++)
          expect(s.marks).toEqual(marks.filter((m) => m.from <= at && at < m.to));
    }
  });
});

describe('the classes of a segment', () => {
  it('are the body’s: the finding’s underline, the comment highlight, the active one stronger', () => {
    expect(segmentClass([finding('f', 0, 1)], null)).toBe('check-squiggle check-spelling');
    expect(segmentClass([comment('a', 0, 1)], null)).toBe('comment-highlight');
    expect(segmentClass([finding('f', 0, 1), comment('a', 0, 1)], 'a')).toBe(
      'check-squiggle check-spelling comment-highlight comment-highlight-active',
    );
    expect(segmentClass([comment('a', 0, 1), comment('b', 0, 1)], 'z')).toBe(
      'comment-highlight comment-highlight-many',
    );
    expect(segmentClass([], 'a')).toBe('');
  });
});

describe('what a field marks', () => {
  it('highlights open comments on that field, not resolved, orphaned or other fields’ ones', () => {
    const value = 'Council approves flood barrier';
    const marks = commentMarks('headline', value, [
      { id: 'open', anchor: 'headline', range: { from: 8, to: 16 }, resolved: false },
      { id: 'draft', anchor: 'headline', range: { from: 17, to: 22 } },
      { id: 'resolved', anchor: 'headline', range: { from: 0, to: 7 }, resolved: true },
      { id: 'deleted', anchor: 'headline', range: { from: 8, to: 8 }, resolved: false },
      { id: 'past-end', anchor: 'headline', range: { from: 25, to: 40 }, resolved: false },
      { id: 'byline', anchor: 'byline', range: { from: 0, to: 4 }, resolved: false },
      { id: 'body', anchor: 'body', resolved: false },
    ]);
    expect(marks).toEqual([comment('open', 8, 16), comment('draft', 17, 22)]);
  });

  it('carries the ranges over to the suggestion the field shows in suggesting mode', () => {
    const accepted = 'Council approves flood barrier';
    const open = (id: string, from: number, to: number) =>
      ({ id, anchor: 'headline', range: { from, to }, resolved: false }) as const;
    const threads = [open('approves', 8, 16), open('barrier', 23, 30)];
    expect(commentMarks('headline', 'Vote: Council approves flood barrier', threads, accepted)).toEqual([
      comment('approves', 14, 22),
      comment('barrier', 29, 36),
    ]);
    // The suggestion drops "barrier": that comment has nothing to highlight in it.
    expect(commentMarks('headline', 'Council approves flood ', threads, accepted)).toEqual([
      comment('approves', 8, 16),
    ]);
  });

  it('underlines only findings whose words are still where the check saw them', () => {
    const f = (id: string, from: number, text: string): Finding => ({
      id,
      kind: 'spelling',
      rule: 'misspelling',
      message: 'Check the spelling.',
      field: 'headline',
      text,
      position: { from, to: from + text.length },
      suggestions: [],
      severity: 'error',
    });
    const marks = findingMarks('Riverside Council aproves', [
      f('moved', 8, 'aproves'),
      f('here', 18, 'aproves'),
    ]);
    expect(marks).toEqual([{ type: 'finding', id: 'here', from: 18, to: 25, kind: 'spelling' }]);
  });
});
