import createDOMPurify, { type Config, type DOMPurify } from 'dompurify';
import { JSDOM } from 'jsdom';
import { isSafeLinkUrl } from '../shared/urls';

/**
 * DOMPurify on jsdom: the one sanitiser every HTML entry point (import, paste) and every
 * markup export goes through. Never happy-dom: with it `onerror` and `<script>` survive.
 */

// Elements whose content is never article text, removed with everything inside them.
const FORBID_CONTENTS = ['script', 'style', 'template', 'noscript', 'iframe', 'object', 'embed', 'svg', 'math', 'title', 'head', 'xml'];

const IMPORT_TAGS = [
  'p', 'div', 'span', 'br', 'hr', 'h1', 'h2', 'h3', 'h4', 'h5', 'h6',
  'b', 'strong', 'i', 'em', 'u', 's', 'strike', 'del', 'sub', 'sup', 'mark', 'small', 'font',
  'a', 'ul', 'ol', 'li', 'blockquote', 'q', 'cite', 'pre', 'code',
  'table', 'thead', 'tbody', 'tfoot', 'tr', 'th', 'td', 'caption', 'colgroup', 'col',
  'figure', 'figcaption', 'img', 'aside', 'section', 'article', 'header', 'footer', 'main',
];

/** Attributes kept on import. `style` survives only so the editor's parser can read bold/italic from it. */
const IMPORT_ATTRS = ['href', 'title', 'alt', 'src', 'colspan', 'rowspan', 'style', 'class', 'data-type', 'start', 'type'];

export type PurifyProfile = 'import' | 'export';

const URI_OK = /^(?:(?:https?|mailto):|[^a-z]|[a-z+.-]+(?:[^a-z+.\-:]|$))/i;

function makeInstance(profile: PurifyProfile): DOMPurify {
  const { window } = new JSDOM('<!doctype html><html><body></body></html>');
  const purify = createDOMPurify(window as unknown as Window & typeof globalThis);
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

const instances = new Map<PurifyProfile, DOMPurify>();
function instance(profile: PurifyProfile): DOMPurify {
  let p = instances.get(profile);
  if (!p) {
    p = makeInstance(profile);
    instances.set(profile, p);
  }
  return p;
}

function config(profile: PurifyProfile, allowedTags?: string[], allowedAttrs?: string[]): Config {
  return {
    ALLOWED_TAGS: allowedTags ?? IMPORT_TAGS,
    ALLOWED_ATTR: allowedAttrs ?? (profile === 'import' ? IMPORT_ATTRS : ['href', 'title', 'alt', 'src', 'class', 'colspan', 'rowspan', 'start', 'rel']),
    FORBID_CONTENTS,
    ALLOW_DATA_ATTR: false,
    ALLOW_ARIA_ATTR: false,
    ALLOWED_URI_REGEXP: URI_OK,
    KEEP_CONTENT: true,
    WHOLE_DOCUMENT: false,
  };
}

/** Sanitises `html` and returns a jsdom `<body>` element holding what is left, ready for a DOM parser. */
export function sanitiseToBody(html: string, profile: PurifyProfile = 'import'): HTMLElement | null {
  const purify = instance(profile);
  // Null when nothing body-like survives (a frameset document, for one).
  return purify.sanitize(html, { ...config(profile), RETURN_DOM: true }) as HTMLElement | null;
}

/** Sanitises `html` and returns markup. Export passes the exact tags and attributes it emits. */
export function sanitiseHtml(
  html: string,
  profile: PurifyProfile,
  allow?: { tags?: string[]; attrs?: string[] },
): string {
  const purify = instance(profile);
  return purify.sanitize(html, config(profile, allow?.tags, allow?.attrs)) as string;
}
