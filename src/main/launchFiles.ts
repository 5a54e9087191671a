import { isAbsolute, resolve } from 'node:path';
import { hasImportableExtension } from '../services/importablePaths';

/**
 * The files named on a command line (a second launch's `argv`, or the first launch's), resolved
 * against the launch's working directory. Skips the executable, Chromium's and our own switches,
 * and anything without an importable extension (the app's own script or folder under
 * `electron .`). Existence is checked later, by `importablePaths`, just before importing.
 */
export function commandLineFiles(argv: readonly string[], cwd: string): string[] {
  const files: string[] = [];
  for (const arg of argv.slice(1)) {
    if (!arg || arg.startsWith('-')) continue;
    let path = arg;
    if (path.startsWith('file://')) {
      try {
        path = decodeURIComponent(new URL(path).pathname);
      } catch {
        continue;
      }
    }
    if (!hasImportableExtension(path)) continue;
    const full = isAbsolute(path) ? path : resolve(cwd, path);
    if (!files.includes(full)) files.push(full);
  }
  return files;
}
