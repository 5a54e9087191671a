import { readFile } from 'node:fs/promises';
import { join } from 'node:path';
import { afterAll, afterEach, expect, test } from 'vitest';
import { RENDERER_DIR, SAMPLES_DIR, startApp, stopBrowser, type App } from './harness';
import { MOD, startNewArticle, ui, waitForSaved } from './ui';

let app: App | undefined;

afterEach(async () => {
  const a = app;
  app = undefined;
  await a?.close();
});
afterAll(stopBrowser);

// Every e2e test runs under the page's CSP and fails on any violation (see the harness); this
// one checks that the policy is really there and really enforced.
test('the app works under its strict Content Security Policy, which blocks inline scripts', async () => {
  const html = await readFile(join(RENDERER_DIR, 'index.html'), 'utf8');
  expect(html).not.toMatch(/<script(?![^>]*\bsrc=)[^>]*>/i);
  expect(html).not.toMatch(/<style/i);

  app = await startApp();
  const { page } = app;
  const csp = await page.locator('meta[http-equiv="Content-Security-Policy"]').getAttribute('content');
  for (const directive of [
    "default-src 'none'",
    "script-src 'self'",
    "style-src 'self'",
    "object-src 'none'",
  ]) {
    expect(csp).toContain(directive);
  }

  // A tour of the app: each of these would report a violation if it needed inline code or styles.
  await startNewArticle(page);
  await page.keyboard.type('Under policy');
  await ui(page).body.click();
  await page.keyboard.type('Body text');
  await page.keyboard.press(`${MOD}+K`);
  await page.getByRole('dialog', { name: 'Add link' }).getByRole('button', { name: 'Cancel' }).click();
  app.dialogs.importFiles = [join(SAMPLES_DIR, 'rail-strike-draft.md')];
  await ui(page).importButton.click();
  await page.getByRole('region', { name: 'Import report' }).waitFor();
  await waitForSaved(page);
  const violations = () =>
    page.evaluate(() => [...(globalThis as unknown as { __cspViolations: string[] }).__cspViolations]);
  expect(await violations()).toEqual([]);
  expect(app.errors).toEqual([]);

  // And the policy is enforced: an inline script added to the page does not run.
  await page.evaluate(() => {
    const g = globalThis as unknown as {
      document: { createElement(t: string): { textContent: string }; head: { append(n: unknown): void } };
    };
    const s = g.document.createElement('script');
    s.textContent = 'globalThis.__inlineRan = true';
    g.document.head.append(s);
  });
  await expect.poll(violations).toEqual(['script-src-elem blocked inline']);
  expect(await page.evaluate(() => '__inlineRan' in globalThis)).toBe(false);
  // That violation was the point of the check; clear it so closing checks only the rest.
  await page.evaluate(() => {
    (globalThis as unknown as { __cspViolations: string[] }).__cspViolations.length = 0;
  });
  app.errors.splice(0, app.errors.length, ...app.errors.filter((e) => !/inline script/i.test(e)));
});
