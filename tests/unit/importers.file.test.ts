import { mkdtemp, rm, truncate, writeFile, mkdir } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { importFile, MAX_IMPORT_BYTES, SUPPORTED_IMPORT_EXTENSIONS } from '../../src/importers';
import { checkBody } from '../../src/shared/editor/schema';
import { CopydeskError } from '../../src/shared/errors';
import { bodyText } from '../../src/shared/text';

let folder: string;

beforeAll(async () => {
  folder = await mkdtemp(join(tmpdir(), 'copydesk-import-'));
});

afterAll(async () => {
  await rm(folder, { recursive: true, force: true });
});

async function file(name: string, content: string | Uint8Array): Promise<string> {
  const path = join(folder, name);
  await writeFile(path, content);
  return path;
}

async function failure(path: string): Promise<CopydeskError> {
  try {
    await importFile(path);
  } catch (error) {
    if (error instanceof CopydeskError) return error;
    throw error;
  }
  throw new Error(`expected importing ${path} to fail`);
}

describe('importing a file', () => {
  it('lists the types it supports', () => {
    expect([...SUPPORTED_IMPORT_EXTENSIONS]).toEqual([
      '.txt',
      '.text',
      '.md',
      '.markdown',
      '.html',
      '.htm',
      '.docx',
    ]);
  });

  it.each([
    ['story.TXT', 'Bridge opens\n\nby Jane Doe\n\nText.', 'Jane Doe'],
    ['story.text', 'Bridge opens\n\nby Jane Doe\n\nText.', 'Jane Doe'],
    ['story.markdown', '---\nheadline: Bridge opens\nbyline: Jane Doe\n---\nText.', 'Jane Doe'],
    ['story.Md', '---\nheadline: Bridge opens\nbyline: Jane Doe\n---\nText.', 'Jane Doe'],
    ['story.htm', '<h1>Bridge opens</h1><p>By Jane Doe</p><p>Text.</p>', 'Jane Doe'],
    ['story.html', '<h1>Bridge opens</h1><p>By Jane Doe</p><p>Text.</p>', 'Jane Doe'],
  ])('reads %s with the importer for its type', async (name, content, byline) => {
    const draft = await importFile(await file(name, content));
    expect(draft).toMatchObject({ sourceName: name, headline: 'Bridge opens', byline });
    expect(bodyText(draft.body)).toBe('Text.');
    expect(() => checkBody(draft.body)).not.toThrow();
  });

  it('drops a UTF-8 byte-order mark', async () => {
    const draft = await importFile(await file('bom.txt', '\uFEFFBridge opens\n\nText.'));
    expect(draft.headline).toBe('Bridge opens');
  });

  it('reads UTF-16 text as Windows Notepad saves it', async () => {
    const text = '\uFEFFBridge opens in Kraków\r\n\r\nText.';
    const bytes = Buffer.from(text, 'utf16le');
    const draft = await importFile(await file('notepad.txt', bytes));
    expect(draft.headline).toBe('Bridge opens in Kraków');
  });

  it('refuses an empty or blank file', async () => {
    for (const [name, content] of [
      ['empty.txt', ''],
      ['blank.md', ' \n\t\n'],
    ]) {
      const error = await failure(await file(name, content));
      expect(error.code).toBe('import-failed');
      expect(error.message).toContain(`“${name}” is empty`);
    }
  });

  it('refuses a file over 20 MB, saying how big it is', async () => {
    const path = await file('huge.txt', '');
    await truncate(path, MAX_IMPORT_BYTES + 1);
    const error = await failure(path);
    expect(error.code).toBe('import-failed');
    expect(error.message).toMatch(/“huge\.txt” is 20\.0 MB; Copydesk imports files of up to 20 MB/);
  });

  it('imports a file of exactly 20 MB', async () => {
    const path = await file('big.txt', `Big file\n\n${'word '.repeat(MAX_IMPORT_BYTES / 5 - 4)}`);
    const draft = await importFile(path);
    expect(draft.headline).toBe('Big file');
  });

  it('refuses a binary file', async () => {
    const png = Uint8Array.from([
      0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a, 0, 0, 0, 0x0d, 0x49, 0x48, 0x44, 0x52,
    ]);
    const error = await failure(await file('picture.txt', png));
    expect(error.code).toBe('import-failed');
    expect(error.message).toMatch(/looks like a binary file/);
  });

  it('refuses text that is not UTF-8, and says how to fix it', async () => {
    // "£12m" in Windows-1252: the pound sign is the single byte 0xA3.
    const error = await failure(await file('latin1.txt', Uint8Array.from([0xa3, 0x31, 0x32, 0x6d])));
    expect(error.code).toBe('import-failed');
    expect(error.message).toMatch(/not UTF-8 text.*Save it as UTF-8/);
  });

  it('refuses a .docx that is not a Word document, and says how to fix it', async () => {
    const error = await failure(await file('draft.docx', 'PK'));
    expect(error.code).toBe('import-failed');
    expect(error.message).toMatch(/is not a Word document Copydesk can read.*save it as \.docx/);
  });

  it('refuses old Word .doc files, saying to save them as .docx', async () => {
    const error = await failure(await file('draft.doc', 'binary'));
    expect(error.code).toBe('import-failed');
    expect(error.message).toMatch(/old Word format \(\.doc\).*\.docx/);
  });

  it('refuses an unknown type, naming the types it can import', async () => {
    const error = await failure(await file('scan.pdf', '%PDF-1.7'));
    expect(error.code).toBe('import-failed');
    expect(error.message).toContain('“scan.pdf”');
    for (const extension of SUPPORTED_IMPORT_EXTENSIONS) expect(error.message).toContain(extension);
  });

  it('says when the file is missing', async () => {
    const error = await failure(join(folder, 'gone.txt'));
    expect(error.code).toBe('not-found');
    expect(error.message).toContain('“gone.txt” could not be found');
  });

  it('says when it was given a folder', async () => {
    await mkdir(join(folder, 'stories.txt'));
    const error = await failure(join(folder, 'stories.txt'));
    expect(error.message).toMatch(/is a folder/);
  });

  it('passes on the Markdown importer’s error for broken front matter', async () => {
    const error = await failure(await file('broken.md', '---\nheadline: [unclosed\n---\nText.'));
    expect(error.code).toBe('import-failed');
    expect(error.message).toMatch(/broken\.md.*not valid YAML/);
  });
});
