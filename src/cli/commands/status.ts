import { libraryReadiness } from '../../checks/node/libraryChecker';
import { AppSettingsStore, defaultUserDataDir } from '../../services/appSettings';
import { changeDeskStatus, describeStatusChange } from '../../services/deskStatus';
import {
  DESK_STATUSES,
  DESK_STATUS_LABELS,
  type Article,
  type DeskStatus,
  type Person,
} from '../../shared/article';
import { UsageError, resolveId, withReadOnly, withWritable, type CliCommand, type CliIo } from '../context';

/** Who the CLI says changed the status: --by, else the app's preferences, else the library's author, else $USER. */
async function who(by: unknown, authorName: string, io: CliIo): Promise<Person> {
  if (typeof by === 'string' && by.trim()) return { name: by.trim().slice(0, 200) };
  try {
    const prefs = (await AppSettingsStore.open(defaultUserDataDir(io.env))).preferences;
    if (prefs.name.trim()) {
      return { name: prefs.name.trim(), ...(prefs.initials.trim() && { initials: prefs.initials.trim() }) };
    }
  } catch {
    // No readable app settings: fall through.
  }
  return { name: authorName.trim() || io.env.USER || io.env.USERNAME || '' };
}

function describe(article: Article): string {
  const lines = [
    `${article.headline || '(no headline)'}  [${article.id}]`,
    `Status: ${DESK_STATUS_LABELS[article.status]}`,
  ];
  const history = article.statusHistory ?? [];
  lines.push('', history.length ? 'History (oldest first):' : 'No status changes recorded yet.');
  for (const change of history) lines.push(`  ${describeStatusChange(change).replace(/\n/g, '\n  ')}`);
  return `${lines.join('\n')}\n`;
}

/**
 * `copydesk status ID [NEW_STATUS] [--message M]`: without a new status, prints the article's
 * desk status and its history; with one, changes it. Published needs the readiness check to
 * pass, or `--override REASON`, which is recorded with the failing items.
 */
export const statusCommand: CliCommand = {
  name: 'status',
  usage: [
    `status ID [--library DIR] [--json]             an article's desk status and its history`,
    `status ID NEW_STATUS [--message M] [--override REASON] [--by NAME] [--json]
                                                     change it; NEW_STATUS: ${DESK_STATUSES.join(', ')}.
                                                     published needs the readiness check to pass, or --override`,
  ],
  async run({ args, options, libraryDir, io }) {
    if (args.length < 1 || args.length > 2)
      throw new UsageError('expected an ID and, optionally, a new status');
    const [target, next] = args as [string, string | undefined];
    if (next === undefined) {
      if (options.message !== undefined || options.override !== undefined)
        throw new UsageError('--message and --override need a NEW_STATUS');
      const article = await withReadOnly(libraryDir, async (lib) => lib.get(resolveId(lib, target)));
      io.stdout(
        options.json
          ? `${JSON.stringify({ id: article.id, headline: article.headline, status: article.status, statusHistory: article.statusHistory ?? [] }, null, 2)}\n`
          : describe(article),
      );
      return 0;
    }
    if (!(DESK_STATUSES as readonly string[]).includes(next)) {
      throw new UsageError(`NEW_STATUS must be one of: ${DESK_STATUSES.join(', ')}`);
    }
    const override = typeof options.override === 'string' ? options.override.trim() : undefined;
    if (override === '') throw new UsageError('--override needs a reason');
    const article = await withWritable(libraryDir, async (lib) => {
      const id = resolveId(lib, target);
      const settings = lib.settings;
      return changeDeskStatus(
        lib,
        {
          id,
          status: next as DeskStatus,
          message: typeof options.message === 'string' ? options.message : undefined,
          ...(override && { override: { reason: override } }),
          by: await who(options.by, settings.authorName, io),
        },
        libraryReadiness(lib, (p) => io.stderr(`copydesk: ${p.message} (the pack was not used)\n`)),
      );
    });
    if (options.json) {
      io.stdout(
        `${JSON.stringify({ id: article.id, headline: article.headline, status: article.status, statusHistory: article.statusHistory ?? [] }, null, 2)}\n`,
      );
    } else {
      const last = article.statusHistory?.at(-1);
      io.stdout(
        last && last.to === article.status
          ? `${describeStatusChange(last)}\n`
          : `Status: ${DESK_STATUS_LABELS[article.status]} (unchanged)\n`,
      );
    }
    return 0;
  },
};
