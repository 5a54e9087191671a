import { getExtensionField, Mark, Node, type AnyExtension } from '@tiptap/core';
import type { MarkSpec } from '@tiptap/pm/model';
import {
  deletion as deletionSpec,
  insertion as insertionSpec,
  modification as modificationSpec,
} from '@handlewithcare/prosemirror-suggest-changes';

/**
 * The review marks of the article body: suggestions (insertion, deletion, modification, from
 * @handlewithcare/prosemirror-suggest-changes), comment anchors and notes. They are part of the
 * shared schema so that the library can validate, the exporters can strip and the CLI can list
 * them; none of them is ever exported (see shared/review/forExport.ts).
 */

/** The suggestion marks' names, as the suggest-changes library requires them. */
export const SUGGESTION_MARKS = ['insertion', 'deletion', 'modification'] as const;

/**
 * A TipTap mark wrapping one of the library's MarkSpecs unchanged: the spec's own toDOM (which
 * knows whether the mark is on inline or block content) and parseDOM are kept by giving no
 * renderHTML/parseHTML and passing them through `extendMarkSchema`.
 */
function suggestionMark(name: (typeof SUGGESTION_MARKS)[number], spec: MarkSpec) {
  return Mark.create({
    name,
    inclusive: false,
    excludes: spec.excludes,
    // Accepting or rejecting is the only way a suggestion goes; "clear formatting" keeps it.
    clearable: false,
    addAttributes() {
      const attrs: Record<string, { default?: unknown; validate?: string }> = {};
      for (const [key, value] of Object.entries(spec.attrs ?? {})) {
        attrs[key] = {
          ...('default' in value && { default: value.default as unknown }),
          ...(typeof value.validate === 'string' && { validate: value.validate }),
        };
      }
      // TipTap would otherwise render each attribute as an HTML attribute; the spec's toDOM does that.
      return Object.fromEntries(
        Object.entries(attrs).map(([key, value]) => [key, { ...value, rendered: false }]),
      );
    },
    extendMarkSchema(extension) {
      if (extension.name !== name) return {};
      return { toDOM: spec.toDOM, parseDOM: spec.parseDOM };
    },
  });
}

export const Insertion = suggestionMark('insertion', insertionSpec);
export const Deletion = suggestionMark('deletion', deletionSpec);
export const Modification = suggestionMark('modification', modificationSpec);

/**
 * Where a comment thread is anchored in the body. Threads overlap, so a range may carry several
 * comment marks (`excludes: ''`); the thread itself (text, replies, resolved) is in
 * `article.comments`, found by `id`.
 */
export const CommentMark = Mark.create({
  name: 'comment',
  inclusive: false,
  excludes: '',
  clearable: false,
  addAttributes() {
    return {
      id: {
        default: null,
        parseHTML: (el) => el.getAttribute('data-comment-id'),
        renderHTML: (attrs) => ({ 'data-comment-id': attrs.id as string }),
      },
    };
  },
  parseHTML() {
    return [{ tag: 'span[data-comment-id]' }];
  },
  renderHTML({ HTMLAttributes }) {
    return ['span', { ...HTMLAttributes, class: 'comment-anchor' }, 0];
  },
});

/**
 * A note: the editor's private aside inside the text (the Guardian's "notes"). Shown in the
 * editor in its own style, never exported.
 */
export const NoteMark = Mark.create({
  name: 'note',
  // Outermost of the marks (links are 1000): a note with bold words inside is one element, so
  // its "Note" label shows once.
  priority: 1001,
  inclusive: true,
  clearable: false,
  addAttributes() {
    return {
      author: {
        default: '',
        parseHTML: (el) => el.getAttribute('data-note-author') ?? '',
        renderHTML: (attrs) => ({ 'data-note-author': attrs.author as string }),
      },
      at: {
        default: '',
        parseHTML: (el) => el.getAttribute('data-note-at') ?? '',
        renderHTML: (attrs) => ({ 'data-note-at': attrs.at as string }),
      },
    };
  },
  parseHTML() {
    return [{ tag: 'span[data-note]' }];
  },
  renderHTML({ HTMLAttributes }) {
    return ['span', { ...HTMLAttributes, 'data-note': '', class: 'editor-note' }, 0];
  },
});

/**
 * The document node, allowing the suggestion marks on its blocks (a suggested new or deleted
 * paragraph is a block carrying the mark), as the suggest-changes library asks.
 */
export const ArticleDocument = Node.create({
  name: 'doc',
  topNode: true,
  content: 'block+',
  marks: SUGGESTION_MARKS.join(' '),
});

/**
 * Lets every container node (block quote, lists and list items, pull quote, table, rows and
 * cells) carry the suggestion marks on its children, as the doc node does: the suggest-changes
 * library marks a whole inserted or deleted block with a node mark, and ProseMirror accepts a
 * mark on a node only when its parent allows it (`node.check()`, which the library runs on
 * every save, would refuse the body otherwise). Kits (StarterKit, TableKit: extensions that
 * only add others) are opened one level so their nodes can be extended; nodes with inline
 * content already allow every mark, and a node that declares its own `marks` keeps them.
 */
export function allowSuggestionMarksInContainers(extensions: AnyExtension[]): AnyExtension[] {
  const opened = extensions.flatMap((e): AnyExtension[] => {
    const ctx = { name: e.name, options: e.options as unknown, storage: e.storage as unknown };
    const addExtensions = getExtensionField<(() => AnyExtension[]) | undefined>(e, 'addExtensions', ctx);
    if (e.type !== 'extension' || !addExtensions) return [e];
    return [e.extend({ addExtensions: () => [] }), ...addExtensions()];
  });
  return opened.map((e) => {
    if (e.type !== 'node' || getExtensionField(e, 'topNode')) return e;
    const ctx = { name: e.name, options: e.options as unknown, storage: e.storage as unknown };
    const content = getExtensionField<string | (() => string) | undefined>(e, 'content', ctx);
    const expr = typeof content === 'function' ? content() : content;
    if (!expr || /inline|text/.test(expr) || getExtensionField(e, 'marks', ctx) !== undefined) return e;
    return (e as Node).extend({ marks: SUGGESTION_MARKS.join(' ') });
  });
}
