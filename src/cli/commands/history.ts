import { exactlyOne, resolveId, withReadOnly, type CliCommand } from '../context';

export const historyCommand: CliCommand = {
  name: 'history',
  usage: ['history ID [--library DIR] [--json]       list an article’s revisions, newest first'],
  run: ({ args, options, libraryDir, io }) =>
    withReadOnly(libraryDir, async (lib) => {
      const id = resolveId(lib, exactlyOne(args, 'ID'));
      const revisions = await lib.listRevisions(id);
      if (options.json) {
        io.stdout(`${JSON.stringify(revisions, null, 2)}\n`);
        return 0;
      }
      if (revisions.length === 0) io.stdout('This article has no revisions yet.\n');
      for (const r of revisions) {
        io.stdout(
          `${r.revisionId}  ${r.savedAt.slice(0, 16).replace('T', ' ')}  ${r.reason.padEnd(14)}  ${String(r.wordCount).padStart(6)} words  ${r.author || '-'}  ${r.summary}\n`,
        );
      }
      return 0;
    }),
};
