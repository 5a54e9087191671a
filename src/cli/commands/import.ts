import { importFilesInto } from '../../services/importFiles';
import { UsageError, absolute, withWritable, type CliCommand } from '../context';

export const importCommand: CliCommand = {
  name: 'import',
  usage: ['import FILE... [--library DIR] [--json]   import text, Markdown or HTML files as new articles'],
  async run({ args, options, libraryDir, io }) {
    if (args.length === 0) throw new UsageError('import needs at least one FILE');
    const result = await withWritable(libraryDir, (lib) => importFilesInto(lib, args.map(absolute)), true);
    if (options.json) {
      io.stdout(`${JSON.stringify(result.imported, null, 2)}\n`);
    } else {
      for (const a of result.imported) {
        io.stdout(`Imported ${a.id}  ${a.headline || '(no headline)'}  ← ${a.file}\n`);
        for (const note of a.report) io.stdout(`  ${note.kind}: ${note.message}\n`);
      }
    }
    for (const f of result.failed) io.stderr(`copydesk: ${f.file}: ${f.message}\n`);
    return result.failed.length > 0 ? 1 : 0;
  },
};
