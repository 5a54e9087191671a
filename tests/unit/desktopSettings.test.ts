import { readdir, readFile, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { AppSettingsStore, MAX_RECENT_ARTICLES } from '../../src/services/appSettings';
import {
  closeWorkspace,
  createHandlers,
  dispatch,
  openWorkspace,
  type Workspace,
} from '../../src/services/handlers';
import { DEFAULT_PREFERENCES, type EventPayloads } from '../../src/shared/contract';
import { makeTempDir } from '../helpers/tempLibrary';
import { cancelledDialogs } from './desktopFixtures';

describe('app settings in the app’s data folder', () => {
  let dir: string;
  let cleanup: () => Promise<void>;
  beforeEach(async () => ({ dir, cleanup } = await makeTempDir()));
  afterEach(() => cleanup());

  it('reads a settings file written by an older Copydesk with defaults for what it lacks', async () => {
    await writeFile(join(dir, 'settings.json'), JSON.stringify({ libraryPath: '/news/lib' }));
    const settings = await AppSettingsStore.open(dir);
    expect(settings.libraryPath).toBe('/news/lib');
    expect(settings.preferences).toEqual(DEFAULT_PREFERENCES);
    expect(settings.damagedNotice).toBeNull();
  });

  it('keeps preferences across restarts and refuses invalid ones', async () => {
    const settings = await AppSettingsStore.open(dir);
    await settings.updatePreferences({ name: 'Ada Reporter', initials: 'AR', role: 'editor', theme: 'dark' });
    await expect(settings.updatePreferences({ theme: 'purple' as never })).rejects.toThrow();
    const again = await AppSettingsStore.open(dir);
    expect(again.preferences).toMatchObject({
      name: 'Ada Reporter',
      initials: 'AR',
      role: 'editor',
      theme: 'dark',
      spellCheckLanguage: 'en-US',
    });
  });

  it('keeps an unreadable settings file aside instead of overwriting it, and says so', async () => {
    await writeFile(join(dir, 'settings.json'), '{ "libraryPath": ');
    const settings = await AppSettingsStore.open(dir);
    expect(settings.damagedNotice).toMatch(/could not be read.*kept as/);
    await settings.setLibraryPath('/elsewhere');
    const files = await readdir(dir);
    const kept = files.find((f) => f.startsWith('settings.damaged-'));
    expect(kept).toBeDefined();
    expect(await readFile(join(dir, kept!), 'utf8')).toBe('{ "libraryPath": ');
  });

  it('remembers recent articles per library, most recent first, at most ten', async () => {
    const settings = await AppSettingsStore.open(dir);
    for (let i = 0; i < 12; i++)
      await settings.rememberArticle({ id: `art-${i}`, headline: `Story ${i}`, libraryPath: '/a' });
    await settings.rememberArticle({ id: 'other-1', headline: 'Elsewhere', libraryPath: '/b' });
    await settings.rememberArticle({ id: 'art-5', headline: 'Story 5, updated', libraryPath: '/a' });
    const recent = settings.recentArticles('/a');
    expect(recent[0]).toMatchObject({ id: 'art-5', headline: 'Story 5, updated' });
    expect(recent.filter((r) => r.id === 'art-5')).toHaveLength(1);
    expect(settings.recentArticles('/b').map((r) => r.id)).toEqual(['other-1']);
    expect(recent.length + 1).toBeLessThanOrEqual(MAX_RECENT_ARTICLES);
    expect(
      await settings.rememberArticle({ id: 'art-5', headline: 'Story 5, updated', libraryPath: '/a' }),
    ).toBe(false);
  });

  it('remembers the window per display arrangement and falls back to the last one', async () => {
    const settings = await AppSettingsStore.open(dir);
    const docked = { bounds: { x: 2000, y: 0, width: 1600, height: 1000 }, maximized: true };
    const alone = { bounds: { x: 0, y: 0, width: 1200, height: 800 }, maximized: false };
    await settings.saveWindowPlacement('docked', docked);
    await settings.saveWindowPlacement('alone', alone);
    const again = await AppSettingsStore.open(dir);
    expect(again.windowPlacement('docked')).toEqual(docked);
    expect(again.windowPlacement('never-seen')).toEqual(alone);
  });
});

describe('getAppSettings and updateAppSettings over the handler table', () => {
  let ws: Workspace;
  let cleanup: () => Promise<void>;
  let settings: AppSettingsStore;
  const events: { event: string; payload: unknown }[] = [];

  beforeEach(async () => {
    const tmp = await makeTempDir();
    cleanup = tmp.cleanup;
    ws = await openWorkspace(join(tmp.dir, 'lib'));
    settings = await AppSettingsStore.open(join(tmp.dir, 'userData'));
    events.length = 0;
  });
  afterEach(async () => {
    await closeWorkspace(ws);
    await cleanup();
  });

  const handlers = () =>
    createHandlers({
      workspace: ws,
      appSettings: settings,
      dialogs: cancelledDialogs,
      openExternal: async () => undefined,
      emit: (event, payload) => events.push({ event, payload }),
    });

  it('applies a change at once and tells the window (no restart)', async () => {
    const result = await dispatch(handlers(), 'updateAppSettings', { theme: 'dark', name: 'Sam Editor' });
    expect(result).toMatchObject({
      ok: true,
      value: { theme: 'dark', name: 'Sam Editor', libraryPath: ws.library.dir },
    });
    expect(events).toEqual([
      { event: 'appSettingsChanged', payload: expect.objectContaining({ theme: 'dark' }) },
    ]);
    expect(
      (
        (await dispatch(handlers(), 'getAppSettings', undefined)) as {
          value: EventPayloads['appSettingsChanged'];
        }
      ).value.name,
    ).toBe('Sam Editor');
  });

  it.each([
    { theme: 'neon' },
    { role: 'intern' },
    { libraryPath: '/etc' },
    { windows: {} },
    { spellCheckLanguage: '../../x' },
  ])('refuses %j (no path can be set through settings)', async (patch) => {
    const result = await dispatch(handlers(), 'updateAppSettings', patch);
    expect(result).toMatchObject({ ok: false, error: { code: 'invalid-input' } });
    expect(events).toEqual([]);
  });

  it('reportUiState puts the open article at the top of Recent articles', async () => {
    const [article] = ws.library.list();
    await dispatch(handlers(), 'reportUiState', {
      hasArticle: true,
      articleId: article!.id,
      headline: article!.headline,
    });
    const view = (
      (await dispatch(handlers(), 'getAppSettings', undefined)) as {
        value: EventPayloads['appSettingsChanged'];
      }
    ).value;
    expect(view.recentArticles.map((r) => r.id)).toEqual([article!.id]);
  });

  it('About gives the version, the library path and, from the shell, Electron’s versions and licences', async () => {
    const h = createHandlers({
      workspace: ws,
      dialogs: cancelledDialogs,
      openExternal: async () => undefined,
      emit: () => undefined,
      about: async () => ({
        electron: '45.5.0',
        chromium: '140.0',
        licences: [{ name: 'zod', version: '4', licence: 'MIT' }],
      }),
    });
    const result = await dispatch(h, 'getAboutInfo', undefined);
    const pkg = JSON.parse(await readFile(join(import.meta.dirname, '../../package.json'), 'utf8')) as {
      version: string;
    };
    expect(result).toEqual({
      ok: true,
      value: {
        name: 'Copydesk',
        version: pkg.version,
        node: process.versions.node,
        electron: '45.5.0',
        chromium: '140.0',
        libraryPath: ws.library.dir,
        licences: [{ name: 'zod', version: '4', licence: 'MIT' }],
      },
    });
  });
});
