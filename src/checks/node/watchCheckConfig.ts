import { watch, type FSWatcher } from 'node:fs';
import { readdir, stat } from 'node:fs/promises';
import { join } from 'node:path';
import { NEWSROOM_DICTIONARY_FILE } from './dictionary';
import { STYLE_DIR } from './loadRulePacks';

/**
 * A fingerprint of the library's check files: the newsroom dictionary and every style pack
 * (name, size, modification time). It changes when any of them is written, added or removed.
 */
export async function checkConfigStamp(libraryDir: string): Promise<string> {
  const describe = (path: string) =>
    stat(path).then(
      (s) => `${s.size}:${s.mtimeMs}`,
      () => '-',
    );
  const names = await readdir(join(libraryDir, STYLE_DIR)).catch(() => [] as string[]);
  const packs = await Promise.all(
    names
      .filter((n) => n.endsWith('.json'))
      .sort()
      .map(async (n) => `${n}=${await describe(join(libraryDir, STYLE_DIR, n))}`),
  );
  return [await describe(join(libraryDir, NEWSROOM_DICTIONARY_FILE)), ...packs].join('|');
}

export interface CheckConfigWatcher {
  /** Looks now, as the periodic look does; resolves when done. */
  lookNow(): Promise<void>;
  close(): void;
}

/**
 * Watches the current library's newsroom dictionary and style packs for changes made outside
 * the app (another machine on a shared library, an editor opening `style/house.json`) and
 * calls `onChange` once per burst. `fs.watch` misses changes on network shares and some synced
 * folders, so the stamp is also compared every `rescanMs` (default 30 s; 0 turns it off).
 * Started by the app's composition root; `getDir` is asked on every look, so switching library
 * needs no rewiring (the switch itself is announced by `libraryChanged`).
 */
export function watchCheckConfig(
  getDir: () => string,
  onChange: () => void,
  options: { debounceMs?: number; rescanMs?: number; log?: (message: string, error: unknown) => void } = {},
): CheckConfigWatcher {
  const debounceMs = options.debounceMs ?? 300;
  const rescanMs = options.rescanMs ?? 30_000;
  let dir: string | null = null;
  let stamp: string | null = null;
  let watchers: FSWatcher[] = [];
  let timer: NodeJS.Timeout | undefined;
  let closed = false;
  let running: Promise<void> = Promise.resolve();

  const arm = (): void => {
    for (const w of watchers) w.close();
    watchers = [];
    // The library folder also holds library.json, written on every save: only our files count.
    const ours = [/^(dictionary\.txt|style)$/, /\.json$/];
    [dir!, join(dir!, STYLE_DIR)].forEach((path, i) => {
      const poke = (_event: string, name: string | null) => {
        if (name !== null && !ours[i]!.test(name)) return;
        clearTimeout(timer);
        timer = setTimeout(() => void look(), debounceMs);
      };
      try {
        const w = watch(path, { persistent: false, encoding: 'utf8' }, poke);
        w.on('error', () => w.close());
        watchers.push(w);
      } catch {
        // No style folder yet (or an unwatchable share): the periodic look covers it.
      }
    });
  };

  const look = (): Promise<void> => {
    running = running.then(async () => {
      if (closed) return;
      const now = getDir();
      try {
        const next = await checkConfigStamp(now);
        if (now !== dir) {
          dir = now;
          stamp = next;
          arm();
          return;
        }
        if (next !== stamp) {
          stamp = next;
          // A style folder made since the last look is watched from now on.
          arm();
          if (!closed) onChange();
        }
      } catch (e) {
        options.log?.('looking at the newsroom dictionary and style packs failed', e);
      }
    });
    return running;
  };

  void look();
  const interval = rescanMs > 0 ? setInterval(() => void look(), rescanMs) : undefined;
  interval?.unref?.();
  return {
    lookNow: look,
    close() {
      closed = true;
      clearTimeout(timer);
      clearInterval(interval);
      for (const w of watchers) w.close();
    },
  };
}
