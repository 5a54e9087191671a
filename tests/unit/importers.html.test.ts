import { describe, expect, it } from 'vitest';
import { htmlToBody } from '../../src/importers/htmlToBody';
import { importHtml } from '../../src/importers/importHtml';
import {
  emptyBody,
  type BodyDoc,
  type BodyMark,
  type BodyNode,
  type ImportNote,
} from '../../src/shared/article';
import { checkBody } from '../../src/shared/editor/schema';
import { CopydeskError } from '../../src/shared/errors';
import { bodyText, countWords } from '../../src/shared/text';

function converted(html: string, report: ImportNote[] = []): BodyDoc {
  const body = htmlToBody(html, { report });
  expect(() => checkBody(body)).not.toThrow();
  return body;
}

function blocks(body: BodyDoc): Array<[string, string]> {
  return (body.content ?? []).map((node) => [node.type, bodyText(node)]);
}

function runs(node: BodyNode): Array<{ text: string; marks: string[] }> {
  if (node.type === 'text')
    return [{ text: node.text ?? '', marks: (node.marks ?? []).map((m: BodyMark) => m.type) }];
  return (node.content ?? []).flatMap(runs);
}

function depthOf(node: BodyNode): number {
  return 1 + Math.max(0, ...(node.content ?? []).map(depthOf));
}

describe('HTML from Google Docs and Word', () => {
  it('does not make the whole paste bold because of the Google Docs wrapper', () => {
    const body = converted(
      '<b style="font-weight:normal;" id="docs-internal-guid-1"><p><span style="font-weight:400">Plain</span> ' +
        '<span style="font-weight:700">strong</span> <span style="font-style:italic">slanted</span></p></b>',
    );
    expect(runs(body)).toEqual([
      { text: 'Plain ', marks: [] },
      { text: 'strong', marks: ['bold'] },
      { text: ' ', marks: [] },
      { text: 'slanted', marks: ['italic'] },
    ]);
  });

  it('keeps ordinary bold and italic elements', () => {
    const body = converted('<p><b>b</b> <strong>s</strong> <i>i</i> <em>e</em></p>');
    expect(runs(body).filter((r) => r.marks.length > 0)).toEqual([
      { text: 'b', marks: ['bold'] },
      { text: 's', marks: ['bold'] },
      { text: 'i', marks: ['italic'] },
      { text: 'e', marks: ['italic'] },
    ]);
  });

  it('drops Word’s XML, conditional comments and empty paragraphs', () => {
    const body = converted(
      '<!--[if gte mso 9]><xml><w:WordDocument>Normal</w:WordDocument></xml><![endif]-->' +
        '<p class="MsoNormal">First<o:p></o:p></p><p class="MsoNormal"><o:p>&nbsp;</o:p></p>' +
        '<p></p><p> </p><p><br></p><!-- a comment --><p class="MsoNormal">Second</p>',
    );
    expect(blocks(body)).toEqual([
      ['paragraph', 'First'],
      ['paragraph', 'Second'],
    ]);
  });

  it('does not turn the line breaks between paragraphs into empty paragraphs', () => {
    const body = converted('<p>One</p><br><p>Two</p><br><br><p>Three<br>and a half</p>');
    expect(blocks(body)).toEqual([
      ['paragraph', 'One'],
      ['paragraph', 'Two'],
      ['paragraph', 'Three\nand a half'],
    ]);
  });

  it('maps headings to the body’s H2 and H3: the headline is the only H1', () => {
    const body = converted('<h1>One</h1><h2>Two</h2><h3>Three</h3><h4>Four</h4><h5>Five</h5><h6>Six</h6>');
    expect(body.content?.map((n) => [n.type, n.attrs?.level])).toEqual([
      ['heading', 2],
      ['heading', 2],
      ['heading', 3],
      ['heading', 3],
      ['heading', 3],
      ['heading', 3],
    ]);
  });

  it('keeps lists and quotes, and removes list items left empty', () => {
    const body = converted(
      '<ul><li>a</li><li></li><li><p>b</p></li></ul><blockquote><p>q</p><p></p></blockquote>',
    );
    expect(body.content?.map((n) => n.type)).toEqual(['bulletList', 'blockquote']);
    expect(body.content?.[0].content?.map((item) => bodyText(item))).toEqual(['a', 'b']);
    expect(bodyText(body.content?.[1])).toBe('q');
  });

  it('gives the editor’s one empty paragraph for HTML with no text', () => {
    expect(converted('')).toEqual(emptyBody());
    expect(converted('<p></p><script>alert(1)</script><style>p{}</style>')).toEqual(emptyBody());
  });

  it('keeps only http, https and mailto links, and reports the others', () => {
    const report: ImportNote[] = [];
    const body = converted(
      '<p><a href="javascript:alert(1)">js</a> <a href="mailto:desk@example.com">mail</a> ' +
        '<a href="/relative">rel</a> <a href="http://example.com/x">web</a></p>',
      report,
    );
    const hrefs = (body.content?.[0].content ?? []).flatMap((n) =>
      (n.marks ?? []).filter((m) => m.type === 'link').map((m) => m.attrs?.href),
    );
    expect(hrefs).toEqual(['mailto:desk@example.com', 'http://example.com/x']);
    expect(bodyText(body)).toBe('js mail rel web');
    expect(report.map((n) => n.text)).toEqual(['js', 'rel']);
  });
});

describe('HTML import finds the article structure', () => {
  it('takes a heading as the headline and finds byline and dateline', () => {
    const draft = importHtml(
      '<h1>Ferry returns</h1><p><em>By Hannah Cole</em></p><p>PORTHAVEN — The <b>ferry</b> is back.</p><p>More.</p>',
    );
    expect(draft).toMatchObject({ headline: 'Ferry returns', byline: 'Hannah Cole', dateline: 'PORTHAVEN' });
    expect(runs(draft.body)).toEqual([
      { text: 'The ', marks: [] },
      { text: 'ferry', marks: ['bold'] },
      { text: ' is back.', marks: [] },
      { text: 'More.', marks: [] },
    ]);
  });

  it('strips a dateline that is itself bold without losing the formatting after it', () => {
    const draft = importHtml('<p>Headline</p><p><b>LONDON —</b> <i>Shares</i> fell.</p>');
    expect(draft.dateline).toBe('LONDON');
    expect(runs(draft.body)).toEqual([
      { text: 'Shares', marks: ['italic'] },
      { text: ' fell.', marks: [] },
    ]);
  });

  it('does not take a first paragraph that is a sentence as the headline', () => {
    const draft = importHtml('<p>The ferry returned to service on Saturday.</p><p>More.</p>');
    expect(draft.headline).toBe('');
    expect(blocks(draft.body)).toEqual([
      ['paragraph', 'The ferry returned to service on Saturday.'],
      ['paragraph', 'More.'],
    ]);
  });

  it('drops share lists and related links at the end of a copied page', () => {
    const draft = importHtml(
      '<h1>Ferry returns</h1><p>Body.</p><h2>Related articles</h2><ul><li><a href="https://e.com/a">Bridge closes</a></li>' +
        '<li><a href="https://e.com/b">Bakery reopens</a></li></ul><ul><li>Share on Facebook</li><li>Share on X</li></ul>',
    );
    expect(blocks(draft.body)).toEqual([['paragraph', 'Body.']]);
    expect(draft.report.filter((n) => n.kind === 'dropped').map((n) => n.text)).toEqual([
      'Related articles',
      'Bridge closes\nBakery reopens',
      'Share on Facebook\nShare on X',
    ]);
  });

  it('keeps a table as a table, with its header row, and its caption as a paragraph before it', () => {
    const draft = importHtml(
      '<h1>T</h1><table><caption>Fares</caption><tr><th>Route</th><th>£</th></tr><tr><td>Ferry</td><td>2.50</td></tr></table>',
    );
    expect(blocks(draft.body)).toEqual([
      ['paragraph', 'Fares'],
      ['table', 'Route\n\n£\n\nFerry\n\n2.50'],
    ]);
    const rows = draft.body.content![1]!.content!;
    expect(rows.map((r) => r.content!.map((c) => c.type))).toEqual([
      ['tableHeader', 'tableHeader'],
      ['tableCell', 'tableCell'],
    ]);
    expect(checkBody(draft.body).childCount).toBe(2);
  });
});

describe('large and deep HTML', () => {
  it('converts a 5,000-word paste with inline styles', () => {
    const words = Array.from({ length: 5000 }, (_, i) => `word${i}`);
    let html = '';
    for (let i = 0; i < words.length; i += 50) {
      const line = words
        .slice(i, i + 50)
        .map((w, j) => (j % 5 === 0 ? `<span style="font-weight:700">${w}</span>` : w))
        .join(' ');
      html += `<p style="line-height:1.38"><span style="font-size:11pt">${line}</span></p><br>`;
    }
    const body = converted(html);
    expect(body.content).toHaveLength(100);
    expect(countWords(bodyText(body))).toBe(5000);
    expect(runs(body).filter((r) => r.marks.includes('bold'))).toHaveLength(1000);
  });

  it.each([
    ['div and span', (inner: string) => `<div><span style="font-style:italic">${inner}</span></div>`],
    ['blockquote', (inner: string) => `<blockquote>${inner}</blockquote>`],
    ['list', (inner: string) => `<ul><li>level ${inner}</li></ul>`],
    ['bold and italic', (inner: string) => `<b><i>${inner}</i></b>`],
  ])('converts %s nested 20 deep with its text intact', (_name, wrap) => {
    let html = '<p>deepest words</p>';
    for (let i = 0; i < 20; i++) html = wrap(html);
    const body = converted(html);
    expect(bodyText(body)).toContain('deepest words');
  });

  it('flattens formatting nested far deeper than any article, keeping the text', () => {
    let html = 'deepest words';
    for (let i = 0; i < 200; i++) html = `<div><span>${html}</span></div>`;
    const report: ImportNote[] = [];
    const body = converted(`<p>before</p>${html}`, report);
    expect(bodyText(body)).toContain('deepest words');
    expect(depthOf(body)).toBeLessThan(60);
    expect(report.some((n) => /flattened/.test(n.message))).toBe(true);
  });

  it('refuses HTML nested more than 512 levels deep with a clear message', () => {
    let html = 'x';
    for (let i = 0; i < 600; i++) html = `<span>${html}</span>`;
    let error: unknown;
    try {
      htmlToBody(html);
    } catch (e) {
      error = e;
    }
    expect(error).toBeInstanceOf(CopydeskError);
    expect(error).toMatchObject({
      code: 'import-failed',
      message: expect.stringMatching(/nested more than 512 levels/),
    });
  });
});

describe('a page header pasted as one paragraph with line breaks', () => {
  it('is split into headline, byline and the first paragraph', () => {
    const draft = importHtml(
      '<p><b>Ferry returns</b><br><i>By Hannah Cole</i><br>PORTHAVEN — The ferry is back.<br>It sails hourly.</p>',
    );
    expect(draft).toMatchObject({ headline: 'Ferry returns', byline: 'Hannah Cole', dateline: 'PORTHAVEN' });
    expect(blocks(draft.body)).toEqual([['paragraph', 'The ferry is back.\nIt sails hourly.']]);
  });

  it('is left whole when its second line is not a header line', () => {
    const draft = importHtml('<p>Riverside Council<br>Town Hall<br>High Street</p><p>Text.</p>');
    expect(draft.headline).toBe('');
    expect(blocks(draft.body)[0]).toEqual(['paragraph', 'Riverside Council\nTown Hall\nHigh Street']);
  });
});
