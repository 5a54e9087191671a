import { mkdtemp, readFile, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import JSZip from 'jszip';
import { afterAll, afterEach, describe, expect, test } from 'vitest';
import { LibraryStore } from '../../src/library/store';
import type { ArticleContent } from '../../src/shared/article';
import { makeSuggestionId } from '../../src/shared/review/suggestionIds';
import { axeViolations } from './axe';
import { startApp, stopBrowser, type App } from './harness';
import { openButton } from './ui';

let app: App | undefined;
const temps: string[] = [];

afterEach(async () => {
  const a = app;
  app = undefined;
  await a?.close();
  for (const t of temps.splice(0)) await rm(t, { recursive: true, force: true });
});
afterAll(stopBrowser);

const sam = { name: 'Sam Subeditor', initials: 'SS' };
/** One suggested insertion, one comment and one note. */
const IN_REVIEW: ArticleContent = {
  headline: 'Ferry returns to the harbour',
  contentHighlight: 'The ferry is back after a repair.',
  byline: 'A Reporter',
  dateline: 'Dover',
  section: '',
  tags: [],
  body: {
    type: 'doc',
    content: [
      {
        type: 'paragraph',
        content: [
          { type: 'text', text: 'The ferry sailed ' },
          {
            type: 'text',
            text: 'on Tuesday',
            marks: [
              { type: 'insertion', attrs: { id: makeSuggestionId(sam, new Date('2026-03-01T10:00:00Z')) } },
            ],
          },
          { type: 'text', text: ' and it was ', marks: [{ type: 'comment', attrs: { id: 'thread-1' } }] },
          { type: 'text', text: 'full.' },
          {
            type: 'text',
            text: ' Ring the harbour master.',
            marks: [{ type: 'note', attrs: { author: 'Ed', at: '' } }],
          },
        ],
      },
    ],
  },
  comments: [
    {
      id: 'thread-1',
      anchor: 'body',
      quote: ' and it was ',
      resolved: false,
      messages: [{ id: 'msg-1', author: sam, at: '2026-03-01T10:05:00.000Z', text: 'Which crossing?' }],
    },
  ],
};

describe('Word with tracked changes from the Export dialog', () => {
  test('offers the choice for Word when review is open and writes tracked changes and comments, not notes', async () => {
    const dir = await mkdtemp(join(tmpdir(), 'copydesk-docxrev-'));
    const out = await mkdtemp(join(tmpdir(), 'copydesk-docxrev-out-'));
    temps.push(dir, out);
    const lib = await LibraryStore.open(dir, { owner: 'app', create: true });
    const created = await lib.create(IN_REVIEW);
    await lib.save(created.id, IN_REVIEW, created.rev, 'explicit');
    await lib.close();

    app = await startApp({ libraryDir: dir, seedSample: false, bypassCSP: true });
    const { page } = app;
    await openButton(page, 'Ferry returns to the harbour').click();
    await page.getByRole('group', { name: 'Desk status' }).waitFor();
    const exportButton = page
      .getByRole('toolbar', { name: 'Article' })
      .getByRole('button', { name: 'Export…' });
    await exportButton.click();
    const dialog = page.getByRole('dialog', { name: 'Export' });
    await dialog.getByRole('radio', { name: 'Markdown' }).check();
    const choice = dialog.getByRole('checkbox', {
      name: 'Include suggestions and comments as Word tracked changes',
    });
    expect(await choice.count()).toBe(0);
    await dialog.getByRole('radio', { name: /^Word/ }).check();
    await choice.check();
    await dialog.getByText(/go into the Word file as tracked changes and comments/).waitFor();
    expect(await axeViolations(page)).toEqual([]);

    app.dialogs.exportPath = join(out, 'review.docx');
    await dialog.getByRole('button', { name: 'Export…' }).click();
    await page.getByRole('status').filter({ hasText: 'Exported to' }).waitFor();
    const zip = await JSZip.loadAsync(await readFile(join(out, 'review.docx')));
    const xml = await zip.file('word/document.xml')!.async('string');
    expect(xml).toMatch(/<w:ins [^>]*w:author="Sam Subeditor"[^>]*>.*on Tuesday/);
    expect(xml).toContain('<w:commentRangeStart');
    expect(await zip.file('word/comments.xml')!.async('string')).toContain('Which crossing?');
    for (const name of Object.keys(zip.files)) {
      expect(await zip.file(name)!.async('string')).not.toContain('harbour master');
    }

    // Unticked, Word is the clean export again.
    await exportButton.click();
    await dialog.getByRole('radio', { name: /^Word/ }).check();
    app.dialogs.exportPath = join(out, 'clean.docx');
    await dialog.getByRole('button', { name: 'Export…' }).click();
    await expect
      .poll(() =>
        readFile(join(out, 'clean.docx')).then(
          () => true,
          () => false,
        ),
      )
      .toBe(true);
    const clean = await JSZip.loadAsync(await readFile(join(out, 'clean.docx')));
    const cleanXml = await clean.file('word/document.xml')!.async('string');
    expect(cleanXml).not.toContain('<w:ins');
    expect(cleanXml).not.toContain('on Tuesday');
    expect(clean.file('word/comments.xml')).toBeNull();
  });
});
