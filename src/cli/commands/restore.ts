import { UsageError, resolveId, withWritable, type CliCommand } from '../context';

export const restoreCommand: CliCommand = {
  name: 'restore',
  usage: [
    'restore ID REVISION [--library DIR]       make a revision the current text (itself a new revision)',
  ],
  run: ({ args, options, libraryDir, io }) =>
    withWritable(libraryDir, async (lib) => {
      if (args.length !== 2)
        throw new UsageError('restore needs an article ID and a REVISION (see `copydesk history ID`)');
      const id = resolveId(lib, args[0]!);
      const wanted = args[1]!;
      const ids = await lib.revisions.ids(id);
      const matches = ids.filter((r) => r === wanted || r.startsWith(wanted));
      const revisionId = ids.includes(wanted) ? wanted : matches.length === 1 ? matches[0]! : null;
      if (!revisionId) {
        throw new UsageError(
          matches.length === 0
            ? `the article has no revision “${wanted}” (see \`copydesk history ${args[0]}\`)`
            : `“${wanted}” matches ${matches.length} revisions; type more of it`,
        );
      }
      const article = await lib.restoreRevision(id, revisionId);
      io.stdout(
        options.json
          ? `${JSON.stringify({ id: article.id, rev: article.rev, headline: article.headline })}\n`
          : `Restored revision ${revisionId} of ${article.id}  ${article.headline}\n`,
      );
      return 0;
    }),
};
