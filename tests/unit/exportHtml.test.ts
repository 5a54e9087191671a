import { afterEach, describe, expect, it, vi } from 'vitest';
import {
  EXPORT_HTML_ALLOWED_ATTRS,
  EXPORT_HTML_ALLOWED_TAGS,
  UNTITLED_HEADLINE,
  exportHtml,
  suggestedFileName,
} from '../../src/exporters/exportHtml';
import { displayByline, parseByline } from '../../src/exporters/byline';
import { ArticleSchema, type Article } from '../../src/shared/article';
import { isCopydeskError } from '../../src/shared/errors';
import { findActiveContent, parseHtmlDocument } from '../helpers/activeContent';
import {
  handBuiltArticles,
  naughtyArticle,
  naughtyStrings,
  xssArticle,
  xssFixtures,
} from '../helpers/exportCorpus';
import { makeArticle, paragraph } from '../helpers/testArticle';

const parse = parseHtmlDocument;

function jsonLd(doc: Document): Record<string, unknown> {
  const scripts = doc.querySelectorAll('script[type="application/ld+json"]');
  expect(scripts).toHaveLength(1);
  return JSON.parse(scripts[0]!.textContent ?? '') as Record<string, unknown>;
}

function metaContent(doc: Document, key: string): string | null | undefined {
  return doc.querySelector(`meta[name="${key}"], meta[property="${key}"]`)?.getAttribute('content');
}

// Restated from the HTML standard rather than imported from the exporter: controls other than
// ASCII whitespace, noncharacters and lone surrogates cannot appear in a conforming document.
function withoutForbidden(s: string): string {
  return s.replace(
    /[\u0000-\u0008\u000B\u000E-\u001F\u007F-\u009F]|\p{Noncharacter_Code_Point}|\p{Cs}/gu,
    '',
  );
}
const squash = (s: string): string => s.replace(/\s+/g, ' ').trim();
const showsNothing = (s: string): boolean => /^[\s\p{Cf}]*$/u.test(s);

/** What a single-line field should read as in the exported page. */
function expectedLine(value: string): string {
  const clean = withoutForbidden(value);
  if (showsNothing(clean)) return UNTITLED_HEADLINE;
  return clean;
}
function sameLine(actual: string | null | undefined, value: string): void {
  const expected = expectedLine(value);
  if (/[\r\n]/.test(value)) expect(squash(actual ?? '')).toBe(squash(expected));
  else expect(actual).toBe(expected);
}

/** Checks that hold for every export, whatever went in. */
function expectCleanExport(html: string): Document {
  const doc = parse(html);
  expect(findActiveContent(doc)).toEqual([]);
  expect(doc.querySelectorAll('h1')).toHaveLength(1);
  expect(doc.querySelectorAll('[contenteditable]')).toHaveLength(0);
  expect(doc.querySelectorAll('[class*="ProseMirror" i]')).toHaveLength(0);
  for (const p of Array.from(doc.querySelectorAll('p'))) {
    const onlyBreaks = Array.from(p.children).every((c) => c.tagName === 'BR');
    expect(onlyBreaks && (p.textContent ?? '').trim() === '', `empty paragraph: ${p.outerHTML}`).toBe(false);
  }
  const body = doc.querySelector('.article-body');
  for (const el of Array.from(body?.querySelectorAll('*') ?? [])) {
    expect(EXPORT_HTML_ALLOWED_TAGS).toContain(el.tagName.toLowerCase());
    for (const attr of Array.from(el.attributes)) expect(EXPORT_HTML_ALLOWED_ATTRS).toContain(attr.name);
  }
  return doc;
}

describe('exportHtml: the document', () => {
  const articles = handBuiltArticles();

  it('is a standalone HTML5 document with language, charset, viewport and the headline as title', () => {
    const html = exportHtml(articles.everything!);
    expect(html.startsWith('<!DOCTYPE html>\n<html lang="en-GB">\n<head>\n<meta charset="utf-8">\n')).toBe(
      true,
    );
    expect(html.endsWith('</html>\n')).toBe(true);
    const doc = parse(html);
    expect(doc.title).toBe('Riverside council approves £12m flood barrier');
    expect(doc.querySelector('meta[name="viewport"]')?.getAttribute('content')).toContain(
      'width=device-width',
    );
  });

  it('describes the article for search and social sites', () => {
    const doc = parse(exportHtml(articles.everything!));
    expect(metaContent(doc, 'description')).toBe('Councillors vote 31-4 for a barrier along the River Ashe.');
    expect(metaContent(doc, 'og:type')).toBe('article');
    expect(metaContent(doc, 'og:title')).toBe('Riverside council approves £12m flood barrier');
    expect(metaContent(doc, 'og:description')).toBe(
      'Councillors vote 31-4 for a barrier along the River Ashe.',
    );
    expect(metaContent(doc, 'og:locale')).toBe('en_GB');
    expect(metaContent(doc, 'article:published_time')).toBe('2025-03-04T09:30:00.000Z');
    expect(metaContent(doc, 'article:modified_time')).toBe('2025-03-05T17:45:12.000Z');
    expect(metaContent(doc, 'article:section')).toBe('News');
    const tags = makeArticle({ tags: ['flooding', 'River Ashe'] });
    const tagDoc = parse(exportHtml(tags));
    expect(
      Array.from(tagDoc.querySelectorAll('meta[property="article:tag"]')).map((m) =>
        m.getAttribute('content'),
      ),
    ).toEqual(['flooding', 'River Ashe']);
  });

  it('carries a NewsArticle JSON-LD block with the article fields', () => {
    const ld = jsonLd(parse(exportHtml(articles.everything!)));
    expect(ld).toMatchObject({
      '@context': 'https://schema.org',
      '@type': 'NewsArticle',
      headline: 'Riverside council approves £12m flood barrier',
      description: 'Councillors vote 31-4 for a barrier along the River Ashe.',
      author: [{ '@type': 'Person', name: 'Jane Doe' }],
      dateline: 'Riverside',
      datePublished: '2025-03-04T09:30:00.000Z',
      dateModified: '2025-03-05T17:45:12.000Z',
      articleSection: 'News',
      keywords: ['flooding'],
      inLanguage: 'en-GB',
    });
    expect(typeof ld.wordCount).toBe('number');
    expect(ld.wordCount).toBeGreaterThan(40);
  });

  it('counts the words that are published, not the ones dropped', () => {
    const article = makeArticle({
      body: {
        type: 'doc',
        content: [paragraph('One two three.'), { type: 'paragraph' }, paragraph('Four five.')],
      },
    });
    expect(jsonLd(parse(exportHtml(article))).wordCount).toBe(5);
  });

  it('credits a publication as an Organization and a correspondent with a job title', () => {
    expect(jsonLd(parse(exportHtml(handBuiltArticles().organisation!))).author).toEqual([
      { '@type': 'Organization', name: 'Riverside Gazette' },
    ]);
    expect(jsonLd(parse(exportHtml(handBuiltArticles()['several authors']!))).author).toEqual([
      { '@type': 'Person', name: 'Tomasz Wiśniewski', jobTitle: 'Transport Correspondent' },
      { '@type': 'Person', name: 'Aoife Brennan' },
    ]);
  });

  it('keeps JSON-LD inert and exact when fields contain </script>, <!-- and line separators', () => {
    const article = makeArticle({
      headline: 'Ends here </script><script>alert(1)</script> <!-- & \u2028\u2029 done',
      contentHighlight: '</SCRIPT >',
    });
    const html = exportHtml(article);
    const open = '<script type="application/ld+json">';
    const inner = html.slice(html.indexOf(open) + open.length, html.indexOf('</script>'));
    expect(inner).not.toMatch(/[<>&\u2028\u2029]/);
    const doc = parse(html);
    expect(jsonLd(doc).headline).toBe(article.headline);
    expect(jsonLd(doc).description).toBe('</SCRIPT >');
    expect(findActiveContent(html)).toEqual([]);
  });
});

describe('exportHtml: the article header', () => {
  it('shows headline as the only h1, then Content Highlight, byline, dateline and date', () => {
    const doc = parse(exportHtml(handBuiltArticles().everything!));
    const header = doc.querySelector('article > header')!;
    expect(header).not.toBeNull();
    expect(doc.querySelectorAll('h1')).toHaveLength(1);
    expect(header.querySelector('h1')?.textContent).toBe('Riverside council approves £12m flood barrier');
    expect(header.querySelector('.content-highlight')?.textContent).toBe(
      'Councillors vote 31-4 for a barrier along the River Ashe.',
    );
    expect(header.querySelector('.byline')?.textContent).toBe('By Jane Doe');
    expect(header.querySelector('.dateline')?.textContent).toBe('Riverside');
    const time = header.querySelector('time');
    expect(time?.getAttribute('datetime')).toBe('2025-03-04T09:30:00.000Z');
    expect(time?.textContent).toBe('4 March 2025');
    const order = Array.from(header.children).map((el) => el.className || el.tagName.toLowerCase());
    expect(order).toEqual(['section', 'h1', 'content-highlight', 'byline', 'meta']);
  });

  it('adds "By " only when the byline does not already start with it', () => {
    expect(displayByline('Jane Doe')).toBe('By Jane Doe');
    expect(displayByline('By Jane Doe')).toBe('By Jane Doe');
    expect(displayByline('BY JANE DOE')).toBe('BY JANE DOE');
    expect(displayByline('by Riverside Gazette')).toBe('By Riverside Gazette');
    expect(displayByline('Byron Kent')).toBe('By Byron Kent');
    expect(displayByline('  ')).toBe('');
    const doc = parse(exportHtml(makeArticle({ byline: 'By Hannah Cole' })));
    expect(doc.querySelector('.byline')?.textContent).toBe('By Hannah Cole');
  });

  it('leaves out the Content Highlight, byline and dateline when they are empty, and stays valid without a body', () => {
    const html = exportHtml(handBuiltArticles().minimal!);
    const doc = expectCleanExport(html);
    expect(doc.querySelector('.content-highlight')).toBeNull();
    expect(doc.querySelector('.byline')).toBeNull();
    expect(doc.querySelector('.dateline')).toBeNull();
    expect(doc.querySelector('.article-body')).toBeNull();
    expect(doc.querySelector('meta[name="description"]')).toBeNull();
    expect(jsonLd(doc)).not.toHaveProperty('author');
    expect(jsonLd(doc)).not.toHaveProperty('description');
  });

  it('titles an article with no headline "Untitled article" rather than leaving the title empty', () => {
    const doc = parse(exportHtml(handBuiltArticles()['blank headline']!));
    expect(doc.title).toBe(UNTITLED_HEADLINE);
    expect(doc.querySelector('h1')?.textContent).toBe(UNTITLED_HEADLINE);
  });

  it('escapes <, &, and quotes in every field so they read as typed', () => {
    const article = handBuiltArticles().escaping!;
    const html = exportHtml(article);
    const doc = expectCleanExport(html);
    expect(doc.querySelectorAll('script')).toHaveLength(1);
    expect(doc.querySelector('title')?.textContent).toBe(article.headline);
    expect(doc.querySelector('h1')?.textContent).toBe(article.headline);
    expect(metaContent(doc, 'og:title')).toBe(article.headline);
    expect(metaContent(doc, 'description')).toBe(article.contentHighlight);
    expect(doc.querySelector('.content-highlight')?.textContent).toBe(article.contentHighlight);
    expect(doc.querySelector('.byline')?.textContent).toBe(article.byline);
    expect(doc.querySelector('.dateline')?.textContent).toBe(article.dateline);
    expect(doc.querySelector('.section')?.textContent).toBe(article.section);
    expect(
      Array.from(doc.querySelectorAll('meta[property="article:tag"]')).map((m) => m.getAttribute('content')),
    ).toEqual(article.tags);
    expect(jsonLd(doc).headline).toBe(article.headline);
    expect(jsonLd(doc).keywords).toEqual(article.tags);
  });

  it('falls back to en-GB for a language HTML would reject, and sets dir for right-to-left languages', () => {
    const articles = handBuiltArticles();
    for (const name of ['bad language', 'unknown language', 'hostile language']) {
      const doc = expectCleanExport(exportHtml(articles[name]!));
      expect(doc.documentElement.getAttribute('lang')).toBe('en-GB');
    }
    const rtl = parse(exportHtml(articles['right to left']!));
    expect(rtl.documentElement.getAttribute('lang')).toBe('ar');
    expect(rtl.documentElement.getAttribute('dir')).toBe('rtl');
    expect(jsonLd(rtl).inLanguage).toBe('ar');
    const serbian = parse(exportHtml(makeArticle({ language: 'sr-latn-rs' })));
    expect(serbian.documentElement.getAttribute('lang')).toBe('sr-Latn-RS');
  });

  it('dates the article by the calendar day it was written, keeping its offset', () => {
    const doc = parse(exportHtml(handBuiltArticles()['offset dates']!));
    const time = doc.querySelector('time')!;
    // 23:30 at +01:00 is 22:30 UTC on the same day; a UTC conversion would not change the day,
    // but the offset must survive for readers' tools.
    expect(time.getAttribute('datetime')).toBe('2025-03-04T23:30:00+01:00');
    expect(time.textContent).toBe('4 March 2025');
    // Six fractional digits are valid ISO 8601 but not a valid HTML datetime: carried as stored in metadata.
    expect(metaContent(doc, 'article:modified_time')).toBe('2025-03-05T08:00:00.123456-05:00');
  });

  it('uses publishedAt when given, and refuses one that is not a date', () => {
    const article = makeArticle();
    const doc = parse(exportHtml(article, { publishedAt: '2025-04-01T06:00:00Z' }));
    expect(doc.querySelector('time')?.getAttribute('datetime')).toBe('2025-04-01T06:00:00Z');
    expect(jsonLd(doc).datePublished).toBe('2025-04-01T06:00:00Z');
    expect(metaContent(doc, 'article:published_time')).toBe('2025-04-01T06:00:00Z');
    let error: unknown;
    try {
      exportHtml(article, { publishedAt: 'next Tuesday' });
    } catch (e) {
      error = e;
    }
    expect(isCopydeskError(error) && error.code).toBe('invalid-input');
  });
});

describe('exportHtml: the body', () => {
  const html = exportHtml(handBuiltArticles().everything!);
  const doc = parse(html);
  const body = doc.querySelector('article > .article-body')!;

  it('renders every construct of the editor with plain semantic elements', () => {
    expect(body).not.toBeNull();
    expect(Array.from(body.querySelectorAll('h2')).map((h) => h.textContent)).toEqual([
      'What happens next',
      'Not a second headline',
    ]);
    expect(Array.from(body.querySelectorAll('h3')).map((h) => h.textContent)).toEqual(['Costs']);
    expect(body.querySelector('strong')?.textContent).toBe('31 to 4');
    expect(body.querySelector('em')?.textContent).toBe('Tuesday');
    expect(body.querySelectorAll('ul > li')).toHaveLength(2);
    expect(body.querySelector('ul strong em, ul em strong')?.textContent).toBe('concrete');
    const ordered = body.querySelectorAll('ol');
    expect(ordered[0]?.getAttribute('start')).toBe('3');
    expect(ordered[0]?.hasAttribute('type')).toBe(false);
    expect(ordered[0]?.querySelectorAll('li')).toHaveLength(2);
    expect(body.querySelector('blockquote > p')?.textContent).toBe('“This ends that,” said Ms Okonjo.');
    expect(body.querySelectorAll('hr')).toHaveLength(1);
    const broken = Array.from(body.querySelectorAll('p')).find((p) =>
      p.textContent?.startsWith('First line'),
    );
    expect(broken?.innerHTML).toBe('First line<br>second line');
  });

  it('keeps http, https and mailto links and turns any other link into plain text', () => {
    expect(
      Array.from(body.querySelectorAll('a')).map((a) => [a.textContent, a.getAttribute('href')]),
    ).toEqual([
      ['Gazette', 'https://example.com/gazette'],
      ['archive', 'http://example.org/archive?year=2025&month=3'],
      ['email the desk', 'mailto:desk@example.com'],
      ['safe', 'https://example.com/safe'],
    ]);
    expect(body.textContent).toContain('Hostile: click me and a data link and safe');
    expect(html).not.toMatch(/javascript:|data:text/);
  });

  it('drops attributes the content brought with it: handlers, classes, target, rel, style', () => {
    for (const el of Array.from(body.querySelectorAll('*'))) {
      for (const attr of Array.from(el.attributes)) expect(['href', 'start']).toContain(attr.name);
    }
    expect(html).not.toMatch(/\bon\w+=|ProseMirror|contenteditable|target=|rel=|style="/i);
    // Hostile ordered-list attributes: no start, no type, the list itself kept.
    expect(ordered(body)[1]?.attributes).toHaveLength(0);
    expect(body.textContent).toContain('Hostile list attributes');
  });

  it('publishes the text of unknown nodes and marks without their wrappers', () => {
    expect(body.textContent).toContain('Unknown node text');
    expect(body.textContent).toContain('Unknown mark text');
    expect(html).not.toMatch(/rawHtml|<img|onerror|attacker\.example/);
  });

  it('has no empty paragraphs, editor classes or contenteditable', () => {
    expectCleanExport(html);
    expect(html).not.toMatch(/<p>\s*(?:<br>\s*)*<\/p>/);
  });

  it('puts blocks nested in ways HTML forbids back into a valid shape, keeping their text', () => {
    const malformed = exportHtml(handBuiltArticles()['malformed nesting']!);
    expectCleanExport(malformed);
    const inner = malformed.slice(
      malformed.indexOf('<div class="article-body">'),
      malformed.indexOf('</div>') + 6,
    );
    expect(inner).toBe(
      [
        '<div class="article-body">',
        '<p>Loose text at the top.</p>',
        '<ul><li><p>A list item outside any list</p></li></ul>',
        '<p>Before the rule</p>',
        '<hr>',
        '<p>after the rule</p>',
        '<p>A paragraph inside a paragraph</p>',
        '<ul><li><p>A paragraph straight inside a list</p>',
        '<p>and loose text</p></li></ul>',
        '<blockquote><p>Text straight inside a quote</p></blockquote>',
        '<hr>',
        '</div>',
      ].join('\n'),
    );
  });

  it('leaves the stored article untouched', () => {
    const article = handBuiltArticles().everything!;
    const before = JSON.stringify(article);
    exportHtml(article);
    expect(JSON.stringify(article)).toBe(before);
  });

  function ordered(root: Element): Element[] {
    return Array.from(root.querySelectorAll('ol'));
  }
});

describe('exportHtml: stylesheet', () => {
  it('includes a small readable stylesheet by default and none with stylesheet: false', () => {
    const article = makeArticle();
    const styled = parse(exportHtml(article));
    const css = styled.querySelector('head > style')?.textContent ?? '';
    expect(css).toContain('66ch');
    expect(css).toMatch(/serif/);
    expect(css).not.toMatch(/url\(|@import/);
    const plain = exportHtml(article, { stylesheet: false });
    expect(parse(plain).querySelector('style')).toBeNull();
    expect(plain.replace(/<style>[\s\S]*?<\/style>\n/, '')).toBe(plain);
    expect(exportHtml(article).replace(/<style>[\s\S]*?<\/style>\n/, '')).toBe(plain);
  });
});

describe('exportHtml: determinism', () => {
  const originalTz = process.env.TZ;
  afterEach(() => {
    vi.useRealTimers();
    if (originalTz === undefined) delete process.env.TZ;
    else process.env.TZ = originalTz;
  });

  it('exports the same article to the same bytes, also after a JSON round trip', () => {
    for (const [name, article] of Object.entries(handBuiltArticles())) {
      const first = exportHtml(article);
      expect(exportHtml(article), name).toBe(first);
      const roundTripped = ArticleSchema.parse(JSON.parse(JSON.stringify(article)) as unknown) as Article;
      expect(exportHtml(roundTripped), name).toBe(first);
    }
  });

  it('does not depend on the clock or the time zone of the machine', () => {
    const article = handBuiltArticles()['offset dates']!;
    process.env.TZ = 'Pacific/Kiritimati';
    vi.useFakeTimers();
    vi.setSystemTime(new Date('2031-01-01T00:00:00Z'));
    const there = exportHtml(article);
    process.env.TZ = 'America/Los_Angeles';
    vi.setSystemTime(new Date('1999-06-15T12:00:00Z'));
    const here = exportHtml(article);
    expect(here).toBe(there);
    expect(here).not.toMatch(/2031|1999/);
  });
});

describe('suggestedFileName', () => {
  it('slugs the headline to ASCII, at most 80 characters, ending in .html', () => {
    expect(
      suggestedFileName({ headline: 'Rail strike set to cancel half of commuter services on Friday' }),
    ).toBe('rail-strike-set-to-cancel-half-of-commuter-services-on-friday.html');
    expect(suggestedFileName({ headline: 'Tomasz Wiśniewski: Łódź & Straße — “Café”' })).toBe(
      'tomasz-wisniewski-lodz-and-strasse-cafe.html',
    );
    const long = suggestedFileName({
      headline:
        'Riverside council approves £12m flood barrier after third winter of flooding along the River Ashe',
    });
    expect(long).toBe('riverside-council-approves-12m-flood-barrier-after-third-winter-of-flooding.html');
    expect(long).toHaveLength(80);
    expect(suggestedFileName({ headline: 'x'.repeat(200) })).toBe(`${'x'.repeat(75)}.html`);
  });

  it('falls back to "article" when the headline gives nothing usable', () => {
    expect(suggestedFileName({ headline: '' })).toBe('article.html');
    expect(suggestedFileName({ headline: '東京で大雨' })).toBe('article.html');
    expect(suggestedFileName({ headline: '!!!' })).toBe('article.html');
    expect(suggestedFileName({ headline: 'CON' })).toBe('con-article.html');
  });

  it('gives a safe name for every naughty string and XSS payload', () => {
    const inputs = [...naughtyStrings(), ...xssFixtures().map((f) => f.payload)];
    for (const headline of inputs) {
      const name = suggestedFileName({ headline });
      expect(name).toMatch(/^[a-z0-9]+(?:-[a-z0-9]+)*\.html$/);
      expect(name.length).toBeLessThanOrEqual(80);
    }
  });
});

describe('parseByline', () => {
  it('reads people, job titles and publications out of a byline', () => {
    expect(parseByline('By Jane Doe and John Smith')).toEqual([
      { kind: 'person', name: 'Jane Doe' },
      { kind: 'person', name: 'John Smith' },
    ]);
    expect(parseByline('Jane Doe, John Smith & Ann Lee')).toHaveLength(3);
    expect(parseByline('Tomasz Wiśniewski, Transport Correspondent')).toEqual([
      { kind: 'person', name: 'Tomasz Wiśniewski', jobTitle: 'Transport Correspondent' },
    ]);
    expect(parseByline('Reuters')).toEqual([{ kind: 'organization', name: 'Reuters' }]);
    expect(parseByline('Gazette staff')).toEqual([{ kind: 'organization', name: 'Gazette staff' }]);
    expect(parseByline('Emily Post')).toEqual([{ kind: 'person', name: 'Emily Post' }]);
    expect(parseByline('')).toEqual([]);
  });
});

describe('exportHtml: DOMPurify XSS fixtures', () => {
  const fixtures = xssFixtures();

  it('has the whole corpus to work with', () => {
    expect(fixtures.length).toBeGreaterThanOrEqual(200);
  });

  it.each(fixtures.map((f, i) => [i, f.title ?? 'untitled', f.payload] as const))(
    'fixture %i (%s) as headline, byline, fields and links exports nothing active',
    (_i, _title, payload) => {
      const article = xssArticle(payload);
      const html = exportHtml(article);
      const doc = expectCleanExport(html);
      sameLine(doc.querySelector('h1')?.textContent, payload);
      sameLine(doc.querySelector('title')?.textContent, payload);
      sameLine(jsonLd(doc).headline as string, payload);
      for (const a of Array.from(doc.querySelectorAll('.article-body a'))) {
        expect(['https:', 'http:', 'mailto:']).toContain(new URL(a.getAttribute('href')!).protocol);
      }
    },
  );
});

describe('exportHtml: Big List of Naughty Strings', () => {
  const strings = naughtyStrings();

  it('has the whole list to work with', () => {
    expect(strings.length).toBeGreaterThanOrEqual(500);
  });

  it.each(strings.map((s, i) => [i, s] as const))(
    'string %i as headline and body text round-trips',
    (_i, value) => {
      const html = exportHtml(naughtyArticle(value));
      const doc = expectCleanExport(html);
      sameLine(doc.querySelector('h1')?.textContent, value);
      sameLine(doc.querySelector('title')?.textContent, value);
      sameLine(jsonLd(doc).headline as string, value);
      const clean = withoutForbidden(value);
      const paragraphText = doc.querySelector('.article-body p')?.textContent;
      if (showsNothing(clean)) expect(paragraphText).toBeUndefined();
      else expect(paragraphText).toBe(clean);
    },
  );
});
