import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';

// Electron cannot run on these machines (its binary is downloaded on first use), so the
// Electron module is replaced at this one boundary; everything behind it is real.
const electron = vi.hoisted(() => {
  const listeners: Record<string, (...args: unknown[]) => void> = {};
  return {
    listeners,
    shell: { openExternal: vi.fn(async () => undefined) },
    contextBridge: { exposeInMainWorld: vi.fn() },
    ipcRenderer: {
      invoke: vi.fn(async () => ({ ok: true, value: null })),
      on: vi.fn(),
      removeListener: vi.fn(),
    },
    BrowserWindow: vi.fn(),
  };
});
vi.mock('electron', () => electron);

import { isAppUrl, resolveAppAsset } from '../../src/main/appProtocol';
import { registerIpc } from '../../src/main/ipc';
import { lockDownContents, openExternalSafely, secureWebPreferences } from '../../src/main/window';
import { EVENT_NAMES, METHOD_NAMES, channelFor, subscriberName } from '../../src/shared/channels';
import { createHandlers, openWorkspace, closeWorkspace, type Workspace } from '../../src/services/handlers';
import type { Envelope } from '../../src/shared/errors';
import { makeTempDir } from '../helpers/tempLibrary';

describe('the app:// protocol serves only the built renderer', () => {
  const root = '/opt/copydesk/out/renderer';
  it.each([
    ['app://copydesk/index.html', '/opt/copydesk/out/renderer/index.html'],
    ['app://copydesk/', '/opt/copydesk/out/renderer/index.html'],
    ['app://copydesk/assets/index-abc.js', '/opt/copydesk/out/renderer/assets/index-abc.js'],
  ])('%s is served from the renderer folder', (url, path) => {
    expect(resolveAppAsset(root, url)?.path).toBe(path);
  });

  it.each([
    'app://copydesk/../main/index.js',
    'app://copydesk/%2e%2e/%2e%2e/etc/passwd',
    'app://copydesk/a/../../../x',
  ])('%s stays inside the renderer folder (the URL parser resolves dot segments first)', (url) => {
    const asset = resolveAppAsset(root, url);
    expect(asset === null || asset.path.startsWith(`${root}/`)).toBe(true);
  });

  it.each([
    'app://copydesk/..%2fmain%2findex.js',
    'app://copydesk/..%2f..%2f..%2fetc%2fpasswd',
    'app://copydesk/assets/..%5c..%5cmain',
    'app://copydesk/%00index.html',
    'app://elsewhere/index.html',
    'file:///etc/passwd',
    'https://copydesk/index.html',
    'app://copydesk/%E0%A4%A',
  ])('%s is refused', (url) => {
    expect(resolveAppAsset(root, url)).toBeNull();
  });

  it('tells the app’s own pages from everything else', () => {
    expect(isAppUrl('app://copydesk/index.html')).toBe(true);
    expect(isAppUrl('https://example.com/')).toBe(false);
    expect(isAppUrl('app://copydesk.evil/index.html')).toBe(false);
    expect(isAppUrl('http://localhost:5173/', 'http://localhost:5173')).toBe(true);
    expect(isAppUrl('http://localhost:5174/', 'http://localhost:5173')).toBe(false);
  });
});

describe('the window follows the Electron security checklist', () => {
  it('isolates and sandboxes the renderer', () => {
    const prefs = secureWebPreferences('/p/preload.cjs');
    expect(prefs).toMatchObject({
      contextIsolation: true,
      sandbox: true,
      nodeIntegration: false,
      webSecurity: true,
      allowRunningInsecureContent: false,
      experimentalFeatures: false,
      webviewTag: false,
    });
    expect(prefs).not.toHaveProperty('enableBlinkFeatures');
  });

  function fakeContents() {
    const handlers: Record<string, (event: { preventDefault(): void }, url: string) => void> = {};
    let openHandler: ((d: { url: string }) => { action: string }) | undefined;
    return {
      handlers,
      open: (url: string) => openHandler!({ url }),
      contents: {
        setWindowOpenHandler: (h: typeof openHandler) => {
          openHandler = h;
        },
        on: (name: string, h: (event: { preventDefault(): void }, url: string) => void) => {
          handlers[name] = h;
        },
      },
    };
  }

  beforeEach(() => electron.shell.openExternal.mockClear());

  it('denies every new window and opens only http(s) and mailto links in the browser', () => {
    const f = fakeContents();
    lockDownContents(f.contents as never);
    expect(f.open('https://example.com/story')).toEqual({ action: 'deny' });
    expect(f.open('javascript:alert(1)')).toEqual({ action: 'deny' });
    expect(f.open('file:///etc/passwd')).toEqual({ action: 'deny' });
    expect(f.open('mailto:desk@example.com')).toEqual({ action: 'deny' });
    expect(electron.shell.openExternal.mock.calls.map((c) => (c as unknown[])[0])).toEqual([
      'https://example.com/story',
      'mailto:desk@example.com',
    ]);
    expect(openExternalSafely('data:text/html,hi')).toBe(false);
  });

  it('stops navigation away from the app and refuses webviews', () => {
    const f = fakeContents();
    lockDownContents(f.contents as never);
    const prevented = (name: string, url: string) => {
      const event = { preventDefault: vi.fn() };
      f.handlers[name]!(event, url);
      return event.preventDefault.mock.calls.length > 0;
    };
    expect(prevented('will-navigate', 'https://attacker.example/')).toBe(true);
    expect(prevented('will-redirect', 'file:///etc/passwd')).toBe(true);
    expect(prevented('will-navigate', 'app://copydesk/index.html')).toBe(false);
    expect(prevented('will-attach-webview', 'app://copydesk/index.html')).toBe(true);
  });
});

describe('IPC handlers check who is asking and what they ask', () => {
  let ws: Workspace;
  let cleanup: () => Promise<void>;
  const registered = new Map<string, (event: unknown, input: unknown) => Promise<Envelope<unknown>>>();
  const fakeIpc = {
    handle: (channel: string, fn: (event: unknown, input: unknown) => Promise<Envelope<unknown>>) =>
      registered.set(channel, fn),
    removeHandler: (channel: string) => registered.delete(channel),
  };
  const from = (url: string) => ({ senderFrame: { url } });

  beforeEach(async () => {
    const tmp = await makeTempDir();
    cleanup = tmp.cleanup;
    ws = await openWorkspace(tmp.dir);
    const handlers = createHandlers({
      workspace: ws,
      dialogs: {
        chooseImportFiles: async () => [],
        chooseExportPath: async () => null,
        chooseLibraryFolder: async () => null,
        chooseImageFile: async () => null,
      },
      openExternal: async () => undefined,
      emit: () => undefined,
    });
    registerIpc(fakeIpc as never, handlers, { isTrustedSender: (url) => isAppUrl(url) });
  });
  afterEach(async () => {
    await closeWorkspace(ws);
    await cleanup();
    registered.clear();
  });

  it('registers exactly one handler per contract method', () => {
    expect([...registered.keys()].sort()).toEqual(METHOD_NAMES.map(channelFor).sort());
  });

  it('answers the app’s own page', async () => {
    const result = await registered.get(channelFor('listArticles'))!(from('app://copydesk/index.html'), {});
    expect(result.ok).toBe(true);
    expect((result as { value: unknown[] }).value).toHaveLength(1);
  });

  it('refuses a request from a foreign frame before doing anything', async () => {
    const before = ws.library.list().length;
    const result = await registered.get(channelFor('createArticle'))!(from('https://attacker.example/'), {});
    expect(result).toEqual({
      ok: false,
      error: { code: 'invalid-input', message: expect.stringMatching(/did not come from Copydesk/) },
    });
    expect(ws.library.list()).toHaveLength(before);
  });

  it.each([
    ['getArticle', { id: '../../etc/passwd' }],
    ['getArticle', { id: 'a'.repeat(200) }],
    ['getArticle', {}],
    ['saveArticle', { id: 'abc-def', baseRev: -1, content: {}, reason: 'autosave' }],
    ['listArticles', { filter: 42 }],
    ['listArticles', { filter: 'x', extra: true }],
    ['exportArticle', { id: 'abc-def', format: 'exe' }],
    ['updateSettings', { headlineBudget: 'lots' }],
    ['openExternal', {}],
  ])('%s with invalid input %j is refused with a clear message', async (method, input) => {
    const result = await registered.get(channelFor(method as never))!(
      from('app://copydesk/index.html'),
      input,
    );
    expect(result.ok).toBe(false);
    if (!result.ok) {
      expect(result.error.code).toBe('invalid-input');
      expect(result.error.message).toMatch(/^Copydesk could not accept that request/);
    }
  });

  it('opens only http(s) and mailto links', async () => {
    const call = (url: string) =>
      registered.get(channelFor('openExternal'))!(from('app://copydesk/index.html'), { url });
    expect(await call('https://example.com')).toEqual({ ok: true, value: { opened: true } });
    expect(await call('javascript:alert(1)')).toEqual({ ok: true, value: { opened: false } });
    expect(await call('file:///etc/passwd')).toEqual({ ok: true, value: { opened: false } });
  });
});

describe('the preload exposes exactly the contract', () => {
  it('puts one function per method and per event on window.copydesk, and nothing else', async () => {
    await import('../../src/preload/index');
    expect(electron.contextBridge.exposeInMainWorld).toHaveBeenCalledTimes(1);
    const [name, api] = electron.contextBridge.exposeInMainWorld.mock.calls[0] as unknown as [
      string,
      Record<string, unknown>,
    ];
    expect(name).toBe('copydesk');
    expect(Object.keys(api).sort()).toEqual([...METHOD_NAMES, ...EVENT_NAMES.map(subscriberName)].sort());
    for (const value of Object.values(api)) expect(typeof value).toBe('function');
    expect(api).not.toHaveProperty('invoke');
    expect(api).not.toHaveProperty('ipcRenderer');

    await (api.getArticle as (i: unknown) => Promise<unknown>)({ id: 'abc' });
    expect(electron.ipcRenderer.invoke).toHaveBeenCalledWith('copydesk:getArticle', { id: 'abc' });

    // Listeners get the payload, never the IPC event object (it carries `sender`).
    const listener = vi.fn();
    const off = (api.onLibraryChanged as (l: unknown) => () => void)(listener);
    const [, handler] = electron.ipcRenderer.on.mock.calls[0] as unknown as [
      string,
      (e: unknown, p: unknown) => void,
    ];
    handler({ sender: 'secret' }, { reason: 'x' });
    expect(listener).toHaveBeenCalledWith({ reason: 'x' });
    off();
    expect(electron.ipcRenderer.removeListener).toHaveBeenCalled();
  });
});
