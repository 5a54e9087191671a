import { runCliIn, type CliResult } from '../helpers/cli';
import { execFile } from 'node:child_process';
import { existsSync } from 'node:fs';
import { readFile, readdir, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { promisify } from 'node:util';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { LibraryStore } from '../../src/library/store';
import { makeTempDir, SAMPLES_DIR } from '../helpers/tempLibrary';

const run = promisify(execFile);
const REPO = join(import.meta.dirname, '../..');
const BIN = join(REPO, 'bin/copydesk.js');

let dir: string;
let cleanup: () => Promise<void>;
beforeEach(async () => ({ dir, cleanup } = await makeTempDir()));
afterEach(() => cleanup());

async function cli(...argv: string[]): Promise<CliResult> {
  return runCliIn(dir, argv);
}

describe('copydesk CLI', () => {
  it('imports every sample it supports, lists them and shows one as stored', async () => {
    const lib = join(dir, 'lib');
    const files = ['riverside-flood-barrier.txt', 'rail-strike-draft.md', 'harbour-ferry-paste.html'].map(
      (f) => join(SAMPLES_DIR, f),
    );
    const imported = await cli('import', ...files, '--library', lib, '--json');
    expect(imported.err).toBe('');
    expect(imported.code).toBe(0);
    const rows = JSON.parse(imported.out) as { id: string; headline: string }[];
    expect(rows.map((r) => r.headline)).toEqual([
      'Riverside council approves £12m flood barrier after third winter of flooding',
      'Rail strike set to cancel half of commuter services on Friday',
      'Harbour ferry returns after six-month repair',
    ]);

    const listed = await cli('list', '--library', lib, '--json');
    expect(listed.code).toBe(0);
    expect((JSON.parse(listed.out) as { id: string }[]).map((r) => r.id).sort()).toEqual(
      rows.map((r) => r.id).sort(),
    );

    const shown = await cli('show', rows[0]!.id, '--library', lib, '--json');
    const article = JSON.parse(shown.out);
    const onDisk = JSON.parse(await readFile(join(lib, 'articles', `${rows[0]!.id}.json`), 'utf8'));
    expect(article).toEqual(onDisk);
    expect(article.byline).toBe('Riverside Gazette');

    const human = await cli('list', '--library', lib);
    expect(human.out).toContain('Rail strike set to cancel half of commuter services on Friday');
  });

  it('exports HTML to stdout or to a file, finding the article by the start of its id, after the readiness check', async () => {
    const lib = join(dir, 'lib');
    const { out } = await cli(
      'import',
      join(SAMPLES_DIR, 'rail-strike-draft.md'),
      '--library',
      lib,
      '--json',
    );
    const id = (JSON.parse(out) as { id: string }[])[0]!.id;
    // The draft fails the publish-readiness check, as in the app: refused, nothing written…
    const file = join(dir, 'out.html');
    const refused = await cli('export', id, '--format', 'html', '--out', file, '--library', lib);
    expect(refused.code).toBe(1);
    expect(refused.err).toMatch(/was not exported as publish-ready HTML: .*publish-readiness check \(.*\)/);
    await expect(readFile(file, 'utf8')).rejects.toThrow(/ENOENT/);
    // …unless the readiness check is overridden with a reason, which is said with the items.
    const toStdout = await cli(
      'export',
      id.slice(0, 8),
      '--format',
      'html',
      '--override',
      'Proof for the desk',
      '--library',
      lib,
    );
    expect(toStdout.code).toBe(0);
    expect(toStdout.err).toMatch(/readiness items? overridden \(Proof for the desk\):\n {2}\S/);
    expect(toStdout.out).toMatch(/^<!DOCTYPE html>/i);
    expect(toStdout.out).toContain(
      '<title>Rail strike set to cancel half of commuter services on Friday</title>',
    );
    const toFile = await cli(
      'export',
      id,
      '--format',
      'html',
      '--override',
      'Proof',
      '--out',
      file,
      '--library',
      lib,
    );
    expect(toFile.code).toBe(0);
    expect(await readFile(file, 'utf8')).toBe(toStdout.out);
  });

  it('says when a short prefix starts too many words to search them all', async () => {
    const lib = join(dir, 'lib');
    const store = await LibraryStore.open(lib, { owner: 'cli', create: true });
    // 160 articles with 500 words each starting "qu": 80,000 postings, over the 60,000 searched.
    for (let a = 0; a < 160; a++) {
      const words = Array.from({ length: 500 }, (_, w) => `qu${(a * 37 + w) % 900}x`).join(' ');
      await store.create({
        headline: `Story ${a}`,
        body: { type: 'doc', content: [{ type: 'paragraph', content: [{ type: 'text', text: words }] }] },
      });
    }
    await store.close();
    const narrowed = await cli('search', 'qu', '--library', lib);
    expect(narrowed.code).toBe(0);
    expect(narrowed.out).toMatch(/^“qu” starts 900 words: showing articles with the \d+ most common\./);
    const json = JSON.parse((await cli('search', 'qu', '--library', lib, '--json')).out) as {
      narrowed: { prefix: string; used: number; of: number };
      total: number;
    };
    expect(json.narrowed.of).toBe(900);
    expect(json.narrowed.used).toBeLessThan(900);
    expect(json.total).toBeGreaterThan(0);
    // A longer prefix starts fewer words: all are searched, and nothing is said.
    expect((await cli('search', 'qu12', '--library', lib)).out).not.toMatch(/starts/);
  });

  it('searches despite a typo, keeps and restores revisions, and trashes and restores through the trash', async () => {
    const lib = join(dir, 'lib');
    const files = ['riverside-flood-barrier.txt', 'rail-strike-draft.md'].map((f) => join(SAMPLES_DIR, f));
    const rows = JSON.parse((await cli('import', ...files, '--library', lib, '--json')).out) as {
      id: string;
    }[];
    const [river, rail] = rows.map((r) => r.id) as [string, string];

    const found = await cli('search', 'flood barier', '--library', lib, '--json');
    expect(found.code).toBe(0);
    const ids = (JSON.parse(found.out) as { hits: { article: { id: string } }[] }).hits.map(
      (h) => h.article.id,
    );
    expect(ids[0]).toBe(river);
    expect(ids).not.toContain(rail);
    expect((await cli('search', 'nothing-like-this-anywhere', '--library', lib)).out).toMatch(
      /No article matches/,
    );

    // The import is the first revision; an explicit save of new text is the second.
    const store = await LibraryStore.open(lib, { owner: 'cli' });
    const before = await store.get(river);
    await store.save(river, { ...before, headline: 'Rewritten headline' }, before.rev, 'explicit');
    await store.close();
    const history = JSON.parse((await cli('history', river, '--library', lib, '--json')).out) as {
      revisionId: string;
      headline: string;
      reason: string;
    }[];
    expect(history.map((r) => r.reason)).toEqual(['explicit', 'import']);
    const restored = await cli('restore', river, history[1]!.revisionId, '--library', lib, '--json');
    expect(restored.code).toBe(0);
    const shown = JSON.parse((await cli('show', river, '--library', lib, '--json')).out) as {
      headline: string;
    };
    expect(shown.headline).toBe(before.headline);

    const store2 = await LibraryStore.open(lib, { owner: 'cli' });
    await store2.trash(rail);
    await store2.close();
    const trashed = JSON.parse((await cli('trash', 'list', '--library', lib, '--json')).out) as {
      trashId: string;
    }[];
    expect(trashed).toHaveLength(1);
    expect((await cli('trash', 'restore', trashed[0]!.trashId, '--library', lib)).code).toBe(0);
    expect((await cli('list', '--library', lib, '--json')).out).toContain(rail);
    expect(JSON.parse((await cli('trash', 'list', '--library', lib, '--json')).out)).toEqual([]);
    const bad = await cli('trash', 'restore', 'no-such-thing', '--library', lib);
    expect(bad.code).toBe(2);
    expect(bad.err).toMatch(/nothing in the trash/);
  });

  it('explains errors on stderr with a non-zero exit and writes nothing', async () => {
    const lib = join(dir, 'lib');
    await cli('import', join(SAMPLES_DIR, 'riverside-flood-barrier.txt'), '--library', lib);
    const before = await readdir(join(lib, 'articles'));

    const missing = await cli('show', 'no-such-id', '--library', lib);
    expect(missing.code).toBe(1);
    expect(missing.err).toMatch(/No article has the id “no-such-id”/);

    const badFormat = await cli(
      'export',
      before[0]!.replace('.json', ''),
      '--format',
      'exe',
      '--library',
      lib,
    );
    expect(badFormat.code).toBe(2);
    expect(badFormat.err).toMatch(/--format must be one of: html/);

    const badFile = join(dir, 'notes.pdf');
    await writeFile(badFile, '%PDF-1.4');
    const unsupported = await cli('import', badFile, '--library', lib);
    expect(unsupported.code).toBe(1);
    expect(unsupported.err).toMatch(/notes\.pdf/);

    const noLibrary = await cli('list', '--library', join(dir, 'nowhere'));
    expect(noLibrary.code).toBe(1);
    expect(noLibrary.err).toMatch(/no Copydesk library/i);

    const unknown = await cli('frobnicate');
    expect(unknown.code).toBe(2);
    expect(unknown.err).toMatch(/unknown command/);

    expect(await readdir(join(lib, 'articles'))).toEqual(before);
  });

  it('refuses to write to a library the app has open, and says so', async () => {
    const lib = join(dir, 'lib');
    const app = await LibraryStore.open(lib, { owner: 'app', create: true });
    try {
      // The app's lock belongs to this (live) process, which the CLI would treat as its own;
      // run the CLI as a separate process, as a user would.
      if (!existsSync(join(REPO, 'out/cli/index.js')))
        throw new Error('Run `npm run build` first: the CLI is tested as built.');
      const result = await run(process.execPath, [
        BIN,
        'import',
        join(SAMPLES_DIR, 'rail-strike-draft.md'),
        '--library',
        lib,
      ]).then(
        () => ({ code: 0, stderr: '' }),
        (e: { code: number; stderr: string }) => e,
      );
      expect(result.code).toBe(1);
      expect(result.stderr).toMatch(/open in the Copydesk app/);
      expect(app.list()).toHaveLength(0);
      expect(await readdir(join(lib, 'articles'))).toEqual([]);
    } finally {
      await app.close();
    }
  });

  it('the installed `copydesk` command prints its help and honours $COPYDESK_LIBRARY', async () => {
    const help = await run(process.execPath, [BIN, '--help']);
    expect(help.stdout).toMatch(/copydesk import FILE/);
    const lib = join(dir, 'env-lib');
    await run(process.execPath, [BIN, 'import', join(SAMPLES_DIR, 'riverside-flood-barrier.txt')], {
      env: { ...process.env, COPYDESK_LIBRARY: lib },
    });
    const listed = await run(process.execPath, [BIN, 'list', '--json'], {
      env: { ...process.env, COPYDESK_LIBRARY: lib },
    });
    expect((JSON.parse(listed.stdout) as { headline: string }[])[0]!.headline).toMatch(
      /^Riverside council approves/,
    );
  });
});
