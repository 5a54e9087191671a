import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

/** A fresh folder under the system temp dir; removed by the returned cleanup. */
export async function makeTempDir(
  prefix = 'copydesk-test-',
): Promise<{ dir: string; cleanup: () => Promise<void> }> {
  const dir = await mkdtemp(join(tmpdir(), prefix));
  return { dir, cleanup: () => rm(dir, { recursive: true, force: true }) };
}

export const SHARED_DIR = join(import.meta.dirname, '../../../shared');
export const SAMPLES_DIR = join(SHARED_DIR, 'samples');
export const CORPORA_DIR = join(SHARED_DIR, 'corpora');
