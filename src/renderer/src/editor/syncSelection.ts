import { TextSelection } from '@tiptap/pm/state';
import type { EditorView } from '@tiptap/pm/view';

/**
 * Makes the editor's selection match what the user sees selected. Chromium reports selection
 * changes in a later task, so a shortcut pressed straight after Shift+Arrow can arrive while
 * ProseMirror still holds the previous selection; a dialog that then takes focus makes
 * ProseMirror ignore the late update, and the link would cover one character too few.
 */
export function syncSelectionFromDom(view: EditorView): void {
  if (!(view.state.selection instanceof TextSelection)) return;
  const sel = view.dom.ownerDocument.getSelection();
  const { anchorNode, focusNode } = sel ?? {};
  if (!sel || !anchorNode || !focusNode || !view.dom.contains(anchorNode) || !view.dom.contains(focusNode))
    return;
  let anchor: number;
  let head: number;
  try {
    anchor = view.posAtDOM(anchorNode, sel.anchorOffset);
    head = view.posAtDOM(focusNode, sel.focusOffset);
  } catch {
    return; // A DOM position ProseMirror does not map: keep its own selection.
  }
  const current = view.state.selection;
  if (current.anchor === anchor && current.head === head) return;
  const { doc } = view.state;
  view.dispatch(view.state.tr.setSelection(TextSelection.between(doc.resolve(anchor), doc.resolve(head))));
}
