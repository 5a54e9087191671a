// Only types from ProseMirror: src/checks stays free of any editor at run time.
import type { EditorState, Transaction } from '@tiptap/pm/state';

/** One replacement a finding's fix makes in the body: ProseMirror positions and the new text. */
export interface BodyFix {
  from: number;
  to: number;
  text: string;
}

/**
 * The transaction that applies findings' fixes to the body: one ordinary editing transaction
 * (undoable in one step, no meta), applied last first so earlier positions stay true, skipping a
 * fix that overlaps one already made. Because it is ordinary, whatever the editor does with
 * typing applies to it too: in suggesting mode the `dispatchTransaction` hook turns it into a
 * suggestion (the misspelling marked deleted, the fix marked inserted) like any edit. It must
 * never carry `SKIP_SUGGESTING` or `addToHistory: false`.
 */
export function fixTransaction(state: EditorState, fixes: readonly BodyFix[]): { tr: Transaction; fixed: number } {
  const tr = state.tr;
  let lastFrom = Infinity;
  let fixed = 0;
  for (const f of [...fixes].sort((a, b) => b.from - a.from)) {
    // Overlapping findings: the later one already changed this text.
    if (f.to > lastFrom) continue;
    tr.insertText(f.text, f.from, f.to);
    lastFrom = f.from;
    fixed++;
  }
  return { tr, fixed };
}
