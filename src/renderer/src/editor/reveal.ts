import { Extension } from '@tiptap/core';
import { Plugin, Selection, TextSelection, type EditorState } from '@tiptap/pm/state';
import { Decoration, DecorationSet } from '@tiptap/pm/view';
import { isMac } from '../platform';

/**
 * Scrolls `el` (inside the body) to the middle of the screen and keeps it there while the blocks
 * around it are drawn for the first time.
 *
 * The body's blocks are laid out only near the screen (`content-visibility: auto` in app.css);
 * those never shown stand in at an estimated height. Scrolling far down draws the blocks at the
 * new place a frame or two later, their real heights replace the estimates, and what was
 * scrolled to can move off screen. So it is looked at after each of the next few frames and
 * scrolled to again whenever it is off screen.
 */
export function revealInBody(el: Element, frames = 8): void {
  el.scrollIntoView({ block: 'center', inline: 'nearest' });
  const look = (left: number): void => {
    if (left <= 0 || !el.isConnected) return;
    requestAnimationFrame(() => {
      const r = el.getBoundingClientRect();
      if (r.bottom < 0 || r.top > window.innerHeight)
        el.scrollIntoView({ block: 'center', inline: 'nearest' });
      look(left - 1);
    });
  };
  look(frames);
}

/**
 * The caret's version of `revealInBody`. When a command moves the selection somewhere off screen
 * (Ctrl+End, a jump from a panel), ProseMirror scrolls to it by the estimated heights of the
 * blocks in between; once they are drawn the caret can be off screen again, and it is scrolled
 * back. Selections already on screen (every keystroke) cost one position lookup, which
 * ProseMirror's own scroll then reuses.
 *
 * The start and end of the story (Ctrl+Home and Ctrl+End, ⌘↑ and ⌘↓ on a Mac, with Shift to
 * select) are moved to here rather than by the browser: the browser places the caret by the
 * layout, and a last block that was never drawn has none, so Ctrl+End left the caret at the
 * start of the last paragraph.
 */
export const KeepCaretInView = Extension.create({
  name: 'keepCaretInView',

  addKeyboardShortcuts() {
    const to = (end: boolean, extend: boolean) => (): boolean => {
      const { state, view } = this.editor;
      const target = end ? Selection.atEnd(state.doc) : Selection.atStart(state.doc);
      const selection = extend ? TextSelection.between(state.selection.$anchor, target.$head) : target;
      view.dispatch(state.tr.setSelection(selection).scrollIntoView());
      return true;
    };
    const [start, end] = isMac ? ['Mod-ArrowUp', 'Mod-ArrowDown'] : ['Ctrl-Home', 'Ctrl-End'];
    return {
      [start]: to(false, false),
      [end]: to(true, false),
      [`Shift-${start}`]: to(false, true),
      [`Shift-${end}`]: to(true, true),
    };
  },

  addProseMirrorPlugins() {
    // Where the caret was when last scrolled to. Typing, deleting and arrowing move it a little,
    // into blocks already drawn (the browser draws a margin around the screen), and skip the look
    // (it would lay out the page before ProseMirror's own scroll does, on every keystroke).
    let last = -1;
    return [
      new Plugin({
        props: {
          handleScrollToSelection(view) {
            const head = view.state.selection.head;
            const near = last >= 0 && Math.abs(head - last) < NEAR;
            last = head;
            if (near || onScreen(view.coordsAtPos(head))) return false;
            const look = (left: number): void => {
              requestAnimationFrame(() => {
                if (view.isDestroyed) return;
                const at = view.coordsAtPos(view.state.selection.head);
                if (!onScreen(at)) scrollToMiddle(view.dom, at);
                if (left > 1) look(left - 1);
              });
            };
            look(8);
            return false;
          },
        },
      }),
    ];
  },
});

/** Positions (about characters) within which a caret move stays among blocks already drawn. */
const NEAR = 500;

function onScreen(r: { top: number; bottom: number }): boolean {
  return r.bottom >= 0 && r.top <= window.innerHeight;
}

/** Scrolls the nearest scrolling ancestor of `inside` so that `at` is in the middle of it. */
function scrollToMiddle(inside: HTMLElement, at: { top: number; bottom: number }): void {
  let scroller: HTMLElement | null = inside.parentElement;
  while (scroller && scroller.scrollHeight <= scroller.clientHeight) scroller = scroller.parentElement;
  if (!scroller) return;
  const box = scroller.getBoundingClientRect();
  scroller.scrollTop += (at.top + at.bottom) / 2 - (box.top + scroller.clientHeight / 2);
}

/** Top-level blocks on each side of the caret's that are kept drawn with it. */
const NEAR_BLOCKS = 2;

/**
 * Keeps the top-level block holding the caret, and two on each side, drawn at all times (class
 * `near-caret`, app.css). A block under `content-visibility: auto` is drawn only once a frame has
 * found it near the screen; typed into before that (a paragraph just made by Enter, with the
 * next key pressed within the frame), Chromium put the caret back at the block's start and the
 * next characters went in before the first (an e2e test failed on it about one run in three).
 * The class is set in the same update that moves the selection or makes the block, so the block
 * is drawn before any key reaches it; the neighbours make it so when the caret moves on by a
 * block or two.
 */
export const DrawnNearCaret = Extension.create({
  name: 'drawnNearCaret',

  addProseMirrorPlugins() {
    return [
      new Plugin({
        props: {
          decorations: (state: EditorState) => {
            const { doc } = state;
            if (doc.childCount === 0) return DecorationSet.empty;
            const $head = state.selection.$head;
            const at = Math.min($head.index(0), doc.childCount - 1);
            const first = Math.max(0, at - NEAR_BLOCKS);
            const last = Math.min(doc.childCount - 1, at + NEAR_BLOCKS);
            let pos = $head.posAtIndex(first, 0);
            const near: Decoration[] = [];
            for (let i = first; i <= last; i++) {
              const size = doc.child(i).nodeSize;
              near.push(Decoration.node(pos, pos + size, { class: 'near-caret' }));
              pos += size;
            }
            return DecorationSet.create(doc, near);
          },
        },
      }),
    ];
  },
});
