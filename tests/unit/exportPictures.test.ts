import { readFile, readdir, rm } from 'node:fs/promises';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { LibraryStore } from '../../src/library/store';
import { exportArticleTo } from '../../src/services/exportArticle';
import { exportMany } from '../../src/services/exportMany';
import { assetDir, storeImage } from '../../src/services/libraryAssets';
import { CopydeskError } from '../../src/shared/errors';
import { makeTempDir } from '../helpers/tempLibrary';

// The smallest valid PNG: a 1×1 transparent pixel.
const PNG = Buffer.from(
  '89504e470d0a1a0a0000000d49484452000000010000000108060000001f15c4890000000d4944415478da63fcffff3f0300050001ff2d2c4c0000000049454e44ae426082',
  'hex',
);

let dir: string;
let cleanup: () => Promise<void>;
let lib: LibraryStore;
beforeEach(async () => {
  ({ dir, cleanup } = await makeTempDir());
  lib = await LibraryStore.open(join(dir, 'lib'), { owner: 'app', create: true });
});
afterEach(async () => {
  await lib.close();
  await cleanup();
});

async function articleWithPicture() {
  const draft = await lib.create({ headline: 'Ferry back in service' });
  const src = await storeImage(lib.dir, draft.id, PNG, 'ferry.png');
  const content = {
    headline: draft.headline,
    contentHighlight: '',
    byline: '',
    dateline: '',
    section: '',
    tags: [],
    body: {
      type: 'doc' as const,
      content: [
        { type: 'paragraph', content: [{ type: 'text', text: 'The ferry is back.' }] },
        {
          type: 'figure',
          attrs: { src, alt: 'The ferry at the quay', caption: 'Back at last', credit: 'Jo Snap' },
        },
      ],
    },
  };
  await lib.save(draft.id, content, draft.rev);
  return lib.get(draft.id);
}

describe('exported pages come with their pictures', () => {
  it('an HTML export copies each picture into assets/ beside the page, where the page points', async () => {
    const article = await articleWithPicture();
    const out = join(dir, 'out', 'story.html');
    await exportArticleTo(article, 'html', out, {}, { libraryDir: lib.dir });
    const html = await readFile(out, 'utf8');
    const src = /<img[^>]*src="([^"]+)"/.exec(html)?.[1];
    expect(src).toMatch(/^assets\/[a-f0-9]+\.png$/);
    expect((await readFile(join(dir, 'out', src!))).equals(PNG)).toBe(true);
  });

  it('a batch export does the same for every article', async () => {
    const article = await articleWithPicture();
    const result = await exportMany(lib, [article.id], 'html', join(dir, 'batch'));
    expect(result.skipped).toEqual([]);
    expect(await readdir(join(dir, 'batch', 'assets'))).toHaveLength(1);
  });

  it('a picture missing from the library stops the export with a clear message and writes no page', async () => {
    const article = await articleWithPicture();
    await rm(assetDir(lib.dir, article.id), { recursive: true });
    const out = join(dir, 'out2', 'story.html');
    const error = await exportArticleTo(article, 'html', out, {}, { libraryDir: lib.dir }).catch(
      (e: unknown) => e,
    );
    expect(error).toBeInstanceOf(CopydeskError);
    expect((error as CopydeskError).message).toMatch(/missing from the library/);
    await expect(readFile(out)).rejects.toThrow();
  });

  it('formats that carry no picture links (plain text) copy nothing', async () => {
    const article = await articleWithPicture();
    await exportArticleTo(article, 'text', join(dir, 'txt', 'story.txt'), {}, { libraryDir: lib.dir });
    expect(await readdir(join(dir, 'txt'))).toEqual(['story.txt']);
  });
});

describe('Markdown and text exports carry tables and figures', () => {
  it('Markdown gets a GFM table and an image reference whose file is copied beside it', async () => {
    const article = await articleWithPicture();
    article.body.content!.push({
      type: 'table',
      content: [
        {
          type: 'tableRow',
          content: ['Route', 'Fare'].map((t) => ({
            type: 'tableHeader',
            content: [{ type: 'paragraph', content: [{ type: 'text', text: t }] }],
          })),
        },
        {
          type: 'tableRow',
          content: ['Ferry | fast', '£2.50'].map((t) => ({
            type: 'tableCell',
            content: [{ type: 'paragraph', content: [{ type: 'text', text: t }] }],
          })),
        },
      ],
    });
    const out = join(dir, 'md', 'story.md');
    await exportArticleTo(article, 'markdown', out, {}, { libraryDir: lib.dir });
    const md = await readFile(out, 'utf8');
    const image = /!\[The ferry at the quay\]\((assets\/[a-f0-9]+\.png)\)\n\*Back at last\* \(Jo Snap\)/.exec(
      md,
    );
    expect(image).not.toBeNull();
    expect((await readFile(join(dir, 'md', image![1]!))).equals(PNG)).toBe(true);
    expect(md).toContain('| Route | Fare |\n| --- | --- |\n| Ferry \\| fast | £2.50 |');
    const text = await readFile(join(dir, 'md', 'story.md'), 'utf8');
    expect(text).not.toContain('asset:');
  });

  it('plain text names the picture and lays a table out row by row', async () => {
    const article = await articleWithPicture();
    const out = join(dir, 'txt2', 'story.txt');
    await exportArticleTo(article, 'text', out, {}, { libraryDir: lib.dir });
    expect(await readFile(out, 'utf8')).toContain('[Picture: Back at last (Jo Snap)]');
  });
});
