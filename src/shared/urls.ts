/** Schemes a link in an article may use. Everything else (javascript:, data:, file:, …) is refused. */
export const LINK_SCHEMES = ['http:', 'https:', 'mailto:'] as const;

/**
 * Whether `href` is a link an article may carry: an absolute http(s) or mailto URL.
 * Control characters and whitespace inside the scheme are how `java\tscript:` slips past
 * naive checks, so the URL parser decides, not a regex.
 */
export function isSafeLinkUrl(href: string | null | undefined): boolean {
  if (!href) return false;
  const trimmed = href.trim();
  if (trimmed === '' || /[\u0000-\u001f\u007f]/.test(trimmed)) return false;
  try {
    const url = new URL(trimmed);
    if (!(LINK_SCHEMES as readonly string[]).includes(url.protocol)) return false;
    if (url.protocol !== 'mailto:' && url.hostname === '') return false;
    return true;
  } catch {
    return false;
  }
}

/** Adds https:// to a bare domain typed by a user ("example.com/page"); returns null if still unsafe. */
export function normaliseLinkUrl(input: string): string | null {
  const trimmed = input.trim();
  if (isSafeLinkUrl(trimmed)) return trimmed;
  if (/^[\w.-]+\.[a-z]{2,}(?:[/?#]|$)/i.test(trimmed)) {
    const withScheme = `https://${trimmed}`;
    return isSafeLinkUrl(withScheme) ? withScheme : null;
  }
  if (/^[^\s@]+@[^\s@]+\.[a-z]{2,}$/i.test(trimmed)) return `mailto:${trimmed}`;
  return null;
}

/** Whether `href` is an absolute http or https address (what a related-story link may point to). */
export function isWebUrl(href: string | null | undefined): boolean {
  if (!isSafeLinkUrl(href)) return false;
  const { protocol } = new URL(href!.trim());
  return protocol === 'http:' || protocol === 'https:';
}
