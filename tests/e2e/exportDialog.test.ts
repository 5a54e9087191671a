import { mkdtemp, readFile, readdir, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, afterEach, describe, expect, test } from 'vitest';
import { startApp, stopBrowser, type App } from './harness';
import { startNewArticle, ui } from './ui';

let app: App | undefined;
const temps: string[] = [];

afterEach(async () => {
  const a = app;
  app = undefined;
  await a?.close();
  for (const t of temps.splice(0)) await rm(t, { recursive: true, force: true });
});
afterAll(stopBrowser);

async function tempDir(): Promise<string> {
  const dir = await mkdtemp(join(tmpdir(), 'copydesk-export-'));
  temps.push(dir);
  return dir;
}

async function openExportDialog(a: App) {
  await a.page.getByRole('toolbar', { name: 'Article' }).getByRole('button', { name: 'Export…' }).click();
  return a.page.getByRole('dialog', { name: 'Export' });
}

describe('the Export dialog', () => {
  test('lists every export format the app offers', async () => {
    app = await startApp();
    const dialog = await openExportDialog(app);
    const formats = await dialog.getByRole('radio').count();
    const { ExportFormatSchema } = await import('../../src/shared/contract');
    expect(formats).toBe(ExportFormatSchema.options.length);
    for (const label of [
      'Publish-ready HTML',
      'HTML fragment',
      'Markdown',
      'Plain text',
      'Word (.docx)',
      'NITF 3.6',
      'ninjs',
      'PDF',
    ]) {
      await dialog.getByRole('radio', { name: label }).waitFor();
    }
  });

  test('exports Markdown, plain text and ninjs where the user chooses, with what is on screen', async () => {
    app = await startApp();
    const { page } = app;
    const dir = await tempDir();
    await ui(page).headline.fill('Export me please');

    let dialog = await openExportDialog(app);
    await dialog.getByRole('radio', { name: 'Markdown' }).check();
    app.dialogs.exportPath = join(dir, 'story.md');
    await dialog.getByRole('button', { name: 'Export…' }).click();
    await page.getByRole('status').filter({ hasText: 'Exported to' }).waitFor();
    expect(await readFile(join(dir, 'story.md'), 'utf8')).toContain('Export me please');
    expect(await page.getByRole('dialog', { name: 'Export' }).count()).toBe(0);

    dialog = await openExportDialog(app);
    await dialog.getByRole('radio', { name: 'Plain text' }).check();
    await dialog.getByRole('checkbox', { name: /Wrap lines/ }).check();
    app.dialogs.exportPath = join(dir, 'story.txt');
    await dialog.getByRole('button', { name: 'Export…' }).click();
    await expect
      .poll(() => readFile(join(dir, 'story.txt'), 'utf8').catch(() => ''))
      .toContain('Export me please');
    const lines = (await readFile(join(dir, 'story.txt'), 'utf8')).split('\n');
    expect(Math.max(...lines.map((l) => l.length))).toBeLessThanOrEqual(72);

    dialog = await openExportDialog(app);
    await dialog.getByRole('radio', { name: 'ninjs' }).check();
    await dialog.getByLabel('ninjs version').selectOption('2.2');
    app.dialogs.exportPath = join(dir, 'story.json');
    await dialog.getByRole('button', { name: 'Export…' }).click();
    await expect
      .poll(() => readFile(join(dir, 'story.json'), 'utf8').catch(() => ''))
      .toContain('Export me please');
    const shown = app.dialogs.shown.filter((d) => d.dialog === 'chooseExportPath').map((d) => d.args[1]);
    expect(shown).toEqual(['markdown', 'text', 'ninjs']);
    const exportCalls = app.calls.filter((c) => c.method === 'exportArticle').map((c) => c.input);
    expect(exportCalls.at(-1)).toMatchObject({ format: 'ninjs', options: { ninjsVersion: '2.2' } });
  });

  test('cancelling the save dialog leaves the Export dialog open and writes nothing', async () => {
    app = await startApp();
    const dialog = await openExportDialog(app);
    await dialog.getByRole('radio', { name: 'Word (.docx)' }).check();
    await dialog.getByRole('button', { name: 'Export…' }).click();
    await expect.poll(() => app!.dialogs.shown.filter((d) => d.dialog === 'chooseExportPath').length).toBe(1);
    await dialog.getByRole('button', { name: 'Export…' }).waitFor();
    expect(await dialog.isVisible()).toBe(true);
  });
});

describe('exporting several articles', () => {
  test('the chosen articles are exported into a folder, with a summary', async () => {
    app = await startApp();
    const { page } = app;
    const lib = app.workspace.library;
    await lib.create({ headline: 'Second story' });
    await lib.create({ headline: 'Third story' });
    await app.emit('libraryChanged', { reason: 'test' });
    await expect.poll(() => ui(page).listItems.count()).toBe(3);
    const dir = await tempDir();

    await page.getByRole('button', { name: 'Export several…' }).click();
    const dialog = page.getByRole('dialog', { name: 'Export several articles' });
    const list = dialog.getByRole('list', { name: 'Articles to export' });
    await list.getByRole('checkbox', { name: /Second story/ }).check();
    await list.getByRole('checkbox', { name: /Third story/ }).check();
    await dialog.getByLabel('Format').selectOption('markdown');
    app.dialogs.exportFolder = dir;
    await dialog.getByRole('button', { name: 'Export to a folder…' }).click();
    const summary = dialog.getByRole('region', { name: 'Export summary' });
    await summary.waitFor();
    expect(await summary.textContent()).toContain('Exported 2 articles');
    const files = (await readdir(dir)).sort();
    expect(files).toHaveLength(2);
    expect(files.every((f) => f.endsWith('.md'))).toBe(true);
  });

  test('every article with a desk status is exported; none with that status says so', async () => {
    app = await startApp();
    const { page } = app;
    const lib = app.workspace.library;
    const a = await lib.create({ headline: 'Ready one' });
    await lib.setStatus(a.id, 'ready-to-publish');
    await app.emit('libraryChanged', { reason: 'test' });
    const dir = await tempDir();

    await page.getByRole('button', { name: 'Export several…' }).click();
    const dialog = page.getByRole('dialog', { name: 'Export several articles' });
    await dialog.getByRole('radio', { name: 'Every article with status' }).check();
    await dialog.getByLabel('Desk status to export').selectOption('ready-to-publish');
    app.dialogs.exportFolder = dir;
    // Publish-ready HTML (the default): a headline alone fails the readiness check, so it is
    // skipped with the failing items in the summary and nothing is written.
    await dialog.getByRole('button', { name: 'Export to a folder…' }).click();
    const summary = dialog.getByRole('region', { name: 'Export summary' });
    await expect.poll(() => summary.textContent()).toMatch(/publish-readiness check \(.*There is no byline/);
    expect(await readdir(dir)).toHaveLength(0);
    await dialog.getByLabel('Format').selectOption('markdown');
    app.dialogs.exportFolder = dir; // the stand-in folder chooser answers once
    await dialog.getByRole('button', { name: 'Export to a folder…' }).click();
    await expect.poll(() => summary.textContent()).toMatch(/Exported 1 article/);
    expect(await readdir(dir)).toHaveLength(1);

    await dialog.getByLabel('Desk status to export').selectOption('published');
    await dialog.getByRole('button', { name: 'Export to a folder…' }).click();
    await dialog.getByRole('alert').filter({ hasText: 'nothing to export' }).waitFor();
  });
});

describe('publish readiness before publish-ready HTML', () => {
  test('an article that is not ready is blocked with the checklist; going back writes nothing, “Export anyway” exports', async () => {
    app = await startApp();
    const { page } = app;
    const dir = await tempDir();
    // Wait until the new article is open: filling at once would type into the one being left.
    await startNewArticle(page);
    await ui(page).headline.fill('Short note');
    await ui(page).body.click();
    await page.keyboard.type('One line with a mispelt word.');

    let dialog = await openExportDialog(app);
    await dialog.getByRole('radio', { name: 'Publish-ready HTML' }).check();
    app.dialogs.exportPath = join(dir, 'note.html');
    await dialog.getByRole('button', { name: 'Export…' }).click();
    const checklist = page.getByRole('dialog', { name: 'Not ready to publish' });
    await checklist.waitFor();
    const items = checklist.getByRole('list', { name: 'Publish readiness' }).getByRole('listitem');
    expect(await items.count()).toBeGreaterThan(3);
    expect((await items.allTextContents()).some((t) => t.startsWith('Fails'))).toBe(true);
    await checklist.getByRole('button', { name: 'Go back and fix' }).click();
    expect(app.dialogs.shown.filter((d) => d.dialog === 'chooseExportPath')).toHaveLength(0);

    dialog = await openExportDialog(app);
    await dialog.getByRole('radio', { name: 'Publish-ready HTML' }).check();
    await dialog.getByRole('button', { name: 'Export…' }).click();
    await checklist.getByRole('button', { name: /Export anyway/ }).click();
    await page.getByRole('status').filter({ hasText: 'overridden' }).waitFor();
    expect(await readFile(join(dir, 'note.html'), 'utf8')).toMatch(/<title>[^<]*Short note/);
  });
});
