import { mkdtemp, readFile, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { Page } from 'playwright';
import { afterAll, afterEach, describe, expect, test } from 'vitest';
import { axeViolations } from './axe';
import { readArticleFile, startApp, stopBrowser, type App } from './harness';
import { openButton, ui, waitForSaved } from './ui';

let app: App | undefined;
const temps: string[] = [];

afterEach(async () => {
  const a = app;
  app = undefined;
  await a?.close();
  for (const t of temps.splice(0)) await rm(t, { recursive: true, force: true });
});
afterAll(stopBrowser);

const body = (text: string) => ({
  type: 'doc' as const,
  content: [{ type: 'paragraph', content: [{ type: 'text', text }] }],
});

/** A library with the story being edited and two others to relate to it; the main story is open. */
async function libraryWithStories(): Promise<{ a: App; ids: Record<'main' | 'flood' | 'tax', string> }> {
  const a = await startApp({ seedSample: false, bypassCSP: true });
  const lib = a.workspace.library;
  const flood = await lib.create({
    headline: 'Flood barrier: what happens next',
    body: body('Diggers arrive.'),
  });
  const tax = await lib.create({ headline: 'Council tax rises by 4.9%', body: body('Bills go up.') });
  const main = await lib.create({
    headline: 'Riverside approves flood barrier',
    body: body('Councillors voted.'),
  });
  await a.reload();
  await openButton(a.page, 'Riverside approves flood barrier').click();
  await ui(a.page).headline.waitFor();
  await expect.poll(() => ui(a.page).headline.inputValue()).toBe('Riverside approves flood barrier');
  return { a, ids: { main: main.id, flood: flood.id, tax: tax.id } };
}

function related(page: Page) {
  const region = page.getByRole('region', { name: /Related articles/ });
  return {
    region,
    search: region.getByRole('searchbox', { name: 'Add a story from the library' }),
    found: region.getByRole('list', { name: 'Stories found' }),
    url: region.getByRole('textbox', { name: 'Or a web page' }),
    title: region.getByRole('textbox', { name: 'Title of the web page' }),
    addLink: region.getByRole('button', { name: 'Add link' }),
    list: region.getByRole('list', { name: /Related articles, in the order/ }),
    titles: () => region.locator('.related-list .related-title').allTextContents(),
  };
}

async function addFromSearch(page: Page, query: string, headline: string): Promise<void> {
  const r = related(page);
  await r.search.fill(query);
  await r.found.getByRole('button', { name: new RegExp(headline) }).click();
  await expect.poll(() => r.search.inputValue()).toBe('');
}

describe('related articles ("You may also like")', () => {
  test('adds stories from a library search and a web page, reorders them by keyboard and drag, and saves them', async () => {
    const { a, ids } = await libraryWithStories();
    app = a;
    const { page } = a;
    const r = related(page);
    await r.region.getByText('No related stories yet').waitFor();

    // The story being edited is never offered as related to itself.
    await r.search.fill('flood barrier');
    await r.found.getByRole('button', { name: /Flood barrier: what happens next/ }).waitFor();
    expect(await r.found.getByRole('button', { name: /Riverside approves/ }).count()).toBe(0);
    await r.found.getByRole('button', { name: /Flood barrier: what happens next/ }).click();

    // A web page needs an http(s) address and a title; a bad one is refused with a message.
    await r.url.fill('javascript:alert(1)');
    await r.title.fill('Sneaky');
    await r.addLink.click();
    await r.region.getByRole('alert').filter({ hasText: 'http:// or https://' }).waitFor();
    await r.url.fill('example.com/report');
    await r.title.fill('The full report');
    await r.addLink.click();
    await expect.poll(() => r.url.inputValue()).toBe('');

    await addFromSearch(page, 'council tax', 'Council tax rises');
    expect(await r.titles()).toEqual([
      'Flood barrier: what happens next',
      'The full report',
      'Council tax rises by 4.9%',
    ]);

    // Keyboard: Alt+Up twice moves the focused entry to the top, and it keeps the focus.
    const tax = r.list.getByRole('listitem').filter({ hasText: 'Council tax rises' });
    await tax.focus();
    await page.keyboard.press('Alt+ArrowUp');
    await page.keyboard.press('Alt+ArrowUp');
    expect(await r.titles()).toEqual([
      'Council tax rises by 4.9%',
      'Flood barrier: what happens next',
      'The full report',
    ]);
    expect(await tax.evaluate((el) => el === document.activeElement)).toBe(true);
    await r.region.getByText('Moved “Council tax rises by 4.9%” to position 1 of 3.').waitFor();

    // The buttons do the same for a mouse or a screen reader.
    await r.region.getByRole('button', { name: 'Move “The full report” up' }).click();
    expect(await r.titles()).toEqual([
      'Council tax rises by 4.9%',
      'The full report',
      'Flood barrier: what happens next',
    ]);

    // Drag: the flood story onto the first place.
    await r.list
      .getByRole('listitem')
      .filter({ hasText: 'Flood barrier' })
      .dragTo(r.list.getByRole('listitem').first());
    expect(await r.titles()).toEqual([
      'Flood barrier: what happens next',
      'Council tax rises by 4.9%',
      'The full report',
    ]);

    await waitForSaved(page);
    const file = await readArticleFile(a.libraryDir, ids.main);
    expect(file.related).toEqual([
      { kind: 'article', id: ids.flood },
      { kind: 'article', id: ids.tax },
      { kind: 'url', url: 'https://example.com/report', title: 'The full report' },
    ]);

    // Reopened, the list is as it was saved.
    await a.reload();
    await openButton(page, 'Riverside approves flood barrier').click();
    await expect
      .poll(() => related(page).titles())
      .toEqual(['Flood barrier: what happens next', 'Council tax rises by 4.9%', 'The full report']);

    expect(await axeViolations(page)).toEqual([]);
  });

  test('marks a related story moved to the trash, and the exported page leaves it out', async () => {
    const { a, ids } = await libraryWithStories();
    app = a;
    const { page } = a;
    const r = related(page);
    await addFromSearch(page, 'flood barrier', 'Flood barrier: what happens next');
    await addFromSearch(page, 'council tax', 'Council tax rises');
    await r.url.fill('https://example.com/report?a=1&b=2');
    await r.title.fill('The <full> report');
    await r.addLink.click();
    await waitForSaved(page);

    await a.workspace.library.trash(ids.tax);
    await a.emit('libraryChanged', { reason: 'trashed' });
    const taxItem = r.list.getByRole('listitem').filter({ hasText: 'Council tax rises' });
    await taxItem.getByText('In the trash').waitFor();
    expect(await taxItem.getAttribute('class')).toContain('is-trouble');
    expect(await r.titles()).toHaveLength(3);
    expect(await axeViolations(page)).toEqual([]);

    const dir = await mkdtemp(join(tmpdir(), 'copydesk-related-'));
    temps.push(dir);
    await page.getByRole('toolbar', { name: 'Article' }).getByRole('button', { name: 'Export…' }).click();
    const dialog = page.getByRole('dialog', { name: 'Export' });
    await dialog.getByRole('radio', { name: 'Publish-ready HTML' }).check();
    a.dialogs.exportPath = join(dir, 'story.html');
    await dialog.getByRole('button', { name: 'Export…' }).click();
    // The story is short of a publishable one (no byline, no Content Highlight): the readiness
    // checklist asks first, and "Export anyway" goes on.
    await page
      .getByRole('dialog', { name: 'Not ready to publish' })
      .getByRole('button', { name: /Export anyway/ })
      .click();
    await expect.poll(() => readFile(join(dir, 'story.html'), 'utf8').catch(() => '')).toContain('</html>');
    const html = await readFile(join(dir, 'story.html'), 'utf8');
    expect(html).toContain(
      '<aside class="related">\n<h2>You may also like</h2>\n<ul>\n' +
        '<li><a href="flood-barrier-what-happens-next.html">Flood barrier: what happens next</a></li>\n' +
        '<li><a href="https://example.com/report?a=1&amp;b=2">The &lt;full&gt; report</a></li>\n' +
        '</ul>\n</aside>',
    );
    expect(html).not.toContain('Council tax');
  });

  test('the link pattern is set in Settings, and a bad one is refused with a reason', async () => {
    const { a } = await libraryWithStories();
    app = a;
    const { page } = a;
    await a.emit('menuCommand', { command: 'showSettings' });
    const dialog = page.getByRole('dialog', { name: 'Settings' });
    const pattern = dialog.getByRole('textbox', { name: 'Related-story links' });
    expect(await pattern.inputValue()).toBe('{slug}.html');
    await pattern.fill('https://example.com/{title}');
    await dialog.getByRole('button', { name: 'Save settings' }).click();
    await dialog.getByRole('alert').filter({ hasText: '{title} is not a placeholder' }).waitFor();
    expect(a.workspace.library.settings.relatedUrlPattern).toBe('{slug}.html');
    await pattern.fill('https://example.com/news/{slug}');
    await dialog.getByRole('button', { name: 'Save settings' }).click();
    await dialog.getByText('Settings saved.').waitFor();
    expect(a.workspace.library.settings.relatedUrlPattern).toBe('https://example.com/news/{slug}');
    expect(await axeViolations(page)).toEqual([]);
  });
});
