import type { Page } from 'playwright';
import { afterAll, afterEach, describe, expect, test } from 'vitest';
import type { FieldSuggestion } from '../../src/shared/article';
import { axeViolations } from './axe';
import { startApp, stopBrowser, type App } from './harness';
import { MOD, findArticleFile, openButton, startNewArticle, ui, waitForSaved } from './ui';

let app: App | undefined;

afterEach(async () => {
  const a = app;
  app = undefined;
  await a?.close();
});
afterAll(stopBrowser);

/** Sets the user's name, initials and role, as the Settings dialog does (through the real handler). */
async function signAs(
  page: Page,
  settings: { name?: string; initials?: string; role?: string },
): Promise<void> {
  await page.evaluate(
    (s) =>
      (
        window as unknown as { copydesk: { updateAppSettings(p: unknown): Promise<unknown> } }
      ).copydesk.updateAppSettings(s),
    settings,
  );
}

function toggle(page: Page) {
  return page.locator('.suggesting-toggle');
}

function panel(page: Page) {
  return page.getByRole('complementary', { name: 'Suggestions' });
}

const bodyText = (page: Page) =>
  ui(page).body.evaluate((el) => (el.textContent ?? '').replace(/\u200B/g, ''));

describe('suggesting mode', () => {
  // This test found the caret that jumped one place right after a key press (docs/review.md,
  // "Fixed: the caret…"): it failed 6 runs in 6 before src/renderer/src/editor/pendingInput.ts.
  test(
    'typing and deleting are suggestions; the panel lists them; accept, reject and undo',
    async () => {
      app = await startApp({ bypassCSP: true });
      const { page } = app;
      await signAs(page, { name: 'Jane Doe', initials: 'JD' });
      await startNewArticle(page);
      await page.keyboard.type('Council vote');
      await ui(page).body.click();
      await page.keyboard.type('The council met on Monday.');

      // Switch with the keyboard: the button says so and a live region announces it.
      await expect.poll(() => toggle(page).textContent()).toBe('Editing');
      await page.keyboard.press(`${MOD}+Shift+E`);
      await expect.poll(() => toggle(page).getAttribute('aria-pressed')).toBe('true');
      await expect.poll(() => toggle(page).textContent()).toBe('Suggesting');
      await expect
        .poll(() => page.getByRole('status').filter({ hasText: 'Suggesting mode' }).count())
        .toBe(1);

      // Insert a word, then delete "Monday." with Backspace at the end of the paragraph.
      await page.keyboard.press('Home');
      for (let i = 0; i < 'The '.length; i++) await page.keyboard.press('ArrowRight');
      await page.keyboard.type('city ');
      await page.keyboard.press('End');
      for (let i = 0; i < 'Monday.'.length; i++) await page.keyboard.press('Backspace');
      await expect
        .poll(() => page.locator('.article-body .suggestion-insertion').allTextContents())
        .toEqual(['city ']);
      await expect
        .poll(() => page.locator('.article-body .suggestion-deletion').allTextContents())
        .toEqual(['Monday.']);
      // Nothing was removed: deleted text is struck through, still there.
      await expect.poll(() => bodyText(page)).toBe('The city council met on Monday.');
      const underline = await page
        .locator('.article-body .suggestion-insertion')
        .first()
        .evaluate((el) => getComputedStyle(el).textDecorationLine);
      expect(underline).toContain('underline');

      // The panel lists both, with the author.
      await page.getByRole('button', { name: 'Suggestions', exact: true }).click();
      await expect.poll(() => panel(page).locator('.suggestion-item').count()).toBe(2);
      await expect
        .poll(() => panel(page).locator('.suggestion-author-name').allTextContents())
        .toEqual(['Jane Doe', 'Jane Doe']);
      await expect
        .poll(() => panel(page).locator('.suggestion-kind').allTextContents())
        .toEqual(['Inserted', 'Deleted']);

      // Choosing one selects its text.
      await panel(page).locator('.suggestion-text-button').nth(1).click();
      await expect
        .poll(() =>
          page.evaluate(() =>
            window
              .getSelection()
              ?.toString()
              .replace(/\u200B/g, ''),
          ),
        )
        .toBe('Monday.');

      // Accept the deletion: the word is gone; undo brings the suggestion back.
      await panel(page)
        .getByRole('button', { name: /^Accept deleted/ })
        .click();
      await expect.poll(() => bodyText(page)).toBe('The city council met on ');
      await ui(page).body.click();
      await page.keyboard.press(`${MOD}+z`);
      await expect.poll(() => bodyText(page)).toBe('The city council met on Monday.');
      await expect.poll(() => panel(page).locator('.suggestion-item').count()).toBe(2);

      // Reject the insertion, accept the rest.
      await panel(page)
        .getByRole('button', { name: /^Reject inserted/ })
        .click();
      await expect.poll(() => bodyText(page)).toBe('The council met on Monday.');
      await ui(page).body.click();
      await page.keyboard.press(`${MOD}+z`);
      await expect.poll(() => bodyText(page)).toBe('The city council met on Monday.');
      await panel(page).getByRole('button', { name: 'Accept all' }).click();
      await expect.poll(() => bodyText(page)).toBe('The city council met on ');
      await expect.poll(() => panel(page).getByRole('status').textContent()).toBe('No open suggestions.');

      // Saved: the body carries no suggestion marks any more.
      await waitForSaved(page);
      const stored = await findArticleFile(app.libraryDir, 'Council vote');
      expect(JSON.stringify(stored.body)).not.toMatch(/"insertion"|"deletion"/);
    },
  );

  test('a suggested headline is shown under the field, saved, and sets the headline when accepted', async () => {
    app = await startApp({ bypassCSP: true });
    const { page } = app;
    await signAs(page, { name: 'Sam Editor', initials: 'SE' });
    await startNewArticle(page);
    await page.keyboard.type('Council approves plan');
    await toggle(page).click();
    const headline = ui(page).headline;
    await headline.click();
    await page.keyboard.press('End');
    await page.keyboard.type(' for floods');

    const note = page.getByRole('list', { name: 'Suggestions on the headline' });
    await expect
      .poll(() => note.locator('.field-suggestion-old').textContent())
      .toBe('Council approves plan');
    await expect
      .poll(() => note.locator('.field-suggestion-new').textContent())
      .toBe('Council approves plan for floods');
    await waitForSaved(page);
    let stored = await findArticleFile(app.libraryDir, 'Council approves plan');
    expect(stored.headline).toBe('Council approves plan');
    expect((stored.fieldSuggestions as FieldSuggestion[]).map((s) => [s.field, s.to, s.author.name])).toEqual(
      [['headline', 'Council approves plan for floods', 'Sam Editor']],
    );

    // The panel lists it too; accept it from under the field.
    await page.getByRole('button', { name: 'Suggestions', exact: true }).click();
    await expect
      .poll(() => panel(page).locator('.suggestion-kind').allTextContents())
      .toEqual(['Headline changed']);
    await note.getByRole('button', { name: 'Accept Sam Editor’s headline' }).click();
    await page.keyboard.press(`${MOD}+Shift+E`);
    await expect.poll(() => toggle(page).textContent()).toBe('Editing');
    await expect.poll(() => headline.inputValue()).toBe('Council approves plan for floods');
    await waitForSaved(page);
    stored = await findArticleFile(app.libraryDir, 'Council approves plan for floods');
    expect(stored.fieldSuggestions ?? []).toEqual([]);
  });

  test('an editor opens articles in suggesting mode; the panel has no accessibility violations', async () => {
    app = await startApp({ bypassCSP: true });
    const { page } = app;
    await startNewArticle(page);
    await page.keyboard.type('Budget story');
    await ui(page).body.click();
    await page.keyboard.type('Old text.');
    await waitForSaved(page);
    await signAs(page, { name: 'Ed Itor', initials: 'EI', role: 'editor' });
    // Open another article, then the draft again: it opens in suggesting mode.
    await ui(page)
      .listItems.filter({ hasNotText: 'Budget story' })
      .first()
      .getByRole('button')
      .first()
      .click();
    await expect.poll(() => ui(page).headline.inputValue()).not.toBe('Budget story');
    await openButton(page, 'Budget story').click();
    await expect.poll(() => ui(page).headline.inputValue()).toBe('Budget story');
    await expect.poll(() => toggle(page).getAttribute('aria-pressed')).toBe('true');
    await ui(page).body.click();
    await page.keyboard.press('End');
    await page.keyboard.type(' New text.');
    await expect.poll(() => page.locator('.article-body .suggestion-insertion').count()).toBeGreaterThan(0);
    await page.getByRole('button', { name: 'Suggestions', exact: true }).click();
    await expect.poll(() => panel(page).locator('.suggestion-item').count()).toBe(1);
    expect(await axeViolations(page)).toEqual([]);
    await page.evaluate(() => (document.documentElement.dataset.theme = 'dark'));
    expect(await axeViolations(page)).toEqual([]);
  });
});
