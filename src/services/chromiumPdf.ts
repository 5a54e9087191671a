import { access } from 'node:fs/promises';
import { CopydeskError } from '../shared/errors';
import type { PdfRenderer } from '../exporters/exportPdf';

/** Where the CLI looks for Chromium: `CHROMIUM_PATH`, else Debian's `/usr/bin/chromium`. */
export function chromiumPath(env: NodeJS.ProcessEnv = process.env): string {
  return env.CHROMIUM_PATH ?? '/usr/bin/chromium';
}

// Without the background-networking flags Chromium keeps trying a network the machine may not have.
/** Flags for a headless Chromium on a machine with no network (also used by the e2e harness). */
export const CHROMIUM_ARGS = [
  '--headless',
  '--no-sandbox',
  '--disable-gpu',
  '--disable-quic',
  '--no-first-run',
  '--disable-background-networking',
  '--disable-component-update',
  '--disable-sync',
];

/**
 * A {@link PdfRenderer} for the CLI: headless Chromium through Playwright, A4, backgrounds on,
 * JavaScript off and every network request refused (the page is self-contained). One browser per
 * call: batch exports call it once per article, which costs about a second each. Throws
 * `export-failed` with what to do when no Chromium is installed.
 */
export function chromiumPdfRenderer(executablePath = chromiumPath()): PdfRenderer {
  return async (html) => {
    try {
      await access(executablePath);
    } catch {
      throw new CopydeskError(
        'export-failed',
        `PDF export from the command line needs Chromium, and there is none at ${executablePath}. Install it (Debian: apt-get install chromium) or set CHROMIUM_PATH to a Chromium or Chrome binary, or export HTML and print that.`,
      );
    }
    const { chromium } = await import('playwright');
    const browser = await chromium.launch({ executablePath, args: CHROMIUM_ARGS });
    try {
      const context = await browser.newContext({ javaScriptEnabled: false, offline: true });
      const page = await context.newPage();
      await page.route('**/*', (route) => route.abort());
      await page.setContent(html, { waitUntil: 'load' });
      const pdf = await page.pdf({ format: 'A4', printBackground: true, preferCSSPageSize: true });
      return new Uint8Array(pdf.buffer, pdf.byteOffset, pdf.byteLength);
    } finally {
      await browser.close();
    }
  };
}
