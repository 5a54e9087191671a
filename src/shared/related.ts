import { isWebUrl } from './urls';

/**
 * The library setting that turns a related story in the library into a link at export:
 * `{slug}` becomes a slug of the story's headline (as in export file names), `{id}` its id.
 * The default, `{slug}.html`, points at the file a batch export writes beside the page.
 */
export const DEFAULT_RELATED_URL_PATTERN = '{slug}.html';

const PLACEHOLDER = /\{([^{}]*)\}/g;
const KNOWN_PLACEHOLDERS = new Set(['slug', 'id']);

/**
 * Why `pattern` cannot make related-story links, or null when it can. A pattern is an http(s)
 * address or a relative one (`/news/{slug}`, `{slug}.html`), naming the story with `{slug}` or
 * `{id}`; anything else (another scheme, spaces, an unknown placeholder) is refused so that an
 * export never carries a link that goes nowhere or runs something.
 */
export function relatedUrlPatternProblem(pattern: string): string | null {
  const names = [...pattern.matchAll(PLACEHOLDER)].map((m) => m[1]!);
  const unknown = names.find((n) => !KNOWN_PLACEHOLDERS.has(n));
  if (unknown !== undefined) return `{${unknown}} is not a placeholder: use {slug} or {id}.`;
  if (names.length === 0) return 'Put {slug} or {id} where the story goes, e.g. https://example.com/{slug}.';
  const sample = pattern.replace(PLACEHOLDER, 'x');
  if (/[\s\u0000-\u001f\u007f<>"'`{}\\]/.test(sample)) {
    return 'A link pattern cannot contain spaces, quotes, braces or backslashes.';
  }
  if (/^[a-z][a-z0-9+.-]*:/i.test(sample)) {
    return isWebUrl(sample)
      ? null
      : 'A link pattern must start with http:// or https://, or be a relative address.';
  }
  if (sample.startsWith('//')) return 'Start the pattern with https:// rather than //.';
  return null;
}

/** Fills in a valid pattern for one story. `slug` must already be a URL-safe slug. */
export function fillRelatedUrlPattern(pattern: string, story: { id: string; slug: string }): string {
  return pattern.replace(PLACEHOLDER, (_, name: string) =>
    encodeURIComponent(name === 'id' ? story.id : story.slug),
  );
}
