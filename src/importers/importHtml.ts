import type { ArticleDraft, ImportNote } from '../shared/article';
import { cleanInputText, finishDraft, type ImportOptions } from './draft';
import { htmlToBlocks } from './htmlToBody';
import { detectStructure } from './structure';

/**
 * Imports an HTML file or pasted HTML (Google Docs, Word, a web page): sanitised and converted
 * to the article body, then the same structure detection as plain text on its blocks, so a bold
 * first paragraph that reads like a title becomes the headline, "By …" the byline, "PORTHAVEN —"
 * the dateline and "Content Highlight: …" its field. Nothing active (scripts, event handlers,
 * javascript: links) survives.
 */
export function importHtml(html: string, _options?: ImportOptions): ArticleDraft {
  const report: ImportNote[] = [];
  const blocks = htmlToBlocks(cleanInputText(html, report), report);
  const structure = detectStructure(blocks);
  return finishDraft(structure, structure.blocks, [...report, ...structure.report]);
}
