import { mkdir, stat } from 'node:fs/promises';
import { join } from 'node:path';
import type { LibraryStore } from '../library/store';
import type { DeskStatus } from '../shared/article';
import type { ExportFormat, ExportManyResult, ExportOptions } from '../shared/contract';
import { CopydeskError, isCopydeskError } from '../shared/errors';
import { assertExportable, assertPublishReady } from './deskStatus';
import {
  EXPORT_EXTENSIONS,
  relatedLookup,
  renderExport,
  writeExport,
  type ExportContext,
} from './exportArticle';

/** Which articles a batch export takes: these ids, or every article with a desk status. */
export type ExportSelection = readonly string[] | { status: DeskStatus };

async function exists(path: string): Promise<boolean> {
  return stat(path).then(
    () => true,
    () => false,
  );
}

/** `name.ext` → `name-2.ext`, `name-3.ext`…: the first name not taken on disk or earlier in this batch. */
async function freeName(
  dir: string,
  fileName: string,
  extension: string,
  taken: Set<string>,
): Promise<string> {
  const stem = fileName.slice(0, fileName.length - extension.length);
  for (let n = 1; ; n++) {
    const candidate = n === 1 ? fileName : `${stem}-${n}${extension}`;
    if (!taken.has(candidate.toLowerCase()) && !(await exists(join(dir, candidate)))) {
      taken.add(candidate.toLowerCase());
      return candidate;
    }
  }
}

/**
 * Exports several articles in one format into `outDir` (created if missing), one file each,
 * named from the headline. Each file is written atomically; a file already in the folder is never
 * overwritten (the new one gets "-2", "-3"… instead). One article that cannot be exported does
 * not stop the others: it is listed in `skipped` with the reason. `onProgress` is called after
 * each article.
 */
export async function exportMany(
  library: LibraryStore,
  selection: ExportSelection,
  format: ExportFormat,
  outDir: string,
  onProgress?: (done: number, total: number) => void,
  options: ExportOptions = {},
  context: ExportContext = {},
): Promise<ExportManyResult> {
  const ids =
    'status' in selection
      ? library
          .list()
          .filter((a) => a.status === selection.status)
          .map((a) => a.id)
      : [...new Set(selection)];
  try {
    await mkdir(outDir, { recursive: true });
  } catch (cause) {
    throw new CopydeskError('export-failed', `The folder ${outDir} could not be created for the export.`, {
      cause,
    });
  }
  const result: ExportManyResult = { folder: outDir, exported: [], skipped: [] };
  const taken = new Set<string>();
  let done = 0;
  for (const id of ids) {
    let headline = '';
    try {
      const article = await library.get(id);
      headline = article.headline;
      assertExportable(article, format, options);
      const overridden = await assertPublishReady(
        article,
        format,
        options,
        context.readiness,
        context.readinessOverride,
      );
      const { data, fileName } = await renderExport(article, format, options, {
        libraryDir: library.dir,
        related: relatedLookup(library),
        ...context,
      });
      const file = await freeName(outDir, fileName, EXPORT_EXTENSIONS[format], taken);
      await writeExport(article, format, data, join(outDir, file), { libraryDir: library.dir, ...context });
      result.exported.push({ id, headline, file, ...(overridden.length > 0 && { overridden }) });
    } catch (e) {
      result.skipped.push({
        id,
        headline,
        reason: isCopydeskError(e) ? e.message : `It could not be exported (${(e as Error).message}).`,
      });
    }
    onProgress?.(++done, ids.length);
  }
  return result;
}
