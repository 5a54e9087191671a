import { writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { exportHtml } from '../../src/exporters/exportHtml';
import { exportHtmlFragment } from '../../src/exporters/exportHtmlFragment';
import { exportMarkdown } from '../../src/exporters/exportMarkdown';
import { DEFAULT_TEMPLATE, exportWithTemplate } from '../../src/exporters/exportTemplate';
import { cleanRelatedLinks, relatedAsideHtml, resolveRelated } from '../../src/exporters/related';
import { LibraryStore } from '../../src/library/store';
import { relatedLookup, renderExport } from '../../src/services/exportArticle';
import { ArticleSchema, MAX_RELATED, type ArticleContent, type RelatedItem } from '../../src/shared/article';
import { DEFAULT_LIBRARY_SETTINGS, LibrarySettingsSchema } from '../../src/shared/contract';
import { relatedUrlPatternProblem } from '../../src/shared/related';
import { findActiveContent, parseHtmlDocument } from '../helpers/activeContent';
import { makeTempDir } from '../helpers/tempLibrary';
import { makeArticle } from '../helpers/testArticle';
import { checkHtmlWithVnu } from '../helpers/vnu';

const HOSTILE_TITLE = '</a><script>alert(1)</script><img src=x onerror=alert(2)> & "quotes"';

function asideLinks(html: string): { href: string; text: string }[] {
  const doc = parseHtmlDocument(html);
  return [...doc.querySelectorAll('aside.related li a')].map((a) => ({
    href: a.getAttribute('href') ?? '',
    text: a.textContent ?? '',
  }));
}

describe('the related list in the article format', () => {
  const parse = (related: unknown): ReturnType<typeof ArticleSchema.safeParse> =>
    ArticleSchema.safeParse({ ...makeArticle(), related });

  it('keeps library stories and web pages, in order', () => {
    const related: RelatedItem[] = [
      { kind: 'url', url: 'https://example.com/a', title: 'A page' },
      { kind: 'article', id: 'abc-123' },
    ];
    const result = parse(related);
    expect(result.success).toBe(true);
    expect(result.data?.related).toEqual(related);
  });

  it.each([
    ['a javascript: address', { kind: 'url', url: 'javascript:alert(1)', title: 'x' }],
    ['a mailto: address', { kind: 'url', url: 'mailto:desk@example.com', title: 'x' }],
    ['a data: address', { kind: 'url', url: 'data:text/html,<script>1</script>', title: 'x' }],
    ['a relative address', { kind: 'url', url: '/news/story', title: 'x' }],
    ['a blank title', { kind: 'url', url: 'https://example.com/', title: '   ' }],
    ['a bad article id', { kind: 'article', id: '../etc/passwd' }],
    ['a bare id (the old shape)', 'abc-123'],
    ['an unknown kind', { kind: 'video', url: 'https://example.com/' }],
  ])('refuses %s', (_, item) => {
    expect(parse([item]).success).toBe(false);
  });

  it(`refuses more than ${MAX_RELATED} entries`, () => {
    const many = Array.from({ length: MAX_RELATED + 1 }, (_, i) => ({
      kind: 'url',
      url: `https://example.com/${i}`,
      title: `Story ${i}`,
    }));
    expect(parse(many.slice(0, MAX_RELATED)).success).toBe(true);
    expect(parse(many).success).toBe(false);
  });
});

describe('the related-story link pattern (library setting)', () => {
  it.each([
    '{slug}.html',
    'https://example.com/{slug}',
    'http://example.com/news/{id}/{slug}',
    '/news/{slug}',
  ])('accepts %s', (pattern) => {
    expect(relatedUrlPatternProblem(pattern)).toBeNull();
    expect(LibrarySettingsSchema.shape.relatedUrlPattern.safeParse(pattern).success).toBe(true);
  });

  it.each([
    ['no placeholder', 'https://example.com/news', /\{slug\}/],
    ['an unknown placeholder', 'https://example.com/{title}', /\{title\} is not a placeholder/],
    ['javascript:', 'javascript:alert({slug})', /http/],
    ['a space', 'https://example.com/{slug} page', /spaces/],
    ['a quote', 'https://example.com/"{slug}', /quotes/],
    ['a scheme-relative address', '//example.com/{slug}', /https:\/\//],
  ])('refuses %s with a message that says what to do', (_, pattern, message) => {
    expect(relatedUrlPatternProblem(pattern)).toMatch(message);
    expect(LibrarySettingsSchema.shape.relatedUrlPattern.safeParse(pattern).success).toBe(false);
  });

  it('defaults to the file a batch export writes beside the page', () => {
    expect(DEFAULT_LIBRARY_SETTINGS.relatedUrlPattern).toBe('{slug}.html');
  });
});

describe('"You may also like" in the publish-ready HTML', () => {
  it('renders an aside with the links in order, inside the article after the body', () => {
    const html = exportHtml(makeArticle(), {
      related: [
        { href: 'https://example.com/one', title: 'First story' },
        { href: 'second.html', title: 'Second story' },
      ],
    });
    expect(html).toContain(
      '<aside class="related">\n<h2>You may also like</h2>\n<ul>\n' +
        '<li><a href="https://example.com/one">First story</a></li>\n' +
        '<li><a href="second.html">Second story</a></li>\n</ul>\n</aside>\n</article>',
    );
  });

  it('leaves the aside out when there is nothing related', () => {
    expect(exportHtml(makeArticle())).not.toContain('<aside');
    expect(exportHtml(makeArticle({ related: [] }), { related: [] })).not.toContain('You may also like');
    expect(exportHtmlFragment(makeArticle())).not.toContain('<aside');
    expect(exportMarkdown(makeArticle())).not.toContain('You may also like');
    expect(exportWithTemplate(makeArticle())).not.toContain('<aside');
  });

  it('exports related web pages without a library; library stories need one', () => {
    const article = makeArticle({
      related: [
        { kind: 'article', id: 'other-story' },
        { kind: 'url', url: 'https://example.com/page', title: 'A page' },
      ],
    });
    expect(asideLinks(exportHtml(article))).toEqual([{ href: 'https://example.com/page', text: 'A page' }]);
    expect(resolveRelated(article.related).leftOut).toEqual(['other-story']);
  });

  it('escapes a hostile title and refuses a hostile address', () => {
    const links = cleanRelatedLinks([
      { href: 'https://example.com/a?x="><script>', title: HOSTILE_TITLE },
      { href: 'javascript:alert(1)', title: 'js' },
      { href: ' JaVaScRiPt:alert(1)', title: 'js' },
      { href: 'data:text/html,x', title: 'data' },
      { href: '//evil.example/', title: 'scheme-relative' },
      { href: 'vbscript:msgbox', title: 'vb' },
    ]);
    expect(links.map((l) => l.title)).toEqual([HOSTILE_TITLE]);
    const html = exportHtml(makeArticle(), { related: links });
    expect(findActiveContent(html)).toEqual([]);
    expect(asideLinks(html)).toEqual([{ href: 'https://example.com/a?x="><script>', text: HOSTILE_TITLE }]);
    expect(relatedAsideHtml(links)).not.toContain('<script>');
  });

  it('comes out in the fragment, the default house template and Markdown too', () => {
    const related = [{ href: 'https://example.com/one', title: 'First [story]' }];
    expect(asideLinks(exportHtmlFragment(makeArticle(), { related }))).toHaveLength(1);
    expect(asideLinks(exportWithTemplate(makeArticle(), DEFAULT_TEMPLATE.source, { related }))).toHaveLength(
      1,
    );
    expect(exportMarkdown(makeArticle(), { related })).toContain(
      '## You may also like\n\n- [First \\[story\\]](https://example.com/one)\n',
    );
  });

  it('is valid HTML for the W3C checker, with and without a hostile title', async () => {
    const { dir, cleanup } = await makeTempDir();
    try {
      const related = [
        { href: 'https://example.com/one?a=1&b=2', title: HOSTILE_TITLE },
        { href: 'news/second-story.html', title: 'Second story' },
      ];
      const files = {
        page: exportHtml(makeArticle(), { related }),
        template: exportWithTemplate(makeArticle(), DEFAULT_TEMPLATE.source, { related }),
      };
      const paths = await Promise.all(
        Object.entries(files).map(async ([name, html]) => {
          const path = join(dir, `${name}.html`);
          await writeFile(path, html);
          return path;
        }),
      );
      const report = await checkHtmlWithVnu(paths);
      for (const path of paths) expect(report.get(path)).toEqual([]);
    } finally {
      await cleanup();
    }
  });
});

describe('exporting related library stories', () => {
  let dir: string;
  let cleanup: () => Promise<void>;
  let store: LibraryStore;

  beforeEach(async () => {
    ({ dir, cleanup } = await makeTempDir());
    store = await LibraryStore.open(dir, { owner: 'app', create: true, indexDelayMs: 10, search: 'lazy' });
  });
  afterEach(async () => {
    await store.close().catch(() => undefined);
    await cleanup();
  });

  const content = (headline: string, related?: RelatedItem[]): Partial<ArticleContent> => ({
    headline,
    body: { type: 'doc', content: [{ type: 'paragraph', content: [{ type: 'text', text: 'Text.' }] }] },
    ...(related ? { related } : {}),
  });

  it('links them through the library pattern with their current headline, and leaves out one in the trash', async () => {
    const kept = await store.create(content('Flood barrier: what happens next'));
    const trashed = await store.create(content('Council tax rises by 4.9%'));
    await store.updateSettings({ relatedUrlPattern: 'https://example.com/news/{slug}?ref={id}' });
    const main = await store.create(
      content('Riverside council approves flood barrier', [
        { kind: 'article', id: trashed.id },
        { kind: 'url', url: 'https://elsewhere.example/report', title: 'The full report' },
        { kind: 'article', id: kept.id },
      ]),
    );
    await store.trash(trashed.id);

    const { data, relatedLeftOut } = await renderExport(main, 'html', {}, { related: relatedLookup(store) });
    expect(relatedLeftOut).toEqual([trashed.id]);
    expect(asideLinks(data as string)).toEqual([
      { href: 'https://elsewhere.example/report', text: 'The full report' },
      {
        href: `https://example.com/news/flood-barrier-what-happens-next?ref=${kept.id}`,
        text: 'Flood barrier: what happens next',
      },
    ]);
    // The article itself still lists the trashed story: it is marked in the editor, not dropped.
    expect((await store.get(main.id)).related).toHaveLength(3);
  });

  it('leaves the aside out when every related story is in the trash', async () => {
    const trashed = await store.create(content('Gone story'));
    const main = await store.create(content('Main story', [{ kind: 'article', id: trashed.id }]));
    await store.trash(trashed.id);
    const { data, relatedLeftOut } = await renderExport(main, 'html', {}, { related: relatedLookup(store) });
    expect(data).not.toContain('<aside');
    expect(relatedLeftOut).toEqual([trashed.id]);
  });

  it('refuses a bad pattern in the settings and keeps the old one', async () => {
    await expect(store.updateSettings({ relatedUrlPattern: 'javascript:{slug}' })).rejects.toThrow();
    expect(store.settings.relatedUrlPattern).toBe('{slug}.html');
  });

  it('saves and reads back the related list', async () => {
    const a = await store.create(content('A'));
    const related: RelatedItem[] = [
      { kind: 'url', url: 'https://example.com/x', title: 'X' },
      { kind: 'article', id: a.id },
    ];
    const main = await store.create(content('Main'));
    await store.save(main.id, { ...(await store.get(main.id)), related }, main.rev);
    expect((await store.get(main.id)).related).toEqual(related);
  });
});
