import { LibraryStore, type OpenLibraryOptions } from '../library/store';
import { welcomeArticle } from '../library/welcomeArticle';
import type { LockOwner } from '../library/lock';

/**
 * The library the app (or a CLI command) is working on. Switching library closes the old one
 * (flushing its pending writes) before the new one is used.
 */
export interface Workspace {
  library: LibraryStore;
  /** How libraries are opened here; a switch of library opens the next one the same way. */
  options?: OpenWorkspaceOptions;
}

export interface OpenWorkspaceOptions {
  /** Put the welcome article in a library that is created now. Default true. */
  seedSample?: boolean;
  /** Create the folder if there is no library there. Default true. */
  create?: boolean;
  owner?: LockOwner;
  /** See {@link OpenLibraryOptions.reconcile}: the app lists at once and checks files after. */
  reconcile?: OpenLibraryOptions['reconcile'];
  onReconciled?: OpenLibraryOptions['onReconciled'];
  log?: OpenLibraryOptions['log'];
}

/** Opens (or creates, with the welcome article) the library in `libraryDir` for writing. */
export async function openWorkspace(
  libraryDir: string,
  options: OpenWorkspaceOptions = {},
): Promise<Workspace> {
  const library = await openLibrary(libraryDir, options);
  return { library, options };
}

export function openLibrary(libraryDir: string, options: OpenWorkspaceOptions = {}): Promise<LibraryStore> {
  return LibraryStore.open(libraryDir, {
    owner: options.owner ?? 'app',
    create: options.create ?? true,
    seed: options.seedSample === false ? undefined : welcomeArticle,
    reconcile: options.reconcile,
    onReconciled: options.onReconciled,
    log: options.log,
  });
}

/** Replaces the workspace's library with the one in `libraryDir`; the old one is closed only once the new one opened. */
export async function switchLibrary(ws: Workspace, libraryDir: string): Promise<void> {
  const next = await openLibrary(libraryDir, { ...ws.options, owner: 'app' });
  const previous = ws.library;
  ws.library = next;
  await previous.close();
}

export async function closeWorkspace(ws: Workspace): Promise<void> {
  await ws.library.close();
}
