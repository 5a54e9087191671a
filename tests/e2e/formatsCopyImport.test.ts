import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, afterEach, describe, expect, test } from 'vitest';
import { renderExport } from '../../src/services/exportArticle';
import type { ImportProgress } from '../../src/shared/contract';
import { findActiveContent } from '../helpers/activeContent';
import { axeViolations } from './axe';
import { startApp, stopBrowser, type App } from './harness';
import { listItem, ui, waitForSaved } from './ui';

let app: App | undefined;
const temps: string[] = [];

afterEach(async () => {
  const a = app;
  app = undefined;
  await a?.close();
  for (const t of temps.splice(0)) await rm(t, { recursive: true, force: true });
});
afterAll(stopBrowser);

async function openExportDialog(a: App) {
  await a.page.getByRole('toolbar', { name: 'Article' }).getByRole('button', { name: 'Export…' }).click();
  return a.page.getByRole('dialog', { name: 'Export' });
}

describe('Copy HTML fragment', () => {
  test('copies the sanitised article markup to the clipboard, the same as the fragment export', async () => {
    app = await startApp({ bypassCSP: true });
    const { page, context } = app;
    await context.grantPermissions(['clipboard-read', 'clipboard-write']);
    await ui(page).headline.fill('Ferry <script>alert(1)</script> returns');
    await ui(page).body.click();
    await page.keyboard.press('Control+End');
    await page.keyboard.type(' The ferry is back <img src=x onerror=alert(2)>.');
    await waitForSaved(page);

    const dialog = await openExportDialog(app);
    // Only the text formats offer a copy.
    await dialog.getByRole('radio', { name: 'Word (.docx)' }).check();
    expect(await dialog.getByRole('button', { name: /^Copy/ }).count()).toBe(0);
    await dialog.getByRole('radio', { name: 'HTML fragment' }).check();
    expect(await axeViolations(page)).toEqual([]);
    await dialog.getByRole('button', { name: 'Copy HTML fragment' }).click();
    await page.getByRole('status').filter({ hasText: 'Copied the HTML fragment' }).waitFor();
    expect(await page.getByRole('dialog', { name: 'Export' }).count()).toBe(0);

    const copied = await page.evaluate(() => navigator.clipboard.readText());
    const id = app.calls.find((c) => c.method === 'exportToText')!.input as { id: string };
    const article = await app.workspace.library.get(id.id);
    const { data } = await renderExport(article, 'html-fragment', {}, { libraryDir: app.libraryDir });
    expect(copied).toBe(data);
    expect(copied).toMatch(/^<article>/);
    expect(copied).toContain('Ferry &lt;script&gt;alert(1)&lt;/script&gt; returns');
    expect(copied).toContain('&lt;img src=x onerror=alert(2)&gt;');
    expect(findActiveContent(copied)).toEqual([]);

    // Markdown is offered too, with its own label.
    const again = await openExportDialog(app);
    await again.getByRole('radio', { name: 'Markdown' }).check();
    await again.getByRole('button', { name: 'Copy Markdown' }).click();
    await page.getByRole('status').filter({ hasText: 'Copied the Markdown' }).waitFor();
    expect(await page.evaluate(() => navigator.clipboard.readText())).toContain('Ferry');
  });
});

describe('importing many files', () => {
  test('thirty files, some bad: progress as they come in, then a summary with every skipped file and why', async () => {
    app = await startApp({ bypassCSP: true });
    const { page } = app;
    const dir = await mkdtemp(join(tmpdir(), 'copydesk-import-many-'));
    temps.push(dir);
    const paths: string[] = [];
    for (let i = 1; i <= 25; i++) {
      const file = join(dir, `story-${String(i).padStart(2, '0')}.${i % 2 ? 'txt' : 'md'}`);
      await writeFile(
        file,
        i % 2
          ? `Council story number ${i}\n\nBy Jo Reporter\n\nThe council met for the ${i}th time.\n`
          : `# Council story number ${i}\n\nThe council met for the ${i}th time.\n`,
      );
      paths.push(file);
    }
    // Two Word files that are not Word files, and three files that are gone by the time they are read.
    for (const name of ['broken-1.docx', 'broken-2.docx']) {
      await writeFile(join(dir, name), 'this is not a zip file');
      paths.push(join(dir, name));
    }
    for (const name of ['gone-1.txt', 'gone-2.md', 'gone-3.txt']) paths.push(join(dir, name));
    // In name order, as a file dialog returns them.
    paths.sort();

    // Record every progress event the page receives, as the app's own subscriber does.
    await page.evaluate(() => {
      const g = globalThis as unknown as {
        __importProgress: unknown[];
        copydesk: { onImportProgress(l: (p: unknown) => void): void };
      };
      g.__importProgress = [];
      g.copydesk.onImportProgress((p) => g.__importProgress.push(p));
    });
    app.dialogs.importFiles = paths;
    await ui(page).importButton.click();

    const report = page.getByRole('region', { name: 'Import report' });
    await report.waitFor();
    const summary = (await report.locator('.panel-summary').textContent()) ?? '';
    expect(summary).toBe('Read 30 files · Imported 25 articles · 5 files could not be imported');
    const failures = report.locator('.import-failed');
    expect(await failures.count()).toBe(5);
    const failed = await failures.allTextContents();
    for (const name of ['broken-1.docx', 'broken-2.docx', 'gone-1.txt', 'gone-2.md', 'gone-3.txt']) {
      const line = failed.find((t) => t.includes(name));
      expect(line, name).toBeDefined();
      // Each says why, in words.
      expect(line!.replace(name, '').replace('was not imported', '').trim().length).toBeGreaterThan(15);
    }
    // The skipped files come first, before the 25 imported articles.
    expect(await report.locator('.import-item').first().getAttribute('class')).toContain('import-failed');
    expect(await report.locator('.import-item:not(.import-failed)').count()).toBe(25);
    await listItem(page, 'Council story number 25').waitFor();

    const events = (await page.evaluate(
      () => (globalThis as unknown as { __importProgress: unknown[] }).__importProgress,
    )) as ImportProgress[];
    expect(events.map((e) => e.done)).toEqual(Array.from({ length: 30 }, (_, i) => i + 1));
    expect(events.every((e) => e.total === 30)).toBe(true);
    expect(events.filter((e) => !e.imported).map((e) => e.file)).toEqual([
      'broken-1.docx',
      'broken-2.docx',
      'gone-1.txt',
      'gone-2.md',
      'gone-3.txt',
    ]);
    // The last file read, the progress line is gone and the report has taken over.
    expect(await page.getByRole('region', { name: 'Import progress' }).count()).toBe(0);
  });

  test('the progress line says how far an import has got and how many files were skipped, accessibly', async () => {
    app = await startApp({ bypassCSP: true });
    const { page } = app;
    await app.emit('importProgress', { done: 1, total: 30, file: 'a.txt', imported: false });
    await app.emit('importProgress', { done: 2, total: 30, file: 'b.txt', imported: true });
    const region = page.getByRole('region', { name: 'Import progress' });
    await region
      .getByRole('status')
      .filter({ hasText: 'Importing 2 of 30 files (1 skipped so far)…' })
      .waitFor();
    expect(await region.getByRole('progressbar', { name: 'Files imported' }).getAttribute('value')).toBe('2');
    expect(await axeViolations(page)).toEqual([]);
    await app.emit('importProgress', { done: 30, total: 30, file: 'z.txt', imported: true });
    await expect.poll(() => region.count()).toBe(0);
  });
});
