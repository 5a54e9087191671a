import { execFile } from 'node:child_process';
import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

/** The W3C checker shipped by the `vnu-jar` package. */
export const VNU_JAR = path.resolve(import.meta.dirname, '../../node_modules/vnu-jar/build/dist/vnu.jar');

/** One message from the W3C checker. */
export interface VnuMessage {
  type: 'error' | 'info' | 'non-document-error' | string;
  subType?: string;
  message: string;
  extract?: string;
  lastLine?: number;
  lastColumn?: number;
  url?: string;
}

/** Messages per file, keyed by the absolute path passed in; a file with no messages maps to `[]`. */
export type VnuReport = Map<string, VnuMessage[]>;

/**
 * Runs the real W3C HTML checker (vnu-jar, needs Java) once over all `files` and returns its
 * messages per file. Only errors unless `errorsOnly` is false. One Java start costs ~2 s, so
 * pass many files at once. Throws if Java or the checker itself cannot run.
 */
export async function checkHtmlWithVnu(
  files: string[],
  options: { errorsOnly?: boolean } = {},
): Promise<VnuReport> {
  const absolute = files.map((f) => path.resolve(f));
  const report: VnuReport = new Map(absolute.map((f) => [f, []]));
  if (absolute.length === 0) return report;
  const args = [
    '-jar',
    VNU_JAR,
    ...(options.errorsOnly === false ? [] : ['--errors-only']),
    '--format',
    'json',
    ...absolute,
  ];
  const stderr = await new Promise<string>((resolve, reject) => {
    // vnu exits 1 when it finds errors: that is a result, not a failure to run.
    execFile('java', args, { maxBuffer: 256 * 1024 * 1024 }, (error, _stdout, err) => {
      if (error && typeof error.code !== 'number')
        reject(new Error(`Could not run the W3C checker (java): ${error.message}`));
      else resolve(err);
    });
  });
  let parsed: { messages?: VnuMessage[] };
  try {
    parsed = JSON.parse(stderr) as { messages?: VnuMessage[] };
  } catch {
    throw new Error(`The W3C checker did not answer in JSON:\n${stderr.slice(0, 2000)}`);
  }
  for (const message of parsed.messages ?? []) {
    const file = message.url?.startsWith('file:') ? fileURLToPath(message.url) : undefined;
    const list = file ? report.get(file) : undefined;
    if (list) list.push(message);
    else
      throw new Error(
        `The W3C checker reported something not tied to a checked file: ${JSON.stringify(message)}`,
      );
  }
  return report;
}

/**
 * Writes each document to a temporary file, checks them all in one checker run and returns the
 * messages keyed by the names given. The temporary folder is removed afterwards.
 */
export async function checkHtmlStringsWithVnu(
  documents: Record<string, string>,
  options: { errorsOnly?: boolean } = {},
): Promise<Map<string, VnuMessage[]>> {
  const dir = await mkdtemp(path.join(tmpdir(), 'copydesk-vnu-'));
  try {
    const names = Object.keys(documents);
    const files = names.map((_, i) => path.join(dir, `doc-${i}.html`));
    await Promise.all(files.map((file, i) => writeFile(file, documents[names[i]!]!, 'utf8')));
    const report = await checkHtmlWithVnu(files, options);
    return new Map(names.map((name, i) => [name, report.get(files[i]!) ?? []]));
  } finally {
    await rm(dir, { recursive: true, force: true });
  }
}

/** vnu messages as readable lines, for a failing assertion's output. */
export function formatVnuMessages(messages: VnuMessage[]): string {
  return messages
    .map(
      (m) =>
        `${m.type}${m.subType ? `/${m.subType}` : ''} line ${m.lastLine ?? '?'}: ${m.message}${m.extract ? `\n    ${JSON.stringify(m.extract)}` : ''}`,
    )
    .join('\n');
}
