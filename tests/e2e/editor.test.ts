import { mkdtemp, readFile, rename, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { Page } from 'playwright';
import { afterAll, afterEach, describe, expect, test } from 'vitest';
import { startApp, stopBrowser, type App, type BridgeCall } from './harness';
import { MOD, findArticleFile, startNewArticle, textNodes, ui, waitForSaved } from './ui';

let app: App | undefined;

afterEach(async () => {
  const a = app;
  app = undefined;
  await a?.close();
});
afterAll(stopBrowser);

const STORY = {
  headline: 'Council approves £12m flood barrier',
  contentHighlight: 'Councillors voted 31 to 4 after three winters of flooding',
  byline: 'Jane Okafor',
  dateline: 'Riverside',
};

/** Types a whole story the way a reporter would: fields first, Enter to move on, then the body. */
async function writeStory(page: Page): Promise<void> {
  await startNewArticle(page);
  await page.keyboard.type(STORY.headline);
  await page.keyboard.press('Enter');
  await page.keyboard.type(STORY.contentHighlight);
  await page.keyboard.press('Enter');
  await page.keyboard.type(STORY.byline);
  await page.keyboard.press('Enter');
  await page.keyboard.type(STORY.dateline);
  await page.keyboard.press('Enter');
  // Enter in the dateline puts the caret in the body.
  await expect.poll(() => ui(page).body.evaluate((el) => el === el.ownerDocument.activeElement)).toBe(true);

  await page.keyboard.type('The vote was ');
  await page.keyboard.press(`${MOD}+B`);
  await page.keyboard.type('decisive');
  await page.keyboard.press(`${MOD}+B`);
  await page.keyboard.type('. Read the full report');
  for (let i = 0; i < 'full report'.length; i++) await page.keyboard.press('Shift+ArrowLeft');
  await page.keyboard.press(`${MOD}+K`);
  const dialog = page.getByRole('dialog', { name: 'Add link' });
  await dialog.getByRole('textbox', { name: 'Address' }).fill('https://example.com/flood-report');
  await dialog.getByRole('button', { name: 'Add link' }).click();
  await expect.poll(() => dialog.isVisible()).toBe(false);
  await page.keyboard.press('End');
  await page.keyboard.type('.');
}

describe('writing an article', () => {
  test('a reporter writes a story with bold and a link, and it is saved to the article file', async () => {
    app = await startApp();
    const { page } = app;
    await writeStory(page);
    await waitForSaved(page);

    const stored = await findArticleFile(app.libraryDir, STORY.headline);
    expect(stored).toMatchObject({ ...STORY, status: 'draft', schemaVersion: 1 });
    const texts = textNodes(stored.body as never);
    expect(texts.map((t) => t.text).join('')).toBe('The vote was decisive. Read the full report.');
    expect(texts.find((t) => t.text === 'decisive')?.marks).toEqual([{ type: 'bold' }]);
    const link = texts.find((t) => t.text === 'full report');
    expect(link?.marks).toHaveLength(1);
    expect(link?.marks?.[0]).toMatchObject({
      type: 'link',
      attrs: { href: 'https://example.com/flood-report' },
    });
    // The full stop typed after the link is not part of it.
    expect(texts.at(-1)).toEqual({ type: 'text', text: '.' });

    // The list shows the new headline and byline without a reload.
    const item = ui(page).listItems.filter({ hasText: STORY.headline });
    await expect.poll(() => item.textContent()).toContain(STORY.byline);
  });

  test('after a reload the article opens with the same content', async () => {
    app = await startApp();
    const { page } = app;
    await writeStory(page);
    await waitForSaved(page);

    await app.reload();
    const u = ui(page);
    // The most recently changed article opens on start.
    await expect.poll(() => u.headline.inputValue()).toBe(STORY.headline);
    expect(await u.contentHighlight.inputValue()).toBe(STORY.contentHighlight);
    expect(await u.byline.inputValue()).toBe(STORY.byline);
    expect(await u.dateline.inputValue()).toBe(STORY.dateline);
    expect(await u.body.textContent()).toBe('The vote was decisive. Read the full report.');
    expect(await u.body.locator('strong').textContent()).toBe('decisive');
    expect(await u.body.locator('a').getAttribute('href')).toBe('https://example.com/flood-report');
    expect(await u.body.locator('a').textContent()).toBe('full report');
    expect(await u.saveStatus.textContent()).toBe('Saved');
  });

  test('a headline over its budget shows the warning, and Ctrl+S saves at once', async () => {
    app = await startApp();
    const { page } = app;
    const u = ui(page);
    await startNewArticle(page);
    const counter = page.locator('.field-headline .budget');
    await page.keyboard.type('Short headline');
    await expect.poll(() => counter.locator('[aria-hidden="true"]').first().textContent()).toBe('14/70');
    expect(await counter.getAttribute('class')).not.toContain('budget-over');

    const long = 'Riverside council approves £12m flood barrier after a third winter of floods';
    await u.headline.fill(long);
    expect([...long].length).toBe(76);
    await expect.poll(() => counter.locator('[aria-hidden="true"]').first().textContent()).toBe('76/70');
    expect(await counter.getAttribute('class')).toContain('budget-over');
    expect(await counter.textContent()).toContain('6 over');
    expect(await u.headline.getAttribute('aria-invalid')).toBe('true');

    await u.headline.press(`${MOD}+S`);
    await waitForSaved(page);
    const explicit = app.calls.filter(
      (c) => c.method === 'saveArticle' && (c.input as { reason: string }).reason === 'explicit',
    );
    expect(explicit).toHaveLength(1);
    expect((explicit[0]!.input as { content: { headline: string } }).content.headline).toBe(long);
    expect((await findArticleFile(app.libraryDir, long)).headline).toBe(long);
  });

  test('Tab goes from headline to Content Highlight, byline, dateline, toolbar, then body', async () => {
    app = await startApp();
    const { page } = app;
    await startNewArticle(page);
    const focused = () =>
      page.evaluate(() => {
        const el = (globalThis as unknown as { document: { activeElement: Element | null } }).document
          .activeElement;
        return el?.getAttribute('aria-label') ?? el?.id ?? '';
      });
    const labelOf = async (name: string) =>
      page.getByRole('textbox', { name, exact: true }).evaluate((el) => el.getAttribute('id'));
    const order: string[] = [];
    for (let i = 0; i < 5; i++) {
      await page.keyboard.press('Tab');
      order.push(await focused());
    }
    expect(order).toEqual([
      await labelOf('Content Highlight'),
      await labelOf('Byline'),
      await labelOf('Dateline'),
      'Paragraph',
      'Article body',
    ]);
  });

  test('a link to a javascript: address is refused with a reason', async () => {
    app = await startApp();
    const { page } = app;
    await startNewArticle(page);
    await ui(page).body.click();
    await page.keyboard.type('Click here');
    await page.keyboard.press('Shift+Home');
    await page.keyboard.press(`${MOD}+K`);
    const dialog = page.getByRole('dialog', { name: 'Add link' });
    await dialog.getByRole('textbox', { name: 'Address' }).fill('javascript:alert(1)');
    await dialog.getByRole('button', { name: 'Add link' }).click();
    expect(await dialog.getByRole('alert').textContent()).toContain('https://');
    await dialog.getByRole('button', { name: 'Cancel' }).click();
    expect(await ui(page).body.locator('a').count()).toBe(0);

    // A bare domain is accepted and gets https:// added.
    await page.keyboard.press(`${MOD}+K`);
    await dialog.getByRole('textbox', { name: 'Address' }).fill('example.com/page');
    await dialog.getByRole('button', { name: 'Add link' }).click();
    expect(await ui(page).body.locator('a').getAttribute('href')).toBe('https://example.com/page');
  });

  test('the toolbar shows the formatting at the caret and applies it', async () => {
    app = await startApp();
    const { page } = app;
    const u = ui(page);
    await startNewArticle(page);
    await u.body.click();
    const bold = u.toolbar.getByRole('button', { name: 'Bold' });
    const h2 = u.toolbar.getByRole('button', { name: 'H2 subheading' });
    expect(await bold.getAttribute('title')).toBe('Bold (Ctrl+B)');
    expect(await bold.getAttribute('aria-pressed')).toBe('false');
    const undo = u.toolbar.getByRole('button', { name: 'Undo' });
    const redo = u.toolbar.getByRole('button', { name: 'Redo' });
    // Undo and redo follow the history straight in the DOM (no toolbar render while typing).
    expect(await undo.isDisabled()).toBe(true);
    expect(await redo.isDisabled()).toBe(true);
    await bold.click();
    await page.keyboard.type('Strong words');
    expect(await undo.isEnabled()).toBe(true);
    expect(await bold.getAttribute('aria-pressed')).toBe('true');
    await h2.click();
    expect(await h2.getAttribute('aria-pressed')).toBe('true');
    expect(await u.body.locator('h2').textContent()).toBe('Strong words');
    await undo.click();
    expect(await u.body.locator('h2').count()).toBe(0);
    expect(await redo.isEnabled()).toBe(true);
    // Arrow keys in the toolbar skip a disabled button: left from redo passes undo by.
    while (await undo.isEnabled()) await undo.click();
    expect(await undo.isDisabled()).toBe(true);
    await redo.focus();
    await page.keyboard.press('ArrowLeft');
    expect(await page.evaluate(() => document.activeElement?.getAttribute('aria-label'))).toBe('Insert table');
  });

  test('a failed save is shown, the text stays, and the next autosave succeeds once the folder is back', async () => {
    app = await startApp();
    const { page, libraryDir } = app;
    const u = ui(page);
    await startNewArticle(page);
    await page.keyboard.type('Storm warning');
    await waitForSaved(page);

    // Tests run as root, for whom a read-only folder is still writable; a file where the
    // articles folder should be fails for everyone (ENOTDIR), like a library on a drive
    // that was unplugged and replaced.
    const articles = join(libraryDir, 'articles');
    await rename(articles, `${articles}.away`);
    await writeFile(articles, 'not a folder');

    await u.body.click();
    await page.keyboard.type('Roads closed across the valley.');
    const alert = page.locator('.save-error-banner');
    await alert.waitFor({ timeout: 10_000 });
    expect(await alert.getAttribute('role')).toBe('alert');
    const message = (await alert.textContent()) ?? '';
    expect(message).toContain('could not save');
    expect(message).toContain('Your text is still here');
    expect(await u.saveStatus.textContent()).toBe('Not saved');
    expect(await u.body.textContent()).toBe('Roads closed across the valley.');
    expect(await u.headline.inputValue()).toBe('Storm warning');

    await rm(articles);
    await rename(`${articles}.away`, articles);
    // The retry (or the next keystroke) saves it; no reload, no lost text.
    await page.keyboard.type(' Schools shut.');
    await waitForSaved(page, 15_000);
    expect(await alert.count()).toBe(0);
    const stored = await findArticleFile(libraryDir, 'Storm warning');
    expect(
      textNodes(stored.body as never)
        .map((t) => t.text)
        .join(''),
    ).toBe('Roads closed across the valley. Schools shut.');
  });

  test('typing during a slow save never loses text: saves go one at a time, each on the last revision', async () => {
    // Every save takes 1.2 s, longer than the autosave's quiet time, as on a slow network drive.
    app = await startApp({ delayMs: { saveArticle: 1_200 } });
    const { page } = app;
    await startNewArticle(page);
    await page.keyboard.type('Slow disk');
    await ui(page).body.click();
    for (const words of ['First burst. ', 'Second burst. ', 'Third burst.']) {
      await page.keyboard.type(words);
      // Long enough for an autosave to start, short enough to type into the save in flight.
      await page.waitForTimeout(1_000);
    }
    await page.keyboard.press(`${MOD}+S`);
    await waitForSaved(page, 20_000);

    const saves = app.calls.filter((c) => c.method === 'saveArticle');
    expect(saves.length).toBeGreaterThanOrEqual(2);
    for (let i = 1; i < saves.length; i++) {
      expect(saves[i]!.startedAt).toBeGreaterThanOrEqual(saves[i - 1]!.endedAt!);
      const rev = (c: BridgeCall) => (c.input as { baseRev: number }).baseRev;
      expect(rev(saves[i]!)).toBe(rev(saves[i - 1]!) + 1);
    }
    expect(saves.every((c) => c.ok)).toBe(true);
    const stored = await findArticleFile(app.libraryDir, 'Slow disk');
    expect(
      textNodes(stored.body as never)
        .map((t) => t.text)
        .join(''),
    ).toBe('First burst. Second burst. Third burst.');
  });

  test('when the window closes, pending text is saved before main is told it may close', async () => {
    app = await startApp();
    const { page } = app;
    await startNewArticle(page);
    await page.keyboard.type('Last-minute headline');
    // Straight away, before the autosave's quiet time is over.
    await app.emit('flushRequested', null);
    await expect.poll(() => app!.readyToClose()).toBe(1);
    expect((await findArticleFile(app.libraryDir, 'Last-minute headline')).headline).toBe(
      'Last-minute headline',
    );
    const closeSave = app.calls.find(
      (c) => c.method === 'saveArticle' && (c.input as { reason: string }).reason === 'close',
    );
    expect(closeSave).toBeDefined();
  });
});

describe('exporting', () => {
  test('Export HTML writes a standalone page with the headline as its title and no editor artifacts', async () => {
    app = await startApp();
    const { page } = app;
    const dir = await mkdtemp(join(tmpdir(), 'copydesk-export-'));
    try {
      const target = join(dir, 'welcome.html');
      app.dialogs.exportPath = target;
      const headline = await ui(page).headline.inputValue();
      expect(headline).not.toBe('');
      await ui(page).exportButton.click();
      // Publish-ready HTML is gated by the readiness checklist; the welcome article may not pass
      // every item, and exporting anyway is the explicit override.
      const exported = page.getByRole('status').filter({ hasText: 'Exported to' });
      const checklist = page.getByRole('dialog', { name: 'Not ready to publish' });
      await exported.or(checklist).first().waitFor();
      if (await checklist.isVisible()) await checklist.getByRole('button', { name: /Export anyway/ }).click();
      await exported.waitFor();

      const html = await readFile(target, 'utf8');
      expect(html.startsWith('<!DOCTYPE html>') || html.startsWith('<!doctype html>')).toBe(true);
      const title = /<title>([^<]*)<\/title>/.exec(html)?.[1];
      expect(title).toBe(headline);
      expect(html).not.toMatch(/ProseMirror/);
      expect(html).not.toMatch(/contenteditable/i);
      expect(app.dialogs.shown.find((d) => d.dialog === 'chooseExportPath')?.args[1]).toBe('html');
    } finally {
      await rm(dir, { recursive: true, force: true });
    }
  });
});
