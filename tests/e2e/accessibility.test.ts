import { join } from 'node:path';
import { afterAll, afterEach, describe, expect, test } from 'vitest';
import { SAMPLES_DIR, startApp, stopBrowser, type App } from './harness';
import { axeViolations } from './axe';
import { MOD, ui } from './ui';

let app: App | undefined;

afterEach(async () => {
  const a = app;
  app = undefined;
  await a?.close();
});
afterAll(stopBrowser);

describe('accessibility', () => {
  for (const colorScheme of ['light', 'dark'] as const) {
    test(`the library and editor have no axe-core violations (${colorScheme} theme)`, async () => {
      app = await startApp({ bypassCSP: true, colorScheme });
      expect(await ui(app.page).headline.inputValue()).not.toBe('');
      expect(await axeViolations(app.page)).toEqual([]);
    });
  }

  test('the import report, an over-budget headline and the link dialog have no axe-core violations', async () => {
    app = await startApp({ bypassCSP: true });
    const { page } = app;
    app.dialogs.importFiles = [join(SAMPLES_DIR, 'riverside-flood-barrier.txt')];
    await ui(page).importButton.click();
    await page.getByRole('region', { name: 'Import report' }).waitFor();
    await ui(page).headline.fill(
      'A headline that runs well past the seventy characters the desk allows for it',
    );
    expect(await axeViolations(page)).toEqual([]);

    await ui(page).body.click();
    await page.keyboard.press(`${MOD}+K`);
    await page.getByRole('dialog', { name: 'Add link' }).waitFor();
    expect(await axeViolations(page)).toEqual([]);
  });
});
