import { readFile, rm } from 'node:fs/promises';
import { join } from 'node:path';
import { DOMParser } from '@xmldom/xmldom';
import JSZip from 'jszip';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { exportDocx } from '../../src/exporters/exportDocx';
import { fitWithin, imageSize } from '../../src/exporters/imageSize';
import { LibraryStore } from '../../src/library/store';
import { renderExport } from '../../src/services/exportArticle';
import { assetDir, storeImage } from '../../src/services/libraryAssets';
import type { BodyNode } from '../../src/shared/article';
import { CopydeskError } from '../../src/shared/errors';
import { makeTempDir } from '../helpers/tempLibrary';

// Pictures made by Chromium's own encoders (canvas.toBlob), so the headers are real ones.
const FIXTURES = join(import.meta.dirname, '../fixtures/pictures');
const picture = (name: string): Promise<Buffer> => readFile(join(FIXTURES, name));

// 1 px = 9,525 EMU, the unit of a drawing's extent in Word.
const EMU = 9525;

describe('picture sizes are read from the bytes', () => {
  it('reads JPEG, PNG and WebP written by a browser', async () => {
    expect(imageSize(await picture('harbour-1600x1200.jpg'))).toEqual({
      type: 'jpg',
      width: 1600,
      height: 1200,
    });
    expect(imageSize(await picture('chart-300x200.png'))).toEqual({ type: 'png', width: 300, height: 200 });
    expect(imageSize(await picture('mast-400x2000.webp'))).toEqual({
      type: 'webp',
      width: 400,
      height: 2000,
    });
    expect(imageSize(await picture('icon-64x48.webp'))).toEqual({ type: 'webp', width: 64, height: 48 });
  });

  it('skips a JPEG’s EXIF block and fill bytes to find its frame size', async () => {
    const jpg = await picture('harbour-1600x1200.jpg');
    const exif = Buffer.concat([
      Buffer.from([0xff, 0xe1, 0x00, 0x10]),
      Buffer.from('Exif\0\0'),
      Buffer.alloc(8),
    ]);
    const withExif = Buffer.concat([jpg.subarray(0, 2), Buffer.from([0xff, 0xff]), exif, jpg.subarray(2)]);
    // The fill byte makes the marker 0xFF 0xFF 0xE1…: still a valid stream.
    expect(imageSize(withExif)).toEqual({ type: 'jpg', width: 1600, height: 1200 });
  });

  it('reads GIF and the simple (lossy and lossless) WebP headers', () => {
    const gif = Buffer.from('474946383961' + '2003' + '5802' + '000000', 'hex'); // GIF89a 800×600
    expect(imageSize(gif)).toEqual({ type: 'gif', width: 800, height: 600 });
    const riff = (chunk: string, payload: number[]): Buffer =>
      Buffer.concat([
        Buffer.from('RIFF\0\0\0\0WEBP'),
        Buffer.from(chunk),
        Buffer.alloc(4),
        Buffer.from(payload),
      ]);
    // VP8: frame tag (3 bytes), start code 9d 01 2a, width 640, height 480 (little-endian, 14 bits).
    expect(imageSize(riff('VP8 ', [0, 0, 0, 0x9d, 0x01, 0x2a, 0x80, 0x02, 0xe0, 0x01]))).toEqual({
      type: 'webp',
      width: 640,
      height: 480,
    });
    // VP8L: signature 0x2f, then width−1 = 99 and height−1 = 49 in 14-bit fields.
    const bits = 99 | (49 << 14);
    expect(
      imageSize(riff('VP8L', [0x2f, bits & 0xff, (bits >> 8) & 0xff, (bits >> 16) & 0xff, bits >>> 24])),
    ).toEqual({ type: 'webp', width: 100, height: 50 });
  });

  it('answers null for what is not a picture, or a header cut short', async () => {
    expect(imageSize(Buffer.from('not a picture at all'))).toBeNull();
    expect(imageSize(new Uint8Array(0))).toBeNull();
    expect(imageSize((await picture('chart-300x200.png')).subarray(0, 20))).toBeNull();
    expect(imageSize((await picture('harbour-1600x1200.jpg')).subarray(0, 30))).toBeNull();
    expect(imageSize(Buffer.from('474946383961' + '0000' + '0000' + '000000', 'hex'))).toBeNull();
  });

  it('fits a picture in a box keeping its shape, and never enlarges one', () => {
    expect(fitWithin({ width: 1600, height: 1200 }, 601, 700)).toEqual({ width: 601, height: 451 });
    expect(fitWithin({ width: 400, height: 2000 }, 601, 700)).toEqual({ width: 140, height: 700 });
    expect(fitWithin({ width: 300, height: 200 }, 601, 700)).toEqual({ width: 300, height: 200 });
    expect(fitWithin({ width: 5000, height: 1 }, 601, 700)).toEqual({ width: 601, height: 1 });
  });
});

describe('Word export embeds the article’s pictures', () => {
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

  async function articleWith(figures: { file: string; alt: string; caption: string; credit: string }[]) {
    const draft = await lib.create({ headline: 'Harbour reopens after storm' });
    const body: BodyNode[] = [
      { type: 'paragraph', content: [{ type: 'text', text: 'The harbour is open.' }] },
    ];
    for (const f of figures) {
      const src = await storeImage(lib.dir, draft.id, await picture(f.file), f.file);
      body.push({ type: 'figure', attrs: { src, alt: f.alt, caption: f.caption, credit: f.credit } });
    }
    // A picture in a table cell too: it must fit its column.
    const src = await storeImage(lib.dir, draft.id, await picture('chart-300x200.png'), 'chart.png');
    const cell = (content: BodyNode[]): BodyNode => ({ type: 'tableCell', content });
    body.push({
      type: 'table',
      content: [
        {
          type: 'tableRow',
          content: [
            cell([{ type: 'paragraph', content: [{ type: 'text', text: 'Chart' }] }]),
            cell([{ type: 'figure', attrs: { src, alt: 'Tides chart', caption: '', credit: '' } }]),
            cell([{ type: 'paragraph', content: [{ type: 'text', text: 'Source: harbour master' }] }]),
          ],
        },
      ],
    });
    const { rev } = await lib.save(
      draft.id,
      {
        headline: draft.headline,
        contentHighlight: '',
        byline: '',
        dateline: '',
        section: '',
        tags: [],
        body: { type: 'doc', content: body },
      },
      draft.rev,
    );
    expect(rev).toBeGreaterThan(draft.rev);
    return lib.get(draft.id);
  }

  async function unzip(data: string | Uint8Array) {
    const zip = await JSZip.loadAsync(data as Uint8Array);
    const xml = await zip.file('word/document.xml')!.async('string');
    const errors: string[] = [];
    const doc = new DOMParser({
      onError: (level, msg) => void (level !== 'warning' && errors.push(msg)),
    }).parseFromString(xml, 'text/xml');
    expect(errors).toEqual([]);
    return { zip, xml, doc };
  }

  it('puts each picture in word/media, sized to the page width with its shape, alt text as its description, caption and credit below', async () => {
    const article = await articleWith([
      {
        file: 'harbour-1600x1200.jpg',
        alt: 'Boats moored in the harbour at dawn',
        caption: 'The harbour at dawn',
        credit: 'Jo Snap/Agency',
      },
      {
        file: 'chart-300x200.png',
        alt: 'A bar chart of storm damage',
        caption: 'Damage by district',
        credit: 'Council figures',
      },
    ]);
    const { data } = await renderExport(article, 'docx', {}, { libraryDir: lib.dir });
    const { zip, xml, doc } = await unzip(data);

    const media = Object.keys(zip.files).filter((f) => f.startsWith('word/media/'));
    const bytes = await Promise.all(media.map((f) => zip.file(f)!.async('nodebuffer')));
    // The JPEG and the PNG byte for byte, once each although the PNG is drawn twice.
    expect(media).toHaveLength(2);
    const jpg = await picture('harbour-1600x1200.jpg');
    const png = await picture('chart-300x200.png');
    expect(bytes.some((b) => b.equals(jpg))).toBe(true);
    expect(bytes.some((b) => b.equals(png))).toBe(true);
    const types = await zip.file('[Content_Types].xml')!.async('string');
    expect(types).toMatch(/Extension="jpe?g"/);
    expect(types).toContain('Extension="png"');

    const drawings = Array.from(doc.getElementsByTagName('w:drawing'));
    expect(drawings).toHaveLength(3);
    const extent = (i: number) => {
      const e = drawings[i]!.getElementsByTagName('wp:extent')[0]!;
      return [Number(e.getAttribute('cx')) / EMU, Number(e.getAttribute('cy')) / EMU];
    };
    const descr = (i: number) => drawings[i]!.getElementsByTagName('wp:docPr')[0]!.getAttribute('descr');
    // 1600×1200 is scaled to the 601 px text width, keeping 4:3; 300×200 keeps its size.
    expect(extent(0)).toEqual([601, 451]);
    expect(descr(0)).toBe('Boats moored in the harbour at dawn');
    expect(extent(1)).toEqual([300, 200]);
    expect(descr(1)).toBe('A bar chart of storm damage');
    // In a three-column table the picture fits its column (601 / 3 − 16 = 184 px wide).
    const [w, h] = extent(2);
    expect(w).toBe(184);
    expect(h).toBeCloseTo((184 * 200) / 300, 0);
    expect(descr(2)).toBe('Tides chart');
    // Every drawing points at a relationship that exists.
    const rels = await zip.file('word/_rels/document.xml.rels')!.async('string');
    for (const d of drawings) {
      const embed = d.getElementsByTagName('a:blip')[0]!.getAttribute('r:embed');
      expect(rels).toContain(`Id="${embed}"`);
    }

    // Caption and credit follow each picture in the FigureCaption style; no placeholder is left.
    const captions = Array.from(doc.getElementsByTagName('w:p')).filter((p) =>
      Array.from(p.getElementsByTagName('w:pStyle')).some((s) => s.getAttribute('w:val') === 'FigureCaption'),
    );
    const captionText = captions.map((p) =>
      Array.from(p.getElementsByTagName('w:t'))
        .map((t) => t.textContent)
        .join(''),
    );
    expect(captionText).toEqual(['The harbour at dawn Jo Snap/Agency', 'Damage by district Council figures']);
    expect(xml).not.toContain('[Picture]');
  });

  it('writes a WebP picture, which Word cannot show, as its caption, credit and alt text', async () => {
    const article = await articleWith([
      {
        file: 'mast-400x2000.webp',
        alt: 'The broken mast',
        caption: 'What the storm left',
        credit: 'Ana Lens',
      },
    ]);
    const { data } = await renderExport(article, 'docx', {}, { libraryDir: lib.dir });
    const { xml, doc } = await unzip(data);
    expect(doc.getElementsByTagName('w:drawing')).toHaveLength(1); // only the table's PNG
    expect(xml).toContain('[Picture] ');
    expect(xml).toContain('What the storm left (Ana Lens)');
    expect(xml).toContain('Alt text: The broken mast');
  });

  it('a picture missing from the library stops the export with a message that says what to do', async () => {
    const article = await articleWith([
      { file: 'chart-300x200.png', alt: 'Chart', caption: 'Chart', credit: 'Council' },
    ]);
    await rm(assetDir(lib.dir, article.id), { recursive: true });
    const error = await renderExport(article, 'docx', {}, { libraryDir: lib.dir }).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(CopydeskError);
    expect((error as CopydeskError).code).toBe('export-failed');
    expect((error as CopydeskError).message).toMatch(/missing from the library.*Insert the picture again/);
  });

  it('the pure exporter without the pictures’ bytes writes each figure in words', async () => {
    const article = await articleWith([
      { file: 'chart-300x200.png', alt: 'Chart of damage', caption: 'Damage', credit: 'Council' },
    ]);
    const { xml, doc } = await unzip(await exportDocx(article));
    expect(doc.getElementsByTagName('w:drawing')).toHaveLength(0);
    expect(xml).toContain('Damage (Council)');
    expect(xml).toContain('Alt text: Chart of damage');
  });
});
