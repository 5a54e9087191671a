import type { MenuItemConstructorOptions } from 'electron';
import { DESK_STATUSES, DESK_STATUS_LABELS } from '../shared/article';
import {
  ExportFormatSchema,
  type ExportFormat,
  type MenuCommandPayload,
  type RecentArticle,
  type Theme,
  type UiState,
} from '../shared/contract';
import { acceleratorFor, type KeyboardPlatform, type ShortcutId } from '../shared/shortcuts';

/** What the menu is built from: the renderer's last report plus what main knows. */
export interface MenuState {
  ui: UiState;
  theme: Theme;
  /** The current library's recent articles, most recent first. */
  recentArticles: readonly RecentArticle[];
  /** Defaults to every format in the contract, so a new exporter shows up in File ▸ Export by itself. */
  exportFormats?: readonly ExportFormat[];
  /**
   * Whether review packages (issue 5) work in this build: without them File ▸ Send for review…
   * stays visible, so people find it, but disabled and labelled as coming.
   */
  reviewAvailable: boolean;
  /** Adds View ▸ Developer tools (under `electron-vite dev` only). */
  devTools?: boolean;
}

/** What menu items do that is not a renderer command. */
export interface MenuActions {
  /** Sends the command to the renderer (the `menuCommand` event). */
  command(payload: MenuCommandPayload): void;
  setTheme(theme: Theme): void;
  /** Shows the library folder in the file manager. */
  openLibraryFolder(): void;
}

const FORMAT_LABELS: Partial<Record<string, string>> = {
  html: 'HTML (publish-ready web page)',
  docx: 'Word document (.docx)',
  markdown: 'Markdown',
  md: 'Markdown',
  pdf: 'PDF',
  nitf: 'NITF (news XML)',
  text: 'Plain text',
  txt: 'Plain text',
};

/** The label File ▸ Export shows for a format. */
export function exportFormatLabel(format: string): string {
  return FORMAT_LABELS[format] ?? format.toUpperCase();
}

// On Windows and Linux `&` in a label marks the access key: a headline like "Q&A" would lose it.
const literal = (label: string, platform: KeyboardPlatform): string =>
  platform === 'mac' ? label : label.replace(/&/g, '&&');

const MAX_RECENT_LABEL = 60;

/**
 * The application menu for a platform, as a plain template (no Electron call: main passes it
 * to `Menu.buildFromTemplate`; tests inspect it). macOS gets the app menu (About, Settings,
 * Services, Hide, Quit) and a Window menu; Windows and Linux keep Settings and Quit in File.
 * Items that need an open article are disabled without one.
 */
export function buildMenuTemplate(
  state: MenuState,
  platform: KeyboardPlatform,
  actions: MenuActions,
): MenuItemConstructorOptions[] {
  const mac = platform === 'mac';
  const ui = state.ui;
  const hasArticle = ui.hasArticle === true;
  const key = (id: ShortcutId) => acceleratorFor(id, platform);
  const send = (payload: MenuCommandPayload) => () => actions.command(payload);
  const item = (
    id: ShortcutId & MenuCommandPayload['command'],
    label: string,
    options: Partial<MenuItemConstructorOptions> = {},
  ): MenuItemConstructorOptions => ({
    id,
    label,
    accelerator: key(id),
    click: send({ command: id } as MenuCommandPayload),
    ...options,
  });

  const formats = state.exportFormats ?? ExportFormatSchema.options;
  const exportMenu: MenuItemConstructorOptions = {
    id: 'exportArticle',
    label: 'Export',
    enabled: hasArticle,
    submenu: formats.map((format) => ({
      id: `exportArticle:${format}`,
      label: exportFormatLabel(format),
      enabled: hasArticle,
      ...(format === 'html' ? { accelerator: key('exportHtml') } : {}),
      click: send({ command: 'exportArticle', format }),
    })),
  };

  const recentMenu: MenuItemConstructorOptions = {
    id: 'recentArticles',
    label: 'Recent articles',
    submenu:
      state.recentArticles.length === 0
        ? [{ id: 'recentArticles:none', label: 'No recent articles', enabled: false }]
        : state.recentArticles.map((r) => {
            const headline = r.headline.trim() || 'Untitled article';
            const short =
              headline.length > MAX_RECENT_LABEL ? `${headline.slice(0, MAX_RECENT_LABEL - 1)}…` : headline;
            return {
              id: `openRecentArticle:${r.id}`,
              label: literal(short, platform),
              click: send({ command: 'openRecentArticle', id: r.id }),
            };
          }),
  };

  const settingsItem = item('showSettings', 'Settings…');
  const aboutItem: MenuItemConstructorOptions = {
    id: 'showAbout',
    label: 'About Copydesk',
    click: send({ command: 'showAbout' }),
  };

  const appMenu: MenuItemConstructorOptions = {
    id: 'app',
    label: 'Copydesk',
    submenu: [
      aboutItem,
      { type: 'separator' },
      settingsItem,
      { type: 'separator' },
      { role: 'services' },
      { type: 'separator' },
      { role: 'hide' },
      { role: 'hideOthers' },
      { role: 'unhide' },
      { type: 'separator' },
      { id: 'quit', role: 'quit', label: 'Quit Copydesk', accelerator: key('quit') },
    ],
  };

  const fileMenu: MenuItemConstructorOptions = {
    id: 'file',
    label: mac ? 'File' : '&File',
    submenu: [
      item('newArticle', 'New article'),
      item('importFiles', 'Import…'),
      exportMenu,
      {
        id: 'sendForReview',
        label: state.reviewAvailable ? 'Send for review…' : 'Send for review… (coming soon)',
        enabled: state.reviewAvailable && hasArticle,
        click: send({ command: 'sendForReview' }),
      },
      {
        id: 'openReviewPackage',
        label: 'Open review package…',
        enabled: state.reviewAvailable,
        click: send({ command: 'openReviewPackage' }),
      },
      { type: 'separator' },
      item('openLibrary', 'Open library…'),
      recentMenu,
      { type: 'separator' },
      ...(mac ? [] : [settingsItem, { type: 'separator' } as MenuItemConstructorOptions]),
      item('closeArticle', 'Close article', { enabled: hasArticle }),
      { id: 'closeWindow', role: 'close', label: 'Close window', accelerator: key('closeWindow') },
      ...(mac
        ? []
        : [
            { type: 'separator' } as MenuItemConstructorOptions,
            // Windows says Exit (Alt+F4 works too); Linux desktops say Quit (Ctrl+Q).
            {
              id: 'quit',
              role: 'quit',
              label: platform === 'windows' ? 'E&xit' : '&Quit',
              accelerator: key('quit'),
            } as MenuItemConstructorOptions,
          ]),
    ],
  };

  const editMenu: MenuItemConstructorOptions = {
    id: 'edit',
    label: mac ? 'Edit' : '&Edit',
    // Roles run Chromium's editing commands in the focused field; ProseMirror receives them as
    // `beforeinput` (historyUndo, insertFromPaste…), so the editor's own history stays in charge.
    submenu: [
      { id: 'undo', role: 'undo', label: 'Undo', accelerator: key('undo'), enabled: ui.canUndo ?? true },
      { id: 'redo', role: 'redo', label: 'Redo', accelerator: key('redo'), enabled: ui.canRedo ?? true },
      { type: 'separator' },
      { id: 'cut', role: 'cut', label: 'Cut', accelerator: key('cut') },
      { id: 'copy', role: 'copy', label: 'Copy', accelerator: key('copy') },
      { id: 'paste', role: 'paste', label: 'Paste', accelerator: key('paste') },
      {
        id: 'pastePlainText',
        role: 'pasteAndMatchStyle',
        label: 'Paste as plain text',
        accelerator: key('pastePlainText'),
      },
      { id: 'selectAll', role: 'selectAll', label: 'Select all', accelerator: key('selectAll') },
      { type: 'separator' },
      item('find', 'Find…', { enabled: hasArticle }),
      item('replace', 'Replace…', { enabled: hasArticle }),
      { type: 'separator' },
      item('addComment', 'Comment', { enabled: hasArticle }),
      item('toggleNote', 'Note', { enabled: hasArticle }),
    ],
  };

  const themeItem = (theme: Theme, label: string): MenuItemConstructorOptions => ({
    id: `theme:${theme}`,
    label,
    type: 'radio',
    checked: state.theme === theme,
    click: () => actions.setTheme(theme),
  });

  const toggle = (
    id: 'toggleLibrarySidebar' | 'toggleReviewPanel' | 'toggleFindingsPanel' | 'toggleFocusMode',
    label: string,
    checked: boolean | undefined,
    enabled: boolean,
  ): MenuItemConstructorOptions => item(id, label, { type: 'checkbox', checked: checked === true, enabled });

  const viewMenu: MenuItemConstructorOptions = {
    id: 'view',
    label: mac ? 'View' : '&View',
    submenu: [
      toggle('toggleLibrarySidebar', 'Library sidebar', ui.librarySidebar ?? true, true),
      toggle('toggleReviewPanel', 'Review panel', ui.reviewPanel, hasArticle),
      toggle('toggleFindingsPanel', 'Findings panel', ui.findingsPanel, hasArticle),
      toggle('toggleFocusMode', 'Focus mode', ui.focusMode, hasArticle),
      { type: 'separator' },
      {
        id: 'theme',
        label: 'Theme',
        submenu: [
          themeItem('dark', 'Dark'),
          themeItem('light', 'Light'),
          themeItem('system', 'Same as the system'),
        ],
      },
      { type: 'separator' },
      { id: 'zoomIn', role: 'zoomIn', label: 'Zoom in', accelerator: key('zoomIn') },
      { id: 'zoomOut', role: 'zoomOut', label: 'Zoom out', accelerator: key('zoomOut') },
      { id: 'resetZoom', role: 'resetZoom', label: 'Actual size', accelerator: key('resetZoom') },
      ...(mac ? [{ type: 'separator' } as const, { role: 'togglefullscreen' } as const] : []),
      ...(state.devTools ? [{ type: 'separator' } as const, { role: 'toggleDevTools' } as const] : []),
    ],
  };

  const articleMenu: MenuItemConstructorOptions = {
    id: 'article',
    label: mac ? 'Article' : '&Article',
    submenu: [
      {
        id: 'setDeskStatus',
        label: 'Desk status',
        enabled: hasArticle,
        submenu: DESK_STATUSES.map((status) => ({
          id: `setDeskStatus:${status}`,
          label: DESK_STATUS_LABELS[status],
          type: 'radio' as const,
          checked: ui.deskStatus === status,
          enabled: hasArticle,
          click: send({ command: 'setDeskStatus', status }),
        })),
      },
      item('showHistory', 'History…', { enabled: hasArticle }),
      { type: 'separator' },
      item('duplicateArticle', 'Duplicate', { enabled: hasArticle }),
      item('trashArticle', 'Move to trash', { enabled: hasArticle }),
    ],
  };

  const helpMenu: MenuItemConstructorOptions = {
    id: 'help',
    label: mac ? 'Help' : '&Help',
    role: 'help',
    submenu: [
      item('showShortcuts', 'Keyboard shortcuts'),
      ...(mac ? [] : [aboutItem]),
      { type: 'separator' },
      { id: 'openLibraryFolder', label: 'Open the library folder', click: () => actions.openLibraryFolder() },
    ],
  };

  return [
    ...(mac ? [appMenu] : []),
    fileMenu,
    editMenu,
    viewMenu,
    articleMenu,
    ...(mac ? [{ id: 'window', role: 'windowMenu' } as MenuItemConstructorOptions] : []),
    helpMenu,
  ];
}
