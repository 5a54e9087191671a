import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { LibraryStore } from '../src/library/store';
import type { CheckableArticle } from '../src/checks/types';
import { startApp, waitForReady } from '../tests/e2e/harness';
import { median, percentile, type BenchRow } from './harness';
import { LATENCY_INSTRUMENT, PLACE_CARET } from './latency';

/*
 * Typing latency with the copy desk's checks on against the same editor with them off
 * (`?checks=off`, see checksSwitchedOff in src/renderer/src/checks/checkSession.ts), in the real
 * renderer over the real handlers (the e2e harness), one fresh page per load, alternating
 * on, off, on, off… in one browser so a busy moment of the machine lands on both alike.
 *
 * The typing is bursts of a few words with a pause longer than the checker's 400 ms quiet time
 * after each, as people type: so every burst's recheck runs in the worker, and its result (the
 * underlines rebuilt on the main thread) lands while the next burst is typed. The first full
 * check has finished before typing starts.
 */

const EDITOR = '.editor-pane .ProseMirror';
const TYPE_DELAY_MS = 30;
/** Longer than CHECK_DELAY_MS (400 ms) in checkSession.ts, so each burst is rechecked. */
const PAUSE_MS = 600;
/** Typed text: 200 characters in bursts, with one misspelling ("barier") the recheck must find. */
const BURSTS = [
  ' The council said',
  ' the new barier would',
  ' protect more than',
  ' four hundred homes',
  ' along the river',
  ' and the high street',
  ' from the next flood,',
  ' while residents asked',
  ' when work would start',
  ' and how long it takes.',
];
const TYPED = BURSTS.join('');

interface Load {
  lat: number[];
  work: number[];
  squiggles: number;
}

async function makeLibrary(article: CheckableArticle): Promise<{ dir: string; headline: string }> {
  const dir = await mkdtemp(join(tmpdir(), 'copydesk-bench-checks-typing-'));
  const store = await LibraryStore.open(dir, { owner: 'app', create: true });
  try {
    const { headline, contentHighlight, byline, dateline, body } = article;
    await store.create({ headline, contentHighlight, byline, dateline, body });
    await store.create({
      headline: 'A short story',
      body: { type: 'doc', content: [{ type: 'paragraph' }] },
    });
  } finally {
    await store.close();
  }
  return { dir, headline: article.headline };
}

async function load(libraryDir: string, headline: string, blocks: number, checks: boolean): Promise<Load> {
  const app = await startApp({ libraryDir });
  try {
    const { page } = app;
    await page.addInitScript(LATENCY_INSTRUMENT);
    await page.goto(`${page.url().replace(/[?#].*$/, '')}${checks ? '' : '?checks=off'}`);
    await waitForReady(page);
    await page
      .getByRole('navigation', { name: 'Library' })
      .getByRole('listitem')
      .filter({ has: page.locator('.item-headline', { hasText: headline }) })
      .locator('.library-open')
      .click();
    await page.waitForFunction(
      ([sel, n]) => (document.querySelector(sel as string)?.childElementCount ?? 0) >= (n as number),
      [EDITOR, blocks],
    );
    // The first full check (checks on) has drawn its underlines; off, the same wait for fairness.
    if (checks) await page.locator(`${EDITOR} .check-squiggle`).first().waitFor({ timeout: 60_000 });
    await page.waitForTimeout(1500);
    await page.evaluate(`${PLACE_CARET}(${JSON.stringify(EDITOR)})`);
    await page.evaluate('window.__latency.rec.on = true');
    // BENCH_CHECKS_PROFILE=FILE writes a CPU profile of the typing, FILE.on and FILE.off.
    const profileTo = process.env.BENCH_CHECKS_PROFILE;
    const cdp = profileTo ? await page.context().newCDPSession(page) : null;
    await cdp?.send('Profiler.enable');
    // 100 µs between samples: a keystroke's handlers take a few milliseconds.
    await cdp?.send('Profiler.setSamplingInterval', { interval: 100 });
    await cdp?.send('Profiler.start');
    // BENCH_CHECKS_TRACE=FILE writes a Chrome trace of the typing (FILE.on.json, FILE.off.json:
    // script, style, layout and paint per keystroke).
    const traceTo = process.env.BENCH_CHECKS_TRACE;
    const browser = page.context().browser();
    if (traceTo) await browser?.startTracing(page, { path: `${traceTo}.${checks ? 'on' : 'off'}.json` });
    for (const burst of BURSTS) {
      await page.keyboard.type(burst, { delay: TYPE_DELAY_MS });
      await page.waitForTimeout(PAUSE_MS);
    }
    if (traceTo) await browser?.stopTracing();
    if (cdp) {
      const { profile } = await cdp.send('Profiler.stop');
      await writeFile(`${profileTo}.${checks ? 'on' : 'off'}`, JSON.stringify(profile));
    }
    const rec = (await page.evaluate('window.__latency.take()')) as { lat: number[]; work: number[] };
    const text = String(await page.evaluate(`document.querySelector(${JSON.stringify(EDITOR)}).textContent`));
    if (!text.includes(TYPED.trim())) throw new Error('The typed text did not reach the editor.');
    // With checks on, the rechecks ran during the typing: the typed misspelling is underlined.
    const squiggles = await page.locator(`${EDITOR} .check-squiggle`, { hasText: 'barier' }).count();
    if (checks && squiggles === 0) throw new Error('The recheck after typing did not underline “barier”.');
    if (!checks && (await page.locator(`${EDITOR} .check-squiggle`).count()) > 0) {
      throw new Error('?checks=off still drew underlines.');
    }
    return { ...rec, squiggles };
  } finally {
    await app.close({ allowErrors: true });
  }
}

const r2 = (n: number): number => Math.round(n * 100) / 100;

/**
 * Per-keystroke latency (keydown → next frame) typing 200 characters mid-document in a
 * `words`-word article with the checks on and off, alternating for `rounds` rounds.
 */
export async function measureChecksTyping(
  article: CheckableArticle,
  words: number,
  rounds: number,
): Promise<BenchRow[]> {
  const { dir, headline } = await makeLibrary(article);
  const blocks = article.body.content?.length ?? 0;
  const on: Load[] = [];
  const off: Load[] = [];
  try {
    for (let round = 0; round < rounds; round++) {
      // Alternate which goes first, so neither always gets the warmer browser.
      const order = round % 2 === 0 ? [true, false] : [false, true];
      for (const checks of order) {
        process.stderr.write(`  round ${round + 1}/${rounds}, checks ${checks ? 'on' : 'off'}…\n`);
        const l = await load(dir, headline, blocks, checks);
        (checks ? on : off).push(l);
        process.stderr.write(`    keydown → next frame p50 ${r2(median(l.lat))} ms\n`);
      }
    }
  } finally {
    await rm(dir, { recursive: true, force: true });
  }
  const all = (loads: Load[], k: 'lat') => loads.flatMap((l) => l[k]);
  const onLat = all(on, 'lat');
  const offLat = all(off, 'lat');
  const p50 = { on: median(onLat), off: median(offLat) };
  const p95 = { on: percentile(onLat, 95), off: percentile(offLat, 95) };
  const label = `typing 200 characters mid-document, ${words} words, ${rounds} rounds alternating`;
  return [
    {
      name: `${label}: keydown → next frame p50, checks on`,
      value: r2(p50.on),
      unit: 'ms',
      baseline: { name: 'checks off', value: r2(p50.off) },
      goal: 'ratio ≤ 1.2',
      met: p50.on <= 1.2 * p50.off,
    },
    {
      name: `${label}: keydown → next frame p95, checks on`,
      value: r2(p95.on),
      unit: 'ms',
      baseline: { name: 'checks off', value: r2(p95.off) },
      goal: 'ratio ≤ 1.2',
      met: p95.on <= 1.2 * p95.off,
    },
    { name: 'keystrokes measured, checks on / off', value: onLat.length, unit: `/ ${offLat.length}` },
  ];
}
