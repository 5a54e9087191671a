import { readFile } from 'node:fs/promises';
import { join } from 'node:path';
import { afterAll, afterEach, describe, expect, test } from 'vitest';
import { SHORTCUTS } from '../../src/shared/shortcuts';
import { startApp, stopBrowser, type App } from './harness';
import { ui } from './ui';

let app: App | undefined;

afterEach(async () => {
  const a = app;
  app = undefined;
  await a?.close();
});
afterAll(stopBrowser);

describe('the menu reaches the window', () => {
  test('menu commands open the shortcuts sheet, About, the panels, and act on the article', async () => {
    app = await startApp();
    const { page } = app;

    await app.emit('menuCommand', { command: 'showShortcuts' });
    const sheet = page.getByRole('dialog', { name: 'Keyboard shortcuts' });
    await sheet.waitFor();
    // Every shortcut of the one table, one row each (plus a header row per group).
    const groups = new Set(Object.values(SHORTCUTS).map((s) => s.group)).size;
    expect(await sheet.getByRole('row').count()).toBe(Object.keys(SHORTCUTS).length + groups);
    await sheet
      .getByRole('row', { name: /Duplicate/ })
      .getByText('Ctrl+Shift+D')
      .waitFor();
    await page.keyboard.press('Escape');
    await expect.poll(() => sheet.count()).toBe(0);

    await app.emit('menuCommand', { command: 'showAbout' });
    const about = page.getByRole('dialog', { name: 'About Copydesk' });
    await about.getByTestId('about-version').waitFor();
    expect(await about.getByTestId('about-version').textContent()).toMatch(/^Copydesk \d+\.\d+/);
    expect(await about.textContent()).toContain(app.libraryDir);
    await about.getByRole('button', { name: 'Close' }).click();

    await app.emit('menuCommand', { command: 'toggleFindingsPanel' });
    await page.getByRole('complementary', { name: 'Findings' }).waitFor();
    await app.emit('menuCommand', { command: 'showHistory' });
    await page.getByRole('complementary', { name: 'History' }).waitFor();

    await app.emit('menuCommand', { command: 'duplicateArticle' });
    await expect.poll(() => ui(page).listItems.count()).toBe(2);
    await expect.poll(() => ui(page).headline.inputValue()).toMatch(/^Copy of /);

    await app.emit('menuCommand', { command: 'trashArticle' });
    await expect.poll(() => ui(page).listItems.count()).toBe(1);

    await app.emit('menuCommand', { command: 'toggleLibrarySidebar' });
    await expect.poll(() => ui(page).library.isVisible()).toBe(false);
    await app.emit('menuCommand', { command: 'toggleLibrarySidebar' });
    await expect.poll(() => ui(page).library.isVisible()).toBe(true);

    await app.emit('menuCommand', { command: 'newArticle' });
    await expect.poll(() => ui(page).listItems.count()).toBe(2);
  });

  test('the window reports the open article to main, so the menu enables what applies', async () => {
    app = await startApp();
    const id = app.workspace.library.list()[0]!.id;
    await expect
      .poll(() => app!.calls.filter((c) => c.method === 'reportUiState').map((c) => c.input))
      .toContainEqual(expect.objectContaining({ hasArticle: true, articleId: id }));
    await app.emit('menuCommand', { command: 'closeArticle' });
    await expect
      .poll(() => app!.calls.filter((c) => c.method === 'reportUiState').at(-1)?.input)
      .toMatchObject({ hasArticle: false, articleId: null });
  });

  test('files main opened (a second launch, “open with”) show their import report', async () => {
    app = await startApp();
    await app.emit('filesOpened', {
      imported: [],
      failed: [{ file: 'notes.xyz', message: 'Copydesk cannot import .xyz files.' }],
      cancelled: false,
    });
    const report = app.page.getByRole('region', { name: 'Import report' });
    await report.waitFor();
    expect(await report.textContent()).toContain('notes.xyz');
  });
});

describe('settings', () => {
  test('library budgets and reading speed are saved in the library and apply at once; personal settings are kept', async () => {
    app = await startApp();
    const { page } = app;
    await app.emit('menuCommand', { command: 'showSettings' });
    const dialog = page.getByRole('dialog', { name: 'Settings' });
    await dialog.getByLabel('Name', { exact: true }).fill('Aoife Brennan');
    await dialog.getByLabel('Initials').fill('AB');
    await dialog.getByLabel('Role').selectOption('editor');
    await dialog.getByLabel('Headline budget').fill('60');
    await dialog.getByLabel('Reading speed (words a minute)').fill('200');
    expect(await dialog.getByTestId('settings-library-path').textContent()).toBe(app.libraryDir);
    await dialog.getByRole('button', { name: 'Save settings' }).click();
    await dialog.getByRole('status').filter({ hasText: 'Settings saved.' }).waitFor();

    await app.workspace.library.flush();
    const stored = JSON.parse(await readFile(join(app.libraryDir, 'library.json'), 'utf8')) as {
      settings: { headlineBudget: number; wordsPerMinute: number };
    };
    expect(stored.settings.headlineBudget).toBe(60);
    expect(stored.settings.wordsPerMinute).toBe(200);
    const update = app.calls.filter((c) => c.method === 'updateAppSettings').at(-1)?.input;
    expect(update).toMatchObject({ name: 'Aoife Brennan', initials: 'AB', role: 'editor' });

    await dialog.getByRole('button', { name: 'Close' }).click();
    // The headline's budget counter follows the new budget without a restart.
    await expect.poll(() => page.locator('.field-headline').textContent()).toContain('60');

    await app.emit('menuCommand', { command: 'showSettings' });
    await expect.poll(() => dialog.getByLabel('Name', { exact: true }).inputValue()).toBe('Aoife Brennan');
  });
});
