import { readFile, readdir, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { AUTOSAVE_REVISION_INTERVAL_MS, revisionsToPrune } from '../../src/library/revisions';
import { LibraryStore } from '../../src/library/store';
import type { ArticleContent } from '../../src/shared/article';
import { DEFAULT_LIBRARY_SETTINGS } from '../../src/shared/contract';
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

async function openLib(): Promise<LibraryStore> {
  const s = await LibraryStore.open(dir, { owner: 'app', create: true, indexDelayMs: 10, search: 'lazy' });
  open.push(s);
  return s;
}

function content(headline: string, text: string): ArticleContent {
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

describe('revision history', () => {
  it('records a revision on explicit save, switch and close, but not on every autosave', async () => {
    const lib = await openLib();
    await lib.updateSettings({ authorName: 'Jo Reporter' });
    const a = await lib.create(content('Story', 'One two three.'));
    let rev = a.rev;
    // The first autosave of an article with no history starts it; the next ones within 10 minutes do not.
    rev = (await lib.save(a.id, content('Story', 'One two three four.'), rev, 'autosave')).rev;
    rev = (await lib.save(a.id, content('Story', 'One two three four five.'), rev, 'autosave')).rev;
    rev = (await lib.save(a.id, content('Story', 'One two three four five six.'), rev, 'autosave')).rev;
    expect(await lib.listRevisions(a.id)).toHaveLength(1);
    rev = (
      await lib.save(a.id, content('Story, revised', 'One two three four five six seven.'), rev, 'explicit')
    ).rev;
    rev = (
      await lib.save(
        a.id,
        content('Story, revised', 'One two three four five six seven eight.'),
        rev,
        'switch',
      )
    ).rev;
    // Leaving again without a change adds nothing.
    await lib.save(a.id, content('Story, revised', 'One two three four five six seven eight.'), rev, 'close');
    const revisions = await lib.listRevisions(a.id);
    expect(revisions.map((r) => r.reason)).toEqual(['switch', 'explicit', 'autosave']);
    expect(revisions[0]).toMatchObject({ author: 'Jo Reporter', wordCount: 8, summary: '+1 word' });
    expect(revisions[1]!.summary).toBe('+3 words, headline changed');
    expect(revisions[2]!.summary).toBe('first revision, 4 words');
    const files = await readdir(join(dir, 'revisions', a.id));
    expect(files.sort()).toEqual(revisions.map((r) => `${r.revisionId}.json`).sort());
  });

  it('an autosave becomes a revision once ten minutes have passed since the last one', async () => {
    const lib = await openLib();
    const a = await lib.create(content('Story', 'Words.'));
    const r1 = await lib.save(a.id, content('Story', 'Words and more.'), a.rev, 'autosave');
    const [first] = await lib.listRevisions(a.id);
    expect(
      await lib.revisions.wants(
        a.id,
        'autosave',
        Date.parse(first!.savedAt) + AUTOSAVE_REVISION_INTERVAL_MS - 1,
      ),
    ).toBe(false);
    expect(
      await lib.revisions.wants(a.id, 'autosave', Date.parse(first!.savedAt) + AUTOSAVE_REVISION_INTERVAL_MS),
    ).toBe(true);
    expect(await lib.revisions.wants(a.id, 'explicit')).toBe(true);
    expect(r1.rev).toBe(2);
  });

  it('shows what changed between a revision and the current text, and between two revisions, word by word', async () => {
    const lib = await openLib();
    const a = await lib.create(content('Flood barrier approved', 'The council voted on Tuesday.'));
    const r = await lib.save(
      a.id,
      content('Flood barrier approved', 'The council voted on Tuesday.'),
      a.rev,
      'explicit',
    );
    const r2 = await lib.save(
      a.id,
      content('£12m flood barrier approved', 'The council voted late on Tuesday.'),
      r.rev,
      'explicit',
    );
    await lib.save(
      a.id,
      content('£12m flood barrier approved', 'The council voted late on Wednesday.'),
      r2.rev,
      'autosave',
    );
    const [newer, older] = await lib.listRevisions(a.id);
    const between = await lib.revisionDiff(a.id, older!.revisionId, newer!.revisionId);
    const headline = between.fields.find((f) => f.field === 'headline')!;
    expect(headline.changed).toBe(true);
    expect(headline.segments).toEqual([
      { type: 'delete', text: 'Flood' },
      { type: 'insert', text: '£12m' },
      { type: 'equal', text: ' ' },
      { type: 'insert', text: 'flood ' },
      { type: 'equal', text: 'barrier approved' },
    ]);
    const body = between.fields.find((f) => f.field === 'body')!;
    expect(body.segments).toEqual([
      { type: 'equal', text: 'The council voted ' },
      { type: 'insert', text: 'late ' },
      { type: 'equal', text: 'on Tuesday.' },
    ]);
    expect(between.fields.find((f) => f.field === 'byline')!.changed).toBe(false);
    const toCurrent = await lib.revisionDiff(a.id, newer!.revisionId);
    expect(toCurrent.to.revisionId).toBe('current');
    expect(toCurrent.fields.find((f) => f.field === 'body')!.segments).toContainEqual({
      type: 'insert',
      text: 'Wednesday',
    });
    expect(toCurrent.fields.find((f) => f.field === 'body')!.segments).toContainEqual({
      type: 'delete',
      text: 'Tuesday',
    });
  });

  it('restoring a revision keeps the text it replaces and is a revision itself', async () => {
    const lib = await openLib();
    const a = await lib.create(content('Original headline', 'First draft text.'));
    const r1 = await lib.save(a.id, content('Original headline', 'First draft text.'), a.rev, 'explicit');
    const r2 = await lib.save(
      a.id,
      content('Rewritten', 'A complete rewrite that went wrong.'),
      r1.rev,
      'autosave',
    );
    const [firstRevision] = await lib.listRevisions(a.id);
    const restored = await lib.restoreRevision(a.id, firstRevision!.revisionId, r2.rev);
    expect(restored.headline).toBe('Original headline');
    expect(restored.rev).toBe(r2.rev + 1);
    expect((await lib.get(a.id)).headline).toBe('Original headline');
    const revisions = await lib.listRevisions(a.id);
    expect(revisions.map((r) => r.reason)).toEqual(['restore', 'before-restore', 'explicit']);
    expect(revisions[1]!.headline).toBe('Rewritten');
    expect(revisions[0]!.summary).toMatch(/^restored the revision of .* UTC; /);
    // A restore based on an old rev is refused rather than overwriting newer text.
    const err = await lib.restoreRevision(a.id, firstRevision!.revisionId, r2.rev).catch((e: unknown) => e);
    expect((err as CopydeskError).code).toBe('conflict');
  });

  it('status changes are revisions with the change in their summary', async () => {
    const lib = await openLib();
    const a = await lib.create(content('Story', 'Text.'));
    await lib.setStatus(a.id, 'ready-for-edit', a.rev);
    const [latest] = await lib.listRevisions(a.id);
    expect(latest).toMatchObject({ reason: 'status', status: 'ready-for-edit' });
    expect(latest!.summary).toContain('status Draft → Ready for edit');
  });

  it('imports and duplicates start their own history', async () => {
    const lib = await openLib();
    const a = await lib.create(content('Story', 'Text here.'), { revisionReason: 'import' });
    const copy = await lib.duplicate(a.id);
    expect(copy.id).not.toBe(a.id);
    expect(copy.headline).toBe('Copy of Story');
    expect((await lib.listRevisions(a.id)).map((r) => r.reason)).toEqual(['import']);
    const copyHistory = await lib.listRevisions(copy.id);
    expect(copyHistory.map((r) => r.reason)).toEqual(['duplicate']);
    expect(copyHistory[0]!.summary).toMatch(/duplicated from “Story”/);
  });

  it('a revision file that cannot be read is skipped, not fatal', async () => {
    const lib = await openLib();
    const a = await lib.create(content('Story', 'Text.'), { revisionReason: 'import' });
    await lib.save(a.id, content('Story 2', 'Text two.'), a.rev, 'explicit');
    const [newest] = await lib.listRevisions(a.id);
    await writeFile(join(dir, 'revisions', a.id, `${newest!.revisionId}.json`), '{"broken');
    expect((await lib.listRevisions(a.id)).map((r) => r.reason)).toEqual(['import']);
  });
});

describe('retention', () => {
  const day = 24 * 60 * 60 * 1000;
  const id = (ms: number, rev: number) => `${new Date(ms).toISOString().replace(/[-:.]/g, '')}-${rev}`;
  const now = Date.parse('2025-06-30T12:00:00.000Z');

  it('keeps every revision of the last 7 days, then one a day', () => {
    const recent = [id(now - 1 * day, 10), id(now - 1 * day + 1000, 11), id(now - 6 * day, 9)];
    const old = [
      id(now - 10 * day, 1),
      id(now - 10 * day + 60_000, 2),
      id(now - 10 * day + 120_000, 3),
      id(now - 30 * day, 0),
    ];
    const ids = [...recent, ...old].sort();
    const pruned = revisionsToPrune(ids, { keepAllDays: 7, keepDailyDays: 0 }, now);
    expect(pruned.sort()).toEqual([old[0], old[1]].sort());
  });

  it('is configurable: a daily limit drops the oldest, and the newest revision always stays', () => {
    const ids = [id(now - 400 * day, 0), id(now - 20 * day, 1)];
    expect(revisionsToPrune(ids, { keepAllDays: 7, keepDailyDays: 365 }, now)).toEqual([ids[0]]);
    expect(revisionsToPrune([id(now - 400 * day, 0)], { keepAllDays: 0, keepDailyDays: 1 }, now)).toEqual([]);
  });

  it('the settings have defaults, and an older library file without them keeps its own settings', async () => {
    const lib = await openLib();
    await lib.updateSettings({ headlineBudget: 80 });
    await lib.close();
    const file = join(dir, 'library.json');
    const json = JSON.parse(await readFile(file, 'utf8'));
    delete json.settings.revisionKeepAllDays;
    delete json.settings.revisionKeepDailyDays;
    await writeFile(file, JSON.stringify(json));
    const again = await openLib();
    expect(again.info().damaged).toEqual([]);
    expect(again.settings).toMatchObject({
      headlineBudget: 80,
      revisionKeepAllDays: DEFAULT_LIBRARY_SETTINGS.revisionKeepAllDays,
      revisionKeepDailyDays: 0,
    });
    await again.updateSettings({ revisionKeepAllDays: 30 });
    expect(again.settings.revisionKeepAllDays).toBe(30);
  });
});
