import {
  FIELD_LABELS,
  listAllSuggestions,
  type SuggestionListing,
} from '../../shared/review/fieldSuggestions';
import { exactlyOne, resolveId, withReadOnly, type CliCommand } from '../context';

export const suggestionsCommand: CliCommand = {
  name: 'suggestions',
  usage: ['suggestions ID [--library DIR] [--json]   list an article’s open suggestions (body, then fields)'],
  run: ({ args, options, libraryDir, io }) =>
    withReadOnly(libraryDir, async (lib) => {
      const article = await lib.get(resolveId(lib, exactlyOne(args, 'ID')));
      const list = listAllSuggestions(article);
      if (options.json) {
        io.stdout(`${JSON.stringify(list, null, 2)}\n`);
        return 0;
      }
      if (list.length === 0) io.stdout('This article has no open suggestions.\n');
      for (const s of list) io.stdout(describe(s));
      return 0;
    }),
};

function describe(s: SuggestionListing): string {
  const where = s.where === 'body' ? 'Body' : FIELD_LABELS[s.where];
  const at = s.at ? `${s.at.slice(0, 16).replace('T', ' ')} UTC` : 'time unknown';
  const text =
    s.where === 'body' ? `“${s.text.replace(/\n/g, ' ¶ ')}”` : `“${s.from ?? ''}” → “${s.to ?? ''}”`;
  return `${where} · ${s.kind} · ${s.author}, ${at} · ${text} · ${s.id}\n`;
}
