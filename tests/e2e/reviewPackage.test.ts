import { existsSync } from 'node:fs';
import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, afterEach, beforeEach, describe, expect, test } from 'vitest';
import { LibraryStore } from '../../src/library/store';
import type { Article, BodyNode } from '../../src/shared/article';
import { listSuggestions, resolveAllSuggestions } from '../../src/shared/review/forExport';
import { bodyText } from '../../src/shared/text';
import { axeViolations } from './axe';
import { readArticleFile, startApp, stopBrowser, type App } from './harness';
import { ui, waitForSaved } from './ui';

const PARAS = [
  'The council met on Tuesday.',
  'Flood defences were discussed.',
  'The vote was 31-4.',
  'Work starts in May.',
];
const para = (...content: BodyNode[]): BodyNode => ({ type: 'paragraph', content });
const txt = (t: string, ...marks: { type: string; attrs?: Record<string, unknown> }[]): BodyNode =>
  marks.length ? { type: 'text', text: t, marks } : { type: 'text', text: t };

let dir: string;
const apps: App[] = [];
beforeEach(async () => {
  dir = await mkdtemp(join(tmpdir(), 'copydesk-review-e2e-'));
});
afterEach(async () => {
  for (const app of apps.splice(0)) await app.close();
  await rm(dir, { recursive: true, force: true });
});
afterAll(stopBrowser);

async function open(libraryDir: string, name = ''): Promise<App> {
  const app = await startApp({ libraryDir, seedSample: false, bypassCSP: true });
  apps.push(app);
  // Who the user is (Settings ▸ your name): packages and merges are signed with it.
  if (name) {
    await app.page.evaluate(
      (n) =>
        (
          globalThis as unknown as { copydesk: { updateAppSettings(p: unknown): Promise<unknown> } }
        ).copydesk.updateAppSettings({ name: n }),
      name,
    );
  }
  return app;
}

const paragraphs = (body: Article['body']) =>
  (body.content ?? []).map((n) => bodyText({ type: 'doc', content: [n] }));

describe('the review round trip without a server', () => {
  test('two libraries exchange a package both ways, with edits on both sides in between', async () => {
    const libA = join(dir, 'reporter');
    const libB = join(dir, 'editor');
    const seed = await LibraryStore.open(libA, { owner: 'cli', create: true });
    const { id } = await seed.create({
      headline: 'Council backs flood barrier',
      body: { type: 'doc', content: PARAS.map((p) => para(txt(p))) },
    });
    await seed.close();

    // The reporter sends it for review from the article's actions.
    const reporter = await open(libA, 'Jane Reporter');
    const pkg1 = join(dir, 'to-editor.copydesk-review');
    reporter.dialogs.reviewPackageDestination = pkg1;
    await reporter.page
      .getByRole('toolbar', { name: 'Article' })
      .getByRole('button', { name: 'Send for review…' })
      .click();
    await reporter.page.getByRole('status').filter({ hasText: 'Review package saved to' }).waitFor();
    expect(existsSync(pkg1)).toBe(true);
    expect(reporter.dialogs.shown.at(-1)).toEqual({
      dialog: 'chooseReviewPackageDestination',
      args: ['council-backs-flood-barrier.copydesk-review'],
    });

    // The editor, in another library, opens it from File ▸ Open review package….
    const editor = await open(libB, 'Sam Editor');
    editor.dialogs.reviewPackage = pkg1;
    await editor.emit('menuCommand', { command: 'openReviewPackage' });
    const opened = editor.page.getByRole('dialog', { name: 'Review package opened' });
    await opened.waitFor();
    await expect
      .poll(() => opened.getByTestId('review-summary').textContent())
      .toMatch(/Opened “Council backs flood barrier”/);
    expect(await axeViolations(editor.page)).toEqual([]);
    await opened.getByRole('button', { name: 'Close' }).last().click();
    await expect.poll(() => ui(editor.page).headline.inputValue()).toBe('Council backs flood barrier');
    expect(editor.workspace.library.has(id)).toBe(true);

    // The editor's review, saved in their library: a suggestion, a comment, a rewritten paragraph.
    const atB = await editor.workspace.library.get(id);
    const suggestionId = 's.m7abc.000001.SE.Sam%20Editor';
    await editor.workspace.library.save(
      id,
      {
        headline: atB.headline,
        contentHighlight: atB.contentHighlight,
        byline: atB.byline,
        dateline: atB.dateline,
        section: atB.section,
        tags: atB.tags,
        body: {
          type: 'doc',
          content: [
            para(
              txt('The '),
              txt('council', { type: 'comment', attrs: { id: 'thread-1' } }),
              txt(' met on Tuesday.'),
            ),
            para(txt('Flood defences were debated.')),
            para(
              txt('The vote was '),
              txt('comfortably ', { type: 'insertion', attrs: { id: suggestionId } }),
              txt('31-4.'),
            ),
            para(txt(PARAS[3]!)),
          ],
        },
        comments: [
          {
            id: 'thread-1',
            anchor: 'body',
            quote: 'council',
            resolved: false,
            messages: [
              {
                id: 'msg-1',
                author: { name: 'Sam Editor' },
                at: '2025-03-06T09:00:00.000Z',
                text: 'Which council?',
              },
            ],
          },
        ],
      },
      atB.rev,
      'explicit',
    );
    await editor.reload();

    // Meanwhile the reporter keeps writing in the editor: the second paragraph (which the editor
    // also rewrote) and the last one (which the editor did not touch).
    const body = ui(reporter.page).body;
    await body.locator('p', { hasText: 'Flood defences were discussed.' }).click();
    await reporter.page.keyboard.press('End');
    await reporter.page.keyboard.type(' Again.');
    await body.locator('p', { hasText: 'Work starts in May.' }).click();
    await reporter.page.keyboard.press('End');
    await reporter.page.keyboard.type(' Or June.');
    await waitForSaved(reporter.page);

    // The editor sends it back from File ▸ Send for review….
    const pkg2 = join(dir, 'to-reporter.copydesk-review');
    editor.dialogs.reviewPackageDestination = pkg2;
    await editor.emit('menuCommand', { command: 'sendForReview' });
    await editor.page.getByRole('status').filter({ hasText: 'Review package saved to' }).waitFor();

    // The reporter opens the returned package: merged.
    reporter.dialogs.reviewPackage = pkg2;
    await reporter.emit('menuCommand', { command: 'openReviewPackage' });
    const merged = reporter.page.getByRole('dialog', { name: 'Review merged' });
    await merged.waitFor();
    expect(await merged.getByTestId('review-suggestions').textContent()).toBe('2');
    expect(await merged.getByTestId('review-comments').textContent()).toBe('1');
    expect(await merged.getByTestId('review-conflicts').getByRole('listitem').count()).toBe(1);
    expect(await axeViolations(reporter.page)).toEqual([]);
    await merged.getByRole('button', { name: 'Close' }).last().click();

    // The reporter's text is all there; the editor's suggestion and comment arrived; the
    // paragraph both changed is the editor's suggestion, the reporter's version kept.
    const stored = (await readArticleFile(libA, id)) as unknown as Article;
    expect(paragraphs(resolveAllSuggestions(stored.body, 'reject'))).toEqual([
      PARAS[0],
      'Flood defences were discussed. Again.',
      PARAS[2],
      'Work starts in May. Or June.',
    ]);
    expect(paragraphs(resolveAllSuggestions(stored.body, 'accept'))).toEqual([
      PARAS[0],
      'Flood defences were debated.',
      'The vote was comfortably 31-4.',
      'Work starts in May. Or June.',
    ]);
    expect(stored.comments?.map((t) => t.id)).toEqual(['thread-1']);
    expect(listSuggestions(stored.body).every((s) => s.author?.name === 'Sam Editor')).toBe(true);
    expect((await reporter.workspace.library.listRevisions(id))[0]).toMatchObject({
      reason: 'review-merged',
      author: 'Jane Reporter',
    });
    // The editor on screen is the merged article, not the text from before the merge.
    await expect.poll(() => body.textContent()).toContain('Flood defences were debated.');
    await expect.poll(() => body.textContent()).toContain('Or June.');
    await expect.poll(() => body.locator('.comment-anchor').count()).toBeGreaterThan(0);

    // Second round: the reporter sends again; the editor, who kept editing the headline, merges.
    const atB2 = await editor.workspace.library.get(id);
    await editor.workspace.library.save(
      id,
      {
        headline: 'Council approves flood barrier',
        contentHighlight: atB2.contentHighlight,
        byline: atB2.byline,
        dateline: atB2.dateline,
        section: atB2.section,
        tags: atB2.tags,
        body: atB2.body,
        ...(atB2.comments && { comments: atB2.comments }),
      },
      atB2.rev,
      'explicit',
    );
    await editor.reload();
    // The menu command goes to a window showing the article again, as a user's would.
    await expect.poll(() => ui(editor.page).headline.inputValue()).toBe('Council approves flood barrier');
    const pkg3 = join(dir, 'round-two.copydesk-review');
    reporter.dialogs.reviewPackageDestination = pkg3;
    await reporter.page
      .getByRole('toolbar', { name: 'Article' })
      .getByRole('button', { name: 'Send for review…' })
      .click();
    // This round's message, not the first round's (still on screen): the file is written.
    await reporter.page.getByRole('status').filter({ hasText: 'round-two.copydesk-review' }).waitFor();
    editor.dialogs.reviewPackage = pkg3;
    await editor.emit('menuCommand', { command: 'openReviewPackage' });
    const round2 = editor.page.getByRole('dialog', { name: 'Review merged' });
    await round2.waitFor();
    expect(await round2.getByTestId('review-conflicts').count()).toBe(0);
    await round2.getByRole('button', { name: 'Close' }).last().click();
    const atEditor = (await readArticleFile(libB, id)) as unknown as Article;
    expect(atEditor.headline).toBe('Council approves flood barrier');
    expect(paragraphs(resolveAllSuggestions(atEditor.body, 'reject'))).toContain(
      'Work starts in May. Or June.',
    );
    await expect.poll(() => ui(editor.page).body.textContent()).toContain('Or June.');
  });

  test('Compare shows two revisions side by side, older left and newer right, with who made each', async () => {
    const lib = join(dir, 'compare');
    const seed = await LibraryStore.open(lib, { owner: 'cli', create: true });
    await seed.updateSettings({ authorName: 'Jane Reporter' });
    const first = await seed.create(
      { headline: 'Compare me', body: { type: 'doc', content: [para(txt('The vote was 31-4.'))] } },
      { revisionReason: 'created' },
    );
    await seed.updateSettings({ authorName: 'Sam Editor' });
    await seed.save(
      first.id,
      {
        headline: 'Compare me',
        contentHighlight: '',
        byline: '',
        dateline: '',
        section: '',
        tags: [],
        body: { type: 'doc', content: [para(txt('The vote was a comfortable 31-4.'))] },
      },
      first.rev,
      'explicit',
    );
    await seed.close();

    const app = await open(lib);
    const { page } = app;
    await page
      .getByRole('toolbar', { name: 'Article' })
      .getByRole('button', { name: 'History', exact: true })
      .click();
    const revisions = page.getByRole('list', { name: 'Revisions, newest first' }).getByRole('listitem');
    await expect.poll(() => revisions.count()).toBe(2);
    await revisions.nth(1).getByRole('button', { name: 'Show changes' }).click();
    const changes = page.getByRole('region', { name: 'Changes' });
    await changes.getByLabel('Compare with').selectOption({ index: 1 });
    await expect
      .poll(() => changes.getByTestId('diff-sides').textContent())
      .toMatch(/Jane Reporter.*to.*Sam Editor/);
    await changes.getByRole('button', { name: 'Side by side' }).click();
    const older = changes.getByRole('region', { name: /Body, older: .*Jane Reporter/ });
    const newer = changes.getByRole('region', { name: /Body, newer: .*Sam Editor/ });
    await newer.locator('ins').first().waitFor();
    expect(await newer.locator('ins').allTextContents()).toEqual(
      expect.arrayContaining([expect.stringContaining('comfortable')]),
    );
    expect(await older.locator('ins').count()).toBe(0);
    expect(await older.textContent()).toContain('The vote was');
    expect(await changes.getByRole('button', { name: 'Side by side' }).getAttribute('aria-pressed')).toBe(
      'true',
    );
    expect(await axeViolations(page)).toEqual([]);
  });

  test('a damaged package is refused with a message and changes nothing', async () => {
    const app = await open(join(dir, 'lib'));
    const bad = join(dir, 'broken.copydesk-review');
    await writeFile(bad, '{"format":"copydesk-review","version":1,"article":');
    app.dialogs.reviewPackage = bad;
    await app.emit('menuCommand', { command: 'openReviewPackage' });
    await app.page
      .getByRole('alert')
      .filter({ hasText: 'broken.copydesk-review cannot be opened as a review package' })
      .waitFor();
    expect(app.workspace.library.list()).toEqual([]);
  });
});
