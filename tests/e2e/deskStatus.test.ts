import { mkdtemp, readFile, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, afterEach, describe, expect, test } from 'vitest';
import { LibraryStore } from '../../src/library/store';
import type { ArticleContent, BodyDoc, StatusChange } from '../../src/shared/article';
import { makeSuggestionId } from '../../src/shared/review/suggestionIds';
import { axeViolations } from './axe';
import { readArticleFile, startApp, stopBrowser, type App } from './harness';
import { listItem, openButton } from './ui';

let app: App | undefined;
const temps: string[] = [];

afterEach(async () => {
  const a = app;
  app = undefined;
  await a?.close();
  for (const t of temps.splice(0)) await rm(t, { recursive: true, force: true });
});
afterAll(stopBrowser);

const doc = (text: string): BodyDoc => ({
  type: 'doc',
  content: [{ type: 'paragraph', content: [{ type: 'text', text }] }],
});
const LONG = 'The council approved the barrier after a long meeting in the town hall. '.repeat(5).trim();

/** Passes every readiness item but the Content Highlight, which is empty. */
const NOT_READY: ArticleContent = {
  headline: 'Council approves barrier',
  contentHighlight: '',
  byline: 'A Reporter',
  dateline: 'London',
  body: doc(LONG),
  section: '',
  tags: [],
};

const sam = { name: 'Sam Subeditor', initials: 'SS' };
/** Ready, except for one suggested insertion and one unresolved comment. */
const IN_REVIEW: ArticleContent = {
  ...NOT_READY,
  headline: 'Ferry returns to the harbour',
  contentHighlight: 'The ferry is back after a repair.',
  body: {
    type: 'doc',
    content: [
      {
        type: 'paragraph',
        content: [
          { type: 'text', text: `${LONG} ` },
          {
            type: 'text',
            text: 'on Tuesday',
            marks: [
              { type: 'insertion', attrs: { id: makeSuggestionId(sam, new Date('2026-03-01T10:00:00Z')) } },
            ],
          },
          { type: 'text', text: ' and it was ', marks: [{ type: 'comment', attrs: { id: 'thread-1' } }] },
          { type: 'text', text: 'final.' },
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
      messages: [{ id: 'msg-1', author: sam, at: '2026-03-01T10:05:00.000Z', text: 'Which meeting?' }],
    },
  ],
};

/** A library with the two articles above and one already published, made through the store. */
async function seededLibrary(): Promise<{
  dir: string;
  ids: Record<'notReady' | 'inReview' | 'published', string>;
}> {
  const dir = await mkdtemp(join(tmpdir(), 'copydesk-status-'));
  temps.push(dir);
  const lib = await LibraryStore.open(dir, { owner: 'app', create: true });
  try {
    const make = async (content: ArticleContent) => {
      const a = await lib.create(content);
      await lib.save(a.id, content, a.rev, 'explicit');
      return a.id;
    };
    const published = await make({ ...IN_REVIEW, headline: 'Old news', body: doc(LONG), comments: [] });
    await lib.setStatus(published, 'published', { by: { name: 'Ed' } });
    const inReview = await make(IN_REVIEW);
    const notReady = await make(NOT_READY);
    return { dir, ids: { notReady, inReview, published } };
  } finally {
    await lib.close();
  }
}

async function history(a: App, id: string): Promise<StatusChange[]> {
  return ((await readArticleFile(a.libraryDir, id)).statusHistory ?? []) as StatusChange[];
}

describe('desk status', () => {
  test('changes in one click and with a message, shows the history, and publishes only with a recorded override', async () => {
    const { dir, ids } = await seededLibrary();
    app = await startApp({ libraryDir: dir, seedSample: false, bypassCSP: true });
    const { page } = app;
    await page.evaluate(() =>
      (
        globalThis as unknown as { copydesk: { updateAppSettings(p: unknown): Promise<unknown> } }
      ).copydesk.updateAppSettings({ name: 'Jane Doe', initials: 'JD' }),
    );
    await openButton(page, 'Council approves barrier').click();
    const status = page.getByRole('group', { name: 'Desk status' });
    await status.getByRole('button', { name: 'Status: Draft' }).waitFor();

    // One click: the next step.
    await status.getByRole('button', { name: 'Ready for edit', exact: true }).click();
    await status.getByRole('button', { name: 'Status: Ready for edit' }).waitFor();
    await expect
      .poll(async () => (await history(app!, ids.notReady)).map((c) => c.to))
      .toEqual(['ready-for-edit']);
    expect((await history(app, ids.notReady))[0]!.by).toEqual({ name: 'Jane Doe', initials: 'JD' });
    await listItem(page, 'Council approves barrier').getByText('Ready for edit').waitFor();

    // Any status, with a message, from the popover.
    await status.getByRole('button', { name: 'Status: Ready for edit' }).click();
    const popover = page.getByRole('dialog', { name: 'Change the desk status' });
    await popover.getByLabel('Message (optional)').fill('Over to the desk');
    expect(await axeViolations(page)).toEqual([]);
    await popover.getByRole('button', { name: 'In edit', exact: true }).click();
    await status.getByRole('button', { name: 'Status: In edit' }).waitFor();
    expect(await popover.count()).toBe(0);
    await expect
      .poll(async () => (await history(app!, ids.notReady)).at(-1))
      .toMatchObject({ from: 'ready-for-edit', to: 'in-edit', message: 'Over to the desk' });

    // The history panel: who, from → to, the message.
    await page
      .getByRole('toolbar', { name: 'Article' })
      .getByRole('button', { name: 'Status history' })
      .click();
    const panel = page.getByRole('complementary', { name: 'Status history' });
    const changes = panel.getByRole('list', { name: 'Status changes, newest first' }).getByRole('listitem');
    await expect.poll(() => changes.count()).toBe(2);
    await expect
      .poll(() => changes.first().innerText())
      .toMatch(/Ready for edit → In edit[\s\S]*Jane Doe[\s\S]*Over to the desk/);
    expect(await axeViolations(page)).toEqual([]);

    // Publishing an article that is not ready opens the checklist; the override needs a reason.
    await status.getByRole('button', { name: 'Status: In edit' }).click();
    await popover.getByRole('button', { name: 'Published', exact: true }).click();
    const gate = page.getByRole('dialog', { name: 'Not ready to publish' });
    await gate.getByText('There is no Content Highlight.').waitFor();
    expect((await readArticleFile(app.libraryDir, ids.notReady)).status).toBe('in-edit');
    await gate.getByRole('button', { name: 'Publish anyway…' }).click();
    const confirm = gate.getByRole('button', { name: 'Publish with this reason' });
    expect(await confirm.isDisabled()).toBe(true);
    await gate.getByLabel('Why publish anyway? (recorded)').fill('Breaking news; the highlight follows');
    expect(await axeViolations(page)).toEqual([]);
    await confirm.click();
    await status.getByRole('button', { name: 'Status: Published' }).waitFor();
    const last = (await history(app, ids.notReady)).at(-1)!;
    expect(last).toMatchObject({
      from: 'in-edit',
      to: 'published',
      by: { name: 'Jane Doe' },
      override: { reason: 'Breaking news; the highlight follows' },
    });
    expect(last.override!.findings).toEqual([
      expect.stringMatching(/^Content Highlight present and within budget/),
    ]);
    await panel.getByText('Reason: Breaking news; the highlight follows').waitFor();
    await panel.getByText(/There is no Content Highlight/).waitFor();
  });

  test('the library groups by status with counts', async () => {
    const { dir } = await seededLibrary();
    app = await startApp({ libraryDir: dir, seedSample: false, bypassCSP: true });
    const { page } = app;
    const library = page.getByRole('navigation', { name: 'Library' });
    await library.getByRole('button', { name: 'Group by status' }).click();
    expect(await library.getByRole('button', { name: 'Group by status' }).getAttribute('aria-pressed')).toBe(
      'true',
    );
    const headings = library.getByRole('heading', { level: 3 });
    await expect.poll(() => headings.allTextContents()).toEqual(['Draft2 articles', 'Published1 article']);
    const drafts = library.getByRole('list', { name: 'Draft articles' }).getByRole('listitem');
    expect(await drafts.count()).toBe(2);
    await library.getByRole('list', { name: 'Published articles' }).getByText('Old news').waitFor();
    expect(await axeViolations(page)).toEqual([]);
  });

  test('the Export dialog lists open suggestions and comments; publish-ready HTML needs the original text', async () => {
    const { dir, ids } = await seededLibrary();
    const out = await mkdtemp(join(tmpdir(), 'copydesk-status-out-'));
    temps.push(out);
    app = await startApp({ libraryDir: dir, seedSample: false, bypassCSP: true });
    const { page } = app;
    await openButton(page, 'Ferry returns to the harbour').click();
    await page.getByRole('group', { name: 'Desk status' }).waitFor();
    await page.getByRole('toolbar', { name: 'Article' }).getByRole('button', { name: 'Export…' }).click();
    const dialog = page.getByRole('dialog', { name: 'Export' });
    await dialog.getByRole('radio', { name: 'Publish-ready HTML' }).check();
    const warning = dialog.getByRole('list', { name: 'Open review in “Ferry returns to the harbour”' });
    await warning.getByText('Suggestion by Sam Subeditor: Insert “on Tuesday”').waitFor();
    await warning.getByText('Comment by Sam Subeditor: On “and it was”: Which meeting?').waitFor();
    expect(await axeViolations(page)).toEqual([]);

    // Refused without the choice, and nothing is written.
    app.dialogs.exportPath = join(out, 'refused.html');
    await dialog.getByRole('button', { name: 'Export…' }).click();
    await dialog.getByRole('alert').filter({ hasText: 'cannot go out as publish-ready HTML' }).waitFor();
    await expect(readFile(join(out, 'refused.html'), 'utf8')).rejects.toThrow();

    // Exported as the original text when the user says so.
    await dialog
      .getByRole('checkbox', { name: 'Export the original text (all suggestions rejected)' })
      .check();
    app.dialogs.exportPath = join(out, 'original.html');
    await dialog.getByRole('button', { name: 'Export…' }).click();
    await page.getByRole('status').filter({ hasText: 'Exported to' }).waitFor();
    const html = await readFile(join(out, 'original.html'), 'utf8');
    expect(html).toContain('town hall.');
    expect(html).not.toContain('on Tuesday');
    expect(html).not.toContain('Which meeting');

    // Other formats only warn.
    await page.getByRole('toolbar', { name: 'Article' }).getByRole('button', { name: 'Export…' }).click();
    await dialog.getByRole('radio', { name: 'Markdown' }).check();
    await dialog.getByText(/None of it is exported/).waitFor();
    expect(await dialog.getByRole('checkbox', { name: /Export the original text/ }).count()).toBe(0);
    void ids;
  });
});
