import type { Article } from '../shared/article';
import { articleElementHtml, articleParts, type ExportHtmlOptions } from './exportHtml';

/**
 * Just the `<article>` element of the publish-ready page (headline, Content Highlight, byline,
 * dateline, date, body and related stories), for pasting into a CMS that supplies its own page, head and styles.
 * The same markup as {@link exportHtml}'s, sanitised the same way; ends with a newline.
 */
export function exportHtmlFragment(
  article: Article,
  options: Pick<ExportHtmlOptions, 'publishedAt' | 'related'> = {},
): string {
  return `${articleElementHtml(articleParts(article, options))}\n`;
}
