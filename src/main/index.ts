import { readFile } from 'node:fs/promises';
import { join } from 'node:path';
import {
  app,
  BrowserWindow,
  clipboard,
  dialog,
  ipcMain,
  Menu,
  nativeTheme,
  protocol,
  screen,
  session,
  shell,
} from 'electron';
import { eventChannelFor, type EventName, type EventPayloads, type UiState } from '../shared/contract';
import { isCopydeskError } from '../shared/errors';
import { keyboardPlatform } from '../shared/shortcuts';
import { AppSettingsStore, defaultLibraryDir } from '../services/appSettings';
import { createHandlers, openWorkspace, closeWorkspace, type Handlers } from '../services/handlers';
import { productionLicences, type LicenceEntry } from '../services/licences';
import { APP_ORIGIN, APP_SCHEME, isAppUrl, resolveAppAsset } from './appProtocol';
import { guardWindowClose, waitPatiently } from './closeGuard';
import { attachContextMenu } from './contextMenu';
import { electronDialogs } from './dialogs';
import { resolveLibraryAsset } from '../services/libraryAssets';
import { registerIpc } from './ipc';
import { commandLineFiles } from './launchFiles';
import { buildMenuTemplate } from './menu';
import { electronPdfRenderer } from './pdf';
import { hardenSession, RENDERER_CSP } from './security';
import { watchLibrary } from '../library/watcher';
import { watchCheckConfig } from '../checks/node/watchCheckConfig';
import { createMainWindow, openExternalSafely } from './window';
import { displayLayoutKey, initialPlacement, trackWindowPlacement, type DisplayLike } from './windowState';

export { RENDERER_CSP } from './security';

/** Review packages (issue 5): File ▸ Send for review… and Open review package… are enabled. */
const REVIEW_AVAILABLE = true;

/** How long closing waits for the renderer's pending saves, and quitting for the disk, before asking. */
const FLUSH_TIMEOUT_MS = 5000;
const DISK_TIMEOUT_MS = 10_000;

// Must run before `ready`: the app:// scheme behaves like https (secure, standard origin).
protocol.registerSchemesAsPrivileged([
  {
    scheme: APP_SCHEME,
    privileges: { standard: true, secure: true, supportFetchAPI: true, codeCache: true },
  },
]);
app.setName('Copydesk');

const log = (message: string, error: unknown): void => {
  console.error(
    `[copydesk] ${message}`,
    error instanceof Error ? (error.stack ?? error.message) : (error ?? ''),
  );
};

const platform = keyboardPlatform(process.platform);

// Files to open that arrive before the window can take them: this launch's command line, and
// macOS "open with" (`open-file` fires before `ready` when a file starts the app).
let openFiles: (paths: string[]) => void;
const pendingFiles: string[] = commandLineFiles(process.argv, process.cwd());
openFiles = (paths) => pendingFiles.push(...paths);
app.on('open-file', (event, path) => {
  event.preventDefault();
  openFiles([path]);
});

if (!app.requestSingleInstanceLock()) {
  // Another Copydesk is running: it focuses itself and opens our files (see `second-instance`).
  app.quit();
} else {
  void start().catch((e) => {
    log('start-up failed', e);
    dialog.showErrorBox('Copydesk could not start', isCopydeskError(e) ? e.message : String(e));
    app.exit(1);
  });
}

/** The displays, primary first (clampToDisplays falls back to the first). */
function displays(): DisplayLike[] {
  const primary = screen.getPrimaryDisplay();
  return [primary, ...screen.getAllDisplays().filter((d) => d.id !== primary.id)];
}

async function start(): Promise<void> {
  await app.whenReady();
  const devServerUrl = process.env.ELECTRON_RENDERER_URL;

  hardenSession(session.defaultSession, (message) => log(message, null));

  const rendererRoot = join(import.meta.dirname, '../renderer');
  protocol.handle(APP_SCHEME, async (request) => {
    // The open library's pictures, at app://copydesk/library-assets/<articleId>/<file>.
    const { pathname } = new URL(request.url);
    if (pathname.startsWith('/library-assets/')) {
      const picture = resolveLibraryAsset(workspace.library.dir, pathname);
      const data = picture ? await readFile(picture.path).catch(() => null) : null;
      if (!picture || !data) return new Response('Not found', { status: 404 });
      return new Response(data, {
        headers: { 'content-type': picture.mime, 'x-content-type-options': 'nosniff' },
      });
    }
    const asset = resolveAppAsset(rendererRoot, request.url);
    if (!asset) return new Response('Not found', { status: 404 });
    try {
      const data = await readFile(asset.path);
      return new Response(data, {
        headers: {
          'content-type': asset.mime,
          'content-security-policy': RENDERER_CSP,
          'x-content-type-options': 'nosniff',
        },
      });
    } catch {
      return new Response('Not found', { status: 404 });
    }
  });

  let win: BrowserWindow | null = null;
  let uiState: UiState = {};
  // The renderer's first `reportUiState` says it is listening: files to open wait for it.
  let rendererListening = false;
  let licences: Promise<LicenceEntry[]> | null = null;

  const send = <E extends EventName>(event: E, payload: EventPayloads[E]) => {
    if (win && !win.isDestroyed()) win.webContents.send(eventChannelFor(event), payload);
  };

  const settings = await AppSettingsStore.open(app.getPath('userData'));
  const libraryDir = settings.libraryPath ?? defaultLibraryDir(app.getPath('documents'));
  // The list shows from the library's index at once; the files are checked against it right
  // after, and the list refreshes if the check found changes (see LibraryStore.open).
  const workspace = await openWorkspace(libraryDir, {
    reconcile: 'background',
    onReconciled: (changed) => changed && send('libraryChanged', { reason: 'checked' }),
    log,
  });
  if (!settings.libraryPath) await settings.setLibraryPath(libraryDir);
  // The View ▸ Theme choice drives `prefers-color-scheme` in the page, so CSS alone follows it.
  nativeTheme.themeSource = settings.preferences.theme;

  const refreshMenu = () => {
    const template = buildMenuTemplate(
      {
        ui: uiState,
        theme: settings.preferences.theme,
        recentArticles: settings.recentArticles(workspace.library.dir),
        reviewAvailable: REVIEW_AVAILABLE,
        devTools: Boolean(devServerUrl),
      },
      platform,
      {
        command: (payload) => send('menuCommand', payload),
        setTheme: (theme) =>
          void handlers.updateAppSettings({ theme }).catch((e) => log('changing the theme failed', e)),
        openLibraryFolder: () =>
          void shell
            .openPath(workspace.library.dir)
            .then((error) => error && log('opening the library folder failed', error)),
      },
    );
    Menu.setApplicationMenu(Menu.buildFromTemplate(template));
  };

  const base = createHandlers({
    workspace,
    dialogs: electronDialogs(
      () => win,
      () => app.getPath('documents'),
    ),
    // Checked again by the one gateway to the browser, whatever the handler already checked.
    openExternal: async (url) => void openExternalSafely(url),
    // Electron's own clipboard: the page's navigator.clipboard is refused with every permission.
    copyToClipboard: (text) => clipboard.writeText(text),
    emit: (event, payload) => {
      if (event === 'appSettingsChanged') {
        // Applied here too, so settings take effect without a restart (theme, menu checkmarks).
        nativeTheme.themeSource = (payload as EventPayloads['appSettingsChanged']).theme;
        refreshMenu();
      }
      send(event, payload);
    },
    renderPdf: electronPdfRenderer(),
    // The guard exists by the time the renderer can answer `flushRequested`.
    onReadyToClose: () => closeGuard.readyToClose(),
    log,
    appSettings: settings,
    onUiState: (state) => {
      uiState = { ...uiState, ...state };
      refreshMenu();
      if (!rendererListening) {
        rendererListening = true;
        const waiting = pendingFiles.splice(0);
        if (waiting.length > 0) openFiles(waiting);
      }
    },
    about: async () => ({
      electron: process.versions.electron ?? null,
      chromium: process.versions.chrome ?? null,
      licences: await (licences ??= productionLicences(app.getAppPath()).catch((e) => {
        log('reading the licences failed', e);
        return [];
      })),
    }),
  });
  const handlers: Handlers = {
    ...base,
    async chooseLibrary(input) {
      const info = await base.chooseLibrary(input);
      if (info) {
        await settings.setLibraryPath(info.path);
        refreshMenu();
      }
      return info;
    },
  };
  registerIpc(ipcMain, handlers, { isTrustedSender: (url) => isAppUrl(url, devServerUrl), log });

  // Command-line files, a second launch's files and dropped files all go through one path:
  // the same checks as a drop (existing files with a supported extension), then the importers.
  openFiles = (paths) => {
    if (!rendererListening) {
      pendingFiles.push(...paths);
      return;
    }
    if (paths.length === 0) return;
    void base
      .importDroppedFiles({ paths })
      .then((result) => send('filesOpened', result))
      .catch((e) => log('opening files from the command line failed', e));
  };

  // A library in a synced folder changes under us: articles edited elsewhere reload or show a
  // conflict in the renderer, never overwritten.
  const watcher = watchLibrary(
    () => workspace.library,
    (changes, conflictsChanged) => {
      for (const change of changes) send('articleChangedOnDisk', change);
      if (changes.length > 0 || conflictsChanged) send('libraryChanged', { reason: 'changed-on-disk' });
    },
  );
  // The newsroom dictionary and style packs of a shared library change under us too: the
  // renderer's checks worker takes them in without a restart.
  const checkConfigWatcher = watchCheckConfig(
    () => workspace.library.dir,
    () => send('checkConfigChanged', { reason: 'files' }),
    { log },
  );

  refreshMenu();
  const placement = initialPlacement(settings.windowPlacement(displayLayoutKey(displays())), displays());
  win = createMainWindow({
    preloadPath: join(import.meta.dirname, '../preload/index.cjs'),
    startUrl: devServerUrl ?? `${APP_ORIGIN}/index.html`,
    devServerUrl,
    iconPath: join(import.meta.dirname, '../../resources/icon.png'),
    bounds: placement.bounds,
    maximized: placement.maximized,
  });
  trackWindowPlacement(win, (p) => {
    void settings
      .saveWindowPlacement(displayLayoutKey(displays()), p)
      .catch((e) => log('saving the window position failed', e));
  });
  attachContextMenu(win.webContents, {
    platform,
    actions: {
      openLink: (url) => void openExternalSafely(url),
      copyText: (text) => clipboard.writeText(text),
    },
  });

  // Closing waits for the renderer to save what is pending (it answers `windowReadyToClose`).
  const shownWin = win;
  const closeGuard = guardWindowClose(shownWin, {
    requestFlush: () => send('flushRequested', null),
    timeoutMs: FLUSH_TIMEOUT_MS,
    askCloseAnyway: () =>
      dialog.showMessageBoxSync(shownWin, {
        type: 'warning',
        buttons: ['Keep waiting', 'Close anyway'],
        defaultId: 0,
        cancelId: 0,
        message: 'Copydesk could not confirm that your latest changes were saved.',
        detail:
          'The disk may be slow or unavailable. Keep waiting to try again, or close anyway (changes since the last “Saved” may be lost).',
      }) === 1,
  });
  win.on('closed', () => {
    win = null;
  });

  if (settings.damagedNotice) {
    void dialog.showMessageBox(shownWin, {
      type: 'warning',
      message: 'Your settings were reset',
      detail: settings.damagedNotice,
    });
  }

  app.on('second-instance', (_event, argv, workingDirectory) => {
    if (!win) return;
    if (win.isMinimized()) win.restore();
    win.show();
    win.focus();
    openFiles(commandLineFiles(argv, workingDirectory));
  });
  app.on('window-all-closed', () => app.quit());

  let closing = false;
  app.on('will-quit', (event) => {
    if (closing) return;
    closing = true;
    event.preventDefault();
    watcher.close();
    checkConfigWatcher.close();
    void waitPatiently(
      closeWorkspace(workspace).catch((e) => log('closing the library failed', e)),
      {
        timeoutMs: DISK_TIMEOUT_MS,
        askStopWaiting: async () =>
          (
            await dialog.showMessageBox({
              type: 'warning',
              buttons: ['Keep waiting', 'Quit anyway'],
              defaultId: 0,
              cancelId: 0,
              message: 'Copydesk is still writing your library to the disk.',
              detail: `The disk holding ${workspace.library.dir} has not answered for ${DISK_TIMEOUT_MS / 1000} seconds. Keep waiting, or quit anyway (the last save may be lost).`,
            })
          ).response === 1,
      },
    ).then((outcome) => (outcome === 'abandoned' ? app.exit(1) : app.quit()));
  });
}
