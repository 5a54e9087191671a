import { emptyBody, type BodyDoc, type BodyNode, type ImportNote } from '../shared/article';
import { blocksFromSanitisedBody } from '../shared/html/cleanHtml';
import { sanitiseToBody } from '../html/purify';
import { CopydeskError } from '../shared/errors';

/** Options for {@link htmlToBody}. */
export interface HtmlToBodyOptions {
  /** Notes on what the conversion left out (pictures, tables) are pushed here. */
  report?: ImportNote[];
}

/**
 * HTML to the article's top-level body blocks (TipTap JSON), empty blocks removed; what had to be
 * left out is pushed onto `report`. The HTML is sanitised first, so nothing active survives.
 */
export function htmlToBlocks(html: string, report: ImportNote[] = []): BodyNode[] {
  let body: HTMLElement | null;
  try {
    // Typed as always returning an element, but DOMPurify returns null for a document with no
    // <body> at all (a <frameset> page).
    body = sanitiseToBody(html, 'import') as HTMLElement | null;
  } catch (error) {
    // DOMPurify refuses (rather than returns half-cleaned) markup it cannot detach safely.
    throw new CopydeskError(
      'import-failed',
      'This HTML could not be cleaned safely, so it was not imported. Copy the text from the page again, or save it as plain text.',
      { detail: String(error), cause: error },
    );
  }
  if (!body) return [];
  // The article schema has tables now, so imports keep them as paste does.
  return blocksFromSanitisedBody(body, report, { keepTables: true });
}

/**
 * The one HTML → article body converter, used by every importer and by paste: sanitises the HTML
 * (DOMPurify on jsdom), cleans clipboard noise from Google Docs and Word, and parses it with the
 * article schema, so the result always fits the editor. Bold and italic written as inline styles
 * (`font-weight:700`, `font-style:italic`) are kept; empty paragraphs are not.
 */
export function htmlToBody(html: string, options: HtmlToBodyOptions = {}): BodyDoc {
  const blocks = htmlToBlocks(html, options.report);
  return blocks.length > 0 ? { type: 'doc', content: blocks } : emptyBody();
}
