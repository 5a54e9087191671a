import { mkdir, readFile } from 'node:fs/promises';
import { dirname, join } from 'node:path';
import { writeFileDurable } from '../library/durableFile';
import type { Article, BodyNode } from '../shared/article';
import { assetFileOf } from '../shared/editor/Figure';
import { CopydeskError } from '../shared/errors';
import type { ReadinessCheck } from './deskStatus';
import { assetDir } from './libraryAssets';
import { articleForExport } from '../shared/review/forExport';
import type { ExportFormat, ExportOptions } from '../shared/contract';
import { exportDocx } from '../exporters/exportDocx';
import { docxReview } from '../exporters/docxReview';
import { exportHtml } from '../exporters/exportHtml';
import { exportHtmlFragment } from '../exporters/exportHtmlFragment';
import { exportMarkdown } from '../exporters/exportMarkdown';
import { exportNinjs } from '../exporters/exportNinjs';
import { exportNitf } from '../exporters/exportNitf';
import { exportPdf, type PdfRenderer } from '../exporters/exportPdf';
import { exportText } from '../exporters/exportText';
import { exportWithTemplate } from '../exporters/exportTemplate';
import { slugForFileName } from '../exporters/fileName';
import { loadTemplate } from './templates';
import { resolveRelated, type RelatedLink, type RelatedLookup } from '../exporters/related';

export type { PdfRenderer } from '../exporters/exportPdf';

/** The file name ending each format's exports get. */
export const EXPORT_EXTENSIONS: Record<ExportFormat, string> = {
  html: '.html',
  'html-fragment': '.fragment.html',
  markdown: '.md',
  text: '.txt',
  docx: '.docx',
  nitf: '.nitf.xml',
  ninjs: '.ninjs.json',
  pdf: '.pdf',
};

/** What an export may need beyond the article: the library (for its templates) and a PDF printer. */
export interface ExportContext {
  /** The library folder, where `templates/*.njk` are looked up. */
  libraryDir?: string;
  /** Prints HTML to PDF: Electron's printToPDF in the app, headless Chromium in the CLI. */
  pdf?: PdfRenderer;
  /**
   * Finds the library stories an article lists as related ({@link relatedLookup}). Without it,
   * only related web pages are exported; related library stories are left out.
   */
  related?: RelatedLookup;
  /**
   * The publish-readiness check: with it, publish-ready HTML of an article that fails is
   * refused ({@link assertPublishReady}) unless `readinessOverride` gives a reason.
   */
  readiness?: ReadinessCheck;
  /** Why publish-ready HTML is exported although the readiness check fails. */
  readinessOverride?: string;
}

/**
 * How exports link an article's related library stories: the library's URL pattern, and the
 * headlines of the stories it lists now. A story in the trash is not listed, so it is left out.
 */
export function relatedLookup(library: {
  readonly settings: { relatedUrlPattern: string };
  list(): { id: string; headline: string }[];
}): RelatedLookup {
  let headlines: Map<string, string> | undefined;
  return {
    urlPattern: library.settings.relatedUrlPattern,
    headlineOf(id) {
      headlines ??= new Map(library.list().map((a) => [a.id, a.headline]));
      return headlines.get(id);
    },
  };
}

/** A file name to offer for `article` in `format`: an ASCII slug of the headline plus the format's ending. */
export function exportFileName(article: Pick<Article, 'headline'>, format: ExportFormat): string {
  const extension = EXPORT_EXTENSIONS[format];
  return `${slugForFileName(article.headline, 80 - extension.length)}${extension}`;
}

async function page(
  article: Article,
  options: ExportOptions,
  context: ExportContext,
  related: RelatedLink[],
): Promise<string> {
  if (!options.template) return exportHtml(article, { related });
  const template = await loadTemplate(context.libraryDir ?? '', options.template);
  return exportWithTemplate(article, template.source, {
    templateName: template.name,
    related,
    ...(template.stylesheet === undefined ? {} : { stylesheet: template.stylesheet }),
  });
}

/**
 * The bytes of `article` in `format`, and a file name for them. One exporter per format, each a
 * pure function; this is the one switch over formats, used by the app's handlers, batch export
 * and the CLI.
 */
export async function renderExport(
  article: Article,
  format: ExportFormat,
  options: ExportOptions = {},
  context: ExportContext = {},
): Promise<{ data: string | Uint8Array; fileName: string; relatedLeftOut: string[] }> {
  const fileName = exportFileName(article, format);
  if (options.review) {
    if (format !== 'docx') {
      throw new CopydeskError(
        'invalid-input',
        'Suggestions and comments can only be exported as Word tracked changes and comments (the Word format). Choose Word, or export without them.',
      );
    }
    // Word for review: the stored article, its suggestions and comments written as Word's own
    // (notes are still left out, by docxReview).
    const data = await exportDocx(article, {
      pictures: await figurePictures(article, context),
      review: docxReview(article),
    });
    return { data, fileName, relatedLeftOut: [] };
  }
  // No export carries a suggestion, comment or note: open suggestions are exported as the
  // original text (rejected) unless the caller asks to accept them.
  article = articleForExport(article, options.suggestions ?? 'reject');
  const { links: related, leftOut } = resolveRelated(article.related, context.related);
  const relatedLeftOut = RELATED_FORMATS.has(format) ? leftOut : [];
  const data = await renderData(article, format, options, context, related);
  return { data, fileName, relatedLeftOut };
}

/** Formats that carry the "You may also like" links. */
const RELATED_FORMATS = new Set<ExportFormat>(['html', 'html-fragment', 'markdown', 'pdf']);

async function renderData(
  article: Article,
  format: ExportFormat,
  options: ExportOptions,
  context: ExportContext,
  related: RelatedLink[],
): Promise<string | Uint8Array> {
  switch (format) {
    case 'html':
      return page(article, options, context, related);
    case 'html-fragment':
      return exportHtmlFragment(article, { related });
    case 'markdown':
      return exportMarkdown(article, { related });
    case 'text':
      return exportText(article, { wrap: options.wrapText ? 72 : false });
    case 'docx':
      return exportDocx(article, { pictures: await figurePictures(article, context) });
    case 'nitf':
      return exportNitf(article);
    case 'ninjs':
      return exportNinjs(article, { version: options.ninjsVersion ?? '3.1' });
    case 'pdf':
      return exportPdf(article, await page(article, options, context, related), context.pdf);
  }
}

/** Formats whose file points at its pictures as `assets/<file>` beside it. */
const LINKS_PICTURES = new Set<ExportFormat>(['html', 'html-fragment', 'markdown']);

/** The library asset files of an article's figures, in document order, each once. */
export function figureAssetFiles(article: Pick<Article, 'body'>): string[] {
  const files = new Set<string>();
  const walk = (node: BodyNode): void => {
    if (node.type === 'figure') {
      const file = assetFileOf(node.attrs?.src);
      if (file) files.add(file);
    }
    node.content?.forEach(walk);
  };
  article.body.content?.forEach(walk);
  return [...files];
}

/**
 * The bytes of an article's pictures from the library's assets folder, for formats that embed
 * them (Word). Without a library there are none: the exporter then writes each figure in words.
 * Throws `export-failed` when a picture is missing, as exports that link their pictures do.
 */
export async function figurePictures(
  article: Article,
  context: ExportContext,
): Promise<Map<string, Uint8Array>> {
  const pictures = new Map<string, Uint8Array>();
  if (!context.libraryDir) return pictures;
  for (const file of figureAssetFiles(article)) {
    const bytes = await readFile(join(assetDir(context.libraryDir, article.id), file)).catch(() => {
      throw new CopydeskError(
        'export-failed',
        `A picture in this article (${file}) is missing from the library's assets folder. Insert the picture again, or remove its figure, and export again.`,
      );
    });
    pictures.set(file, new Uint8Array(bytes.buffer, bytes.byteOffset, bytes.byteLength));
  }
  return pictures;
}

/**
 * Writes an export that `renderExport` made to `path`. For formats that link their pictures, the
 * pictures are copied first into `assets/` beside it (the page refers to `assets/<file>`), so an
 * export is never left pointing at pictures that are not there. Each file is written atomically.
 */
export async function writeExport(
  article: Article,
  format: ExportFormat,
  data: string | Uint8Array,
  path: string,
  context: ExportContext = {},
): Promise<void> {
  const files = LINKS_PICTURES.has(format) ? figureAssetFiles(article) : [];
  await mkdir(dirname(path), { recursive: true }).catch((cause) => {
    throw new CopydeskError(
      'export-failed',
      `The folder ${dirname(path)} could not be created for the export.`,
      {
        cause,
      },
    );
  });
  if (files.length > 0) {
    if (!context.libraryDir) {
      throw new CopydeskError(
        'export-failed',
        'This export has pictures, but the library they are kept in is unknown.',
      );
    }
    const outAssets = join(dirname(path), 'assets');
    await mkdir(outAssets, { recursive: true });
    for (const file of files) {
      const bytes = await readFile(join(assetDir(context.libraryDir, article.id), file)).catch(() => {
        throw new CopydeskError(
          'export-failed',
          `A picture in this article (${file}) is missing from the library's assets folder. Insert the picture again, or remove its figure, and export again.`,
        );
      });
      await writeFileDurable(join(outAssets, file), bytes);
    }
  }
  await writeFileDurable(path, data);
}

/** Renders and writes an export atomically: a failed export never leaves half a file. */
export async function exportArticleTo(
  article: Article,
  format: ExportFormat,
  path: string,
  options: ExportOptions = {},
  context: ExportContext = {},
): Promise<void> {
  const { data } = await renderExport(article, format, options, context);
  await writeExport(article, format, data, path, context);
}
