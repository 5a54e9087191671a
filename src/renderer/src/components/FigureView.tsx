import { NodeView, type NodeViewRendererProps } from '@tiptap/core';
import type { Node as PMNode } from '@tiptap/pm/model';
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

type FigureAttrs = { src: string; alt: string; caption: string; credit: string };

const FIELDS = [
  ['caption', 'Caption'],
  ['credit', 'Credit'],
  ['alt', 'Alt text'],
] as const;

let nextId = 0;

/** Figures whose picture waits until they come near the screen, with what loads it. */
const waitingPictures = new Map<Element, () => void>();
let pictureObserver: IntersectionObserver | null = null;

/**
 * Runs `load` once `el` is within about two screens of the visible part of the page; returns a
 * function that cancels it. A long story opens with every figure's picture still unloaded except
 * those near the top: with each of thirty pictures loaded at once, Chromium laid the page out
 * once per picture before the first frame, about 100 ms of the opening at 60,000 words
 * (docs/editor-benchmark.md).
 */
function whenNearScreen(el: Element, load: () => void): () => void {
  if (typeof IntersectionObserver === 'undefined') {
    load();
    return () => {};
  }
  pictureObserver ??= new IntersectionObserver(
    (entries) => {
      for (const entry of entries) {
        if (!entry.isIntersecting) continue;
        const run = waitingPictures.get(entry.target);
        waitingPictures.delete(entry.target);
        pictureObserver?.unobserve(entry.target);
        run?.();
      }
    },
    { rootMargin: '1500px 0px' },
  );
  waitingPictures.set(el, load);
  pictureObserver.observe(el);
  return () => {
    if (waitingPictures.delete(el)) pictureObserver?.unobserve(el);
  };
}

/**
 * A figure in the body: the picture, a flag while alt text or credit is missing, and the caption,
 * credit and alt-text fields, each written straight into the node's attributes.
 *
 * Plain DOM rather than a React node view: a React node view cannot draw until the editor's
 * React content is mounted, so TipTap built the whole document a second time once it was
 * (every paragraph, not only the figures); a DOM node view draws at once, and the editor keeps
 * its first build (see EditorMount.tsx). TipTap's `NodeView` base class
 * still handles what ProseMirror should not see (typing in the fields) and dragging.
 */
class FigureDomView extends NodeView<null> {
  // Declared, not initialised: the base class's constructor calls `mount`, which sets them, and
  // initialisers would run after it and wipe them.
  declare private root: HTMLElement;
  declare private picture: HTMLElement;
  declare private flag: HTMLParagraphElement;
  declare private inputs: Map<keyof FigureAttrs, HTMLInputElement>;
  /** The picture drawn (undefined: none yet; null: the "not found" note). */
  declare private shownSrc: string | null | undefined;
  /** Cancels the wait for the figure to come near the screen before its picture loads. */
  declare private cancelLoad: (() => void) | undefined;

  override get dom(): HTMLElement {
    return this.root;
  }

  override mount(): void {
    const id = `figure-${++nextId}`;
    this.inputs = new Map();
    this.shownSrc = undefined;
    this.root = document.createElement('figure');
    this.root.className = 'figure-view';
    this.root.dataset.dragHandle = '';
    this.root.addEventListener('dragstart', (e) => this.onDragStart(e));
    this.flag = document.createElement('p');
    this.flag.className = 'figure-flag';
    this.flag.dataset.testid = 'figure-flag';
    const fields = document.createElement('div');
    fields.className = 'figure-fields';
    fields.contentEditable = 'false';
    for (const [key, label] of FIELDS) {
      const field = document.createElement('div');
      field.className = 'figure-field';
      const labelEl = document.createElement('label');
      labelEl.htmlFor = `${id}-${key}`;
      labelEl.textContent = label;
      const input = document.createElement('input');
      input.id = `${id}-${key}`;
      input.className = 'text-input';
      input.type = 'text';
      input.addEventListener('input', () => this.updateAttributes({ [key]: input.value }));
      field.append(labelEl, input);
      fields.append(field);
      this.inputs.set(key, input);
    }
    this.picture = document.createElement('p');
    // The flag goes in when `draw` finds something missing: most figures never need it.
    this.root.append(this.picture, fields);
    this.draw(this.node);
  }

  private draw(node: PMNode): void {
    const attrs = node.attrs as FigureAttrs;
    const url = assetUrl((this.extension.options as FigureViewOptions).articleId, attrs.src);
    if (url !== this.shownSrc || this.picture.parentNode !== this.root) {
      const picture = url ? document.createElement('img') : document.createElement('p');
      this.cancelLoad?.();
      this.cancelLoad = undefined;
      if (picture instanceof HTMLImageElement) {
        this.cancelLoad = whenNearScreen(this.root, () => {
          this.cancelLoad = undefined;
          picture.src = url!;
        });
        picture.draggable = false;
      } else {
        picture.className = 'figure-missing';
        picture.textContent = 'Picture not found';
      }
      this.picture.replaceWith(picture);
      this.picture = picture;
      this.shownSrc = url;
    }
    if (this.picture instanceof HTMLImageElement) this.picture.alt = attrs.alt;
    const missing = [!attrs.alt.trim() && 'alt text', !attrs.credit.trim() && 'credit'].filter(Boolean);
    this.root.classList.toggle('figure-incomplete', missing.length > 0);
    this.flag.textContent = `Needs ${missing.join(' and ')}`;
    if (missing.length === 0) {
      if (this.flag.parentNode) this.flag.remove();
    } else if (this.flag.previousSibling !== this.picture) this.picture.after(this.flag);
    for (const [key, input] of this.inputs) {
      // Only what changed from elsewhere (undo, a suggestion accepted): never under the caret.
      if (input.value !== attrs[key]) input.value = attrs[key];
      if (key !== 'caption' && !attrs[key].trim()) input.setAttribute('aria-invalid', 'true');
      else input.removeAttribute('aria-invalid');
    }
  }

  update(node: PMNode): boolean {
    if (node.type !== this.node.type) return false;
    this.node = node;
    this.draw(node);
    return true;
  }

  destroy(): void {
    this.cancelLoad?.();
  }

  selectNode(): void {
    this.root.classList.add('is-selected');
  }

  deselectNode(): void {
    this.root.classList.remove('is-selected');
  }
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
    return (props: NodeViewRendererProps) => new FigureDomView(null, props);
  },
});
