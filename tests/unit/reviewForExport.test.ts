import { describe, expect, it } from 'vitest';
import type { Article, BodyDoc } from '../../src/shared/article';
import {
  articleForExport,
  hasOpenReviewItems,
  listSuggestions,
  openReviewItems,
  resolveAllSuggestions,
} from '../../src/shared/review/forExport';
import { makeSuggestionId, parseSuggestionId } from '../../src/shared/review/suggestionIds';
import { checkBody } from '../../src/shared/editor/schema';
import { EditorState, type Transaction } from '@tiptap/pm/state';
import { transformToSuggestionTransaction } from '@handlewithcare/prosemirror-suggest-changes';

const jane = { name: 'Jane O’Neil', initials: 'JO' };
const ins = makeSuggestionId(jane, new Date('2026-11-28T09:00:00Z'), () => 0.5);
const del = makeSuggestionId({ name: 'Sam.Dot %' }, new Date('2026-11-28T10:00:00Z'), () => 0.25);

/**
 * The body as the suggest-changes library makes it: a reviewer inserts "finally ", deletes
 * "quickly " and adds a new paragraph (Enter, then typing) in suggesting mode.
 */
function suggestedBody(): BodyDoc {
  const original = checkBody({
    type: 'doc',
    content: [
      {
        type: 'paragraph',
        content: [
          { type: 'text', text: 'The council quickly ' },
          { type: 'text', text: 'approved', marks: [{ type: 'comment', attrs: { id: 'thread-1' } }] },
          { type: 'text', text: ' the plan.' },
          {
            type: 'text',
            text: ' Check the figure with Sam.',
            marks: [{ type: 'note', attrs: { author: 'Ed', at: '' } }],
          },
        ],
      },
    ],
  });
  let state = EditorState.create({ doc: original });
  const suggest = (id: string, edit: (tr: Transaction) => void) => {
    const tr = state.tr;
    edit(tr);
    state = state.apply(transformToSuggestionTransaction(tr, state, () => id));
  };
  const at = (text: string) => {
    let found = -1;
    state.doc.descendants((node, pos) => {
      if (found < 0 && node.isText && node.text!.includes(text)) found = pos + node.text!.indexOf(text);
    });
    return found;
  };
  suggest(ins, (tr) => tr.insertText('finally ', at('quickly')));
  suggest(del, (tr) => tr.delete(at(' the plan') + 1, at(' the plan') + ' the '.length));
  const end = state.doc.content.size - 1;
  suggest(ins, (tr) => {
    tr.split(end);
    tr.insertText('A new paragraph.', end + 2);
  });
  return state.doc.toJSON() as BodyDoc;
}

const body = suggestedBody();

function article(over: Partial<Article> = {}): Article {
  return {
    schemaVersion: 1,
    id: 'review-export',
    headline: 'Council approves plan',
    contentHighlight: 'The plan passed.',
    byline: 'Jane',
    dateline: 'LEEDS',
    body,
    status: 'in-edit',
    section: '',
    tags: [],
    language: 'en-GB',
    createdAt: '2026-11-28T09:00:00.000Z',
    updatedAt: '2026-11-28T09:00:00.000Z',
    rev: 3,
    ...over,
  };
}

describe('suggestion ids carry who and when', () => {
  it('round-trips a name with dots, spaces and percent signs', () => {
    expect(parseSuggestionId(del)).toEqual({ author: { name: 'Sam.Dot %' }, at: '2026-11-28T10:00:00.000Z' });
    expect(parseSuggestionId(ins)).toEqual({ author: jane, at: '2026-11-28T09:00:00.000Z' });
  });
  it('gives null for ids Copydesk did not make', () => {
    for (const id of [1, 'abc', 's.zz.1.2', 's.!!.a.b.c', 's.1.a.%E0%A4%A.b', null]) {
      expect(parseSuggestionId(id)).toBeNull();
    }
  });
});

describe('review marks and export', () => {
  it('the test body is valid in the article schema', () => {
    expect(() => checkBody(body)).not.toThrow();
  });

  it('lists suggestions in document order with author and time', () => {
    const list = listSuggestions(body);
    expect(list.map((s) => [s.kinds, s.text, s.author?.name])).toEqual([
      [['insertion'], 'finally A new paragraph.', 'Jane O’Neil'],
      [['deletion'], 'the ', 'Sam.Dot %'],
    ]);
  });

  it('reject gives the original text, accept the suggested one', () => {
    const text = (b: BodyDoc) => checkBody(b).textBetween(0, checkBody(b).content.size, '\n');
    expect(text(resolveAllSuggestions(body, 'reject'))).toBe(
      'The council quickly approved the plan. Check the figure with Sam.',
    );
    expect(text(resolveAllSuggestions(body, 'accept'))).toBe(
      'The council finally quickly approved plan. Check the figure with Sam.\nA new paragraph.',
    );
  });

  it('an export carries no suggestion, comment or note', () => {
    for (const how of ['reject', 'accept'] as const) {
      const out = articleForExport(
        article({
          comments: [
            {
              id: 'thread-1',
              anchor: 'body',
              quote: 'approved',
              resolved: false,
              messages: [{ id: 'msg-1', author: jane, at: '2026-11-28T09:00:00.000Z', text: 'Source?' }],
            },
          ],
        }),
        how,
      );
      const json = JSON.stringify(out);
      for (const banned of [
        'insertion',
        'deletion',
        'modification',
        '"comment"',
        'note',
        'Check the figure',
        'Source?',
      ]) {
        expect(json).not.toContain(banned);
      }
      expect(out.comments).toBeUndefined();
    }
  });

  it('accepting takes field suggestions too; rejecting keeps the fields', () => {
    const a = article({
      fieldSuggestions: [
        {
          id: 'fs-1',
          field: 'headline',
          author: jane,
          at: '2026-11-28T09:00:00.000Z',
          from: 'Council approves plan',
          to: 'Council backs plan',
        },
      ],
    });
    expect(articleForExport(a, 'accept').headline).toBe('Council backs plan');
    expect(articleForExport(a, 'reject').headline).toBe('Council approves plan');
    expect(articleForExport(a).fieldSuggestions).toBeUndefined();
  });

  it('open review items: suggestions, field suggestions and unresolved comments only', () => {
    const thread = (id: string, resolved: boolean) => ({
      id,
      anchor: 'body' as const,
      quote: 'x',
      resolved,
      messages: [{ id: `${id}-m`, author: jane, at: '2026-11-28T09:00:00.000Z', text: 'x' }],
    });
    const items = openReviewItems(article({ comments: [thread('open-1', false), thread('done-1', true)] }));
    expect(items.suggestions).toHaveLength(2);
    expect(items.comments.map((c) => c.id)).toEqual(['open-1']);
    expect(hasOpenReviewItems(items)).toBe(true);
    const clean = articleForExport(article());
    expect(hasOpenReviewItems(openReviewItems(clean))).toBe(false);
  });
});

describe('a suggested paragraph', () => {
  it('is listed with its text once, whether or not its text carries the mark too', () => {
    const id = makeSuggestionId(jane);
    const para = (textMarked: boolean) => ({
      type: 'paragraph',
      marks: [{ type: 'insertion', attrs: { id } }],
      content: [
        {
          type: 'text',
          text: 'Their version.',
          ...(textMarked && { marks: [{ type: 'insertion', attrs: { id } }] }),
        },
      ],
    });
    for (const textMarked of [true, false]) {
      const doc: BodyDoc = {
        type: 'doc',
        content: [{ type: 'paragraph', content: [{ type: 'text', text: 'Ours.' }] }, para(textMarked)],
      };
      expect(listSuggestions(doc).map((s) => s.text)).toEqual(['Their version.']);
    }
  });
});
