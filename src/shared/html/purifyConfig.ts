import type { Config, DOMPurify } from 'dompurify';
import { isSafeLinkUrl } from '../urls';

/**
 * The sanitiser's configuration, with no DOM of its own: Node passes DOMPurify built on jsdom's
 * window (purify.ts), the renderer passes DOMPurify on its own window (paste). One list of tags,
 * attributes and hooks, so import and paste keep and drop exactly the same things.
 */

// Elements whose content is never article text, removed with everything inside them.
export const FORBID_CONTENTS = [
  'script',
  'style',
  'template',
  'noscript',
  'iframe',
  'object',
  'embed',
  'svg',
  'math',
  'title',
  'head',
  'xml',
];

export const IMPORT_TAGS = [
  'p',
  'div',
  'span',
  'br',
  'hr',
  'h1',
  'h2',
  'h3',
  'h4',
  'h5',
  'h6',
  'b',
  'strong',
  'i',
  'em',
  'u',
  's',
  'strike',
  'del',
  'sub',
  'sup',
  'mark',
  'small',
  'font',
  'a',
  'ul',
  'ol',
  'li',
  'blockquote',
  'q',
  'cite',
  'pre',
  'code',
  'table',
  'thead',
  'tbody',
  'tfoot',
  'tr',
  'th',
  'td',
  'caption',
  'colgroup',
  'col',
  'figure',
  'figcaption',
  'img',
  'aside',
  'section',
  'article',
  'header',
  'footer',
  'main',
];

/** Attributes kept on import. `style` survives only so the editor's parser can read bold/italic from it. */
export const IMPORT_ATTRS = [
  'href',
  'title',
  'alt',
  'src',
  'colspan',
  'rowspan',
  'style',
  'class',
  'data-type',
  'start',
  'type',
];

const EXPORT_ATTRS = ['href', 'title', 'alt', 'src', 'class', 'colspan', 'rowspan', 'start', 'rel'];

export type PurifyProfile = 'import' | 'export';

const URI_OK = /^(?:(?:https?|mailto):|[^a-z]|[a-z+.-]+(?:[^a-z+.\-:]|$))/i;

/** Adds the hooks every sanitiser of `profile` needs. Call once per DOMPurify instance. */
export function addPurifyHooks(purify: DOMPurify, profile: PurifyProfile): DOMPurify {
  purify.addHook('afterSanitizeAttributes', (node) => {
    const el = node as Element;
    if (el.tagName === 'A') {
      const href = el.getAttribute('href');
      // Relative and fragment links mean nothing outside the page they were copied from.
      if (href !== null && !isSafeLinkUrl(href)) el.removeAttribute('href');
    }
    if (profile === 'export') el.removeAttribute('style');
  });
  return purify;
}

/** The DOMPurify configuration for `profile`; export passes the exact tags and attributes it emits. */
export function purifyConfig(
  profile: PurifyProfile,
  allowedTags?: string[],
  allowedAttrs?: string[],
): Config {
  return {
    ALLOWED_TAGS: allowedTags ?? IMPORT_TAGS,
    ALLOWED_ATTR: allowedAttrs ?? (profile === 'import' ? IMPORT_ATTRS : EXPORT_ATTRS),
    FORBID_CONTENTS,
    ALLOW_DATA_ATTR: false,
    ALLOW_ARIA_ATTR: false,
    ALLOWED_URI_REGEXP: URI_OK,
    KEEP_CONTENT: true,
    WHOLE_DOCUMENT: false,
  };
}
