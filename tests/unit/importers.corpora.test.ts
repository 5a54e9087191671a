import { readFileSync } from 'node:fs';
import { resolve } from 'node:path';
import { describe, expect, it } from 'vitest';
import { importHtml } from '../../src/importers/importHtml';
import { importMarkdown } from '../../src/importers/importMarkdown';
import { importText } from '../../src/importers/importText';
import { ArticleContentSchema, type ArticleDraft, type BodyNode } from '../../src/shared/article';
import { articleSchema, checkBody } from '../../src/shared/editor/schema';
import { bodyText } from '../../src/shared/text';
import { isSafeLinkUrl } from '../../src/shared/urls';

const CORPORA = resolve(import.meta.dirname, '../../../shared/corpora');
const xss = JSON.parse(readFileSync(resolve(CORPORA, 'xss/dompurify-fixtures.json'), 'utf8')) as Array<{
  title?: string;
  payload: string;
}>;
const naughty = JSON.parse(readFileSync(resolve(CORPORA, 'naughty-strings/blns.json'), 'utf8')) as string[];

/** Problems with a body: node or mark types outside the schema, unsafe links, event-handler attributes. */
function problems(node: BodyNode, found: string[] = []): string[] {
  const schema = articleSchema();
  if (!(node.type in schema.nodes)) found.push(`node ${node.type}`);
  for (const mark of node.marks ?? []) {
    if (!(mark.type in schema.marks)) found.push(`mark ${mark.type}`);
    if (mark.type === 'link' && !isSafeLinkUrl(mark.attrs?.href as string | undefined)) {
      found.push(`link ${String(mark.attrs?.href)}`);
    }
  }
  for (const key of [
    ...Object.keys(node.attrs ?? {}),
    ...(node.marks ?? []).flatMap((m) => Object.keys(m.attrs ?? {})),
  ]) {
    if (/^on/i.test(key) || key === 'style' || key === 'src') found.push(`attribute ${key}`);
  }
  for (const child of node.content ?? []) problems(child, found);
  return found;
}

function expectSound(draft: ArticleDraft): void {
  expect(() => checkBody(draft.body)).not.toThrow();
  expect(() => ArticleContentSchema.parse(draft)).not.toThrow();
  expect(problems(draft.body)).toEqual([]);
}

describe('DOMPurify’s XSS fixtures through the HTML importer', () => {
  it('has the whole corpus to hand', () => {
    expect(xss.length).toBeGreaterThan(200);
  });

  it.each(
    xss.map((fixture, i) => [i, fixture.title ?? fixture.payload.slice(0, 60), fixture.payload] as const),
  )('#%i %s: imports without crashing and keeps nothing unsafe', (_i, _title, payload) => {
    const draft = importHtml(payload);
    expectSound(draft);
    // Fields are plain text, but must not carry a working script URL either.
    for (const field of [draft.headline, draft.byline, draft.dateline, draft.contentHighlight]) {
      expect(field).not.toMatch(/<script|javascript:[^ ]*\(/i);
    }
  });
});

describe('the Big List of Naughty Strings', () => {
  it('has the whole list to hand', () => {
    expect(naughty.length).toBeGreaterThan(500);
  });

  it('imports every string as plain text into a valid article', () => {
    for (const text of naughty) expectSound(importText(text));
  });

  it('imports every string as Markdown into a valid article', () => {
    for (const text of naughty) expectSound(importMarkdown(text));
  });

  it('keeps a plain-text string’s words, however odd', () => {
    for (const text of naughty) {
      if (
        /[\u0000-\u0008\u000B-\u001F\u007F\u2028\u2029\uFEFF\uFFFE\uFFFF\r]/.test(text) ||
        text.trim() === ''
      )
        continue;
      const draft = importText(text);
      const kept = [
        draft.headline,
        draft.byline,
        draft.dateline,
        draft.contentHighlight,
        bodyText(draft.body),
        ...draft.report.map((n) => n.text ?? ''),
      ].join('\n');
      for (const word of text.trim().split(/\s+/)) expect(kept, text).toContain(word);
    }
  });
});
