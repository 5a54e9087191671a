import { basename } from 'node:path';
import type { LibraryStore } from '../library/store';
import { importFile } from '../importers';
import type { ImportResult } from '../shared/contract';
import { isCopydeskError } from '../shared/errors';

/**
 * Imports each file into the library as a new article. One bad file does not stop the others:
 * it is listed in `failed` with the reason, and nothing of it is written.
 */
export async function importFilesInto(
  library: LibraryStore,
  paths: readonly string[],
  onProgress?: (done: number, total: number) => void,
): Promise<ImportResult> {
  const result: ImportResult = { imported: [], failed: [], cancelled: false };
  let done = 0;
  for (const path of paths) {
    try {
      const { report, sourceName: _s, ...content } = await importFile(path);
      const article = await library.create(content, { revisionReason: 'import' });
      result.imported.push({ id: article.id, headline: article.headline, file: basename(path), report });
    } catch (e) {
      result.failed.push({
        file: basename(path),
        message: isCopydeskError(e)
          ? e.message
          : `This file could not be imported (${(e as Error).message}).`,
      });
    }
    onProgress?.(++done, paths.length);
  }
  return result;
}
