import { DESK_STATUSES, DESK_STATUS_LABELS, type DeskStatus } from '../../shared/article';
import { SearchSortSchema, narrowedNote, type TextSegment } from '../../shared/libraryTypes';
import { UsageError, withReadOnly, type CliCommand } from '../context';

export const searchCommand: CliCommand = {
  name: 'search',
  usage: [
    `search QUERY [--status S] [--sort relevance|modified|created|headline] [--limit N] [--library DIR] [--json]
                                                     full-text search (prefix and typo-tolerant); matches shown in [brackets]`,
  ],
  run: ({ args, options, libraryDir, io }) =>
    withReadOnly(libraryDir, async (lib) => {
      if (args.length === 0) throw new UsageError('search needs a QUERY (quote it for several words)');
      const status = typeof options.status === 'string' ? options.status.split(',') : undefined;
      const bad = status?.find((s) => !(DESK_STATUSES as readonly string[]).includes(s));
      if (bad) throw new UsageError(`--status must be one of: ${DESK_STATUSES.join(', ')}`);
      const sort = SearchSortSchema.safeParse(options.sort ?? 'relevance');
      if (!sort.success)
        throw new UsageError(`--sort must be one of: ${SearchSortSchema.options.join(', ')}`);
      const limit = Number(options.limit ?? 20);
      if (!Number.isInteger(limit) || limit < 1 || limit > 500)
        throw new UsageError('--limit must be a whole number from 1 to 500');
      const result = await lib.search({
        query: args.join(' '),
        filters: status ? { status: status as DeskStatus[] } : undefined,
        sort: sort.data,
        limit,
      });
      if (options.json) {
        io.stdout(`${JSON.stringify(result, null, 2)}\n`);
        return 0;
      }
      if (result.narrowed) io.stdout(`${narrowedNote(result.narrowed)}\n`);
      if (result.total === 0) io.stdout('No article matches.\n');
      for (const h of result.hits) {
        const a = h.article;
        io.stdout(
          `${a.id}  ${DESK_STATUS_LABELS[a.status].padEnd(16)}  ${a.updatedAt.slice(0, 16).replace('T', ' ')}  ${marked(h.highlights.headline) || '(no headline)'}\n`,
        );
        if (h.snippet.length > 0) io.stdout(`    ${marked(h.snippet)}\n`);
      }
      if (result.total > result.hits.length)
        io.stdout(`(${result.total - result.hits.length} more; use --limit)\n`);
      return 0;
    }),
};

function marked(segments: TextSegment[]): string {
  return segments.map((s) => (s.match ? `[${s.text}]` : s.text)).join('');
}
