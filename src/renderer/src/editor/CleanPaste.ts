import { Extension } from '@tiptap/core';
import createDOMPurify, { type DOMPurify } from 'dompurify';
import { Fragment, Node as PMNode, Slice } from '@tiptap/pm/model';
import { Plugin, PluginKey } from '@tiptap/pm/state';
import type { BodyNode } from '../../../shared/article';
import { blocksFromSanitisedBody } from '../../../shared/html/cleanHtml';
import { addPurifyHooks, purifyConfig } from '../../../shared/html/purifyConfig';

let purify: DOMPurify | undefined;
const STYLE_CARRIER = 'data-copydesk-style';

/**
 * Clipboard HTML to body blocks with the same sanitiser configuration and the same clean-up as
 * HTML import (DOMPurify runs on the browser's own DOM here, on jsdom in Node). Tables are kept.
 */
export function pastedHtmlToBlocks(html: string): BodyNode[] {
  purify ??= addPurifyHooks(createDOMPurify(window), 'import');
  // The page's CSP (style-src 'self') refuses style attributes even in the sanitiser's inert
  // document, and logs each refusal; yet bold and italic from Google Docs live in them. So the
  // attribute travels under another name and is applied through the CSSOM, which CSP allows.
  // Event handler attributes and <style> elements would trip the CSP the same way; they are
  // dropped by the sanitiser anyway, so they are taken out first. (Cosmetic: DOMPurify, not these
  // patterns, is what keeps the paste safe.)
  const renamed = html
    .replace(/<style\b[\s\S]*?<\/style\s*>/gi, '')
    .replace(/<[a-z][^>]*>/gi, (tag) =>
      tag
        .replace(/(\s)style(\s*=)/gi, `$1${STYLE_CARRIER}$2`)
        .replace(/(\s)on([a-z]+\s*=)/gi, '$1data-copydesk-on$2'),
    );
  const body = purify.sanitize(renamed, {
    ...purifyConfig('import'),
    ADD_ATTR: [STYLE_CARRIER],
    // Like `style` itself, the carrier holds CSS, not a URL (DOMPurify checks other values as URLs).
    ADD_URI_SAFE_ATTR: [STYLE_CARRIER],
    RETURN_DOM: true,
  }) as HTMLElement | null;
  if (!body) return [];
  for (const el of Array.from(body.querySelectorAll<HTMLElement>(`[${STYLE_CARRIER}]`))) {
    applyCarriedStyle(el, el.getAttribute(STYLE_CARRIER) ?? '');
  }
  return blocksFromSanitisedBody(body, [], { keepTables: true });
}

const WEIGHT = /font-weight\s*:\s*([a-z0-9]+)/i;
const ITALIC = /font-style\s*:\s*(italic|oblique)/i;

/**
 * What the article schema reads from an inline style (bold and italic) as elements instead: the
 * style attribute itself cannot be set on this page (see above). Google Docs' `<b
 * style="font-weight:normal">` wrapper, which is not bold, loses its `<b>`.
 */
function applyCarriedStyle(el: HTMLElement, style: string): void {
  el.removeAttribute(STYLE_CARRIER);
  const doc = el.ownerDocument;
  const weight = WEIGHT.exec(style)?.[1]?.toLowerCase();
  const heavy =
    weight !== undefined && (weight === 'bold' || weight === 'bolder' || /^[6-9]00$/.test(weight));
  const light = weight !== undefined && !heavy;
  const wrapInside = (tag: string): void => {
    const inner = doc.createElement(tag);
    while (el.firstChild) inner.appendChild(el.firstChild);
    el.appendChild(inner);
  };
  if (light && (el.tagName === 'B' || el.tagName === 'STRONG')) {
    const span = doc.createElement('span');
    while (el.firstChild) span.appendChild(el.firstChild);
    el.replaceWith(span);
    return;
  }
  if (heavy && el.tagName !== 'B' && el.tagName !== 'STRONG' && !/^H[1-6]$/.test(el.tagName))
    wrapInside('strong');
  if (ITALIC.test(style) && el.tagName !== 'I' && el.tagName !== 'EM') wrapInside('em');
}

/** The blocks as a slice that merges into the paragraph at the caret when it is one paragraph. */
function toSlice(blocks: BodyNode[], schema: PMNode['type']['schema']): Slice {
  const nodes = blocks.map((b) => PMNode.fromJSON(schema, b));
  return Slice.maxOpen(Fragment.fromArray(nodes));
}

export interface CleanPasteOptions {
  /**
   * Called with image files pasted or dropped into the body (the bytes go to main, which stores
   * them in the library). Return true when handled.
   * @default () => false
   */
  onImages: (files: File[], pos: number | null) => boolean;
}

const pasteKey = new PluginKey('cleanPaste');

/**
 * Paste from Word, Google Docs and web pages: the clipboard's HTML goes through the sanitiser
 * and the import clean-up before it reaches the document. Plain text keeps its paragraphs
 * (ProseMirror's own text paste). A copy from this editor itself pastes as copied, figures
 * included: the slice is remembered at copy time, so it never needs to be trusted from the
 * clipboard.
 */
export const CleanPaste = Extension.create<CleanPasteOptions>({
  name: 'cleanPaste',

  addOptions() {
    return { onImages: () => false };
  },

  addProseMirrorPlugins() {
    let copied: { slice: Slice; text: string } | null = null;
    let cleaned: Slice | null = null;
    let pendingText: string | null = null;
    const same = (a: string, b: string): boolean =>
      a.replace(/\s+/g, ' ').trim() === b.replace(/\s+/g, ' ').trim();
    const options = this.options;
    const images = (list: FileList | null | undefined): File[] =>
      Array.from(list ?? []).filter((f) => /^image\/(png|jpeg|gif|webp)$/.test(f.type));
    return [
      new Plugin({
        key: pasteKey,
        props: {
          transformCopied(slice) {
            copied = { slice, text: slice.content.textBetween(0, slice.content.size, '\n\n') };
            return slice;
          },
          // ProseMirror parses the clipboard's HTML into a detached document before it asks
          // handlePaste, and that parse alone trips the page's CSP on every style attribute and
          // event handler. So the HTML is cleaned here, the result kept for handlePaste, and
          // ProseMirror is given nothing to parse.
          transformPastedHTML(html, view) {
            cleaned = null;
            if (!view) return '';
            if (
              copied &&
              html.includes('data-pm-slice') &&
              pendingText !== null &&
              same(copied.text, pendingText)
            ) {
              cleaned = copied.slice;
            } else {
              const blocks = pastedHtmlToBlocks(html);
              cleaned = blocks.length > 0 ? toSlice(blocks, view.state.schema) : Slice.empty;
            }
            return '';
          },
          handleDOMEvents: {
            paste(_view, event) {
              pendingText = event.clipboardData?.getData('text/plain') ?? null;
              return false;
            },
          },
          handlePaste(view, event) {
            const data = event.clipboardData;
            if (!data) return false;
            const files = images(data.files);
            const hasHtml = data.getData('text/html') !== '';
            if (files.length > 0 && !hasHtml) return options.onImages(files, null);
            if (!hasHtml) return false; // plain text: ProseMirror makes one paragraph per line
            const slice = cleaned ?? Slice.empty;
            cleaned = null;
            if (slice.size > 0)
              view.dispatch(view.state.tr.replaceSelection(slice).scrollIntoView().setMeta('paste', true));
            return true;
          },
          handleDrop(view, event) {
            const files = images((event as DragEvent).dataTransfer?.files);
            if (files.length === 0) return false;
            const at = view.posAtCoords({ left: event.clientX, top: event.clientY });
            event.preventDefault();
            return options.onImages(files, at?.pos ?? null);
          },
        },
      }),
    ];
  },
});
