import { existsSync } from 'node:fs';
import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, afterEach, describe, expect, test } from 'vitest';
import { LibraryStore } from '../../src/library/store';
import { closeWorkspace, openWorkspace } from '../../src/services/handlers';
import { SAMPLES_DIR, startApp, stopBrowser, type App } from './harness';
import { MOD, listItem, openButton, ui, waitForSaved } from './ui';

let app: App | undefined;

afterEach(async () => {
  const a = app;
  app = undefined;
  await a?.close();
});
afterAll(stopBrowser);

const FLOOD = 'Riverside council approves £12m flood barrier after third winter of flooding';
const WELCOME = /Welcome to Copydesk/;

async function importSample(a: App, file: string): Promise<void> {
  a.dialogs.importFiles = [join(SAMPLES_DIR, file)];
  await ui(a.page).importButton.click();
  await a.page.getByRole('region', { name: 'Import report' }).waitFor();
}

describe('the library', () => {
  test('on first run the welcome article is listed and open', async () => {
    app = await startApp();
    const { page } = app;
    expect(await ui(page).listItems.count()).toBe(1);
    expect(await ui(page).headline.inputValue()).toMatch(WELCOME);
    expect(await openButton(page, WELCOME).getAttribute('aria-current')).toBe('true');
    expect(await page.getByTestId('library-path').textContent()).toBe(app.libraryDir);
  });

  test('an empty library offers New article and Import…', async () => {
    app = await startApp({ seedSample: false });
    const { page } = app;
    const main = page.getByRole('main');
    await main.getByRole('heading', { name: 'Your library is empty' }).waitFor();
    await main.getByRole('button', { name: 'New article' }).click();
    await ui(page).headline.waitFor();
    expect(await ui(page).listItems.count()).toBe(1);
    expect(await ui(page).listItems.first().textContent()).toContain('Untitled');
  });

  test('Ctrl+N starts a new article from anywhere, with the caret in its headline', async () => {
    app = await startApp();
    const { page } = app;
    await ui(page).filter.click();
    await page.keyboard.press(`${MOD}+N`);
    await expect.poll(() => ui(page).listItems.count()).toBe(2);
    await expect
      .poll(() => ui(page).headline.evaluate((el) => el === el.ownerDocument.activeElement))
      .toBe(true);
    expect(await ui(page).headline.inputValue()).toBe('');
    expect(app.calls.filter((c) => c.method === 'createArticle')).toHaveLength(1);
  });

  test('importing a page copied from a news site lists it and reports what was dropped', async () => {
    app = await startApp();
    const { page } = app;
    await importSample(app, 'riverside-flood-barrier.txt');

    await listItem(page, FLOOD).waitFor();
    // The imported article opens, with the structure the importer found.
    await expect.poll(() => ui(page).headline.inputValue()).toBe(FLOOD);
    expect(await ui(page).byline.inputValue()).toBe('Riverside Gazette');
    expect(await ui(page).dateline.inputValue()).toBe('Riverside');

    const report = page.getByRole('region', { name: 'Import report' });
    const text = (await report.textContent()) ?? '';
    expect(text).toContain('Imported 1 article');
    expect(text).toContain(FLOOD);
    const dropped = report.locator('.import-note-dropped');
    expect(await dropped.count()).toBeGreaterThanOrEqual(3);
    const droppedText = (await dropped.allTextContents()).join('\n');
    expect(droppedText).toContain('You may also like');
    expect(droppedText).toContain('Leave a Comment');
    expect(droppedText).toContain('aproves'); // the page's repeated headline, typo and all
    expect(await report.locator('.import-note-moved').count()).toBeGreaterThanOrEqual(1);

    await report.getByRole('button', { name: 'Dismiss import report' }).click();
    expect(await report.count()).toBe(0);
  });

  test('a file that cannot be imported is reported with its reason', async () => {
    app = await startApp();
    const { page } = app;
    const dir = await mkdtemp(join(tmpdir(), 'copydesk-import-'));
    try {
      const missing = join(dir, 'gone.txt');
      app.dialogs.importFiles = [missing];
      await ui(page).importButton.click();
      const report = page.getByRole('region', { name: 'Import report' });
      await report.waitFor();
      expect(await report.textContent()).toContain('1 file could not be imported');
      const failure = report.locator('.import-failed');
      expect(await failure.textContent()).toContain('gone.txt');
      expect((await failure.locator('.import-failed-message').textContent())?.length).toBeGreaterThan(10);
    } finally {
      await rm(dir, { recursive: true, force: true });
    }
  });

  test('typing in the filter narrows the list, and clearing it shows everything again', async () => {
    app = await startApp();
    const { page } = app;
    await importSample(app, 'riverside-flood-barrier.txt');
    await importSample(app, 'rail-strike-draft.md');
    await expect.poll(() => ui(page).listItems.count()).toBe(3);

    await ui(page).filter.click();
    await page.keyboard.type('flood barrier');
    await expect.poll(() => ui(page).listItems.count()).toBe(1);
    expect(await ui(page).listItems.first().textContent()).toContain(FLOOD);
    const lastSearch = app.calls.filter((c) => c.method === 'searchArticles').at(-1)?.input;
    expect(lastSearch).toMatchObject({ query: 'flood barrier' });

    await ui(page).filter.fill('no such story anywhere');
    await page.getByText('No articles match “no such story anywhere”.').waitFor();

    await ui(page).filter.fill('');
    await expect.poll(() => ui(page).listItems.count()).toBe(3);
  });

  test('a search whose last letters start too many words says it searched the commonest', async () => {
    const libraryDir = await mkdtemp(join(tmpdir(), 'copydesk-narrowed-'));
    try {
      // 160 articles of 500 words each starting "qu": 80,000 postings, over the 60,000 searched.
      const store = await LibraryStore.open(libraryDir, { owner: 'cli', create: true });
      for (let a = 0; a < 160; a++) {
        const text = Array.from({ length: 500 }, (_, w) => `qu${(a * 37 + w) % 900}x`).join(' ');
        await store.create({
          headline: `Story ${a}`,
          body: { type: 'doc', content: [{ type: 'paragraph', content: [{ type: 'text', text }] }] },
        });
      }
      await store.close();
      app = await startApp({ libraryDir });
      const { page } = app;
      const note = page.getByRole('status').filter({ hasText: 'starts 900 words' });
      await ui(page).filter.fill('qu');
      await note.waitFor();
      expect(await note.textContent()).toMatch(
        /^“qu” starts 900 words: showing articles with the \d+ most common\. Type more of the word to find the rest\.$/,
      );
      expect(await ui(page).listItems.count()).toBeGreaterThan(0);
      // One more letter: every word it starts is searched, and the note goes.
      await ui(page).filter.fill('qu12');
      await expect.poll(() => note.count()).toBe(0);
      await expect.poll(() => ui(page).listItems.count()).toBeGreaterThan(0);
      await app.close();
      app = undefined;
    } finally {
      await rm(libraryDir, { recursive: true, force: true });
    }
  });

  test('Move to trash takes the article out of the list and into the library’s trash folder', async () => {
    app = await startApp();
    const { page, libraryDir } = app;
    await importSample(app, 'riverside-flood-barrier.txt');
    await expect.poll(() => ui(page).listItems.count()).toBe(2);
    const id = app.workspace.library.list().find((a) => a.headline === FLOOD)?.id;
    expect(id).toBeDefined();

    await listItem(page, FLOOD)
      .getByRole('button', { name: `Move “${FLOOD}” to trash` })
      .click();
    await page.getByRole('status').filter({ hasText: 'Moved' }).waitFor();
    await expect.poll(() => ui(page).listItems.count()).toBe(1);
    expect(await listItem(page, FLOOD).count()).toBe(0);
    expect(existsSync(join(libraryDir, 'articles', `${id}.json`))).toBe(false);
    expect(existsSync(join(libraryDir, 'trash', `${id}.json`))).toBe(true);
    // The trashed article was open; the remaining one opens in its place.
    await expect.poll(() => ui(page).headline.inputValue()).toMatch(WELCOME);
  });

  test('switching articles saves the one being left first', async () => {
    app = await startApp();
    const { page } = app;
    await importSample(app, 'riverside-flood-barrier.txt');
    await expect.poll(() => ui(page).headline.inputValue()).toBe(FLOOD);
    await ui(page).headline.fill('Flood barrier approved');
    // Straight to the other article, inside the autosave's quiet time.
    await openButton(page, WELCOME).click();
    await expect.poll(() => ui(page).headline.inputValue()).toMatch(WELCOME);
    const switchSave = app.calls.find(
      (c) => c.method === 'saveArticle' && (c.input as { reason: string }).reason === 'switch',
    );
    expect((switchSave?.input as { content: { headline: string } }).content.headline).toBe(
      'Flood barrier approved',
    );
    await listItem(page, 'Flood barrier approved').waitFor();
    await waitForSaved(page);
  });

  test('files the library could not read are reported until dismissed', async () => {
    const libraryDir = await mkdtemp(join(tmpdir(), 'copydesk-damaged-'));
    try {
      const ws = await openWorkspace(libraryDir, { seedSample: true });
      const [welcome] = ws.library.list();
      await closeWorkspace(ws);
      await writeFile(join(libraryDir, 'articles', `${welcome!.id}.json`), '{"schemaVersion": 1, "headl');

      app = await startApp({ libraryDir });
      const { page } = app;
      const notice = page.getByRole('region', { name: 'Unreadable files kept aside' });
      await notice.waitFor();
      expect(await notice.textContent()).toMatch(/1 file could not be read and was kept aside as \S+/);
      await notice.getByRole('button', { name: /Dismiss/ }).click();
      await expect.poll(() => notice.count()).toBe(0);
      expect(app.calls.some((c) => c.method === 'dismissDamaged')).toBe(true);
    } finally {
      const a = app;
      app = undefined;
      await a?.close();
      await rm(libraryDir, { recursive: true, force: true });
    }
  });
});
