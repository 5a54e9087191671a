import { Extension } from '@tiptap/core';
import { Plugin, PluginKey } from '@tiptap/pm/state';

/**
 * Text typed straight after a link is not part of the link. TipTap makes the link mark
 * inclusive when autolinking is on (the shared preset turns it on), so the full stop after
 * "read the full report" would silently join the link; the schema stays as shared, only
 * typing at the link's end changes.
 */
export const LinkBoundary = Extension.create({
  name: 'linkBoundary',

  addProseMirrorPlugins() {
    return [
      new Plugin({
        key: new PluginKey('linkBoundary'),
        props: {
          handleTextInput: (view, from, to, text) => {
            const link = view.state.schema.marks.link;
            if (!link || from !== to) return false;
            const $pos = view.state.doc.resolve(from);
            const before = $pos.nodeBefore;
            const after = $pos.nodeAfter;
            const endsLink =
              before?.isText && link.isInSet(before.marks) && !(after && link.isInSet(after.marks));
            if (!endsLink) return false;
            // Marks the user set for the next character (e.g. Ctrl+B) are theirs to keep.
            if (view.state.storedMarks) return false;
            const marks = before.marks.filter((m) => m.type !== link);
            view.dispatch(view.state.tr.insert(from, view.state.schema.text(text, marks)).scrollIntoView());
            return true;
          },
        },
      }),
    ];
  },
});
