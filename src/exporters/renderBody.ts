import { Node as PMNode } from '@tiptap/pm/model';
import { renderToHTMLString } from '@tiptap/static-renderer/pm/html-string';
import type { BodyDoc, BodyMark, BodyNode } from '../shared/article';
import { articleExtensions } from '../shared/editor/articleExtensions';
import { articleSchema } from '../shared/editor/schema';
import { CopydeskError } from '../shared/errors';
import { isSafeLinkUrl } from '../shared/urls';
import { sanitiseHtml } from '../html/purify';
import { assetFileOf } from '../shared/editor/Figure';
import { isBlank, withoutForbiddenCodePoints } from './markup';

const singleLineText = (s: string): string => s.replace(/\s+/g, ' ').trim();

/**
 * Tables are published as `<table><thead>…</thead><tbody>…</tbody></table>`: a leading run of rows
 * made only of header cells is the head. (The preset's own rendering puts every row in a tbody and
 * adds column styles for the editor.)
 */
function renderTable({ node, children }: { node: PMNode; children?: string | string[] }): string {
  const rows = Array.isArray(children) ? children : children ? [children] : [];
  let head = 0;
  while (head < node.childCount && head < rows.length) {
    const row = node.child(head);
    let allHeader = row.childCount > 0;
    row.forEach((cell) => {
      if (cell.type.name !== 'tableHeader') allHeader = false;
    });
    if (!allHeader) break;
    head++;
  }
  const thead = head > 0 ? `<thead>${rows.slice(0, head).join('')}</thead>` : '';
  const tbody = rows.length > head ? `<tbody>${rows.slice(head).join('')}</tbody>` : '';
  return `<table>${thead}${tbody}</table>`;
}

/** Every element the body of a markup export may contain: what the article preset renders. */
export const BODY_HTML_TAGS: readonly string[] = [
  'p',
  'h2',
  'h3',
  'strong',
  'em',
  'a',
  'br',
  'ul',
  'ol',
  'li',
  'blockquote',
  'hr',
  // Issue 4: pull quote, superscript/subscript, figures, tables.
  'aside',
  'sub',
  'sup',
  'figure',
  'img',
  'figcaption',
  'span',
  'table',
  'thead',
  'tbody',
  'tr',
  'th',
  'td',
];

/** Every attribute the body of a markup export may carry (`start`/`type` are for `<ol>` only). */
export const BODY_HTML_ATTRS: readonly string[] = [
  'href',
  'title',
  'start',
  'type',
  // `class` only as the preset writes it (pull-quote, credit): stored attributes never reach it.
  'class',
  'src',
  'alt',
  'colspan',
  'rowspan',
];

const ORDERED_LIST_TYPES = new Set(['1', 'a', 'A', 'i', 'I']);

// Containers that mean nothing once empty: an empty list or quote would still draw a bullet
// or a rule on the published page.
const DROP_WHEN_EMPTY = new Set([
  'paragraph',
  'heading',
  'blockquote',
  'bulletList',
  'orderedList',
  'listItem',
  'pullQuote',
]);

function cleanMarks(marks: BodyMark[] | undefined): BodyMark[] | undefined {
  if (!marks) return undefined;
  const schema = articleSchema();
  const kept: BodyMark[] = [];
  for (const mark of marks) {
    if (!(mark.type in schema.marks)) continue;
    if (mark.type === 'link') {
      const href = typeof mark.attrs?.href === 'string' ? mark.attrs.href.trim() : '';
      // A link to somewhere unsafe becomes plain text: the words stay, the link goes.
      if (!isSafeLinkUrl(href)) continue;
      const title = typeof mark.attrs?.title === 'string' ? withoutForbiddenCodePoints(mark.attrs.title) : '';
      // target, rel and class are dropped on purpose: a stored rel="opener" or target would let
      // the content decide how the reader's browser treats the page (see exportHtml.ts on rel).
      kept.push({ type: 'link', attrs: title.trim() ? { href, title } : { href } });
      continue;
    }
    kept.push({ type: mark.type });
  }
  return kept.length > 0 ? kept : undefined;
}

function cleanAttrs(node: BodyNode): Record<string, unknown> | undefined {
  const attrs = node.attrs ?? {};
  if (node.type === 'heading') {
    return typeof attrs.level === 'number' ? { level: attrs.level } : undefined;
  }
  if (node.type === 'orderedList') {
    const out: Record<string, unknown> = {};
    const start = Number(attrs.start);
    if (Number.isSafeInteger(start)) out.start = start;
    if (typeof attrs.type === 'string' && ORDERED_LIST_TYPES.has(attrs.type)) out.type = attrs.type;
    return out;
  }
  if (node.type === 'figure') {
    // Prepared bodies are prepared again by renderBodyHtml: take the exported form as well.
    const src = typeof attrs.src === 'string' ? attrs.src.replace(/^assets\//, 'asset:') : attrs.src;
    const file = assetFileOf(src);
    if (!file) return undefined;
    const plain = (v: unknown): string =>
      typeof v === 'string' ? withoutForbiddenCodePoints(singleLineText(v)) : '';
    // Relative to the exported file: the export writes the picture next to it, in `assets/`.
    return {
      src: `assets/${file}`,
      alt: plain(attrs.alt),
      caption: plain(attrs.caption),
      credit: plain(attrs.credit),
    };
  }
  if (node.type === 'tableCell' || node.type === 'tableHeader') {
    const out: Record<string, unknown> = {};
    for (const key of ['colspan', 'rowspan'] as const) {
      const n = Number(attrs[key]);
      if (Number.isSafeInteger(n) && n > 1 && n < 1000) out[key] = n;
    }
    return out;
  }
  // Nothing else in the preset has an attribute worth publishing; whatever a stored body
  // carries besides (ids, classes, handlers) is dropped before rendering.
  return undefined;
}

function isBlankInline(node: BodyNode): boolean {
  return node.type === 'hardBreak' || (node.type === 'text' && isBlank(node.text ?? ''));
}

const isInline = (node: BodyNode): boolean => node.type === 'text' || node.type === 'hardBreak';

/** A paragraph or heading of `inline` nodes, or nothing when it would show nothing. */
function textblock(type: string, attrs: Record<string, unknown> | undefined, inline: BodyNode[]): BodyNode[] {
  let content = inline;
  // Breaks at the edges of a block are editor leftovers that render as stray blank lines.
  while (content[0]?.type === 'hardBreak') content = content.slice(1);
  while (content.at(-1)?.type === 'hardBreak') content = content.slice(0, -1);
  if (content.every(isBlankInline)) return [];
  return [attrs ? { type, attrs, content } : { type, content }];
}

// The editor's schema never nests these wrongly, but a stored body is only JSON: a list item
// outside a list or text straight inside a quote would make the HTML invalid, so blocks are
// put back into the shape HTML requires rather than trusted.

/** Children of a block container (doc, blockquote, list item): loose text becomes paragraphs, loose items a list. */
function asBlocks(children: BodyNode[]): BodyNode[] {
  const out: BodyNode[] = [];
  let inline: BodyNode[] = [];
  let items: BodyNode[] = [];
  const flushInline = (): void => {
    out.push(...textblock('paragraph', undefined, inline));
    inline = [];
  };
  const flushItems = (): void => {
    if (items.length > 0) out.push({ type: 'bulletList', content: items });
    items = [];
  };
  for (const child of children) {
    if (isInline(child)) {
      flushItems();
      inline.push(child);
    } else if (child.type === 'listItem') {
      flushInline();
      items.push(child);
    } else {
      flushInline();
      flushItems();
      out.push(child);
    }
  }
  flushInline();
  flushItems();
  return out;
}

/** Children of a list: anything that is not a list item is wrapped in one. */
function asListItems(children: BodyNode[]): BodyNode[] {
  const out: BodyNode[] = [];
  let loose: BodyNode[] = [];
  const flush = (): void => {
    const content = asBlocks(loose);
    if (content.length > 0) out.push({ type: 'listItem', content });
    loose = [];
  };
  for (const child of children) {
    if (child.type === 'listItem') {
      flush();
      out.push(child);
    } else loose.push(child);
  }
  flush();
  return out;
}

function cleanNode(node: BodyNode): BodyNode[] {
  const schema = articleSchema();
  if (node.type === 'text') {
    const text = withoutForbiddenCodePoints(typeof node.text === 'string' ? node.text : '');
    if (text === '') return [];
    const marks = cleanMarks(node.marks);
    return [marks ? { type: 'text', text, marks } : { type: 'text', text }];
  }
  if (node.type === 'hardBreak') return [{ type: 'hardBreak' }];

  const children = (node.content ?? []).flatMap(cleanNode);
  // A node type this build does not know (from a newer file, or a hand-edited one) is
  // unwrapped: its text is published, its unknown wrapper is not.
  if (!(node.type in schema.nodes)) return children;
  const attrs = cleanAttrs(node);

  if (node.type === 'paragraph' || node.type === 'heading') {
    // A block inside a paragraph splits it: the text around the block stays in its own paragraphs.
    const out: BodyNode[] = [];
    let inline: BodyNode[] = [];
    for (const child of children) {
      if (isInline(child)) inline.push(child);
      else {
        out.push(...textblock(node.type, attrs, inline), ...asBlocks([child]));
        inline = [];
      }
    }
    out.push(...textblock(node.type, attrs, inline));
    return out;
  }
  if (node.type === 'horizontalRule') return [{ type: 'horizontalRule' }];
  // A figure whose picture is not in the library (a hand-edited file) has nothing to show.
  if (node.type === 'figure') return attrs ? [{ type: 'figure', attrs }] : [];

  const content =
    node.type === 'bulletList' || node.type === 'orderedList' ? asListItems(children) : asBlocks(children);
  if (DROP_WHEN_EMPTY.has(node.type) && content.length === 0) return [];
  const out: BodyNode = { type: node.type };
  if (attrs) out.attrs = attrs;
  if (content.length > 0) out.content = content;
  return [out];
}

/**
 * The body as it should be published: empty paragraphs and containers removed, links that are
 * not http(s)/mailto turned into plain text, unknown attributes, marks and node wrappers
 * dropped, blocks nested the way HTML requires, and code points HTML forbids removed.
 * Pure: the stored body is not changed.
 */
export function prepareBodyForExport(body: BodyDoc): BodyDoc {
  const content = asBlocks((body.content ?? []).flatMap(cleanNode));
  return content.length > 0 ? { type: 'doc', content } : { type: 'doc' };
}

/**
 * Renders the article body to HTML with the editor's own preset (so what the editor shows is
 * what exports), then sanitises it with DOMPurify allowing exactly {@link BODY_HTML_TAGS} and
 * {@link BODY_HTML_ATTRS}. Blocks are separated by newlines so the file reads well as source.
 * Throws a `CopydeskError` with code `export-failed` if the body cannot be rendered.
 */
export function renderBodyHtml(body: BodyDoc): string {
  return renderPreparedBodyHtml(prepareBodyForExport(body));
}

/**
 * {@link renderBodyHtml} for a body that {@link prepareBodyForExport} has already prepared (the
 * exporters' `articleParts` has), so a 20,000-word body is not walked and copied twice.
 */
export function renderPreparedBodyHtml(prepared: BodyDoc): string {
  if (!prepared.content) return '';
  let rendered: string;
  try {
    // Built with the cached schema: the renderer would otherwise rebuild one on every export.
    const doc = PMNode.fromJSON(articleSchema(), prepared);
    rendered = renderToHTMLString({
      content: doc,
      extensions: articleExtensions,
      options: { nodeMapping: { table: renderTable } },
    });
  } catch (cause) {
    throw new CopydeskError(
      'export-failed',
      'The article body could not be turned into HTML. Open the article in Copydesk, check its last paragraphs, save it and export again.',
      { detail: cause instanceof Error ? cause.message : String(cause), cause },
    );
  }
  const clean = sanitiseHtml(rendered, 'export', { tags: [...BODY_HTML_TAGS], attrs: [...BODY_HTML_ATTRS] });
  return (
    clean
      // Nesting the schema allows but HTML does not (a rule inside a paragraph) is repaired by the
      // HTML parser inside DOMPurify, which can leave an empty <p> behind.
      .replace(/<p>(?:\s|<br>)*<\/p>/g, '')
      .replace(/(<\/(?:p|h2|h3|ul|ol|li|blockquote|aside|figure|table|tr)>|<hr>)(?=<(?!\/))/g, '$1\n')
      .trim()
  );
}
