import { basename } from 'node:path';
import type { LibraryStore } from '../library/store';
import { importFile } from '../importers';
import type { ImportProgress, ImportResult } from '../shared/contract';
import { isCopydeskError } from '../shared/errors';
import type { Person } from '../shared/article';
import { isReviewPackagePath } from '../shared/review/package';
import { importReviewPackage } from './reviewPackage';

/**
 * Imports each file into the library as a new article, and opens review packages (created or
 * merged, see reviewPackage.ts; `receiver` signs the revision a merge makes). One bad file does
 * not stop the others: it is listed in `failed` with the reason, and nothing of it is written.
 * `onProgress` is called after each file, saying whether it came in.
 */
export async function importFilesInto(
  library: LibraryStore,
  paths: readonly string[],
  onProgress?: (progress: ImportProgress) => void,
  receiver: Person = { name: library.settings.authorName },
): Promise<ImportResult> {
  const result: ImportResult = { imported: [], failed: [], cancelled: false };
  let done = 0;
  const progress = (path: string, imported: boolean): void =>
    onProgress?.({ done: ++done, total: paths.length, file: basename(path), imported });
  for (const path of paths) {
    try {
      // A review package is not copy to import: it creates or merges the article it holds.
      if (isReviewPackagePath(path)) {
        const review = await importReviewPackage(library, path, receiver);
        (result.reviews ??= []).push(review);
        result.imported.push({
          id: review.articleId,
          headline: review.headline,
          file: basename(path),
          report: [
            { kind: 'warning', message: review.summary },
            ...review.conflicts.map((c) => ({ kind: 'warning' as const, message: c.message })),
          ],
        });
        progress(path, true);
        continue;
      }
      const { report, sourceName: _s, ...content } = await importFile(path);
      const article = await library.create(content, { revisionReason: 'import' });
      result.imported.push({ id: article.id, headline: article.headline, file: basename(path), report });
      progress(path, true);
    } catch (e) {
      result.failed.push({
        file: basename(path),
        message: isCopydeskError(e)
          ? e.message
          : `This file could not be imported (${(e as Error).message}).`,
      });
      progress(path, false);
    }
  }
  return result;
}
