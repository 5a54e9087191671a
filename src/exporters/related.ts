import type { RelatedItem } from '../shared/article';
import { fillRelatedUrlPattern, relatedUrlPatternProblem } from '../shared/related';
import { isWebUrl } from '../shared/urls';
import { slugForFileName } from './fileName';
import { escapeHtmlAttribute, escapeHtmlText, isBlank, singleLine } from './markup';

/** One "You may also like" link as exported: where it goes and the words to show. */
export interface RelatedLink {
  href: string;
  title: string;
}

/** How an export finds the library stories an article lists as related. */
export interface RelatedLookup {
  /** The library's `relatedUrlPattern`. */
  urlPattern: string;
  /** The headline of a story in the library, or undefined when it is in the trash or gone. */
  headlineOf(id: string): string | undefined;
}

/** What resolving an article's related list gave: the links, and the stories that were left out. */
export interface ResolvedRelated {
  links: RelatedLink[];
  /** Library stories that could not be linked: in the trash, gone, or no library to look in. */
  leftOut: string[];
}

/**
 * The links for an article's related list, in its order. A web page is linked as entered; a
 * library story through `lookup.urlPattern` with its current headline. A story in the trash (or
 * deleted, or exported without its library) is left out, never linked to a page that may not
 * exist: the editor marks such entries, and the caller can report `leftOut`.
 */
export function resolveRelated(
  items: readonly RelatedItem[] | undefined,
  lookup?: RelatedLookup,
): ResolvedRelated {
  const links: RelatedLink[] = [];
  const leftOut: string[] = [];
  const pattern =
    lookup && relatedUrlPatternProblem(lookup.urlPattern) === null ? lookup.urlPattern : undefined;
  for (const item of items ?? []) {
    if (item.kind === 'url') {
      links.push({ href: item.url.trim(), title: item.title });
      continue;
    }
    const headline = lookup?.headlineOf(item.id);
    if (headline === undefined || pattern === undefined) {
      leftOut.push(item.id);
      continue;
    }
    const slug = slugForFileName(headline, 75, item.id);
    links.push({ href: fillRelatedUrlPattern(pattern, { id: item.id, slug }), title: headline });
  }
  return { links: cleanRelatedLinks(links), leftOut };
}

/**
 * The links fit to print: titles on one line (a blank title falls back to the address), each
 * address once, and only http(s) or relative addresses, whatever the caller passed.
 */
export function cleanRelatedLinks(links: readonly RelatedLink[]): RelatedLink[] {
  const seen = new Set<string>();
  const out: RelatedLink[] = [];
  for (const link of links) {
    const href = link.href.trim();
    const relative = !/^[a-z][a-z0-9+.-]*:/i.test(href) && !href.startsWith('//') && !/[\s<>"\\]/.test(href);
    if (href === '' || !(relative || isWebUrl(href)) || seen.has(href)) continue;
    seen.add(href);
    const title = singleLine(link.title).trim();
    out.push({ href, title: isBlank(title) ? href : title });
  }
  return out;
}

/** `<aside class="related">` headed "You may also like", or '' when there are no links. */
export function relatedAsideHtml(links: readonly RelatedLink[]): string {
  if (links.length === 0) return '';
  const items = links.map(
    (l) => `<li><a href="${escapeHtmlAttribute(l.href)}">${escapeHtmlText(l.title)}</a></li>`,
  );
  return [
    '<aside class="related">',
    '<h2>You may also like</h2>',
    '<ul>',
    ...items,
    '</ul>',
    '</aside>',
  ].join('\n');
}
