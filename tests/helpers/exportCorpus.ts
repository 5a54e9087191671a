import { readFileSync } from 'node:fs';
import path from 'node:path';
import type { Article, BodyNode } from '../../src/shared/article';
import { bold, hardBreak, italic, link, makeArticle, paragraph, text } from './testArticle';

/** The shared folder next to the project: samples and third-party test corpora. */
export const SHARED_DIR = path.resolve(import.meta.dirname, '../../../shared');
export const SAMPLES_DIR = path.join(SHARED_DIR, 'samples');

export interface XssFixture {
  /** Missing on some fixtures. */
  title?: string;
  payload: string;
  expected: unknown;
}

/** DOMPurify's own sanitiser fixtures (XSS vectors and benign markup). */
export function xssFixtures(): XssFixture[] {
  return JSON.parse(
    readFileSync(path.join(SHARED_DIR, 'corpora/xss/dompurify-fixtures.json'), 'utf8'),
  ) as XssFixture[];
}

/** The Big List of Naughty Strings. */
export function naughtyStrings(): string[] {
  return JSON.parse(
    readFileSync(path.join(SHARED_DIR, 'corpora/naughty-strings/blns.json'), 'utf8'),
  ) as string[];
}

/**
 * An article body using every construct the editor offers, plus what the editor never
 * produces but a stored or hand-edited file can hold: empty paragraphs, editor classes and
 * attributes, a javascript: link, a stray H1, handlers on nodes and marks.
 */
export function everythingBody(): Article['body'] {
  const content: BodyNode[] = [
    paragraph(
      'Councillors voted ',
      text('31 to 4', bold),
      ' on ',
      text('Tuesday', italic),
      ' night, reports the ',
      text('Gazette', link('https://example.com/gazette')),
      ' (',
      text('archive', link('http://example.org/archive?year=2025&month=3')),
      ', ',
      text('email the desk', link('mailto:desk@example.com')),
      ').',
    ),
    { type: 'paragraph' },
    paragraph('   '),
    paragraph(hardBreak),
    paragraph(hardBreak, ' ', hardBreak),
    { type: 'heading', attrs: { level: 2 }, content: [text('What happens next')] },
    { type: 'heading', attrs: { level: 3, class: 'ProseMirror-selectednode' }, content: [text('Costs')] },
    // A stray level-1 heading in a stored body must not become a second <h1>.
    { type: 'heading', attrs: { level: 1 }, content: [text('Not a second headline')] },
    paragraph('First line', hardBreak, 'second line'),
    {
      type: 'bulletList',
      content: [
        { type: 'listItem', content: [paragraph('Upstream wetlands')] },
        { type: 'listItem', content: [paragraph('A ', text('concrete', bold, italic), ' wall')] },
      ],
    },
    {
      type: 'orderedList',
      attrs: { start: 3, type: '1' },
      content: [
        { type: 'listItem', content: [paragraph('Consultation')] },
        { type: 'listItem', content: [paragraph('Construction')] },
      ],
    },
    { type: 'blockquote', content: [paragraph('“This ends that,” said Ms Okonjo.')] },
    { type: 'horizontalRule' },
    paragraph(
      'Hostile: ',
      text('click me', link('javascript:alert(1)')),
      ' and ',
      text('a data link', link('data:text/html,<script>alert(1)</script>')),
      ' and ',
      text(
        'safe',
        link('https://example.com/safe', {
          target: '_blank',
          rel: 'opener',
          class: 'ProseMirror',
          onclick: 'alert(1)',
          style: 'background:url(javascript:alert(1))',
        }),
      ),
    ),
    {
      type: 'paragraph',
      attrs: { onclick: 'alert(1)', class: 'ProseMirror', contenteditable: 'true', style: 'color:red' },
      content: [
        text('Paragraph with hostile attributes.', { type: 'bold', attrs: { onmouseover: 'alert(1)' } }),
      ],
    },
    {
      type: 'orderedList',
      attrs: { start: '1" onclick="alert(1)', type: 'x" onclick="y' },
      content: [{ type: 'listItem', content: [paragraph('Hostile list attributes')] }],
    },
    {
      type: 'rawHtml',
      attrs: { html: '<img src=x onerror=alert(1)>' },
      content: [paragraph('Unknown node text')],
    },
    paragraph(text('Unknown mark text', { type: 'script', attrs: { src: 'https://attacker.example/x.js' } })),
    { type: 'paragraph', content: [{ type: 'text', text: '' }, hardBreak] },
  ];
  return { type: 'doc', content };
}

/** Nesting the editor's schema forbids but a stored JSON body can hold; HTML forbids it too. */
export function malformedBody(): Article['body'] {
  return {
    type: 'doc',
    content: [
      text('Loose text at the top.'),
      { type: 'listItem', content: [paragraph('A list item outside any list')] },
      {
        type: 'paragraph',
        content: [text('Before the rule'), { type: 'horizontalRule' }, text('after the rule')],
      },
      { type: 'paragraph', content: [paragraph('A paragraph inside a paragraph')] },
      {
        type: 'bulletList',
        content: [paragraph('A paragraph straight inside a list'), text('and loose text')],
      },
      { type: 'blockquote', content: [text('Text straight inside a quote')] },
      { type: 'orderedList', content: [{ type: 'listItem', content: [{ type: 'paragraph' }] }] },
      { type: 'horizontalRule', content: [text('a rule with content')] },
    ],
  };
}

/** Hand-built articles covering the features and edge cases of the export, by name. */
export function handBuiltArticles(): Record<string, Article> {
  return {
    everything: makeArticle({ body: everythingBody() }),
    'malformed nesting': makeArticle({ body: malformedBody() }),
    minimal: makeArticle({
      headline: 'A headline and nothing else',
      contentHighlight: '',
      byline: '',
      dateline: '',
      section: '',
      tags: [],
      body: { type: 'doc' },
    }),
    'blank headline': makeArticle({
      headline: '  \u200b ',
      body: { type: 'doc', content: [{ type: 'paragraph' }] },
    }),
    escaping: makeArticle({
      headline: 'Tom & Jerry\'s "<b>big</b>" day </title><script>alert(1)</script>',
      contentHighlight: 'Quotes " and \' and <tags> & ampersands </script><!--',
      byline: 'By O\'Brien & "Sons" <Ltd>',
      dateline: '<Riverside> & "Ashe"',
      section: 'News & <Views>',
      tags: ['a&b', '"quoted"', '</script>'],
    }),
    organisation: makeArticle({ byline: 'by Riverside Gazette' }),
    'several authors': makeArticle({
      byline: 'Tomasz Wiśniewski, Transport Correspondent, and Aoife Brennan',
    }),
    'right to left': makeArticle({
      headline: 'مجلس المدينة يوافق على حاجز الفيضانات',
      language: 'ar',
      body: { type: 'doc', content: [paragraph('صوّت أعضاء المجلس يوم الثلاثاء.')] },
    }),
    'bad language': makeArticle({ language: 'not a language!!' }),
    'unknown language': makeArticle({ language: 'zz' }),
    'hostile language': makeArticle({ language: 'en"><script>alert(1)</script>' }),
    'offset dates': makeArticle({
      createdAt: '2025-03-04T23:30:00+01:00',
      updatedAt: '2025-03-05T08:00:00.123456-05:00',
    }),
  };
}

/** The article a corpus string becomes: the string everywhere a user can type text. */
export function xssArticle(payload: string): Article {
  return makeArticle({
    headline: payload,
    byline: payload,
    contentHighlight: payload,
    dateline: payload.slice(0, 500),
    section: payload.slice(0, 200),
    tags: [payload.slice(0, 200)],
    body: {
      type: 'doc',
      content: [
        paragraph(payload),
        paragraph('Link with the payload as address: ', text('read more', link(payload))),
        paragraph(text(payload || 'payload', link(payload))),
        paragraph(
          text(
            payload || 'payload',
            link('https://example.com/', { title: payload, onclick: payload, rel: payload }),
          ),
        ),
        {
          type: 'heading',
          attrs: { level: payload, onclick: payload },
          content: [text(payload || 'heading')],
        },
        {
          type: 'orderedList',
          attrs: { start: payload, type: payload },
          content: [{ type: 'listItem', content: [paragraph(payload || 'item')] }],
        },
      ],
    },
  });
}

/** The article a naughty string becomes: the string as headline and as a body paragraph. */
export function naughtyArticle(value: string): Article {
  return makeArticle({ headline: value, body: { type: 'doc', content: [paragraph(value)] } });
}
