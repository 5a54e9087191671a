import { readFile } from 'node:fs/promises';
import { join } from 'node:path';
import { writeFileDurable } from '../../library/durableFile';
import { CopydeskError } from '../../shared/errors';
import type { HunspellFiles } from '../spelling';

/** The newsroom dictionary: one word a line, in the library folder, so a shared library shares it. */
export const NEWSROOM_DICTIONARY_FILE = 'dictionary.txt';

let english: Promise<HunspellFiles> | undefined;

/** The en Hunspell files from the dictionary-en package (read once per process). */
export function loadEnglishDictionary(): Promise<HunspellFiles> {
  english ??= import('dictionary-en').then((m) => ({ aff: m.default.aff, dic: m.default.dic }));
  return english;
}

/** The words of the library's newsroom dictionary; an absent file is an empty dictionary. */
export async function readNewsroomDictionary(libraryDir: string): Promise<string[]> {
  const text = await readFile(join(libraryDir, NEWSROOM_DICTIONARY_FILE), 'utf8').catch(
    (e: NodeJS.ErrnoException) => {
      if (e.code === 'ENOENT') return '';
      throw new CopydeskError(
        'io',
        `The newsroom dictionary (${NEWSROOM_DICTIONARY_FILE}) could not be read.`,
        { cause: e, detail: String(e) },
      );
    },
  );
  return text
    .split(/\r?\n/)
    .map((l) => l.trim())
    .filter((l) => l && !l.startsWith('#'));
}

/**
 * Adds a word to the library's newsroom dictionary, durably (temp file, fsync, rename). Returns
 * false when the word was already there. Words are kept in the order added, one a line.
 */
export async function addToNewsroomDictionary(libraryDir: string, word: string): Promise<boolean> {
  const w = word.trim();
  if (!w || /\s/.test(w) || w.length > 100) {
    throw new CopydeskError(
      'invalid-input',
      'Only a single word (no spaces, up to 100 letters) can be added to the newsroom dictionary.',
    );
  }
  const existing = await readNewsroomDictionary(libraryDir);
  if (existing.includes(w)) return false;
  const path = join(libraryDir, NEWSROOM_DICTIONARY_FILE);
  const current = await readFile(path, 'utf8').catch(() => '');
  const prefix = current && !current.endsWith('\n') ? `${current}\n` : current;
  await writeFileDurable(path, `${prefix}${w}\n`);
  return true;
}
