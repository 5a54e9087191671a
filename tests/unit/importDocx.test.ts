import { copyFile, readFile, writeFile } from 'node:fs/promises';
import { readdirSync } from 'node:fs';
import { join } from 'node:path';
import { Document, ExternalHyperlink, HeadingLevel, ImageRun, Packer, Paragraph, TextRun } from 'docx';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { importFile } from '../../src/importers';
import { importDocx } from '../../src/importers/importDocx';
import type { ArticleDraft, BodyNode } from '../../src/shared/article';
import { checkBody } from '../../src/shared/editor/schema';
import { CopydeskError } from '../../src/shared/errors';
import { bodyText } from '../../src/shared/text';
import { CORPORA_DIR, makeTempDir } from '../helpers/tempLibrary';

const DOCX_DIR = join(CORPORA_DIR, 'docx');

async function docx(children: Paragraph[]): Promise<Uint8Array> {
  return new Uint8Array(await Packer.toBuffer(new Document({ sections: [{ children }] })));
}

function links(node: BodyNode): string[] {
  const own = (node.marks ?? []).filter((m) => m.type === 'link').map((m) => String(m.attrs?.href));
  return [...own, ...(node.content ?? []).flatMap(links)];
}

let temp: { dir: string; cleanup: () => Promise<void> };
beforeAll(async () => {
  temp = await makeTempDir();
});
afterAll(() => temp.cleanup());

describe('every Word file in the shared corpus', () => {
  const files = readdirSync(DOCX_DIR).filter((n) => n.endsWith('.docx'));
  it.each(files)('%s imports to a valid article or is refused with a message', async (name) => {
    try {
      const draft = await importFile(join(DOCX_DIR, name));
      expect(() => checkBody(draft.body)).not.toThrow();
      expect(bodyText(draft.body) + draft.headline).not.toBe('');
    } catch (e) {
      expect(e).toBeInstanceOf(CopydeskError);
      expect((e as CopydeskError).code).toBe('import-failed');
      expect((e as CopydeskError).message).toContain(name);
    }
  });

  it('turns footnotes into a Notes section at the end, keeping the [1] references, and says so', async () => {
    const draft = await importFile(join(DOCX_DIR, 'footnotes.docx'));
    const text = `${draft.headline}\n${bodyText(draft.body)}`;
    expect(text).toContain('Ouch[1].[2]');
    expect(bodyText(draft.body)).toMatch(/Notes\n\nA tachyon walks into a bar\.\n\nFin\./);
    expect(draft.report.some((n) => /Notes section/.test(n.message))).toBe(true);
  });

  it('keeps a link inside a footnote', async () => {
    const draft = await importFile(join(DOCX_DIR, 'footnote-hyperlink.docx'));
    expect(links(draft.body as BodyNode)).toEqual(['http://www.example.com']);
  });

  it('keeps Word tables as tables', async () => {
    const draft = await importFile(join(DOCX_DIR, 'tables.docx'));
    const table = draft.body.content!.find((b) => b.type === 'table');
    expect(table).toBeDefined();
    expect(bodyText(table!)).toContain('Top left');
    expect(bodyText(table!)).toContain('Bottom right');
    expect(table!.content).toHaveLength(2);
  });

  it('keeps lists as lists', async () => {
    const draft = await importFile(join(DOCX_DIR, 'simple-list.docx'));
    expect(draft.body.content?.[0]?.type).toBe('bulletList');
  });

  it('reports Word comments as left out', async () => {
    const draft = await importFile(join(DOCX_DIR, 'comments.docx'));
    expect(draft.report.some((n) => /2 Word comments were left out/.test(n.message))).toBe(true);
  });

  it('refuses an empty document with a message', async () => {
    await expect(importFile(join(DOCX_DIR, 'empty.docx'))).rejects.toThrow(/has no text/);
  });
});

describe('Word import never reads other files', () => {
  it('does not read an external picture even when the file sits right beside the document', async () => {
    const dir = temp.dir;
    await copyFile(join(DOCX_DIR, 'external-picture.docx'), join(dir, 'external-picture.docx'));
    // The picture the document links to, where a careless reader would find it.
    await copyFile(join(DOCX_DIR, 'tiny-picture.docx'), join(dir, 'tiny-picture.png'));
    const bytes = await readFile(join(dir, 'external-picture.docx'));
    const attempt = importDocx(bytes, { sourceName: 'external-picture.docx' });
    await expect(attempt).rejects.toThrow(/only pictures/);
  });

  it('drops file: and javascript: links but keeps their words, and keeps web links', async () => {
    const bytes = await docx([
      new Paragraph({ heading: HeadingLevel.TITLE, children: [new TextRun('Council votes on barrier')] }),
      new Paragraph({
        children: [
          new ExternalHyperlink({ link: 'file:///etc/passwd', children: [new TextRun('local file')] }),
          new TextRun(' and '),
          new ExternalHyperlink({ link: 'javascript:alert(1)', children: [new TextRun('a script')] }),
          new TextRun(' and '),
          new ExternalHyperlink({ link: 'https://example.com/vote', children: [new TextRun('the vote')] }),
          new TextRun('.'),
        ],
      }),
    ]);
    const draft = await importDocx(bytes);
    expect(draft.headline).toBe('Council votes on barrier');
    expect(bodyText(draft.body)).toBe('local file and a script and the vote.');
    expect(links(draft.body as BodyNode)).toEqual(['https://example.com/vote']);
    expect(draft.report.filter((n) => /link on/.test(n.message))).toHaveLength(2);
  });

  it('leaves an embedded picture out with a note that gives its alt text', async () => {
    const png = await readFile(join(import.meta.dirname, '../../resources/icon.png'));
    const bytes = await docx([
      new Paragraph({ children: [new TextRun('Flood barrier plans unveiled')] }),
      new Paragraph({ children: [new TextRun('The barrier would run for two miles along the river.')] }),
      new Paragraph({
        children: [
          new ImageRun({
            type: 'png',
            data: png,
            transformation: { width: 10, height: 10 },
            altText: { name: 'barrier', description: 'Artist’s impression of the barrier', title: 'Barrier' },
          }),
        ],
      }),
    ]);
    const draft = await importDocx(bytes);
    const note = draft.report.find((n) => /picture/.test(n.message));
    expect(note?.kind).toBe('dropped');
    expect(note?.text).toContain('Artist’s impression of the barrier');
  });
});

describe('Word structure detection', () => {
  let draft: ArticleDraft;
  beforeAll(async () => {
    draft = await importDocx(
      await docx([
        new Paragraph({
          heading: HeadingLevel.HEADING_1,
          children: [new TextRun('Ferry service to resume in May')],
        }),
        new Paragraph({ children: [new TextRun('By Hannah Cole')] }),
        new Paragraph({
          children: [new TextRun('Content Highlight: The harbour ferry returns after a two-year gap.')],
        }),
        new Paragraph({
          children: [new TextRun('PORTHAVEN — The ferry will run again from 1 May, the council said.')],
        }),
        new Paragraph({ heading: HeadingLevel.HEADING_2, children: [new TextRun('Timetable')] }),
        new Paragraph({
          children: [
            new TextRun({ text: 'Hourly', bold: true }),
            new TextRun({ text: ' in summer', italics: true }),
          ],
        }),
      ]),
    );
  });

  it('finds headline, byline, Content Highlight and dateline', () => {
    expect(draft).toMatchObject({
      headline: 'Ferry service to resume in May',
      byline: 'Hannah Cole',
      contentHighlight: 'The harbour ferry returns after a two-year gap.',
      dateline: 'PORTHAVEN',
    });
  });

  it('keeps subheadings, bold and italic', () => {
    expect(draft.body.content?.some((n) => n.type === 'heading')).toBe(true);
    const marks = JSON.stringify(draft.body);
    expect(marks).toContain('"bold"');
    expect(marks).toContain('"italic"');
  });
});

describe('Word import limits', () => {
  it('gives up on a conversion that takes too long, with a clear message', async () => {
    const paragraphs = Array.from(
      { length: 3000 },
      (_, i) => new Paragraph({ children: [new TextRun(`Paragraph ${i} of a long file.`)] }),
    );
    const bytes = await docx(paragraphs);
    await expect(importDocx(bytes, { sourceName: 'long.docx', timeoutMs: 1 })).rejects.toThrow(
      /“long.docx” took more than 0 seconds to read and was abandoned/,
    );
  });

  it('refuses bytes that are not a zip', async () => {
    const path = join(temp.dir, 'fake.docx');
    await writeFile(path, 'not a zip at all');
    await expect(importFile(path)).rejects.toThrow(/not a Word document/);
  });
});
