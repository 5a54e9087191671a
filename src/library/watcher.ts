import { watch, type FSWatcher } from 'node:fs';
import { join } from 'node:path';
import type { ArticleChangedOnDisk } from '../shared/libraryTypes';
import { isTempFileName } from './durableFile';
import { ARTICLES_DIR, type LibraryStore } from './store';

export interface LibraryWatcherOptions {
  /** Quiet time after the last file event before looking (ms). Sync tools write in bursts. Default 300. */
  debounceMs?: number;
  /**
   * A full look at every article file this often (ms), because `fs.watch` misses changes on
   * network shares and some synced folders. Default 60 s; 0 turns it off.
   */
  rescanMs?: number;
  log?: (message: string, error: unknown) => void;
}

export interface LibraryWatcher {
  /** Looks now (all files), as the periodic rescan does; resolves when done. */
  rescanNow(): Promise<void>;
  close(): void;
}

/**
 * Watches the current library's `articles/` folder for changes made from outside Copydesk and
 * reports them: `onChanges` gets the articles changed, added or removed on disk (the library's
 * list and search index are already updated when it is called) and whether the sync-conflict
 * files changed. `getLibrary` is asked on every look, so switching library needs no rewiring.
 *
 * Started by the app's composition root only (the CLI never watches). In `src/main/index.ts`:
 *
 *     const watcher = watchLibrary(() => workspace.library, (changes, conflictsChanged) => {
 *       for (const c of changes) emit('articleChangedOnDisk', c);
 *       if (changes.length > 0 || conflictsChanged) emit('libraryChanged', { reason: 'changed-on-disk' });
 *     });
 *     app.on('will-quit', () => watcher.close());
 */
export function watchLibrary(
  getLibrary: () => LibraryStore,
  onChanges: (changes: ArticleChangedOnDisk[], conflictsChanged: boolean) => void,
  options: LibraryWatcherOptions = {},
): LibraryWatcher {
  const debounceMs = options.debounceMs ?? 300;
  const rescanMs = options.rescanMs ?? 60_000;
  let watched: LibraryStore | null = null;
  let fsWatcher: FSWatcher | null = null;
  let pending = new Set<string>();
  let pendingAll = false;
  let timer: NodeJS.Timeout | undefined;
  let running: Promise<void> = Promise.resolve();
  let closed = false;

  const arm = (): void => {
    const library = getLibrary();
    if (library === watched) return;
    fsWatcher?.close();
    fsWatcher = null;
    watched = library;
    try {
      fsWatcher = watch(join(library.dir, ARTICLES_DIR), { persistent: false }, (_event, name) => {
        if (name === null) pendingAll = true;
        else if (!isTempFileName(name.toString())) pending.add(name.toString());
        else return;
        clearTimeout(timer);
        timer = setTimeout(() => void look(false), debounceMs);
      });
      fsWatcher.on('error', (e) => {
        // The folder went (a drive unplugged): the periodic rescan keeps trying.
        options.log?.('library watcher stopped', e);
        fsWatcher?.close();
        fsWatcher = null;
        watched = null;
      });
    } catch (e) {
      options.log?.('library folder cannot be watched; relying on the periodic rescan', e);
      watched = null;
    }
  };

  const look = (all: boolean): Promise<void> => {
    running = running.then(async () => {
      if (closed) return;
      arm();
      const names = all || pendingAll ? undefined : [...pending];
      pending = new Set();
      pendingAll = false;
      if (names && names.length === 0) return;
      try {
        const { changes, conflictsChanged } = await getLibrary().rescan(names);
        if (!closed && (changes.length > 0 || conflictsChanged)) onChanges(changes, conflictsChanged);
      } catch (e) {
        options.log?.('library rescan failed', e);
      }
    });
    return running;
  };

  arm();
  const interval = rescanMs > 0 ? setInterval(() => void look(true), rescanMs) : undefined;
  interval?.unref?.();

  return {
    rescanNow: () => look(true),
    close() {
      closed = true;
      clearTimeout(timer);
      clearInterval(interval);
      fsWatcher?.close();
    },
  };
}
