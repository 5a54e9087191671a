import type { BodyNode, ImportNote } from '../shared/article';
import { bodyBlocks } from './blocks';
import type { Checker } from './checkArticle';
import type { CheckableArticle, Finding } from './types';

/** A spelling, grammar or names finding in text the importer left out of the article. */
export interface DroppedTextFinding extends Omit<Finding, 'field' | 'position'> {
  /** Where, for people: “dropped text (repeated headline)”. */
  where: string;
  /** The import note (index in the importer's report) whose text this is in. */
  note: number;
  /** Character offsets in the note's text. */
  position: { from: number; to: number };
}

/** The kinds worth reporting in dropped text: it is not published, but it shows what the writer wrote. */
const KINDS = new Set(['spelling', 'grammar', 'names']);

/** A short name for why the importer dropped the text, from its note. */
export function droppedTextLabel(note: ImportNote): string {
  const m = note.message;
  if (/repeat(ed)? (its|the) headline/i.test(m)) return 'repeated headline';
  if (/^Web-page text|advertisement/i.test(m)) return 'page clutter';
  if (/\btag\b/i.test(m)) return 'tag';
  return 'dropped';
}

/**
 * Spell-checks and name-checks the text an import left out (a page's repeated headline, page
 * clutter, a tag too long to keep): a typo there is often the same typo the writer made
 * elsewhere, and the repeated headline is the page's own words. Each dropped text is checked as
 * one more paragraph after the body, so names are compared with the article's (“Mr Feld” in a
 * dropped headline against “David Field” in the body). Front matter is left alone (it is YAML,
 * not copy), and so are notes whose text is still in the article (a link removed, its words kept).
 */
export function checkDroppedText(
  checker: Checker,
  article: CheckableArticle,
  notes: readonly ImportNote[],
): DroppedTextFinding[] {
  const kept = [article.headline, article.contentHighlight, article.byline, article.dateline]
    .concat(bodyBlocks(article.body).blocks.map((b) => b.text))
    .join('\n');
  const out: DroppedTextFinding[] = [];
  notes.forEach((note, index) => {
    const text = note.text?.trim();
    if (note.kind !== 'dropped' || !text || /front.matter/i.test(note.message) || kept.includes(text)) return;
    // Line breaks become spaces, one for one, so offsets in the block are offsets in the note.
    const paragraph: BodyNode = {
      type: 'paragraph',
      content: [{ type: 'text', text: note.text!.replace(/[\r\n]/g, ' ') }],
    };
    const body = { ...article.body, content: [...(article.body.content ?? []), paragraph] };
    const last = bodyBlocks(body).blocks.length - 1;
    const where = `dropped text (${droppedTextLabel(note)})`;
    for (const f of checker.check({ ...article, body }).findings) {
      if (f.field !== 'body' || f.position.block !== last || !KINDS.has(f.kind)) continue;
      const from = f.position.offset ?? 0;
      out.push({
        id: f.id,
        kind: f.kind,
        rule: f.rule,
        message: f.message,
        text: f.text,
        suggestions: f.suggestions,
        severity: f.severity,
        where,
        note: index,
        position: { from, to: from + f.text.length },
      });
    }
  });
  return out;
}
