import { runCliIn, type CliResult } from '../helpers/cli';
import { mkdir, readFile, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { CheckResult } from '../../src/checks';
import { createHandlers, dispatch } from '../../src/services/handlers';
import { openWorkspace, closeWorkspace } from '../../src/services/workspace';
import { makeTempDir, SAMPLES_DIR } from '../helpers/tempLibrary';

let dir: string;
let cleanup: () => Promise<void>;
beforeEach(async () => ({ dir, cleanup } = await makeTempDir()));
afterEach(() => cleanup());

async function cli(...argv: string[]): Promise<CliResult> {
  return runCliIn(dir, argv);
}

describe('copydesk check', () => {
  it('checks a file without importing it, prints every finding and exits 1 when not ready', async () => {
    const r = await cli(
      'check',
      join(SAMPLES_DIR, 'riverside-flood-barrier.txt'),
      '--library',
      join(dir, 'none'),
    );
    expect(r.code).toBe(1);
    expect(r.out).toContain('names/name-spelt-two-ways  “Field”');
    expect(r.out).toContain('fix: “Feld”');
    expect(r.out).toContain('Publish readiness: NOT READY');
    const json = await cli(
      'check',
      join(SAMPLES_DIR, 'harbour-ferry-paste.html'),
      '--json',
      '--library',
      join(dir, 'none'),
    );
    expect(json.code).toBe(0);
    const parsed = JSON.parse(json.out) as CheckResult;
    expect(parsed.readiness.ready).toBe(true);
  });

  it('checks a library article by id with the library’s dictionary and style packs', async () => {
    const lib = join(dir, 'lib');
    const imported = await cli(
      'import',
      join(SAMPLES_DIR, 'rail-strike-draft.md'),
      '--library',
      lib,
      '--json',
    );
    const [{ id }] = JSON.parse(imported.out) as { id: string }[];
    await writeFile(join(lib, 'dictionary.txt'), 'Aoife\n');
    await mkdir(join(lib, 'style'));
    await writeFile(join(lib, 'style', 'broken.json'), '{ "id": "broken" ');
    const r = await cli('check', id!, '--library', lib, '--json');
    const parsed = JSON.parse(r.out) as CheckResult;
    expect(parsed.findings.map((f) => `${f.kind}:${f.text}`)).toEqual(['names:Brenan']);
    expect(r.err).toContain('style/broken.json is not valid JSON');
    expect(r.code).toBe(1);
  });
});

describe('IPC: checkArticle and addToDictionary', () => {
  it('runs the full check in main and adds a word to the library’s dictionary durably', async () => {
    const ws = await openWorkspace(join(dir, 'lib'), { seedSample: false });
    try {
      const handlers = createHandlers({
        workspace: ws,
        dialogs: {} as never,
        openExternal: async () => undefined,
        emit: () => undefined,
      });
      const content = {
        headline: 'Ferreira backs plan',
        contentHighlight: 'Ferreira backs the plan',
        byline: 'A Reporter',
        dateline: 'London',
        body: {
          type: 'doc' as const,
          content: [
            {
              type: 'paragraph',
              content: [{ type: 'text', text: 'Councillor Ana Ferreira backed the plan.' }],
            },
          ],
        },
        section: '',
        tags: [],
      };
      const first = await dispatch(handlers, 'checkArticle', { content });
      expect(first.ok).toBe(true);
      const result = (first as { ok: true; value: CheckResult }).value;
      expect(result.findings.map((f) => f.text)).toEqual([]);
      const typo = await dispatch(handlers, 'checkArticle', {
        content: {
          ...content,
          body: {
            type: 'doc',
            content: [{ type: 'paragraph', content: [{ type: 'text', text: 'Zubeida Ngcobo backed it.' }] }],
          },
        },
      });
      expect(
        (typo as { ok: true; value: CheckResult }).value.findings.map((f) => `${f.rule}:${f.text}`),
      ).toContain('unknown-name:Ngcobo');
      const added = await dispatch(handlers, 'addToDictionary', { word: 'Ngcobo' });
      expect(added).toEqual({ ok: true, value: { word: 'Ngcobo', added: true } });
      expect(await readFile(join(dir, 'lib', 'dictionary.txt'), 'utf8')).toBe('Ngcobo\n');
      const again = await dispatch(handlers, 'checkArticle', {
        content: {
          ...content,
          body: {
            type: 'doc',
            content: [{ type: 'paragraph', content: [{ type: 'text', text: 'Zubeida Ngcobo backed it.' }] }],
          },
        },
      });
      const after = (again as { ok: true; value: CheckResult }).value.findings.map(
        (f) => `${f.rule}:${f.text}`,
      );
      expect(after).toContain('unknown-name:Zubeida');
      expect(after).not.toContain('unknown-name:Ngcobo');
      const bad = await dispatch(handlers, 'checkArticle', {});
      expect(bad.ok).toBe(false);
    } finally {
      await closeWorkspace(ws);
    }
  });
});
