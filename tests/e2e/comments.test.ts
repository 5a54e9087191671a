import { readFile } from 'node:fs/promises';
import { join } from 'node:path';
import type { Page } from 'playwright';
import { afterAll, afterEach, describe, expect, test } from 'vitest';
import type { CommentThread } from '../../src/shared/article';
import { axeViolations } from './axe';
import { startApp, stopBrowser, waitForReady, type App } from './harness';
import { MOD, findArticleFile, startNewArticle, textNodes, ui, waitForSaved } from './ui';

let app: App | undefined;

afterEach(async () => {
  const a = app;
  app = undefined;
  await a?.close();
});
afterAll(stopBrowser);

/** Signs the reviewer in Settings, as the Settings dialog does (through the real handler). */
async function signAs(page: Page, name: string, initials: string): Promise<void> {
  await page.evaluate(
    ([n, i]) =>
      (
        window as unknown as { copydesk: { updateAppSettings(p: unknown): Promise<unknown> } }
      ).copydesk.updateAppSettings({ name: n, initials: i }),
    [name, initials],
  );
}

async function newStory(page: Page, headline: string, body: string): Promise<void> {
  await startNewArticle(page);
  await page.keyboard.type(headline);
  await ui(page).body.click();
  await page.keyboard.type(body);
}

/** Selects the last `words` words before the caret, as a user does with Ctrl+Shift+←. */
async function selectWordsBack(page: Page, words: number): Promise<void> {
  for (let i = 0; i < words; i++) await page.keyboard.press(`${MOD}+Shift+ArrowLeft`);
}

function panel(page: Page) {
  return page.getByRole('complementary', { name: 'Comments' });
}

function threadOn(page: Page, quote: string) {
  return panel(page)
    .locator('.comment-thread')
    .filter({ has: page.locator('.comment-quote-text', { hasText: quote }) });
}

async function storedComments(
  a: App,
  headline: string,
): Promise<{ comments: CommentThread[]; body: unknown }> {
  await waitForSaved(a.page);
  const stored = await findArticleFile(a.libraryDir, headline);
  return { comments: (stored.comments ?? []) as CommentThread[], body: stored.body };
}

describe('comments', () => {
  test('a comment on selected words: reply, edit, resolve, reopen; orphaned when its text is deleted, back on undo', async () => {
    app = await startApp({ bypassCSP: true });
    const { page } = app;
    await signAs(page, 'Jane Doe', 'JD');
    await newStory(page, 'Flood vote', 'Councillors voted on Tuesday night');
    await selectWordsBack(page, 2);
    await page.keyboard.press(`${MOD}+Alt+m`);

    // The panel opens with the new comment's box focused.
    await expect.poll(() => panel(page).isVisible()).toBe(true);
    const box = panel(page).getByRole('textbox', { name: 'Comment', exact: true });
    await expect.poll(() => box.evaluate((el) => el === document.activeElement)).toBe(true);
    await expect.poll(() => panel(page).locator('.comment-draft').textContent()).toContain('Tuesday night');
    await page.keyboard.type('Which Tuesday?');
    await panel(page).getByRole('button', { name: 'Save comment' }).click();

    const thread = threadOn(page, 'Tuesday night');
    await expect.poll(() => thread.locator('.comment-author').allTextContents()).toEqual(['Jane Doe']);
    await expect.poll(() => thread.locator('.comment-text').allTextContents()).toEqual(['Which Tuesday?']);
    await expect
      .poll(() => page.locator('.article-body .comment-highlight').allTextContents())
      .toEqual(['Tuesday night']);

    // Reply, then edit the reply.
    await thread.getByRole('textbox', { name: 'Reply to Jane Doe' }).fill('The 4th.');
    await thread.getByRole('button', { name: 'Reply', exact: true }).click();
    await expect
      .poll(() => thread.locator('.comment-text').allTextContents())
      .toEqual(['Which Tuesday?', 'The 4th.']);
    await thread.getByRole('button', { name: 'Edit' }).nth(1).click();
    const editBox = thread.getByRole('textbox', { name: 'Edit comment' });
    await editBox.fill('Tuesday the 4th.');
    await editBox.press(`${MOD}+Enter`);
    await expect
      .poll(() => thread.locator('.comment-text').allTextContents())
      .toEqual(['Which Tuesday?', 'Tuesday the 4th.']);
    await expect.poll(() => thread.locator('.comment-edited').count()).toBe(1);

    // Resolve: hidden unless resolved threads are shown; the text is no longer highlighted. Reopen.
    await thread.getByRole('button', { name: 'Resolve' }).click();
    await expect.poll(() => thread.count()).toBe(0);
    await expect.poll(() => panel(page).getByRole('status').textContent()).toBe('0 open, 1 resolved');
    await expect.poll(() => page.locator('.article-body .comment-highlight').count()).toBe(0);
    await panel(page)
      .getByRole('checkbox', { name: /Show resolved/ })
      .check();
    await expect.poll(() => thread.locator('.comment-badge').allTextContents()).toEqual(['Resolved']);
    await expect
      .poll(() => thread.locator('.comment-resolved-by').textContent())
      .toContain('Resolved by Jane Doe');
    await thread.getByRole('button', { name: 'Reopen' }).click();
    await expect.poll(() => panel(page).getByRole('status').textContent()).toBe('1 open, 0 resolved');
    await expect.poll(() => page.locator('.article-body .comment-highlight').count()).toBe(1);

    // Saved with the article: the thread, its messages, and the mark on its words.
    let stored = await storedComments(app, 'Flood vote');
    expect(stored.comments).toHaveLength(1);
    expect(stored.comments[0]).toMatchObject({ anchor: 'body', quote: 'Tuesday night', resolved: false });
    expect(stored.comments[0]!.messages.map((m) => [m.author.name, m.text])).toEqual([
      ['Jane Doe', 'Which Tuesday?'],
      ['Jane Doe', 'Tuesday the 4th.'],
    ]);
    const marked = textNodes(stored.body as never).filter((n) =>
      n.marks?.some((m) => m.type === 'comment' && m.attrs?.id === stored.comments[0]!.id),
    );
    expect(marked.map((n) => n.text).join('')).toBe('Tuesday night');

    // Choosing the thread selects its words.
    await thread.locator('.comment-quote').click();
    await expect.poll(() => page.evaluate(() => window.getSelection()?.toString())).toBe('Tuesday night');

    // Delete the commented words: the thread stays, marked as orphaned; undo brings the words back.
    await page.keyboard.press('Backspace');
    await expect.poll(() => ui(page).body.textContent()).toBe('Councillors voted on ');
    await expect.poll(() => thread.locator('.comment-badge').allTextContents()).toEqual(['Text deleted']);
    await expect.poll(() => thread.locator('.comment-quote-text').textContent()).toBe('Tuesday night');
    await page.keyboard.press(`${MOD}+z`);
    await expect.poll(() => ui(page).body.textContent()).toBe('Councillors voted on Tuesday night');
    await expect.poll(() => thread.locator('.comment-badge').count()).toBe(0);
    await expect
      .poll(() => page.locator('.article-body .comment-highlight').allTextContents())
      .toEqual(['Tuesday night']);
    stored = await storedComments(app, 'Flood vote');
    expect(stored.comments).toHaveLength(1);

    // The panel: no accessibility violations, and every control is reached with the keyboard.
    expect(await axeViolations(page)).toEqual([]);
    await panel(page).getByRole('button', { name: 'Close comments' }).focus();
    const reached: string[] = [];
    for (let i = 0; i < 12; i++) {
      await page.keyboard.press('Tab');
      reached.push(
        await page.evaluate(() => {
          const el = document.activeElement as HTMLElement | null;
          if (!el?.closest('.comments-panel')) return 'outside';
          const label = (el as HTMLInputElement).labels?.[0]?.textContent;
          return el.getAttribute('aria-label') ?? label?.trim() ?? el.textContent?.trim() ?? el.tagName;
        }),
      );
    }
    expect(reached.slice(0, 3)).toEqual([
      'Comment',
      expect.stringMatching(/^Show resolved/) as unknown as string,
      expect.stringContaining('Tuesday night') as unknown as string,
    ]);
    expect(reached).toContain('Reply to Jane Doe');
    expect(reached).toContain('Resolve');
    expect(reached).toContain('Delete thread');

    // Deleting your own thread removes it and its highlight.
    await thread.getByRole('button', { name: 'Delete thread' }).click();
    await expect.poll(() => thread.count()).toBe(0);
    await expect.poll(() => page.locator('.article-body .comment-highlight').count()).toBe(0);
    stored = await storedComments(app, 'Flood vote');
    expect(stored.comments).toEqual([]);
  });

  test('a comment on the headline stays on its words while the headline changes', async () => {
    app = await startApp();
    const { page } = app;
    await signAs(page, 'Sam Okafor', 'SO');
    await newStory(page, 'Council approves flood barrier', 'The vote was 31 to 4.');
    const headline = ui(page).headline;
    await headline.focus();
    await headline.evaluate((el: HTMLTextAreaElement) => el.setSelectionRange(8, 16));
    // The toolbar's Comment button works on the field's selection too.
    await ui(page).toolbar.getByRole('button', { name: 'Comment', exact: true }).click();
    await expect.poll(() => panel(page).locator('.comment-draft').textContent()).toContain('Headline');
    await expect.poll(() => panel(page).locator('.comment-draft').textContent()).toContain('approves');
    await page.keyboard.type('Backs, not approves: it is a first vote.');
    await page.keyboard.press(`${MOD}+Enter`);
    const thread = threadOn(page, 'approves');
    await expect.poll(() => thread.locator('.comment-where').textContent()).toBe('Headline');

    // Words typed before it move it; its own words are what it quotes.
    await headline.focus();
    await page.keyboard.press('Home');
    await page.keyboard.type('Riverside ');
    await expect.poll(() => headline.inputValue()).toBe('Riverside Council approves flood barrier');
    let stored = await storedComments(app, 'Riverside Council approves flood barrier');
    expect(stored.comments[0]).toMatchObject({
      anchor: 'headline',
      range: { from: 18, to: 26 },
      quote: 'approves',
    });

    await thread.locator('.comment-quote').click();
    await expect
      .poll(() =>
        headline.evaluate((el: HTMLTextAreaElement) => el.value.slice(el.selectionStart, el.selectionEnd)),
      )
      .toBe('approves');

    // Its words deleted: still listed, marked.
    await page.keyboard.press('Backspace');
    await expect.poll(() => thread.locator('.comment-badge').allTextContents()).toEqual(['Text deleted']);
    stored = await storedComments(app, 'Riverside Council  flood barrier');
    expect(stored.comments).toHaveLength(1);
  });

  test('a comment on the headline is highlighted in the headline, as in the body, until it is resolved', async () => {
    app = await startApp({ bypassCSP: true });
    const { page } = app;
    // Without the copy desk: the highlight must not need the checks' underlines to be drawn.
    const url = new URL(page.url());
    url.searchParams.set('checks', 'off');
    await page.goto(url.href);
    await waitForReady(page);
    expect(await page.evaluate(() => location.search)).toBe('?checks=off');
    await signAs(page, 'Sam Okafor', 'SO');
    await newStory(page, 'Council approves flood barrier', 'The vote was close');
    const headline = ui(page).headline;
    const mirror = page.locator('.field-squiggles[data-field="headline"]');
    const mark = mirror.locator('.comment-highlight');
    const bodyMark = page.locator('.article-body .comment-highlight');
    const bg = (l: typeof mark) => l.evaluate((el) => getComputedStyle(el).backgroundColor);
    expect(await mirror.count()).toBe(0);

    // A comment in the body first, to compare colours with.
    await selectWordsBack(page, 1);
    await page.keyboard.press(`${MOD}+Alt+m`);
    await page.keyboard.type('Check the count.');
    await page.keyboard.press(`${MOD}+Enter`);
    await expect.poll(() => bodyMark.allTextContents()).toEqual(['close']);

    // The words being commented on are highlighted while the comment is written, then kept.
    await headline.focus();
    await headline.evaluate((el: HTMLTextAreaElement) => el.setSelectionRange(8, 16));
    await page.keyboard.press(`${MOD}+Alt+m`);
    await expect.poll(() => mark.allTextContents()).toEqual(['approves']);
    await page.keyboard.type('Backs, not approves: it is a first vote.');
    await page.keyboard.press(`${MOD}+Enter`);
    const thread = threadOn(page, 'approves');
    await expect.poll(() => thread.count()).toBe(1);
    await expect.poll(() => mark.allTextContents()).toEqual(['approves']);
    expect(await mirror.getAttribute('aria-hidden')).toBe('true');

    // The active thread is marked as in the body, in the body's colours.
    await expect.poll(() => mark.getAttribute('class')).toContain('comment-highlight-active');
    await expect.poll(() => bodyMark.getAttribute('class')).not.toContain('comment-highlight-active');
    const fieldActive = await bg(mark);
    const bodyOpen = await bg(bodyMark);
    expect(fieldActive).not.toBe(bodyOpen);
    await threadOn(page, 'close').locator('.comment-quote').click();
    await expect.poll(() => bodyMark.getAttribute('class')).toContain('comment-highlight-active');
    await expect.poll(() => mark.getAttribute('class')).not.toContain('comment-highlight-active');
    expect(await bg(mark)).toBe(bodyOpen);
    expect(await bg(bodyMark)).toBe(fieldActive);
    // A click on the commented words in the headline makes their thread active, as in the body.
    const onWords = (await mark.boundingBox())!;
    await page.mouse.click(onWords.x + onWords.width / 2, onWords.y + onWords.height / 2);
    await expect.poll(() => mark.getAttribute('class')).toContain('comment-highlight-active');
    await expect.poll(() => bodyMark.getAttribute('class')).not.toContain('comment-highlight-active');
    expect(await axeViolations(page)).toEqual([]);

    // Words typed before it: the highlight stays on its words, over them in the field.
    await headline.focus();
    await page.keyboard.press('Home');
    await page.keyboard.type('Riverside ');
    await expect.poll(() => headline.inputValue()).toBe('Riverside Council approves flood barrier');
    await expect.poll(() => mirror.textContent()).toBe('Riverside Council approves flood barrier');
    await expect.poll(() => mark.allTextContents()).toEqual(['approves']);
    const [markBox, fieldBox] = [await mark.boundingBox(), await headline.boundingBox()];
    expect(markBox!.x).toBeGreaterThan(fieldBox!.x);
    expect(markBox!.x + markBox!.width).toBeLessThan(fieldBox!.x + fieldBox!.width);

    // Resolved: no highlight (and no mirror left over the field). Reopened: back on its words.
    await thread.getByRole('button', { name: 'Resolve' }).click();
    await expect.poll(() => mark.count()).toBe(0);
    await expect.poll(() => mirror.count()).toBe(0);
    await expect.poll(() => bodyMark.count()).toBe(1);
    await panel(page)
      .getByRole('checkbox', { name: /Show resolved/ })
      .check();
    await thread.getByRole('button', { name: 'Reopen' }).click();
    await expect.poll(() => mark.allTextContents()).toEqual(['approves']);

    // In suggesting mode the field shows your suggestion: the highlight stays on the same words.
    await page.keyboard.press(`${MOD}+Shift+E`);
    await headline.focus();
    await page.keyboard.press('Home');
    await page.keyboard.type('Vote: ');
    await expect.poll(() => headline.inputValue()).toBe('Vote: Riverside Council approves flood barrier');
    await expect.poll(() => mirror.textContent()).toBe('Vote: Riverside Council approves flood barrier');
    await expect.poll(() => mark.allTextContents()).toEqual(['approves']);
    // Saved first, so that only the switch itself can redraw the mirror.
    await waitForSaved(page);
    await page.keyboard.press(`${MOD}+Shift+E`);
    await expect.poll(() => headline.inputValue()).toBe('Riverside Council approves flood barrier');
    await expect.poll(() => mirror.textContent()).toBe('Riverside Council approves flood barrier');
    await expect.poll(() => mark.allTextContents()).toEqual(['approves']);

    // Its words deleted, the thread is orphaned: nothing left to highlight.
    await thread.locator('.comment-quote').click();
    await page.keyboard.press('Backspace');
    await expect.poll(() => thread.locator('.comment-badge').allTextContents()).toEqual(['Text deleted']);
    await expect.poll(() => mark.count()).toBe(0);
  });

  test('without a selection, Comment says what to do and changes nothing', async () => {
    app = await startApp();
    const { page } = app;
    await newStory(page, 'Quiet story', 'Nothing selected here.');
    await page.keyboard.press(`${MOD}+Alt+m`);
    await expect
      .poll(() => panel(page).getByRole('alert').textContent())
      .toContain('Select the words to comment on');
    expect(await panel(page).locator('.comment-draft').count()).toBe(0);
    const stored = await storedComments(app, 'Quiet story');
    expect(stored.comments).toEqual([]);
  });
});

describe('notes', () => {
  test('a note is typed in its own style and never exported', async () => {
    app = await startApp({ bypassCSP: true });
    const { page } = app;
    await signAs(page, 'Jane Doe', 'JD');
    await newStory(page, 'Council vote', 'The vote was close. ');
    await page.keyboard.press(`${MOD}+Alt+n`);
    await page.keyboard.type('Check the count with the clerk');
    await expect
      .poll(() =>
        ui(page).toolbar.getByRole('button', { name: 'Note', exact: true }).getAttribute('aria-pressed'),
      )
      .toBe('true');
    await page.keyboard.press(`${MOD}+Alt+n`);
    await page.keyboard.type(' It passed.');

    const note = page.locator('.article-body .editor-note');
    await expect.poll(() => note.allTextContents()).toEqual(['Check the count with the clerk']);
    const style = await note.evaluate((el) => ({
      label: getComputedStyle(el, '::before').content,
      bg: getComputedStyle(el).backgroundColor,
      body: getComputedStyle(el.closest('.article-body')!).backgroundColor,
    }));
    expect(style.label).toBe('"Note "');
    expect(style.bg).not.toBe(style.body);
    expect(await axeViolations(page)).toEqual([]);

    await waitForSaved(page);
    const stored = await findArticleFile(app.libraryDir, 'Council vote');
    const noted = textNodes(stored.body as never).filter((n) => n.marks?.some((m) => m.type === 'note'));
    expect(noted.map((n) => n.text)).toEqual(['Check the count with the clerk']);
    expect(noted[0]!.marks!.find((m) => m.type === 'note')!.attrs).toMatchObject({ author: 'Jane Doe' });

    // Exported through the app's own export handler.
    const file = join(app.libraryDir, '..', `note-export-${Date.now()}.html`);
    app.dialogs.exportPath = file;
    const result = await page.evaluate(
      (id) =>
        (
          window as unknown as { copydesk: { exportArticle(p: unknown): Promise<{ ok: boolean }> } }
        ).copydesk.exportArticle({ id, format: 'html' }),
      stored.id as string,
    );
    expect(result.ok).toBe(true);
    const html = await readFile(file, 'utf8');
    expect(html).toContain('The vote was close.');
    expect(html).toContain('It passed.');
    expect(html).not.toContain('Check the count');
    expect(html).not.toMatch(/data-note|editor-note/);
  });
});

describe('comments and notes in the dark theme', () => {
  test('the highlight, the note and the panel keep readable contrast', async () => {
    app = await startApp({ bypassCSP: true, colorScheme: 'dark' });
    const { page } = app;
    await signAs(page, 'Jane Doe', 'JD');
    await newStory(page, 'Night vote', 'Councillors voted late. ');
    await page.keyboard.press(`${MOD}+Alt+n`);
    await page.keyboard.type('Ask the clerk');
    await page.keyboard.press(`${MOD}+Alt+n`);
    await page.keyboard.press('Home');
    await page.keyboard.press(`${MOD}+Shift+ArrowRight`);
    await page.keyboard.press(`${MOD}+Alt+m`);
    await page.keyboard.type('Name them?');
    await page.keyboard.press(`${MOD}+Enter`);
    await expect.poll(() => threadOn(page, 'Councillors').count()).toBe(1);
    await expect.poll(() => page.locator('.article-body .comment-highlight-active').count()).toBe(1);
    expect(await axeViolations(page)).toEqual([]);
  });
});
