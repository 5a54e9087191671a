import { readdir } from 'node:fs/promises';
import { join } from 'node:path';
import type { Locator, Page } from 'playwright';
import { expect } from 'vitest';
import { readArticleFile } from './harness';

/** The controls a reporter uses, found the way a screen reader would find them. */
export function ui(page: Page) {
  return {
    library: page.getByRole('navigation', { name: 'Library' }),
    listItems: page.getByRole('navigation', { name: 'Library' }).getByRole('listitem'),
    filter: page.getByRole('searchbox', { name: 'Filter articles' }),
    newArticle: page.getByRole('button', { name: 'New article' }).first(),
    importButton: page.getByRole('button', { name: 'Import…' }).first(),
    headline: page.getByRole('textbox', { name: 'Headline', exact: true }),
    contentHighlight: page.getByRole('textbox', { name: 'Content Highlight', exact: true }),
    byline: page.getByRole('textbox', { name: 'Byline', exact: true }),
    dateline: page.getByRole('textbox', { name: 'Dateline', exact: true }),
    toolbar: page.getByRole('toolbar', { name: 'Formatting' }),
    body: page.getByRole('textbox', { name: 'Article body' }),
    saveStatus: page.getByTestId('save-status'),
    exportButton: page.getByRole('button', { name: 'Export HTML…' }),
  };
}

/** The modifier for shortcuts: the tests run on Linux, where it is Control. */
export const MOD = 'Control';

/** Waits until the status line says the article is saved. */
export async function waitForSaved(page: Page, timeout = 10_000): Promise<void> {
  await expect.poll(() => ui(page).saveStatus.textContent(), { timeout }).toBe('Saved');
}

/** Starts a new article from the library and waits until its headline has the caret. */
export async function startNewArticle(page: Page): Promise<void> {
  const before = await ui(page).listItems.count();
  await ui(page).newArticle.click();
  await expect.poll(() => ui(page).listItems.count()).toBe(before + 1);
  await expect
    .poll(() => ui(page).headline.evaluate((el) => el === el.ownerDocument.activeElement))
    .toBe(true);
}

/** The library item whose headline is `headline`. */
export function listItem(page: Page, headline: string | RegExp): Locator {
  return ui(page).listItems.filter({ has: page.locator('.item-headline', { hasText: headline }) });
}

/** The button that opens the library item whose headline is `headline`. */
export function openButton(page: Page, headline: string | RegExp): Locator {
  return listItem(page, headline).locator('.library-open');
}

/** Reads every article file in the library and returns the one whose headline is `headline`. */
export async function findArticleFile(
  libraryDir: string,
  headline: string,
): Promise<Record<string, unknown>> {
  const files = (await readdir(join(libraryDir, 'articles'))).filter((f) => f.endsWith('.json'));
  for (const f of files) {
    const article = await readArticleFile(libraryDir, f.replace(/\.json$/, ''));
    if (article.headline === headline) return article;
  }
  throw new Error(`No article file in ${libraryDir}/articles has the headline “${headline}”.`);
}

interface TextNode {
  type: string;
  text?: string;
  marks?: { type: string; attrs?: Record<string, unknown> }[];
  content?: TextNode[];
}

/** Every text node of a stored body, in order. */
export function textNodes(node: TextNode): TextNode[] {
  if (node.type === 'text') return [node];
  return (node.content ?? []).flatMap(textNodes);
}
