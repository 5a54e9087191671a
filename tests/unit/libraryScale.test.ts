import { execFileSync, spawn } from 'node:child_process';
import { mkdir, readFile, readdir, rename, rm, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { build } from 'vite';
import { afterEach, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { LibraryStore } from '../../src/library/store';
import { watchLibrary } from '../../src/library/watcher';
import type { ArticleContent } from '../../src/shared/article';
import { CopydeskError } from '../../src/shared/errors';
import type { ArticleChangedOnDisk } from '../../src/shared/libraryTypes';
import { makeTempDir } from '../helpers/tempLibrary';

let dir: string;
let cleanup: () => Promise<void>;
let open: LibraryStore[] = [];

beforeEach(async () => {
  ({ dir, cleanup } = await makeTempDir());
  open = [];
});
afterEach(async () => {
  for (const s of open) await s.close().catch(() => undefined);
  await cleanup();
});

async function openLib(at = dir): Promise<LibraryStore> {
  const s = await LibraryStore.open(at, {
    owner: 'app',
    create: true,
    indexDelayMs: 10,
    searchIndexDelayMs: 10,
  });
  open.push(s);
  return s;
}

function content(headline: string, text = 'Body text.'): ArticleContent {
  return {
    headline,
    contentHighlight: '',
    byline: 'Jo Reporter',
    dateline: 'Leeds',
    section: '',
    tags: [],
    body: { type: 'doc', content: [{ type: 'paragraph', content: [{ type: 'text', text }] }] },
  };
}

async function codeOf(p: Promise<unknown>): Promise<CopydeskError> {
  const e = await p.then(
    () => null,
    (err: unknown) => err,
  );
  expect(e).toBeInstanceOf(CopydeskError);
  return e as CopydeskError;
}

describe('the trash', () => {
  it('lists trashed articles, restores one with its history, and empties only on request', async () => {
    const lib = await openLib();
    const keep = await lib.create(content('Keep me', 'Worth keeping.'), { revisionReason: 'import' });
    const spike = await lib.create(content('Spike me', 'Not worth keeping.'), { revisionReason: 'import' });
    await lib.trash(keep.id);
    await lib.trash(spike.id);
    const trash = await lib.listTrash();
    expect(trash.map((t) => t.headline).sort()).toEqual(['Keep me', 'Spike me']);
    expect(trash[0]).toMatchObject({ byline: 'Jo Reporter', wordCount: expect.any(Number) });

    const restored = await lib.restoreFromTrash(trash.find((t) => t.headline === 'Keep me')!.trashId);
    expect(restored.id).toBe(keep.id);
    expect(lib.list().map((a) => a.headline)).toEqual(['Keep me']);
    expect((await lib.listRevisions(keep.id)).map((r) => r.reason)).toEqual(['import']);
    expect(lib.info().trashCount).toBe(1);

    expect(await lib.emptyTrash()).toEqual({ removed: 1 });
    expect(await lib.listTrash()).toEqual([]);
    expect(await readdir(join(dir, 'trash'))).toEqual([]);
    // The erased article's revisions go with it; the restored one's stay.
    expect(await readdir(join(dir, 'revisions'))).toEqual([keep.id]);
  });

  it('restores under a new id when the article is in the library again', async () => {
    const lib = await openLib();
    const a = await lib.create(content('Twice'));
    await lib.trash(a.id);
    const [t] = await lib.listTrash();
    // The same file comes back from a sync tool while it sits in the trash.
    await writeFile(
      join(dir, 'articles', `${a.id}.json`),
      await readFile(join(dir, 'trash', `${t!.trashId}.json`)),
    );
    await lib.rescan();
    const copy = await lib.restoreFromTrash(t!.trashId);
    expect(copy.id).not.toBe(a.id);
    expect(lib.list()).toHaveLength(2);
  });
});

describe('damaged articles are offered their newest good revision', () => {
  const cases: [string, Buffer | string][] = [
    ['empty', ''],
    ['truncated', '{"schemaVersion":1,"id":"abc","headline":"Half a st'],
    ['NUL-filled', Buffer.alloc(4096)],
    ['invalid JSON', 'not json'],
    ['wrong schema', JSON.stringify({ schemaVersion: 1, headline: 42 })],
  ];
  for (const [name, bytes] of cases) {
    it(`an ${name} article file with history`, async () => {
      const lib = await openLib();
      const a = await lib.create(content('Good story', 'Every word matters.'));
      await lib.save(a.id, content('Good story, filed', 'Every word matters here.'), a.rev, 'explicit');
      await lib.close();
      await writeFile(join(dir, 'articles', `${a.id}.json`), bytes);

      const again = await openLib();
      expect(again.list()).toEqual([]);
      const [damaged] = again.info().damaged;
      expect(damaged!.id).toBe(a.id);
      expect(damaged!.restorableRevision).toMatchObject({ headline: 'Good story, filed', wordCount: 4 });
      expect((await readFile(join(dir, damaged!.keptAs))).equals(Buffer.from(bytes))).toBe(true);

      const restored = await again.restoreDamaged(damaged!.keptAs);
      expect(restored.headline).toBe('Good story, filed');
      expect(again.info().damaged).toEqual([]);
      expect((await again.get(a.id)).headline).toBe('Good story, filed');
      // The damaged bytes are still kept aside.
      expect((await readFile(join(dir, damaged!.keptAs))).equals(Buffer.from(bytes))).toBe(true);
      expect((await again.listRevisions(a.id))[0]!.reason).toBe('restore');
    });
  }

  it('a damaged article with no revision says so and keeps its bytes', async () => {
    const lib = await openLib();
    await lib.close();
    const id = '0badf11e-0000-4000-8000-000000000009';
    await writeFile(join(dir, 'articles', `${id}.json`), 'garbage');
    const again = await openLib();
    const [damaged] = again.info().damaged;
    expect(damaged!.restorableRevision).toBeUndefined();
    expect((await codeOf(again.restoreDamaged(damaged!.keptAs))).code).toBe('not-found');
  });
});

describe('a library in a synced folder', () => {
  it('notices an article changed, added or removed from outside, and not its own saves', async () => {
    const lib = await openLib();
    const a = await lib.create(content('Ours'));
    const b = await lib.create(content('Will vanish'));
    const seen: ArticleChangedOnDisk[] = [];
    const watcher = watchLibrary(
      () => lib,
      (changes) => seen.push(...changes),
      { debounceMs: 50, rescanMs: 0 },
    );
    try {
      await lib.save(a.id, content('Ours, saved by us'), a.rev, 'autosave');
      await new Promise((r) => setTimeout(r, 300));
      expect(seen).toEqual([]);

      const file = join(dir, 'articles', `${a.id}.json`);
      const theirs = {
        ...JSON.parse(await readFile(file, 'utf8')),
        headline: 'Edited on the other laptop',
        rev: 9,
      };
      await writeFile(file, JSON.stringify(theirs));
      await rm(join(dir, 'articles', `${b.id}.json`));
      await expect.poll(() => seen.length, { timeout: 5000 }).toBe(2);
      expect(seen).toContainEqual(
        expect.objectContaining({
          id: a.id,
          change: 'changed',
          rev: 9,
          headline: 'Edited on the other laptop',
        }),
      );
      expect(seen).toContainEqual({ id: b.id, change: 'removed' });
      expect(lib.list().map((x) => x.headline)).toEqual(['Edited on the other laptop']);
      expect((await lib.search({ query: 'laptop' })).total).toBe(1);
      // The editor still holds rev 2: its save is a conflict, and both versions can be kept.
      expect((await codeOf(lib.save(a.id, content('My unsaved words'), a.rev + 1))).code).toBe('conflict');
      const { article, copy } = await lib.saveConflictCopy(a.id, content('My unsaved words'), 'theirs');
      expect(article.headline).toBe('My unsaved words');
      expect(copy.headline).toBe('Edited on the other laptop (conflict copy)');
      const mine = await lib.saveConflictCopy(a.id, content('Another take'));
      expect(mine.copy.headline).toBe('Another take (conflict copy)');
      expect(mine.article.headline).toBe('My unsaved words');
    } finally {
      watcher.close();
    }
  });

  it('lists sync tools’ conflict files as conflicts, not as articles', async () => {
    const lib = await openLib();
    const a = await lib.create(content('Story'));
    await lib.close();
    const bytes = await readFile(join(dir, 'articles', `${a.id}.json`));
    const names = [
      `${a.id} (Jo's conflicted copy 2025-03-01).json`,
      `${a.id}.sync-conflict-20250301-104200-ABCDEFG.json`,
      `${a.id} (Case Conflict).json`,
    ];
    for (const n of names) await writeFile(join(dir, 'articles', n), bytes);
    const again = await openLib();
    expect(again.list()).toHaveLength(1);
    expect(again.info().conflicts.map((c) => [c.tool, c.articleId])).toEqual(
      expect.arrayContaining([
        ['dropbox', a.id],
        ['syncthing', a.id],
        ['case-conflict', a.id],
      ]),
    );
    // One appearing while the app runs is picked up by the rescan.
    await rm(join(dir, 'articles', names[0]!));
    const later = `${a.id} (Sam's conflicted copy 2025-03-02).json`;
    await writeFile(join(dir, 'articles', later), bytes);
    const { conflictsChanged } = await again.rescan();
    expect(conflictsChanged).toBe(true);
    expect(
      again
        .info()
        .conflicts.map((c) => c.file)
        .sort(),
    ).toEqual([`articles/${later}`, `articles/${names[1]}`, `articles/${names[2]}`].sort());
  });
});

describe('a full or read-only disk', () => {
  it('saving into a folder that became a file fails with a clear message, and resumes by itself', async () => {
    const lib = await openLib();
    const a = await lib.create(content('Story'));
    await rename(join(dir, 'articles'), join(dir, 'articles-away'));
    await writeFile(join(dir, 'articles'), 'not a folder');
    const err = await codeOf(lib.save(a.id, content('Text the editor keeps'), a.rev));
    expect(err.code).toBe('io');
    expect(err.message).toMatch(/Your text is still here/);
    await rm(join(dir, 'articles'));
    await rename(join(dir, 'articles-away'), join(dir, 'articles'));
    expect((await lib.save(a.id, content('Text the editor keeps'), a.rev)).rev).toBe(a.rev + 1);
  });

  // A real small file system: a full disk and a read-only mount. Needs mount rights (root here).
  const mnt = join('/tmp', `copydesk-tmpfs-${process.pid}`);
  let mounted = false;
  beforeAll(async () => {
    await mkdir(mnt, { recursive: true });
    try {
      execFileSync('mount', ['-t', 'tmpfs', '-o', 'size=1m', 'tmpfs', mnt], { stdio: 'ignore' });
      mounted = true;
    } catch {
      mounted = false;
    }
    return async () => {
      if (mounted) execFileSync('umount', [mnt], { stdio: 'ignore' });
      await rm(mnt, { recursive: true, force: true });
    };
  });

  it('a full disk: saving fails with “disk is full”, and the next save after freeing space succeeds', async (ctx) => {
    if (!mounted) ctx.skip(); // this machine does not allow mounting a tmpfs
    const libDir = join(mnt, 'full');
    const lib = await openLib(libDir);
    const a = await lib.create(content('Story'));
    const filler = join(mnt, 'filler');
    await writeFile(filler, Buffer.alloc(1024 * 1024 - 64 * 1024)).catch(() => undefined);
    const big = content('Story', 'word '.repeat(40_000));
    const err = await codeOf(lib.save(a.id, big, a.rev));
    expect(err.code).toBe('disk-full');
    expect(err.message).toMatch(/disk is full.*Your text is still here/);
    expect((await lib.get(a.id)).headline).toBe('Story');
    await rm(filler);
    expect((await lib.save(a.id, big, a.rev)).rev).toBe(a.rev + 1);
    await lib.close();
  });

  it('a read-only library: saving fails with a clear message, and resumes when writable again', async (ctx) => {
    if (!mounted) ctx.skip();
    const libDir = join(mnt, 'ro');
    const lib = await openLib(libDir);
    const a = await lib.create(content('Story'));
    execFileSync('mount', ['-o', 'remount,ro', mnt]);
    try {
      const err = await codeOf(lib.save(a.id, content('Edited'), a.rev));
      expect(err.code).toBe('read-only');
      expect(err.message).toMatch(/not allowed to write.*Your text is still here/);
    } finally {
      execFileSync('mount', ['-o', 'remount,rw', mnt]);
    }
    expect((await lib.save(a.id, content('Edited'), a.rev)).rev).toBe(a.rev + 1);
    await lib.close();
  });
});

describe('two writers never interleave', () => {
  const REPO = join(import.meta.dirname, '../..');
  const OUT_DIR = join(REPO, 'node_modules/.cache/copydesk-tests');
  beforeAll(async () => {
    await build({
      configFile: false,
      logLevel: 'warn',
      build: {
        ssr: join(import.meta.dirname, '../fixtures/holdLibrary.ts'),
        outDir: OUT_DIR,
        emptyOutDir: false,
        target: 'node20',
        minify: false,
        rollupOptions: { output: { format: 'es', entryFileNames: 'holdLibrary.mjs' } },
      },
    });
  }, 60_000);

  it('a second app process is refused with a clear error while the first holds the library', async () => {
    const child = spawn(process.execPath, [join(OUT_DIR, 'holdLibrary.mjs'), dir], {
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    try {
      const id = await new Promise<string>((resolve, reject) => {
        let out = '';
        let err = '';
        child.stdout.on('data', (c: Buffer) => {
          out += c.toString();
          const m = /HELD (\S+)/.exec(out);
          if (m) resolve(m[1]!);
        });
        child.stderr.on('data', (c: Buffer) => (err += c.toString()));
        child.on('exit', () => reject(new Error(`holder exited: ${err}`)));
      });
      const err = await codeOf(LibraryStore.open(dir, { owner: 'app' }));
      expect(err.code).toBe('locked');
      expect(err.message).toMatch(/open in the Copydesk app/);
      const ro = await LibraryStore.open(dir, { owner: null });
      open.push(ro);
      expect((await ro.get(id)).headline).toBe('saved by the first writer');
    } finally {
      child.kill('SIGKILL');
    }
  });
});
