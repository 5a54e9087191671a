import { BrowserWindow } from 'electron';
import type { PdfRenderer } from '../exporters/exportPdf';
import { lockDownContents } from './window';

/**
 * Prints an exported page to PDF with Chromium's own printer (`printToPDF`), in a hidden window
 * with JavaScript off, no preload and no network: the page is already self-contained, and an
 * export must not be able to run anything while it is printed.
 */
export function electronPdfRenderer(): PdfRenderer {
  return async (html) => {
    const win = new BrowserWindow({
      show: false,
      webPreferences: {
        javascript: false,
        sandbox: true,
        contextIsolation: true,
        nodeIntegration: false,
        webSecurity: true,
        offscreen: true,
      },
    });
    lockDownContents(win.webContents);
    // Nothing in the page may fetch anything: the export inlines what it needs.
    win.webContents.session.webRequest.onBeforeRequest({ urls: ['http://*/*', 'https://*/*'] }, (_d, cb) =>
      cb({ cancel: true }),
    );
    try {
      await win.loadURL(
        `data:text/html;charset=utf-8;base64,${Buffer.from(html, 'utf8').toString('base64')}`,
      );
      const pdf = await win.webContents.printToPDF({ printBackground: true, pageSize: 'A4' });
      return new Uint8Array(pdf);
    } finally {
      win.destroy();
    }
  };
}
