import { readFileSync } from 'node:fs';
import { resolve } from 'node:path';
import createDOMPurify from 'dompurify';
import { JSDOM } from 'jsdom';
import { describe, expect, it } from 'vitest';
import { renderBodyHtml } from '../../src/exporters/renderBody';
import type { BodyNode } from '../../src/shared/article';
import { checkBody } from '../../src/shared/editor/schema';
import { blocksFromSanitisedBody } from '../../src/shared/html/cleanHtml';
import { addPurifyHooks, purifyConfig } from '../../src/shared/html/purifyConfig';
import { isSafeLinkUrl } from '../../src/shared/urls';
import { findActiveContent } from '../helpers/activeContent';

/**
 * The paste cleaner as the renderer runs it (shared sanitiser configuration, shared clean-up,
 * tables kept), on jsdom's window instead of the browser's. The browser half (CSP-safe handling
 * of inline styles) is covered by tests/e2e/editorFeatures.test.ts.
 */
const purify = addPurifyHooks(
  createDOMPurify(new JSDOM('').window as unknown as Window & typeof globalThis),
  'import',
);

function pasted(html: string): BodyNode[] {
  const body = purify.sanitize(html, { ...purifyConfig('import'), RETURN_DOM: true }) as HTMLElement | null;
  return body ? blocksFromSanitisedBody(body, [], { keepTables: true }) : [];
}

function texts(nodes: BodyNode[]): BodyNode[] {
  return nodes.flatMap((n) => (n.type === 'text' ? [n] : texts(n.content ?? [])));
}

function walk(nodes: BodyNode[], visit: (n: BodyNode) => void): void {
  for (const n of nodes) {
    visit(n);
    walk(n.content ?? [], visit);
  }
}

const SAMPLES = resolve(import.meta.dirname, '../../../shared/samples');
const CORPORA = resolve(import.meta.dirname, '../../../shared/corpora');

describe('the paste cleaner', () => {
  it('keeps the story from the Google Docs / Word sample and drops clipboard noise and active content', () => {
    const blocks = pasted(readFileSync(resolve(SAMPLES, 'harbour-ferry-paste.html'), 'utf8'));
    const runs = texts(blocks);
    expect(runs.find((t) => t.text === 'cutting the journey')?.marks).toEqual([{ type: 'bold' }]);
    // Google's <b style="font-weight:normal"> wrapper is not bold.
    expect(runs.find((t) => t.text?.startsWith('The operator'))?.marks).toBeUndefined();
    const link = runs.find((t) => t.text === 'the timetable');
    expect(link?.marks?.[0]).toMatchObject({ type: 'link', attrs: { href: 'https://example.com/ferry' } });
    const json = JSON.stringify(blocks);
    expect(json).not.toMatch(/javascript|attacker|alert\(|steal|MsoNormal|font-family|o:p|display:none/i);
    expect(blocks.every((b) => (b.content ?? []).length > 0)).toBe(true);
    checkBody({ type: 'doc', content: blocks });
  });

  it('keeps tables, nested lists, headings and line breaks', () => {
    const blocks = pasted(
      '<h1>Top</h1><table><caption>Fares</caption><colgroup><col></colgroup><tr><th>Route</th><th>£</th></tr><tr><td>Ferry</td><td>2.50</td></tr></table>' +
        '<ul><li>a<ul><li>b</li></ul></li></ul><p>one<br>two</p><p>&nbsp;</p>',
    );
    expect(blocks.map((b) => b.type)).toEqual(['heading', 'paragraph', 'table', 'bulletList', 'paragraph']);
    expect(JSON.stringify(blocks)).toContain('"tableHeader"');
    checkBody({ type: 'doc', content: blocks });
  });

  const xss = JSON.parse(readFileSync(resolve(CORPORA, 'xss/dompurify-fixtures.json'), 'utf8')) as Array<{
    title: string;
    payload: string;
  }>;
  it.each(xss.map((x, i) => [i, String(x.title ?? '').slice(0, 60), x.payload] as const))(
    'XSS fixture #%i (%s) pastes as harmless text',
    (_i, _title, payload) => {
      const blocks = pasted(payload);
      walk(blocks, (n) => {
        for (const m of n.marks ?? []) {
          if (m.type === 'link') expect(isSafeLinkUrl(String(m.attrs?.href ?? ''))).toBe(true);
        }
        if (n.type === 'figure') expect(String(n.attrs?.src)).toMatch(/^asset:/);
      });
      checkBody({ type: 'doc', content: blocks.length > 0 ? blocks : [{ type: 'paragraph' }] });
      const html = renderBodyHtml({ type: 'doc', content: blocks });
      expect(
        findActiveContent(
          `<!doctype html><html lang="en"><head><title>t</title></head><body>${html}</body></html>`,
        ),
      ).toEqual([]);
    },
  );
});
