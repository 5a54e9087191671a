import { z } from 'zod';
import type { Article, BodyDoc } from '../shared/article';
import { CopydeskError } from '../shared/errors';
import { bodyText, countWords } from '../shared/text';
import { displayByline, parseByline, type BylineAuthor } from './byline';
import { slugForFileName } from './fileName';
import { escapeHtmlAttribute, escapeHtmlText, isBlank, jsonForScript, singleLine } from './markup';
import { BODY_HTML_ATTRS, BODY_HTML_TAGS, prepareBodyForExport, renderPreparedBodyHtml } from './renderBody';
import { cleanRelatedLinks, relatedAsideHtml, resolveRelated, type RelatedLink } from './related';

/** Options for {@link exportHtml}. */
export interface ExportHtmlOptions {
  /** Include the small built-in article stylesheet in `<head>`. Default `true`. */
  stylesheet?: boolean;
  /**
   * When the article is (or will be) published, as an ISO 8601 date-time with offset.
   * Default: the article's `createdAt`, since an article carries no publication date of its own.
   */
  publishedAt?: string;
  /**
   * The "You may also like" links, in order (see exporters/related.ts, which makes them from the
   * article's related list and the library). Default: the article's related web pages only, since
   * a story in the library needs the library to be linked.
   */
  related?: RelatedLink[];
}

/** Elements the exported body may contain (the header and `<head>` are written by the exporter itself). */
export const EXPORT_HTML_ALLOWED_TAGS = BODY_HTML_TAGS;
/** Attributes the exported body may carry. */
export const EXPORT_HTML_ALLOWED_ATTRS = BODY_HTML_ATTRS;

/** What the headline becomes when it is empty: `<title>` must not be. */
export const UNTITLED_HEADLINE = 'Untitled article';

const DEFAULT_LANGUAGE = 'en-GB';
const RTL_LANGUAGES = new Set(['ar', 'he', 'fa', 'ur', 'ps', 'yi', 'dv', 'sd', 'ckb', 'ug']);

/** The built-in article stylesheet, print rules included. */
// Serif body at a ~66-character measure; the headline and furniture in the system sans so the
// header reads as a header. No url() and no @import: the document loads nothing.
export const ARTICLE_STYLESHEET = `
:root { color-scheme: light; }
body { margin: 0; padding: 2.5rem 1.25rem 4rem; background: #fff; color: #1b1b1b; font: 1.125rem/1.65 Georgia, Cambria, "Times New Roman", serif; }
article { max-width: 66ch; margin: 0 auto; }
header { margin-bottom: 2rem; padding-bottom: 1.25rem; border-bottom: 1px solid #d6d6d6; }
h1, h2, h3, .section, .byline, .meta { font-family: system-ui, -apple-system, "Segoe UI", Roboto, Helvetica, Arial, sans-serif; }
h1 { font-size: 2.25rem; line-height: 1.15; margin: 0 0 0.75rem; letter-spacing: -0.01em; }
h2 { font-size: 1.45rem; line-height: 1.3; margin: 2.25rem 0 0.5rem; }
h3 { font-size: 1.2rem; line-height: 1.35; margin: 1.75rem 0 0.4rem; }
.section { margin: 0 0 0.5rem; color: #9b1c1c; font-size: 0.85rem; font-weight: 700; text-transform: uppercase; letter-spacing: 0.06em; }
.content-highlight { margin: 0 0 1rem; color: #333; font-size: 1.3rem; line-height: 1.45; }
.byline, .meta { margin: 0.2rem 0; color: #555; font-size: 0.95rem; line-height: 1.4; }
.byline { font-weight: 600; color: #1b1b1b; }
.dateline { text-transform: uppercase; letter-spacing: 0.04em; }
.article-body p, .article-body ul, .article-body ol { margin: 0 0 1.1rem; }
.article-body li { margin: 0.25rem 0; }
.article-body li p { margin: 0; }
blockquote { margin: 1.5rem 0; padding: 0.1rem 0 0.1rem 1.1rem; border-left: 3px solid #9b1c1c; color: #333; font-style: italic; }
hr { margin: 2.25rem auto; width: 30%; border: 0; border-top: 1px solid #bbb; }
a { color: #0b57a4; text-underline-offset: 0.15em; }
.related { margin-top: 2.5rem; padding-top: 1rem; border-top: 1px solid #d6d6d6; font-family: system-ui, -apple-system, "Segoe UI", Roboto, Helvetica, Arial, sans-serif; }
.related h2 { margin-top: 0; font-size: 1.1rem; }
.related ul { margin: 0; padding-left: 1.1rem; }
.related li { margin: 0.35rem 0; }
@media print {
  @page { size: A4; margin: 18mm 16mm 20mm; }
  body { padding: 0; font-size: 11pt; line-height: 1.5; }
  article { max-width: none; }
  h1 { font-size: 22pt; }
  h2, h3 { break-after: avoid; }
  p, li, blockquote { orphans: 3; widows: 3; }
  blockquote, li { break-inside: avoid; }
  a { color: inherit; text-decoration: underline; }
  .article-body a[href^="http"]::after { content: " (" attr(href) ")"; font-size: 0.85em; color: #555; word-break: break-all; }
}
`.trim();

const HTML_DATE_TIME = /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}(?::\d{2}(?:\.\d{1,3})?)?(?:Z|[+-]\d{2}:?\d{2})$/;

/** A `datetime` attribute value: the stored string when HTML accepts it (keeping the writer's offset), UTC otherwise. */
function htmlDateTime(iso: string): string {
  return HTML_DATE_TIME.test(iso) ? iso : new Date(iso).toISOString();
}

/**
 * The calendar date as the writer saw it: read from the stored string itself rather than
 * converted to the exporting machine's time zone, so the output does not depend on where it runs.
 */
function displayDate(iso: string, language: string): string {
  const [y, m, d] = iso.slice(0, 10).split('-').map(Number) as [number, number, number];
  const locale = Intl.DateTimeFormat.supportedLocalesOf([language]).length > 0 ? language : DEFAULT_LANGUAGE;
  return new Intl.DateTimeFormat(locale, { dateStyle: 'long', timeZone: 'UTC' }).format(
    Date.UTC(y, m - 1, d),
  );
}

const languageNames = new Intl.DisplayNames(['en'], { type: 'language', fallback: 'none' });

/**
 * A language tag the W3C checker accepts. A malformed tag, or one whose language no one has
 * heard of ("zz"; the checker knows the IANA registry, ICU's names stand in for it here), falls
 * back to en-GB rather than making the page invalid.
 */
function htmlLanguage(language: string): string {
  try {
    const tag = Intl.getCanonicalLocales(language.trim())[0];
    if (tag && languageNames.of(tag.split('-')[0]!) !== undefined) return tag;
  } catch {
    // not a BCP 47 tag at all
  }
  return DEFAULT_LANGUAGE;
}

/** Open Graph wants `en_GB`; only a plain language-region tag maps onto that. */
function ogLocale(language: string): string | undefined {
  const match = /^([a-z]{2,3})-([A-Z]{2})$/.exec(language);
  return match ? `${match[1]}_${match[2]}` : undefined;
}

const publishedAtSchema = z.iso.datetime({ offset: true });

// Links carry no `rel` and no `target`. The export never opens links in a new window, so there is
// no `window.opener` to protect with noopener (and browsers imply it for target=_blank anyway);
// noreferrer would hide from the linked site that readers came from us, which is the publisher's
// referrer policy to set, not the article's. What matters is that a stored `rel`/`target` from
// the content (rel="opener", say) never reaches the page: renderBody.ts drops both.

/** The article's fields prepared for publishing: one place that decides what every markup export shows. */
export interface ArticleParts {
  /** A BCP 47 tag the W3C checker accepts. */
  language: string;
  /** The headline as one line, or {@link UNTITLED_HEADLINE} when it is blank. */
  headline: string;
  /** The Content Highlight as one line; empty when there is none. */
  highlight: string;
  /** "By …" as printed; empty when there is no byline. */
  byline: string;
  authors: BylineAuthor[];
  dateline: string;
  section: string;
  tags: string[];
  publishedAt: string;
  modifiedAt: string;
  /** `<time datetime>` value and the date as a reader sees it. */
  dateTime: string;
  displayDate: string;
  /** The body as published (see prepareBodyForExport) and its sanitised HTML. */
  body: BodyDoc;
  bodyHtml: string;
  wordCount: number;
  /** `dir="rtl"` languages. */
  rtl: boolean;
  /** "You may also like": checked links, in order; empty for none. */
  related: RelatedLink[];
}

/**
 * Prepares the fields of `article` for any markup export (full page, fragment, template, NITF,
 * ninjs). Throws a `CopydeskError` (`invalid-input` for a bad `publishedAt`, `export-failed` if
 * the body cannot be rendered).
 */
export function articleParts(
  article: Article,
  options: Pick<ExportHtmlOptions, 'publishedAt' | 'related'> = {},
): ArticleParts {
  const publishedAt = options.publishedAt ?? article.createdAt;
  if (!publishedAtSchema.safeParse(publishedAt).success) {
    throw new CopydeskError(
      'invalid-input',
      `The publication date "${publishedAt}" is not a date and time such as 2025-03-04T09:30:00Z.`,
    );
  }
  const language = htmlLanguage(article.language ?? DEFAULT_LANGUAGE);
  const headlineText = singleLine(article.headline);
  const highlight = singleLine(article.contentHighlight);
  const dateline = singleLine(article.dateline);
  const section = singleLine(article.section ?? '');
  const body = prepareBodyForExport(article.body);
  let bodyHtml: string | undefined;
  return {
    language,
    headline: isBlank(headlineText) ? UNTITLED_HEADLINE : headlineText,
    highlight: isBlank(highlight) ? '' : highlight,
    byline: displayByline(article.byline),
    authors: parseByline(article.byline),
    dateline: isBlank(dateline) ? '' : dateline,
    section: isBlank(section) ? '' : section,
    tags: (article.tags ?? []).map(singleLine).filter((t) => !isBlank(t)),
    publishedAt,
    modifiedAt: article.updatedAt,
    dateTime: htmlDateTime(publishedAt),
    displayDate: displayDate(publishedAt, language),
    body,
    // Rendered and sanitised on first use: Word and NITF build their own body from `body`, and
    // sanitising a long body is most of an HTML export's time.
    get bodyHtml(): string {
      return (bodyHtml ??= renderPreparedBodyHtml(body));
    },
    wordCount: countWords(bodyText(body)),
    rtl: RTL_LANGUAGES.has(language.split('-')[0]!.toLowerCase()),
    related: options.related ? cleanRelatedLinks(options.related) : resolveRelated(article.related).links,
  };
}

/** The NewsArticle JSON-LD object for `parts`. */
export function articleJsonLd(parts: ArticleParts, id: string): Record<string, unknown> {
  const { authors } = parts;
  return {
    '@context': 'https://schema.org',
    '@type': 'NewsArticle',
    headline: parts.headline,
    ...(parts.highlight ? { description: parts.highlight } : {}),
    ...(authors.length > 0
      ? {
          author: authors.map((a) => ({
            '@type': a.kind === 'organization' ? 'Organization' : 'Person',
            name: a.name,
            ...(a.jobTitle ? { jobTitle: a.jobTitle } : {}),
          })),
        }
      : {}),
    ...(parts.dateline ? { dateline: parts.dateline } : {}),
    datePublished: parts.publishedAt,
    dateModified: parts.modifiedAt,
    ...(parts.section ? { articleSection: parts.section } : {}),
    ...(parts.tags.length > 0 ? { keywords: parts.tags } : {}),
    wordCount: parts.wordCount,
    inLanguage: parts.language,
    identifier: id,
  };
}

/**
 * The `<article>` element alone: the section, the headline as `<h1>`, the Content Highlight,
 * byline, dateline and date, the body, and the related stories ("You may also like") when there
 * are any. What the full page, the CMS fragment and the default
 * template all show, so they cannot drift apart.
 */
export function articleElementHtml(parts: ArticleParts): string {
  const header = [
    parts.section ? `<p class="section">${escapeHtmlText(parts.section)}</p>` : '',
    `<h1>${escapeHtmlText(parts.headline)}</h1>`,
    parts.highlight ? `<p class="content-highlight">${escapeHtmlText(parts.highlight)}</p>` : '',
    parts.byline ? `<p class="byline">${escapeHtmlText(parts.byline)}</p>` : '',
    '<p class="meta">' +
      (parts.dateline ? `<span class="dateline">${escapeHtmlText(parts.dateline)}</span>, ` : '') +
      `<time datetime="${escapeHtmlAttribute(parts.dateTime)}">${escapeHtmlText(parts.displayDate)}</time></p>`,
  ].filter(Boolean);
  return [
    '<article>',
    '<header>',
    ...header,
    '</header>',
    parts.bodyHtml ? `<div class="article-body">\n${parts.bodyHtml}\n</div>` : '',
    relatedAsideHtml(parts.related),
    '</article>',
  ]
    .filter(Boolean)
    .join('\n');
}

/**
 * Exports an article as one standalone, publish-ready HTML5 document: metadata for search and
 * social (description, Open Graph, NewsArticle JSON-LD), then an `<article>` with the headline as
 * the only `<h1>`, the Content Highlight, byline, dateline and date, and the sanitised body.
 * The stylesheet carries print rules, so the same document prints to PDF (Electron's printToPDF
 * in the app, headless Chromium in the CLI).
 *
 * Pure and deterministic: the same article and options give the same string; nothing depends
 * on the clock, the machine's time zone or randomness. Throws a `CopydeskError`
 * (`invalid-input` for a bad `publishedAt`, `export-failed` if the body cannot be rendered).
 */
export function exportHtml(article: Article, options: ExportHtmlOptions = {}): string {
  const parts = articleParts(article, options);
  const { headline, highlight, authors, language, section, tags } = parts;

  const meta = (attr: 'name' | 'property', key: string, content: string): string =>
    `<meta ${attr}="${key}" content="${escapeHtmlAttribute(content)}">`;
  const ogLang = ogLocale(language);
  const head = [
    '<meta charset="utf-8">',
    '<meta name="viewport" content="width=device-width, initial-scale=1">',
    `<title>${escapeHtmlText(headline)}</title>`,
    highlight ? meta('name', 'description', highlight) : '',
    authors.length > 0 ? meta('name', 'author', authors.map((a) => a.name).join(', ')) : '',
    meta('property', 'og:type', 'article'),
    meta('property', 'og:title', headline),
    highlight ? meta('property', 'og:description', highlight) : '',
    ogLang ? meta('property', 'og:locale', ogLang) : '',
    meta('property', 'article:published_time', parts.publishedAt),
    meta('property', 'article:modified_time', parts.modifiedAt),
    section ? meta('property', 'article:section', section) : '',
    ...tags.map((tag) => meta('property', 'article:tag', tag)),
    `<script type="application/ld+json">\n${jsonForScript(articleJsonLd(parts, article.id))}\n</script>`,
    options.stylesheet === false ? '' : `<style>\n${ARTICLE_STYLESHEET}\n</style>`,
  ].filter(Boolean);

  return [
    '<!DOCTYPE html>',
    `<html lang="${escapeHtmlAttribute(language)}"${parts.rtl ? ' dir="rtl"' : ''}>`,
    '<head>',
    ...head,
    '</head>',
    '<body>',
    articleElementHtml(parts),
    '</body>',
    '</html>',
    '',
  ].join('\n');
}

/**
 * A file name to offer in the save dialog: an ASCII slug of the headline plus `.html`, at most
 * 80 characters, or `article.html` when the headline gives nothing usable.
 */
export function suggestedFileName(article: Pick<Article, 'headline'>): string {
  return `${slugForFileName(article.headline, 80 - '.html'.length)}.html`;
}
