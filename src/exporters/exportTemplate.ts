import nunjucks from 'nunjucks';
import type { Article } from '../shared/article';
import { CopydeskError } from '../shared/errors';
import { readingMinutes } from '../shared/text';
import { findActiveContent } from '../html/activeContent';
import defaultTemplateSource from '../../resources/templates/default.njk?raw';
import defaultStylesheet from '../../resources/templates/default.css?raw';
import { articleElementHtml, articleJsonLd, articleParts, type ExportHtmlOptions } from './exportHtml';
import { jsonForScript } from './markup';
import { relatedAsideHtml } from './related';

/** The built-in house template (resources/templates/default.njk) and its stylesheet. */
export const DEFAULT_TEMPLATE = {
  name: 'default',
  source: defaultTemplateSource,
  stylesheet: defaultStylesheet,
};

/** Options for {@link exportWithTemplate}. */
export interface ExportTemplateOptions extends Pick<ExportHtmlOptions, 'publishedAt' | 'related'> {
  /** The stylesheet offered to the template as `stylesheet`. Default: the default template's. */
  stylesheet?: string;
  /** The publication's name, offered as `publication` (the default template prints it as the masthead). */
  publication?: string;
  /** The template's name, for error messages. */
  templateName?: string;
}

// One environment, no loader: a template cannot {% include %} or {% import %} files from disk,
// so a template in a shared library folder reads nothing but the article.
const env = new nunjucks.Environment(null, { autoescape: true, throwOnUndefined: false });
// `| safe` would let a template print an article field unescaped; here it escapes like any output.
env.addFilter('safe', (value: unknown) => value);

const safe = (html: string): unknown => new nunjucks.runtime.SafeString(html);

/** The variables a template sees. Text fields are plain strings (escaped on output); the rest is prepared markup. */
export function templateContext(
  article: Article,
  options: ExportTemplateOptions = {},
): Record<string, unknown> {
  const parts = articleParts(article, options);
  return {
    id: article.id,
    headline: parts.headline,
    contentHighlight: parts.highlight,
    byline: parts.byline,
    authors: parts.authors,
    dateline: parts.dateline,
    section: parts.section,
    tags: parts.tags,
    language: parts.language,
    rtl: parts.rtl,
    status: article.status,
    publishedAt: parts.publishedAt,
    modifiedAt: parts.modifiedAt,
    dateTime: parts.dateTime,
    displayDate: parts.displayDate,
    wordCount: parts.wordCount,
    readingMinutes: readingMinutes(parts.wordCount),
    publication: options.publication ?? '',
    bodyHtml: safe(parts.bodyHtml),
    /** "You may also like": `{ href, title }` in order, and the ready-made `<aside>` ('' when empty). */
    related: parts.related,
    relatedHtml: safe(relatedAsideHtml(parts.related)),
    articleHtml: safe(articleElementHtml(parts)),
    jsonLd: safe(jsonForScript(articleJsonLd(parts, article.id))),
    // A `</style>` inside a stylesheet would end the element early: no stylesheet needs one.
    stylesheet: safe((options.stylesheet ?? defaultStylesheet).replace(/<\/style/gi, '')),
  };
}

/**
 * Renders `article` through a house template (nunjucks, autoescaping on). Article text is
 * always escaped (`| safe` is disabled); the body arrives already sanitised. The page is then
 * checked: a template that produces a script (other than JSON-LD), a frame, an `on…` handler or
 * a `javascript:` URL is refused with an `export-failed` error rather than exported, so neither
 * a template nor the article can put anything active on the page.
 */
export function exportWithTemplate(
  article: Article,
  templateSource: string = DEFAULT_TEMPLATE.source,
  options: ExportTemplateOptions = {},
): string {
  const name = options.templateName ?? 'the template';
  let html: string;
  try {
    html = env.renderString(templateSource, templateContext(article, options));
  } catch (cause) {
    const reason = (cause instanceof Error ? cause.message : String(cause)).replace(/\s+/g, ' ').trim();
    throw new CopydeskError(
      'export-failed',
      `The house template “${name}” could not be used: ${reason}. Correct the template file and export again.`,
      { detail: String(cause), cause },
    );
  }
  const findings = findActiveContent(html);
  if (findings.length > 0) {
    throw new CopydeskError(
      'export-failed',
      `The house template “${name}” produces active content (${findings.slice(0, 3).join('; ')}), which Copydesk does not publish. Remove it from the template and export again.`,
    );
  }
  return html.endsWith('\n') ? html : `${html}\n`;
}
