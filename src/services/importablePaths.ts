import { stat } from 'node:fs/promises';
import { basename, extname, isAbsolute } from 'node:path';
import { SUPPORTED_IMPORT_EXTENSIONS } from '../importers';
import { isReviewPackagePath } from '../shared/review/package';

/** Whether a file name has an extension the importers read (the list grows as formats land). */
export function hasImportableExtension(path: string): boolean {
  return (
    (SUPPORTED_IMPORT_EXTENSIONS as readonly string[]).includes(extname(path).toLowerCase()) ||
    isReviewPackagePath(path)
  );
}

export interface ImportablePaths {
  accepted: string[];
  refused: { file: string; message: string }[];
}

/**
 * Sorts paths that came from outside a dialog (a drop, a command line, the OS "open with") into
 * files to import and files refused with a reason. Only absolute paths of existing regular files
 * with a supported extension pass; folders, devices and duplicates do not. These paths are only
 * ever read, never written.
 */
export async function importablePaths(
  paths: readonly string[],
  statFile: (path: string) => Promise<{ isFile(): boolean }> = stat,
): Promise<ImportablePaths> {
  const result: ImportablePaths = { accepted: [], refused: [] };
  const seen = new Set<string>();
  for (const path of paths) {
    const file = basename(path) || path;
    if (seen.has(path)) continue;
    seen.add(path);
    if (!isAbsolute(path) || path.includes('\0')) {
      result.refused.push({ file, message: 'This is not a file Copydesk can open.' });
      continue;
    }
    if (!hasImportableExtension(path)) {
      result.refused.push({
        file,
        message: `Copydesk cannot import ${extname(path) || 'files without an extension'} files. It reads ${SUPPORTED_IMPORT_EXTENSIONS.join(', ')} and review packages (.copydesk-review).`,
      });
      continue;
    }
    try {
      if (!(await statFile(path)).isFile()) {
        result.refused.push({
          file,
          message: 'This is a folder or a device, not a file: drop the files inside it.',
        });
        continue;
      }
    } catch {
      result.refused.push({ file, message: 'This file no longer exists or cannot be read.' });
      continue;
    }
    result.accepted.push(path);
  }
  return result;
}
