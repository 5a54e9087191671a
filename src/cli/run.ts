import { parseArgs, type ParseArgsConfig } from 'node:util';
import { resolve } from 'node:path';
import { writeFileDurable } from '../library/durableFile';
import { LibraryStore } from '../library/store';
import { resolveLibraryDir } from '../services/appSettings';
import { renderExport } from '../services/exportArticle';
import { importFilesInto } from '../services/importFiles';
import { DESK_STATUS_LABELS, type Article } from '../shared/article';
import { ExportFormatSchema } from '../shared/contract';
import { CopydeskError, isCopydeskError } from '../shared/errors';
import { bodyText } from '../shared/text';

export interface CliIo {
  stdout(text: string): void;
  stderr(text: string): void;
  env: NodeJS.ProcessEnv;
}

const USAGE = `Copydesk: the newsroom desk's command line

Usage:
  copydesk import FILE... [--library DIR] [--json]   import text, Markdown or HTML files as new articles
  copydesk list [--library DIR] [--json]             list the library's articles, newest first
  copydesk show ID [--library DIR] [--json]          print one article (--json: the whole stored record)
  copydesk export ID --format html [--out FILE] [--library DIR]
                                                     export an article (to stdout without --out)
  copydesk --help                                    this help

ID may be the start of an article id, as long as only one article's id starts with it.
The library is --library, else $COPYDESK_LIBRARY, else the Copydesk app's library.
Exit codes: 0 done, 1 failed (the message says why), 2 the command line was not understood.
`;

class UsageError extends Error {}

const OPTIONS = {
  library: { type: 'string' },
  json: { type: 'boolean', default: false },
  format: { type: 'string' },
  out: { type: 'string' },
  help: { type: 'boolean', short: 'h', default: false },
} satisfies ParseArgsConfig['options'];

/** Runs one CLI command; returns the exit code. Output goes through `io` so tests can read it. */
export async function runCli(argv: string[], io: CliIo): Promise<number> {
  let parsed;
  try {
    parsed = parseArgs({ args: argv, options: OPTIONS, allowPositionals: true, strict: true });
  } catch (e) {
    io.stderr(`copydesk: ${(e as Error).message}\n\n${USAGE}`);
    return 2;
  }
  const { values, positionals } = parsed;
  const [command, ...args] = positionals;
  if (values.help || command === 'help' || !command) {
    (command || values.help ? io.stdout : io.stderr)(USAGE);
    return command || values.help ? 0 : 2;
  }
  try {
    const libraryDir = resolve(await resolveLibraryDir(values.library, io.env));
    switch (command) {
      case 'import':
        return await importCommand(libraryDir, args, values.json, io);
      case 'list':
        return await withReadOnly(libraryDir, (lib) => listCommand(lib, values.json, io));
      case 'show':
        return await withReadOnly(libraryDir, (lib) => showCommand(lib, one(args, 'ID'), values.json, io));
      case 'export':
        return await withReadOnly(libraryDir, (lib) =>
          exportCommand(lib, one(args, 'ID'), values.format, values.out, io),
        );
      default:
        throw new UsageError(`unknown command “${command}”`);
    }
  } catch (e) {
    if (e instanceof UsageError) {
      io.stderr(`copydesk: ${e.message}\n\n${USAGE}`);
      return 2;
    }
    io.stderr(`copydesk: ${isCopydeskError(e) ? e.message : `unexpected error: ${(e as Error).stack ?? String(e)}`}\n`);
    return 1;
  }
}

function one(args: string[], name: string): string {
  if (args.length !== 1) throw new UsageError(`expected exactly one ${name}`);
  return args[0]!;
}

async function withReadOnly(dir: string, fn: (lib: LibraryStore) => Promise<number>): Promise<number> {
  const lib = await LibraryStore.open(dir, { owner: null });
  try {
    return await fn(lib);
  } finally {
    await lib.close();
  }
}

/** Finds the article whose id is `idOrPrefix` or uniquely starts with it. */
function resolveId(lib: LibraryStore, idOrPrefix: string): string {
  if (lib.has(idOrPrefix)) return idOrPrefix;
  const matches = lib.list().filter((a) => a.id.startsWith(idOrPrefix.toLowerCase()));
  if (matches.length === 1) return matches[0]!.id;
  if (matches.length === 0) {
    throw new CopydeskError('not-found', `No article has the id “${idOrPrefix}”. Run \`copydesk list\` to see the ids.`);
  }
  throw new CopydeskError('invalid-input', `“${idOrPrefix}” is the start of ${matches.length} article ids; type more of it.`);
}

async function importCommand(dir: string, files: string[], json: boolean, io: CliIo): Promise<number> {
  if (files.length === 0) throw new UsageError('import needs at least one FILE');
  const lib = await LibraryStore.open(dir, { owner: 'cli', create: true });
  try {
    const result = await importFilesInto(lib, files.map((f) => resolve(f)));
    if (json) {
      io.stdout(`${JSON.stringify(result.imported, null, 2)}\n`);
    } else {
      for (const a of result.imported) {
        io.stdout(`Imported ${a.id}  ${a.headline || '(no headline)'}  ← ${a.file}\n`);
        for (const note of a.report) io.stdout(`  ${note.kind}: ${note.message}\n`);
      }
    }
    for (const f of result.failed) io.stderr(`copydesk: ${f.file}: ${f.message}\n`);
    return result.failed.length > 0 ? 1 : 0;
  } finally {
    await lib.close();
  }
}

async function listCommand(lib: LibraryStore, json: boolean, io: CliIo): Promise<number> {
  const rows = lib.list();
  if (json) {
    io.stdout(`${JSON.stringify(rows, null, 2)}\n`);
    return 0;
  }
  if (rows.length === 0) {
    io.stdout(`The library at ${lib.dir} has no articles yet.\n`);
    return 0;
  }
  for (const r of rows) {
    io.stdout(
      `${r.id}  ${DESK_STATUS_LABELS[r.status].padEnd(16)}  ${r.updatedAt.slice(0, 16).replace('T', ' ')}  ${r.headline || '(no headline)'}${r.byline ? `  — ${r.byline}` : ''}\n`,
    );
  }
  for (const d of lib.info().damaged) io.stderr(`copydesk: warning: ${d.keptAs}: ${d.reason}\n`);
  return 0;
}

async function showCommand(lib: LibraryStore, idOrPrefix: string, json: boolean, io: CliIo): Promise<number> {
  const article = await lib.get(resolveId(lib, idOrPrefix));
  io.stdout(json ? `${JSON.stringify(article, null, 2)}\n` : describe(article));
  return 0;
}

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

async function exportCommand(
  lib: LibraryStore,
  idOrPrefix: string,
  format: string | undefined,
  out: string | undefined,
  io: CliIo,
): Promise<number> {
  const parsedFormat = ExportFormatSchema.safeParse(format ?? '');
  if (!parsedFormat.success) {
    throw new UsageError(`--format must be one of: ${ExportFormatSchema.options.join(', ')}`);
  }
  const article = await lib.get(resolveId(lib, idOrPrefix));
  const { data } = renderExport(article, parsedFormat.data);
  if (out) {
    await writeFileDurable(resolve(out), data);
    io.stderr(`Exported “${article.headline}” to ${resolve(out)}\n`);
  } else {
    io.stdout(data);
  }
  return 0;
}
