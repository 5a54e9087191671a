import { existsSync, readdirSync } from 'node:fs';
import path from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import { exportHtml } from '../../src/exporters/exportHtml';
import { ArticleContentSchema, type Article, type ArticleDraft } from '../../src/shared/article';
import { isCopydeskError } from '../../src/shared/errors';
import { findActiveContent, parseHtmlDocument } from '../helpers/activeContent';
import {
  SAMPLES_DIR,
  handBuiltArticles,
  naughtyArticle,
  naughtyStrings,
  xssArticle,
  xssFixtures,
} from '../helpers/exportCorpus';
import { makeArticle } from '../helpers/testArticle';
import { checkHtmlStringsWithVnu, formatVnuMessages, type VnuMessage } from '../helpers/vnu';

// One Java start for ~750 documents; the checker needs about 1–2 ms per small document after that.
const VNU_TIMEOUT = 180_000;

function expectNoVnuErrors(report: Map<string, VnuMessage[]>, name: string): void {
  const messages = report.get(name);
  expect(messages, `no W3C checker result for ${name}`).toBeDefined();
  expect(messages!, `W3C checker errors in "${name}":\n${formatVnuMessages(messages!)}`).toEqual([]);
}

describe('the checks themselves can fail', () => {
  it('findActiveContent reports scripts, handlers, frames, refreshes and unsafe URLs', () => {
    const hostile = `<!DOCTYPE html><html><head><meta http-equiv="Refresh" content="0;url=https://x.example">
      <base href="https://x.example/"><script>alert(1)</script><script type="module">1</script></head>
      <body onload="x()"><a href=" java\tscript:alert(1)">a</a><a href="data:text/html,x">b</a>
      <img src="x" onerror="y()"><iframe src="https://x.example"></iframe><form action="https://x.example"></form>
      <svg><a xlink:href="javascript:alert(1)"><text>t</text></a></svg><template><img src=x onerror=z()></template>
      <object data="javascript:alert(1)"></object><div style="background:url(javascript:alert(1))">d</div></body></html>`;
    const findings = findActiveContent(hostile);
    for (const expected of [
      'refresh',
      '<base>',
      'script element of type "text/javascript"',
      'script element of type "module"',
      'onload',
      'java',
      'data:text/html',
      'onerror',
      '<iframe>',
      '<form>',
      'xlink:href',
      '<object>',
      'style attribute',
    ]) {
      expect(
        findings.some((f) => f.includes(expected)),
        `expected a finding about ${expected} in ${findings.join('; ')}`,
      ).toBe(true);
    }
    // The <img onerror> inside <template> is found too: two onerror findings in all.
    expect(findings.filter((f) => f.startsWith('onerror'))).toHaveLength(2);
  });

  it('findActiveContent accepts JSON-LD, http(s), mailto and relative links', () => {
    expect(
      findActiveContent(
        '<!DOCTYPE html><html lang="en"><head><title>t</title><script type="application/ld+json">{}</script></head><body>' +
          '<a href="https://a.example">a</a><a href="http://a.example">b</a><a href="mailto:x@a.example">c</a>' +
          '<a href="/relative">d</a><a href="#frag">e</a><a href="page.html?q=a:b">f</a></body></html>',
      ),
    ).toEqual([]);
  });

  it(
    'the W3C checker reports errors in an invalid document and none in a valid one',
    async () => {
      const report = await checkHtmlStringsWithVnu({
        invalid: '<!DOCTYPE html><html lang="en"><head></head><body><p><div>x</div></body></html>',
        valid:
          '<!DOCTYPE html><html lang="en"><head><meta charset="utf-8"><title>t</title></head><body><p>x</p></body></html>',
      });
      expect(report.get('invalid')!.length).toBeGreaterThan(0);
      expect(report.get('invalid')!.every((m) => m.type === 'error')).toBe(true);
      expect(report.get('valid')).toEqual([]);
    },
    VNU_TIMEOUT,
  );
});

describe('every exported document is valid HTML5 (W3C checker) and inert', () => {
  const documents: Record<string, string> = {};
  for (const [name, article] of Object.entries(handBuiltArticles())) {
    documents[`hand-built: ${name}`] = exportHtml(article);
    documents[`hand-built: ${name} (no stylesheet)`] = exportHtml(article, { stylesheet: false });
  }
  documents['hand-built: published date given'] = exportHtml(makeArticle(), {
    publishedAt: '2025-04-01T06:00:00+02:00',
  });
  const xss = xssFixtures();
  xss.forEach(
    (fixture, i) =>
      (documents[`xss ${i}: ${fixture.title ?? 'untitled'}`] = exportHtml(xssArticle(fixture.payload))),
  );
  const naughty = naughtyStrings();
  naughty.forEach((value, i) => (documents[`naughty ${i}`] = exportHtml(naughtyArticle(value))));
  const names = Object.keys(documents);

  let report: Map<string, VnuMessage[]>;
  beforeAll(async () => {
    report = await checkHtmlStringsWithVnu(documents);
  }, VNU_TIMEOUT);

  it('checked every XSS fixture and naughty string', () => {
    expect(names.filter((n) => n.startsWith('xss '))).toHaveLength(xss.length);
    expect(names.filter((n) => n.startsWith('naughty '))).toHaveLength(naughty.length);
    expect(report.size).toBe(names.length);
  });

  it.each(names)('%s: 0 checker errors, nothing active', (name) => {
    expectNoVnuErrors(report, name);
    expect(findActiveContent(documents[name]!)).toEqual([]);
  });
});

// The importers were written alongside the exporter: if src/importers/index.ts is missing this
// block reports itself skipped rather than failing the exporter's own tests. It is never stubbed.
const IMPORTERS = path.resolve(import.meta.dirname, '../../src/importers/index.ts');
const importersReady = existsSync(IMPORTERS);

interface ImportersModule {
  importFile(filePath: string): ArticleDraft | Promise<ArticleDraft>;
}

describe.skipIf(!importersReady)(
  'every sample imported through the importers exports a valid, inert page',
  () => {
    const samples = readdirSync(SAMPLES_DIR).filter((f) => f !== 'README.md');
    const exported = new Map<string, { article: Article; html: string }>();
    const refused = new Map<string, string>();
    let report: Map<string, VnuMessage[]>;

    beforeAll(async () => {
      const { importFile } = (await import(/* @vite-ignore */ IMPORTERS)) as ImportersModule;
      for (const sample of samples) {
        let draft: ArticleDraft;
        try {
          draft = await importFile(path.join(SAMPLES_DIR, sample));
        } catch (error) {
          // DOCX import belongs to a later issue: a .docx the importers refuse is reported skipped
          // below. Any other failure, and any failure on another sample, fails the suite.
          if (sample.endsWith('.docx') && isCopydeskError(error) && error.code === 'import-failed') {
            refused.set(sample, error.message);
            continue;
          }
          throw error;
        }
        const content = ArticleContentSchema.parse(draft);
        const article = makeArticle({ ...content, id: path.parse(sample).name.toLowerCase() });
        exported.set(sample, { article, html: exportHtml(article) });
      }
      report = await checkHtmlStringsWithVnu(Object.fromEntries([...exported].map(([k, v]) => [k, v.html])));
    }, VNU_TIMEOUT);

    it('imported the text, Markdown and HTML samples', () => {
      for (const sample of [
        'riverside-flood-barrier.txt',
        'rail-strike-draft.md',
        'harbour-ferry-paste.html',
      ]) {
        expect(exported.has(sample), sample).toBe(true);
      }
    });

    it.for(samples)('%s', (sample, { skip }) => {
      if (refused.has(sample)) skip(`the importers refuse it for now: ${refused.get(sample)}`);
      const entry = exported.get(sample);
      expect(entry, `${sample} was not exported`).toBeDefined();
      const { article, html } = entry!;
      expectNoVnuErrors(report, sample);
      const doc = parseHtmlDocument(html);
      expect(findActiveContent(doc)).toEqual([]);
      expect(doc.querySelectorAll('h1')).toHaveLength(1);
      expect(doc.querySelector('title')?.textContent).toBe(article.headline);
      expect(doc.querySelector('h1')?.textContent).toBe(article.headline);
      const ld = JSON.parse(
        doc.querySelector('script[type="application/ld+json"]')?.textContent ?? '',
      ) as Record<string, unknown>;
      expect(ld.headline).toBe(article.headline);
      if (article.contentHighlight) expect(ld.description).toBe(article.contentHighlight);
      expect(doc.querySelectorAll('[class*="ProseMirror" i], [contenteditable]')).toHaveLength(0);
      expect(html).not.toMatch(/attacker\.example|javascript:|onerror|onclick|<iframe|<p>\s*<\/p>/i);
      expect((doc.querySelector('.article-body')?.textContent ?? '').length).toBeGreaterThan(200);
    });
  },
);
