import { DESK_STATUS_LABELS } from '../../shared/article';
import { withReadOnly, type CliCommand } from '../context';

export const listCommand: CliCommand = {
  name: 'list',
  usage: ['list [--library DIR] [--json]             list the library’s articles, newest first'],
  run: ({ options, libraryDir, io }) =>
    withReadOnly(libraryDir, async (lib) => {
      const rows = lib.list();
      if (options.json) {
        io.stdout(`${JSON.stringify(rows, null, 2)}\n`);
        return 0;
      }
      if (rows.length === 0) io.stdout(`The library at ${lib.dir} has no articles yet.\n`);
      for (const r of rows) {
        io.stdout(
          `${r.id}  ${DESK_STATUS_LABELS[r.status].padEnd(16)}  ${r.updatedAt.slice(0, 16).replace('T', ' ')}  ${r.headline || '(no headline)'}${r.byline ? `  — ${r.byline}` : ''}\n`,
        );
      }
      for (const d of lib.info().damaged) io.stderr(`copydesk: warning: ${d.keptAs}: ${d.reason}\n`);
      return 0;
    }),
};
