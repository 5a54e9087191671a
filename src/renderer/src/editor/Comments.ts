import { Extension } from '@tiptap/core';
import type { Node as PMNode } from '@tiptap/pm/model';
import { Plugin, PluginKey } from '@tiptap/pm/state';
import { Decoration, DecorationSet } from '@tiptap/pm/view';
import { dispatchBesideInput } from './pendingInput';
import { addCommentMark, removeCommentMarks, touchesMarks } from '../../../shared/review/comments';
import {
  activeCommentSession,
  setActiveCommentSession,
  type CommentHighlight,
  type CommentSession,
} from './commentSession';

export interface CommentsOptions {
  /** The open article's comments (threads, the one being written, the active one). Default `null`: no highlight, no shortcuts. */
  session: CommentSession | null;
}

declare module '@tiptap/core' {
  interface Commands<ReturnType> {
    comments: {
      /** Marks the selection as commented by thread `id` (not an edit: undo does not take it back). */
      setComment: (id: string) => ReturnType;
      /** Removes thread `id`'s marks from the body. */
      unsetComment: (id: string) => ReturnType;
      /** Turns the selection, or what is typed next, into a note, or a note back into copy. */
      toggleNote: (attrs: { author: string; at: string }) => ReturnType;
    };
  }
}

export const commentsKey = new PluginKey<DecorationSet>('comments');

/** The highlight of commented text: open threads tinted, the active one stronger; resolved ones plain. */
function highlightFor(doc: PMNode, h: CommentHighlight): DecorationSet {
  if (h.open.size === 0) return DecorationSet.empty;
  const decos: Decoration[] = [];
  doc.descendants((node, pos) => {
    if (!node.isText) return true;
    const ids = node.marks
      .filter((m) => m.type.name === 'comment' && h.open.has(m.attrs.id as string))
      .map((m) => m.attrs.id as string);
    if (ids.length === 0) return false;
    const active = h.active !== null && ids.includes(h.active);
    decos.push(
      Decoration.inline(pos, pos + node.nodeSize, {
        class: `comment-highlight${ids.length > 1 ? ' comment-highlight-many' : ''}${active ? ' comment-highlight-active' : ''}`,
        'data-comment-threads': ids.join(' '),
      }),
    );
    return false;
  });
  return DecorationSet.create(doc, decos);
}

/**
 * Comments and notes in the body. Comment anchors are `comment` marks (shared schema); this adds
 * the commands, the highlight (recomputed only when an edit touched comment marks or a thread
 * changed, otherwise mapped through the edit) and a click on commented text making its thread
 * the active one. The threads themselves live in the CommentSession.
 */
export const Comments = Extension.create<CommentsOptions>({
  name: 'comments',

  addOptions() {
    return { session: null };
  },

  addCommands() {
    return {
      setComment:
        (id) =>
        ({ tr, state, dispatch }) => {
          const { from, to } = state.selection;
          if (!addCommentMark(tr, from, to, id)) return false;
          if (dispatch) tr.setMeta('addToHistory', false);
          return true;
        },
      unsetComment:
        (id) =>
        ({ tr, dispatch }) => {
          if (!removeCommentMarks(tr, id)) return false;
          if (dispatch) tr.setMeta('addToHistory', false);
          return true;
        },
      // Not toggleMark: each note carries its own time, so a note with other attributes would
      // not count as "on" and toggling would start a new note instead of ending this one.
      toggleNote:
        (attrs) =>
        ({ editor, commands }) =>
          editor.isActive('note') ? commands.unsetMark('note') : commands.setMark('note', attrs),
    };
  },

  addProseMirrorPlugins() {
    const session = this.options.session;
    if (!session) return [];
    return [
      new Plugin<DecorationSet>({
        key: commentsKey,
        state: {
          init: (_config, state) => highlightFor(state.doc, session.highlight()),
          apply(tr, set) {
            // Typing inside commented text only stretches a highlight: mapping keeps it right.
            if (
              tr.getMeta(commentsKey) ||
              (tr.docChanged && touchesMarks(tr, ['comment'], { typingInside: true }))
            )
              return highlightFor(tr.doc, session.highlight());
            return tr.docChanged ? set.map(tr.mapping, tr.doc) : set;
          },
        },
        props: {
          decorations: (state) => commentsKey.getState(state),
          handleClick: (_view, _pos, event) => {
            const el = (event.target as HTMLElement | null)?.closest<HTMLElement>('.comment-highlight');
            session.activateAmong(el?.dataset.commentThreads?.split(' ') ?? []);
            return false;
          },
        },
      }),
    ];
  },

  onCreate() {
    const session = this.options.session;
    if (!session) return;
    session.onHighlightChanged = () => {
      if (this.editor.isDestroyed) return;
      dispatchBesideInput(this.editor.view, (state) =>
        state.tr.setMeta(commentsKey, true).setMeta('addToHistory', false),
      );
    };
    session.attach(this.editor);
    setActiveCommentSession(session);
  },

  onTransaction({ transaction }) {
    if (transaction.docChanged) this.options.session?.docChanged(transaction);
  },

  onDestroy() {
    const session = this.options.session;
    if (!session) return;
    session.detach();
    session.onHighlightChanged = null;
    if (activeCommentSession() === session) setActiveCommentSession(null);
  },
});
