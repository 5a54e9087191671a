import type React from 'react';
import { useId } from 'react';
import { NodeViewWrapper, ReactNodeViewRenderer, type ReactNodeViewProps } from '@tiptap/react';
import { assetFileOf, Figure } from '../../../shared/editor/Figure';

/**
 * Where the renderer reads a library picture from: the app's own origin, which main (the app://
 * protocol) and the test harness (its static server) both answer from `<library>/assets/`. A
 * path relative to the page, so it works on either origin and stays inside `img-src 'self'`.
 */
export function assetUrl(articleId: string, src: string): string | null {
  const file = assetFileOf(src);
  return file ? `library-assets/${encodeURIComponent(articleId)}/${file}` : null;
}

function FigureNodeView({
  node,
  updateAttributes,
  selected,
  extension,
}: ReactNodeViewProps): React.JSX.Element {
  const id = useId();
  const attrs = node.attrs as { src: string; alt: string; caption: string; credit: string };
  const url = assetUrl((extension.options as FigureViewOptions).articleId, attrs.src);
  const missing = [!attrs.alt.trim() && 'alt text', !attrs.credit.trim() && 'credit'].filter(
    Boolean,
  ) as string[];
  return (
    <NodeViewWrapper
      as="figure"
      className={`figure-view${selected ? ' is-selected' : ''}${missing.length ? ' figure-incomplete' : ''}`}
      data-drag-handle=""
    >
      {url ? (
        <img src={url} alt={attrs.alt} draggable={false} />
      ) : (
        <p className="figure-missing">Picture not found</p>
      )}
      {missing.length > 0 && (
        <p className="figure-flag" data-testid="figure-flag">
          Needs {missing.join(' and ')}
        </p>
      )}
      <div className="figure-fields" contentEditable={false}>
        {(
          [
            ['caption', 'Caption'],
            ['credit', 'Credit'],
            ['alt', 'Alt text'],
          ] as const
        ).map(([key, label]) => (
          <div key={key} className="figure-field">
            <label htmlFor={`${id}-${key}`}>{label}</label>
            <input
              id={`${id}-${key}`}
              className="text-input"
              type="text"
              value={attrs[key]}
              aria-invalid={key !== 'caption' && !attrs[key].trim() ? true : undefined}
              onChange={(e) => updateAttributes({ [key]: e.target.value })}
            />
          </div>
        ))}
      </div>
    </NodeViewWrapper>
  );
}

export interface FigureViewOptions {
  /** The open article, whose asset folder the pictures are in. @default '' */
  articleId: string;
}

/** The shared Figure node with the renderer's view: picture, fields and the missing-field flag. */
export const FigureWithView = Figure.extend<FigureViewOptions & { HTMLAttributes: Record<string, unknown> }>({
  addOptions() {
    return { HTMLAttributes: {}, articleId: '' };
  },
  addNodeView() {
    return ReactNodeViewRenderer(FigureNodeView);
  },
});
