import type { Article } from '../shared/article';
import { CopydeskError } from '../shared/errors';

/**
 * Prints a standalone HTML page to PDF. The app passes one built on Electron's
 * `webContents.printToPDF`, the CLI one built on headless Chromium (services/chromiumPdf.ts);
 * both print the same page with the print rules of its stylesheet. The page must be loaded with
 * scripts off and no network: it is an export, never an app page.
 */
export type PdfRenderer = (html: string) => Promise<Uint8Array>;

/**
 * Exports `article` as PDF: `html` (the publish-ready page or a house template's page, which
 * carry the print CSS) printed by `render`. Throws `export-failed` when there is no renderer or
 * it does not return a PDF.
 */
export async function exportPdf(
  _article: Article,
  html: string,
  render: PdfRenderer | undefined,
): Promise<Uint8Array> {
  if (!render) {
    throw new CopydeskError(
      'export-failed',
      'PDF export needs a browser engine to print with, and none is available here. Export as HTML and print that to PDF from a browser.',
    );
  }
  const pdf = await render(html);
  // "%PDF-": a renderer that returned something else must not be saved as a .pdf.
  if (pdf.length < 5 || String.fromCharCode(...pdf.subarray(0, 5)) !== '%PDF-') {
    throw new CopydeskError(
      'export-failed',
      'The PDF could not be made: the printer returned something that is not a PDF.',
    );
  }
  return pdf;
}
