import { join } from 'node:path';
import type { Page } from 'playwright';
import { ROOT } from './harness';

interface AxeViolation {
  id: string;
  impact: string | null;
  help: string;
  nodes: { target: string[] }[];
}

/**
 * Runs axe-core on the page (or on everything but `exclude`) and returns its violations as
 * readable lines. Only a context created with `bypassCSP` can add the script: the app's CSP
 * forbids it.
 */
export async function axeViolations(page: Page, options: { exclude?: string[] } = {}): Promise<string[]> {
  const loaded = await page.evaluate(() => 'axe' in globalThis);
  if (!loaded) await page.addScriptTag({ path: join(ROOT, 'node_modules/axe-core/axe.min.js') });
  // What the page shows: a block just added to the body is laid out (content-visibility: auto)
  // in the next frame's rendering, and until then its text has no boxes for axe to find.
  await page.evaluate(() => new Promise((done) => requestAnimationFrame(() => requestAnimationFrame(done))));
  const violations = await page.evaluate(async (exclude) => {
    const axe = (
      globalThis as unknown as { axe: { run(ctx: unknown, opts: unknown): Promise<{ violations: unknown }> } }
    ).axe;
    const doc = (globalThis as unknown as { document: unknown }).document;
    const context = exclude.length > 0 ? { exclude: exclude.map((selector) => [selector]) } : doc;
    return (await axe.run(context, { resultTypes: ['violations'] })).violations as AxeViolation[];
  }, options.exclude ?? []);
  return violations.map(
    (v) => `${v.id} (${v.impact}): ${v.help} — ${v.nodes.map((n) => n.target.join(' ')).join(', ')}`,
  );
}
