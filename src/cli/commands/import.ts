import { importFilesInto } from '../../services/importFiles';
import type { ImportProgress, ImportResult } from '../../shared/contract';
import { UsageError, absolute, withWritable, type CliCommand } from '../context';

export const importCommand: CliCommand = {
  name: 'import',
  usage: [
    'import FILE... [--library DIR] [--json]   import text, Markdown or HTML files as new articles',
    'import FILE.copydesk-review [--by NAME]   open a review package: its article is created, or merged into this library’s',
  ],
  async run({ args, options, libraryDir, io }) {
    if (args.length === 0) throw new UsageError('import needs at least one FILE');
    // Several files: a line per file on stderr as it is read, so a long batch shows it is moving
    // (not with --json, whose output is for scripts and says it all).
    const chatty = args.length > 1 && !options.json;
    const progress = chatty
      ? (p: ImportProgress) =>
          io.stderr(`[${p.done}/${p.total}] ${p.file}: ${p.imported ? 'imported' : 'skipped'}\n`)
      : undefined;
    const result = await withWritable(
      libraryDir,
      (lib) =>
        importFilesInto(lib, args.map(absolute), progress, {
          name: typeof options.by === 'string' ? options.by : lib.settings.authorName,
        }),
      true,
    );
    const reviews = new Map((result.reviews ?? []).map((r) => [r.articleId, r]));
    if (options.json) {
      io.stdout(
        `${JSON.stringify(
          result.imported.map((a) => {
            const review = reviews.get(a.id);
            return review ? { ...a, review } : a;
          }),
          null,
          2,
        )}\n`,
      );
    } else {
      for (const a of result.imported) {
        const review = reviews.get(a.id);
        if (review) {
          io.stdout(`${review.summary}  (${a.id} ← ${a.file})\n`);
          for (const c of review.conflicts) io.stdout(`  conflict: ${c.message}\n`);
          continue;
        }
        io.stdout(`Imported ${a.id}  ${a.headline || '(no headline)'}  ← ${a.file}\n`);
        for (const note of a.report) io.stdout(`  ${note.kind}: ${note.message}\n`);
      }
    }
    for (const f of result.failed) io.stderr(`copydesk: ${f.file}: ${f.message}\n`);
    if (chatty) io.stderr(`${importSummary(args.length, result)}\n`);
    return result.failed.length > 0 ? 1 : 0;
  },
};

/** "30 files: 26 imported, 4 skipped (their reasons are above)." */
export function importSummary(files: number, result: Pick<ImportResult, 'imported' | 'failed'>): string {
  const skipped = result.failed.length;
  return `${files} files: ${result.imported.length} imported, ${skipped} skipped${skipped > 0 ? ' (the reasons are above)' : ''}.`;
}
