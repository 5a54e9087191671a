import { LibraryStore } from '../library/store';
import { welcomeArticle } from '../library/welcomeArticle';
import type { LockOwner } from '../library/lock';

/**
 * The library the app (or a CLI command) is working on. Switching library closes the old one
 * (flushing its pending writes) before the new one is used.
 */
export interface Workspace {
  library: LibraryStore;
}

export interface OpenWorkspaceOptions {
  /** Put the welcome article in a library that is created now. Default true. */
  seedSample?: boolean;
  /** Create the folder if there is no library there. Default true. */
  create?: boolean;
  owner?: LockOwner;
}

/** Opens (or creates, with the welcome article) the library in `libraryDir` for writing. */
export async function openWorkspace(libraryDir: string, options: OpenWorkspaceOptions = {}): Promise<Workspace> {
  const library = await openLibrary(libraryDir, options);
  return { library };
}

export function openLibrary(libraryDir: string, options: OpenWorkspaceOptions = {}): Promise<LibraryStore> {
  return LibraryStore.open(libraryDir, {
    owner: options.owner ?? 'app',
    create: options.create ?? true,
    seed: options.seedSample === false ? undefined : welcomeArticle,
  });
}

/** Replaces the workspace's library with the one in `libraryDir`; the old one is closed only once the new one opened. */
export async function switchLibrary(ws: Workspace, libraryDir: string): Promise<void> {
  const next = await openLibrary(libraryDir, { owner: 'app' });
  const previous = ws.library;
  ws.library = next;
  await previous.close();
}

export async function closeWorkspace(ws: Workspace): Promise<void> {
  await ws.library.close();
}
