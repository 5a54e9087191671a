// Letters that Unicode decomposition does not reduce to ASCII but a reader would transliterate.
const TRANSLITERATIONS: Record<string, string> = {
  ß: 'ss',
  æ: 'ae',
  œ: 'oe',
  ø: 'o',
  ł: 'l',
  đ: 'd',
  ð: 'd',
  þ: 'th',
  ı: 'i',
  '&': ' and ',
};

// Windows refuses these names whatever the extension ("con.html" cannot be created).
const RESERVED = /^(?:con|prn|aux|nul|com\d|lpt\d)$/;

/**
 * An ASCII slug of `text` for a file name: lowercase letters, digits and single dashes, at most
 * `maxLength` characters, cut at a word boundary when possible. Returns `fallback` when nothing
 * usable is left (a headline in a script with no ASCII transliteration, or an empty one).
 */
export function slugForFileName(text: string, maxLength = 75, fallback = 'article'): string {
  let slug = text
    .normalize('NFKD')
    .toLowerCase()
    .replace(/[ßæœøłđðþı&]/g, (c) => TRANSLITERATIONS[c] ?? c)
    .replace(/\p{M}/gu, '')
    .replace(/[^a-z0-9]+/g, '-')
    .replace(/^-+|-+$/g, '');
  if (slug.length > maxLength) {
    const cut = slug.slice(0, maxLength + 1);
    const lastDash = cut.lastIndexOf('-');
    // Cut at the last whole word unless that would throw most of the slug away.
    slug = (lastDash > maxLength / 2 ? cut.slice(0, lastDash) : slug.slice(0, maxLength)).replace(/-+$/, '');
  }
  if (slug === '') return fallback;
  return RESERVED.test(slug) ? `${slug}-${fallback}` : slug;
}
