import { z } from 'zod';
import type { Article } from '../shared/article';
import { CopydeskError } from '../shared/errors';
import { bodyText, countWords } from '../shared/text';
import { displayByline, parseByline } from './byline';
import { slugForFileName } from './fileName';
import { escapeHtmlAttribute, escapeHtmlText, isBlank, jsonForScript, singleLine } from './markup';
import { BODY_HTML_ATTRS, BODY_HTML_TAGS, prepareBodyForExport, renderBodyHtml } from './renderBody';

/** Options for {@link exportHtml}. */
export interface ExportHtmlOptions {
  /** Include the small built-in article stylesheet in `<head>`. Default `true`. */
  stylesheet?: boolean;
  /**
   * When the article is (or will be) published, as an ISO 8601 date-time with offset.
   * Default: the article's `createdAt`, since an article carries no publication date of its own.
   */
  publishedAt?: string;
}

/** Elements the exported body may contain (the header and `<head>` are written by the exporter itself). */
export const EXPORT_HTML_ALLOWED_TAGS = BODY_HTML_TAGS;
/** Attributes the exported body may carry. */
export const EXPORT_HTML_ALLOWED_ATTRS = BODY_HTML_ATTRS;

/** What the headline becomes when it is empty: `<title>` must not be. */
export const UNTITLED_HEADLINE = 'Untitled article';

const DEFAULT_LANGUAGE = 'en-GB';
const RTL_LANGUAGES = new Set(['ar', 'he', 'fa', 'ur', 'ps', 'yi', 'dv', 'sd', 'ckb', 'ug']);

// Serif body at a ~66-character measure; the headline and furniture in the system sans so the
// header reads as a header. No url() and no @import: the document loads nothing.
const STYLESHEET = `
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
@media print { body { padding: 0; font-size: 11pt; } a { color: inherit; } }
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

/**
 * Exports an article as one standalone, publish-ready HTML5 document: metadata for search and
 * social (description, Open Graph, NewsArticle JSON-LD), then an `<article>` with the headline as
 * the only `<h1>`, the Content Highlight, byline, dateline and date, and the sanitised body.
 *
 * Pure and deterministic: the same article and options give the same string; nothing depends
 * on the clock, the machine's time zone or randomness. Throws a `CopydeskError`
 * (`invalid-input` for a bad `publishedAt`, `export-failed` if the body cannot be rendered).
 */
export function exportHtml(article: Article, options: ExportHtmlOptions = {}): string {
  const publishedAt = options.publishedAt ?? article.createdAt;
  if (!publishedAtSchema.safeParse(publishedAt).success) {
    throw new CopydeskError(
      'invalid-input',
      `The publication date "${publishedAt}" is not a date and time such as 2025-03-04T09:30:00Z.`,
    );
  }
  const modifiedAt = article.updatedAt;

  const language = htmlLanguage(article.language ?? DEFAULT_LANGUAGE);
  const headlineText = singleLine(article.headline);
  const headline = isBlank(headlineText) ? UNTITLED_HEADLINE : headlineText;
  const highlight = singleLine(article.contentHighlight);
  const hasHighlight = !isBlank(highlight);
  const byline = displayByline(article.byline);
  const authors = parseByline(article.byline);
  const dateline = singleLine(article.dateline);
  const hasDateline = !isBlank(dateline);
  const section = singleLine(article.section ?? '');
  const hasSection = !isBlank(section);
  const tags = (article.tags ?? []).map(singleLine).filter((t) => !isBlank(t));

  const body = prepareBodyForExport(article.body);
  const bodyHtml = renderBodyHtml(body);

  const jsonLd: Record<string, unknown> = {
    '@context': 'https://schema.org',
    '@type': 'NewsArticle',
    headline,
    ...(hasHighlight ? { description: highlight } : {}),
    ...(authors.length > 0
      ? {
          author: authors.map((a) => ({
            '@type': a.kind === 'organization' ? 'Organization' : 'Person',
            name: a.name,
            ...(a.jobTitle ? { jobTitle: a.jobTitle } : {}),
          })),
        }
      : {}),
    ...(hasDateline ? { dateline } : {}),
    datePublished: publishedAt,
    dateModified: modifiedAt,
    ...(hasSection ? { articleSection: section } : {}),
    ...(tags.length > 0 ? { keywords: tags } : {}),
    wordCount: countWords(bodyText(body)),
    inLanguage: language,
    identifier: article.id,
  };

  const meta = (attr: 'name' | 'property', key: string, content: string): string =>
    `<meta ${attr}="${key}" content="${escapeHtmlAttribute(content)}">`;
  const ogLang = ogLocale(language);
  const head = [
    '<meta charset="utf-8">',
    '<meta name="viewport" content="width=device-width, initial-scale=1">',
    `<title>${escapeHtmlText(headline)}</title>`,
    hasHighlight ? meta('name', 'description', highlight) : '',
    authors.length > 0 ? meta('name', 'author', authors.map((a) => a.name).join(', ')) : '',
    meta('property', 'og:type', 'article'),
    meta('property', 'og:title', headline),
    hasHighlight ? meta('property', 'og:description', highlight) : '',
    ogLang ? meta('property', 'og:locale', ogLang) : '',
    meta('property', 'article:published_time', publishedAt),
    meta('property', 'article:modified_time', modifiedAt),
    hasSection ? meta('property', 'article:section', section) : '',
    ...tags.map((tag) => meta('property', 'article:tag', tag)),
    `<script type="application/ld+json">\n${jsonForScript(jsonLd)}\n</script>`,
    options.stylesheet === false ? '' : `<style>\n${STYLESHEET}\n</style>`,
  ].filter(Boolean);

  const header = [
    hasSection ? `<p class="section">${escapeHtmlText(section)}</p>` : '',
    `<h1>${escapeHtmlText(headline)}</h1>`,
    hasHighlight ? `<p class="content-highlight">${escapeHtmlText(highlight)}</p>` : '',
    byline ? `<p class="byline">${escapeHtmlText(byline)}</p>` : '',
    '<p class="meta">' +
      (hasDateline ? `<span class="dateline">${escapeHtmlText(dateline)}</span>, ` : '') +
      `<time datetime="${escapeHtmlAttribute(htmlDateTime(publishedAt))}">${escapeHtmlText(displayDate(publishedAt, language))}</time></p>`,
  ].filter(Boolean);

  const dir = RTL_LANGUAGES.has(language.split('-')[0]!.toLowerCase()) ? ' dir="rtl"' : '';
  return [
    '<!DOCTYPE html>',
    `<html lang="${escapeHtmlAttribute(language)}"${dir}>`,
    '<head>',
    ...head,
    '</head>',
    '<body>',
    '<article>',
    '<header>',
    ...header,
    '</header>',
    bodyHtml ? `<div class="article-body">\n${bodyHtml}\n</div>` : '',
    '</article>',
    '</body>',
    '</html>',
    '',
  ]
    .filter((line, i, all) => line !== '' || i === all.length - 1)
    .join('\n');
}

/**
 * A file name to offer in the save dialog: an ASCII slug of the headline plus `.html`, at most
 * 80 characters, or `article.html` when the headline gives nothing usable.
 */
export function suggestedFileName(article: Pick<Article, 'headline'>): string {
  return `${slugForFileName(article.headline, 80 - '.html'.length)}.html`;
}
