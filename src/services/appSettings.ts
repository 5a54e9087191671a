import { homedir } from 'node:os';
import { join } from 'node:path';
import { mkdir } from 'node:fs/promises';
import { Low } from 'lowdb';
import { z } from 'zod';
import { DurableJSONFile, UnreadableFileError } from '../library/durableFile';

/** The app's own settings (not the library's): which library to open. Kept in the app's data folder. */
const AppSettingsSchema = z.object({
  libraryPath: z.string().optional(),
});
export type AppSettings = z.infer<typeof AppSettingsSchema>;

export const APP_NAME = 'Copydesk';

/**
 * The folder Electron's `app.getPath('userData')` gives for Copydesk, computed without Electron
 * so the CLI finds the same settings as the app.
 */
export function defaultUserDataDir(env: NodeJS.ProcessEnv = process.env, platform = process.platform): string {
  if (platform === 'win32') return join(env.APPDATA ?? join(homedir(), 'AppData', 'Roaming'), APP_NAME);
  if (platform === 'darwin') return join(homedir(), 'Library', 'Application Support', APP_NAME);
  return join(env.XDG_CONFIG_HOME ?? join(homedir(), '.config'), APP_NAME);
}

/** Where a first run puts its library: a visible folder in the user's documents. */
export function defaultLibraryDir(documentsDir = join(homedir(), 'Documents')): string {
  return join(documentsDir, 'Copydesk Library');
}

export class AppSettingsStore {
  private constructor(private readonly db: Low<AppSettings>) {}

  static async open(userDataDir: string): Promise<AppSettingsStore> {
    await mkdir(userDataDir, { recursive: true });
    const db = new Low<AppSettings>(
      new DurableJSONFile(join(userDataDir, 'settings.json'), (json) => AppSettingsSchema.parse(json)),
      {},
    );
    try {
      await db.read();
    } catch (e) {
      // The app settings only remember where the library is; an unreadable file is left in
      // place for the user to look at and the default library is used.
      if (!(e instanceof UnreadableFileError)) throw e;
    }
    return new AppSettingsStore(db);
  }

  get libraryPath(): string | undefined {
    return this.db.data.libraryPath;
  }

  async setLibraryPath(path: string): Promise<void> {
    this.db.data.libraryPath = path;
    await this.db.write();
  }
}

/**
 * The library a command works on: `--library`, else $COPYDESK_LIBRARY, else the app's
 * current library, else the default folder.
 */
export async function resolveLibraryDir(explicit: string | undefined, env: NodeJS.ProcessEnv = process.env): Promise<string> {
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
