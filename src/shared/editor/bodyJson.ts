import type { Node as PMNode } from '@tiptap/pm/model';
import type { BodyDoc } from '../article';

/**
 * Each top-level block's JSON, by the block. ProseMirror's nodes are immutable and an edit keeps
 * every block it did not touch (the same objects), so the JSON of those blocks is made once.
 */
const blockJSON = new WeakMap<PMNode, unknown>();

/**
 * The body as JSON, like `doc.toJSON()` (`editor.getJSON()`), serialising only the blocks that
 * changed since the last call: the autosave and the copy desk's checks read the whole body after
 * each pause in typing, and re-serialising a 20,000-word story each time made garbage in
 * proportion to the story. The result's objects are shared between calls: treat them as read-only.
 */
export function bodyJSON(doc: PMNode): BodyDoc {
  const content: unknown[] = [];
  doc.forEach((block) => {
    let json = blockJSON.get(block);
    if (json === undefined) {
      json = block.toJSON();
      blockJSON.set(block, json);
    }
    content.push(json);
  });
  const out: Record<string, unknown> = { type: doc.type.name };
  if (Object.keys(doc.attrs).length > 0) out.attrs = { ...doc.attrs };
  if (content.length > 0) out.content = content;
  return out as unknown as BodyDoc;
}
