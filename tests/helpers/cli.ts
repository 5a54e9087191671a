import { join } from 'node:path';
import { runCli } from '../../src/cli/run';

export interface CliResult {
  code: number;
  out: string;
  err: string;
}

/**
 * Runs the CLI in this process, as `copydesk` would run, with `home` as HOME (so it finds no
 * real settings) and its output captured.
 */
export async function runCliIn(
  home: string,
  argv: string[],
  env: Record<string, string> = {},
): Promise<CliResult> {
  let out = '';
  let err = '';
  const code = await runCli(argv, {
    stdout: (s) => (out += s),
    stderr: (s) => (err += s),
    env: { HOME: home, XDG_CONFIG_HOME: join(home, 'config'), ...env },
  });
  return { code, out, err };
}
