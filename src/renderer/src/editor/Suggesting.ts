import { Extension } from '@tiptap/core';
import { Plugin, PluginKey, TextSelection, type EditorState } from '@tiptap/pm/state';
import { Decoration, DecorationSet } from '@tiptap/pm/view';
import type { Node as PMNode } from '@tiptap/pm/model';
import { parseSuggestionId } from '../../../shared/review/suggestionIds';
import {
  acceptedSlice,
  ANCHOR,
  SUGGESTING_REFUSED,
  suggestTransaction,
} from '../../../shared/review/suggesting';
import type { SuggestionSession } from './suggestionSession';

export interface SuggestingOptions {
  /**
   * The open article's suggestion session: whether suggesting is on, and who is suggesting.
   * @default null (never suggesting)
   */
  session: SuggestionSession | null;
}

/** How many author colours there are (see `.suggestion-author-N` in suggestions.css). */
export const AUTHOR_COLOURS = 8;

/** A stable colour slot for a name (FNV-1a hash), so an author keeps their colour everywhere. */
export function authorColour(name: string): number {
  let h = 0x811c9dc5;
  for (let i = 0; i < name.length; i++) {
    h ^= name.charCodeAt(i);
    h = Math.imul(h, 0x01000193);
  }
  return (h >>> 0) % AUTHOR_COLOURS;
}

const decorationsKey = new PluginKey<DecorationSet>('copydesk-suggestion-colours');

function colourDecorations(doc: PMNode): DecorationSet {
  const decorations: Decoration[] = [];
  doc.descendants((node, pos) => {
    for (const mark of node.marks) {
      const kind = mark.type.name;
      if (kind !== 'insertion' && kind !== 'deletion' && kind !== 'modification') continue;
      const who = parseSuggestionId(mark.attrs.id);
      const name = who?.author.name ?? 'Unknown';
      const attrs = {
        class: `suggestion suggestion-${kind} suggestion-author-${authorColour(name)}`,
        title: `${kind === 'insertion' ? 'Inserted' : kind === 'deletion' ? 'Deleted' : 'Formatted'} by ${name}`,
      };
      if (node.isInline) decorations.push(Decoration.inline(pos, pos + node.nodeSize, attrs));
      else decorations.push(Decoration.node(pos, pos + node.nodeSize, attrs));
    }
    return true;
  });
  return DecorationSet.create(doc, decorations);
}

/**
 * Suggesting mode (track changes) in the editor: while the session says so, every transaction
 * is turned into suggestions (`suggestTransaction`, attributed to the reviewer); insertions and
 * deletions are coloured per author; copying takes the text as it will read. Accepting and
 * rejecting go through the session (plain undoable transactions).
 */
export const Suggesting = Extension.create<SuggestingOptions>({
  name: 'suggesting',

  addOptions() {
    return { session: null };
  },

  dispatchTransaction({ transaction, next }) {
    const session = this.options.session;
    if (!session?.suggesting || this.editor.view.composing) return next(transaction);
    const out = suggestTransaction(transaction, this.editor.state, session.author());
    const refused = out.getMeta(SUGGESTING_REFUSED) as string | undefined;
    if (refused) session.showRefused(refused);
    else if (out.docChanged) session.clearRefused();
    next(out);
  },

  addKeyboardShortcuts() {
    // The zero-width anchors at a suggested paragraph break are invisible: step over them.
    const skip = (dir: -1 | 1) => (): boolean => {
      const { state, view } = this.editor;
      const sel = state.selection;
      if (!(sel instanceof TextSelection) || !sel.empty || !sel.$cursor) return false;
      const $c = sel.$cursor;
      const next = dir > 0 ? $c.nodeAfter?.text?.startsWith(ANCHOR) : $c.nodeBefore?.text?.endsWith(ANCHOR);
      if (!next) return false;
      view.dispatch(state.tr.setSelection(TextSelection.create(state.doc, $c.pos + dir)));
      return false;
    };
    return { ArrowRight: skip(1), ArrowLeft: skip(-1) };
  },

  addProseMirrorPlugins() {
    return [
      new Plugin<DecorationSet>({
        key: decorationsKey,
        state: {
          init: (_config, state: EditorState) => colourDecorations(state.doc),
          apply: (tr, old) => (tr.docChanged ? colourDecorations(tr.doc) : old),
        },
        props: {
          decorations: (state) => decorationsKey.getState(state),
          transformCopied: (slice, view) => {
            const { from, to } = view.state.selection;
            if (to <= from) return slice;
            const accepted = acceptedSlice(view.state.doc, from, to);
            return accepted.content.size ? accepted : slice;
          },
        },
      }),
    ];
  },
});
