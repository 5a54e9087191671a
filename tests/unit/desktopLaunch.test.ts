import { mkdir, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { guardWindowClose, waitPatiently } from '../../src/main/closeGuard';
import { commandLineFiles } from '../../src/main/launchFiles';
import { importablePaths } from '../../src/services/importablePaths';
import {
  closeWorkspace,
  createHandlers,
  dispatch,
  openWorkspace,
  type Workspace,
} from '../../src/services/handlers';
import { productionLicences } from '../../src/services/licences';
import { makeTempDir } from '../helpers/tempLibrary';
import { cancelledDialogs } from './desktopFixtures';

describe('files named on a second launch’s command line', () => {
  it('keeps article files, resolved against the launch folder, and nothing else', () => {
    const argv = [
      '/opt/Copydesk/copydesk',
      '--allow-file-access-from-files',
      '--original-process-start-time=13370000',
      'notes/story.md',
      '/home/ada/Downloads/page.txt',
      'file:///home/ada/Desk/quote%20page.html',
      '/home/ada/photo.jpg',
      '.',
      'out/main/index.js',
      'notes/story.md',
    ];
    expect(commandLineFiles(argv, '/home/ada')).toEqual([
      '/home/ada/notes/story.md',
      '/home/ada/Downloads/page.txt',
      '/home/ada/Desk/quote page.html',
    ]);
  });
});

describe('dropped and command-line files go through one import path', () => {
  let dir: string;
  let cleanup: () => Promise<void>;
  let ws: Workspace;
  const events: string[] = [];
  beforeEach(async () => {
    ({ dir, cleanup } = await makeTempDir());
    ws = await openWorkspace(join(dir, 'lib'));
    events.length = 0;
  });
  afterEach(async () => {
    await closeWorkspace(ws);
    await cleanup();
  });

  it('accepts only existing regular files with a supported extension', async () => {
    await writeFile(join(dir, 'story.md'), '# A headline\n\nBody text.\n');
    await mkdir(join(dir, 'folder.md'));
    const result = await importablePaths([
      join(dir, 'story.md'),
      join(dir, 'story.md'),
      join(dir, 'missing.txt'),
      join(dir, 'folder.md'),
      join(dir, 'tool.exe'),
      'relative.md',
    ]);
    expect(result.accepted).toEqual([join(dir, 'story.md')]);
    expect(result.refused.map((r) => r.file)).toEqual([
      'missing.txt',
      'folder.md',
      'tool.exe',
      'relative.md',
    ]);
    expect(result.refused[2]!.message).toMatch(/cannot import \.exe/);
  });

  it('importDroppedFiles imports what it can and reports the rest', async () => {
    await writeFile(join(dir, 'story.md'), '# Council passes the budget\n\nThe council voted on Tuesday.\n');
    const handlers = createHandlers({
      workspace: ws,
      dialogs: cancelledDialogs,
      openExternal: async () => undefined,
      emit: (event) => events.push(event),
    });
    const before = ws.library.list().length;
    const result = await dispatch(handlers, 'importDroppedFiles', {
      paths: [join(dir, 'story.md'), '/etc/shadow'],
    });
    expect(result).toMatchObject({
      ok: true,
      value: {
        imported: [{ headline: 'Council passes the budget', file: 'story.md' }],
        failed: [{ file: 'shadow' }],
        cancelled: false,
      },
    });
    expect(ws.library.list()).toHaveLength(before + 1);
    // One progress event for the one file read, then the list changed.
    expect(events).toEqual(['importProgress', 'libraryChanged']);
    expect(await dispatch(handlers, 'importDroppedFiles', { paths: [] })).toMatchObject({
      ok: false,
      error: { code: 'invalid-input' },
    });
  });
});

describe('closing and quitting wait for saves, but not forever', () => {
  afterEach(() => vi.useRealTimers());

  function fakeWindow() {
    let onClose: (e: { preventDefault(): void }) => void = () => undefined;
    const w = {
      closed: 0,
      on: (_: 'close', l: typeof onClose) => {
        onClose = l;
      },
      close: () => {
        const e = { prevented: false, preventDefault: () => (e.prevented = true) };
        onClose(e);
        if (!e.prevented) w.closed++;
      },
      isDestroyed: () => w.closed > 0,
    };
    return w;
  }

  it('asks the renderer to save, closes when it confirms', () => {
    const w = fakeWindow();
    const requestFlush = vi.fn();
    const guard = guardWindowClose(w, { requestFlush, askCloseAnyway: () => false, timeoutMs: 5000 });
    w.close();
    expect(requestFlush).toHaveBeenCalledTimes(1);
    expect(w.closed).toBe(0);
    guard.readyToClose();
    expect(w.closed).toBe(1);
  });

  it('asks the user when the disk does not answer, and asks again if they keep waiting', async () => {
    vi.useFakeTimers();
    const w = fakeWindow();
    const requestFlush = vi.fn();
    const answers = [false, true];
    const askCloseAnyway = vi.fn(() => answers.shift()!);
    guardWindowClose(w, { requestFlush, askCloseAnyway, timeoutMs: 5000 });
    w.close();
    w.close(); // a second click while waiting does not stack up requests
    expect(requestFlush).toHaveBeenCalledTimes(1);
    await vi.advanceTimersByTimeAsync(5000);
    expect(askCloseAnyway).toHaveBeenCalledTimes(1);
    expect(w.closed).toBe(0);
    expect(requestFlush).toHaveBeenCalledTimes(2);
    await vi.advanceTimersByTimeAsync(5000);
    expect(askCloseAnyway).toHaveBeenCalledTimes(2);
    expect(w.closed).toBe(1);
  });

  it('quitting waits for the library to close, and lets the user give up on a dead disk', async () => {
    vi.useFakeTimers();
    expect(await waitPatiently(Promise.resolve(), { timeoutMs: 10, askStopWaiting: async () => true })).toBe(
      'done',
    );
    const never = new Promise(() => undefined);
    const ask = vi.fn(async () => ask.mock.calls.length >= 2);
    const outcome = waitPatiently(never, { timeoutMs: 1000, askStopWaiting: ask });
    await vi.advanceTimersByTimeAsync(2000);
    expect(await outcome).toBe('abandoned');
    expect(ask).toHaveBeenCalledTimes(2);
  });
});

describe('About lists the licences of what ships', () => {
  it('reads the production dependencies and theirs from node_modules, offline', async () => {
    const licences = await productionLicences(join(import.meta.dirname, '../..'));
    const names = licences.map((l) => l.name);
    expect(names).toEqual(expect.arrayContaining(['react', 'zod', 'lowdb', 'dompurify', 'steno']));
    expect(licences.find((l) => l.name === 'zod')!.licence).toBe('MIT');
    // Development tools are not shipped, so not listed.
    expect(names).not.toContain('vitest');
    expect(names).not.toContain('electron');
    expect(licences.every((l) => l.licence.length > 0)).toBe(true);
  });
});
