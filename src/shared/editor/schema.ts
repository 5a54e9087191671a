import { getSchema } from '@tiptap/core';
import { Node as PMNode, type Schema } from '@tiptap/pm/model';
import type { BodyDoc } from '../article';
import { articleExtensions } from './articleExtensions';

let cached: Schema | undefined;

/** The ProseMirror schema of the article body, built once from the shared preset. */
export function articleSchema(): Schema {
  cached ??= getSchema(articleExtensions);
  return cached;
}

/**
 * Checks that a stored body fits the article schema (known nodes and marks, valid nesting).
 * Throws with a readable message when it does not.
 */
export function checkBody(body: BodyDoc): PMNode {
  const node = PMNode.fromJSON(articleSchema(), body);
  node.check();
  return node;
}
