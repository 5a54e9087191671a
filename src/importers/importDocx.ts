import { DOMParser as XmlDOMParser } from '@xmldom/xmldom';
import JSZip from 'jszip';
import mammoth from 'mammoth';
import type { ArticleDraft, ImportNote } from '../shared/article';
import { CopydeskError } from '../shared/errors';
import { cleanInputText, finishDraft, type DraftFields, type ImportOptions } from './draft';
import { htmlToBlocks } from './htmlToBody';
import { detectStructure } from './structure';

/** Options for {@link importDocx}. */
export interface ImportDocxOptions extends ImportOptions {
  /** How long the conversion may take before it is abandoned with an error. Default 20 s. */
  timeoutMs?: number;
}

/** A .docx is a zip; unpacked, no article comes near this. More is a zip bomb or not an article. */
export const MAX_DOCX_UNPACKED_BYTES = 200 * 1024 * 1024;
const DEFAULT_TIMEOUT_MS = 20_000;

// Word's Title style is the headline; mammoth maps Heading 1 to <h1> by itself. Subtitle is the
// standfirst in most house templates, kept as an ordinary paragraph.
const STYLE_MAP = ["p[style-name='Title'] => h1:fresh", "p[style-name='Subtitle'] => p:fresh"];

// Document properties a converter such as pandoc writes for the article fields, by lower-cased name.
const PROPERTY_FIELDS: Record<string, keyof DraftFields> = {
  headline: 'headline',
  title: 'headline',
  contenthighlight: 'contentHighlight',
  'content highlight': 'contentHighlight',
  description: 'contentHighlight',
  subject: 'contentHighlight',
  byline: 'byline',
  author: 'byline',
  dateline: 'dateline',
  section: 'section',
  tags: 'tags',
  keywords: 'tags',
};

function named(name: string | undefined): string {
  return name ? `“${name}”` : 'This Word file';
}

function notWord(sourceName: string | undefined, cause?: unknown): CopydeskError {
  return new CopydeskError(
    'import-failed',
    `${named(sourceName)} is not a Word document Copydesk can read (it may be damaged, password-protected, or an old .doc file renamed). Open it in Word or LibreOffice, save it as .docx, and import it again.`,
    cause === undefined ? undefined : { detail: String(cause), cause },
  );
}

function unpackedSize(zip: JSZip): number {
  let total = 0;
  zip.forEach((_path, file) => {
    // JSZip keeps the sizes from the zip's directory without inflating anything.
    const data = (file as unknown as { _data?: { uncompressedSize?: number } })._data;
    total += data?.uncompressedSize ?? 0;
  });
  return total;
}

async function readXml(zip: JSZip, path: string): Promise<Document | null> {
  const file = zip.file(path);
  if (!file) return null;
  const text = await file.async('string');
  try {
    return new XmlDOMParser({ onError: () => undefined }).parseFromString(
      text,
      'text/xml',
    ) as unknown as Document;
  } catch {
    return null;
  }
}

/** Fields from the document's properties: core `dc:title`/`dc:creator` and custom properties named like article fields. */
async function readProperties(zip: JSZip): Promise<DraftFields> {
  const fields: DraftFields = {};
  const set = (name: string, value: string): void => {
    const field = PROPERTY_FIELDS[name.trim().toLowerCase()];
    const text = value.trim();
    if (!field || text === '') return;
    if (field === 'tags') fields.tags ??= text.split(/\s*[,;]\s*/).filter(Boolean);
    else fields[field] ??= text;
  };
  const custom = await readXml(zip, 'docProps/custom.xml');
  for (const property of Array.from(custom?.getElementsByTagName('property') ?? [])) {
    set(property.getAttribute('name') ?? '', property.textContent ?? '');
  }
  const core = await readXml(zip, 'docProps/core.xml');
  if (core) {
    set('title', core.getElementsByTagName('dc:title')[0]?.textContent ?? '');
    set('description', core.getElementsByTagName('dc:description')[0]?.textContent ?? '');
  }
  return fields;
}

async function countComments(zip: JSZip): Promise<number> {
  const comments = await readXml(zip, 'word/comments.xml');
  return comments?.getElementsByTagName('w:comment').length ?? 0;
}

function withTimeout<T>(work: Promise<T>, ms: number, sourceName: string | undefined): Promise<T> {
  let timer: NodeJS.Timeout | undefined;
  const timeout = new Promise<never>((_, reject) => {
    timer = setTimeout(
      () =>
        reject(
          new CopydeskError(
            'import-failed',
            `${named(sourceName)} took more than ${Math.round(ms / 1000)} seconds to read and was abandoned. It may be very large or damaged: save the article alone in a new Word file, or as plain text, and import that.`,
          ),
        ),
      ms,
    );
  });
  return Promise.race([work, timeout]).finally(() => clearTimeout(timer));
}

/**
 * Footnotes and endnotes: mammoth writes references as `<sup><a href="#footnote-1">[1]</a></sup>`
 * and the notes as an `<ol>` at the end with "↑" back-links. In an article they become the plain
 * reference "[1]" in the text and a "Notes" section at the end (links inside a page mean nothing
 * once the text is in a CMS). Returns how many notes there were.
 */
function notesToSection(html: string): { html: string; notes: number } {
  let notes = 0;
  let out = html
    .replace(
      /<sup><a href="#(?:foot|end)note-[\w-]+" id="(?:foot|end)note-ref-[\w-]+">(\[\d+\])<\/a><\/sup>/g,
      '$1',
    )
    .replace(/\s*<a href="#(?:foot|end)note-ref-[\w-]+">↑<\/a>/g, '');
  const kinds = new Set<string>();
  out.replace(/<li id="(foot|end)note-[\w-]+">/g, (_m, kind: string) => {
    notes++;
    kinds.add(kind);
    return '';
  });
  out = out.replace(/<ol><li id="(foot|end)note-/g, (_m, kind: string) => {
    const title = kinds.size > 1 ? (kind === 'foot' ? 'Footnotes' : 'Endnotes') : 'Notes';
    return `<h2>${title}</h2><ol><li id="${kind}note-`;
  });
  return { html: out, notes };
}

/**
 * mammoth wraps every table cell's text in `<p>`; the paragraphs are joined with line breaks so
 * that a row flattens into one paragraph ("Top left | Top right") rather than one per cell.
 */
function cellsWithoutParagraphs(html: string): string {
  return html.replace(
    /<(td|th)([^>]*)>([\s\S]*?)<\/\1>/g,
    (_m, tag: string, attrs: string, inner: string) => {
      const text = inner
        .replace(/^\s*<p>/, '')
        .replace(/<\/p>\s*$/, '')
        .replace(/<\/p>\s*<p>/g, '<br>');
      return `<${tag}${attrs}>${text}</${tag}>`;
    },
  );
}

/**
 * Imports a Word file (.docx) with mammoth: headings, bold, italic, links, lists, tables (as
 * paragraphs, one per row, until the body has tables), footnotes and endnotes (as a "Notes"
 * section at the end), then the same sanitiser and structure detection as HTML and text: a
 * Title or Heading 1 (or a first line that reads like one) becomes the headline, "By …" the
 * byline, "CITY —" the dateline and "Content Highlight: …" its field. Fields still empty are
 * taken from the document's properties (pandoc writes them there).
 *
 * Pictures are left out with a note giving their alt text (the body has no figures yet);
 * pictures and links that point at other files are never read; Word comments are left out with
 * a note. Throws a `CopydeskError` (`import-failed`) for a file that is not a .docx, unpacks to
 * more than 200 MB, has no text, or takes longer than `timeoutMs`.
 */
export async function importDocx(bytes: Uint8Array, options: ImportDocxOptions = {}): Promise<ArticleDraft> {
  const { sourceName } = options;
  let zip: JSZip;
  try {
    zip = await JSZip.loadAsync(bytes);
  } catch (cause) {
    throw notWord(sourceName, cause);
  }
  if (!zip.file('word/document.xml') && !zip.file(/^word\/document\d*\.xml$/).length) {
    if (!zip.file('[Content_Types].xml')) throw notWord(sourceName);
  }
  const unpacked = unpackedSize(zip);
  if (unpacked > MAX_DOCX_UNPACKED_BYTES) {
    throw new CopydeskError(
      'import-failed',
      `${named(sourceName)} unpacks to ${Math.round(unpacked / 1024 / 1024)} MB, more than any article (at most ${MAX_DOCX_UNPACKED_BYTES / 1024 / 1024} MB), so it was not imported. If it holds large pictures, remove them in Word and import again.`,
    );
  }

  const report: ImportNote[] = [];
  let result: Awaited<ReturnType<typeof mammoth.convertToHtml>>;
  try {
    result = await withTimeout(
      mammoth.convertToHtml(
        { buffer: Buffer.from(bytes.buffer, bytes.byteOffset, bytes.byteLength) },
        {
          styleMap: STYLE_MAP,
          // A style map embedded in the file is the file's author deciding our markup: ignored.
          includeEmbeddedStyleMap: false,
          // Never read pictures (or anything else) that the document names outside itself.
          externalFileAccess: false,
          // Pictures cannot go into the body yet: keep only the alt text (for the note), not the bytes.
          convertImage: mammoth.images.imgElement(() => Promise.resolve({ src: '' })),
        },
      ),
      options.timeoutMs ?? DEFAULT_TIMEOUT_MS,
      sourceName,
    );
  } catch (cause) {
    if (cause instanceof CopydeskError) throw cause;
    throw notWord(sourceName, cause);
  }

  const external = result.messages.filter((m) => m.type === 'error' && /external/i.test(m.message)).length;
  if (external > 0) {
    report.push({
      kind: 'dropped',
      message: `${external === 1 ? 'A picture that is' : `${external} pictures that are`} linked from outside the Word file ${external === 1 ? 'was' : 'were'} not read: Copydesk never opens files a document points to.`,
    });
  }
  for (const message of result.messages.filter((m) => m.type === 'error' && !/external/i.test(m.message))) {
    report.push({ kind: 'warning', message: `Part of the Word file could not be read: ${message.message}` });
  }

  const { html, notes } = notesToSection(cellsWithoutParagraphs(result.value));
  if (notes > 0) {
    report.push({
      kind: 'moved',
      message: `${notes === 1 ? 'A footnote was' : `${notes} footnotes and endnotes were`} moved to a Notes section at the end; the text keeps the reference numbers in brackets.`,
    });
  }
  const comments = await countComments(zip);
  if (comments > 0) {
    report.push({
      kind: 'dropped',
      message: `${comments === 1 ? 'A Word comment was' : `${comments} Word comments were`} left out: Copydesk does not import comments yet.`,
    });
  }

  const blocks = htmlToBlocks(cleanInputText(html, report), report);
  const properties = await readProperties(zip);
  if (blocks.length === 0 && !properties.headline) {
    const pictures = /<img\b/.test(html) || external > 0;
    throw new CopydeskError(
      'import-failed',
      `${named(sourceName)} has no text: there is nothing to import${pictures ? ' (it holds only pictures, which articles cannot hold yet)' : ''}.`,
    );
  }
  const structure = detectStructure(blocks);
  const fields: DraftFields = {
    headline: structure.headline,
    byline: structure.byline,
    dateline: structure.dateline,
    contentHighlight: structure.contentHighlight,
  };
  const fromProperties: string[] = [];
  for (const field of ['headline', 'contentHighlight', 'byline', 'dateline', 'section'] as const) {
    if (!fields[field] && properties[field]) {
      fields[field] = properties[field];
      fromProperties.push(field === 'contentHighlight' ? 'Content Highlight' : field);
    }
  }
  if (properties.tags) fields.tags = properties.tags;
  const structureNotes = structure.report.filter(
    (n) => !(fields.headline && n.message.startsWith('No headline was recognised')),
  );
  if (fromProperties.length > 0) {
    report.push({
      kind: 'moved',
      message: `The ${fromProperties.join(', ')} ${fromProperties.length === 1 ? 'was' : 'were'} taken from the Word file’s document properties.`,
    });
  }
  return finishDraft(fields, structure.blocks, [...report, ...structureNotes]);
}
