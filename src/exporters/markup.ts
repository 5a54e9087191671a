/**
 * Text helpers shared by the markup exporters (HTML today; NITF and other XML formats later).
 */

// HTML forbids C0 controls other than tab, LF, FF and CR, the C1 controls, noncharacters and
// lone surrogates (the W3C checker reports each as an error; UTF-8 cannot even encode the
// last). They reach articles through pastes from terminals and PDFs and carry no meaning.
const FORBIDDEN_CODE_POINTS =
  /[\u0000-\u0008\u000B\u000E-\u001F\u007F-\u009F]|\p{Noncharacter_Code_Point}|\p{Cs}/gu;

/** Removes the code points an HTML or XML document must not contain. */
export function withoutForbiddenCodePoints(text: string): string {
  return text.replace(FORBIDDEN_CODE_POINTS, '');
}

/**
 * Text for a single-line field (headline, byline, dateline…): forbidden code points removed and
 * every line break, with the spaces around it, turned into one space.
 */
export function singleLine(text: string): string {
  return withoutForbiddenCodePoints(text).replace(/[^\S\r\n]*[\r\n][\s]*/g, ' ');
}

/**
 * Whether `text` shows nothing: only whitespace and invisible format characters (zero-width
 * spaces, joiners, bidi marks, byte-order marks, soft hyphens).
 */
export function isBlank(text: string): boolean {
  return /^[\s\p{Cf}]*$/u.test(text);
}

const TEXT_ESCAPES: Record<string, string> = { '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;' };

/** Escapes text for element content. */
export function escapeHtmlText(text: string): string {
  return text.replace(/[&<>]/g, (c) => TEXT_ESCAPES[c] ?? c);
}

/** Escapes text for a double-quoted attribute value. */
export function escapeHtmlAttribute(text: string): string {
  return text.replace(/[&<>"]/g, (c) => TEXT_ESCAPES[c] ?? c);
}

function unicodeEscape(s: string): string {
  let out = '';
  for (let i = 0; i < s.length; i++) out += `\\u${s.charCodeAt(i).toString(16).padStart(4, '0')}`;
  return out;
}

/**
 * JSON for the inside of a `<script>` element. `<` stops `</script>` and `<!--` from ending or
 * changing the script; `>` and `&` keep it safe if it is ever pasted into XHTML or an attribute;
 * U+2028/2029 are line terminators in older JavaScript. The rest are code points HTML forbids.
 * These characters can only occur inside JSON strings, where `\uXXXX` means the same thing.
 */
export function jsonForScript(value: unknown): string {
  return JSON.stringify(value, null, 2).replace(
    /[<>&\u007F-\u009F\u2028\u2029]|\p{Noncharacter_Code_Point}/gu,
    unicodeEscape,
  );
}
