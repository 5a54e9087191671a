import { existsSync } from 'node:fs';
import { mkdir, mkdtemp, readFile, rm, stat, writeFile } from 'node:fs/promises';
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { tmpdir } from 'node:os';
import { extname, join, normalize } from 'node:path';
import type { Browser, Page } from 'playwright';
import { LibraryStore } from '../src/library/store';
import { renderBodyHtml } from '../src/exporters/renderBody';
import { assetDir } from '../src/services/libraryAssets';
import type { BodyDoc } from '../src/shared/article';
import { ROOT, startApp, stopBrowser, type App } from '../tests/e2e/harness';
import { BENCH_PICTURE, generateArticleBody, typingText } from './editorDoc';
import { median, percentile, type BenchRow, type BenchSuite } from './harness';

/*
 * The editor's speed in Chromium: the real app (the built renderer with every extension, over
 * the real handlers, through the e2e harness) against a bare ProseMirror EditorView with the same
 * schema and document, and a plain contenteditable holding the same HTML, in the same browser,
 * one fresh page per load, alternating A B C A B C … so that a busy moment of the machine lands
 * on every mode alike.
 *
 * Per keystroke: keydown's timeStamp → a task after the next animation frame (so it includes the
 * editor's work, React's, style, layout and the frame itself; compare ratios, not against 16 ms).
 * (A separate "work" figure, keydown → end of the task, is not reported: Chromium runs the frame
 * before a task posted from the key handler, so it measured the same thing.)
 */

const SIZES = [2_000, 20_000, 60_000];
const PASTE_WORDS = 5_000;
const PASTE_INTO = 2_000;
const TYPE_DELAY_MS = 40;
const BENCH_PAGE_DIR = join(ROOT, 'out/bench-editor-page');
/** A 1×1 PNG for the figures. */
const PNG = Buffer.from(
  'iVBORw0KGgoAAAANSUhEUgAAAAEAAAABCAYAAAAfFcSJAAAADUlEQVR42mNk+M9QDwADhgGAWjR9awAAAABJRU5ErkJggg==',
  'base64',
);

type Mode = 'app' | 'prosemirror' | 'contenteditable';
const MODES: Mode[] = ['app', 'prosemirror', 'contenteditable'];

// In-page code is sent as source text: the bundler may rename or wrap functions, which would
// break Playwright's function serialisation.
const INSTRUMENT = `(() => {
  if (window.__bench) return;
  const ch = new MessageChannel();
  let queue = [];
  ch.port1.onmessage = () => { const q = queue; queue = []; for (const f of q) f(); };
  const afterTask = (f) => { queue.push(f); ch.port2.postMessage(0); };
  const nextFrame = () => new Promise((r) => requestAnimationFrame(() => afterTask(() => r(performance.now()))));
  const rec = { on: false, lat: [], work: [] };
  document.addEventListener('keydown', (e) => {
    if (!rec.on) return;
    const t0 = e.timeStamp;
    afterTask(() => rec.work.push(performance.now() - t0));
    requestAnimationFrame(() => afterTask(() => rec.lat.push(performance.now() - t0)));
  }, true);
  // The test bridge's calls as the page sees them (main's handler and Playwright's transfer), so
  // that opening can be split into the bridge's part and the app's own.
  const calls = [];
  const invoke = window.__copydeskInvoke;
  if (typeof invoke === 'function') {
    window.__copydeskInvoke = async (method, input) => {
      const t0 = performance.now();
      const out = await invoke(method, input);
      calls.push({ method, t0, t1: performance.now() });
      return out;
    };
  }
  window.__bench = { rec, nextFrame, afterTask, calls };
})()`;

// Counts React commits and which components rendered in each, through the hook React DOM
// calls for DevTools. A component "rendered" when its fiber is new or did work in this commit;
// subtrees React reused untouched are skipped, as DevTools does.
const REACT_HOOK = `(() => {
  const commits = [];
  let counting = false;
  const COMPOSITE = new Set([0, 1, 11, 14, 15]);
  const nameOf = (f) => { const t = f.type; return (t && (t.displayName || t.name || (t.type && (t.type.displayName || t.type.name)) || (t.render && t.render.name))) || 'anonymous'; };
  const hostOf = (f) => { let c = f; while (c && c.tag !== 5) c = c.child; return c ? c.stateNode : null; };
  const walk = (f, out) => {
    for (let c = f.child; c; c = c.sibling) {
      const prev = c.alternate;
      if (COMPOSITE.has(c.tag) && (!prev || (c.flags & 1))) {
        const el = hostOf(c);
        const cls = el && typeof el.className === 'string' && el.className ? '.' + el.className.split(' ')[0] : '';
        out.push({ name: nameOf(c), where: el ? el.tagName.toLowerCase() + cls : '', statusLine: !!(el && el.closest && el.closest('.statusbar')) });
      }
      if (!prev || c.child !== prev.child) walk(c, out);
    }
  };
  window.__REACT_DEVTOOLS_GLOBAL_HOOK__ = {
    supportsFiber: true, isDisabled: false, renderers: new Map(),
    inject(r) { const id = this.renderers.size + 1; this.renderers.set(id, r); return id; },
    onCommitFiberRoot(id, root) { if (!counting) return; const out = []; walk(root.current, out); commits.push(out); },
    onCommitFiberUnmount() {}, onPostCommitFiberRoot() {}, onScheduleFiberRoot() {}, checkDCE() {},
  };
  window.__reactCommits = { start() { commits.length = 0; counting = true; }, stop() { counting = false; return commits.slice(); } };
})()`;

const ROOT_SELECTOR: Record<Mode, string> = {
  app: '.editor-pane .ProseMirror',
  prosemirror: '#editor .ProseMirror',
  contenteditable: '#editor > [contenteditable]',
};

/** Puts the caret in the middle of the middle paragraph, centred in the viewport. */
const PLACE_CARET = `(async (sel) => {
  const root = document.querySelector(sel);
  const paras = root.querySelectorAll(':scope > p');
  const p = paras[Math.floor(paras.length / 2)];
  p.scrollIntoView({ block: 'center' });
  root.focus();
  const t = document.createTreeWalker(p, NodeFilter.SHOW_TEXT).nextNode();
  const range = document.createRange();
  range.setStart(t, Math.floor(t.length / 2));
  range.collapse(true);
  const s = getSelection();
  s.removeAllRanges();
  s.addRange(range);
  await window.__bench.nextFrame();
  await window.__bench.nextFrame();
})`;

interface Load {
  open: number;
  /** App only: of `open`, the time the page waited on the test bridge (main's handler and the transfer). */
  openBridge?: number;
  /** App only: of `openBridge`, the time main's handlers took (what Electron's IPC would wait for too). */
  openHandlers?: number;
  lat: number[];
  work: number[];
  commits?: { name: string; where: string; statusLine: boolean }[][];
  paste?: number;
}

interface Fixture {
  words: number;
  body: BodyDoc;
  headline: string;
  libraryDir: string;
  blocks: number;
}

async function makeFixture(words: number): Promise<Fixture> {
  const libraryDir = await mkdtemp(join(tmpdir(), `copydesk-bench-editor-${words}-`));
  const body = generateArticleBody(words);
  const headline = `Benchmark story of ${words} words`;
  const store = await LibraryStore.open(libraryDir, {
    owner: 'app',
    create: true,
    indexDelayMs: 10,
    search: 'lazy',
  });
  try {
    const big = await store.create({ headline, body });
    await mkdir(assetDir(libraryDir, big.id), { recursive: true });
    await writeFile(join(assetDir(libraryDir, big.id), BENCH_PICTURE), PNG);
    await store.create({ headline: 'A short story', body: generateArticleBody(100, 1) });
  } finally {
    await store.close();
  }
  return { words, body, headline, libraryDir, blocks: body.content!.length };
}

async function serve(dir: string): Promise<{ server: Server; origin: string }> {
  const types: Record<string, string> = {
    '.html': 'text/html',
    '.js': 'text/javascript',
    '.css': 'text/css',
  };
  const server = createServer((req, res) => {
    void (async () => {
      const path = new URL(req.url ?? '/', 'http://x').pathname;
      const file = normalize(join(dir, path === '/' ? 'index.html' : path));
      if (!file.startsWith(dir) || !(await stat(file).catch(() => null))?.isFile()) {
        res.writeHead(404).end();
        return;
      }
      res.writeHead(200, {
        'Content-Type': `${types[extname(file)] ?? 'application/octet-stream'}; charset=utf-8`,
      });
      res.end(await readFile(file));
    })();
  });
  await new Promise<void>((ok) => server.listen(0, '127.0.0.1', ok));
  return { server, origin: `http://127.0.0.1:${(server.address() as AddressInfo).port}` };
}

/** Builds the baselines' page (bench/editorPage) with the project's own vite. */
async function buildBaselinePage(): Promise<void> {
  const { build } = await import('vite');
  await build({
    configFile: false,
    root: join(ROOT, 'bench/editorPage'),
    base: './',
    logLevel: 'warn',
    build: { outDir: BENCH_PAGE_DIR, emptyOutDir: true },
  });
}

/** BENCH_EDITOR_DOM=1 prints what the editor's DOM holds (elements by tag and class, text nodes). */
async function printDom(page: Page, mode: Mode): Promise<void> {
  if (!process.env.BENCH_EDITOR_DOM) return;
  const stats = await page.evaluate(`(() => {
    const root = document.querySelector(${JSON.stringify(ROOT_SELECTOR[mode])});
    const counts = {};
    let texts = 0;
    const walk = (n) => { for (const c of n.childNodes) { if (c.nodeType === 3) texts++; else if (c.nodeType === 1) { const k = c.tagName + (c.className && typeof c.className === 'string' ? '.' + c.className.split(' ').slice(0, 2).join('.') : ''); counts[k] = (counts[k] || 0) + 1; walk(c); } } };
    walk(root);
    return { texts, all: document.querySelectorAll('*').length, counts: Object.entries(counts).sort((a, b) => b[1] - a[1]).slice(0, 14) };
  })()`);
  process.stderr.write(`  DOM ${mode}: ${JSON.stringify(stats)}\n`);
}

async function typeAndMeasure(page: Page, mode: Mode, text: string): Promise<Pick<Load, 'lat' | 'work'>> {
  await printDom(page, mode);
  await page.evaluate(`${PLACE_CARET}(${JSON.stringify(ROOT_SELECTOR[mode])})`);
  await page.evaluate('window.__bench.rec.on = true');
  await page.keyboard.type(text, { delay: TYPE_DELAY_MS });
  await page.waitForTimeout(300);
  const rec = (await page.evaluate(
    '(() => { const r = window.__bench.rec; r.on = false; return { lat: r.lat.splice(0), work: r.work.splice(0) }; })()',
  )) as { lat: number[]; work: number[] };
  const body = await page.evaluate(
    `document.querySelector(${JSON.stringify(ROOT_SELECTOR[mode])}).textContent`,
  );
  if (!String(body).includes(text.trim().slice(0, 40))) {
    throw new Error(`The typed text did not reach the ${mode} editor.`);
  }
  return rec;
}

/** Pastes `html` at the caret as a paste event (what the app and ProseMirror handle); returns ms to the frame. */
async function pasteAndMeasure(page: Page, mode: Mode, html: string): Promise<number> {
  await page.evaluate(`${PLACE_CARET}(${JSON.stringify(ROOT_SELECTOR[mode])})`);
  const ms = (await page.evaluate(`(async (sel, html, viaCommand) => {
    const root = document.querySelector(sel);
    const t0 = performance.now();
    if (viaCommand) {
      document.execCommand('insertHTML', false, html);
    } else {
      const dt = new DataTransfer();
      dt.setData('text/html', html);
      dt.setData('text/plain', 'pasted');
      root.dispatchEvent(new ClipboardEvent('paste', { clipboardData: dt, bubbles: true, cancelable: true }));
    }
    return (await window.__bench.nextFrame()) - t0;
  })(${JSON.stringify(ROOT_SELECTOR[mode])}, ${JSON.stringify(html)}, ${mode === 'contenteditable'})`)) as number;
  const text = String(
    await page.evaluate(`document.querySelector(${JSON.stringify(ROOT_SELECTOR[mode])}).textContent`),
  );
  if (!text.includes('PASTE-MARKER')) throw new Error(`The paste did not reach the ${mode} editor.`);
  return ms;
}

let harnessBrowser: Browser | null = null;

async function loadApp(fixture: Fixture, text: string, pasteHtml?: string): Promise<Load> {
  const app: App = await startApp({ libraryDir: fixture.libraryDir });
  harnessBrowser = app.context.browser();
  try {
    await app.page.addInitScript(REACT_HOOK);
    await app.page.addInitScript(INSTRUMENT);
    await app.reload();
    const { page } = app;
    const openScript = (headline: string, blocks: number): string => `(async (headline, blocks) => {
      const button = [...document.querySelectorAll('.library-open')].find((b) => b.closest('li')?.querySelector('.item-headline')?.textContent === headline);
      if (!button) throw new Error('No list item for ' + headline);
      const ready = () => {
        const pm = document.querySelector(${JSON.stringify(ROOT_SELECTOR.app)});
        const h = document.querySelector('.headline-input');
        return pm && h && h.value === headline && pm.childElementCount >= blocks;
      };
      const t0 = performance.now();
      window.__bench.calls.length = 0;
      button.click();
      if (!ready()) {
        await new Promise((resolve) => {
          const mo = new MutationObserver(() => { if (ready()) { mo.disconnect(); resolve(); } });
          mo.observe(document.body, { childList: true, subtree: true, attributes: true, attributeFilter: ['value'] });
          // The headline input's value is a property, not an attribute: check on frames too.
          const tick = () => { if (ready()) { mo.disconnect(); resolve(); } else requestAnimationFrame(tick); };
          requestAnimationFrame(tick);
        });
      }
      const tReady = performance.now() - t0;
      const open = (await window.__bench.nextFrame()) - t0;
      // The article's own call: while it is under way the page has nothing else to do, so its wait
      // is main's handler and the transfer. (Calls made later, such as the list's refresh, wait
      // behind the page's own work, so their waits say nothing about the bridge.)
      const made = window.__bench.calls.filter((c) => c.t0 >= t0 && c.method === 'getArticle');
      let bridge = 0, until = t0;
      for (const c of made) {
        const from = Math.max(c.t0, until);
        if (c.t1 > from) { bridge += c.t1 - from; until = c.t1; }
      }
      const phases = made[0] ? { callStart: made[0].t0 - t0, callEnd: made[0].t1 - t0, ready: tReady } : { ready: tReady };
      return { open, bridge, methods: made.map((c) => c.method), phases };
    })(${JSON.stringify(headline)}, ${blocks})`;
    // Start from another story, so that opening the big one is a real switch.
    await page.evaluate(openScript('A short story', 1));
    // BENCH_EDITOR_PROFILE=FILE also profiles opening (FILE.open.cpuprofile) and pasting (FILE.paste.cpuprofile).
    const profile = async <T>(suffix: string, run: () => Promise<T>): Promise<T> => {
      const to = process.env.BENCH_EDITOR_PROFILE;
      if (!to) return run();
      const session = await page.context().newCDPSession(page);
      await session.send('Profiler.enable');
      // A sample every 100 µs (Chromium's default is 1 ms): opening is a few hundred ms of work.
      await session.send('Profiler.setSamplingInterval', { interval: 100 });
      await session.send('Profiler.start');
      const out = await run();
      const { profile: p } = await session.send('Profiler.stop');
      await writeFile(`${to}.${suffix}.cpuprofile`, JSON.stringify(p));
      await session.detach();
      return out;
    };
    // BENCH_EDITOR_TRACE=FILE writes a Chrome trace of opening (FILE.open.json: layout, style, paint).
    const trace = process.env.BENCH_EDITOR_TRACE;
    if (trace) await harnessBrowser?.startTracing(page, { path: `${trace}.open.json` });
    const handledBefore = app.calls.length;
    const opened = await profile(
      'open',
      async () =>
        (await page.evaluate(openScript(fixture.headline, fixture.blocks))) as {
          open: number;
          bridge: number;
          methods: string[];
          phases: Record<string, number>;
        },
    );
    const open = opened.open;
    // The handlers of the calls made while opening, timed in Node (the page waited for them).
    let handlers = 0;
    let until = -Infinity;
    for (const c of app.calls.slice(handledBefore).sort((a, b) => a.startedAt - b.startedAt)) {
      if (!opened.methods.includes(c.method) || c.endedAt === undefined) continue;
      const from = Math.max(c.startedAt, until);
      if (c.endedAt > from) {
        handlers += c.endedAt - from;
        until = c.endedAt;
      }
    }
    process.stderr.write(
      `  opening called ${opened.methods.join(', ')}: waited ${Math.round(opened.bridge)} ms, handlers ${Math.round(handlers)} ms; ` +
        `after the click: ${Object.entries(opened.phases)
          .map(([k, v]) => `${k} ${Math.round(v)}`)
          .join(', ')}, frame ${Math.round(opened.open)} ms\n`,
    );
    const bridgeTimes = { openBridge: opened.bridge, openHandlers: handlers };
    if (trace) await harnessBrowser?.stopTracing();
    // The typing starts once the copy desk's first full check has drawn its underlines (as in the
    // checks bench), so what lands during the run is what the keystrokes cause: the first check of
    // a long article takes a second or more (the dictionary is loaded first) and used to land
    // mid-run, redrawing the field underlines (React commits) and the body's at once.
    const firstCheck = performance.now();
    await page
      .locator(`${ROOT_SELECTOR.app} .check-squiggle`)
      .first()
      .waitFor({ timeout: 20_000 })
      .catch(() => process.stderr.write('  (no underline within 20 s: typing anyway)\n'));
    process.stderr.write(
      `  first check drawn ${Math.round(performance.now() - firstCheck)} ms after opening\n`,
    );
    await page.waitForTimeout(500);
    if (pasteHtml !== undefined) {
      const paste = await profile('paste', () => pasteAndMeasure(page, 'app', pasteHtml));
      return { open, ...bridgeTimes, lat: [], work: [], paste };
    }
    await page.evaluate('window.__reactCommits.start()');
    // BENCH_EDITOR_PROFILE=FILE writes a CPU profile of the app's typing run (Chrome DevTools format).
    const profileTo = process.env.BENCH_EDITOR_PROFILE;
    const cdp = profileTo ? await page.context().newCDPSession(page) : null;
    if (cdp) {
      await cdp.send('Profiler.enable');
      await cdp.send('Profiler.start');
    }
    // BENCH_EDITOR_TRACE=FILE also writes a Chrome trace of the typing (FILE.typing.json).
    if (trace) await harnessBrowser?.startTracing(page, { path: `${trace}.typing.json` });
    const typed = await typeAndMeasure(page, 'app', text);
    if (trace) await harnessBrowser?.stopTracing();
    if (cdp && profileTo) {
      const { profile } = await cdp.send('Profiler.stop');
      await writeFile(profileTo, JSON.stringify(profile));
    }
    const commits = (await page.evaluate('window.__reactCommits.stop()')) as Load['commits'];
    return { open, ...bridgeTimes, ...typed, commits };
  } finally {
    await app.close({ allowErrors: true });
  }
}

async function loadBaseline(
  browser: Browser,
  origin: string,
  mode: Exclude<Mode, 'app'>,
  fixture: Fixture,
  text: string,
  pasteHtml?: string,
): Promise<Load> {
  const context = await browser.newContext({ viewport: { width: 1280, height: 860 } });
  try {
    const page = await context.newPage();
    await page.addInitScript(INSTRUMENT);
    await page.goto(`${origin}/index.html`);
    await page.waitForFunction('typeof window.bench === "object"');
    // BENCH_EDITOR_BASELINE_CV=1 gives the baselines the app's content-visibility rule (app.css),
    // to tell what that rule is worth from what the rest of the app costs.
    if (process.env.BENCH_EDITOR_BASELINE_CV) {
      await page.addStyleTag({
        content:
          '.ProseMirror > *, #editor > div > * { content-visibility: auto; contain-intrinsic-size: auto 10em; }',
      });
    }
    const json = JSON.stringify(fixture.body);
    const open = (await page.evaluate(`(async (json, mode) => {
      const html = mode === 'contenteditable' ? window.bench.html(json) : '';
      const t0 = performance.now();
      if (mode === 'contenteditable') window.bench.mountContentEditable(html);
      else window.bench.mountProseMirror(json);
      return (await window.__bench.nextFrame()) - t0;
    })(${json}, ${JSON.stringify(mode)})`)) as number;
    await page.waitForTimeout(200);
    if (pasteHtml !== undefined)
      return { open, lat: [], work: [], paste: await pasteAndMeasure(page, mode, pasteHtml) };
    const trace = process.env.BENCH_EDITOR_TRACE;
    if (trace) await browser.startTracing(page, { path: `${trace}.typing-${mode}.json` });
    const typed = await typeAndMeasure(page, mode, text);
    if (trace) await browser.stopTracing();
    return { open, ...typed };
  } finally {
    await context.close();
  }
}

const r2 = (n: number): number => Math.round(n * 100) / 100;

export const editorSuite: BenchSuite = {
  name: 'editor',
  description:
    'typing latency, opening and pasting in Chromium: the app against bare ProseMirror and a plain contenteditable',
  async run({ quick }) {
    const rounds = Number(process.env.BENCH_EDITOR_ROUNDS) || (quick ? 1 : 3);
    // BENCH_EDITOR_SIZES=2000,20000 measures only those sizes (for a quick look while fixing).
    const only = process.env.BENCH_EDITOR_SIZES?.split(',')
      .map(Number)
      .filter((n) => n > 0);
    const sizes = only?.length ? only : quick ? [2_000, 20_000] : SIZES;
    if (!existsSync(join(ROOT, 'out/renderer/index.html')) && !process.env.COPYDESK_RENDERER_OUT) {
      throw new Error('The editor benchmark runs the built renderer: run `npx electron-vite build` first.');
    }
    await buildBaselinePage();
    const { server, origin } = await serve(BENCH_PAGE_DIR);
    const text = typingText(200);
    const pasteBody = generateArticleBody(PASTE_WORDS, 99);
    pasteBody.content!.unshift({ type: 'paragraph', content: [{ type: 'text', text: 'PASTE-MARKER' }] });
    const pasteHtml = renderBodyHtml(pasteBody);
    const fixtures = new Map<number, Fixture>();
    const results = new Map<string, Load[]>();
    const push = (key: string, load: Load): void => {
      results.set(key, [...(results.get(key) ?? []), load]);
    };
    let browser: Browser | null = null;
    try {
      for (const words of [...new Set([...sizes, PASTE_INTO])]) fixtures.set(words, await makeFixture(words));
      for (let round = 0; round < rounds; round++) {
        for (const words of sizes) {
          const fixture = fixtures.get(words)!;
          for (const mode of MODES) {
            process.stderr.write(`  round ${round + 1}/${rounds}, ${words} words, ${mode}…\n`);
            if (mode === 'app') {
              push(`${mode}:${words}`, await loadApp(fixture, text));
              // The harness's browser: the baselines run in the very same one.
              browser ??= harnessBrowser;
            } else {
              push(`${mode}:${words}`, await loadBaseline(browser!, origin, mode, fixture, text));
            }
          }
        }
        for (const mode of MODES) {
          process.stderr.write(`  round ${round + 1}/${rounds}, paste ${PASTE_WORDS} words, ${mode}…\n`);
          const fixture = fixtures.get(PASTE_INTO)!;
          push(
            `paste:${mode}`,
            mode === 'app'
              ? await loadApp(fixture, text, pasteHtml)
              : await loadBaseline(browser!, origin, mode, fixture, text, pasteHtml),
          );
        }
      }
    } finally {
      await stopBrowser();
      server.close();
      for (const f of fixtures.values()) await rm(f.libraryDir, { recursive: true, force: true });
    }

    const rows: BenchRow[] = [];
    const pooled = (key: string, field: 'lat' | 'work'): number[] =>
      (results.get(key) ?? []).flatMap((l) => l[field]);
    const opens = (key: string): number => median((results.get(key) ?? []).map((l) => l.open));
    for (const words of sizes) {
      const [app, pm, ce] = MODES.map((m) => pooled(`${m}:${words}`, 'lat'));
      const label = `${words.toLocaleString('en-GB')} words`;
      for (const [p, goal] of [
        [50, 1.15],
        [95, 1.25],
      ] as const) {
        const value = percentile(app!, p);
        const base = percentile(pm!, p);
        rows.push({
          name: `typing p${p}, ${label}`,
          value: r2(value),
          unit: 'ms',
          baseline: { name: 'bare ProseMirror', value: r2(base) },
          goal: `ratio ≤ ${goal}`,
          met: value / base <= goal,
        });
      }
      rows.push({
        name: `typing p50 against the floor, ${label}`,
        value: r2(percentile(app!, 50)),
        unit: 'ms',
        baseline: { name: 'contenteditable', value: r2(percentile(ce!, 50)) },
      });
      if (words === 20_000) {
        const max = Math.max(...app!);
        rows.push({
          name: `slowest keystroke, ${label}`,
          value: r2(max),
          unit: 'ms',
          goal: '≤ 50 ms',
          met: max <= 50,
        });
      }
      const open = opens(`app:${words}`);
      const openBase = opens(`prosemirror:${words}`);
      rows.push({
        name: `open to an editable view, ${label}`,
        value: r2(open),
        unit: 'ms',
        baseline: { name: 'bare ProseMirror', value: r2(openBase) },
        ...(words >= 20_000 ? { goal: 'ratio ≤ 1.3', met: open / openBase <= 1.3 } : {}),
      });
      if (words >= 20_000) {
        // Playwright carries the article as a string through the DevTools protocol; Electron's
        // IPC carries it as a structured clone, for a few milliseconds. Main's handler (reading
        // and checking the file) is work Electron would wait for too, so it stays in.
        const loads = results.get(`app:${words}`) ?? [];
        const transferOf = (l: Load): number => (l.openBridge ?? 0) - (l.openHandlers ?? 0);
        const transfer = median(loads.map(transferOf));
        const withoutTransfer = median(loads.map((l) => l.open - transferOf(l)));
        rows.push({
          name: `open without the test bridge's transfer, ${label}`,
          value: r2(withoutTransfer),
          unit: 'ms',
          baseline: { name: 'bare ProseMirror', value: r2(openBase) },
        });
        rows.push({
          name: `open: the test bridge's transfer, ${label}`,
          value: r2(transfer),
          unit: 'ms',
        });
      }
      rows.push({
        name: `open, the floor, ${label}`,
        value: r2(opens(`contenteditable:${words}`)),
        unit: 'ms',
      });
    }
    const pastes = (mode: Mode): number => median((results.get(`paste:${mode}`) ?? []).map((l) => l.paste!));
    rows.push({
      name: `paste a ${PASTE_WORDS.toLocaleString('en-GB')}-word story (into ${PASTE_INTO.toLocaleString('en-GB')} words)`,
      value: r2(pastes('app')),
      unit: 'ms',
      baseline: { name: 'bare ProseMirror', value: r2(pastes('prosemirror')) },
      goal: 'ratio ≤ 1.5',
      met: pastes('app') / pastes('prosemirror') <= 1.5,
    });
    rows.push({
      name: 'paste, the floor (execCommand insertHTML)',
      value: r2(pastes('contenteditable')),
      unit: 'ms',
    });
    const commits = sizes.flatMap((w) => (results.get(`app:${w}`) ?? []).flatMap((l) => l.commits ?? []));
    const outside = commits.filter((c) => c.some((r) => !r.statusLine));
    const culprits = [
      ...new Set(outside.flatMap((c) => c.filter((r) => !r.statusLine).map((r) => `${r.name} ${r.where}`))),
    ];
    const tally = new Map<string, number>();
    for (const c of commits)
      for (const r of c) tally.set(`${r.name} ${r.where}`, (tally.get(`${r.name} ${r.where}`) ?? 0) + 1);
    process.stderr.write(
      `  components rendered while typing: ${
        [...tally]
          .sort((a, b) => b[1] - a[1])
          .map(([k, n]) => `${k} ×${n}`)
          .join(', ') || 'none'
      }\n`,
    );
    rows.push({ name: 'React commits while typing (all)', value: commits.length, unit: 'commits' });
    rows.push({
      name: `React commits outside the status line${culprits.length ? ` (${culprits.slice(0, 4).join('; ')})` : ''}`,
      value: outside.length,
      unit: 'commits',
      goal: '0',
      met: outside.length === 0,
    });
    return rows;
  },
};
