import { readFile } from 'node:fs/promises';
import { join } from 'node:path';
import { afterAll, afterEach, describe, expect, test } from 'vitest';
import { readArticleFile, startApp, stopBrowser, type App } from './harness';
import { openButton, textNodes, ui, waitForSaved } from './ui';

let app: App | undefined;

afterEach(async () => {
  const a = app;
  app = undefined;
  await a?.close();
});
afterAll(stopBrowser);

const paragraph = (text: string) => ({
  type: 'doc' as const,
  content: [{ type: 'paragraph', content: [{ type: 'text', text }] }],
});

/** Opens an article whose body holds `text` (stored through the library, as the CLI would). */
async function openArticleWith(a: App, text: string, headline = 'Council meets'): Promise<string> {
  const article = await a.workspace.library.create({
    headline,
    byline: 'Riverside Gazette',
    body: paragraph(text),
  });
  await a.emit('libraryChanged', { reason: 'test' });
  await openButton(a.page, headline).click();
  await expect.poll(() => ui(a.page).headline.inputValue()).toBe(headline);
  return article.id;
}

const squiggle = (a: App, text: string) =>
  a.page.locator('.article-body .check-squiggle', { hasText: text }).first();

async function bodyText(a: App, id: string): Promise<string> {
  const body = (await readArticleFile(a.libraryDir, id)).body as Parameters<typeof textNodes>[0];
  return textNodes(body)
    .map((n) => n.text ?? '')
    .join('');
}

describe('the copy desk in the editor', () => {
  test('a misspelling is underlined, and a suggestion from its menu replaces it and is saved', async () => {
    app = await startApp();
    const { page } = app;
    const id = await openArticleWith(app, 'The council aproves the plan for the river.');
    await squiggle(app, 'aproves').waitFor({ timeout: 20_000 });
    expect(await squiggle(app, 'aproves').getAttribute('class')).toContain('check-spelling');

    await squiggle(app, 'aproves').click({ button: 'right' });
    const menu = page.getByRole('menu', { name: 'Suggestions for “aproves”' });
    await menu.waitFor();
    await menu.getByRole('menuitem', { name: 'approves', exact: true }).click();
    await expect.poll(() => ui(page).body.textContent()).toContain('The council approves the plan');
    await waitForSaved(page);
    expect(await bodyText(app, id)).toBe('The council approves the plan for the river.');
    await expect
      .poll(() => page.locator('.article-body .check-squiggle', { hasText: 'approves' }).count())
      .toBe(0);
  });

  test('typing a misspelt word gets it underlined after a pause, without blocking the typing', async () => {
    app = await startApp();
    const { page } = app;
    await openArticleWith(app, 'A quiet day.');
    await ui(page).body.click();
    await page.keyboard.press('End');
    await page.keyboard.type(' The mayer resigned.', { delay: 20 });
    await squiggle(app, 'mayer').waitFor({ timeout: 20_000 });
    expect(await ui(page).body.textContent()).toContain('The mayer resigned.');
  });

  test('typing in a paragraph hides its underlines until the recheck; other paragraphs keep theirs', async () => {
    app = await startApp();
    const { page } = app;
    const article = await app.workspace.library.create({
      headline: 'Council meets',
      body: {
        type: 'doc',
        content: ['The council aproves the plan.', 'Tomorow the works start.'].map((text) => ({
          type: 'paragraph',
          content: [{ type: 'text', text }],
        })),
      },
    });
    await app.emit('libraryChanged', { reason: 'test' });
    await openButton(page, article.headline).click();
    await squiggle(app, 'aproves').waitFor({ timeout: 20_000 });
    await squiggle(app, 'Tomorow').waitFor();
    // Underlines per paragraph, recorded in the frame after each keystroke's input: a recheck
    // cannot land before the typing pauses (400 ms), so these are the typing's own frames.
    await page.evaluate(() => {
      const w = window as unknown as { __underlines: number[][] };
      w.__underlines = [];
      document
        .querySelector('.article-body')!
        .addEventListener('input', () =>
          requestAnimationFrame(() =>
            w.__underlines.push(
              [...document.querySelectorAll('.article-body > p')].map(
                (p) => p.querySelectorAll('.check-squiggle').length,
              ),
            ),
          ),
        );
    });
    await page.locator('.article-body > p').first().click();
    await page.keyboard.press('End');
    await page.keyboard.type(' Then', { delay: 20 });
    await expect
      .poll(() =>
        page.evaluate(() => (window as unknown as { __underlines: number[][] }).__underlines.length),
      )
      .toBe(5);
    const frames = await page.evaluate(
      () => (window as unknown as { __underlines: number[][] }).__underlines,
    );
    expect(frames[0]).toEqual([0, 1]);
    // After the pause the recheck puts the first paragraph's underline back.
    await expect.poll(() => squiggle(app!, 'aproves').count(), { timeout: 20_000 }).toBe(1);
    expect(await squiggle(app, 'Tomorow').count()).toBe(1);
    expect(await ui(page).body.textContent()).toContain('The council aproves the plan. Then');
  });

  test('the findings panel groups findings by kind, jumps to the text, fixes and ignores', async () => {
    app = await startApp();
    const { page } = app;
    const id = await openArticleWith(app, 'The the council aproves the plan. Tomorow the works start.');
    await page.getByRole('toolbar', { name: 'Article' }).getByRole('button', { name: 'Findings' }).click();
    const panel = page.getByRole('complementary', { name: 'Findings' });
    const spelling = panel.getByRole('region', { name: /^Spelling/ });
    await spelling.waitFor({ timeout: 20_000 });
    expect(await spelling.getByRole('heading').textContent()).toMatch(/Spelling \(\d+\)/);

    // Clicking a finding selects its text in the body.
    await spelling.getByRole('button', { name: /^“aproves”/ }).click();
    await expect.poll(() => page.evaluate(() => document.getSelection()?.toString())).toBe('aproves');

    await spelling.getByRole('button', { name: 'Ignore “Tomorow”' }).click();
    await expect.poll(() => squiggle(app!, 'Tomorow').count()).toBe(0);
    await spelling.getByRole('button', { name: /\(was “aproves”\)/ }).click();
    await expect.poll(() => ui(page).body.textContent()).not.toContain('aproves');
    await waitForSaved(page);
    expect(await bodyText(app, id)).not.toContain('aproves');
    expect(await bodyText(app, id)).toContain('Tomorow');
  });

  test('long sentences are listed under Readability and underlined in the text only on request', async () => {
    app = await startApp();
    const { page } = app;
    const words = [
      'residents',
      'said',
      'the',
      'new',
      'barrier',
      'would',
      'protect',
      'homes',
      'along',
      'river',
    ];
    const long = Array.from({ length: 45 }, (_, i) => words[i % words.length]).join(' ');
    await openArticleWith(app, `The council met. Local ${long} today. Aproves.`);
    await squiggle(app, 'Aproves').waitFor({ timeout: 20_000 });
    await page.getByRole('toolbar', { name: 'Article' }).getByRole('button', { name: 'Findings' }).click();
    const panel = page.getByRole('complementary', { name: 'Findings' });
    const readability = panel.getByRole('region', { name: /^Readability/ });
    await readability.waitFor();
    expect(await readability.getByRole('listitem').count()).toBeGreaterThan(0);
    const underlines = page.locator('.article-body .check-readability');
    expect(await underlines.count()).toBe(0);

    const toggle = readability.getByRole('button', { name: 'Highlight in the text' });
    expect(await toggle.getAttribute('aria-pressed')).toBe('false');
    await toggle.click();
    await expect.poll(() => toggle.getAttribute('aria-pressed')).toBe('true');
    await expect
      .poll(async () => (await underlines.allTextContents()).join(''))
      .toContain('Local residents said the new barrier');
    await toggle.click();
    await expect.poll(() => underlines.count()).toBe(0);
    // The spelling underline stayed throughout.
    expect(await squiggle(app, 'Aproves').count()).toBe(1);
  });

  test('“Add to the newsroom dictionary” writes the word into the library and stops flagging it', async () => {
    app = await startApp();
    const { page } = app;
    await openArticleWith(app, 'The desk filed a blorptastic report.');
    await squiggle(app, 'blorptastic').waitFor({ timeout: 20_000 });
    await squiggle(app, 'blorptastic').click({ button: 'right' });
    await page.getByRole('menuitem', { name: 'Add “blorptastic” to the newsroom dictionary' }).click();
    await expect
      .poll(() => page.locator('.article-body .check-squiggle', { hasText: 'blorptastic' }).count(), {
        timeout: 10_000,
      })
      .toBe(0);
    const files = await import('node:fs/promises').then((fs) =>
      fs.readdir(app!.libraryDir, { recursive: true }),
    );
    const dictionaryFile = files.find((f) => /dictionary/i.test(String(f)));
    expect(dictionaryFile).toBeDefined();
    expect(await readFile(join(app.libraryDir, String(dictionaryFile)), 'utf8')).toContain('blorptastic');
  });

  test('“Ignore everywhere in this article” removes every underline of that word', async () => {
    app = await startApp();
    const { page } = app;
    await openArticleWith(app, 'The zorbly plan. Another zorbly idea.');
    await expect
      .poll(() => page.locator('.article-body .check-squiggle', { hasText: 'zorbly' }).count(), {
        timeout: 20_000,
      })
      .toBe(2);
    await squiggle(app, 'zorbly').click({ button: 'right' });
    await page.getByRole('menuitem', { name: 'Ignore everywhere in this article' }).click();
    await expect
      .poll(() => page.locator('.article-body .check-squiggle', { hasText: 'zorbly' }).count())
      .toBe(0);
  });
});

describe('the copy desk in the article fields', () => {
  test('a misspelling in the headline is underlined over the field, and fixed from its menu', async () => {
    app = await startApp();
    const { page } = app;
    const id = await openArticleWith(app, 'The council approves the plan.', 'Council aproves river plan');
    const mark = page.locator('.field-squiggles[data-field="headline"] .check-squiggle', {
      hasText: 'aproves',
    });
    await mark.waitFor({ timeout: 20_000 });
    // The underline lies over the word in the field.
    const box = (await mark.boundingBox())!;
    const field = (await ui(page).headline.boundingBox())!;
    expect(box.y).toBeGreaterThanOrEqual(field.y - 1);
    expect(box.y + box.height).toBeLessThanOrEqual(field.y + field.height + 1);

    await page.mouse.click(box.x + box.width / 2, box.y + box.height / 2, { button: 'right' });
    const menu = page.getByRole('menu', { name: 'Suggestions for “aproves”' });
    await menu.getByRole('menuitem', { name: 'approves', exact: true }).click();
    await expect.poll(() => ui(page).headline.inputValue()).toBe('Council approves river plan');
    await waitForSaved(page);
    expect((await readArticleFile(app.libraryDir, id)).headline).toBe('Council approves river plan');
  });
});
