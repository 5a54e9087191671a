import { EditorState } from '@tiptap/pm/state';
import type { Node as PMNode } from '@tiptap/pm/model';
import { applySuggestions, revertSuggestions } from '@handlewithcare/prosemirror-suggest-changes';
import type { Article, BodyDoc, CommentThread, FieldSuggestion } from '../article';
import { articleSchema } from '../editor/schema';
import { SUGGESTION_MARKS } from '../editor/ReviewMarks';
import { parseSuggestionId, type SuggestionAuthorship } from './suggestionIds';

/**
 * What review leaves in an article, and the article as it may be exported. No export ever
 * carries a suggestion, a comment or a note: every exporter is fed `articleForExport`.
 */

export type SuggestionKind = 'insertion' | 'deletion' | 'modification';

/** One body suggestion (all the marks sharing an id), in document order. */
export interface SuggestionSummary extends Partial<SuggestionAuthorship> {
  id: string;
  kinds: SuggestionKind[];
  /** The text it inserts, deletes or reformats (may be empty for a new empty paragraph). */
  text: string;
  /** The document position of its first mark: document order. */
  from: number;
}

export function bodyNode(body: BodyDoc): PMNode {
  return articleSchema().nodeFromJSON(body);
}

/** The body's suggestions in document order, one entry per suggestion id. */
export function listSuggestions(body: BodyDoc | PMNode): SuggestionSummary[] {
  const doc = 'nodeSize' in body ? body : bodyNode(body);
  const byId = new Map<string, SuggestionSummary>();
  doc.descendants((node, pos) => {
    for (const mark of node.marks) {
      if (!(SUGGESTION_MARKS as readonly string[]).includes(mark.type.name)) continue;
      const id = String(mark.attrs.id);
      let entry = byId.get(id);
      if (!entry) {
        entry = { id, kinds: [], text: '', from: pos, ...parseSuggestionId(mark.attrs.id) };
        byId.set(id, entry);
      }
      const kind = mark.type.name as SuggestionKind;
      if (!entry.kinds.includes(kind)) entry.kinds.push(kind);
      // Text nodes carry their own text; a block mark covers its block's text, read once.
      if (node.isText) entry.text += node.text ?? '';
      else if (node.isBlock) {
        // A block mark covers its block; when the block's text carries the same suggestion
        // (a merge marks both), that text is counted as the text nodes come.
        let textMarked = false;
        node.descendants((child) => {
          if (child.isText && child.marks.some((m) => m.type === mark.type && m.attrs.id === mark.attrs.id)) {
            textMarked = true;
          }
          return !textMarked;
        });
        entry.text += `${entry.text ? '\n' : ''}${textMarked ? '' : node.textContent}`;
      }
    }
    return true;
  });
  return [...byId.values()]
    .map((s) => ({ ...s, text: s.text.replace(/\u200B/g, '') }))
    .sort((a, b) => a.from - b.from);
}

/**
 * Applies (accept) or reverts (reject) every suggestion in a body.
 *
 * The suggest-changes library marks a suggested paragraph break with a zero-width space inside
 * the suggestion. When typing merges that space into the following text, resolving leaves it
 * behind (the library only removes a text node that is the space alone), so the spaces that
 * belonged to a resolved suggestion are removed here too.
 */
export function resolveAllSuggestions(body: BodyDoc, how: 'accept' | 'reject'): BodyDoc {
  const doc = bodyNode(body);
  const state = EditorState.create({ doc });
  const leftover: number[] = [];
  const kept = how === 'accept' ? 'insertion' : 'deletion';
  doc.descendants((node, pos) => {
    if (!node.isText || !node.text?.includes('\u200B')) return true;
    if (!node.marks.some((m) => m.type.name === kept)) return true;
    for (let i = node.text.indexOf('\u200B'); i >= 0; i = node.text.indexOf('\u200B', i + 1)) {
      leftover.push(pos + i);
    }
    return true;
  });
  let tr = state.tr;
  const command = how === 'accept' ? applySuggestions : revertSuggestions;
  command(state, (t) => {
    tr = t;
  });
  for (const pos of leftover.reverse()) {
    const mapped = tr.mapping.mapResult(pos, 1);
    if (mapped.deleted) continue;
    if (tr.doc.textBetween(mapped.pos, mapped.pos + 1) === '\u200B') tr.delete(mapped.pos, mapped.pos + 1);
  }
  return tr.doc.toJSON() as BodyDoc;
}

/** Removes note text and comment anchors: what an editor writes to the desk is not copy. */
function stripNotesAndComments(body: BodyDoc): BodyDoc {
  const schema = articleSchema();
  const doc = schema.nodeFromJSON(body);
  let state = EditorState.create({ doc });
  const tr = state.tr;
  const notes: { from: number; to: number }[] = [];
  doc.descendants((node, pos) => {
    if (node.isText && node.marks.some((m) => m.type.name === 'note')) {
      notes.push({ from: pos, to: pos + node.nodeSize });
    }
  });
  for (const range of notes.reverse()) tr.delete(range.from, range.to);
  tr.removeMark(0, tr.doc.content.size, schema.marks.comment);
  state = state.apply(tr);
  return state.doc.toJSON() as BodyDoc;
}

export interface OpenReviewItems {
  suggestions: SuggestionSummary[];
  fieldSuggestions: FieldSuggestion[];
  /** Unresolved comment threads. */
  comments: CommentThread[];
}

/** What is still open in review: exports warn about these, and publish-ready HTML refuses. */
export function openReviewItems(article: Article): OpenReviewItems {
  return {
    suggestions: listSuggestions(article.body),
    fieldSuggestions: article.fieldSuggestions ?? [],
    comments: (article.comments ?? []).filter((c) => !c.resolved),
  };
}

export function hasOpenReviewItems(items: OpenReviewItems): boolean {
  return items.suggestions.length + items.fieldSuggestions.length + items.comments.length > 0;
}

/**
 * The article as it may be exported: suggestions resolved (`reject`, the default, is the
 * original text; `accept` takes every suggestion), notes removed, comment anchors dropped, and
 * no comments or field suggestions carried.
 */
export function articleForExport(article: Article, suggestions: 'reject' | 'accept' = 'reject'): Article {
  const resolved = listSuggestions(article.body).length
    ? resolveAllSuggestions(article.body, suggestions)
    : article.body;
  const fields =
    suggestions === 'accept'
      ? Object.fromEntries((article.fieldSuggestions ?? []).map((s) => [s.field, s.to]))
      : {};
  const { comments: _c, fieldSuggestions: _f, ...rest } = article;
  return { ...rest, ...fields, body: stripNotesAndComments(resolved) };
}
