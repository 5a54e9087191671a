import createDOMPurify, { type DOMPurify } from 'dompurify';
import { JSDOM } from 'jsdom';
import { IMPORT_TAGS, addPurifyHooks, purifyConfig, type PurifyProfile } from '../shared/html/purifyConfig';

export type { PurifyProfile } from '../shared/html/purifyConfig';

/**
 * DOMPurify on jsdom: the one sanitiser every HTML entry point in Node (import) and every
 * markup export goes through. Never happy-dom: with it `onerror` and `<script>` survive.
 * The configuration is in purifyConfig.ts, shared with the renderer's paste.
 */

function makeInstance(profile: PurifyProfile): DOMPurify {
  const { window } = new JSDOM('<!doctype html><html><body></body></html>');
  return addPurifyHooks(createDOMPurify(window as unknown as Window & typeof globalThis), profile);
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

const config = purifyConfig;

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
  // DOMPurify walks from the <body> it parsed `html` into. When `body` is not an allowed tag it
  // treats that root as disallowed and, to keep its content, deep-clones the whole tree before
  // dropping it: a quarter of an export's sanitising time, spent on copies nobody reads (the
  // walk goes on over the originals). Allowing `body` skips that; the body element itself is
  // never in the output, which is its inner markup.
  const tags = allow?.tags ? [...allow.tags, 'body'] : [...IMPORT_TAGS, 'body'];
  return purify.sanitize(html, config(profile, tags, allow?.attrs)) as string;
}
