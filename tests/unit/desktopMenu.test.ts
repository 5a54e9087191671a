import { describe, expect, it, vi } from 'vitest';
import type { MenuItemConstructorOptions } from 'electron';
import { buildMenuTemplate, type MenuActions, type MenuState } from '../../src/main/menu';
import { DESK_STATUSES } from '../../src/shared/article';
import { ExportFormatSchema, MenuCommandPayloadSchema, MenuCommandSchema } from '../../src/shared/contract';
import {
  acceleratorFor,
  SHORTCUTS,
  type KeyboardPlatform,
  type ShortcutId,
} from '../../src/shared/shortcuts';

const PLATFORMS: KeyboardPlatform[] = ['mac', 'windows', 'linux'];

function state(overrides: Partial<MenuState> = {}): MenuState {
  return { ui: {}, theme: 'system', recentArticles: [], reviewAvailable: false, ...overrides };
}

function actions(): MenuActions & { sent: unknown[] } {
  const sent: unknown[] = [];
  return { sent, command: (p) => sent.push(p), setTheme: vi.fn(), openLibraryFolder: vi.fn() };
}

/** Every item of the template, depth first. */
function flatten(items: MenuItemConstructorOptions[]): MenuItemConstructorOptions[] {
  return items.flatMap((i) => [i, ...(Array.isArray(i.submenu) ? flatten(i.submenu) : [])]);
}

function find(items: MenuItemConstructorOptions[], id: string): MenuItemConstructorOptions {
  const hit = flatten(items).find((i) => i.id === id);
  if (!hit) throw new Error(`no menu item ${id}`);
  return hit;
}

const click = (item: MenuItemConstructorOptions) => (item.click as () => void)();

const withArticle = state({
  ui: { hasArticle: true, articleId: 'abc-123', deskStatus: 'in-edit', canUndo: true, canRedo: false },
  recentArticles: [
    {
      id: 'abc-123',
      headline: 'Council Q&A on the budget',
      libraryPath: '/lib',
      openedAt: '2024-01-01T00:00:00Z',
    },
  ],
});

describe('the application menu follows each platform’s conventions', () => {
  it('macOS has the app menu (About, Settings, Services, Hide, Quit) and a Window menu', () => {
    const menu = buildMenuTemplate(state(), 'mac', actions());
    expect(menu.map((m) => m.id)).toEqual(['app', 'file', 'edit', 'view', 'article', 'window', 'help']);
    const app = menu[0]!.submenu as MenuItemConstructorOptions[];
    expect(app.map((i) => i.id ?? i.role ?? i.type)).toEqual(
      expect.arrayContaining(['showAbout', 'showSettings', 'services', 'hide', 'quit']),
    );
    expect(flatten(menu[1]!.submenu as MenuItemConstructorOptions[]).some((i) => i.role === 'quit')).toBe(
      false,
    );
  });

  it.each(['windows', 'linux'] as const)(
    '%s keeps Settings and Quit in the File menu and About in Help',
    (platform) => {
      const menu = buildMenuTemplate(state(), platform, actions());
      expect(menu.map((m) => m.id)).toEqual(['file', 'edit', 'view', 'article', 'help']);
      const file = flatten(menu[0]!.submenu as MenuItemConstructorOptions[]);
      expect(file.map((i) => i.id)).toEqual(expect.arrayContaining(['showSettings', 'quit']));
      expect(find(menu, 'quit').label).toBe(platform === 'windows' ? 'E&xit' : '&Quit');
      expect(flatten(menu[4]!.submenu as MenuItemConstructorOptions[]).map((i) => i.id)).toContain(
        'showAbout',
      );
    },
  );

  it('has every item the issue lists', () => {
    const ids = flatten(buildMenuTemplate(withArticle, 'linux', actions())).map((i) => i.id ?? i.role);
    for (const id of [
      'newArticle',
      'importFiles',
      'exportArticle',
      'sendForReview',
      'openReviewPackage',
      'openLibrary',
      'recentArticles',
      'closeArticle',
      'quit',
      'undo',
      'redo',
      'cut',
      'copy',
      'paste',
      'pastePlainText',
      'selectAll',
      'find',
      'replace',
      'toggleLibrarySidebar',
      'toggleReviewPanel',
      'toggleFindingsPanel',
      'toggleFocusMode',
      'theme:dark',
      'theme:light',
      'theme:system',
      'zoomIn',
      'zoomOut',
      'resetZoom',
      'setDeskStatus',
      'showHistory',
      'duplicateArticle',
      'trashArticle',
      'showShortcuts',
      'showAbout',
      'openLibraryFolder',
    ]) {
      expect(ids, id).toContain(id);
    }
  });

  it('reaches every menu command of the contract, each through a payload the contract accepts', () => {
    const a = actions();
    const items = flatten(buildMenuTemplate(withArticle, 'windows', a));
    for (const item of items) if (item.click && !item.role) click(item);
    for (const payload of a.sent)
      expect(MenuCommandPayloadSchema.safeParse(payload).success, JSON.stringify(payload)).toBe(true);
    const reached = new Set(a.sent.map((p) => (p as { command: string }).command));
    expect([...reached].sort()).toEqual([...MenuCommandSchema.options].sort());
  });

  it('offers every export format of the contract in File ▸ Export, HTML on CmdOrCtrl+E', () => {
    const a = actions();
    const menu = buildMenuTemplate(withArticle, 'linux', a);
    const exportItems = find(menu, 'exportArticle').submenu as MenuItemConstructorOptions[];
    expect(exportItems.map((i) => i.id)).toEqual(ExportFormatSchema.options.map((f) => `exportArticle:${f}`));
    expect(find(menu, 'exportArticle:html').accelerator).toBe('CmdOrCtrl+E');
    click(find(menu, 'exportArticle:html'));
    expect(a.sent).toEqual([{ command: 'exportArticle', format: 'html' }]);
    // A format another engineer adds shows up without touching the menu.
    const more = buildMenuTemplate({ ...withArticle, exportFormats: ['html', 'docx' as never] }, 'linux', a);
    expect(find(more, 'exportArticle:docx').label).toMatch(/Word/);
  });

  it('enables article items only when an article is open', () => {
    const articleItems = [
      'exportArticle',
      'closeArticle',
      'find',
      'replace',
      'setDeskStatus',
      'showHistory',
      'duplicateArticle',
      'trashArticle',
      'toggleFocusMode',
    ];
    const none = buildMenuTemplate(state(), 'linux', actions());
    const some = buildMenuTemplate(withArticle, 'linux', actions());
    for (const id of articleItems) {
      expect(find(none, id).enabled, id).toBe(false);
      expect(find(some, id).enabled, id).not.toBe(false);
    }
    expect(find(none, 'newArticle').enabled).not.toBe(false);
    expect(find(some, 'undo').enabled).toBe(true);
    expect(find(some, 'redo').enabled).toBe(false);
  });

  it('shows Send for review… disabled and says it is not there yet', () => {
    const item = find(buildMenuTemplate(withArticle, 'mac', actions()), 'sendForReview');
    expect(item.enabled).toBe(false);
    expect(item.label).toMatch(/coming soon/);
    expect(
      find(buildMenuTemplate({ ...withArticle, reviewAvailable: true }, 'mac', actions()), 'sendForReview')
        .enabled,
    ).toBe(true);
  });

  it('offers Open review package… without an open article once review packages work', () => {
    const a = actions();
    const item = find(buildMenuTemplate({ ...state(), reviewAvailable: true }, 'linux', a), 'openReviewPackage');
    expect(item.enabled).toBe(true);
    (item.click as () => void)();
    expect(a.sent).toContainEqual({ command: 'openReviewPackage' });
    expect(find(buildMenuTemplate(state(), 'linux', actions()), 'openReviewPackage').enabled).toBe(false);
  });

  it('lists recent articles, keeps a “&” in a headline on Windows, and opens them', () => {
    const a = actions();
    const menu = buildMenuTemplate(withArticle, 'windows', a);
    const item = find(menu, 'openRecentArticle:abc-123');
    expect(item.label).toBe('Council Q&&A on the budget');
    click(item);
    expect(a.sent).toEqual([{ command: 'openRecentArticle', id: 'abc-123' }]);
    expect(find(buildMenuTemplate(withArticle, 'mac', a), 'openRecentArticle:abc-123').label).toBe(
      'Council Q&A on the budget',
    );
    expect(find(buildMenuTemplate(state(), 'mac', a), 'recentArticles:none').enabled).toBe(false);
  });

  it('marks the desk status, the theme and the panels that are on', () => {
    const a = actions();
    const menu = buildMenuTemplate(
      { ...withArticle, theme: 'dark', ui: { ...withArticle.ui, focusMode: true } },
      'mac',
      a,
    );
    const statuses = find(menu, 'setDeskStatus').submenu as MenuItemConstructorOptions[];
    expect(statuses).toHaveLength(DESK_STATUSES.length);
    expect(statuses.filter((s) => s.checked).map((s) => s.id)).toEqual(['setDeskStatus:in-edit']);
    expect(find(menu, 'theme:dark').checked).toBe(true);
    expect(find(menu, 'theme:light').checked).toBe(false);
    expect(find(menu, 'toggleFocusMode').checked).toBe(true);
    click(find(menu, 'theme:light'));
    expect(a.setTheme).toHaveBeenCalledWith('light');
    click(find(menu, 'openLibraryFolder'));
    expect(a.openLibraryFolder).toHaveBeenCalled();
  });

  it.each(PLATFORMS)(
    'on %s every accelerator comes from the shortcut table, and none is used twice',
    (platform) => {
      const items = flatten(buildMenuTemplate(withArticle, platform, actions())).filter((i) => i.accelerator);
      const accelerators = items.map((i) => i.accelerator as string);
      expect(new Set(accelerators).size).toBe(accelerators.length);
      const fromTable = new Set(
        (Object.keys(SHORTCUTS) as ShortcutId[]).map((id) => acceleratorFor(id, platform)),
      );
      for (const a of accelerators) expect(fromTable, a).toContain(a);
      const byId = Object.fromEntries(items.map((i) => [i.id, i.accelerator]));
      expect(byId).toMatchObject({
        newArticle: 'CmdOrCtrl+N',
        importFiles: 'CmdOrCtrl+O',
        find: 'CmdOrCtrl+F',
        replace: platform === 'mac' ? 'Cmd+Alt+F' : 'CmdOrCtrl+H',
        toggleLibrarySidebar: 'CmdOrCtrl+Shift+L',
        toggleFocusMode: 'CmdOrCtrl+Shift+F',
      });
    },
  );
});
