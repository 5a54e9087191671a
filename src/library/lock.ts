import { hostname } from 'node:os';
import { mkdir, open, readFile, unlink } from 'node:fs/promises';
import { join } from 'node:path';
import { CopydeskError } from '../shared/errors';

export type LockOwner = 'app' | 'cli';

interface LockRecord {
  pid: number;
  owner: LockOwner;
  host: string;
  since: string;
}

/**
 * One writer per library on this computer. The lock is a file named after this computer, so a
 * library kept in a synced folder (Dropbox, Syncthing) is not locked by another machine's app:
 * sync conflicts between machines are detected per article instead. A lock whose process has
 * died (crash, power cut) is taken over.
 */
export class LibraryLock {
  private constructor(
    private readonly file: string,
    readonly record: LockRecord,
  ) {}

  static lockFile(libraryDir: string): string {
    const host = hostname().replace(/[^A-Za-z0-9._-]/g, '_') || 'this-computer';
    return join(libraryDir, 'locks', `${host}.lock`);
  }

  /** Takes the lock or throws `locked` with a message that says who holds it. */
  static async acquire(libraryDir: string, owner: LockOwner): Promise<LibraryLock> {
    const file = LibraryLock.lockFile(libraryDir);
    await mkdir(join(libraryDir, 'locks'), { recursive: true });
    const record: LockRecord = { pid: process.pid, owner, host: hostname(), since: new Date().toISOString() };
    for (let attempt = 0; attempt < 3; attempt++) {
      try {
        const fh = await open(file, 'wx');
        try {
          await fh.writeFile(JSON.stringify(record));
          await fh.sync();
        } finally {
          await fh.close();
        }
        return new LibraryLock(file, record);
      } catch (e) {
        if ((e as NodeJS.ErrnoException).code !== 'EEXIST') throw e;
      }
      const holder = await readLock(file);
      if (holder && holder.pid !== process.pid && isAlive(holder.pid)) {
        throw new CopydeskError(
          'locked',
          holder.owner === 'app'
            ? 'This library is open in the Copydesk app. Close the app (or use it to make this change) and try again.'
            : 'Another copydesk command is writing to this library right now. Wait for it to finish and try again.',
          { detail: `lock ${file} held by pid ${holder.pid} since ${holder.since}` },
        );
      }
      // The holder is gone (or the file is unreadable): the lock is stale.
      await unlink(file).catch(() => undefined);
    }
    throw new CopydeskError('locked', 'Copydesk could not take the library lock. Try again in a moment.');
  }

  /** Who holds the lock on this computer right now, if anyone alive does. */
  static async holder(libraryDir: string): Promise<LockRecord | null> {
    const holder = await readLock(LibraryLock.lockFile(libraryDir));
    return holder && isAlive(holder.pid) ? holder : null;
  }

  async release(): Promise<void> {
    const current = await readLock(this.file);
    if (current?.pid === this.record.pid) await unlink(this.file).catch(() => undefined);
  }
}

async function readLock(file: string): Promise<LockRecord | null> {
  try {
    return JSON.parse(await readFile(file, 'utf8')) as LockRecord;
  } catch {
    return null;
  }
}

function isAlive(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch (e) {
    return (e as NodeJS.ErrnoException).code === 'EPERM';
  }
}
