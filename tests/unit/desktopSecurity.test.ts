import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';

// Electron cannot run here: it is replaced at this one boundary; everything behind it is real.
const electron = vi.hoisted(() => ({
  shell: { openExternal: vi.fn(async () => undefined) },
  BrowserWindow: vi.fn(),
  Menu: { buildFromTemplate: vi.fn(() => ({ popup: vi.fn() })) },
}));
vi.mock('electron', () => electron);

import { isAppUrl } from '../../src/main/appProtocol';
import { buildContextMenuTemplate } from '../../src/main/contextMenu';
import { registerIpc } from '../../src/main/ipc';
import { cspProblems, hardenSession, parseCsp, RENDERER_CSP } from '../../src/main/security';
import { createMainWindow, secureWebPreferences } from '../../src/main/window';
import { METHOD_NAMES, channelFor, type MethodName } from '../../src/shared/channels';
import {
  createHandlers,
  openWorkspace,
  closeWorkspace,
  type Handlers,
  type Workspace,
} from '../../src/services/handlers';
import type { Envelope } from '../../src/shared/errors';
import { makeTempDir } from '../helpers/tempLibrary';
import { cancelledDialogs } from './desktopFixtures';

const ROOT = join(import.meta.dirname, '../..');

describe('permissions are denied, asked or checked', () => {
  it('hardenSession denies every permission request and check, every device, and every download', () => {
    const handlers: Record<string, (...args: never[]) => unknown> = {};
    const ses = {
      setPermissionRequestHandler: vi.fn((h) => (handlers.request = h)),
      setPermissionCheckHandler: vi.fn((h) => (handlers.check = h)),
      setDevicePermissionHandler: vi.fn((h) => (handlers.device = h)),
      setSpellCheckerEnabled: vi.fn(),
      on: vi.fn((name: string, h) => (handlers[name] = h)),
    };
    hardenSession(ses as never);
    for (const permission of [
      'media',
      'notifications',
      'geolocation',
      'clipboard-read',
      'openExternal',
      'fullscreen',
    ]) {
      const callback = vi.fn();
      (handlers.request as (...a: unknown[]) => void)({}, permission, callback);
      expect(callback, permission).toHaveBeenCalledWith(false);
      expect(
        (handlers.check as (...a: unknown[]) => unknown)({}, permission, 'app://copydesk', {}),
        permission,
      ).toBe(false);
    }
    expect((handlers.device as (...a: unknown[]) => unknown)({ deviceType: 'usb' })).toBe(false);
    expect(ses.setSpellCheckerEnabled).toHaveBeenCalledWith(false);
    const download = { preventDefault: vi.fn() };
    (handlers['will-download'] as (...a: unknown[]) => void)(download, {}, {});
    expect(download.preventDefault).toHaveBeenCalled();
  });
});

describe('the Content-Security-Policy', () => {
  it('the header has no inline or remote script and no remote origin anywhere', () => {
    expect(cspProblems(RENDERER_CSP)).toEqual([]);
    expect(parseCsp(RENDERER_CSP)['frame-ancestors']).toEqual(["'none'"]);
  });

  it('the checker catches what it must', () => {
    expect(cspProblems("default-src 'none'; script-src 'self' 'unsafe-inline'")).toContain(
      "script-src allows 'unsafe-inline'",
    );
    expect(cspProblems("default-src 'none'; script-src 'self' https://cdn.example")).toContain(
      'script-src allows https://cdn.example',
    );
    expect(cspProblems("default-src 'none'; img-src https:")).toContain('img-src allows https:');
    expect(cspProblems("default-src 'self'")).toContain("default-src is not 'none'");
  });

  function metaCsp(html: string): string {
    const match = /<meta\s+http-equiv="Content-Security-Policy"\s+content="([^"]+)"/i.exec(html);
    if (!match) throw new Error('no CSP meta tag');
    return match[1]!;
  }

  it('the page’s meta tag (source) says the same as the header, minus what only a header can say', () => {
    const meta = metaCsp(readFileSync(join(ROOT, 'src/renderer/index.html'), 'utf8'));
    expect(cspProblems(meta)).toEqual([]);
    const header = parseCsp(RENDERER_CSP);
    delete header['frame-ancestors'];
    expect(parseCsp(meta)).toEqual(header);
  });

  const built = join(ROOT, 'out/renderer/index.html');
  it.skipIf(!existsSync(built))(
    'the built page (out/renderer/index.html) keeps the policy and has no inline script',
    () => {
      const html = readFileSync(built, 'utf8');
      expect(cspProblems(metaCsp(html))).toEqual([]);
      // Every script is an external file from the app itself.
      for (const tag of html.match(/<script\b[^>]*>[\s\S]*?<\/script>/gi) ?? []) {
        expect(tag).toMatch(/\ssrc="\.?\/?assets\//);
        expect(tag.replace(/<script\b[^>]*>|<\/script>/gi, '').trim()).toBe('');
      }
      expect(html).not.toMatch(/\son[a-z]+=/i);
      expect(html).not.toMatch(/(src|href)="(https?:)?\/\//i);
    },
  );
});

describe('the window is created with the checklist’s preferences', () => {
  it('passes exactly secureWebPreferences() to BrowserWindow and loads app://', () => {
    const loadURL = vi.fn(async () => undefined);
    electron.BrowserWindow.mockImplementation(function (this: Record<string, unknown>) {
      Object.assign(this, {
        webContents: { setWindowOpenHandler: vi.fn(), on: vi.fn() },
        once: vi.fn(),
        loadURL,
      });
    } as never);
    createMainWindow({ preloadPath: '/p/preload.cjs', startUrl: 'app://copydesk/index.html' });
    const options = electron.BrowserWindow.mock.calls[0]![0] as { webPreferences: unknown };
    expect(options.webPreferences).toEqual(secureWebPreferences('/p/preload.cjs'));
    expect(secureWebPreferences('/p')).toMatchObject({
      disableBlinkFeatures: 'Auxclick',
      spellcheck: false,
      navigateOnDragDrop: false,
    });
    expect(loadURL).toHaveBeenCalledWith('app://copydesk/index.html');
  });
});

describe('every IPC method, present and future, checks its sender and its input', () => {
  let ws: Workspace;
  let cleanup: () => Promise<void>;
  const registered = new Map<string, (event: unknown, input: unknown) => Promise<Envelope<unknown>>>();
  const called: string[] = [];

  beforeEach(async () => {
    const tmp = await makeTempDir();
    cleanup = tmp.cleanup;
    ws = await openWorkspace(tmp.dir);
    const real = createHandlers({
      workspace: ws,
      dialogs: cancelledDialogs,
      openExternal: async () => undefined,
      emit: () => undefined,
    });
    // Spies around every handler: a refused call must never reach one.
    const spied = Object.fromEntries(
      Object.entries(real).map(([name, fn]) => [
        name,
        (input: unknown) => (called.push(name), (fn as (i: unknown) => unknown)(input)),
      ]),
    ) as unknown as Handlers;
    registerIpc(
      {
        handle: (c: string, f: never) => registered.set(c, f),
        removeHandler: (c: string) => registered.delete(c),
      } as never,
      spied,
      {
        isTrustedSender: (url) => isAppUrl(url),
      },
    );
    called.length = 0;
  });
  afterEach(async () => {
    await closeWorkspace(ws);
    await cleanup();
    registered.clear();
  });

  const foreign = [
    'https://attacker.example/',
    'file:///home/user/evil.html',
    'app://copydesk.evil/index.html',
    '',
  ];
  it.each(METHOD_NAMES.map((m) => [m]))(
    '%s refuses a foreign sender before doing anything',
    async (method: MethodName) => {
      for (const url of foreign) {
        const result = await registered.get(channelFor(method))!(
          { senderFrame: url ? { url } : null },
          undefined,
        );
        expect(result, url).toMatchObject({
          ok: false,
          error: { code: 'invalid-input', message: expect.stringMatching(/did not come from Copydesk/) },
        });
      }
      expect(called).toEqual([]);
    },
  );

  const garbage: unknown[] = [
    42,
    'garbage',
    [],
    { unexpected: true },
    { __proto__: { polluted: true }, id: 7 },
  ];
  it.each(METHOD_NAMES.map((m) => [m]))(
    '%s refuses malformed input with a clear message',
    async (method: MethodName) => {
      for (const input of garbage) {
        const result = await registered.get(channelFor(method))!(
          { senderFrame: { url: 'app://copydesk/index.html' } },
          input,
        );
        expect(result, JSON.stringify(input)).toMatchObject({
          ok: false,
          error: {
            code: 'invalid-input',
            message: expect.stringMatching(/^Copydesk could not accept that request/),
          },
        });
      }
      expect(called).toEqual([]);
    },
  );
});

describe('the context menu', () => {
  const params = (overrides: object = {}) => ({
    isEditable: true,
    selectionText: '',
    linkURL: '',
    editFlags: { canCut: false, canCopy: false, canPaste: true, canSelectAll: true },
    ...overrides,
  });
  const actions = () => ({ openLink: vi.fn(), copyText: vi.fn() });

  it('offers cut, copy and paste in the editor, enabled as Chromium says', () => {
    const items = buildContextMenuTemplate(params(), 'linux', actions());
    expect(items.map((i) => i.role ?? i.type)).toEqual([
      'cut',
      'copy',
      'paste',
      'pasteAndMatchStyle',
      'separator',
      'selectAll',
    ]);
    expect(items.find((i) => i.role === 'cut')!.enabled).toBe(false);
    expect(items.find((i) => i.role === 'paste')!.enabled).toBe(true);
  });

  it('opens only safe links, through the checked gateway, and copies link addresses', () => {
    const a = actions();
    const items = buildContextMenuTemplate(params({ linkURL: 'https://example.com/story' }), 'mac', a);
    (items.find((i) => i.id === 'openLink')!.click as () => void)();
    (items.find((i) => i.id === 'copyLink')!.click as () => void)();
    expect(a.openLink).toHaveBeenCalledWith('https://example.com/story');
    expect(a.copyText).toHaveBeenCalledWith('https://example.com/story');
    const evil = buildContextMenuTemplate(params({ linkURL: 'javascript:alert(1)' }), 'mac', a);
    expect(evil.find((i) => i.id === 'openLink')!.enabled).toBe(false);
  });

  it('has a spelling slot that stays empty until the copy desk provides suggestions', () => {
    expect(
      buildContextMenuTemplate(params(), 'linux', actions()).some((i) => String(i.id).startsWith('spelling')),
    ).toBe(false);
    const apply = vi.fn();
    const items = buildContextMenuTemplate(params(), 'linux', actions(), {
      word: 'teh',
      suggestions: ['the', 'tea'],
      apply,
    });
    expect(items.slice(0, 2).map((i) => i.label)).toEqual(['the', 'tea']);
    (items[0]!.click as () => void)();
    expect(apply).toHaveBeenCalledWith('the');
  });

  it('shows nothing on a right-click on plain page chrome', () => {
    expect(buildContextMenuTemplate(params({ isEditable: false }), 'linux', actions())).toEqual([]);
  });
});
