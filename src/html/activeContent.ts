import { JSDOM } from 'jsdom';

/**
 * The export-side check that a finished page is inert: used on pages built from house templates,
 * which are files a user can edit, after the article text in them has already been escaped.
 */

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

/** Attributes whose value a browser follows or loads as a URL. */
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
const DATA_SCRIPT_TYPES = new Set(['application/ld+json', 'application/json']);
const LOADS_OR_RUNS = /url\s*\(|@import|expression\s*\(|javascript:/i;

// Browsers ignore tabs and newlines anywhere in a URL and control characters at its ends,
// which is how "java\tscript:" gets past naive checks.
function urlScheme(value: string): string | undefined {
  const cleaned = value.replace(/[\t\n\r]/g, '').replace(/^[\u0000-\u0020]+|[\u0000-\u0020]+$/g, '');
  return /^([a-z][a-z0-9+.-]*):/i.exec(cleaned)?.[1]?.toLowerCase();
}

function check(el: Element, findings: string[]): void {
  const tag = el.tagName.toLowerCase();
  if (tag === 'script' && !DATA_SCRIPT_TYPES.has((el.getAttribute('type') ?? '').trim().toLowerCase())) {
    findings.push('a <script> element');
  }
  if (ACTIVE_ELEMENTS.has(tag)) findings.push(`a <${tag}> element`);
  if (tag === 'meta' && /^(?:refresh|set-cookie)$/i.test((el.getAttribute('http-equiv') ?? '').trim())) {
    findings.push('a <meta http-equiv> redirect');
  }
  if (
    tag === 'link' &&
    /\b(?:import|preload|modulepreload|prefetch|prerender|serviceworker|stylesheet)\b/i.test(
      el.getAttribute('rel') ?? '',
    )
  ) {
    findings.push(`a <link rel="${el.getAttribute('rel')}"> that loads something`);
  }
  if (['animate', 'set'].includes(tag) && /href/i.test(el.getAttribute('attributeName') ?? '')) {
    findings.push(`an <${tag}> that rewrites a link`);
  }
  if (tag === 'style' && LOADS_OR_RUNS.test(el.textContent ?? ''))
    findings.push('a <style> that loads or runs something');
  for (const attr of Array.from(el.attributes)) {
    const name = attr.name.toLowerCase();
    if (name.startsWith('on')) findings.push(`an ${name} attribute on <${tag}>`);
    if (URL_ATTRIBUTES.has(name)) {
      const scheme = urlScheme(attr.value);
      if (scheme !== undefined && !SAFE_SCHEMES.has(scheme))
        findings.push(`a ${scheme}: URL in ${name} on <${tag}>`);
    }
    if (
      (name === 'srcset' || name === 'imagesrcset') &&
      attr.value.split(',').some((c) => {
        const scheme = urlScheme(c.trim().split(/\s+/)[0] ?? '');
        return scheme !== undefined && !SAFE_SCHEMES.has(scheme);
      })
    ) {
      findings.push(`a ${name} with an unsafe URL on <${tag}>`);
    }
    if (name === 'style' && LOADS_OR_RUNS.test(attr.value))
      findings.push(`a style attribute that loads or runs something on <${tag}>`);
  }
}

function walk(root: ParentNode, findings: string[]): void {
  for (const el of Array.from(root.querySelectorAll('*'))) {
    check(el, findings);
    // querySelectorAll does not enter <template> contents, and a browser can stamp them out.
    if (el.tagName.toLowerCase() === 'template') walk((el as HTMLTemplateElement).content, findings);
  }
}

let parser: DOMParser | undefined;

/**
 * What in an HTML page could run, load or submit something: scripts other than JSON data,
 * frames and plugins, `<base>`, forms, refresh redirects, stylesheet links, `on…` handlers, CSS
 * that loads or runs, and URL attributes with a scheme other than http(s) or mailto. An empty
 * list for an inert page. Parsing never runs anything.
 */
export function findActiveContent(html: string): string[] {
  parser ??= new new JSDOM('').window.DOMParser();
  const findings: string[] = [];
  walk(parser.parseFromString(html, 'text/html'), findings);
  return findings;
}
