import { Extension } from '@tiptap/core';
import { Plugin, PluginKey, type EditorState, type Transaction } from '@tiptap/pm/state';
import type { EditorView } from '@tiptap/pm/view';

/**
 * ProseMirror learns of what the browser did natively (a caret moved with an arrow key, a
 * selection grown with Ctrl+Shift+←, a typed character) when the browser's `selectionchange` or
 * mutation event reaches it. Chromium runs input before those events when it is busy, so for a
 * moment the editor state still holds the old selection. Two things go wrong in that moment:
 *
 * - a shortcut acts on the old selection (Ctrl+Alt+M comments on one word of the two selected);
 * - an update from elsewhere (spelling underlines arriving from the worker, comment highlights)
 *   redraws and puts the old selection back into the page (prosemirror-view `updateStateInner`),
 *   so the caret jumps.
 *
 * `takeInPendingInput` makes the editor read the page first. ProseMirror has no public call for
 * it; `domObserver.flush()` is what its own `selectionchange` listener calls.
 */
export function takeInPendingInput(view: EditorView): void {
  if (view.isDestroyed || view.composing) return;
  (view as unknown as { domObserver?: { flush(): void } }).domObserver?.flush();
}

/**
 * Dispatches an update that does not come from the user's input (decorations, highlights),
 * after taking in pending input; the transaction is built from the state as it is then.
 */
export function dispatchBesideInput(view: EditorView, build: (state: EditorState) => Transaction): void {
  takeInPendingInput(view);
  if (view.isDestroyed) return;
  view.dispatch(build(view.state));
}

const key = new PluginKey('copydesk-pending-input');

/** Before any keyboard shortcut runs, the editor takes in what the page already shows. */
export const PendingInput = Extension.create({
  name: 'pendingInput',
  // Before every other extension's key handling.
  priority: 10_000,

  addProseMirrorPlugins() {
    return [
      new Plugin({
        key,
        props: {
          handleDOMEvents: {
            keydown: (view, event) => {
              if (!event.isComposing && event.keyCode !== 229) takeInPendingInput(view);
              return false;
            },
          },
        },
      }),
    ];
  },
});
