import { Extension } from '@tiptap/core';
import { Plugin, PluginKey, TextSelection, type EditorState } from '@tiptap/pm/state';
import type { DecorationSet } from '@tiptap/pm/view';
import { colourDecorations, updateColourDecorations } from '../../../shared/editor/suggestionColours';
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

const decorationsKey = new PluginKey<DecorationSet>('copydesk-suggestion-colours');

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
          apply: (tr, old) => updateColourDecorations(old, tr),
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
