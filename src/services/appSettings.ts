import { homedir } from 'node:os';
import { join } from 'node:path';
import { mkdir, rename } from 'node:fs/promises';
import { Low, Memory } from 'lowdb';
import { z } from 'zod';
import { DurableJSONFile, UnreadableFileError } from '../library/durableFile';
import {
  DEFAULT_PREFERENCES,
  PreferencesSchema,
  type AppSettingsView,
  type Preferences,
  type RecentArticle,
} from '../shared/contract';

const BoundsSchema = z.object({
  x: z.number().int(),
  y: z.number().int(),
  width: z.number().int(),
  height: z.number().int(),
});

/** Where the window was on one arrangement of displays. */
const WindowPlacementSchema = z.object({ bounds: BoundsSchema, maximized: z.boolean() });
export type WindowPlacement = z.infer<typeof WindowPlacementSchema>;

const RecentArticleSchema = z.object({
  id: z.string(),
  headline: z.string(),
  libraryPath: z.string(),
  openedAt: z.string(),
});

/**
 * The app's own settings (not the library's), kept in the app's data folder: which library to
 * open, the user's preferences, the window's placement per display arrangement, recent articles.
 * Every key is optional on disk so a file written by an older Copydesk reads with defaults.
 */
const AppSettingsSchema = z.object({
  libraryPath: z.string().optional(),
  preferences: PreferencesSchema.partial().optional(),
  /** Keyed by `displayLayoutKey` (src/main/windowState.ts): a laptop alone and docked differ. */
  windows: z.record(z.string(), WindowPlacementSchema).optional(),
  /** The layout key saved last: used when the current arrangement has never been seen. */
  lastWindowLayout: z.string().optional(),
  recentArticles: z.array(RecentArticleSchema).optional(),
});
export type AppSettings = z.infer<typeof AppSettingsSchema>;

/** How many articles File ▸ Recent articles remembers (across libraries). */
export const MAX_RECENT_ARTICLES = 10;

export const APP_NAME = 'Copydesk';

/**
 * The folder Electron's `app.getPath('userData')` gives for Copydesk, computed without Electron
 * so the CLI finds the same settings as the app.
 */
export function defaultUserDataDir(
  env: NodeJS.ProcessEnv = process.env,
  platform = process.platform,
): string {
  if (platform === 'win32') return join(env.APPDATA ?? join(homedir(), 'AppData', 'Roaming'), APP_NAME);
  if (platform === 'darwin') return join(homedir(), 'Library', 'Application Support', APP_NAME);
  return join(env.XDG_CONFIG_HOME ?? join(homedir(), '.config'), APP_NAME);
}

/** Where a first run puts its library: a visible folder in the user's documents. */
export function defaultLibraryDir(documentsDir = join(homedir(), 'Documents')): string {
  return join(documentsDir, 'Copydesk Library');
}

export class AppSettingsStore {
  private constructor(
    private readonly db: Low<AppSettings>,
    /** Set when the settings file could not be read: what to tell the user, once. */
    readonly damagedNotice: string | null = null,
  ) {}

  static async open(userDataDir: string): Promise<AppSettingsStore> {
    await mkdir(userDataDir, { recursive: true });
    const path = join(userDataDir, 'settings.json');
    const db = new Low<AppSettings>(new DurableJSONFile(path, (json) => AppSettingsSchema.parse(json)), {});
    try {
      await db.read();
    } catch (e) {
      if (!(e instanceof UnreadableFileError)) throw e;
      // Never overwrite what could not be read: keep it aside under a name that says so and
      // start from defaults (the library location is found again with File ▸ Open library…).
      const keptAs = join(
        userDataDir,
        `settings.damaged-${new Date().toISOString().replace(/[:.]/g, '-')}.json`,
      );
      await rename(path, keptAs);
      db.data = {};
      return new AppSettingsStore(
        db,
        `Copydesk's settings file could not be read (${e.reason}), so the default settings are used. The old file was kept as ${keptAs}.`,
      );
    }
    return new AppSettingsStore(db);
  }

  /** Settings that live only as long as the process: for the test bridge and handler tests. */
  static inMemory(initial: AppSettings = {}): AppSettingsStore {
    const db = new Low<AppSettings>(new Memory<AppSettings>(), structuredClone(initial));
    return new AppSettingsStore(db);
  }

  get libraryPath(): string | undefined {
    return this.db.data.libraryPath;
  }

  async setLibraryPath(path: string): Promise<void> {
    this.db.data.libraryPath = path;
    await this.db.write();
  }

  /** The user's preferences, with the defaults for anything never set. */
  get preferences(): Preferences {
    return { ...DEFAULT_PREFERENCES, ...this.db.data.preferences };
  }

  async updatePreferences(patch: Partial<Preferences>): Promise<Preferences> {
    const next = PreferencesSchema.parse({ ...this.preferences, ...patch });
    this.db.data.preferences = next;
    await this.db.write();
    return next;
  }

  /** What the renderer sees: preferences, the library in use and its recent articles. */
  view(currentLibraryPath: string): AppSettingsView {
    return {
      ...this.preferences,
      libraryPath: currentLibraryPath,
      recentArticles: this.recentArticles(currentLibraryPath),
    };
  }

  /** The recent articles of one library, most recent first. */
  recentArticles(libraryPath: string): RecentArticle[] {
    return (this.db.data.recentArticles ?? []).filter((r) => r.libraryPath === libraryPath);
  }

  /** Puts an article at the top of the recent list; returns false when nothing changed (no write). */
  async rememberArticle(entry: Omit<RecentArticle, 'openedAt'>, now = new Date()): Promise<boolean> {
    const list = this.db.data.recentArticles ?? [];
    const first = list[0];
    if (
      first &&
      first.id === entry.id &&
      first.libraryPath === entry.libraryPath &&
      first.headline === entry.headline
    ) {
      return false;
    }
    const rest = list.filter((r) => !(r.id === entry.id && r.libraryPath === entry.libraryPath));
    this.db.data.recentArticles = [{ ...entry, openedAt: now.toISOString() }, ...rest].slice(
      0,
      MAX_RECENT_ARTICLES,
    );
    await this.db.write();
    return true;
  }

  /** Drops an article from the recent list (it was trashed or could not be opened). */
  async forgetArticle(id: string, libraryPath: string): Promise<void> {
    const list = this.db.data.recentArticles ?? [];
    const next = list.filter((r) => !(r.id === id && r.libraryPath === libraryPath));
    if (next.length === list.length) return;
    this.db.data.recentArticles = next;
    await this.db.write();
  }

  /** The window placement saved for this display arrangement, else the one saved last. */
  windowPlacement(layoutKey: string): WindowPlacement | undefined {
    const windows = this.db.data.windows ?? {};
    return (
      windows[layoutKey] ??
      (this.db.data.lastWindowLayout ? windows[this.db.data.lastWindowLayout] : undefined)
    );
  }

  async saveWindowPlacement(layoutKey: string, placement: WindowPlacement): Promise<void> {
    this.db.data.windows = { ...this.db.data.windows, [layoutKey]: placement };
    this.db.data.lastWindowLayout = layoutKey;
    await this.db.write();
  }
}

/**
 * The library a command works on: `--library`, else $COPYDESK_LIBRARY, else the app's
 * current library, else the default folder.
 */
export async function resolveLibraryDir(
  explicit: string | undefined,
  env: NodeJS.ProcessEnv = process.env,
): Promise<string> {
  if (explicit) return explicit;
  if (env.COPYDESK_LIBRARY) return env.COPYDESK_LIBRARY;
  try {
    const settings = await AppSettingsStore.open(defaultUserDataDir(env));
    if (settings.libraryPath) return settings.libraryPath;
  } catch {
    // No readable app settings: fall through to the default.
  }
  return defaultLibraryDir();
}
