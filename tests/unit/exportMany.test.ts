import { readdir, readFile } from 'node:fs/promises';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { runCli } from '../../src/cli/run';
import { LibraryStore } from '../../src/library/store';
import { exportMany } from '../../src/services/exportMany';
import type { ExportManyResult } from '../../src/shared/contract';
import { makeTempDir } from '../helpers/tempLibrary';

let temp: { dir: string; cleanup: () => Promise<void> };
let libraryDir: string;
let ids: string[];

beforeEach(async () => {
  temp = await makeTempDir();
  libraryDir = join(temp.dir, 'library');
  const lib = await LibraryStore.open(libraryDir, { owner: 'cli', create: true });
  ids = [];
  for (const headline of ['Ferry returns in May', 'Ferry returns in May', 'Council budget passes']) {
    const a = await lib.create({
      headline,
      body: {
        type: 'doc',
        content: [{ type: 'paragraph', content: [{ type: 'text', text: `${headline} today.` }] }],
      },
    });
    ids.push(a.id);
  }
  await lib.flush();
  await lib.close();
});
afterEach(() => temp.cleanup());

function io() {
  const out = { stdout: '', stderr: '' };
  return {
    out,
    io: {
      stdout: (t: string) => void (out.stdout += t),
      stderr: (t: string) => void (out.stderr += t),
      env: {},
    },
  };
}

describe('batch export', () => {
  it('writes one file per article, never overwriting one already in the folder, and reports progress', async () => {
    const outDir = join(temp.dir, 'out');
    const lib = await LibraryStore.open(libraryDir, { owner: null });
    const progress: string[] = [];
    await exportMany(lib, [ids[2]!], 'markdown', outDir);
    const result = await exportMany(lib, [...ids, 'no-such-article'], 'markdown', outDir, (d, t) =>
      progress.push(`${d}/${t}`),
    );
    await lib.close();
    expect(result.exported.map((e) => e.file)).toEqual([
      'ferry-returns-in-may.md',
      'ferry-returns-in-may-2.md',
      'council-budget-passes-2.md',
    ]);
    expect(result.skipped).toEqual([
      { id: 'no-such-article', headline: '', reason: expect.stringMatching(/no-such-article|not/i) },
    ]);
    expect(progress).toEqual(['1/4', '2/4', '3/4', '4/4']);
    expect((await readdir(outDir)).sort()).toEqual([
      'council-budget-passes-2.md',
      'council-budget-passes.md',
      'ferry-returns-in-may-2.md',
      'ferry-returns-in-may.md',
    ]);
    expect(await readFile(join(outDir, 'ferry-returns-in-may.md'), 'utf8')).toContain(
      'Ferry returns in May today.',
    );
  });

  it('copydesk export --status exports every article with that status into a folder', async () => {
    const { out, io: cliIo } = io();
    const outDir = join(temp.dir, 'drafts');
    const code = await runCli(
      [
        'export',
        '--status',
        'draft',
        '--format',
        'markdown',
        '--out',
        outDir,
        '--library',
        libraryDir,
        '--json',
      ],
      cliIo,
    );
    expect(code, out.stderr).toBe(0);
    expect(JSON.parse(out.stdout).exported).toHaveLength(3);
    expect((await readdir(outDir)).filter((f) => f.endsWith('.md'))).toHaveLength(3);
  });

  it('publish-ready HTML in a batch: drafts failing the readiness check are skipped with why, or exported with --override', async () => {
    const refused = io();
    const outDir = join(temp.dir, 'drafts-html');
    const args = [
      'export',
      '--status',
      'draft',
      '--format',
      'html',
      '--out',
      outDir,
      '--library',
      libraryDir,
      '--json',
    ];
    expect(await runCli(args, refused.io)).toBe(1);
    const skipped = JSON.parse(refused.out.stdout) as ExportManyResult;
    expect(skipped.exported).toEqual([]);
    expect(skipped.skipped).toHaveLength(3);
    for (const s of skipped.skipped)
      expect(s.reason).toMatch(/fails? the publish-readiness check \(.*Dateline: There is no dateline/);
    expect((await readdir(outDir)).filter((f) => f.endsWith('.html'))).toEqual([]);

    const forced = io();
    expect(
      await runCli([...args, '--override', 'Proofs for the night desk'], forced.io),
      forced.out.stderr,
    ).toBe(0);
    const result = JSON.parse(forced.out.stdout) as ExportManyResult;
    expect(result.exported).toHaveLength(3);
    for (const e of result.exported) expect(e.overridden).toContain('Dateline: There is no dateline.');
    expect((await readdir(outDir)).filter((f) => f.endsWith('.html'))).toHaveLength(3);
  });

  it('copydesk export ID ID --out DIR exports those articles; export ID --out FILE still writes one file', async () => {
    const outDir = join(temp.dir, 'two');
    const first = io();
    expect(
      await runCli(
        ['export', ids[0]!, ids[2]!, '--format', 'nitf', '--out', outDir, '--library', libraryDir],
        first.io,
      ),
    ).toBe(0);
    expect((await readdir(outDir)).sort()).toEqual([
      'council-budget-passes.nitf.xml',
      'ferry-returns-in-may.nitf.xml',
    ]);
    const single = io();
    const file = join(temp.dir, 'one.txt');
    expect(
      await runCli(
        ['export', ids[2]!, '--format', 'text', '--wrap', '--out', file, '--library', libraryDir],
        single.io,
      ),
    ).toBe(0);
    expect(await readFile(file, 'utf8')).toMatch(/^Council budget passes\n/);
  });

  it('refuses a binary format to the terminal and an unknown status, with the usage', async () => {
    const a = io();
    expect(await runCli(['export', ids[0]!, '--format', 'docx', '--library', libraryDir], a.io)).toBe(2);
    expect(a.out.stderr).toMatch(/binary file: give --out FILE/);
    const b = io();
    expect(
      await runCli(
        ['export', '--status', 'urgent', '--format', 'html', '--out', temp.dir, '--library', libraryDir],
        b.io,
      ),
    ).toBe(2);
    expect(b.out.stderr).toMatch(/--status must be one of/);
  });
});
