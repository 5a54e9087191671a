import { readFile } from 'node:fs/promises';
import { join } from 'node:path';
import { app, BrowserWindow, dialog, ipcMain, protocol, session, shell } from 'electron';
import { eventChannelFor } from '../shared/channels';
import { isCopydeskError } from '../shared/errors';
import { AppSettingsStore, defaultLibraryDir } from '../services/appSettings';
import { createHandlers, openWorkspace, closeWorkspace, type Handlers } from '../services/handlers';
import { APP_ORIGIN, APP_SCHEME, isAppUrl, resolveAppAsset } from './appProtocol';
import { electronDialogs } from './dialogs';
import { registerIpc } from './ipc';
import { createMainWindow } from './window';

/** The renderer's Content-Security-Policy, sent as a header as well as the page's meta tag. */
export const RENDERER_CSP =
  "default-src 'none'; script-src 'self'; style-src 'self'; img-src 'self' data: blob:; font-src 'self'; connect-src 'self'; base-uri 'none'; form-action 'none'; object-src 'none'; frame-ancestors 'none'";

// Must run before `ready`: the app:// scheme behaves like https (secure, standard origin).
protocol.registerSchemesAsPrivileged([
  { scheme: APP_SCHEME, privileges: { standard: true, secure: true, supportFetchAPI: true, codeCache: true } },
]);
app.setName('Copydesk');

const log = (message: string, error: unknown): void => {
  console.error(`[copydesk] ${message}`, error instanceof Error ? (error.stack ?? error.message) : (error ?? ''));
};

if (!app.requestSingleInstanceLock()) {
  // Another Copydesk is running: it focuses itself (see `second-instance`); this one leaves.
  app.quit();
} else {
  void start().catch((e) => {
    log('start-up failed', e);
    dialog.showErrorBox('Copydesk could not start', isCopydeskError(e) ? e.message : String(e));
    app.exit(1);
  });
}

async function start(): Promise<void> {
  await app.whenReady();
  const devServerUrl = process.env.ELECTRON_RENDERER_URL;

  session.defaultSession.setPermissionRequestHandler((_wc, _permission, callback) => callback(false));
  session.defaultSession.setPermissionCheckHandler(() => false);

  const rendererRoot = join(import.meta.dirname, '../renderer');
  protocol.handle(APP_SCHEME, async (request) => {
    const asset = resolveAppAsset(rendererRoot, request.url);
    if (!asset) return new Response('Not found', { status: 404 });
    try {
      const data = await readFile(asset.path);
      return new Response(data, {
        headers: { 'content-type': asset.mime, 'content-security-policy': RENDERER_CSP, 'x-content-type-options': 'nosniff' },
      });
    } catch {
      return new Response('Not found', { status: 404 });
    }
  });

  const settings = await AppSettingsStore.open(app.getPath('userData'));
  const libraryDir = settings.libraryPath ?? defaultLibraryDir(app.getPath('documents'));
  const workspace = await openWorkspace(libraryDir);
  if (!settings.libraryPath) await settings.setLibraryPath(libraryDir);

  let win: BrowserWindow | null = null;
  let readyToClose = false;
  const base = createHandlers({
    workspace,
    dialogs: electronDialogs(() => win, () => app.getPath('documents')),
    openExternal: (url) => shell.openExternal(url),
    emit: (event, payload) => win?.webContents.send(eventChannelFor(event), payload),
    onReadyToClose: () => {
      readyToClose = true;
      win?.close();
    },
    log,
  });
  const handlers: Handlers = {
    ...base,
    async chooseLibrary(input) {
      const info = await base.chooseLibrary(input);
      if (info) await settings.setLibraryPath(info.path);
      return info;
    },
  };
  registerIpc(ipcMain, handlers, { isTrustedSender: (url) => isAppUrl(url, devServerUrl), log });

  win = createMainWindow({
    preloadPath: join(import.meta.dirname, '../preload/index.cjs'),
    startUrl: devServerUrl ?? `${APP_ORIGIN}/index.html`,
    devServerUrl,
    iconPath: join(import.meta.dirname, '../../resources/icon.png'),
  });

  // Closing waits for the renderer to save what is pending (it answers `windowReadyToClose`).
  win.on('close', (event) => {
    if (readyToClose || !win) return;
    event.preventDefault();
    win.webContents.send(eventChannelFor('flushRequested'), null);
    setTimeout(() => {
      if (readyToClose || !win || win.isDestroyed()) return;
      const choice = dialog.showMessageBoxSync(win, {
        type: 'warning',
        buttons: ['Keep waiting', 'Close anyway'],
        defaultId: 0,
        cancelId: 0,
        message: 'Copydesk could not confirm that your latest changes were saved.',
        detail: 'The disk may be slow or unavailable. Keep waiting to try again, or close anyway (changes since the last “Saved” may be lost).',
      });
      if (choice === 1) {
        readyToClose = true;
        win.close();
      }
    }, 5000);
  });
  win.on('closed', () => {
    win = null;
  });

  app.on('second-instance', () => {
    if (!win) return;
    if (win.isMinimized()) win.restore();
    win.focus();
  });
  app.on('window-all-closed', () => app.quit());

  let closing = false;
  app.on('will-quit', (event) => {
    if (closing) return;
    closing = true;
    event.preventDefault();
    void closeWorkspace(workspace)
      .catch((e) => log('closing the library failed', e))
      .finally(() => app.quit());
  });
}
