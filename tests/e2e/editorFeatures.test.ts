import { existsSync } from 'node:fs';
import { mkdir, mkdtemp, readFile, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { Locator, Page } from 'playwright';
import { afterAll, afterEach, describe, expect, test } from 'vitest';
import { exportHtml } from '../../src/exporters/exportHtml';
import { assetDir } from '../../src/services/libraryAssets';
import { ArticleSchema } from '../../src/shared/article';
import { axeViolations } from './axe';
import { ROOT, SAMPLES_DIR, startApp, stopBrowser, type App } from './harness';
import { MOD, findArticleFile, openButton, startNewArticle, textNodes, ui, waitForSaved } from './ui';

let app: App | undefined;

afterEach(async () => {
  const a = app;
  app = undefined;
  await a?.close();
});
afterAll(stopBrowser);

/** A 2×2 red PNG. */
const PNG = Buffer.from(
  'iVBORw0KGgoAAAANSUhEUgAAAAIAAAACCAIAAAD91JpzAAAAFklEQVR4nGP8z8DAwMDAxMDAwMDAAAANHQEDasKb6QAAAABJRU5ErkJggg==',
  'base64',
);

interface BodyJson {
  type: string;
  attrs?: Record<string, unknown>;
  content?: BodyJson[];
  text?: string;
  marks?: { type: string; attrs?: Record<string, unknown> }[];
}

function nodesOfType(node: BodyJson, type: string): BodyJson[] {
  const own = node.type === type ? [node] : [];
  return [...own, ...(node.content ?? []).flatMap((c) => nodesOfType(c, type))];
}

async function newStory(page: Page, headline: string): Promise<void> {
  await startNewArticle(page);
  await page.keyboard.type(headline);
  await ui(page).body.click();
}

/** The stored article, and its publish-ready HTML as the exporter writes it. */
async function storedAndExported(a: App, headline: string): Promise<{ body: BodyJson; html: string }> {
  await waitForSaved(a.page);
  const stored = await findArticleFile(a.libraryDir, headline);
  const article = ArticleSchema.parse(stored);
  return { body: stored.body as BodyJson, html: exportHtml(article) };
}

async function tool(page: Page, name: string): Promise<void> {
  await ui(page).toolbar.getByRole('button', { name, exact: true }).click();
}

/** Pastes clipboard data the way the browser delivers it: a paste event with a DataTransfer. */
async function paste(page: Page, data: { html?: string; text?: string; png?: string }): Promise<void> {
  await ui(page).body.evaluate((el, d) => {
    const dt = new DataTransfer();
    if (d.html !== undefined) dt.setData('text/html', d.html);
    if (d.text !== undefined) dt.setData('text/plain', d.text);
    if (d.png) {
      const bytes = Uint8Array.from(atob(d.png), (c) => c.charCodeAt(0));
      dt.items.add(new File([bytes], 'photo.png', { type: 'image/png' }));
    }
    el.dispatchEvent(new ClipboardEvent('paste', { clipboardData: dt, bubbles: true, cancelable: true }));
  }, data);
}

describe('formatting a story', () => {
  test('pull quote, superscript, subscript, a line break and a table with a header row are stored and exported', async () => {
    app = await startApp();
    const { page } = app;
    await newStory(page, 'Formatting test');
    await page.keyboard.type('Rainfall was 120mm');
    await page.keyboard.press('Enter');
    await page.keyboard.type('It was the wettest winter on record');
    await tool(page, 'Pull quote');
    await expect
      .poll(() => ui(page).toolbar.getByRole('button', { name: 'Pull quote' }).getAttribute('aria-pressed'))
      .toBe('true');
    await page.keyboard.press('Enter');
    await page.keyboard.press('Enter'); // leaves the pull quote
    await page.keyboard.type('CO');
    await page.keyboard.press(`${MOD}+Shift+Comma`);
    await page.keyboard.type('2');
    await page.keyboard.press(`${MOD}+Shift+Comma`);
    await page.keyboard.type(' and m');
    await tool(page, 'Superscript');
    await page.keyboard.type('3');
    await tool(page, 'Superscript');
    await page.keyboard.press('Shift+Enter');
    await page.keyboard.type('next line');
    await page.keyboard.press('Enter');
    await tool(page, 'Insert table');
    await page.keyboard.type('Route');
    await page.keyboard.press('Tab');
    await page.keyboard.type('Fare');
    await page.keyboard.press('Tab');
    await page.keyboard.press('Tab');
    await page.keyboard.type('Ferry');
    await page.keyboard.press('Tab');
    await page.keyboard.type('£2.50');
    await tool(page, 'Add row below');
    await tool(page, 'Delete column');

    const { body, html } = await storedAndExported(app, 'Formatting test');
    expect(nodesOfType(body, 'pullQuote')).toHaveLength(1);
    const texts = textNodes(body as never);
    expect(texts.find((t) => t.text === '2')?.marks).toEqual([{ type: 'subscript' }]);
    expect(texts.find((t) => t.text === '3')?.marks).toEqual([{ type: 'superscript' }]);
    expect(nodesOfType(body, 'hardBreak')).toHaveLength(1);
    const table = nodesOfType(body, 'table')[0]!;
    expect(table.content).toHaveLength(4);
    expect(nodesOfType(table, 'tableHeader')).toHaveLength(2);
    expect(nodesOfType(table.content![0]!, 'tableCell')).toHaveLength(0);

    expect(html).toContain('<aside class="pull-quote"><p>It was the wettest winter on record</p></aside>');
    expect(html).toContain('CO<sub>2</sub> and m<sup>3</sup><br>next line');
    expect(html).toMatch(/<table><thead><tr><th><p>Route<\/p><\/th><th><\/th><\/tr><\/thead><tbody>/);
    expect(html).not.toContain('<blockquote');
  });

  test('nested lists with Tab and Shift+Tab, and clear formatting', async () => {
    app = await startApp();
    const { page } = app;
    await newStory(page, 'Lists test');
    await tool(page, 'Bulleted list');
    await page.keyboard.type('one');
    await page.keyboard.press('Enter');
    await page.keyboard.press('Tab');
    await page.keyboard.type('nested');
    await page.keyboard.press('Enter');
    await page.keyboard.press('Shift+Tab');
    await page.keyboard.press(`${MOD}+B`);
    await page.keyboard.type('two');
    await page.keyboard.press('Shift+Home');
    await tool(page, 'Clear formatting');
    const { body } = await storedAndExported(app, 'Lists test');
    const lists = nodesOfType(body, 'bulletList');
    expect(lists).toHaveLength(2);
    expect(lists[0]!.content).toHaveLength(1); // "two" became a paragraph
    expect(textNodes(body as never).find((t) => t.text === 'two')?.marks).toBeUndefined();
  });

  test('the link bubble opens, edits and removes the link at the caret', async () => {
    app = await startApp();
    const { page } = app;
    await newStory(page, 'Link test');
    await page.keyboard.type('see report');
    for (let i = 0; i < 6; i++) await page.keyboard.press('Shift+ArrowLeft');
    await page.keyboard.press(`${MOD}+K`);
    const dialog = page.getByRole('dialog', { name: 'Add link' });
    await dialog.getByRole('textbox', { name: 'Address' }).fill('https://example.com/report');
    await dialog.getByRole('button', { name: 'Add link' }).click();
    await page.keyboard.press('End');
    await page.keyboard.press('ArrowLeft');
    await page.keyboard.press('ArrowLeft');
    const bubble = page.locator('.link-bubble');
    await bubble.getByRole('button', { name: 'Open' }).click();
    await expect.poll(() => app!.openedExternal).toEqual(['https://example.com/report']);
    await bubble.getByRole('button', { name: 'Remove' }).click();
    const { body } = await storedAndExported(app, 'Link test');
    expect(textNodes(body as never).every((t) => !t.marks)).toBe(true);
  });
});

describe('paste from Google Docs and Word', () => {
  test('the harbour ferry clipboard keeps headings, bold and links and loses everything active', async () => {
    app = await startApp();
    const { page } = app;
    await newStory(page, 'Paste test');
    const html = await readFile(join(SAMPLES_DIR, 'harbour-ferry-paste.html'), 'utf8');
    await paste(page, { html, text: 'plain' });
    const { body, html: exported } = await storedAndExported(app, 'Paste test');
    const json = JSON.stringify(body);
    expect(json).toContain('cutting the journey');
    expect(textNodes(body as never).find((t) => t.text === 'cutting the journey')?.marks).toEqual([
      { type: 'bold' },
    ]);
    // Google's <b style="font-weight:normal"> wrapper does not make everything bold.
    expect(textNodes(body as never).find((t) => t.text?.startsWith('The operator'))?.marks).toBeUndefined();
    expect(json).toContain('https://example.com/ferry');
    expect(json).not.toMatch(/javascript|attacker|alert|steal|MsoNormal|font-family|o:p/i);
    expect(nodesOfType(body, 'paragraph').every((p) => (p.content ?? []).length > 0)).toBe(true);
    expect(exported).not.toMatch(
      /onerror|onclick|<script(?! type="application\/ld\+json")|<iframe|javascript:/i,
    );
    expect(exported).toContain('<a href="https://example.com/ferry">the timetable</a>');
  });

  test('a pasted table and nested list survive; plain text keeps its paragraphs', async () => {
    app = await startApp();
    const { page } = app;
    await newStory(page, 'Paste structure');
    await paste(page, { text: 'First paragraph.\n\nSecond paragraph.' });
    await page.keyboard.press('Enter');
    await paste(page, {
      html: '<table><tr><th>Route</th><th>Fare</th></tr><tr><td>Ferry</td><td>£2.50</td></tr></table><ul><li>a<ul><li>b</li></ul></li></ul>',
    });
    const { body } = await storedAndExported(app, 'Paste structure');
    expect(nodesOfType(body, 'tableHeader')).toHaveLength(2);
    expect(nodesOfType(body, 'bulletList')).toHaveLength(2);
    const paragraphs = nodesOfType(body, 'paragraph').map((p) =>
      textNodes(p as never)
        .map((t) => t.text)
        .join(''),
    );
    expect(paragraphs).toContain('First paragraph.');
    expect(paragraphs).toContain('Second paragraph.');
  });

  test('a paste of 5,000 words and of markup 16 deep does not freeze the editor', async () => {
    app = await startApp();
    const { page } = app;
    await newStory(page, 'Big paste');
    let big = '';
    for (let i = 0; i < 100; i++) {
      big += `<p style="line-height:1.38"><span style="font-size:11pt">${Array.from({ length: 50 }, (_, j) => (j % 7 === 0 ? `<b>w${i}x${j}</b>` : `w${i}x${j}`)).join(' ')}</span></p>`;
    }
    let deep = '<p>deepest words</p>';
    for (let i = 0; i < 16; i++) deep = `<div><blockquote><span>${deep}</span></blockquote></div>`;
    const took = await ui(page).body.evaluate(
      async (el, html) => {
        const t0 = performance.now();
        for (const h of html) {
          const dt = new DataTransfer();
          dt.setData('text/html', h);
          el.dispatchEvent(
            new ClipboardEvent('paste', { clipboardData: dt, bubbles: true, cancelable: true }),
          );
        }
        return performance.now() - t0;
      },
      [big, deep],
    );
    expect(took).toBeLessThan(1_500);
    await expect.poll(() => page.getByTestId('word-count').textContent()).toMatch(/5,00[0-9] words/);
    expect(await ui(page).body.textContent()).toContain('deepest words');
  });
});

describe('a long story', () => {
  test('is drawn only where it is on screen, and find, the caret and typing still reach the end of it', async () => {
    app = await startApp({ bypassCSP: true });
    const { page } = app;
    await newStory(page, 'Long story');
    let html = '';
    for (let i = 0; i < 300; i++) {
      if (i % 25 === 10) html += `<h2>Section ${i}</h2>`;
      if (i === 200)
        html += '<p>See <a href="https://example.com/harbour">the harbour report</a> for more.</p>';
      if (i === 280)
        html += '<table><tr><th>Team</th><th>Score</th></tr><tr><td>Harbour</td><td>3</td></tr></table>';
      const word = i === 290 ? 'lighthouse' : `para${i}`;
      html += `<p>${Array.from({ length: 60 }, (_, j) => (j === 30 ? `<b>${word}</b>` : `w${i}x${j}`)).join(' ')}</p>`;
    }
    await paste(page, { html });
    await expect.poll(() => page.getByTestId('word-count').textContent()).toBe('18,034 words');
    // What Chromium skips drawing (inside a content-visibility: auto block off screen) it reports
    // as not visible when asked about such content: here the bold word of a paragraph.
    const onScreen = (l: Locator): Promise<boolean> =>
      l.evaluate((el) => {
        const r = el.getBoundingClientRect();
        return r.height > 0 && r.top >= 0 && r.top < window.innerHeight;
      });
    const drawn = (word: string): Promise<boolean> =>
      ui(page).body.evaluate(
        (el, w) =>
          [...el.querySelectorAll('strong')]
            .find((s) => s.textContent === w)!
            .checkVisibility({ contentVisibilityAuto: true }),
        word,
      );
    await page.keyboard.press(`${MOD}+Home`);
    await expect.poll(() => drawn('para0')).toBe(true);
    await expect.poll(() => drawn('lighthouse')).toBe(false);
    // Headings and the table off screen still read as text to accessibility checkers.
    expect(await axeViolations(page)).toEqual([]);

    // Find scrolls a match far below into view, and it is drawn there.
    await page.keyboard.press(`${MOD}+F`);
    const search = page.getByRole('search', { name: 'Find and replace' });
    await search.getByRole('searchbox', { name: 'Find' }).fill('lighthouse');
    await page.keyboard.press('Enter');
    await expect.poll(() => page.getByTestId('find-count').textContent()).toBe('1 of 1 in the body');
    await expect.poll(() => onScreen(page.locator('.find-current'))).toBe(true);
    await expect.poll(() => drawn('lighthouse')).toBe(true);
    await page.keyboard.press('Escape');

    // The caret goes to the very end, which is scrolled to and drawn, and typing lands there.
    await ui(page).body.focus();
    await page.keyboard.press(`${MOD}+End`);
    // The caret's block is drawn from the update that put the caret there (DrawnNearCaret), so a
    // key pressed within the same frame lands where the caret shows; the blocks far above are not.
    const visibility = (i: number): Promise<string> =>
      ui(page).body.evaluate((el, n) => getComputedStyle(el.children[n]!).contentVisibility, i);
    expect(await visibility(-1 + (await ui(page).body.evaluate((el) => el.children.length)))).toBe('visible');
    expect(await visibility(1)).toBe('auto');
    await page.keyboard.type(' The end.');
    await expect.poll(() => drawn('para299')).toBe(true);
    await expect.poll(() => onScreen(ui(page).body.locator('p').last())).toBe(true);
    // Shift+Ctrl+Home selects back to the start, through blocks never drawn.
    await page.keyboard.press(`Shift+${MOD}+Home`);
    const selected = await page.evaluate(() => getSelection()!.toString());
    expect(selected.startsWith('w0x0 ')).toBe(true);
    expect(selected.endsWith('w299x59 The end.')).toBe(true);
    await expect.poll(() => drawn('para0')).toBe(true);
    const { body } = await storedAndExported(app, 'Long story');
    const last = body.content!.at(-1)!;
    expect(
      textNodes(last)
        .map((t) => t.text)
        .join(''),
    ).toMatch(/w299x59 The end\.$/);
    expect(body.content).toHaveLength(300 + 12 + 1 + 1);
  });
});

describe('find and replace', () => {
  test('finds in the headline and the body, steps through matches and replaces all in one undo step', async () => {
    app = await startApp();
    const { page } = app;
    await startNewArticle(page);
    await page.keyboard.type('Ferry returns to Porthaven');
    await ui(page).body.click();
    await page.keyboard.type('The ferry sails at six. The Ferry is new. Ferryman waves.');
    await page.keyboard.press(`${MOD}+F`);
    const search = page.getByRole('search', { name: 'Find and replace' });
    await search.getByRole('searchbox', { name: 'Find' }).fill('ferry');
    const count = page.getByTestId('find-count');
    await expect.poll(() => count.textContent()).toBe('4 matches');
    await search.getByRole('checkbox', { name: 'Whole word' }).check();
    await expect.poll(() => count.textContent()).toBe('3 matches');
    await search.getByRole('checkbox', { name: 'Match case' }).check();
    await expect.poll(() => count.textContent()).toBe('1 match');
    await search.getByRole('checkbox', { name: 'Match case' }).uncheck();
    await page.keyboard.press('Enter');
    await expect.poll(() => count.textContent()).toBe('1 of 3 in the headline');
    await search.getByRole('button', { name: 'Next' }).click();
    await expect.poll(() => count.textContent()).toBe('2 of 3 in the body');
    await expect.poll(() => page.locator('.find-current').textContent()).toBe('ferry');

    await page.keyboard.press(`${MOD}+H`);
    await search.getByRole('textbox', { name: 'Replace with' }).fill('boat');
    await search.getByRole('button', { name: 'Replace all' }).click();
    await expect.poll(() => count.textContent()).toBe('No matches');
    await expect.poll(() => ui(page).headline.inputValue()).toBe('boat returns to Porthaven');
    await expect
      .poll(() => ui(page).body.textContent())
      .toBe('The boat sails at six. The boat is new. Ferryman waves.');
    await search.getByRole('button', { name: 'Close find' }).click();
    await page.keyboard.press(`${MOD}+Z`);
    await expect
      .poll(() => ui(page).body.textContent())
      .toBe('The ferry sails at six. The Ferry is new. Ferryman waves.');
  });
});

describe('counts, budgets and comfort', () => {
  test('characters are counted by code point: an emoji with a skin tone is two, not four UTF-16 units', async () => {
    app = await startApp();
    const { page } = app;
    await newStory(page, 'Characters');
    await page.keyboard.type('Café 👍🏽 ok');
    await expect.poll(() => page.locator('.counts').textContent()).toContain('2 words');
    expect(await page.locator('.counts').textContent()).toContain('10 characters');
  });

  test('the reading speed and budgets change in the settings popover', async () => {
    app = await startApp();
    const { page } = app;
    await newStory(page, 'Counts');
    await page.keyboard.type(Array.from({ length: 300 }, () => 'word').join(' '));
    await expect.poll(() => page.locator('.counts').textContent()).toContain('1 min read');
    await page.getByRole('button', { name: 'Budgets…' }).click();
    const dialog = page.getByRole('dialog', { name: 'Budgets and reading time' });
    await dialog.getByRole('spinbutton', { name: 'Reading speed (words per minute)' }).fill('100');
    await dialog.getByRole('spinbutton', { name: 'Headline budget (characters)' }).fill('5');
    await dialog.getByRole('button', { name: 'Save' }).click();
    await expect
      .poll(() => dialog.getByRole('alert').textContent())
      .toContain('Headline budget must be a whole number from 10');
    await dialog.getByRole('spinbutton', { name: 'Headline budget (characters)' }).fill('40');
    await dialog.getByRole('button', { name: 'Save' }).click();
    await expect.poll(() => page.locator('.counts').textContent()).toContain('3 min read');
    await expect.poll(() => page.locator('.budget').first().textContent()).toContain('6/40');
    expect((await app.workspace.library.info()).settings).toMatchObject({
      wordsPerMinute: 100,
      headlineBudget: 40,
    });
  });

  test('dark mode can be chosen by hand and distraction-free mode hides the library', async () => {
    app = await startApp();
    const { page } = app;
    await page.getByRole('combobox', { name: 'Theme' }).selectOption('dark');
    expect(await page.evaluate(() => document.documentElement.dataset.theme)).toBe('dark');
    const bg = await page.evaluate(() => getComputedStyle(document.body).backgroundColor);
    expect(bg).not.toBe('rgb(255, 255, 255)');
    await ui(page).body.click();
    await page.keyboard.press(`${MOD}+Shift+F`);
    await expect.poll(() => ui(page).library.isVisible()).toBe(false);
    await page.keyboard.press(`${MOD}+Shift+F`);
    await expect.poll(() => ui(page).library.isVisible()).toBe(true);
  });
});

describe('figures', () => {
  test('in a long story, a picture far below loads only when it comes near the screen', async () => {
    app = await startApp();
    const { page } = app;
    const file = '0123456789abcdef0123456789abcdef.png';
    const figure = (alt: string) => ({
      type: 'figure',
      attrs: { src: `asset:${file}`, alt, caption: '', credit: 'Desk' },
    });
    const paragraphs = Array.from({ length: 200 }, (_, i) => ({
      type: 'paragraph',
      content: [{ type: 'text', text: `Paragraph ${i} ${'of the harbour story '.repeat(12)}` }],
    }));
    const article = await app.workspace.library.create({
      headline: 'Pictures far apart',
      body: { type: 'doc', content: [figure('The top picture'), ...paragraphs, figure('The last picture')] },
    });
    await mkdir(assetDir(app.libraryDir, article.id), { recursive: true });
    await writeFile(join(assetDir(app.libraryDir, article.id), file), PNG);
    await app.emit('libraryChanged', { reason: 'test' });
    await openButton(page, 'Pictures far apart').click();
    const top = page.getByRole('img', { name: 'The top picture' });
    const last = page.locator('.figure-view img[alt="The last picture"]');
    await expect.poll(() => top.evaluate((img) => (img as HTMLImageElement).naturalWidth)).toBe(2);
    expect(await last.getAttribute('src')).toBeNull();
    await last.evaluate((img) => img.closest('figure')!.scrollIntoView());
    await expect.poll(() => last.evaluate((img) => (img as HTMLImageElement).naturalWidth)).toBe(2);
    expect(await last.getAttribute('src')).toMatch(/^library-assets\/.+\.png$/);
  });

  test('a picture inserted from a file is copied into the library, flagged until it has alt text and credit, and exported', async () => {
    app = await startApp();
    const { page } = app;
    const dir = await mkdtemp(join(tmpdir(), 'copydesk-pic-'));
    try {
      const file = join(dir, 'ferry.png');
      await writeFile(file, PNG);
      await newStory(page, 'Figure test');
      app.dialogs.imageFile = file;
      await tool(page, 'Insert picture…');
      const figure = page.locator('.figure-view');
      await figure.waitFor();
      await expect
        .poll(() => figure.getByTestId('figure-flag').textContent())
        .toBe('Needs alt text and credit');
      await expect
        .poll(() => figure.locator('img').evaluate((img) => (img as HTMLImageElement).naturalWidth))
        .toBe(2);
      await figure.getByRole('textbox', { name: 'Caption' }).fill('The ferry back in service');
      await figure.getByRole('textbox', { name: 'Alt text' }).fill('A white ferry at the quay');
      await expect.poll(() => figure.getByTestId('figure-flag').textContent()).toBe('Needs credit');
      // A pause first, so that the credit is an undo step of its own (edits close together are one).
      await page.waitForTimeout(700);
      await figure.getByRole('textbox', { name: 'Credit' }).fill('Hannah Cole');
      await expect.poll(() => figure.getByTestId('figure-flag').count()).toBe(0);
      await expect.poll(() => figure.getAttribute('class')).not.toContain('figure-incomplete');
      // Undo in the body takes the credit back out of the node, and the field and the flag follow
      // it; redo puts it back.
      const credit = figure.getByRole('textbox', { name: 'Credit' });
      await ui(page).body.focus();
      await page.keyboard.press(`${MOD}+Z`);
      await expect.poll(() => credit.inputValue()).toBe('');
      await expect.poll(() => figure.getByTestId('figure-flag').textContent()).toBe('Needs credit');
      expect(await credit.getAttribute('aria-invalid')).toBe('true');
      await page.keyboard.press(`${MOD}+Shift+Z`);
      await expect.poll(() => credit.inputValue()).toBe('Hannah Cole');
      await expect.poll(() => figure.getByTestId('figure-flag').count()).toBe(0);
      expect(await credit.getAttribute('aria-invalid')).toBeNull();
      // Clicking the picture selects the figure (what Delete or a drag would then take).
      await figure.locator('img').click();
      await expect.poll(() => figure.getAttribute('class')).toContain('is-selected');

      const { body, html } = await storedAndExported(app, 'Figure test');
      const fig = nodesOfType(body, 'figure')[0]!;
      expect(fig.attrs).toMatchObject({
        alt: 'A white ferry at the quay',
        caption: 'The ferry back in service',
        credit: 'Hannah Cole',
      });
      const src = String(fig.attrs!.src);
      expect(src).toMatch(/^asset:[a-f0-9]{32}\.png$/);
      const stored = await findArticleFile(app.libraryDir, 'Figure test');
      expect(existsSync(join(app.libraryDir, 'assets', String(stored.id), src.slice('asset:'.length)))).toBe(
        true,
      );
      expect(html).toContain(
        `<figure><img src="assets/${src.slice('asset:'.length)}" alt="A white ferry at the quay"><figcaption>The ferry back in service <span class="credit">Hannah Cole</span></figcaption></figure>`,
      );
    } finally {
      await rm(dir, { recursive: true, force: true });
    }
  });

  test('a pasted picture is sent as bytes and stored; a file that is not a picture is refused', async () => {
    app = await startApp();
    const { page } = app;
    await newStory(page, 'Pasted picture');
    await paste(page, { png: PNG.toString('base64') });
    await page.locator('.figure-view img').waitFor();
    const call = app.calls.find((c) => c.method === 'addImageBytes');
    expect(call?.ok).toBe(true);
    await ui(page).body.evaluate((el) => {
      const dt = new DataTransfer();
      dt.items.add(new File([new TextEncoder().encode('not a picture')], 'fake.png', { type: 'image/png' }));
      el.dispatchEvent(new ClipboardEvent('paste', { clipboardData: dt, bubbles: true, cancelable: true }));
    });
    await expect
      .poll(() => page.locator('.editor-notice').textContent())
      .toContain('is not a PNG, JPEG, GIF or WebP picture');
    await page.locator('.editor-notice').getByRole('button', { name: 'Dismiss' }).click();
    void ROOT;
  });
});

describe('accessibility of the editor features', () => {
  for (const colorScheme of ['light', 'dark'] as const) {
    test(`a full article (figure, table, pull quote) and every editor dialog have no axe-core violations (${colorScheme})`, async () => {
      app = await startApp({ bypassCSP: true, colorScheme });
      const { page } = app;
      const dir = await mkdtemp(join(tmpdir(), 'copydesk-pic-'));
      try {
        await writeFile(join(dir, 'p.png'), PNG);
        await newStory(page, 'Accessible story');
        await page.keyboard.type('A quote worth lifting');
        await tool(page, 'Pull quote');
        await page.keyboard.press('Enter');
        await page.keyboard.press('Enter');
        await tool(page, 'Insert table');
        await page.keyboard.type('Route');
        await page.keyboard.press('Tab');
        await page.keyboard.type('Fare');
        await page.keyboard.press('Tab');
        await page.keyboard.type('Time');
        app.dialogs.imageFile = join(dir, 'p.png');
        await tool(page, 'Insert picture…');
        await page.locator('.figure-view img').waitFor();
        expect(await axeViolations(page)).toEqual([]);

        await page.keyboard.press(`${MOD}+H`);
        await page.getByRole('searchbox', { name: 'Find' }).fill('route');
        expect(await axeViolations(page)).toEqual([]);
        await page.getByRole('button', { name: 'Close find' }).click();

        await page.getByRole('button', { name: 'Budgets…' }).click();
        await page.getByRole('dialog', { name: 'Budgets and reading time' }).waitFor();
        expect(await axeViolations(page)).toEqual([]);
        await page.keyboard.press('Escape');
      } finally {
        await rm(dir, { recursive: true, force: true });
      }
    });
  }
});
