import { randomUUID } from 'node:crypto';
import { existsSync, readdirSync, statSync } from 'node:fs';
import { CHROMIUM_ARGS, chromiumPath } from '../../src/services/chromiumPdf';
import { mkdtemp, readFile, rm, stat } from 'node:fs/promises';
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { tmpdir } from 'node:os';
import { extname, join, normalize, resolve, sep } from 'node:path';
import { chromium, type Browser, type BrowserContext, type Page } from 'playwright';
import {
  closeWorkspace,
  createHandlers,
  dispatch,
  openWorkspace,
  type Dialogs,
  type Workspace,
} from '../../src/services/handlers';
import { resolveLibraryAsset } from '../../src/services/libraryAssets';
import {
  EVENT_NAMES,
  METHOD_NAMES,
  subscriberName,
  type EventName,
  type EventPayloads,
  type ExportFormat,
  type MethodName,
} from '../../src/shared/contract';

/**
 * Runs the built renderer in Debian's Chromium with the preload API supplied by a bridge over
 * the real handler table (the one main registers on ipcMain) and a real library folder in a
 * temp dir. Only the native dialogs are fakes: queues the test fills.
 */

export const ROOT = resolve(import.meta.dirname, '../..');
/** The built renderer: `out/renderer`, or the folder COPYDESK_RENDERER_OUT names (see electron.vite.config.ts). */
export const RENDERER_DIR = process.env.COPYDESK_RENDERER_OUT
  ? resolve(process.env.COPYDESK_RENDERER_OUT)
  : join(ROOT, 'out/renderer');
export const SAMPLES_DIR = resolve(ROOT, '../shared/samples');

const MIME: Record<string, string> = {
  '.html': 'text/html; charset=utf-8',
  '.js': 'text/javascript; charset=utf-8',
  '.mjs': 'text/javascript; charset=utf-8',
  '.css': 'text/css; charset=utf-8',
  '.json': 'application/json; charset=utf-8',
  '.map': 'application/json; charset=utf-8',
  '.svg': 'image/svg+xml',
  '.png': 'image/png',
  '.jpg': 'image/jpeg',
  '.ico': 'image/x-icon',
  '.woff2': 'font/woff2',
  '.woff': 'font/woff',
  '.txt': 'text/plain; charset=utf-8',
};

function newestMtime(dir: string): number {
  let newest = 0;
  for (const entry of readdirSync(dir, { withFileTypes: true })) {
    const p = join(dir, entry.name);
    newest = Math.max(newest, entry.isDirectory() ? newestMtime(p) : statSync(p).mtimeMs);
  }
  return newest;
}

/**
 * The tests run the built renderer, so a missing or stale build would test something else than
 * the source: say so instead. (`npm test` builds before it tests.)
 */
export function assertRendererBuilt(): void {
  const index = join(RENDERER_DIR, 'index.html');
  if (!existsSync(index)) {
    throw new Error(
      'The renderer is not built (out/renderer/index.html is missing). Run `npx electron-vite build`.',
    );
  }
  const built = statSync(index).mtimeMs;
  const source = Math.max(newestMtime(join(ROOT, 'src/renderer')), newestMtime(join(ROOT, 'src/shared')));
  if (source > built) {
    throw new Error(
      'The renderer build is older than its source (src/renderer or src/shared changed since). Run `npx electron-vite build`.',
    );
  }
}

/** A static server for out/renderer on 127.0.0.1 (`file://` would block the module scripts). */
async function startServer(root: string): Promise<{ server: Server; origin: string }> {
  const rootWithSep = root.endsWith(sep) ? root : root + sep;
  const server = createServer((req, res) => {
    void (async () => {
      const url = new URL(req.url ?? '/', 'http://127.0.0.1');
      let path: string;
      try {
        path = decodeURIComponent(url.pathname);
      } catch {
        res.writeHead(400).end();
        return;
      }
      // The open libraries' pictures, as main serves them at app://copydesk/library-assets/….
      if (path.startsWith('/library-assets/')) {
        for (const dir of assetLibraries) {
          const picture = resolveLibraryAsset(dir, path);
          const data = picture ? await readFile(picture.path).catch(() => null) : null;
          if (picture && data) {
            res.writeHead(200, { 'Content-Type': picture.mime, 'X-Content-Type-Options': 'nosniff' });
            return void res.end(data);
          }
        }
        return void res.writeHead(404).end();
      }
      // A large answer of the bridge, fetched once by the page (see `parkedAnswer`).
      if (path.startsWith('/__bridge/')) {
        const answer = parkedAnswers.get(path.slice('/__bridge/'.length));
        if (answer === undefined) return void res.writeHead(404).end();
        parkedAnswers.delete(path.slice('/__bridge/'.length));
        res.writeHead(200, { 'Content-Type': 'application/json', 'Cache-Control': 'no-store' });
        return void res.end(answer);
      }
      if (path === '/') path = '/index.html';
      const file = normalize(join(root, path));
      const send404 = (): void => {
        res.writeHead(404, { 'Content-Type': 'text/plain; charset=utf-8' }).end('Not found');
      };
      if (!file.startsWith(rootWithSep)) return send404();
      const info = await stat(file).catch(() => null);
      if (!info?.isFile()) {
        // Chromium asks for a favicon on its own; answering "no content" keeps the console clean.
        if (path === '/favicon.ico') return void res.writeHead(204).end();
        return send404();
      }
      res.writeHead(200, {
        'Content-Type': MIME[extname(file).toLowerCase()] ?? 'application/octet-stream',
        'Cache-Control': 'no-store',
        'X-Content-Type-Options': 'nosniff',
      });
      res.end(await readFile(file));
    })().catch(() => {
      if (!res.headersSent) res.writeHead(500);
      res.end();
    });
  });
  await new Promise<void>((ok) => server.listen(0, '127.0.0.1', ok));
  const { port } = server.address() as AddressInfo;
  return { server, origin: `http://127.0.0.1:${port}` };
}

/**
 * Answers of the bridge too big to hand back through Playwright's binding, by ticket. The binding
 * carries its result as a string inside a DevTools protocol message, which Chromium parses on the
 * page's main thread: about 140 ms for a 60,000-word article here, where Electron's IPC hands over
 * a structured clone in a few milliseconds. So a large answer is parked here and the page fetches
 * it from the static server, which costs about what Electron's IPC does.
 */
const parkedAnswers = new Map<string, string>();
const PARK_OVER = 32 * 1024;

/** The binding's return value for `answer`: itself, or a ticket to fetch it by when it is large. */
function parkedAnswer(answer: string): string {
  if (answer.length <= PARK_OVER) return answer;
  const ticket = randomUUID();
  parkedAnswers.set(ticket, answer);
  return JSON.stringify({ __parked: ticket });
}

/** Library folders of the apps running now, whose pictures the static server answers for. */
const assetLibraries = new Set<string>();

let shared: Promise<{ browser: Browser; server: Server; origin: string }> | null = null;

function sharedBrowser(): Promise<{ browser: Browser; server: Server; origin: string }> {
  shared ??= (async () => {
    assertRendererBuilt();
    const executablePath = chromiumPath();
    if (!existsSync(executablePath)) {
      throw new Error(
        `Chromium is not at ${executablePath}. Install Debian's chromium (apt-get install chromium) or set CHROMIUM_PATH.`,
      );
    }
    const { server, origin } = await startServer(RENDERER_DIR);
    const browser = await chromium.launch({ executablePath, args: CHROMIUM_ARGS });
    return { browser, server, origin };
  })();
  return shared;
}

/** Closes the browser and the server; call from `afterAll` in each test file. */
export async function stopBrowser(): Promise<void> {
  if (!shared) return;
  const s = shared;
  shared = null;
  const { browser, server } = await s.catch(() => ({ browser: null, server: null }));
  await browser?.close();
  await new Promise<void>((ok) => (server ? server.close(() => ok()) : ok()));
}

/**
 * The native dialogs, as queues: a test sets what the "user" will pick before the UI asks.
 * Each value is used once; an empty queue answers like a user pressing Cancel.
 */
export class TestDialogs implements Dialogs {
  /** The files the next import dialog returns. */
  importFiles: string[] = [];
  /** The path the next export dialog returns. */
  exportPath: string | null = null;
  /** The folder the next "choose library" dialog returns. */
  libraryFolder: string | null = null;
  /** Every dialog shown, with what it was asked, for assertions. */
  readonly shown: { dialog: keyof Dialogs; args: unknown[] }[] = [];

  async chooseImportFiles(): Promise<string[]> {
    this.shown.push({ dialog: 'chooseImportFiles', args: [] });
    const files = this.importFiles;
    this.importFiles = [];
    return files;
  }

  async chooseExportPath(suggestedName: string, format: ExportFormat): Promise<string | null> {
    this.shown.push({ dialog: 'chooseExportPath', args: [suggestedName, format] });
    const path = this.exportPath;
    this.exportPath = null;
    return path;
  }

  /** The picture the next "insert picture" dialog returns. */
  imageFile: string | null = null;

  async chooseImageFile(): Promise<string | null> {
    this.shown.push({ dialog: 'chooseImageFile', args: [] });
    const file = this.imageFile;
    this.imageFile = null;
    return file;
  }

  async chooseLibraryFolder(): Promise<string | null> {
    this.shown.push({ dialog: 'chooseLibraryFolder', args: [] });
    const folder = this.libraryFolder;
    this.libraryFolder = null;
    return folder;
  }

  /** Where the next "Send for review" dialog saves the package. */
  reviewPackageDestination: string | null = null;

  async chooseReviewPackageDestination(suggestedName: string): Promise<string | null> {
    this.shown.push({ dialog: 'chooseReviewPackageDestination', args: [suggestedName] });
    const path = this.reviewPackageDestination;
    this.reviewPackageDestination = null;
    return path;
  }

  /** The package the next "Open review package" dialog returns. */
  reviewPackage: string | null = null;

  async chooseReviewPackage(): Promise<string | null> {
    this.shown.push({ dialog: 'chooseReviewPackage', args: [] });
    const path = this.reviewPackage;
    this.reviewPackage = null;
    return path;
  }

  /** The folder the next batch-export dialog returns. */
  exportFolder: string | null = null;

  async chooseExportFolder(format: ExportFormat, count: number): Promise<string | null> {
    this.shown.push({ dialog: 'chooseExportFolder', args: [format, count] });
    const folder = this.exportFolder;
    this.exportFolder = null;
    return folder;
  }
}

export interface StartOptions {
  /** Seed the welcome article into the new library (as a first run does). Default true. */
  seedSample?: boolean;
  /** Use this library folder instead of a fresh temp one (it is then not deleted on close). */
  libraryDir?: string;
  /** Let test scripts (axe-core) run despite the page's CSP. Default false. */
  bypassCSP?: boolean;
  viewport?: { width: number; height: number };
  colorScheme?: 'light' | 'dark';
  /** Extra milliseconds before a method runs, like a slow disk or a busy main process. */
  delayMs?: Partial<Record<MethodName, number>>;
}

/** One call the renderer made through the bridge. */
export interface BridgeCall {
  method: string;
  input: unknown;
  /** `performance.now()` when the call reached "main", and when its answer went back. */
  startedAt: number;
  endedAt?: number;
  ok?: boolean;
}

export interface App {
  page: Page;
  context: BrowserContext;
  libraryDir: string;
  workspace: Workspace;
  dialogs: TestDialogs;
  /** Sends an event from "main" to the renderer, as `webContents.send` would. */
  emit<E extends EventName>(event: E, payload: EventPayloads[E]): Promise<void>;
  /** How many times the renderer called `windowReadyToClose`. */
  readyToClose: () => number;
  /** URLs the renderer asked main to open externally. */
  openedExternal: string[];
  /** Every call the renderer made through the bridge, in order, with its input. */
  calls: BridgeCall[];
  /** Console errors, page errors and CSP violations seen so far. */
  errors: string[];
  /** Reloads the page (as a renderer reload would) and waits for the app to be ready. */
  reload(): Promise<void>;
  /** Closes the page and the library; throws if the page reported errors. */
  close(options?: { allowErrors?: boolean }): Promise<void>;
}

/** What the init script needs to build `window.copydesk` exactly as the preload does. */
interface BridgeShape {
  methods: string[];
  events: { event: string; subscriber: string }[];
}

/**
 * Runs in the page before any of its scripts, like the preload: defines `window.copydesk` with
 * one function per contract method (all calling the exposed binding) and one subscriber per
 * event, plus `__copydeskEmit` for the harness to deliver events.
 */
function installBridge(shape: BridgeShape): void {
  const g = globalThis as unknown as Record<string, unknown>;
  const listeners = new Map<string, Set<(payload: unknown) => void>>();
  const bridge: Record<string, unknown> = {};
  // Bytes (a pasted picture) do not survive the binding's JSON: they travel as base64, and the
  // harness turns them back into bytes before the handler sees them, as Electron's IPC would.
  const encodeBytes = (input: unknown): unknown => {
    if (!input || typeof input !== 'object' || Array.isArray(input)) return input;
    const out: Record<string, unknown> = {};
    for (const [k, v] of Object.entries(input as Record<string, unknown>)) {
      if (v instanceof ArrayBuffer || ArrayBuffer.isView(v)) {
        const view =
          v instanceof ArrayBuffer ? new Uint8Array(v) : new Uint8Array(v.buffer, v.byteOffset, v.byteLength);
        let bin = '';
        for (let i = 0; i < view.length; i += 0x8000)
          bin += String.fromCharCode(...view.subarray(i, i + 0x8000));
        out[k] = { __bytes: btoa(bin) };
      } else out[k] = v;
    }
    return out;
  };
  // A large answer is parked on the static server (see `parkedAnswer` in the harness).
  const answerOf = async (text: string): Promise<unknown> => {
    const answer = JSON.parse(text) as unknown;
    const ticket = (answer as { __parked?: unknown } | null)?.__parked;
    if (typeof ticket !== 'string') return answer;
    const res = await fetch(`/__bridge/${ticket}`);
    return JSON.parse(await res.text()) as unknown;
  };
  for (const method of shape.methods) {
    bridge[method] = async (input?: unknown) =>
      answerOf(
        await (g.__copydeskInvoke as (method: string, input: unknown) => Promise<string>)(
          method,
          encodeBytes(input),
        ),
      );
  }
  for (const { event, subscriber } of shape.events) {
    listeners.set(event, new Set());
    bridge[subscriber] = (listener: (payload: unknown) => void) => {
      if (typeof listener !== 'function') throw new TypeError('A listener function is required.');
      listeners.get(event)!.add(listener);
      return () => {
        listeners.get(event)!.delete(listener);
      };
    };
  }
  Object.defineProperty(g, 'copydesk', { value: Object.freeze(bridge), enumerable: true });
  Object.defineProperty(g, '__copydeskEmit', {
    value: (event: string, payload: unknown) => {
      for (const l of listeners.get(event) ?? []) l(payload);
    },
  });
  // CSP violations only sometimes reach the console; record them all.
  const violations: string[] = [];
  Object.defineProperty(g, '__cspViolations', { value: violations });
  (g.document as { addEventListener(t: string, f: (e: unknown) => void): void }).addEventListener(
    'securitypolicyviolation',
    (e: unknown) => {
      const v = e as { violatedDirective: string; blockedURI: string };
      violations.push(`${v.violatedDirective} blocked ${v.blockedURI || 'inline'}`);
    },
  );
}

/** Waits until the app has loaded the library and shows an article or its empty state. */
export async function waitForReady(page: Page): Promise<void> {
  await page.getByRole('navigation', { name: 'Library' }).waitFor();
  await page.locator('.editor-pane, .empty-state').first().waitFor();
}

/** Undoes the bridge's base64 transport of bytes (see installBridge). */
function decodeBytes(input: unknown): unknown {
  if (!input || typeof input !== 'object' || Array.isArray(input)) return input;
  const out: Record<string, unknown> = {};
  for (const [k, v] of Object.entries(input as Record<string, unknown>)) {
    const b64 = v && typeof v === 'object' ? (v as { __bytes?: unknown }).__bytes : undefined;
    out[k] = typeof b64 === 'string' ? new Uint8Array(Buffer.from(b64, 'base64')) : v;
  }
  return out;
}

/** Opens the app on a library folder. */
export async function startApp(options: StartOptions = {}): Promise<App> {
  const { browser, origin } = await sharedBrowser();
  const ownsDir = !options.libraryDir;
  const libraryDir = options.libraryDir ?? (await mkdtemp(join(tmpdir(), 'copydesk-e2e-')));
  const workspace = await openWorkspace(libraryDir, { seedSample: options.seedSample ?? true });
  const dialogs = new TestDialogs();
  assetLibraries.add(libraryDir);
  const context = await browser.newContext({
    bypassCSP: options.bypassCSP ?? false,
    viewport: options.viewport ?? { width: 1280, height: 860 },
    colorScheme: options.colorScheme ?? 'light',
    locale: 'en-GB',
    timezoneId: 'Europe/London',
  });
  const page = await context.newPage();
  const errors: string[] = [];
  const openedExternal: string[] = [];
  const calls: BridgeCall[] = [];
  let readyToClose = 0;

  page.on('console', (msg) => {
    if (msg.type() !== 'error') return;
    const text = msg.text();
    if (/favicon\.ico/.test(text) || /favicon\.ico/.test(msg.location().url)) return;
    errors.push(`console: ${text}`);
  });
  page.on('pageerror', (err) => errors.push(`page error: ${err.message}`));

  const deliver = async <E extends EventName>(event: E, payload: EventPayloads[E]): Promise<void> => {
    await page.evaluate(
      ([e, p]) =>
        (globalThis as unknown as { __copydeskEmit(e: string, p: unknown): void }).__copydeskEmit(e, p),
      [event, payload] as [string, unknown],
    );
  };

  const handlers = createHandlers({
    workspace,
    dialogs,
    openExternal: async (url) => {
      openedExternal.push(url);
    },
    // Main sends events without waiting for the renderer; so does this. A page that is
    // navigating away simply misses the event, as a reloading Electron window would.
    emit: (event, payload) => {
      deliver(event, payload).catch(() => {});
    },
    onReadyToClose: () => {
      readyToClose++;
    },
  });

  await page.exposeBinding('__copydeskInvoke', async (_source, method: string, input: unknown) => {
    const call: BridgeCall = { method, input, startedAt: performance.now() };
    calls.push(call);
    const delay = options.delayMs?.[method as MethodName];
    if (delay) await new Promise((ok) => setTimeout(ok, delay));
    const result = await dispatch(handlers, method, decodeBytes(input));
    call.endedAt = performance.now();
    call.ok = result.ok;
    // As one string: Playwright's own serialisation of a result walks it object by object (with
    // cycle tracking), which for a 20,000-word article took longer than everything else in
    // opening it. Electron's IPC (structured clone) has no such cost; JSON is what it carries.
    return parkedAnswer(JSON.stringify(result));
  });
  const shape: BridgeShape = {
    methods: [...METHOD_NAMES],
    events: EVENT_NAMES.map((event) => ({ event, subscriber: subscriberName(event) })),
  };
  await page.addInitScript(installBridge, shape);

  await page.goto(`${origin}/index.html`);
  await waitForReady(page);

  const cspViolations = async (): Promise<string[]> =>
    page
      .evaluate(() => [...(globalThis as unknown as { __cspViolations: string[] }).__cspViolations])
      .catch(() => []);

  return {
    page,
    context,
    libraryDir,
    workspace,
    dialogs,
    emit: deliver,
    readyToClose: () => readyToClose,
    openedExternal,
    calls,
    errors,
    async reload() {
      errors.push(...(await cspViolations()).map((v) => `CSP: ${v}`));
      await page.reload();
      await waitForReady(page);
    },
    async close({ allowErrors = false } = {}) {
      errors.push(...(await cspViolations()).map((v) => `CSP: ${v}`));
      await context.close();
      assetLibraries.delete(libraryDir);
      await closeWorkspace(workspace);
      if (ownsDir) await rm(libraryDir, { recursive: true, force: true });
      if (!allowErrors && errors.length > 0) {
        throw new Error(`The page reported errors:\n${errors.join('\n')}`);
      }
    },
  };
}

/** Reads an article file from the library folder, as stored. */
export async function readArticleFile(libraryDir: string, id: string): Promise<Record<string, unknown>> {
  return JSON.parse(await readFile(join(libraryDir, 'articles', `${id}.json`), 'utf8')) as Record<
    string,
    unknown
  >;
}
