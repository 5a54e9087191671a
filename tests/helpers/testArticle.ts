import { ArticleSchema, type Article, type BodyMark, type BodyNode } from '../../src/shared/article';

/**
 * A stored article, checked against the real `ArticleSchema` so that a test never exports
 * something the library could not have stored. Dates and id are fixed: exports must not vary.
 */
export function makeArticle(fields: Partial<Article> = {}): Article {
  return ArticleSchema.parse({
    schemaVersion: 1,
    id: 'test-article',
    headline: 'Riverside council approves £12m flood barrier',
    contentHighlight: 'Councillors vote 31-4 for a barrier along the River Ashe.',
    byline: 'Jane Doe',
    dateline: 'Riverside',
    body: { type: 'doc', content: [paragraph('Councillors voted on Tuesday night.')] },
    status: 'draft',
    section: 'News',
    tags: ['flooding'],
    language: 'en-GB',
    createdAt: '2025-03-04T09:30:00.000Z',
    updatedAt: '2025-03-05T17:45:12.000Z',
    rev: 3,
    ...fields,
  });
}

/** A text node; `marks` as TipTap stores them. */
export function text(value: string, ...marks: BodyMark[]): BodyNode {
  return marks.length > 0 ? { type: 'text', text: value, marks } : { type: 'text', text: value };
}

/** A paragraph of strings and inline nodes. */
export function paragraph(...content: (string | BodyNode)[]): BodyNode {
  const nodes = content.map((c) => (typeof c === 'string' ? text(c) : c));
  return nodes.length > 0 ? { type: 'paragraph', content: nodes } : { type: 'paragraph' };
}

/** A link mark. */
export function link(href: string, extraAttrs: Record<string, unknown> = {}): BodyMark {
  return { type: 'link', attrs: { href, ...extraAttrs } };
}

export const bold: BodyMark = { type: 'bold' };
export const italic: BodyMark = { type: 'italic' };
export const hardBreak: BodyNode = { type: 'hardBreak' };
