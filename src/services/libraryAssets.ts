import { createHash } from 'node:crypto';
import { mkdir, readFile, stat } from 'node:fs/promises';
import { join, resolve, sep } from 'node:path';
import { MAX_IMAGE_BYTES } from '../shared/contract';
import { CopydeskError } from '../shared/errors';
import { writeFileDurable } from '../library/durableFile';

/** The picture formats a figure may hold, told by their first bytes (never by the file name). */
function sniffImage(bytes: Uint8Array): 'png' | 'jpg' | 'gif' | 'webp' | null {
  const b = bytes;
  if (
    b.length >= 8 &&
    b[0] === 0x89 &&
    b[1] === 0x50 &&
    b[2] === 0x4e &&
    b[3] === 0x47 &&
    b[4] === 0x0d &&
    b[5] === 0x0a &&
    b[6] === 0x1a &&
    b[7] === 0x0a
  )
    return 'png';
  if (b.length >= 3 && b[0] === 0xff && b[1] === 0xd8 && b[2] === 0xff) return 'jpg';
  if (
    b.length >= 6 &&
    b[0] === 0x47 &&
    b[1] === 0x49 &&
    b[2] === 0x46 &&
    b[3] === 0x38 &&
    (b[4] === 0x37 || b[4] === 0x39) &&
    b[5] === 0x61
  )
    return 'gif';
  if (
    b.length >= 12 &&
    String.fromCharCode(...b.subarray(0, 4)) === 'RIFF' &&
    String.fromCharCode(...b.subarray(8, 12)) === 'WEBP'
  )
    return 'webp';
  return null;
}

const MIME = { png: 'image/png', jpg: 'image/jpeg', gif: 'image/gif', webp: 'image/webp' } as const;

/** `<library>/assets/<articleId>/`: each article's pictures in their own folder. */
export function assetDir(libraryDir: string, articleId: string): string {
  return join(libraryDir, 'assets', articleId);
}

/**
 * Copies a picture into the article's asset folder under its content hash (so the same picture
 * added twice is stored once) with a durable write, and returns the figure's `asset:<file>`.
 * Refuses anything that is not PNG, JPEG, GIF or WebP by its bytes, and anything over 20 MB.
 */
export async function storeImage(
  libraryDir: string,
  articleId: string,
  data: Uint8Array,
  name: string,
): Promise<string> {
  if (data.byteLength > MAX_IMAGE_BYTES) {
    throw new CopydeskError(
      'invalid-input',
      `“${name}” is larger than 20 MB. Save a smaller version of the picture and insert that.`,
    );
  }
  const kind = sniffImage(data);
  if (!kind) {
    throw new CopydeskError(
      'invalid-input',
      `“${name}” is not a PNG, JPEG, GIF or WebP picture, so it was not added.`,
    );
  }
  const file = `${createHash('sha256').update(data).digest('hex').slice(0, 32)}.${kind}`;
  const dir = assetDir(libraryDir, articleId);
  await mkdir(dir, { recursive: true });
  const path = join(dir, file);
  const existing = await stat(path).catch(() => null);
  if (!existing || existing.size !== data.byteLength) await writeFileDurable(path, data);
  return `asset:${file}`;
}

/** Reads a picture the user chose with the file dialog and stores it (see {@link storeImage}). */
export async function storeImageFile(libraryDir: string, articleId: string, path: string): Promise<string> {
  const info = await stat(path);
  if (info.size > MAX_IMAGE_BYTES) {
    throw new CopydeskError(
      'invalid-input',
      `That picture is larger than 20 MB. Save a smaller version and insert that.`,
    );
  }
  return storeImage(
    libraryDir,
    articleId,
    new Uint8Array(await readFile(path)),
    path.split(/[\\/]/).pop() ?? 'picture',
  );
}

/**
 * Maps `/library-assets/<articleId>/<file>` (the renderer's view of a picture) to the file in the
 * library, or null for anything else: other paths, `..`, encoded separators, names that are not
 * a stored asset.
 */
export function resolveLibraryAsset(
  libraryDir: string,
  pathname: string,
): { path: string; mime: string } | null {
  const m = /^\/library-assets\/([a-z0-9][a-z0-9-]{2,63})\/([a-f0-9]{16,64})\.(png|jpg|gif|webp)$/.exec(
    pathname,
  );
  if (!m) return null;
  const base = resolve(libraryDir, 'assets');
  const full = resolve(base, m[1]!, `${m[2]}.${m[3]}`);
  if (!full.startsWith(base + sep)) return null;
  return { path: full, mime: MIME[m[3] as keyof typeof MIME] };
}
