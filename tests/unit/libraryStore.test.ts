import { spawn } from 'node:child_process';
import { readFile, readdir, stat, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { LibraryStore } from '../../src/library/store';
import { LibraryLock } from '../../src/library/lock';
import { welcomeArticle } from '../../src/library/welcomeArticle';
import { ARTICLE_SCHEMA_VERSION, ArticleSchema, type ArticleContent } from '../../src/shared/article';
import { CopydeskError } from '../../src/shared/errors';
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

async function openLib(
  options: Partial<Parameters<typeof LibraryStore.open>[1]> = {},
): Promise<LibraryStore> {
  const s = await LibraryStore.open(dir, { owner: 'app', create: true, indexDelayMs: 10, ...options });
  open.push(s);
  return s;
}

function content(headline: string, text = 'Body text.'): ArticleContent {
  return {
    headline,
    contentHighlight: `${headline} summary`,
    byline: 'Jo Reporter',
    dateline: 'Leeds',
    section: '',
    tags: [],
    body: { type: 'doc', content: [{ type: 'paragraph', content: [{ type: 'text', text }] }] },
  };
}

async function expectCode(p: Promise<unknown>, code: string): Promise<CopydeskError> {
  const e = await p.then(
    () => null,
    (err: unknown) => err,
  );
  expect(e).toBeInstanceOf(CopydeskError);
  expect((e as CopydeskError).code).toBe(code);
  return e as CopydeskError;
}

describe('a new library', () => {
  it('starts with the welcome article on first run', async () => {
    const lib = await openLib({ seed: welcomeArticle });
    const list = lib.list();
    expect(list).toHaveLength(1);
    expect(list[0]!.headline).toBe(welcomeArticle().headline);
    const article = await lib.get(list[0]!.id);
    expect(ArticleSchema.parse(article)).toEqual(article);
    const onDisk = JSON.parse(await readFile(join(dir, 'articles', `${article.id}.json`), 'utf8'));
    expect(onDisk).toMatchObject({ id: article.id, status: 'draft', schemaVersion: ARTICLE_SCHEMA_VERSION });
    for (const field of [
      'headline',
      'contentHighlight',
      'byline',
      'dateline',
      'body',
      'createdAt',
      'updatedAt',
    ]) {
      expect(onDisk).toHaveProperty(field);
    }
  });

  it('does not seed a library that already exists', async () => {
    const first = await openLib({ seed: welcomeArticle });
    await first.trash(first.list()[0]!.id);
    await first.close();
    const again = await openLib({ seed: welcomeArticle });
    expect(again.list()).toHaveLength(0);
  });

  it('refuses to turn a folder of other files into a library', async () => {
    await writeFile(join(dir, 'notes.txt'), 'mine');
    await expectCode(LibraryStore.open(dir, { owner: 'app', create: true }), 'invalid-input');
    expect(await readdir(dir)).toEqual(['notes.txt']);
  });

  it('read-only opening of a missing library says there is none and creates nothing', async () => {
    const missing = join(dir, 'nope');
    await expectCode(LibraryStore.open(missing, { owner: null }), 'not-found');
    await expect(stat(missing)).rejects.toThrow();
  });
});

describe('saving', () => {
  it('writes only the saved article’s file and bumps its revision', async () => {
    const lib = await openLib();
    const a = await lib.create(content('First'));
    const b = await lib.create(content('Second'));
    const bPath = join(dir, 'articles', `${b.id}.json`);
    const bBefore = await stat(bPath);
    const bBytes = await readFile(bPath, 'utf8');

    const result = await lib.save(a.id, content('First, revised', 'New words.'), a.rev);
    expect(result.rev).toBe(a.rev + 1);
    const stored = await lib.get(a.id);
    expect(stored.headline).toBe('First, revised');
    expect(stored.createdAt).toBe(a.createdAt);
    expect(Date.parse(stored.updatedAt)).toBeGreaterThan(Date.parse(a.updatedAt));
    expect((await stat(bPath)).mtimeMs).toBe(bBefore.mtimeMs);
    expect(await readFile(bPath, 'utf8')).toBe(bBytes);
    expect(lib.list()[0]!.id).toBe(a.id);
  });

  it('refuses a save based on an older revision instead of overwriting it', async () => {
    const lib = await openLib();
    const a = await lib.create(content('Story'));
    await lib.save(a.id, content('Edited on the desk'), a.rev);
    await expectCode(lib.save(a.id, content('Stale edit'), a.rev), 'conflict');
    expect((await lib.get(a.id)).headline).toBe('Edited on the desk');
  });

  it('refuses a body that does not fit the article schema and keeps the stored one', async () => {
    const lib = await openLib();
    const a = await lib.create(content('Story'));
    const bad = { ...content('Story'), body: { type: 'doc' as const, content: [{ type: 'iframe' }] } };
    await expect(lib.save(a.id, bad, a.rev)).rejects.toThrow();
    expect((await lib.get(a.id)).body).toEqual(a.body);
  });

  it('runs concurrent saves of one article one after another, in order', async () => {
    const lib = await openLib();
    const a = await lib.create(content('Story'));
    const saves = [1, 2, 3, 4, 5].map((n) => lib.save(a.id, content(`Take ${n}`), a.rev + n - 1));
    const results = await Promise.all(saves);
    expect(results.map((r) => r.rev)).toEqual([2, 3, 4, 5, 6]);
    expect((await lib.get(a.id)).headline).toBe('Take 5');
  });

  it('a save that fails on disk leaves the stored article as it was and says what to do', async () => {
    const lib = await openLib();
    const a = await lib.create(content('Story'));
    const articles = join(dir, 'articles');
    const moved = join(dir, 'articles-away');
    // Root can write to read-only folders, so make the failure real: the folder vanishes.
    const { rename } = await import('node:fs/promises');
    await rename(articles, moved);
    const err = await expectCode(lib.save(a.id, content('Lost?'), a.rev), 'io');
    expect(err.message).toMatch(/Your text is still here/);
    await rename(moved, articles);
    const ok = await lib.save(a.id, content('Saved after all'), a.rev);
    expect(ok.rev).toBe(a.rev + 1);
  });

  it('lists articles filtered by words in headline, byline and dateline, ignoring case and accents', async () => {
    const lib = await openLib();
    await lib.create({ ...content('Rail strike set to cancel services'), byline: 'Tomasz Wiśniewski' });
    await lib.create(content('Flood barrier approved'));
    expect(lib.list('wisniewski').map((a) => a.headline)).toEqual(['Rail strike set to cancel services']);
    expect(lib.list('FLOOD approved').map((a) => a.headline)).toEqual(['Flood barrier approved']);
    expect(lib.list('leeds')).toHaveLength(2);
    expect(lib.list('nothing like this')).toHaveLength(0);
  });
});

describe('the index is a cache of the article files', () => {
  it('an article saved just before a crash (index not yet written) is listed after restart', async () => {
    const lib = await openLib({ indexDelayMs: 60_000 });
    const a = await lib.create(content('Before the crash'));
    await lib.flush();
    await lib.save(a.id, content('Saved, index not written'), a.rev);
    // No close(): the process "dies" here with the index out of date.
    open = open.filter((s) => s !== lib);
    const after = await LibraryStore.open(dir, { owner: 'app' });
    open.push(after);
    expect(after.list().map((x) => x.headline)).toEqual(['Saved, index not written']);
  });

  it('picks up an article file added or changed by someone else (sync tool, CLI)', async () => {
    const lib = await openLib();
    const a = await lib.create(content('Original'));
    await lib.close();
    const file = join(dir, 'articles', `${a.id}.json`);
    const changed = { ...JSON.parse(await readFile(file, 'utf8')), headline: 'Changed elsewhere', rev: 7 };
    await writeFile(file, JSON.stringify(changed));
    const again = await openLib();
    expect(again.list()[0]!.headline).toBe('Changed elsewhere');
    await expectCode(again.save(a.id, content('Mine'), a.rev), 'conflict');
  });

  it('removes leftover temp files from an interrupted write at start-up', async () => {
    const lib = await openLib();
    const a = await lib.create(content('Story'));
    await lib.close();
    const leftover = join(dir, 'articles', `.${a.id}.json.1234.abcd.copydesk-tmp`);
    await writeFile(leftover, '{"half": ');
    const again = await openLib();
    expect(again.list()).toHaveLength(1);
    expect(await readdir(join(dir, 'articles'))).toEqual([`${a.id}.json`]);
  });
});

describe('damaged files are kept aside, reported, and never reset', () => {
  const cases: [string, Buffer | string][] = [
    ['empty', ''],
    ['truncated', '{"schemaVersion":1,"id":"abc","headline":"Half a st'],
    ['NUL-filled', Buffer.alloc(512)],
    ['invalid JSON', 'this is not json at all'],
    ['wrong schema', JSON.stringify({ schemaVersion: 1, id: 'x', headline: 42 })],
  ];
  for (const [name, bytes] of cases) {
    it(`an ${name} article file`, async () => {
      const lib = await openLib();
      const good = await lib.create(content('Good story'));
      await lib.close();
      const id = '0badf11e-0000-4000-8000-000000000001';
      await writeFile(join(dir, 'articles', `${id}.json`), bytes);

      const again = await openLib();
      expect(again.list().map((a) => a.id)).toEqual([good.id]);
      const info = again.info();
      expect(info.damaged).toHaveLength(1);
      expect(info.damaged[0]!.id).toBe(id);
      expect(info.damaged[0]!.reason).toMatch(/could not be read/);
      const kept = await readFile(join(dir, info.damaged[0]!.keptAs));
      expect(kept.equals(Buffer.from(bytes))).toBe(true);
      expect(info.damaged[0]!.keptAs).toMatch(/^damaged\/.*damaged.*\.json$/);
      // The notice survives a restart until the user dismisses it.
      await again.close();
      const third = await openLib();
      expect(third.info().damaged).toHaveLength(1);
      await third.dismissDamaged(info.damaged[0]!.keptAs);
      expect(third.info().damaged).toHaveLength(0);
      expect((await readFile(join(dir, info.damaged[0]!.keptAs))).equals(Buffer.from(bytes))).toBe(true);
    });
  }

  it('an article from a newer Copydesk is left untouched and reported', async () => {
    const lib = await openLib();
    await lib.close();
    const id = 'f00d0000-0000-4000-8000-000000000002';
    const future = JSON.stringify({
      schemaVersion: ARTICLE_SCHEMA_VERSION + 1,
      id,
      headline: 'From the future',
    });
    const path = join(dir, 'articles', `${id}.json`);
    await writeFile(path, future);
    const again = await openLib();
    expect(again.list()).toHaveLength(0);
    expect(again.info().newerVersion).toEqual([`articles/${id}.json`]);
    expect(await readFile(path, 'utf8')).toBe(future);
  });

  it('a damaged library index is kept aside and the list rebuilt from the articles', async () => {
    const lib = await openLib();
    const a = await lib.create(content('Survivor'));
    await lib.close();
    await writeFile(join(dir, 'library.json'), '{"format": "copydesk-library", "index": {');
    const again = await openLib();
    expect(again.list().map((x) => x.id)).toEqual([a.id]);
    const notice = again.info().damaged[0]!;
    expect(notice.id).toBeNull();
    expect(notice.reason).toMatch(/library index could not be read/);
    expect(await readFile(join(dir, notice.keptAs), 'utf8')).toBe(
      '{"format": "copydesk-library", "index": {',
    );
  });

  it('read-only opening reports damage without moving anything', async () => {
    const lib = await openLib();
    await lib.close();
    const id = '0badf11e-0000-4000-8000-000000000003';
    await writeFile(join(dir, 'articles', `${id}.json`), 'garbage');
    const ro = await LibraryStore.open(dir, { owner: null });
    open.push(ro);
    expect(ro.info().damaged[0]!.keptAs).toBe(`articles/${id}.json`);
    expect(await readFile(join(dir, 'articles', `${id}.json`), 'utf8')).toBe('garbage');
    await expectCode(ro.create(content('x')), 'locked');
  });
});

describe('trash', () => {
  it('moving an article to the trash keeps its file in the library’s trash folder', async () => {
    const lib = await openLib();
    const a = await lib.create(content('Spiked story'));
    const bytes = await readFile(join(dir, 'articles', `${a.id}.json`), 'utf8');
    await lib.trash(a.id);
    expect(lib.list()).toHaveLength(0);
    expect(lib.info().trashCount).toBe(1);
    expect(await readFile(join(dir, 'trash', `${a.id}.json`), 'utf8')).toBe(bytes);
    await expectCode(lib.get(a.id), 'not-found');
  });
});

describe('one writer per library', () => {
  it('a second writer is refused while another live process holds the library', async () => {
    await (await openLib()).close();
    const holder = spawn(process.execPath, ['-e', 'setTimeout(() => {}, 30000)']);
    try {
      await writeFile(
        LibraryLock.lockFile(dir),
        JSON.stringify({ pid: holder.pid, owner: 'app', host: 'here', since: new Date().toISOString() }),
      );
      const err = await expectCode(LibraryStore.open(dir, { owner: 'cli', create: true }), 'locked');
      expect(err.message).toMatch(/open in the Copydesk app/);
      // Reading is still allowed.
      const ro = await LibraryStore.open(dir, { owner: null });
      open.push(ro);
      expect(ro.list()).toEqual([]);
      expect((await readdir(join(dir, 'locks'))).length).toBe(1);
    } finally {
      holder.kill('SIGKILL');
    }
  });

  it('a lock left by a process that died is taken over', async () => {
    await (await openLib()).close();
    const dead = spawn(process.execPath, ['-e', '0']);
    await new Promise((r) => dead.on('exit', r));
    await writeFile(
      LibraryLock.lockFile(dir),
      JSON.stringify({ pid: dead.pid, owner: 'app', host: 'here', since: '' }),
    );
    const lib = await openLib();
    expect(lib.list()).toEqual([]);
  });

  it('closing releases the lock for the next writer', async () => {
    const lib = await openLib();
    await lib.close();
    await expect(stat(LibraryLock.lockFile(dir))).rejects.toThrow();
    const cli = await openLib({ owner: 'cli' });
    expect(cli.list()).toEqual([]);
  });
});

describe('opening a large library shows the list first and checks the files right after', () => {
  it('lists from the index at once, then finds outside changes and damage, and writes wait for the check', async () => {
    const lib = await openLib();
    const a = await lib.create(content('Listed from the index'));
    const b = await lib.create(content('Will be damaged'));
    await lib.close();
    const file = join(dir, 'articles', `${a.id}.json`);
    await writeFile(
      file,
      JSON.stringify({ ...JSON.parse(await readFile(file, 'utf8')), headline: 'Changed by sync', rev: 9 }),
    );
    await writeFile(join(dir, 'articles', `${b.id}.json`), '{ broken');

    let reconciled: (changed: boolean) => void = () => undefined;
    const done = new Promise<boolean>((r) => (reconciled = r));
    const again = await openLib({ reconcile: 'background', onReconciled: (changed) => reconciled(changed) });
    // A save queued before the check ends is judged against what the check found on disk.
    const stale = again.save(a.id, content('Based on the old index'), a.rev).then(
      () => 'saved',
      (e: CopydeskError) => e.code,
    );
    expect(await done).toBe(true);
    expect(await stale).toBe('conflict');
    expect(again.list().map((x) => x.headline)).toEqual(['Changed by sync']);
    expect(again.info().damaged.map((d) => d.id)).toEqual([b.id]);
  });
});
