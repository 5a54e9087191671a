import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { Page } from 'playwright';
import { afterAll, afterEach, describe, expect, test } from 'vitest';
import { startApp, stopBrowser, type App } from './harness';
import { axeViolations as axeOf } from './axe';
import { MOD, openButton, startNewArticle, ui, waitForSaved } from './ui';

let app: App | undefined;

afterEach(async () => {
  const a = app;
  app = undefined;
  await a?.close();
});
afterAll(stopBrowser);

// The formatting toolbar belongs to the editor (checked by accessibility.test.ts); this file
// checks the panels and dialogs around it.
const axeViolations = (page: Page) => axeOf(page, { exclude: ['[role="toolbar"][aria-label="Formatting"]'] });

const articleBar = (page: Page) => page.getByRole('toolbar', { name: 'Article' });

describe('accessibility of the library, copy-desk and desktop panels', () => {
  for (const colorScheme of ['light', 'dark'] as const) {
    test(`search results, filters, the trash and its confirmation have no axe-core violations (${colorScheme})`, async () => {
      app = await startApp({ bypassCSP: true, colorScheme });
      const { page } = app;
      await app.workspace.library.create({ headline: 'Flood barrier approved', byline: 'Aoife Brennan' });
      const gone = await app.workspace.library.create({ headline: 'Old story' });
      await app.workspace.library.trash(gone.id);
      await app.emit('libraryChanged', { reason: 'test' });
      await ui(page).filter.fill('flood');
      await page.locator('mark.search-match').first().waitFor();
      await page.getByRole('button', { name: 'Filters' }).click();
      await page.getByLabel('With status').waitFor();
      expect(await axeViolations(page)).toEqual([]);

      await page.getByRole('button', { name: 'Trash (1)' }).click();
      const trash = page.getByRole('dialog', { name: 'Trash' });
      await trash.getByRole('list', { name: 'Articles in the trash' }).waitFor();
      expect(await axeViolations(page)).toEqual([]);
      await trash.getByRole('button', { name: 'Empty trash…' }).click();
      await page.getByRole('alertdialog', { name: 'Empty the trash?' }).waitFor();
      expect(await axeViolations(page)).toEqual([]);
    });
  }

  test('the history panel with changes shown, and the conflict banner, have no axe-core violations', async () => {
    app = await startApp({ bypassCSP: true });
    const { page } = app;
    await ui(page).headline.fill('A first headline');
    await page.keyboard.press(`${MOD}+S`);
    await waitForSaved(page);
    await ui(page).headline.fill('A second headline');
    await page.keyboard.press(`${MOD}+S`);
    await waitForSaved(page);
    await articleBar(page).getByRole('button', { name: 'History', exact: true }).click();
    const panel = page.getByRole('complementary', { name: 'History' });
    await panel.getByRole('button', { name: 'Show changes' }).nth(1).click();
    await panel.getByRole('region', { name: 'Changes' }).locator('ins, del').first().waitFor();
    expect(await axeViolations(page)).toEqual([]);

    const id = app.workspace.library.list()[0]!.id;
    const stored = await app.workspace.library.get(id);
    await app.workspace.library.save(id, { ...stored, headline: 'Theirs' }, stored.rev);
    await ui(page).headline.fill('Mine');
    await page.getByRole('alert', { name: 'Conflicting versions' }).waitFor();
    expect(await axeViolations(page)).toEqual([]);
  });

  test('the export, batch export and readiness dialogs have no axe-core violations', async () => {
    app = await startApp({ bypassCSP: true });
    const { page } = app;
    const dir = await mkdtemp(join(tmpdir(), 'copydesk-axe-'));
    try {
      await articleBar(page).getByRole('button', { name: 'Export…' }).click();
      const dialog = page.getByRole('dialog', { name: 'Export' });
      await dialog.getByRole('radio', { name: 'ninjs' }).check();
      await dialog.getByLabel('ninjs version').waitFor();
      expect(await axeViolations(page)).toEqual([]);
      await dialog.getByRole('button', { name: 'Cancel' }).click();

      await page.getByRole('button', { name: 'Export several…' }).click();
      const batch = page.getByRole('dialog', { name: 'Export several articles' });
      await batch.getByRole('list', { name: 'Articles to export' }).getByRole('checkbox').first().check();
      app.dialogs.exportFolder = dir;
      await batch.getByRole('button', { name: 'Export to a folder…' }).click();
      await batch.getByRole('region', { name: 'Export summary' }).waitFor();
      expect(await axeViolations(page)).toEqual([]);
      await batch.getByRole('button', { name: 'Done' }).click();

      // Wait until the new article is open: filling at once would type into the one being left.
      await startNewArticle(page);
      await ui(page).headline.fill('Short');
      await articleBar(page).getByRole('button', { name: 'Export…' }).click();
      await dialog.getByRole('radio', { name: 'Publish-ready HTML' }).check();
      await dialog.getByRole('button', { name: 'Export…' }).click();
      await page.getByRole('dialog', { name: 'Not ready to publish' }).waitFor();
      expect(await axeViolations(page)).toEqual([]);
    } finally {
      await rm(dir, { recursive: true, force: true });
    }
  });

  test('underlines, the suggestions menu and the findings panel have no axe-core violations', async () => {
    app = await startApp({ bypassCSP: true });
    const { page } = app;
    await app.workspace.library.create({
      headline: 'Council meets',
      body: {
        type: 'doc',
        content: [{ type: 'paragraph', content: [{ type: 'text', text: 'The the council aproves it.' }] }],
      },
    });
    await app.emit('libraryChanged', { reason: 'test' });
    await openButton(page, 'Council meets').click();
    const squiggle = page.locator('.article-body .check-squiggle', { hasText: 'aproves' });
    await squiggle.waitFor({ timeout: 20_000 });
    await articleBar(page).getByRole('button', { name: 'Findings' }).click();
    await page.getByRole('complementary', { name: 'Findings' }).getByRole('region').first().waitFor();
    expect(await axeViolations(page)).toEqual([]);
    await squiggle.click({ button: 'right' });
    await page.getByRole('menu', { name: /Suggestions for/ }).waitFor();
    expect(await axeViolations(page)).toEqual([]);
  });

  for (const colorScheme of ['light', 'dark'] as const) {
    test(`settings, About and the shortcuts sheet have no axe-core violations (${colorScheme})`, async () => {
      app = await startApp({ bypassCSP: true, colorScheme });
      const { page } = app;
      for (const [command, name] of [
        ['showSettings', 'Settings'],
        ['showAbout', 'About Copydesk'],
        ['showShortcuts', 'Keyboard shortcuts'],
      ] as const) {
        await app.emit('menuCommand', { command });
        const dialog = page.getByRole('dialog', { name });
        await dialog.getByRole('button', { name: 'Close' }).waitFor();
        if (command === 'showAbout') await dialog.getByTestId('about-version').waitFor();
        if (command === 'showSettings') await dialog.getByLabel('Initials').waitFor();
        expect(await axeViolations(page)).toEqual([]);
        await dialog.getByRole('button', { name: 'Close' }).click();
        await expect.poll(() => dialog.count()).toBe(0);
      }
    });
  }
});
