import { mkdir, mkdtemp, readFile, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, afterEach, beforeEach, describe, expect, test } from 'vitest';
import { closeWorkspace, openWorkspace } from '../../src/services/workspace';
import { axeViolations } from './axe';
import { SAMPLES_DIR, startApp, stopBrowser, type App } from './harness';
import { openButton, ui } from './ui';

let app: App | undefined;
let libraryDir: string;

beforeEach(async () => {
  libraryDir = join(await mkdtemp(join(tmpdir(), 'copydesk-e2e-checks-')), 'lib');
  // A library made the way the app makes one, so files can be put in it before the app opens it.
  await closeWorkspace(await openWorkspace(libraryDir, { seedSample: false }));
});
afterEach(async () => {
  const a = app;
  app = undefined;
  await a?.close();
  await rm(join(libraryDir, '..'), { recursive: true, force: true });
});
afterAll(stopBrowser);

const HOUSE_PACK = {
  id: 'house',
  name: 'Riverside house style',
  description: 'Words this paper uses.',
  rules: [
    {
      id: 'barrier-word',
      type: 'words',
      category: 'usage',
      words: { 'flood defence': 'flood barrier' },
      explanation: 'We call it the flood barrier.',
    },
  ],
};

async function openArticleWith(a: App, text: string, headline = 'Council meets'): Promise<void> {
  await a.workspace.library.create({
    headline,
    byline: 'Riverside Gazette',
    body: { type: 'doc', content: [{ type: 'paragraph', content: [{ type: 'text', text }] }] },
  });
  await a.emit('libraryChanged', { reason: 'test' });
  await openButton(a.page, headline).click();
  await expect.poll(() => ui(a.page).headline.inputValue()).toBe(headline);
}

async function reopen(a: App, headline = 'Council meets'): Promise<void> {
  await openButton(a.page, headline).click();
  await expect.poll(() => ui(a.page).headline.inputValue()).toBe(headline);
}

const squiggles = (a: App, text: string) => a.page.locator('.article-body .check-squiggle', { hasText: text });

describe('the newsroom dictionary and the library’s rule packs reach the checks in the window', () => {
  test('a word added to the newsroom dictionary is not flagged in the next session', async () => {
    app = await startApp({ libraryDir });
    await openArticleWith(app, 'The desk filed a blorptastic report. The mayer resigned.');
    await squiggles(app, 'blorptastic').first().waitFor({ timeout: 20_000 });
    await squiggles(app, 'blorptastic').first().click({ button: 'right' });
    await app.page.getByRole('menuitem', { name: 'Add “blorptastic” to the newsroom dictionary' }).click();
    await expect.poll(() => squiggles(app!, 'blorptastic').count(), { timeout: 10_000 }).toBe(0);
    await app.close();
    expect(await readFile(join(libraryDir, 'dictionary.txt'), 'utf8')).toBe('blorptastic\n');

    // A new session: a fresh window and checks worker, which learn the word from the library.
    app = await startApp({ libraryDir });
    await reopen(app);
    // The check ran (the other typo is underlined), and the dictionary word is not.
    await squiggles(app, 'mayer').first().waitFor({ timeout: 20_000 });
    expect(await squiggles(app, 'blorptastic').count()).toBe(0);
  });

  test('a rule from a pack file in the library’s style folder fires in the editor', async () => {
    await mkdir(join(libraryDir, 'style'));
    await writeFile(join(libraryDir, 'style', 'house.json'), JSON.stringify(HOUSE_PACK));
    app = await startApp({ libraryDir });
    await openArticleWith(app, 'Councillors approved the flood defence on Tuesday.');
    const mark = squiggles(app, 'flood defence').first();
    await mark.waitFor({ timeout: 20_000 });
    expect(await mark.getAttribute('class')).toContain('check-style');
    expect(await mark.getAttribute('title')).toContain('We call it the flood barrier.');
  });

  test('a pack file changed on disk while the app is open is taken in when main says so', async () => {
    app = await startApp({ libraryDir });
    await openArticleWith(app, 'Councillors approved the flood defence. The mayer resigned.');
    await squiggles(app, 'mayer').first().waitFor({ timeout: 20_000 });
    expect(await squiggles(app, 'flood defence').count()).toBe(0);
    await mkdir(join(libraryDir, 'style'));
    await writeFile(join(libraryDir, 'style', 'house.json'), JSON.stringify(HOUSE_PACK));
    await writeFile(join(libraryDir, 'dictionary.txt'), 'mayer\n');
    // What main's watcher (src/checks/node/watchCheckConfig.ts) sends when the files change.
    await app.emit('checkConfigChanged', { reason: 'files' });
    await squiggles(app, 'flood defence').first().waitFor({ timeout: 20_000 });
    await expect.poll(() => squiggles(app!, 'mayer').count(), { timeout: 10_000 }).toBe(0);
  });
});

describe('Settings ▸ House style', () => {
  test('switches a rule and a pack off and on, keeps the switches in the library, and the editor obeys', async () => {
    await mkdir(join(libraryDir, 'style'));
    await writeFile(join(libraryDir, 'style', 'house.json'), JSON.stringify(HOUSE_PACK));
    app = await startApp({ libraryDir, bypassCSP: true });
    const { page } = app;
    await openArticleWith(app, 'The flood defence will cost 60 percent of reserves.');
    await squiggles(app, 'flood defence').first().waitFor({ timeout: 20_000 });
    await squiggles(app, 'percent').first().waitFor({ timeout: 20_000 });

    await app.emit('menuCommand', { command: 'showSettings' });
    const dialog = page.getByRole('dialog', { name: 'Settings' });
    const style = dialog.getByRole('group', { name: /^House style/ });
    await style.getByRole('checkbox', { name: 'Riverside house style' }).waitFor();
    expect(await style.getByText('The newsroom dictionary holds 0 words.').count()).toBe(1);

    // One rule of the shipped pack off.
    await style.getByText('Rules in Copydesk house style').click();
    const percent = style.getByRole('checkbox', { name: 'percent-word', exact: true });
    expect(await percent.isChecked()).toBe(true);
    await percent.uncheck();
    await style.getByRole('status').filter({ hasText: 'switched off for this library' }).waitFor();
    expect(await axeViolations(page)).toEqual([]);

    // The library's own pack off.
    await style.getByRole('checkbox', { name: 'Riverside house style' }).uncheck();
    await style.getByRole('status').filter({ hasText: 'Riverside house style switched off' }).waitFor();
    const stored = JSON.parse(await readFile(join(libraryDir, 'library.json'), 'utf8')) as {
      settings: { styleToggles: { disabledPacks: string[]; disabledRules: string[] } };
    };
    expect(stored.settings.styleToggles.disabledPacks).toEqual(['house']);
    expect(stored.settings.styleToggles.disabledRules).toEqual(['default/percent-word']);

    await dialog.getByRole('button', { name: 'Close' }).click();
    await expect.poll(() => squiggles(app!, 'flood defence').count(), { timeout: 10_000 }).toBe(0);
    await expect.poll(() => squiggles(app!, 'percent').count(), { timeout: 10_000 }).toBe(0);

    // A new session reads the switches from the library.
    await app.close();
    app = await startApp({ libraryDir });
    await reopen(app);
    await app.emit('menuCommand', { command: 'showSettings' });
    const again = app.page.getByRole('dialog', { name: 'Settings' }).getByRole('group', { name: /^House style/ });
    const pack = again.getByRole('checkbox', { name: 'Riverside house style' });
    await pack.waitFor();
    expect(await pack.isChecked()).toBe(false);
    await pack.check();
    await again.getByRole('status').filter({ hasText: 'switched on' }).waitFor();
    await app.page.getByRole('dialog', { name: 'Settings' }).getByRole('button', { name: 'Close' }).click();
    await squiggles(app, 'flood defence').first().waitFor({ timeout: 20_000 });
    expect(await squiggles(app, 'percent').count()).toBe(0);
  });
});

describe('dropped import text', () => {
  test('the import report shows the typo in the page’s repeated headline, under the note that dropped it', async () => {
    app = await startApp({ libraryDir, bypassCSP: true });
    const { page } = app;
    app.dialogs.importFiles = [join(SAMPLES_DIR, 'riverside-flood-barrier.txt')];
    await ui(page).importButton.click();
    const report = page.getByRole('region', { name: 'Import report' });
    await report.waitFor();
    const found = report.getByRole('list', { name: 'Found in the dropped text' });
    await found.waitFor({ timeout: 20_000 });
    expect(await found.textContent()).toContain('Spelling: “aproves” — did the writer mean “approves”?');
    // It sits under the repeated-headline note, and nowhere else.
    const note = report.getByRole('listitem').filter({ hasText: 'The page repeated its headline' });
    expect(await note.getByRole('list', { name: 'Found in the dropped text' }).count()).toBe(1);
    expect(await report.getByRole('list', { name: 'Found in the dropped text' }).count()).toBe(1);
    expect(await axeViolations(page)).toEqual([]);
  });
});
