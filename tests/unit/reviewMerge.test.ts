import { describe, expect, it } from 'vitest';
import type { Article, BodyNode, CommentThread } from '../../src/shared/article';
import { checkBody } from '../../src/shared/editor/schema';
import { listSuggestions, resolveAllSuggestions } from '../../src/shared/review/forExport';
import { lcs, mergeArticles } from '../../src/shared/review/merge';
import { parseSuggestionId } from '../../src/shared/review/suggestionIds';
import { bodyText } from '../../src/shared/text';
import { makeArticle, paragraph, text } from '../helpers/testArticle';

const reviewer = { name: 'Sam Editor', initials: 'SE' };
const AT = '2025-03-06T10:00:00.000Z';

const P = [
  'The council met on Tuesday.',
  'Flood defences were discussed.',
  'The vote was 31-4.',
  'Work starts in May.',
];

function article(paragraphs: (string | BodyNode)[], fields: Partial<Article> = {}): Article {
  return makeArticle({
    body: { type: 'doc', content: paragraphs.map((p) => (typeof p === 'string' ? paragraph(p) : p)) },
    ...fields,
  });
}

function replaced(index: number, value: string | BodyNode): (string | BodyNode)[] {
  return P.map((p, i) => (i === index ? value : p));
}

const texts = (a: Article) => (a.body.content ?? []).map((n) => bodyText({ type: 'doc', content: [n] }));
const accepted = (a: Article) => texts({ ...a, body: resolveAllSuggestions(a.body, 'accept') });
const rejected = (a: Article) => texts({ ...a, body: resolveAllSuggestions(a.body, 'reject') });

function merge(base: Article | null, ours: Article, theirs: Article) {
  const result = mergeArticles({ base, ours, theirs, reviewer, at: AT });
  checkBody(result.article.body); // whatever the merge makes must fit the article schema
  return result;
}

function thread(
  id: string,
  messages: [string, string][],
  fields: Partial<CommentThread> = {},
): CommentThread {
  return {
    id,
    anchor: 'body',
    quote: 'council',
    resolved: false,
    messages: messages.map(([mid, t], i) => ({
      id: mid,
      author: reviewer,
      at: `2025-03-06T09:0${i}:00.000Z`,
      text: t,
    })),
    ...fields,
  };
}

describe('the review merge', () => {
  it('takes a paragraph only the reviewer changed, and keeps the one only the reporter changed', () => {
    const base = article(P);
    const ours = article(replaced(0, 'The council met on Tuesday night.'));
    const theirs = article(replaced(2, 'The vote was 31 to 4.'));
    const { article: merged, report } = merge(base, ours, theirs);
    expect(texts(merged)).toEqual(['The council met on Tuesday night.', P[1], 'The vote was 31 to 4.', P[3]]);
    expect(report.conflicts).toEqual([]);
    expect(report.blocksFromTheirs).toBe(1);
    expect(report.changed).toBe(true);
  });

  it('changes nothing when only the reporter changed the article since it was sent', () => {
    const base = article(P, { headline: 'Old' });
    const ours = article(replaced(1, 'Flood defences were discussed at length.'), { headline: 'New' });
    const { article: merged, report } = merge(base, ours, base);
    expect(merged).toEqual(ours);
    expect(report.changed).toBe(false);
  });

  it('keeps an edit both sides made the same way once, without a conflict', () => {
    const base = article(P);
    const both = article(replaced(3, 'Work starts in June.'));
    const { article: merged, report } = merge(base, both, both);
    expect(texts(merged)).toEqual(texts(both));
    expect(report.conflicts).toEqual([]);
  });

  it('shows a paragraph both changed as the reviewer’s suggestion, with the reporter’s text kept', () => {
    const base = article(P);
    const ours = article(replaced(1, 'Flood barriers were discussed.'));
    const theirs = article(replaced(1, 'Flood defences were debated.'));
    const { article: merged, report } = merge(base, ours, theirs);
    expect(report.conflicts).toHaveLength(1);
    expect(report.conflicts[0]!.where).toBe('body');
    // Rejecting the suggestion is the reporter's text; accepting it is the reviewer's.
    expect(rejected(merged)).toEqual(texts(ours));
    expect(accepted(merged)).toEqual(texts(theirs));
    const suggestions = listSuggestions(merged.body);
    expect(suggestions).toHaveLength(1);
    expect(suggestions[0]!.author).toEqual(reviewer);
    expect(report.suggestionsAdded).toBe(1);
    // The neighbours are not part of it.
    expect(suggestions[0]!.text).not.toContain(P[0]);
  });

  it('offers the reviewer’s edit of a paragraph the reporter deleted, and keeps it deleted until accepted', () => {
    const base = article(P);
    const ours = article([P[0]!, P[2]!, P[3]!]);
    const theirs = article(replaced(1, 'Flood defences were debated.'));
    const { article: merged, report } = merge(base, ours, theirs);
    expect(report.conflicts).toHaveLength(1);
    expect(rejected(merged)).toEqual([P[0], P[2], P[3]]);
    expect(accepted(merged)).toEqual([P[0], 'Flood defences were debated.', P[2], P[3]]);
  });

  it('offers the reviewer’s deletion of a paragraph the reporter edited, and keeps the edit until accepted', () => {
    const base = article(P);
    const ours = article(replaced(1, 'Flood defences were discussed for hours.'));
    const theirs = article([P[0]!, P[2]!, P[3]!]);
    const { article: merged } = merge(base, ours, theirs);
    expect(rejected(merged)).toEqual(texts(ours));
    expect(accepted(merged)).toEqual([P[0], P[2], P[3]]);
  });

  it('brings the reviewer’s own suggestion marks in unchanged', () => {
    const base = article(P);
    const id = 's.m7abc.000001.SE.Sam%20Editor';
    const suggested = paragraph(
      'The vote was ',
      text('overwhelming, ', { type: 'insertion', attrs: { id } }),
      '31-4.',
    );
    const theirs = article(replaced(2, suggested));
    const ours = article(replaced(0, 'The council met on Tuesday night.'));
    const { article: merged, report } = merge(base, ours, theirs);
    expect(merged.body.content![2]).toEqual(suggested);
    expect(merged.body.content![0]).toEqual(ours.body.content![0]);
    expect(report.suggestionsAdded).toBe(1);
    expect(report.conflicts).toEqual([]);
  });

  it('keeps the conflict to the one paragraph both changed when the reviewer touched every paragraph', () => {
    const base = article(P);
    const ours = article([P[0]!, 'Flood barriers were discussed.', P[2]!, P[3]!, 'A new ending.']);
    const theirs = article(P.map((p) => p.replace('.', ', they said.')));
    const { article: merged, report } = merge(base, ours, theirs);
    expect(report.conflicts).toHaveLength(1);
    expect(rejected(merged)).toEqual([
      'The council met on Tuesday, they said.',
      'Flood barriers were discussed.',
      'The vote was 31-4, they said.',
      'Work starts in May, they said.',
      'A new ending.',
    ]);
  });

  it('adds nothing for a suggestion the reporter already accepted', () => {
    const base = article(P);
    const id = 's.m7abc.000002.SE.Sam%20Editor';
    const theirs = article(
      replaced(
        2,
        paragraph('The vote was ', text('comfortably ', { type: 'insertion', attrs: { id } }), '31-4.'),
      ),
    );
    const ours = article(replaced(2, 'The vote was comfortably 31-4.'));
    const { article: merged, report } = merge(base, ours, theirs);
    expect(merged.body).toEqual(ours.body);
    expect(report.conflicts).toEqual([]);
  });

  it('takes new paragraphs from both sides where there were none', () => {
    const base = article(P);
    const ours = article([...P, 'Reporter’s new ending.']);
    const theirs = article([...P, 'Reviewer’s new ending.']);
    const { article: merged, report } = merge(base, ours, theirs);
    expect(texts(merged)).toEqual([...P, 'Reporter’s new ending.', 'Reviewer’s new ending.']);
    expect(report.conflicts).toEqual([]);
  });

  it('makes a headline both changed a field suggestion by the reviewer, and takes one only they changed', () => {
    const base = article(P, { headline: 'Council backs barrier', byline: 'Jane Doe' });
    const ours = article(P, { headline: 'Council backs £12m barrier', byline: 'Jane Doe' });
    const theirs = article(P, { headline: 'Council approves barrier', byline: 'Jane Doe and Sam Editor' });
    const { article: merged, report } = merge(base, ours, theirs);
    expect(merged.headline).toBe('Council backs £12m barrier');
    expect(merged.byline).toBe('Jane Doe and Sam Editor');
    expect(merged.fieldSuggestions).toEqual([
      expect.objectContaining({
        field: 'headline',
        from: 'Council backs £12m barrier',
        to: 'Council approves barrier',
        author: reviewer,
      }),
    ]);
    expect(report.fieldSuggestionsAdded).toBe(1);
    expect(report.fieldsFromTheirs).toContain('byline');
  });

  it('keeps the reporter’s dateline in a conflict and says in a comment what the reviewer had', () => {
    const base = article(P, { dateline: 'Riverside' });
    const ours = article(P, { dateline: 'RIVERSIDE' });
    const theirs = article(P, { dateline: 'Ashford' });
    const { article: merged, report } = merge(base, ours, theirs);
    expect(merged.dateline).toBe('RIVERSIDE');
    expect(merged.comments).toHaveLength(1);
    expect(merged.comments![0]!.messages[0]!.text).toContain('“Ashford”');
    expect(report.conflicts.map((c) => c.where)).toEqual(['dateline']);
  });

  it('joins comment threads and replies from both sides, and the resolution of the side that resolved', () => {
    const base = article(P, { comments: [thread('t-shared', [['msg-1', 'Source?']])] });
    const ours = article(P, {
      comments: [
        thread('t-shared', [
          ['msg-1', 'Source?'],
          ['msg-2', 'The council minutes.'],
        ]),
        thread('t-ours', [['msg-3', 'Check the figure']]),
      ],
    });
    const theirs = article(P, {
      comments: [
        thread('t-shared', [['msg-1', 'Source?']], {
          resolved: true,
          resolvedBy: reviewer,
          resolvedAt: '2025-03-06T09:30:00.000Z',
        }),
        thread('t-theirs', [['msg-4', 'Name spelling?']]),
      ],
    });
    const { article: merged, report } = merge(base, ours, theirs);
    const byId = new Map(merged.comments!.map((t) => [t.id, t]));
    expect([...byId.keys()].sort()).toEqual(['t-ours', 't-shared', 't-theirs']);
    expect(byId.get('t-shared')!.messages.map((m) => m.id)).toEqual(['msg-1', 'msg-2']);
    expect(byId.get('t-shared')!.resolved).toBe(true);
    expect(byId.get('t-shared')!.resolvedBy).toEqual(reviewer);
    expect(report.commentsAdded).toBe(1);
  });

  it('drops a thread one side deleted only when the other side did not add to it', () => {
    const base = article(P, {
      comments: [thread('th-a', [['msg-1', 'One']]), thread('th-b', [['msg-2', 'Two']])],
    });
    const ours = article(P, { comments: [thread('th-b', [['msg-2', 'Two']])] });
    const theirs = article(P, {
      comments: [
        thread('th-a', [
          ['msg-1', 'One'],
          ['msg-3', 'A reply'],
        ]),
      ],
    });
    const { article: merged } = merge(base, ours, theirs);
    // t-a: deleted by ours but replied to by theirs, so kept; t-b: deleted by theirs, untouched by ours, so gone.
    expect(merged.comments!.map((t) => t.id)).toEqual(['th-a']);
  });

  it('is idempotent: merging the result with the same package again adds nothing', () => {
    const base = article(P, { headline: 'H' });
    const ours = article(replaced(1, 'Flood barriers were discussed.'), { headline: 'H1' });
    const theirs = article(replaced(1, 'Flood defences were debated.'), {
      headline: 'H2',
      comments: [thread('t-new', [['msg-9', 'Good']])],
    });
    const first = merge(base, ours, theirs).article;
    // Once merged, theirs is the newest version both sides hold: it is the base of the next merge.
    const again = merge(theirs, first, theirs);
    expect(again.article).toEqual(first);
    expect(again.report.changed).toBe(false);
    expect(
      again.report.suggestionsAdded + again.report.commentsAdded + again.report.fieldSuggestionsAdded,
    ).toBe(0);
    // Even with the old base, the same conflict makes the same ids: nothing doubles.
    const twice = merge(base, first, theirs).article;
    expect(listSuggestions(twice.body).length).toBe(listSuggestions(first.body).length);
    expect(twice.fieldSuggestions).toHaveLength(1);
    expect(twice.comments).toHaveLength(1);
  });

  it('without a common version, keeps every difference for the reporter to decide', () => {
    const ours = article(replaced(1, 'Ours.'));
    const theirs = article(replaced(1, 'Theirs.'), { headline: 'Another headline' });
    const { article: merged, report } = merge(null, ours, theirs);
    expect(rejected(merged)).toEqual(texts(ours));
    expect(accepted(merged)).toEqual(texts(theirs));
    expect(merged.headline).toBe(ours.headline);
    expect(merged.fieldSuggestions).toHaveLength(1);
    expect(report.conflicts.length).toBe(2);
  });

  it('joins tags and status history from both sides', () => {
    const base = article(P, { tags: ['flooding', 'council'] });
    const ours = article(P, {
      tags: ['flooding', 'council', 'budget'],
      statusHistory: [
        { at: '2025-03-06T08:00:00.000Z', by: { name: 'Jane' }, from: 'draft', to: 'ready-for-edit' },
      ],
    });
    const theirs = article(P, {
      tags: ['flooding', 'river'],
      status: 'in-edit',
      statusHistory: [
        { at: '2025-03-06T09:00:00.000Z', by: reviewer, from: 'ready-for-edit', to: 'in-edit' },
      ],
    });
    const { article: merged } = merge(base, ours, theirs);
    expect(merged.tags).toEqual(['flooding', 'budget', 'river']);
    expect(merged.status).toBe('in-edit');
    expect(merged.statusHistory!.map((c) => c.to)).toEqual(['ready-for-edit', 'in-edit']);
  });

  it('attributes conflict suggestions to the reviewer with the merge time', () => {
    const base = article(P);
    const { article: merged } = merge(base, article(replaced(0, 'A.')), article(replaced(0, 'B.')));
    const id = listSuggestions(merged.body)[0]!.id;
    expect(parseSuggestionId(id)).toEqual({ author: reviewer, at: AT });
  });
});

describe('lcs', () => {
  it('finds the longest common run of blocks', () => {
    expect(lcs(['a', 'b', 'c', 'd'], ['a', 'x', 'c', 'd', 'e'])).toEqual([
      [0, 0],
      [2, 2],
      [3, 3],
    ]);
    expect(lcs([], ['a'])).toEqual([]);
  });
});
