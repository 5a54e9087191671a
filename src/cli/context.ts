import { resolve } from 'node:path';
import { LibraryStore } from '../library/store';
import { CopydeskError } from '../shared/errors';

export interface CliIo {
  stdout(text: string): void;
  stderr(text: string): void;
  env: NodeJS.ProcessEnv;
}

/** Parsed options every command may read; each command declares which it uses in its usage line. */
export interface CliOptions {
  library?: string;
  json: boolean;
  format?: string;
  out?: string;
  status?: string;
  message?: string;
  [key: string]: string | boolean | undefined;
}

export interface CliContext {
  args: string[];
  options: CliOptions;
  libraryDir: string;
  io: CliIo;
}

/** A CLI command: one file each under src/cli/commands, listed in src/cli/commands/index.ts. */
export interface CliCommand {
  name: string;
  /** One or more usage lines for the help text, without the leading `copydesk `. */
  usage: string[];
  run(ctx: CliContext): Promise<number>;
}

/** The command line was not understood: exit 2 with the usage. */
export class UsageError extends Error {}

export function exactlyOne(args: string[], name: string): string {
  if (args.length !== 1) throw new UsageError(`expected exactly one ${name}`);
  return args[0]!;
}

/** Opens the library without locking or changing anything (list, show, export). */
export async function withReadOnly<T>(dir: string, fn: (lib: LibraryStore) => Promise<T>): Promise<T> {
  const lib = await LibraryStore.open(dir, { owner: null });
  try {
    return await fn(lib);
  } finally {
    await lib.close();
  }
}

/** Opens the library for writing as the CLI: refused while the app has it open. */
export async function withWritable<T>(
  dir: string,
  fn: (lib: LibraryStore) => Promise<T>,
  create = false,
): Promise<T> {
  const lib = await LibraryStore.open(dir, { owner: 'cli', create });
  try {
    return await fn(lib);
  } finally {
    await lib.close();
  }
}

/** Finds the article whose id is `idOrPrefix` or uniquely starts with it. */
export function resolveId(lib: LibraryStore, idOrPrefix: string): string {
  if (lib.has(idOrPrefix)) return idOrPrefix;
  const matches = lib.list().filter((a) => a.id.startsWith(idOrPrefix.toLowerCase()));
  if (matches.length === 1) return matches[0]!.id;
  if (matches.length === 0) {
    throw new CopydeskError(
      'not-found',
      `No article has the id “${idOrPrefix}”. Run \`copydesk list\` to see the ids.`,
    );
  }
  throw new CopydeskError(
    'invalid-input',
    `“${idOrPrefix}” is the start of ${matches.length} article ids; type more of it.`,
  );
}

export const absolute = (p: string): string => resolve(p);
