import { JSDOM } from 'jsdom';

// Deliberately independent of src/html/activeContent.ts (which guards house templates at export):
// a test's oracle must not be the code under test, so the two are kept apart on purpose.

/** Elements that load, embed or submit something, or change how every URL on the page resolves. */
const ACTIVE_ELEMENTS = new Set([
  'iframe',
  'frame',
  'frameset',
  'object',
  'embed',
  'applet',
  'portal',
  'base',
  'form',
  'fencedframe',
]);

/** Attributes whose value the browser treats as a URL to follow or load. */
const URL_ATTRIBUTES = new Set([
  'href',
  'src',
  'action',
  'formaction',
  'xlink:href',
  'poster',
  'data',
  'background',
  'cite',
  'longdesc',
  'ping',
  'manifest',
  'codebase',
  'lowsrc',
  'dynsrc',
  'icon',
  'profile',
  'usemap',
]);

const SAFE_SCHEMES = new Set(['http', 'https', 'mailto']);

/** Data scripts that a browser never runs. */
const DATA_SCRIPT_TYPES = new Set(['application/ld+json', 'application/json']);

// Browsers ignore tabs and newlines anywhere in a URL and leading/trailing control characters
// and spaces, which is how "java\tscript:" and " javascript:" get through naive checks.
function urlScheme(value: string): string | undefined {
  const cleaned = value.replace(/[\t\n\r]/g, '').replace(/^[\u0000-\u0020]+|[\u0000-\u0020]+$/g, '');
  const match = /^([a-z][a-z0-9+.-]*):/i.exec(cleaned);
  return match ? match[1]!.toLowerCase() : undefined;
}

function describe(el: Element): string {
  const id = el.getAttribute('id');
  return `<${el.tagName.toLowerCase()}${id ? `#${id}` : ''}>`;
}

function checkElement(el: Element, findings: string[]): void {
  const tag = el.tagName.toLowerCase();
  if (tag === 'script') {
    const type = (el.getAttribute('type') ?? '').trim().toLowerCase();
    if (!DATA_SCRIPT_TYPES.has(type)) findings.push(`script element of type "${type || 'text/javascript'}"`);
  }
  if (ACTIVE_ELEMENTS.has(tag)) findings.push(`${describe(el)} element`);
  if (tag === 'meta') {
    const equiv = (el.getAttribute('http-equiv') ?? '').trim().toLowerCase();
    if (equiv === 'refresh' || equiv === 'set-cookie') findings.push(`<meta http-equiv="${equiv}">`);
  }
  if (tag === 'link') {
    const rel = (el.getAttribute('rel') ?? '').toLowerCase();
    if (/\b(?:import|preload|modulepreload|prefetch|prerender|serviceworker)\b/.test(rel)) {
      findings.push(`<link rel="${rel}">`);
    }
  }
  // SVG animation can rewrite a link's target after the page has loaded.
  if (['animate', 'set'].includes(tag) && /href/i.test(el.getAttribute('attributeName') ?? '')) {
    findings.push(`${describe(el)} that rewrites a link`);
  }
  if (tag === 'style' && /url\s*\(|@import|expression\s*\(|javascript:/i.test(el.textContent ?? '')) {
    findings.push('<style> that loads or runs something');
  }
  for (const attr of Array.from(el.attributes)) {
    const name = attr.name.toLowerCase();
    if (name.startsWith('on')) findings.push(`${name} attribute on ${describe(el)}`);
    if (URL_ATTRIBUTES.has(name)) {
      const scheme = urlScheme(attr.value);
      if (scheme !== undefined && !SAFE_SCHEMES.has(scheme)) {
        findings.push(`${name}="${attr.value.slice(0, 80)}" on ${describe(el)}`);
      }
    }
    if (name === 'srcset' || name === 'imagesrcset') {
      for (const candidate of attr.value.split(',')) {
        const scheme = urlScheme(candidate.trim().split(/\s+/)[0] ?? '');
        if (scheme !== undefined && !SAFE_SCHEMES.has(scheme))
          findings.push(`${name} with ${scheme}: on ${describe(el)}`);
      }
    }
    if (name === 'style' && /url\s*\(|expression\s*\(|javascript:/i.test(attr.value)) {
      findings.push(`style attribute that loads or runs something on ${describe(el)}`);
    }
  }
}

function walk(root: ParentNode, findings: string[]): void {
  for (const el of Array.from(root.querySelectorAll('*'))) {
    checkElement(el, findings);
    // querySelectorAll does not enter <template> contents: a browser can still stamp them out.
    if (el.tagName.toLowerCase() === 'template') walk((el as HTMLTemplateElement).content, findings);
  }
}

let parser: DOMParser | undefined;

/**
 * Parses a whole HTML document with jsdom's HTML parser. One jsdom window is shared: creating a
 * window costs ~30 ms, parsing into it ~5 ms. Documents parsed this way never run scripts.
 */
export function parseHtmlDocument(html: string): Document {
  parser ??= new new JSDOM('').window.DOMParser();
  return parser.parseFromString(html, 'text/html');
}

/**
 * Lists everything in an HTML document that could run, load or submit something: scripts other
 * than JSON data, frames and plugins, `<base>`, forms, refresh redirects, `on*` handlers, and URL
 * attributes with a scheme other than http(s) or mailto (relative URLs are allowed). Returns an
 * empty array for an inert document.
 */
export function findActiveContent(html: string | Document): string[] {
  const findings: string[] = [];
  walk(typeof html === 'string' ? parseHtmlDocument(html) : html, findings);
  return findings;
}
