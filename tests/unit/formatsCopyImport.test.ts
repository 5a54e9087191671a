import { writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { runCli } from '../../src/cli/run';
import { renderExport } from '../../src/services/exportArticle';
import { createHandlers, dispatch, type Dialogs, type HandlerDeps } from '../../src/services/handlers';
import { closeWorkspace, openWorkspace, type Workspace } from '../../src/services/workspace';
import type { EventName, EventPayloads, ImportProgress } from '../../src/shared/contract';
import { findActiveContent } from '../helpers/activeContent';
import { makeTempDir } from '../helpers/tempLibrary';

let dir: string;
let cleanup: () => Promise<void>;
let ws: Workspace;
let events: { event: EventName; payload: unknown }[];
let clipboard: string[];
let importPaths: string[];

beforeEach(async () => {
  ({ dir, cleanup } = await makeTempDir());
  ws = await openWorkspace(join(dir, 'lib'), { seedSample: false });
  events = [];
  clipboard = [];
  importPaths = [];
});
afterEach(async () => {
  await closeWorkspace(ws);
  await cleanup();
});

function handlers(extra: Partial<HandlerDeps> = {}) {
  const dialogs = { chooseImportFiles: async () => importPaths } as Partial<Dialogs> as Dialogs;
  return createHandlers({
    workspace: ws,
    dialogs,
    openExternal: async () => undefined,
    emit: <E extends EventName>(event: E, payload: EventPayloads[E]) => void events.push({ event, payload }),
    ...extra,
  });
}

async function storyWithScript() {
  return ws.library.create({
    headline: 'Ferry <script>alert(1)</script> returns',
    body: {
      type: 'doc',
      content: [
        {
          type: 'paragraph',
          content: [
            { type: 'text', text: 'Read the ' },
            {
              type: 'text',
              text: 'timetable',
              marks: [{ type: 'link', attrs: { href: 'javascript:alert(2)' } }],
            },
            { type: 'text', text: ' <img src=x onerror=alert(3)>.' },
          ],
        },
      ],
    },
  });
}

describe('exportToText: an export as text for the clipboard', () => {
  it('gives the HTML fragment exactly as the file export makes it, sanitised, and main copies it where it can', async () => {
    const article = await storyWithScript();
    const h = handlers({ copyToClipboard: (text) => void clipboard.push(text) });
    const result = await dispatch(h, 'exportToText', { id: article.id, format: 'html-fragment', copy: true });
    expect(result.ok).toBe(true);
    const { text, copied } = (result as { value: { text: string; copied: boolean } }).value;
    const { data } = await renderExport(article, 'html-fragment', {}, { libraryDir: ws.library.dir });
    expect(text).toBe(data);
    expect(copied).toBe(true);
    expect(clipboard).toEqual([text]);
    expect(text).toContain('&lt;script&gt;');
    expect(text).not.toContain('javascript:');
    expect(findActiveContent(text)).toEqual([]);
  });

  it('leaves the copying to the page when main has no clipboard, or was not asked to copy', async () => {
    const article = await storyWithScript();
    const bare = await dispatch(handlers(), 'exportToText', {
      id: article.id,
      format: 'markdown',
      copy: true,
    });
    expect(bare).toMatchObject({ ok: true, value: { copied: false } });
    expect((bare as { value: { text: string } }).value.text).toContain('Ferry');
    const notAsked = await dispatch(
      handlers({ copyToClipboard: (t) => void clipboard.push(t) }),
      'exportToText',
      {
        id: article.id,
        format: 'text',
      },
    );
    expect(notAsked).toMatchObject({ ok: true, value: { copied: false } });
    expect(clipboard).toEqual([]);
  });

  it('refuses formats that are not text, and articles that do not exist, with a clear message', async () => {
    const article = await storyWithScript();
    const h = handlers({ copyToClipboard: (t) => void clipboard.push(t) });
    const docx = await dispatch(h, 'exportToText', { id: article.id, format: 'docx', copy: true });
    expect(docx).toMatchObject({ ok: false, error: { code: 'invalid-input' } });
    const missing = await dispatch(h, 'exportToText', {
      id: '00000000-0000-4000-8000-000000000000',
      format: 'html-fragment',
      copy: true,
    });
    expect(missing).toMatchObject({ ok: false, error: { code: 'not-found' } });
    expect(clipboard).toEqual([]);
  });
});

async function filesForImport(): Promise<string[]> {
  const paths: string[] = [];
  for (let i = 1; i <= 4; i++) {
    const file = join(dir, `story-${i}.txt`);
    await writeFile(file, `Story number ${i}\n\nBy Jo Reporter\n\nIt happened.\n`);
    paths.push(file);
  }
  await writeFile(join(dir, 'broken.docx'), 'not a zip');
  paths.splice(2, 0, join(dir, 'broken.docx'), join(dir, 'gone.md'));
  return paths;
}

describe('importing many files reports progress and a summary', () => {
  it('the import handler sends a progress event per file, saying which came in', async () => {
    importPaths = await filesForImport();
    const result = await handlers().importFiles(undefined);
    expect(result.imported).toHaveLength(4);
    expect(result.failed.map((f) => f.file)).toEqual(['broken.docx', 'gone.md']);
    const progress = events
      .filter((e) => e.event === 'importProgress')
      .map((e) => e.payload as ImportProgress);
    expect(progress).toEqual([
      { done: 1, total: 6, file: 'story-1.txt', imported: true },
      { done: 2, total: 6, file: 'story-2.txt', imported: true },
      { done: 3, total: 6, file: 'broken.docx', imported: false },
      { done: 4, total: 6, file: 'gone.md', imported: false },
      { done: 5, total: 6, file: 'story-3.txt', imported: true },
      { done: 6, total: 6, file: 'story-4.txt', imported: true },
    ]);
  });

  it('dropped files report progress too', async () => {
    const paths = await filesForImport();
    const result = await handlers().importDroppedFiles({ paths });
    expect(result.imported).toHaveLength(4);
    // gone.md is refused before reading (it does not exist); the other five are read.
    const progress = events
      .filter((e) => e.event === 'importProgress')
      .map((e) => e.payload as ImportProgress);
    expect(progress.map((p) => `${p.done}/${p.total} ${p.file} ${p.imported}`)).toEqual([
      '1/5 story-1.txt true',
      '2/5 story-2.txt true',
      '3/5 broken.docx false',
      '4/5 story-3.txt true',
      '5/5 story-4.txt true',
    ]);
  });

  it('the CLI prints a line per file and a summary to stderr, and exits 1 when a file was skipped', async () => {
    const paths = await filesForImport();
    await closeWorkspace(ws);
    let out = '';
    let err = '';
    const io = {
      stdout: (s: string) => void (out += s),
      stderr: (s: string) => void (err += s),
      env: { HOME: dir, XDG_CONFIG_HOME: join(dir, 'config') },
    };
    const lib = join(dir, 'cli-lib');
    const code = await runCli(['import', ...paths, '--library', lib], io);
    expect(code).toBe(1);
    const lines = err.trim().split('\n');
    expect(lines.slice(0, 6)).toEqual([
      '[1/6] story-1.txt: imported',
      '[2/6] story-2.txt: imported',
      '[3/6] broken.docx: skipped',
      '[4/6] gone.md: skipped',
      '[5/6] story-3.txt: imported',
      '[6/6] story-4.txt: imported',
    ]);
    expect(lines.filter((l) => l.startsWith('copydesk: '))).toHaveLength(2);
    expect(lines.at(-1)).toBe('6 files: 4 imported, 2 skipped (the reasons are above).');
    expect(out.match(/^Imported /gm)).toHaveLength(4);

    // --json is for scripts: stdout only, no progress.
    err = '';
    out = '';
    await runCli(['import', ...paths.slice(0, 2), '--library', lib, '--json'], io);
    expect(err).toBe('');
    expect(JSON.parse(out)).toHaveLength(2);
    ws = await openWorkspace(join(dir, 'lib'), { seedSample: false });
  });
});
