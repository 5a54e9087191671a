import { DOMSerializer, Node as PMNode } from '@tiptap/pm/model';
import { EditorState } from '@tiptap/pm/state';
import { EditorView } from '@tiptap/pm/view';
import type { BodyDoc } from '../../src/shared/article';
import { articleSchema } from '../../src/shared/editor/schema';

/**
 * The baselines of the editor benchmark (bench/editor.ts), on a plain page: a bare ProseMirror
 * EditorView with the article schema and no plugins, and a plain contenteditable holding the
 * same document's HTML. Each returns when the view exists; the benchmark measures to the frame.
 */
const schema = articleSchema();
let view: EditorView | null = null;

function host(): HTMLElement {
  const el = document.getElementById('editor')!;
  view?.destroy();
  view = null;
  el.replaceChildren();
  return el;
}

const bench = {
  mountProseMirror(json: BodyDoc): void {
    const doc = PMNode.fromJSON(schema, json);
    view = new EditorView(host(), { state: EditorState.create({ doc }) });
  },
  mountContentEditable(html: string): void {
    const div = document.createElement('div');
    div.contentEditable = 'true';
    div.innerHTML = html;
    host().append(div);
  },
  /** The document's HTML as ProseMirror serialises it (what the contenteditable baseline holds). */
  html(json: BodyDoc): string {
    const fragment = DOMSerializer.fromSchema(schema).serializeFragment(
      PMNode.fromJSON(schema, json).content,
    );
    const div = document.createElement('div');
    div.append(fragment);
    return div.innerHTML;
  },
  /** Text of the ProseMirror document (to check that typing reached it). */
  text(): string {
    return view
      ? view.state.doc.textContent
      : (document.querySelector('#editor [contenteditable]')?.textContent ?? '');
  },
};

(globalThis as unknown as { bench: typeof bench }).bench = bench;
