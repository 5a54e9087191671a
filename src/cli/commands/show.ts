import { DESK_STATUS_LABELS, type Article } from '../../shared/article';
import { bodyText } from '../../shared/text';
import { exactlyOne, resolveId, withReadOnly, type CliCommand } from '../context';

export const showCommand: CliCommand = {
  name: 'show',
  usage: ['show ID [--library DIR] [--json]          print one article (--json: the whole stored record)'],
  run: ({ args, options, libraryDir, io }) =>
    withReadOnly(libraryDir, async (lib) => {
      const article = await lib.get(resolveId(lib, exactlyOne(args, 'ID')));
      io.stdout(options.json ? `${JSON.stringify(article, null, 2)}\n` : describe(article));
      return 0;
    }),
};

function describe(a: Article): string {
  const lines = [
    a.headline || '(no headline)',
    ...(a.contentHighlight ? [a.contentHighlight] : []),
    [a.byline && `By ${a.byline.replace(/^by\s+/i, '')}`, a.dateline].filter(Boolean).join(' · '),
    `${DESK_STATUS_LABELS[a.status]} · updated ${a.updatedAt} · id ${a.id}`,
    '',
    bodyText(a.body),
  ];
  return `${lines.join('\n')}\n`;
}
