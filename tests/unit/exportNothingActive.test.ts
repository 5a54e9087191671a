import { Document, ExternalHyperlink, Packer, Paragraph, TextRun } from 'docx';
import JSZip from 'jszip';
import MarkdownIt from 'markdown-it';
import { afterAll, describe, expect, it } from 'vitest';
import { exportDocx } from '../../src/exporters/exportDocx';
import { exportHtml } from '../../src/exporters/exportHtml';
import { exportHtmlFragment } from '../../src/exporters/exportHtmlFragment';
import { exportMarkdown } from '../../src/exporters/exportMarkdown';
import { exportNitf } from '../../src/exporters/exportNitf';
import { exportWithTemplate } from '../../src/exporters/exportTemplate';
import { htmlToBody, importDocx, importHtml, importMarkdown } from '../../src/importers';
import { parseArticle, serialiseArticle } from '../../src/library/articleFile';
import type { Article, ArticleDraft } from '../../src/shared/article';
import { CopydeskError } from '../../src/shared/errors';
import { findActiveContent, parseHtmlDocument } from '../helpers/activeContent';
import { naughtyStrings, xssArticle, xssFixtures } from '../helpers/exportCorpus';
import { makeArticle } from '../helpers/testArticle';

const markdownIt = new MarkdownIt('commonmark', { html: true });
const SAFE_TARGET = /^(?:https?:|mailto:)/i;

function fromDraft(draft: ArticleDraft | { body: Article['body'] }): Article {
  const { report: _r, ...content } = draft as ArticleDraft;
  return makeArticle({ ...content });
}

/** A Word file with each payload as a paragraph's text and as a hyperlink's target. */
async function docxWith(payloads: string[]): Promise<Uint8Array> {
  const doc = new Document({
    sections: [
      {
        children: payloads.flatMap((payload) => [
          new Paragraph({ children: [new TextRun(payload)] }),
          new Paragraph({
            children: [
              new ExternalHyperlink({ link: payload || 'x', children: [new TextRun(payload || 'link')] }),
            ],
          }),
        ]),
      },
    ],
  });
  return new Uint8Array(await Packer.toBuffer(doc));
}

type EntryPoint = (payload: string) => Promise<Article>;
const ENTRY_POINTS: Record<string, EntryPoint> = {
  'HTML import': async (p) => fromDraft(importHtml(p)),
  'Markdown import': async (p) => fromDraft(importMarkdown(p)),
  // The matrix gives the DOCX importer one Word file per group of payloads (see GROUP): building
  // and converting a .docx is its slowest step, and Word's XML keeps each paragraph apart.
  'DOCX import': async (p) => fromDraft(await importDocx(await docxWith(p.split('\u0000')))),
  paste: async (p) => fromDraft({ body: htmlToBody(p) }),
  // The library's own gate: a stored file with the payload in every field, attribute and link.
  'stored JSON': async (p) => parseArticle(JSON.parse(serialiseArticle(xssArticle(p)))),
};

/** Each markup format: what it finds active in the export of `article`. */
type Check = (article: Article) => Promise<string[]>;
const FORMATS: Record<string, Check> = {
  html: async (a) => findActiveContent(exportHtml(a)),
  'html-fragment': async (a) => findActiveContent(exportHtmlFragment(a)),
  template: async (a) => findActiveContent(exportWithTemplate(a)),
  'markdown (rendered by markdown-it)': async (a) => findActiveContent(markdownIt.render(exportMarkdown(a))),
  // Parsed as HTML too: a <script> or on… attribute smuggled into the XML would show up there.
  nitf: async (a) => {
    const xml = exportNitf(a);
    const findings = findActiveContent(parseHtmlDocument(xml));
    for (const m of xml.matchAll(/href="([^"]*)"/g))
      if (!SAFE_TARGET.test(m[1]!)) findings.push(`nitf href ${m[1]}`);
    return findings;
  },
  'docx document.xml': async (a) => {
    const zip = await JSZip.loadAsync(await exportDocx(a));
    const findings: string[] = [];
    const rels = await zip.file('word/_rels/document.xml.rels')!.async('string');
    for (const m of rels.matchAll(/Target="([^"]*)" TargetMode="External"/g)) {
      if (!SAFE_TARGET.test(m[1]!.replace(/&amp;/g, '&'))) findings.push(`docx link to ${m[1]}`);
    }
    const xml = await zip.file('word/document.xml')!.async('string');
    // Field codes (HYPERLINK, INCLUDETEXT) and embedded HTML chunks are how a .docx runs or loads things.
    if (/<w:instrText|<w:fldSimple|altChunk|<w:object/.test(xml))
      findings.push('docx field code or embedded object');
    return findings;
  },
};

/**
 * Several imported articles as one: fields joined (cut to what the article schema allows), bodies
 * one after the other. Every payload still reaches every context of every exporter, and each
 * export's fixed cost (sanitiser, parser, zip) is paid once per group rather than per payload,
 * which keeps the matrix under a minute on the project's two-core machines.
 */
function merge(articles: Article[]): Article {
  const join = (pick: (a: Article) => string, max: number): string =>
    articles
      .map(pick)
      .join(' ')
      .slice(0, max)
      .replace(/[\uD800-\uDBFF]$/, '');
  return makeArticle({
    headline: join((a) => a.headline, 2000),
    contentHighlight: join((a) => a.contentHighlight, 5000),
    byline: join((a) => a.byline, 2000),
    dateline: join((a) => a.dateline, 500),
    section: join((a) => a.section, 200),
    tags: [...new Set(articles.flatMap((a) => a.tags))].slice(0, 100),
    body: { type: 'doc', content: articles.flatMap((a) => a.body.content ?? []) },
  });
}

const GROUP = 10;

describe('nothing active gets through any entry point into any markup export', () => {
  const payloads = [...xssFixtures().map((f) => f.payload), ...naughtyStrings()];
  const totals = { findings: 0, crashes: 0, refused: 0, exports: 0, entries: 0 };

  afterAll(() => {
    console.log(
      `${payloads.length} payloads × ${totals.entries} entry points × ${Object.keys(FORMATS).length} formats: ` +
        `${totals.findings} active findings, ${totals.crashes} crashes (${totals.exports} exports of groups of ${GROUP}; ${totals.refused} imports refused with a message)`,
    );
  });

  it.each(Object.keys(ENTRY_POINTS))(
    `%s: ${payloads.length} payloads × ${Object.keys(FORMATS).length} formats, nothing active and no crash`,
    async (entry) => {
      const importer = ENTRY_POINTS[entry]!;
      const findings: string[] = [];
      const crashes: string[] = [];
      for (let start = 0; start < payloads.length; start += GROUP) {
        const group = payloads.slice(start, start + GROUP);
        const articles: Article[] = [];
        const inputs = entry === 'DOCX import' ? [group.join('\u0000')] : group;
        for (const payload of inputs) {
          try {
            articles.push(await importer(payload));
          } catch (e) {
            // An importer may refuse hostile input with a message (and the library's validation
            // may refuse a stored file); what it must not do is fail any other way.
            if (e instanceof CopydeskError || entry === 'stored JSON') totals.refused++;
            else crashes.push(`${entry} import of ${JSON.stringify(payload.slice(0, 60))}: ${String(e)}`);
          }
        }
        if (articles.length === 0) continue;
        const article = merge(articles);
        const where = `payloads ${start + 1}–${start + group.length}`;
        for (const [format, check] of Object.entries(FORMATS)) {
          totals.exports++;
          try {
            for (const f of await check(article)) findings.push(`${entry} → ${format}: ${f} (${where})`);
          } catch (e) {
            crashes.push(`${entry} → ${format} (${where}): ${String(e)}`);
          }
        }
      }
      totals.entries++;
      totals.findings += findings.length;
      totals.crashes += crashes.length;
      expect(crashes.slice(0, 10)).toEqual([]);
      expect(findings.slice(0, 10)).toEqual([]);
    },
    180_000,
  );

  it('the check finds an active page when there is one (it can fail)', () => {
    expect(findActiveContent('<p onclick="x()"><a href="javascript:alert(1)">x</a></p>')).toHaveLength(2);
  });
});
