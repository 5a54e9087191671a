import { randomBytes } from 'node:crypto';
import { open, rename, unlink, readFile } from 'node:fs/promises';
import { basename, dirname, join } from 'node:path';
import type { Adapter } from 'lowdb';
import { CopydeskError } from '../shared/errors';

/** Suffix of the temporary files a durable write makes beside its target. */
export const TEMP_SUFFIX = '.copydesk-tmp';

/** Whether a file name is one of our unfinished temporary files (left by a crash mid-write). */
export function isTempFileName(name: string): boolean {
  return name.startsWith('.') && name.endsWith(TEMP_SUFFIX);
}

/**
 * Writes `data` to `path` so that after a crash or power cut the file holds either the old
 * bytes or the new ones, never a mix: write a temp file beside it, fsync it, rename it over
 * the target, then fsync the folder so the rename itself is on disk. lowdb's own writer
 * (steno) renames but never fsyncs, which loses acknowledged saves on power loss.
 *
 * `data` may come in pieces (the search index's lines, made while the write goes on): each is
 * written as it comes, so a large file is never held, nor built, in one piece.
 */
export async function writeFileDurable(
  path: string,
  data: string | Uint8Array | AsyncIterable<string>,
): Promise<WrittenFile> {
  const dir = dirname(path);
  let written: WrittenFile | undefined;
  const tmp = join(dir, `.${basename(path)}.${process.pid}.${randomBytes(4).toString('hex')}${TEMP_SUFFIX}`);
  let renamed = false;
  try {
    const fh = await open(tmp, 'wx', 0o644);
    try {
      if (typeof data === 'string' || data instanceof Uint8Array) await fh.writeFile(data);
      else for await (const piece of data) await fh.writeFile(piece); // each from where the last ended
      await fh.sync();
      const st = await fh.stat();
      written = { mtimeMs: st.mtimeMs, size: st.size };
    } finally {
      await fh.close();
    }
    await rename(tmp, path);
    renamed = true;
    await fsyncDir(dir);
  } catch (e) {
    if (!renamed) await unlink(tmp).catch(() => undefined);
    throw toIoError(e, 'save', path);
  }
  return written!;
}

/** What a durable write left on disk: enough to notice later that someone else changed the file. */
export interface WrittenFile {
  mtimeMs: number;
  size: number;
}

/** Makes a rename or a new file in `dir` durable. Some platforms (Windows) cannot open folders: skip there. */
export async function fsyncDir(dir: string): Promise<void> {
  if (process.platform === 'win32') return;
  const fh = await open(dir, 'r');
  try {
    await fh.sync();
  } finally {
    await fh.close();
  }
}

/**
 * Turns a Node file-system error into a message a journalist can act on. The words
 * matter: "your text is still in the editor" is what someone mid-story needs to hear.
 */
export function toIoError(e: unknown, action: 'save' | 'read' | 'move', path: string): CopydeskError {
  if (e instanceof CopydeskError) return e;
  const code = (e as NodeJS.ErrnoException)?.code;
  const detail = `${action} ${path}: ${(e as Error)?.message ?? String(e)}`;
  switch (code) {
    case 'ENOSPC':
    case 'EDQUOT':
      return new CopydeskError(
        'disk-full',
        'The disk is full, so Copydesk could not save. Your text is still here: free some space and it will be saved automatically.',
        { detail, cause: e },
      );
    case 'EACCES':
    case 'EPERM':
    case 'EROFS':
      return new CopydeskError(
        'read-only',
        'Copydesk is not allowed to write to the library folder. Your text is still here: check that the folder is not read-only (or choose another library), and it will be saved automatically.',
        { detail, cause: e },
      );
    case 'ENOENT':
    case 'ENOTDIR':
      return new CopydeskError(
        action === 'read' ? 'not-found' : 'io',
        action === 'read'
          ? 'That file is no longer there. It may have been moved or deleted outside Copydesk.'
          : 'The library folder is missing or was moved, so Copydesk could not save. Your text is still here: reconnect the drive or choose the library again.',
        { detail, cause: e },
      );
    default:
      return new CopydeskError(
        'io',
        `Copydesk could not ${action} a file in the library (${code ?? 'unknown error'}). Your text is still here; it will try again.`,
        { detail, cause: e },
      );
  }
}

/** A JSON file that does not parse or fails its schema. Carries the raw bytes so they can be kept aside. */
export class UnreadableFileError extends Error {
  constructor(
    readonly path: string,
    readonly reason: string,
    readonly bytes: Uint8Array,
  ) {
    super(`${path}: ${reason}`);
    this.name = 'UnreadableFileError';
  }
}

/**
 * A lowdb adapter over {@link writeFileDurable}. `read` returns null for a missing file and
 * throws {@link UnreadableFileError} for one that is empty or not JSON: never defaults.
 * `validate` turns the parsed JSON into T or throws with a reason.
 */
export class DurableJSONFile<T> implements Adapter<T> {
  constructor(
    private readonly path: string,
    private readonly validate: (json: unknown) => T = (json) => json as T,
  ) {}

  async read(): Promise<T | null> {
    let bytes: Buffer;
    try {
      bytes = await readFile(this.path);
    } catch (e) {
      if ((e as NodeJS.ErrnoException).code === 'ENOENT') return null;
      throw toIoError(e, 'read', this.path);
    }
    return parseJsonFile(this.path, bytes, this.validate);
  }

  async write(data: T): Promise<void> {
    this.lastWrite = await writeFileDurable(this.path, `${JSON.stringify(data, null, 1)}\n`);
  }

  /** The size and time of the last write, for change detection. */
  lastWrite: WrittenFile | undefined;
}

/** Parses and validates the bytes of a JSON file, throwing {@link UnreadableFileError} with a plain reason. */
export function parseJsonFile<T>(path: string, bytes: Uint8Array, validate: (json: unknown) => T): T {
  if (bytes.length === 0) throw new UnreadableFileError(path, 'the file is empty', bytes);
  if (bytes.every((b) => b === 0))
    throw new UnreadableFileError(path, 'the file holds only zero bytes', bytes);
  let json: unknown;
  try {
    json = JSON.parse(Buffer.from(bytes).toString('utf8'));
  } catch (e) {
    throw new UnreadableFileError(path, `the file is not valid JSON (${(e as Error).message})`, bytes);
  }
  try {
    return validate(json);
  } catch (e) {
    if (e instanceof UnreadableFileError || e instanceof CopydeskError) throw e;
    throw new UnreadableFileError(
      path,
      `the file does not hold a valid record (${(e as Error).message})`,
      bytes,
    );
  }
}
