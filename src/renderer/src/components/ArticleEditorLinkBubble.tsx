import type React from 'react';
import { useLayoutEffect, useRef, useState } from 'react';
import { useEditorState, type Editor } from '@tiptap/react';
import { api } from '../api';

interface LinkBubbleProps {
  editor: Editor;
  onEdit: () => void;
  onError: (message: string) => void;
}

/**
 * Open, edit or remove the link at the caret: shown under the link while the caret is in it.
 * Its selector reads no layout, so typing outside links costs nothing; the position is measured
 * only when the bubble shows or moves to another link.
 */
export function ArticleEditorLinkBubble({
  editor,
  onEdit,
  onError,
}: LinkBubbleProps): React.JSX.Element | null {
  const link = useEditorState({
    editor,
    selector: ({ editor: e }) => {
      if (!e.isActive('link')) return null;
      const { from } = e.state.selection;
      return { href: (e.getAttributes('link').href as string) ?? '', from };
    },
    equalityFn: (a, b) => a === b || (a !== null && b !== null && a.href === b.href && a.from === b.from),
  });
  const ref = useRef<HTMLDivElement>(null);
  const [pos, setPos] = useState<{ top: number; left: number } | null>(null);

  useLayoutEffect(() => {
    if (!link) return;
    const container = ref.current?.offsetParent;
    if (!container) return;
    const at = editor.view.coordsAtPos(link.from);
    const box = container.getBoundingClientRect();
    setPos({ top: at.bottom - box.top + container.scrollTop + 6, left: Math.max(0, at.left - box.left) });
  }, [editor, link]);

  if (!link) return null;
  const keep = (e: React.MouseEvent): void => e.preventDefault();
  return (
    <div
      ref={ref}
      className="link-bubble"
      role="toolbar"
      aria-label="Link"
      style={pos ? { top: pos.top, left: pos.left } : { visibility: 'hidden' }}
    >
      <span className="link-bubble-url" title={link.href}>
        {link.href}
      </span>
      <button
        type="button"
        className="button button-quiet button-small"
        onMouseDown={keep}
        onClick={() => {
          api
            .openExternal({ url: link.href })
            .catch((e: unknown) => onError(String((e as Error)?.message ?? e)));
        }}
      >
        Open
      </button>
      <button type="button" className="button button-quiet button-small" onMouseDown={keep} onClick={onEdit}>
        Edit
      </button>
      <button
        type="button"
        className="button button-quiet button-small"
        onMouseDown={keep}
        onClick={() => editor.chain().focus().extendMarkRange('link').unsetLink().run()}
      >
        Remove
      </button>
    </div>
  );
}
