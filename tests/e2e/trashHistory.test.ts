import { existsSync } from 'node:fs';
import { mkdtemp, readdir, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, afterEach, describe, expect, test } from 'vitest';
import { closeWorkspace, openWorkspace } from '../../src/services/handlers';
import { readArticleFile, startApp, stopBrowser, type App } from './harness';
import { MOD, listItem, openButton, ui, waitForSaved } from './ui';

let app: App | undefined;

afterEach(async () => {
  const a = app;
  app = undefined;
  await a?.close();
});
afterAll(stopBrowser);

const WELCOME = /Welcome to Copydesk/;

async function trashFiles(libraryDir: string): Promise<string[]> {
  const dir = join(libraryDir, 'trash');
  return existsSync(dir) ? (await readdir(dir)).filter((f) => f.endsWith('.json')) : [];
}

describe('the trash', () => {
  test('a trashed article is listed in the trash and restored from it', async () => {
    app = await startApp();
    const { page } = app;
    const id = app.workspace.library.list()[0]!.id;
    await listItem(page, WELCOME)
      .getByRole('button', { name: /Move .* to trash/ })
      .click();
    await expect.poll(() => ui(page).listItems.count()).toBe(0);
    expect(existsSync(join(app.libraryDir, 'articles', `${id}.json`))).toBe(false);

    await page.getByRole('button', { name: 'Trash (1)' }).click();
    const dialog = page.getByRole('dialog', { name: 'Trash' });
    await dialog.getByRole('list', { name: 'Articles in the trash' }).waitFor();
    await dialog.getByRole('button', { name: /Restore “Welcome to Copydesk/ }).click();
    await dialog.getByText('The trash is empty.').waitFor();
    await dialog.getByRole('button', { name: 'Close' }).last().click();

    await expect.poll(() => ui(page).listItems.count()).toBe(1);
    await expect.poll(() => ui(page).headline.inputValue()).toMatch(WELCOME);
    expect(existsSync(join(app.libraryDir, 'articles', `${id}.json`))).toBe(true);
  });

  test('emptying the trash asks first, and Cancel keeps everything', async () => {
    app = await startApp();
    const { page } = app;
    await listItem(page, WELCOME)
      .getByRole('button', { name: /Move .* to trash/ })
      .click();
    await expect.poll(() => ui(page).listItems.count()).toBe(0);
    expect(await trashFiles(app.libraryDir)).toHaveLength(1);

    await page.getByRole('button', { name: 'Trash (1)' }).click();
    const dialog = page.getByRole('dialog', { name: 'Trash' });
    await dialog.getByRole('button', { name: 'Empty trash…' }).click();
    const confirm = page.getByRole('alertdialog', { name: 'Empty the trash?' });
    await confirm.getByRole('button', { name: 'Cancel' }).click();
    expect(await trashFiles(app.libraryDir)).toHaveLength(1);

    await dialog.getByRole('button', { name: 'Empty trash…' }).click();
    await confirm.getByRole('button', { name: 'Erase 1 article' }).click();
    await dialog.getByText('The trash is empty.').waitFor();
    expect(await trashFiles(app.libraryDir)).toHaveLength(0);
    await dialog.getByRole('button', { name: 'Close' }).last().click();
    await page.getByRole('button', { name: 'Trash', exact: true }).waitFor();
  });
});

describe('duplicate and history', () => {
  test('Duplicate makes a new article headed “Copy of …” and opens it', async () => {
    app = await startApp();
    const { page } = app;
    const original = app.workspace.library.list()[0]!;
    await page.getByRole('toolbar', { name: 'Article' }).getByRole('button', { name: 'Duplicate' }).click();
    await expect.poll(() => ui(page).listItems.count()).toBe(2);
    await expect.poll(() => ui(page).headline.inputValue()).toMatch(/^Copy of Welcome to Copydesk/);
    const copy = app.workspace.library.list().find((a) => a.id !== original.id)!;
    const file = await readArticleFile(app.libraryDir, copy.id);
    expect(file.headline).toMatch(/^Copy of /);
    expect(file.body).toEqual((await readArticleFile(app.libraryDir, original.id)).body);
    await openButton(page, /^Welcome to Copydesk/).waitFor();
  });

  test('the history lists revisions, shows what changed inline, and restores one', async () => {
    app = await startApp();
    const { page } = app;
    const id = app.workspace.library.list()[0]!.id;
    await ui(page).headline.fill('A first headline');
    await page.keyboard.press(`${MOD}+S`);
    await waitForSaved(page);
    await ui(page).headline.fill('A second headline');
    await page.keyboard.press(`${MOD}+S`);
    await waitForSaved(page);

    await page.getByRole('toolbar', { name: 'Article' }).getByRole('button', { name: 'History', exact: true }).click();
    const panel = page.getByRole('complementary', { name: 'History' });
    const revisions = panel.getByRole('list', { name: 'Revisions, newest first' }).getByRole('listitem');
    await expect.poll(() => revisions.count()).toBeGreaterThanOrEqual(2);
    const rows = await revisions.allTextContents();
    expect(rows.join('\n')).toMatch(/words/);

    // The revision with "A first headline" compared with the current text: "first" deleted, "second" inserted.
    const firstRev = revisions.filter({ hasText: 'A first headline' }).first();
    const target = (await firstRev.count()) > 0 ? firstRev : revisions.nth(1);
    await target.getByRole('button', { name: 'Show changes' }).click();
    const changes = panel.getByRole('region', { name: 'Changes' });
    await changes.locator('ins').first().waitFor();
    expect(await changes.locator('ins').allTextContents()).toContain('second');
    expect(await changes.locator('del').allTextContents()).toContain('first');

    await target.getByRole('button', { name: /Restore the revision/ }).click();
    await expect.poll(() => ui(page).headline.inputValue()).toBe('A first headline');
    expect((await readArticleFile(app.libraryDir, id)).headline).toBe('A first headline');
  });
});

describe('recovering from damaged files and sync conflicts', () => {
  test('a damaged article is offered for restore from its last good revision, and the sync tool’s copy is shown as a conflict', async () => {
    const dir = await mkdtemp(join(tmpdir(), 'copydesk-recover-'));
    try {
      const ws = await openWorkspace(dir, { seedSample: false });
      const created = await ws.library.create({ headline: 'Kept safe' }, { revisionReason: 'created' });
      await closeWorkspace(ws);
      await writeFile(join(dir, 'articles', `${created.id}.json`), '{"truncated": ');
      await writeFile(join(dir, 'articles', `${created.id} (conflicted copy 2025-03-01).json`), '{}');

      app = await startApp({ libraryDir: dir });
      const { page } = app;
      const restore = page.getByRole('region', { name: 'Damaged articles that can be restored' });
      await restore.getByRole('button', { name: /Restore “Kept safe”/ }).click();
      await expect.poll(() => ui(page).headline.inputValue()).toBe('Kept safe');
      expect((await readArticleFile(dir, created.id)).headline).toBe('Kept safe');

      const conflicts = page.getByRole('region', { name: 'Sync conflicts' });
      expect(await conflicts.textContent()).toContain('conflicted copy');
    } finally {
      const a = app;
      app = undefined;
      await a?.close();
      await rm(dir, { recursive: true, force: true });
    }
  });
});
