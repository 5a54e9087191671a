import { readFile, stat } from 'node:fs/promises';
import { basename, extname } from 'node:path';
import type { ArticleDraft } from '../shared/article';
import { CopydeskError } from '../shared/errors';
import type { ImportOptions } from './draft';
import { importDocx } from './importDocx';
import { importHtml } from './importHtml';
import { importMarkdown } from './importMarkdown';
import { importText } from './importText';

export type { ImportOptions } from './draft';
export { htmlToBody, type HtmlToBodyOptions } from './htmlToBody';
export { importDocx, type ImportDocxOptions } from './importDocx';
export { importHtml } from './importHtml';
export { importMarkdown } from './importMarkdown';
export { importText } from './importText';

/** File extensions `importFile` reads, lower case with the dot; for open-file dialogs too. */
export const SUPPORTED_IMPORT_EXTENSIONS = [
  '.txt',
  '.text',
  '.md',
  '.markdown',
  '.html',
  '.htm',
  '.docx',
] as const;
export type SupportedImportExtension = (typeof SUPPORTED_IMPORT_EXTENSIONS)[number];
type TextExtension = Exclude<SupportedImportExtension, '.docx'>;

/** Files larger than this are refused: no article is 20 MB of text, and reading one would stall the app. */
export const MAX_IMPORT_BYTES = 20 * 1024 * 1024;

const IMPORTERS: Record<TextExtension, (text: string, options: ImportOptions) => ArticleDraft> = {
  '.txt': importText,
  '.text': importText,
  '.md': importMarkdown,
  '.markdown': importMarkdown,
  '.html': importHtml,
  '.htm': importHtml,
};

const SUPPORTED_TYPES =
  'plain text (.txt, .text), Markdown (.md, .markdown), HTML (.html, .htm) and Word (.docx)';

function isSupported(extension: string): extension is SupportedImportExtension {
  return (SUPPORTED_IMPORT_EXTENSIONS as readonly string[]).includes(extension);
}

function readError(error: unknown, path: string, sourceName: string): CopydeskError {
  const code = (error as NodeJS.ErrnoException | undefined)?.code;
  const detail = `${path}: ${String(error)}`;
  if (code === 'ENOENT' || code === 'ENOTDIR') {
    return new CopydeskError(
      'not-found',
      `“${sourceName}” could not be found; it may have been moved or deleted.`,
      {
        detail,
        cause: error,
      },
    );
  }
  if (code === 'EACCES' || code === 'EPERM') {
    return new CopydeskError(
      'import-failed',
      `Copydesk is not allowed to read “${sourceName}”. Check the file’s permissions, or copy it somewhere you own.`,
      { detail, cause: error },
    );
  }
  return new CopydeskError('import-failed', `“${sourceName}” could not be read.`, { detail, cause: error });
}

function notText(sourceName: string, why: string): CopydeskError {
  return new CopydeskError(
    'import-failed',
    `“${sourceName}” ${why}, so it was not imported. Save it as UTF-8 text (in most editors: Save As → Encoding: UTF-8) and import it again.`,
  );
}

// Controls other than tab, line breaks and form feed are rare in text and common in binary files.
const BINARY_CONTROL = /[\u0000-\u0008\u000E-\u001A\u001C-\u001F]/g;

/**
 * The text of a file's bytes: UTF-8 (a byte-order mark is dropped), or UTF-16 when a byte-order
 * mark says so, as Windows Notepad writes it. Binary and undecodable files are refused.
 */
function decodeText(bytes: Uint8Array, sourceName: string): string {
  let text: string;
  try {
    if (bytes[0] === 0xff && bytes[1] === 0xfe)
      text = new TextDecoder('utf-16le', { fatal: true }).decode(bytes);
    else if (bytes[0] === 0xfe && bytes[1] === 0xff)
      text = new TextDecoder('utf-16be', { fatal: true }).decode(bytes);
    else if (bytes.includes(0)) throw notText(sourceName, 'looks like a binary file, not text');
    else text = new TextDecoder('utf-8', { fatal: true }).decode(bytes);
  } catch (error) {
    if (error instanceof CopydeskError) throw error;
    throw notText(sourceName, 'is not UTF-8 text (it may be a binary file, or text in an older encoding)');
  }
  // TextDecoder drops the byte-order mark already; a second one would be text, so drop it too.
  if (text.startsWith('\uFEFF')) text = text.slice(1);
  const sample = text.slice(0, 8192);
  const controls = sample.match(BINARY_CONTROL)?.length ?? 0;
  if (controls > 8 && controls > sample.length / 100)
    throw notText(sourceName, 'looks like a binary file, not text');
  return text;
}

/**
 * Reads and imports one file, choosing the importer by extension (see
 * SUPPORTED_IMPORT_EXTENSIONS). Throws a CopydeskError with a message for the user when the file
 * is missing, unreadable, empty, over 20 MB, binary or not UTF-8, of an unsupported type, an old
 * Word .doc file, or a .docx that cannot be read (see importDocx).
 */
export async function importFile(path: string): Promise<ArticleDraft & { sourceName: string }> {
  const sourceName = basename(path);
  const extension = extname(path).toLowerCase();
  if (extension === '.doc') {
    throw new CopydeskError(
      'import-failed',
      `“${sourceName}” is in the old Word format (.doc), which Copydesk does not read. In Word or LibreOffice, save it as a Word document (.docx) and import that.`,
    );
  }
  if (!isSupported(extension)) {
    throw new CopydeskError(
      'import-failed',
      `Copydesk cannot import “${sourceName}”: it imports ${SUPPORTED_TYPES} files.`,
    );
  }

  let bytes: Uint8Array;
  try {
    const info = await stat(path);
    if (info.isDirectory()) {
      throw new CopydeskError(
        'import-failed',
        `“${sourceName}” is a folder, not a file: choose a file inside it.`,
      );
    }
    if (info.size > MAX_IMPORT_BYTES) throw tooLarge(sourceName, info.size);
    bytes = await readFile(path);
  } catch (error) {
    if (error instanceof CopydeskError) throw error;
    throw readError(error, path, sourceName);
  }
  // The file may have grown between stat and read.
  if (bytes.length > MAX_IMPORT_BYTES) throw tooLarge(sourceName, bytes.length);

  if (extension === '.docx') return { ...(await importDocx(bytes, { sourceName })), sourceName };
  const text = decodeText(bytes, sourceName);
  if (text.trim() === '') {
    throw new CopydeskError('import-failed', `“${sourceName}” is empty: there is nothing to import.`);
  }
  return { ...IMPORTERS[extension](text, { sourceName }), sourceName };
}

function tooLarge(sourceName: string, size: number): CopydeskError {
  const megabytes = (size / (1024 * 1024)).toFixed(1);
  return new CopydeskError(
    'import-failed',
    `“${sourceName}” is ${megabytes} MB; Copydesk imports files of up to ${MAX_IMPORT_BYTES / (1024 * 1024)} MB. Split it, or import only the article’s text.`,
  );
}
