import { UsageError, withReadOnly, withWritable, type CliCommand } from '../context';

export const trashCommand: CliCommand = {
  name: 'trash',
  usage: [
    'trash list [--library DIR] [--json]       list the articles in the trash',
    'trash restore ID [--library DIR]          bring an article back from the trash (ID: as `trash list` shows it)',
    'trash empty [--library DIR]               erase everything in the trash for good',
  ],
  async run({ args, options, libraryDir, io }) {
    const [action, ...rest] = args;
    if (action === 'list' && rest.length === 0) {
      return withReadOnly(libraryDir, async (lib) => {
        const rows = await lib.listTrash();
        if (options.json) io.stdout(`${JSON.stringify(rows, null, 2)}\n`);
        else if (rows.length === 0) io.stdout('The trash is empty.\n');
        else
          for (const r of rows) {
            io.stdout(
              `${r.trashId}  trashed ${r.trashedAt.slice(0, 16).replace('T', ' ')}  ${r.headline || '(no headline)'}\n`,
            );
          }
        return 0;
      });
    }
    if (action === 'restore' && rest.length === 1) {
      return withWritable(libraryDir, async (lib) => {
        const wanted = rest[0]!.toLowerCase();
        const rows = await lib.listTrash();
        const matches = rows.filter((r) => r.trashId === wanted || r.trashId.startsWith(wanted));
        const exact = rows.find((r) => r.trashId === wanted);
        const pick = exact ?? (matches.length === 1 ? matches[0] : undefined);
        if (!pick) {
          throw new UsageError(
            matches.length === 0
              ? `nothing in the trash has the id “${wanted}” (see \`copydesk trash list\`)`
              : `“${wanted}” matches ${matches.length} trashed articles; type more of it`,
          );
        }
        const article = await lib.restoreFromTrash(pick.trashId);
        io.stdout(
          options.json
            ? `${JSON.stringify({ id: article.id, headline: article.headline })}\n`
            : `Restored ${article.id}  ${article.headline}\n`,
        );
        return 0;
      });
    }
    if (action === 'empty' && rest.length === 0) {
      return withWritable(libraryDir, async (lib) => {
        const { removed } = await lib.emptyTrash();
        io.stdout(
          options.json
            ? `${JSON.stringify({ removed })}\n`
            : `Erased ${removed} ${removed === 1 ? 'article' : 'articles'} from the trash.\n`,
        );
        return 0;
      });
    }
    throw new UsageError('trash needs `list`, `restore ID` or `empty`');
  },
};
