import { afterAll, afterEach, describe, expect, test } from 'vitest';
import { readArticleFile, startApp, stopBrowser, type App } from './harness';
import { listItem, openButton, ui, waitForSaved } from './ui';

let app: App | undefined;

afterEach(async () => {
  const a = app;
  app = undefined;
  await a?.close();
});
afterAll(stopBrowser);

const paragraph = (text: string) => ({
  type: 'doc' as const,
  content: [{ type: 'paragraph', content: [{ type: 'text', text }] }],
});

/** Puts three articles in the library from "outside" (as the CLI would) and lets the app see them. */
async function seedArticles(a: App): Promise<void> {
  const lib = a.workspace.library;
  await lib.create({
    headline: 'Council approves flood barrier',
    byline: 'Aoife Brennan',
    section: 'Local',
    tags: ['floods'],
    body: paragraph('The barrier.'),
  });
  await lib.create({
    headline: 'Zoo welcomes twin otters',
    byline: 'David Feld',
    section: 'Features',
    tags: ['animals'],
    body: paragraph('Otters.'),
  });
  const spiked = await lib.create({
    headline: 'Rail strike called off',
    byline: 'Aoife Brennan',
    section: 'Transport',
    body: paragraph('Trains.'),
  });
  await lib.setStatus(spiked.id, 'spiked');
  await a.emit('libraryChanged', { reason: 'test' });
  await expect.poll(() => ui(a.page).listItems.count()).toBe(4);
}

describe('finding articles in the library', () => {
  test('the words typed in the search box are marked in the matching headlines and bylines', async () => {
    app = await startApp();
    const { page } = app;
    await seedArticles(app);
    await ui(page).filter.fill('brenn');
    await expect.poll(() => ui(page).listItems.count()).toBe(2);
    const marks = await ui(page).library.locator('mark.search-match').allTextContents();
    expect(marks.length).toBeGreaterThanOrEqual(2);
    expect(new Set(marks.map((m) => m.toLowerCase()))).toEqual(new Set(['brennan']));
  });

  test('filters by status, byline and section, sorts by headline, and clears', async () => {
    app = await startApp();
    const { page } = app;
    await seedArticles(app);
    await page.getByRole('button', { name: 'Filters' }).click();

    await page.getByLabel('With status').selectOption('spiked');
    await expect.poll(() => ui(page).listItems.count()).toBe(1);
    await listItem(page, 'Rail strike called off').waitFor();
    expect(await page.getByRole('status').filter({ hasText: 'shown' }).textContent()).toBe('1 of 4 shown');

    await page.getByLabel('With status').selectOption('');
    await page.getByLabel('Byline has').fill('brennan');
    await expect.poll(() => ui(page).listItems.count()).toBe(2);
    await page.getByLabel('Section or tag has').fill('flood');
    await expect.poll(() => ui(page).listItems.count()).toBe(1);
    await listItem(page, 'Council approves flood barrier').waitFor();

    await page.getByRole('button', { name: 'Clear filters' }).click();
    await expect.poll(() => ui(page).listItems.count()).toBe(4);

    await page.getByLabel('Sort').selectOption('headline');
    const headlines = await ui(page).library.locator('.item-headline').allTextContents();
    expect(headlines).toEqual([...headlines].sort((a, b) => a.localeCompare(b)));
    expect(headlines[0]).toBe('Council approves flood barrier');
  });

  test('a date range keeps only articles last modified inside it', async () => {
    app = await startApp();
    const { page } = app;
    await seedArticles(app);
    await page.getByRole('button', { name: 'Filters' }).click();
    await page.getByLabel('Modified to').fill('2001-01-01');
    await expect.poll(() => ui(page).listItems.count()).toBe(0);
    await page.getByLabel('Modified to').fill('');
    await page.getByLabel('Modified from').fill('2001-01-01');
    await expect.poll(() => ui(page).listItems.count()).toBe(4);
  });
});

describe('two versions of one article', () => {
  test('a save refused because the article changed elsewhere shows a conflict; opening the stored version keeps mine as a copy', async () => {
    app = await startApp();
    const { page } = app;
    await ui(page).headline.waitFor();
    const id = app.workspace.library.list()[0]!.id;
    const stored = await app.workspace.library.get(id);
    // Another writer (the CLI, a synced machine) saves the article after the app opened it.
    await app.workspace.library.save(id, { ...stored, headline: 'Their headline' }, stored.rev);

    await ui(page).headline.fill('My headline');
    const banner = page.getByRole('alert', { name: 'Conflicting versions' });
    await banner.waitFor();
    await banner.getByRole('button', { name: 'Open the stored version' }).click();

    // The stored version opens in the editor; mine is a new article, both on disk.
    await expect.poll(() => ui(page).headline.inputValue()).toBe('Their headline');
    await openButton(page, 'My headline (conflict copy)').waitFor();
    expect(await page.getByRole('alert', { name: 'Conflicting versions' }).count()).toBe(0);
    expect((await readArticleFile(app.libraryDir, id)).headline).toBe('Their headline');
    const mine = app.workspace.library.list().find((a) => a.headline === 'My headline (conflict copy)');
    expect(mine).toBeDefined();
    expect((await readArticleFile(app.libraryDir, mine!.id)).headline).toBe('My headline (conflict copy)');

    // Editing goes on normally after the conflict.
    await ui(page).headline.fill('Their headline, edited');
    await waitForSaved(page);
    expect((await readArticleFile(app.libraryDir, id)).headline).toBe('Their headline, edited');
  });

  test('keeping my text after a conflict saves it on the article and keeps theirs as a copy', async () => {
    app = await startApp();
    const { page } = app;
    await ui(page).headline.waitFor();
    const id = app.workspace.library.list()[0]!.id;
    const stored = await app.workspace.library.get(id);
    await app.workspace.library.save(id, { ...stored, headline: 'Their headline' }, stored.rev);

    await ui(page).headline.fill('My headline');
    const banner = page.getByRole('alert', { name: 'Conflicting versions' });
    await banner.getByRole('button', { name: 'Keep my text here' }).click();
    await openButton(page, 'Their headline (conflict copy)').waitFor();
    expect(await ui(page).headline.inputValue()).toBe('My headline');
    expect((await readArticleFile(app.libraryDir, id)).headline).toBe('My headline');
  });

  test('an article changed on disk reloads when nothing is unsaved, and shows a conflict when something is', async () => {
    app = await startApp();
    const { page } = app;
    await ui(page).headline.waitFor();
    const id = app.workspace.library.list()[0]!.id;
    let stored = await app.workspace.library.get(id);
    const saved = await app.workspace.library.save(
      id,
      { ...stored, headline: 'Changed by the CLI' },
      stored.rev,
    );
    await app.emit('articleChangedOnDisk', {
      id,
      change: 'changed',
      rev: saved.rev,
      headline: 'Changed by the CLI',
    });
    await expect.poll(() => ui(page).headline.inputValue()).toBe('Changed by the CLI');
    expect(await page.getByRole('alert', { name: 'Conflicting versions' }).count()).toBe(0);

    // Now with unsaved text in the window (the event arrives before the autosave).
    await ui(page).headline.fill('Typed here');
    stored = await app.workspace.library.get(id);
    const again = await app.workspace.library.save(id, { ...stored, headline: 'Changed again' }, stored.rev);
    await app.emit('articleChangedOnDisk', {
      id,
      change: 'changed',
      rev: again.rev,
      headline: 'Changed again',
    });
    const banner = page.getByRole('alert', { name: 'Conflicting versions' });
    await banner.waitFor();
    expect(await banner.textContent()).toContain('Changed again');
    expect(await ui(page).headline.inputValue()).toBe('Typed here');
  });
});
