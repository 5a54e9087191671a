import { runCliIn, type CliResult } from '../helpers/cli';
import { mkdir, readFile, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import {
  checkDroppedText,
  compileRulePacks,
  defaultRulePack,
  parseRulePack,
  setStyleEnabled,
  NO_TOGGLES,
  type CheckConfig,
  type CheckResult,
} from '../../src/checks';
import { createLibraryChecker } from '../../src/checks/node/libraryChecker';
import { watchCheckConfig } from '../../src/checks/node/watchCheckConfig';
import { importFile } from '../../src/importers/index';
import { createHandlers, dispatch, type Handlers } from '../../src/services/handlers';
import { closeWorkspace, openWorkspace, type Workspace } from '../../src/services/workspace';
import type { EventName } from '../../src/shared/contract';
import { makeTempDir, SAMPLES_DIR } from '../helpers/tempLibrary';

let dir: string;
let cleanup: () => Promise<void>;
beforeEach(async () => ({ dir, cleanup } = await makeTempDir()));
afterEach(() => cleanup());

/** A library pack with one rule a test can see fire: "flood defence" → "flood barrier". */
const HOUSE_PACK = {
  id: 'house',
  name: 'Riverside house style',
  description: 'Our own words.',
  rules: [
    {
      id: 'barrier-word',
      type: 'words',
      category: 'usage',
      words: { 'flood defence': 'flood barrier' },
      explanation: 'We call it the flood barrier.',
    },
    {
      id: 'ward-word',
      type: 'words',
      category: 'usage',
      enabled: false,
      words: { borough: 'ward' },
      explanation: 'A ward, not a borough.',
    },
  ],
};

const content = (text: string) => ({
  headline: 'Council meets',
  contentHighlight: '',
  byline: 'A Reporter',
  dateline: 'Riverside',
  section: '',
  tags: [],
  body: { type: 'doc' as const, content: [{ type: 'paragraph', content: [{ type: 'text', text }] }] },
});

/** An empty library folder (a folder with other files in it would not be opened as a library). */
async function createLibrary() {
  await closeWorkspace(await openWorkspace(join(dir, 'lib'), { seedSample: false }));
}

async function withHandlers(
  run: (h: Handlers, ws: Workspace, events: { event: EventName; payload: unknown }[]) => Promise<void>,
) {
  const ws = await openWorkspace(join(dir, 'lib'), { seedSample: false });
  const events: { event: EventName; payload: unknown }[] = [];
  try {
    const h = createHandlers({
      workspace: ws,
      dialogs: {} as never,
      openExternal: async () => undefined,
      emit: (event, payload) => events.push({ event, payload }),
    });
    await run(h, ws, events);
  } finally {
    await closeWorkspace(ws);
  }
}

const value = <T>(r: { ok: boolean }) => {
  expect(r).toMatchObject({ ok: true });
  return (r as { ok: true; value: T }).value;
};

describe('style switches', () => {
  it('record only where the library differs from the pack file, so switching back leaves no trace', () => {
    const pack = parseRulePack(HOUSE_PACK);
    let t = setStyleEnabled(NO_TOGGLES, pack, 'barrier-word', false);
    t = setStyleEnabled(t, pack, 'ward-word', true);
    expect(t.disabledRules).toEqual(['house/barrier-word']);
    expect(t.enabledRules).toEqual(['house/ward-word']);
    expect(compileRulePacks([pack], t).map((r) => r.key)).toEqual(['house/ward-word']);
    t = setStyleEnabled(t, pack, 'barrier-word', true);
    t = setStyleEnabled(t, pack, 'ward-word', false);
    expect(t).toEqual(NO_TOGGLES);
    t = setStyleEnabled(t, pack, undefined, false);
    expect(compileRulePacks([pack], t)).toEqual([]);
    // A pack whose file says it is off can be switched on from the library.
    const off = parseRulePack({ ...HOUSE_PACK, enabled: false });
    expect(compileRulePacks([off], setStyleEnabled(NO_TOGGLES, off, undefined, true))).toHaveLength(1);
  });
});

describe('IPC: the library’s check configuration', () => {
  it('getCheckConfig gives the newsroom dictionary, the default pack and the library’s packs', async () => {
    await createLibrary();
    await mkdir(join(dir, 'lib', 'style'), { recursive: true });
    await writeFile(join(dir, 'lib', 'dictionary.txt'), '# names\nOkonjo\nFeld\n');
    await writeFile(join(dir, 'lib', 'style', 'house.json'), JSON.stringify(HOUSE_PACK));
    await writeFile(join(dir, 'lib', 'style', 'broken.json'), '{ "id": ');
    await withHandlers(async (h) => {
      const config = value<CheckConfig>(await dispatch(h, 'getCheckConfig', undefined));
      expect(config.words).toEqual(['Okonjo', 'Feld']);
      expect(config.packs.map((p) => p.id)).toEqual(['default', 'house']);
      expect(config.packs[0]!.rules.length).toBe(defaultRulePack().rules.length);
      expect(config.problems).toEqual([expect.objectContaining({ file: join('style', 'broken.json') })]);
    });
  });

  it('setStyleEnabled keeps the switch in the library, tells the window, and main’s check obeys it', async () => {
    await createLibrary();
    await mkdir(join(dir, 'lib', 'style'), { recursive: true });
    await writeFile(join(dir, 'lib', 'style', 'house.json'), JSON.stringify(HOUSE_PACK));
    const text = 'The flood defence was approved for the borough. Turnout was 60 percent.';
    await withHandlers(async (h, _ws, events) => {
      const rules = async () =>
        value<CheckResult>(await dispatch(h, 'checkArticle', { content: content(text) })).findings.map(
          (f) => f.rule,
        );
      expect(await rules()).toEqual(expect.arrayContaining(['house/barrier-word', 'default/percent-word']));
      expect(await rules()).not.toContain('house/ward-word');

      value(await dispatch(h, 'setStyleEnabled', { pack: 'house', rule: 'ward-word', enabled: true }));
      const config = value<CheckConfig>(
        await dispatch(h, 'setStyleEnabled', { pack: 'default', rule: 'percent-word', enabled: false }),
      );
      expect(config.toggles).toMatchObject({
        enabledRules: ['house/ward-word'],
        disabledRules: ['default/percent-word'],
      });
      expect(events.filter((e) => e.event === 'checkConfigChanged')).toHaveLength(2);
      expect(await rules()).toEqual(expect.arrayContaining(['house/barrier-word', 'house/ward-word']));
      expect(await rules()).not.toContain('default/percent-word');

      // A pack or rule that is not there: a clear error, nothing changed.
      const before = await readFile(join(dir, 'lib', 'library.json'), 'utf8');
      const missing = await dispatch(h, 'setStyleEnabled', { pack: 'house', rule: 'nope', enabled: false });
      expect(missing).toMatchObject({ ok: false, error: { code: 'not-found' } });
      expect((missing as { error: { message: string } }).error.message).toContain('has no rule “nope”');
      expect(await readFile(join(dir, 'lib', 'library.json'), 'utf8')).toBe(before);
    });
    // Kept in library.json: a new session (and the CLI) sees the same switches.
    const stored = JSON.parse(await readFile(join(dir, 'lib', 'library.json'), 'utf8')) as {
      settings: { styleToggles: unknown };
    };
    expect(stored.settings.styleToggles).toMatchObject({ disabledRules: ['default/percent-word'] });
    await withHandlers(async (h) => {
      const config = value<CheckConfig>(await dispatch(h, 'getCheckConfig', undefined));
      expect(config.toggles.enabledRules).toEqual(['house/ward-word']);
    });
    await writeFile(join(dir, 'article.txt'), `Council meets\n\nby A Reporter\n\n${text}\n`);
    const cli = await runCliCapture(
      'check',
      join(dir, 'article.txt'),
      '--library',
      join(dir, 'lib'),
      '--json',
    );
    const rules = (JSON.parse(cli.out) as CheckResult).findings.map((f) => f.rule);
    expect(rules).toContain('house/ward-word');
    expect(rules).not.toContain('default/percent-word');
  });

  it('a word added to the dictionary is told to the window and no longer flagged by main', async () => {
    await withHandlers(async (h, _ws, events) => {
      const names = async () =>
        value<CheckResult>(
          await dispatch(h, 'checkArticle', { content: content('Zubeida Ngcobo spoke. Zubeida left.') }),
        ).findings.map((f) => f.text);
      expect(await names()).toContain('Ngcobo');
      value(await dispatch(h, 'addToDictionary', { word: 'Ngcobo' }));
      expect(events).toContainEqual({ event: 'checkConfigChanged', payload: { reason: 'dictionary' } });
      expect(await names()).not.toContain('Ngcobo');
      // Adding it again changes nothing and announces nothing.
      value(await dispatch(h, 'addToDictionary', { word: 'Ngcobo' }));
      expect(events.filter((e) => e.event === 'checkConfigChanged')).toHaveLength(1);
    });
  });

  it('a dictionary or style pack edited outside the app is noticed by the watcher', async () => {
    const lib = join(dir, 'lib');
    await mkdir(lib, { recursive: true });
    let changes = 0;
    const watcher = watchCheckConfig(
      () => lib,
      () => changes++,
      { debounceMs: 20, rescanMs: 0 },
    );
    try {
      await watcher.lookNow();
      await writeFile(join(lib, 'library.json'), '{}');
      await watcher.lookNow();
      expect(changes).toBe(0);
      await writeFile(join(lib, 'dictionary.txt'), 'Okonjo\n');
      await expect.poll(() => changes, { timeout: 5000 }).toBe(1);
      await mkdir(join(lib, 'style'));
      await writeFile(join(lib, 'style', 'house.json'), JSON.stringify(HOUSE_PACK));
      await expect.poll(() => changes, { timeout: 5000 }).toBeGreaterThanOrEqual(2);
    } finally {
      watcher.close();
    }
  });
});

describe('dropped import text is checked', () => {
  it('the riverside page’s repeated headline is spell-checked: “aproves” is reported there', async () => {
    const draft = await importFile(join(SAMPLES_DIR, 'riverside-flood-barrier.txt'));
    const { checker } = await createLibraryChecker(null);
    const dropped = checkDroppedText(checker, draft, draft.report);
    expect(dropped).toEqual([
      expect.objectContaining({
        kind: 'spelling',
        rule: 'misspelling',
        text: 'aproves',
        where: 'dropped text (repeated headline)',
        suggestions: expect.arrayContaining(['approves']),
      }),
    ]);
    const note = draft.report[dropped[0]!.note]!;
    expect(note.text!.slice(dropped[0]!.position.from, dropped[0]!.position.to)).toBe('aproves');
    // The article itself does not hold the typo: the body check alone would miss it.
    expect(checker.check(draft).findings.map((f) => f.text)).not.toContain('aproves');
  });

  it('names in dropped text are compared with the article’s, and words still in the article are not checked twice', async () => {
    const { checker } = await createLibraryChecker(null);
    const article = {
      ...content('Councillor David Feld voted against. David Feld said the cost was wrong. Buy tickets now.'),
    };
    const dropped = checkDroppedText(checker, article, [
      {
        kind: 'dropped',
        message: 'The page repeated its headline here; the repeat was left out.',
        text: 'Mr Field votes against barrier',
      },
      { kind: 'dropped', message: 'The link on “Buy tickets” was removed.', text: 'Buy tickets' },
      {
        kind: 'dropped',
        message: 'The front-matter field “sumary” is not an article field and was left out.',
        text: 'sumary: Teh vote',
      },
      { kind: 'moved', message: 'The first line became the headline.', text: 'Teh headline' },
    ]);
    expect(dropped.map((f) => `${f.kind}:${f.text}:${f.where}`)).toEqual([
      'names:Field:dropped text (repeated headline)',
    ]);
    expect(dropped[0]!.suggestions[0]).toBe('Feld');
  });

  it('copydesk check prints the dropped text’s findings with where they are', async () => {
    const r = await runCliCapture(
      'check',
      join(SAMPLES_DIR, 'riverside-flood-barrier.txt'),
      '--library',
      join(dir, 'none'),
    );
    expect(r.out).toMatch(
      /ERROR +spelling\/misspelling {2}“aproves” {2}at dropped text \(repeated headline\), characters \d+–\d+ \(not in the article\)/,
    );
    const json = await runCliCapture(
      'check',
      join(SAMPLES_DIR, 'riverside-flood-barrier.txt'),
      '--json',
      '--library',
      join(dir, 'none'),
    );
    const parsed = JSON.parse(json.out) as { droppedTextFindings: { text: string; where: string }[] };
    expect(parsed.droppedTextFindings).toEqual([
      expect.objectContaining({ text: 'aproves', where: 'dropped text (repeated headline)' }),
    ]);
  });
});

async function runCliCapture(...args: string[]): Promise<CliResult> {
  return runCliIn(dir, args);
}
