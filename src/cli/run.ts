import { parseArgs, type ParseArgsConfig } from 'node:util';
import { resolve } from 'node:path';
import { resolveLibraryDir } from '../services/appSettings';
import { isCopydeskError } from '../shared/errors';
import { COMMANDS } from './commands';
import { UsageError, type CliIo, type CliOptions } from './context';

export type { CliIo } from './context';

const OPTIONS = {
  library: { type: 'string' },
  json: { type: 'boolean', default: false },
  format: { type: 'string' },
  out: { type: 'string' },
  status: { type: 'string' },
  template: { type: 'string' },
  wrap: { type: 'boolean', default: false },
  sort: { type: 'string' },
  limit: { type: 'string' },
  message: { type: 'string' },
  'as-original': { type: 'boolean', default: false },
  review: { type: 'boolean', default: false },
  override: { type: 'string' },
  by: { type: 'string' },
  help: { type: 'boolean', short: 'h', default: false },
} satisfies ParseArgsConfig['options'];

function usage(): string {
  const lines = COMMANDS.flatMap((c) => c.usage.map((u) => `  copydesk ${u}`));
  return `Copydesk: the newsroom desk's command line

Usage:
${lines.join('\n')}
  copydesk --help                                    this help

ID may be the start of an article id, as long as only one article's id starts with it.
The library is --library, else $COPYDESK_LIBRARY, else the Copydesk app's library.
Exit codes: 0 done, 1 failed (the message says why), 2 the command line was not understood.
`;
}

/** Runs one CLI command; returns the exit code. Output goes through `io` so tests can read it. */
export async function runCli(argv: string[], io: CliIo): Promise<number> {
  let parsed;
  try {
    parsed = parseArgs({ args: argv, options: OPTIONS, allowPositionals: true, strict: true });
  } catch (e) {
    io.stderr(`copydesk: ${(e as Error).message}\n\n${usage()}`);
    return 2;
  }
  const { values, positionals } = parsed;
  const [name, ...args] = positionals;
  if (values.help || name === 'help' || !name) {
    (name || values.help ? io.stdout : io.stderr)(usage());
    return name || values.help ? 0 : 2;
  }
  try {
    const command = COMMANDS.find((c) => c.name === name);
    if (!command) throw new UsageError(`unknown command “${name}”`);
    const libraryDir = resolve(await resolveLibraryDir(values.library, io.env));
    return await command.run({ args, options: values as CliOptions, libraryDir, io });
  } catch (e) {
    if (e instanceof UsageError) {
      io.stderr(`copydesk: ${e.message}\n\n${usage()}`);
      return 2;
    }
    io.stderr(
      `copydesk: ${isCopydeskError(e) ? e.message : `unexpected error: ${(e as Error).stack ?? String(e)}`}\n`,
    );
    return 1;
  }
}
