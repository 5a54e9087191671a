import type { Editor } from '@tiptap/react';
import { useLayoutEffect, useRef } from 'react';

/**
 * Puts the body editor's page element where this is rendered (TipTap makes the editor with
 * `immediatelyRender`, so its view already exists, in a detached element).
 *
 * TipTap's `EditorContent` does this too, and more that costs a pass over the whole story each
 * time: mounting, it registers a plugin for the Enter key of mobile keyboards (ProseMirror then
 * rebuilds every plugin view and its decorations) and hands ProseMirror new node-view functions
 * so that React node views can draw into its portal (ProseMirror then redraws every block);
 * unmounting, it undoes both, for an editor about to be destroyed. This app runs on desktops and
 * has no React node view (the figure's is plain DOM, FigureView.tsx), so it needs neither.
 */
export function EditorMount({
  editor,
  className,
}: {
  editor: Editor;
  className?: string;
}): React.JSX.Element {
  const host = useRef<HTMLDivElement>(null);
  useLayoutEffect(() => {
    const dom = editor.view.dom;
    const el = host.current!;
    el.append(dom);
    editor.options.element = el;
    return () => {
      // Back to a detached element, as TipTap keeps an unmounted editor (React's StrictMode
      // mounts twice in development; the editor itself is destroyed by `useEditor`).
      const parking = document.createElement('div');
      parking.append(dom);
      editor.options.element = parking;
    };
  }, [editor]);
  return <div ref={host} className={className} />;
}
