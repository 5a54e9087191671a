import { execFile } from 'node:child_process';
import { existsSync } from 'node:fs';
import { mkdir, readFile, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { promisify } from 'node:util';
import { DOMParser } from '@xmldom/xmldom';
import Ajv2020 from 'ajv/dist/2020';
import addFormats from 'ajv-formats';
import JSZip from 'jszip';
import MarkdownIt from 'markdown-it';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { exportDocx } from '../../src/exporters/exportDocx';
import { exportHtml } from '../../src/exporters/exportHtml';
import { exportHtmlFragment } from '../../src/exporters/exportHtmlFragment';
import { exportMarkdown } from '../../src/exporters/exportMarkdown';
import { exportNinjs } from '../../src/exporters/exportNinjs';
import { exportNitf } from '../../src/exporters/exportNitf';
import { exportText } from '../../src/exporters/exportText';
import { DEFAULT_TEMPLATE, exportWithTemplate } from '../../src/exporters/exportTemplate';
import { importMarkdown } from '../../src/importers';
import { chromiumPath, chromiumPdfRenderer } from '../../src/services/chromiumPdf';
import { exportFileName, renderExport } from '../../src/services/exportArticle';
import { listTemplates } from '../../src/services/templates';
import type { Article } from '../../src/shared/article';
import { ExportFormatSchema } from '../../src/shared/contract';
import { bodyText } from '../../src/shared/text';
import { findActiveContent } from '../helpers/activeContent';
import { handBuiltArticles } from '../helpers/exportCorpus';
import { CORPORA_DIR, makeTempDir } from '../helpers/tempLibrary';
import { checkHtmlWithVnu } from '../helpers/vnu';
import { bold, italic, link, makeArticle, paragraph, text } from '../helpers/testArticle';

const run = promisify(execFile);

function article(): Article {
  return makeArticle({
    headline: 'Riverside council approves £12m flood barrier',
    contentHighlight: 'Councillors vote 31-4 for a barrier along the River Ashe.',
    byline: 'Jane Doe, Environment Correspondent',
    dateline: 'Riverside',
    tags: ['flooding', 'council'],
    body: {
      type: 'doc',
      content: [
        paragraph(
          'Councillors voted ',
          text('31 to 4', bold),
          ' on ',
          text('Tuesday', italic),
          ' night, reports the ',
          text('Gazette', link('https://example.com/gazette')),
          '.',
        ),
        { type: 'heading', attrs: { level: 2 }, content: [text('What happens next')] },
        {
          type: 'bulletList',
          content: [
            { type: 'listItem', content: [paragraph('Upstream wetlands')] },
            {
              type: 'listItem',
              content: [
                paragraph(
                  'A concrete wall along the whole of the riverside path from the bridge to the weir',
                ),
              ],
            },
          ],
        },
        {
          type: 'orderedList',
          attrs: { start: 3 },
          content: [{ type: 'listItem', content: [paragraph('Consultation')] }],
        },
        { type: 'blockquote', content: [paragraph('“This ends that,” said Ms Okonjo.')] },
        { type: 'horizontalRule' },
        paragraph(
          '1. Not a list * not emphasis <b>not bold</b> & [not a link](javascript:alert(1)) # not a heading',
        ),
      ],
    },
  });
}

let temp: { dir: string; cleanup: () => Promise<void> };
beforeAll(async () => {
  temp = await makeTempDir();
});
afterAll(() => temp.cleanup());

describe('every format', () => {
  it.each(ExportFormatSchema.options.filter((f) => f !== 'pdf'))(
    '%s exports the sample article with a matching file name',
    async (format) => {
      const { data, fileName } = await renderExport(article(), format);
      expect(data.length).toBeGreaterThan(100);
      expect(fileName).toBe(exportFileName(article(), format));
      expect(fileName).toMatch(/^riverside-council-approves-12m-flood-barrier\./);
    },
  );
});

describe('Markdown export', () => {
  const md = exportMarkdown(article());
  it('round-trips through the Markdown importer: fields and text', () => {
    const back = importMarkdown(md);
    expect(back).toMatchObject({
      headline: 'Riverside council approves £12m flood barrier',
      contentHighlight: 'Councillors vote 31-4 for a barrier along the River Ashe.',
      byline: 'Jane Doe, Environment Correspondent',
      dateline: 'Riverside',
      tags: ['flooding', 'council'],
    });
    expect(bodyText(back.body)).toBe(bodyText(article().body));
  });

  it('renders in a CommonMark renderer with the structure and none of the text turned into markup', () => {
    const html = new MarkdownIt('commonmark', { html: true }).render(md.replace(/^---[\s\S]*?---\n/, ''));
    expect(html).toContain('<strong>31 to 4</strong>');
    expect(html).toContain('<a href="https://example.com/gazette">Gazette</a>');
    expect(html).toContain('<h2>What happens next</h2>');
    expect(html).toContain('<ol start="3">');
    expect(html).toContain('&lt;b&gt;not bold&lt;/b&gt;');
    expect(html).not.toMatch(/href="(?!https:)/);
    expect(html.match(/<ol/g)).toHaveLength(1);
    expect(html.match(/<h2/g)).toHaveLength(1);
  });
});

describe('plain text export', () => {
  it('wraps at 72 characters when asked, and keeps one line per paragraph when not', () => {
    const wrapped = exportText(article(), { wrap: 72 });
    expect(Math.max(...wrapped.split('\n').map((l) => [...l].length))).toBeLessThanOrEqual(72);
    // A wrapped list item goes on under its text, not under the dash.
    expect(wrapped).toMatch(
      /\n- A concrete wall along the whole of the riverside path from the bridge\n {2}to the weir\n/,
    );
    const unwrapped = exportText(article());
    expect(unwrapped).toContain(
      '- A concrete wall along the whole of the riverside path from the bridge to the weir\n',
    );
    expect(unwrapped).toMatch(/^Riverside council approves £12m flood barrier\n\nCouncillors vote 31-4/);
    expect(unwrapped).toContain('By Jane Doe, Environment Correspondent\nRIVERSIDE');
    expect(unwrapped).toContain('WHAT HAPPENS NEXT');
  });
});

describe('HTML fragment', () => {
  it('is exactly the page’s <article> element', () => {
    const fragment = exportHtmlFragment(article());
    expect(fragment.startsWith('<article>')).toBe(true);
    expect(fragment.trimEnd().endsWith('</article>')).toBe(true);
    expect(exportHtml(article())).toContain(fragment.trimEnd());
    expect(fragment).not.toMatch(/<html|<head>|<script/);
  });
});

describe('house templates', () => {
  it('the default template gives a valid HTML page (W3C checker) with nothing active, for every hand-built article', async () => {
    const files: string[] = [];
    for (const [name, a] of Object.entries({ sample: article(), ...handBuiltArticles() })) {
      const html = exportWithTemplate(a);
      expect(findActiveContent(html)).toEqual([]);
      const file = join(temp.dir, `${name.replace(/\W+/g, '-')}.template.html`);
      await writeFile(file, html);
      files.push(file);
    }
    const report = await checkHtmlWithVnu(files);
    for (const [file, messages] of report) expect(messages, file).toEqual([]);
  });

  it('escapes article text even where a template says | safe', () => {
    const hostile = makeArticle({ headline: '<img src=x onerror=alert(1)>' });
    const html = exportWithTemplate(hostile, '<html><body><h1>{{ headline | safe }}</h1></body></html>');
    expect(html).toContain('&lt;img src=x onerror=alert(1)&gt;');
    expect(findActiveContent(html)).toEqual([]);
  });

  it('refuses a template that adds a script, naming the problem', () => {
    expect(() =>
      exportWithTemplate(
        article(),
        '<html><body onload="x()"><script>track()</script>{{ headline }}</body></html>',
      ),
    ).toThrow(/produces active content \((?=.*a <script> element)(?=.*an onload attribute on <body>)/);
  });

  it('refuses a template that tries to include a file, with the template’s error', () => {
    expect(() =>
      exportWithTemplate(article(), '{% include "/etc/passwd" %}', { templateName: 'evil.njk' }),
    ).toThrow(/The house template “evil.njk” could not be used/);
  });

  it('lists the built-in template and the library’s templates/*.njk, and exports with one', async () => {
    const lib = join(temp.dir, 'library');
    await mkdir(join(lib, 'templates'), { recursive: true });
    await writeFile(
      join(lib, 'templates', 'house.njk'),
      '<!DOCTYPE html><html lang="{{ language }}"><head><title>{{ headline }}</title><style>{{ stylesheet }}</style></head><body>{{ articleHtml }}</body></html>',
    );
    await writeFile(join(lib, 'templates', 'house.css'), 'h1 { color: navy; }');
    await writeFile(join(lib, 'templates', 'notes.txt'), 'not a template');
    expect(await listTemplates(lib)).toEqual([
      { name: 'default', builtIn: true },
      { name: 'house.njk', builtIn: false },
    ]);
    const { data } = await renderExport(article(), 'html', { template: 'house.njk' }, { libraryDir: lib });
    expect(data).toContain('h1 { color: navy; }');
    expect(data).toContain('<h1>Riverside council approves £12m flood barrier</h1>');
    await expect(
      renderExport(article(), 'html', { template: '../../etc/passwd' }, { libraryDir: lib }),
    ).rejects.toThrow(/not a template name/);
  });

  it('the default stylesheet carries print rules for PDF', () => {
    expect(DEFAULT_TEMPLATE.stylesheet).toMatch(/@media print[\s\S]*@page/);
    expect(exportHtml(article())).toMatch(/@media print[\s\S]*@page/);
  });
});

describe('DOCX export', () => {
  async function documentXml(a: Article): Promise<string> {
    const zip = await JSZip.loadAsync(await exportDocx(a));
    return zip.file('word/document.xml')!.async('string');
  }

  it('styles headline, Content Highlight, byline and dateline, and carries headings, lists, links and quotes', async () => {
    const xml = await documentXml(article());
    for (const style of ['Headline', 'ContentHighlight', 'Byline', 'Dateline', 'Heading2', 'ArticleQuote']) {
      expect(xml).toContain(`<w:pStyle w:val="${style}"/>`);
    }
    expect(xml).toContain('<w:numPr>');
    expect(xml).toContain('<w:hyperlink');
    expect(xml).toContain('Riverside council approves £12m flood barrier');
    const rels = await (
      await JSZip.loadAsync(await exportDocx(article()))
    )
      .file('word/_rels/document.xml.rels')!
      .async('string');
    expect(rels).toContain('Target="https://example.com/gazette" TargetMode="External"');
    // Parses as XML.
    const errors: string[] = [];
    new DOMParser({
      onError: (level, msg) => void (level !== 'warning' && errors.push(msg)),
    }).parseFromString(xml, 'text/xml');
    expect(errors).toEqual([]);
  });

  it('carries tables as Word tables (header row repeated), figures as a visible placeholder, and super/subscript', async () => {
    const cell = (type: string, text: string) => ({
      type,
      content: [{ type: 'paragraph', content: [{ type: 'text', text }] }],
    });
    const a = article();
    a.body = {
      type: 'doc',
      content: [
        {
          type: 'table',
          content: [
            { type: 'tableRow', content: [cell('tableHeader', 'Route'), cell('tableHeader', 'Fare')] },
            { type: 'tableRow', content: [cell('tableCell', 'Ferry'), cell('tableCell', '£2.50')] },
          ],
        },
        {
          type: 'figure',
          attrs: {
            src: 'asset:0123456789abcdef.png',
            alt: 'The ferry',
            caption: 'Back in service',
            credit: 'Jo Snap',
          },
        },
        {
          type: 'paragraph',
          content: [
            { type: 'text', text: 'CO' },
            { type: 'text', text: '2', marks: [{ type: 'subscript' }] },
            { type: 'text', text: ' on the 1' },
            { type: 'text', text: 'st', marks: [{ type: 'superscript' }] },
          ],
        },
      ],
    };
    const xml = await documentXml(a);
    expect(xml.match(/<w:tbl>/g)).toHaveLength(1);
    expect(xml.match(/<w:tr>/g)).toHaveLength(2);
    expect(xml).toContain('<w:tblHeader/>');
    for (const text of [
      'Route',
      'Fare',
      'Ferry',
      '£2.50',
      'Back in service',
      '(Jo Snap)',
      'Alt text: The ferry',
    ]) {
      expect(xml).toContain(text);
    }
    expect(xml).toContain('<w:vertAlign w:val="subscript"/>');
    expect(xml).toContain('<w:vertAlign w:val="superscript"/>');
  });

  const soffice = ['/usr/bin/soffice', '/usr/bin/libreoffice'].find((p) => existsSync(p));
  it.skipIf(!soffice)(
    `converts to PDF with LibreOffice${soffice ? '' : ' (skipped: LibreOffice soffice is not installed on this machine)'}`,
    async () => {
      const file = join(temp.dir, 'article.docx');
      await writeFile(file, await exportDocx(article()));
      await run(soffice!, ['--headless', '--convert-to', 'pdf', '--outdir', temp.dir, file], {
        timeout: 120_000,
      });
      expect((await readFile(join(temp.dir, 'article.pdf'))).subarray(0, 5).toString()).toBe('%PDF-');
    },
  );
});

describe('NITF export', () => {
  function parse(xml: string): Document {
    const errors: string[] = [];
    const doc = new DOMParser({
      onError: (level, msg) => void (level !== 'warning' && errors.push(msg)),
    }).parseFromString(xml, 'text/xml');
    expect(errors).toEqual([]);
    return doc as unknown as Document;
  }

  it.each(Object.entries({ sample: article(), ...handBuiltArticles() }))(
    '%s is well-formed NITF with the required elements',
    (_name, a) => {
      const doc = parse(exportNitf(a));
      const root = doc.documentElement;
      expect(root.nodeName).toBe('nitf');
      expect(root.getAttribute('version')).toBe('-//IPTC//DTD NITF 3.6//EN');
      const one = (path: string): Element => {
        const found = doc.getElementsByTagName(path);
        expect(found.length, path).toBe(1);
        return found[0]!;
      };
      for (const el of [
        'head',
        'title',
        'docdata',
        'pubdata',
        'body',
        'body.head',
        'hedline',
        'hl1',
        'body.content',
        'dateline',
      ])
        one(el);
      expect(one('head').parentNode).toBe(root);
      expect(one('hl1').textContent).toBe(one('title').textContent);
    },
  );

  it('carries byline, dateline, abstract and the body', () => {
    const doc = parse(exportNitf(article()));
    expect(doc.getElementsByTagName('byline')[0]?.textContent).toBe('By Jane Doe, Environment Correspondent');
    expect(doc.getElementsByTagName('location')[0]?.textContent).toBe('Riverside');
    expect(doc.getElementsByTagName('abstract')[0]?.textContent?.trim()).toBe(
      'Councillors vote 31-4 for a barrier along the River Ashe.',
    );
    expect(doc.getElementsByTagName('hl2')[0]?.textContent).toBe('What happens next');
    expect(doc.getElementsByTagName('a')[0]?.getAttribute('href')).toBe('https://example.com/gazette');
    expect(doc.getElementsByTagName('bq')).toHaveLength(1);
  });
});

describe('ninjs export', () => {
  const ajv = (_version: '3.1' | '2.2') => {
    const a = new Ajv2020({ strict: false, allErrors: true });
    addFormats(a);
    // The schemas point at GeoJSON's schema on the web for place geometry, which the exports never
    // carry; offline it stands in as "any object".
    a.addSchema({ $id: 'https://geojson.org/schema/GeoJSON.json', type: 'object' });
    return a;
  };
  const schema = async (version: string) =>
    JSON.parse(await readFile(join(CORPORA_DIR, 'ninjs', `ninjs-schema_${version}.json`), 'utf8')) as object;

  it.each(['3.1', '2.2'] as const)(
    'validates against the official ninjs %s schema for every hand-built article',
    async (version) => {
      const validate = ajv(version).compile(await schema(version));
      for (const [name, a] of Object.entries({ sample: article(), ...handBuiltArticles() })) {
        const item = JSON.parse(exportNinjs(a, { version }));
        const ok = validate(item);
        expect(ok, `${name}: ${JSON.stringify(validate.errors)}`).toBe(true);
      }
    },
  );

  it('the validator rejects an item the schema forbids (the check can fail)', async () => {
    const validate = ajv('3.1').compile(await schema('3.1'));
    expect(validate({ ...JSON.parse(exportNinjs(article())), headline: 'not a 3.1 property' })).toBe(false);
  });

  it('carries headline, summary, byline, place and both bodies', () => {
    const item = JSON.parse(exportNinjs(article()));
    expect(item.headlines[0].value).toBe('Riverside council approves £12m flood barrier');
    expect(item.descriptions[0].value).toBe('Councillors vote 31-4 for a barrier along the River Ashe.');
    expect(item.by).toBe('By Jane Doe, Environment Correspondent');
    expect(item.located).toBe('Riverside');
    expect(item.bodies.map((b: { contentType: string }) => b.contentType)).toEqual([
      'text/html',
      'text/plain',
    ]);
  });
});

describe('PDF export', () => {
  it('without a printer says what to do instead', async () => {
    await expect(renderExport(article(), 'pdf')).rejects.toThrow(/Export as HTML and print that/);
  });

  it('with no Chromium at the given path says how to install one', async () => {
    await expect(
      renderExport(article(), 'pdf', {}, { pdf: chromiumPdfRenderer('/nonexistent/chromium') }),
    ).rejects.toThrow(/needs Chromium, and there is none at \/nonexistent\/chromium/);
  });

  it.skipIf(!existsSync(chromiumPath()))(
    `prints the page through headless Chromium${existsSync(chromiumPath()) ? '' : ' (skipped: no Chromium here)'}`,
    async () => {
      const { data } = await renderExport(article(), 'pdf', {}, { pdf: chromiumPdfRenderer() });
      const bytes = Buffer.from(data as Uint8Array);
      expect(bytes.subarray(0, 5).toString()).toBe('%PDF-');
      expect(bytes.length).toBeGreaterThan(5000);
    },
  );
});
