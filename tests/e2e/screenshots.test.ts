import { mkdir, mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, afterEach, test } from 'vitest';
import { ROOT, SAMPLES_DIR, startApp, stopBrowser, type App } from './harness';
import { openButton, ui } from './ui';

let app: App | undefined;

const cleanup: string[] = [];

afterEach(async () => {
  const a = app;
  app = undefined;
  await a?.close();
  for (const dir of cleanup.splice(0)) await rm(dir, { recursive: true, force: true });
});
afterAll(stopBrowser);

const OUT = join(ROOT, 'docs/screenshots');

// Not a test of behaviour: it writes the README's screenshots (`SCREENSHOTS=1`), and otherwise
// reports itself skipped so a normal run does not rewrite tracked files.
for (const colorScheme of ['light', 'dark'] as const) {
  const file = colorScheme === 'light' ? 'editor.png' : 'editor-dark.png';
  test(`screenshot of the editor with the welcome article: docs/screenshots/${file}`, async (ctx) => {
    ctx.skip(process.env.SCREENSHOTS !== '1', 'set SCREENSHOTS=1 to write docs/screenshots');
    // A library where a reporter's would be, so the path at the bottom reads naturally.
    const home = await mkdtemp(join(tmpdir(), 'copydesk-shot-'));
    cleanup.push(home);
    app = await startApp({
      libraryDir: join(home, 'Documents', 'Copydesk Library'),
      viewport: { width: 1400, height: 900 },
      colorScheme,
    });
    const { page } = app;
    // A library with a few stories looks like the real thing.
    app.dialogs.importFiles = [
      join(SAMPLES_DIR, 'riverside-flood-barrier.txt'),
      join(SAMPLES_DIR, 'rail-strike-draft.md'),
    ];
    await ui(page).importButton.click();
    await page
      .getByRole('region', { name: 'Import report' })
      .getByRole('button', { name: 'Dismiss import report' })
      .click();
    await openButton(page, /Welcome to Copydesk/).click();
    await ui(page).headline.waitFor();
    await page.getByText('Saved', { exact: true }).waitFor();
    await page.mouse.move(0, 0);
    await mkdir(OUT, { recursive: true });
    await page.screenshot({ path: join(OUT, file) });
  });
}
