import { spawn } from 'node:child_process';
import { readFile, readdir } from 'node:fs/promises';
import { join } from 'node:path';
import { build } from 'vite';
import { beforeAll, describe, expect, it } from 'vitest';
import { parseArticle } from '../../src/library/articleFile';
import { LibraryStore } from '../../src/library/store';
import { makeTempDir } from '../helpers/tempLibrary';

const KILLS = Number(process.env.CRASH_KILLS ?? 200);
const PARALLEL = 2;
const REPO = join(import.meta.dirname, '../..');
// Inside the repo so the child resolves its dependencies from node_modules.
const OUT_DIR = join(REPO, 'node_modules/.cache/copydesk-tests');

beforeAll(async () => {
  await build({
    configFile: false,
    logLevel: 'warn',
    build: {
      ssr: join(import.meta.dirname, '../fixtures/saveLoop.ts'),
      outDir: OUT_DIR,
      emptyOutDir: false,
      target: 'node20',
      minify: false,
      rollupOptions: { output: { format: 'es', entryFileNames: 'saveLoop.mjs' } },
    },
  });
}, 60_000);

/** Starts the saver, kills it with SIGKILL a random moment after its first save; returns the last acknowledged save. */
function runAndKill(dir: string, id: string): Promise<number> {
  return new Promise((resolve, reject) => {
    const child = spawn(process.execPath, [join(OUT_DIR, 'saveLoop.mjs'), dir, id], {
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    let lastAck = -1;
    let buffer = '';
    let stderr = '';
    let timer: NodeJS.Timeout | undefined;
    child.stdout.on('data', (chunk: Buffer) => {
      buffer += chunk.toString();
      const lines = buffer.split('\n');
      buffer = lines.pop()!;
      for (const line of lines) {
        const m = /^ACK (\d+)$/.exec(line);
        if (m) lastAck = Number(m[1]);
      }
      // Kill somewhere in the next 0–40 ms of continuous saving: mid-write, mid-rename, mid-fsync.
      timer ??= setTimeout(() => child.kill('SIGKILL'), Math.random() * 40);
    });
    child.stderr.on('data', (c: Buffer) => (stderr += c.toString()));
    child.on('exit', (_code, signal) => {
      clearTimeout(timer);
      if (signal !== 'SIGKILL') reject(new Error(`saver exited on its own: ${stderr}`));
      else resolve(lastAck);
    });
  });
}

describe('an article survives the app being killed mid-save', () => {
  it(`${KILLS} SIGKILLs at random moments: no acknowledged save lost, no unreadable file`, async () => {
    let lost = 0;
    let unreadable = 0;
    let kills = 0;
    const worker = async () => {
      const { dir, cleanup } = await makeTempDir('copydesk-crash-');
      try {
        const setup = await LibraryStore.open(dir, { owner: 'app', create: true });
        const { id } = await setup.create({ headline: 'save 0' });
        await setup.close();
        while (kills < KILLS) {
          kills++;
          const acked = await runAndKill(dir, id);
          // What a restart sees: every file parses, the article holds at least the last acknowledged save.
          const names = await readdir(join(dir, 'articles'));
          for (const name of names.filter((n) => n.endsWith('.json'))) {
            try {
              parseArticle(JSON.parse(await readFile(join(dir, 'articles', name), 'utf8')));
            } catch {
              unreadable++;
            }
          }
          const reopened = await LibraryStore.open(dir, { owner: 'app' });
          const saved = Number(/save (\d+)/.exec((await reopened.get(id)).headline)?.[1] ?? -1);
          if (saved < acked) lost++;
          expect(reopened.info().damaged).toEqual([]);
          expect(reopened.list().map((a) => a.headline)).toEqual([`save ${saved}`]);
          await reopened.close();
          // A leftover temp file never confuses the next start: it is cleaned, never read.
          expect((await readdir(join(dir, 'articles'))).filter((n) => n.startsWith('.'))).toEqual([]);
        }
      } finally {
        await cleanup();
      }
    };
    await Promise.all(Array.from({ length: PARALLEL }, worker));
    console.log(`${kills} kills: ${lost} lost acknowledged saves, ${unreadable} unreadable files`);
    expect(lost).toBe(0);
    expect(unreadable).toBe(0);
  }, 600_000);
});
