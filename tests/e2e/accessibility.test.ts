import { join } from 'node:path';
import type { Page } from 'playwright';
import { afterAll, afterEach, describe, expect, test } from 'vitest';
import { ROOT, SAMPLES_DIR, startApp, stopBrowser, type App } from './harness';
import { MOD, ui } from './ui';

let app: App | undefined;

afterEach(async () => {
  const a = app;
  app = undefined;
  await a?.close();
});
afterAll(stopBrowser);

interface AxeViolation {
  id: string;
  impact: string | null;
  help: string;
  nodes: { target: string[] }[];
}

/** Runs axe-core on the whole page and returns its violations in a readable form. */
async function axeViolations(page: Page): Promise<string[]> {
  // Only a context created with bypassCSP can add this script: the app's CSP forbids it.
  const loaded = await page.evaluate(() => 'axe' in globalThis);
  if (!loaded) await page.addScriptTag({ path: join(ROOT, 'node_modules/axe-core/axe.min.js') });
  const violations = await page.evaluate(async () => {
    const axe = (
      globalThis as unknown as { axe: { run(ctx: unknown, opts: unknown): Promise<{ violations: unknown }> } }
    ).axe;
    const doc = (globalThis as unknown as { document: unknown }).document;
    return (await axe.run(doc, { resultTypes: ['violations'] })).violations as AxeViolation[];
  });
  return violations.map(
    (v) => `${v.id} (${v.impact}): ${v.help} — ${v.nodes.map((n) => n.target.join(' ')).join(', ')}`,
  );
}

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
