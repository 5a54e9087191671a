import { Node } from '@tiptap/core';
import type { DOMOutputSpec } from '@tiptap/pm/model';

/** A picture stored in the library: `asset:<sha256 prefix>.<ext>`, kept under `assets/<articleId>/`. */
export const ASSET_REF = /^asset:([a-f0-9]{16,64}\.(?:png|jpg|gif|webp))$/;

/** The file name inside the article's asset folder, or null when `src` is not an asset reference. */
export function assetFileOf(src: unknown): string | null {
  if (typeof src !== 'string') return null;
  const m = ASSET_REF.exec(src);
  return m ? m[1]! : null;
}

export interface FigureAttrs {
  /** `asset:<file>`; see {@link ASSET_REF}. */
  src: string;
  /** Alt text for readers who cannot see the picture. */
  alt: string;
  caption: string;
  /** Photographer or agency, published in its own element. */
  credit: string;
}

export interface FigureOptions {
  /**
   * Extra HTML attributes on the `<figure>`.
   * @default {}
   */
  HTMLAttributes: Record<string, unknown>;
}

declare module '@tiptap/core' {
  interface Commands<ReturnType> {
    figure: {
      /** Inserts a figure at the selection. */
      setFigure: (attrs: Partial<FigureAttrs> & { src: string }) => ReturnType;
      /** Changes fields of the selected figure. */
      updateFigure: (attrs: Partial<FigureAttrs>) => ReturnType;
    };
  }
}

const text = (value: unknown): string => (typeof value === 'string' ? value : '');

/**
 * A picture with its caption, credit and alt text.
 *
 * Caption, credit and alt text are node attributes, not child nodes: they are plain text a desk
 * fills in a form, each checked on its own (a figure without alt text or credit is flagged), and
 * the figure moves, copies and deletes as one atom, so a caption can never be split from its
 * picture by a selection. The price is no formatting inside a caption, which news captions do
 * not use.
 */
export const Figure = Node.create<FigureOptions>({
  name: 'figure',
  group: 'block',
  atom: true,
  draggable: true,
  selectable: true,

  addOptions() {
    return { HTMLAttributes: {} };
  },

  addAttributes() {
    // Read and written by parseHTML/renderHTML below, which know the figure's inner structure.
    return {
      src: { default: '', rendered: false },
      alt: { default: '', rendered: false },
      caption: { default: '', rendered: false },
      credit: { default: '', rendered: false },
    };
  },

  parseHTML() {
    return [
      {
        tag: 'figure',
        getAttrs: (element) => {
          const img = element.querySelector('img');
          const raw = img?.getAttribute('src') ?? '';
          // Our own export writes `assets/<file>`; anything else (a picture on someone's server)
          // is not in the library, so the figure is not kept and its caption becomes text.
          const exported = /^assets\/([a-f0-9]{16,64}\.(?:png|jpg|gif|webp))$/.exec(raw);
          const src = exported ? `asset:${exported[1]}` : raw;
          if (!assetFileOf(src)) return false;
          const figcaption = element.querySelector('figcaption');
          const creditEl = figcaption?.querySelector('.credit');
          const credit = creditEl?.textContent?.trim() ?? '';
          let caption = figcaption?.textContent ?? '';
          if (creditEl) caption = caption.replace(creditEl.textContent ?? '', '');
          return { src, alt: img?.getAttribute('alt') ?? '', caption: caption.trim(), credit };
        },
      },
    ];
  },

  renderHTML({ node, HTMLAttributes }) {
    const caption = text(node.attrs.caption).trim();
    const credit = text(node.attrs.credit).trim();
    const img: DOMOutputSpec = ['img', { src: text(node.attrs.src), alt: text(node.attrs.alt) }];
    // Strings in a DOMOutputSpec array are text nodes (ProseMirror and the static renderer both
    // escape them); the type only says so for the top level.
    const parts: (DOMOutputSpec | string)[] = [];
    if (caption) parts.push(caption);
    if (caption && credit) parts.push(' ');
    if (credit) parts.push(['span', { class: 'credit' }, credit]);
    const attrs = { ...this.options.HTMLAttributes, ...HTMLAttributes };
    return (
      parts.length > 0 ? ['figure', attrs, img, ['figcaption', {}, ...parts]] : ['figure', attrs, img]
    ) as DOMOutputSpec;
  },

  addCommands() {
    return {
      setFigure:
        (attrs) =>
        ({ commands }) =>
          commands.insertContent({ type: this.name, attrs }),
      updateFigure:
        (attrs) =>
        ({ commands }) =>
          commands.updateAttributes(this.name, attrs),
    };
  },
});
