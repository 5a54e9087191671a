import { Extension } from '@tiptap/core';
import type { Node as PMNode } from '@tiptap/pm/model';
import { Plugin, PluginKey, TextSelection, type EditorState, type Transaction } from '@tiptap/pm/state';
import { Decoration, DecorationSet } from '@tiptap/pm/view';
import { revealInBody } from './reveal';
import { EMPTY_QUERY, findInText, findRegExp, type FindQuery } from './findMatches';

export interface BodyMatch {
  from: number;
  to: number;
}

interface FindState {
  query: FindQuery;
  matches: BodyMatch[];
  /** Index of the current match, or -1 when none is current. */
  current: number;
  /** Counts the times a match was made current, each of which scrolls it into view. */
  reveals: number;
  decorations: DecorationSet;
}

export const findKey = new PluginKey<FindState>('findReplace');

type FindMeta = { query: FindQuery } | { current: number };

/** Every match of `re` in the body, as document positions; a match never spans two blocks. */
export function bodyMatches(doc: PMNode, re: RegExp | null): BodyMatch[] {
  if (!re) return [];
  const out: BodyMatch[] = [];
  doc.descendants((node, pos) => {
    if (!node.isTextblock) return true;
    // Text of the block with one placeholder per non-text inline node (a hard break), so
    // string offsets map 1:1 onto positions.
    let text = '';
    node.forEach((child) => {
      text += child.isText ? child.text! : '\uFFFC';
    });
    for (const m of findInText(text, re)) out.push({ from: pos + 1 + m.from, to: pos + 1 + m.to });
    return false;
  });
  return out;
}

function decorate(doc: PMNode, matches: BodyMatch[], current: number): DecorationSet {
  if (matches.length === 0) return DecorationSet.empty;
  return DecorationSet.create(
    doc,
    matches.map((m, i) =>
      Decoration.inline(m.from, m.to, { class: i === current ? 'find-match find-current' : 'find-match' }),
    ),
  );
}

function compute(doc: PMNode, query: FindQuery, current: number, reveals: number): FindState {
  const matches = bodyMatches(doc, findRegExp(query));
  const cur = matches.length === 0 ? -1 : Math.min(Math.max(current, -1), matches.length - 1);
  return { query, matches, current: cur, reveals, decorations: decorate(doc, matches, cur) };
}

declare module '@tiptap/core' {
  interface Commands<ReturnType> {
    findReplace: {
      /** Highlights every match of `query` in the body (an empty text clears the highlights). */
      setFindQuery: (query: FindQuery) => ReturnType;
      /** Makes match `index` current, selects it and scrolls it into view. */
      selectFindMatch: (index: number) => ReturnType;
      /** Replaces the current match. */
      replaceFindMatch: (replacement: string) => ReturnType;
      /** Replaces every match in one transaction: one undo step. */
      replaceAllFindMatches: (replacement: string) => ReturnType;
    };
  }
}

/** The find state of an editor: query, matches and the current one. */
export function findState(state: EditorState): FindState | undefined {
  return findKey.getState(state);
}

/**
 * Find and replace in the body: a decoration plugin that highlights matches. It does nothing on
 * a keystroke while no search is open (the query is empty), so typing costs nothing extra.
 */
export const FindReplace = Extension.create({
  name: 'findReplace',

  addProseMirrorPlugins() {
    return [
      new Plugin<FindState>({
        key: findKey,
        state: {
          init: () => ({
            query: EMPTY_QUERY,
            matches: [],
            current: -1,
            reveals: 0,
            decorations: DecorationSet.empty,
          }),
          apply(tr: Transaction, prev: FindState): FindState {
            const meta = tr.getMeta(findKey) as FindMeta | undefined;
            if (meta && 'query' in meta) return compute(tr.doc, meta.query, 0, prev.reveals);
            if (meta && 'current' in meta) {
              return {
                ...prev,
                current: meta.current,
                reveals: prev.reveals + 1,
                decorations: decorate(tr.doc, prev.matches, meta.current),
              };
            }
            if (tr.docChanged && prev.query.text !== '')
              return compute(tr.doc, prev.query, prev.current, prev.reveals);
            return prev;
          },
        },
        props: {
          decorations: (state) => findKey.getState(state)?.decorations,
        },
        // ProseMirror scrolls to the selection only while the body has the focus, and stepping
        // through matches keeps it in the find bar: so the current match is scrolled to here.
        view: () => ({
          update(view, prevState) {
            const next = findKey.getState(view.state);
            if (!next || next.reveals === findKey.getState(prevState)?.reveals) return;
            const el = view.dom.querySelector('.find-current');
            if (el) revealInBody(el);
          },
        }),
      }),
    ];
  },

  addCommands() {
    return {
      setFindQuery:
        (query) =>
        ({ tr, dispatch }) => {
          if (dispatch) tr.setMeta(findKey, { query } satisfies FindMeta);
          return true;
        },
      selectFindMatch:
        (index) =>
        ({ state, tr, dispatch }) => {
          const s = findKey.getState(state);
          const m = s?.matches[index];
          if (!m) return false;
          if (dispatch) {
            tr.setMeta(findKey, { current: index } satisfies FindMeta);
            tr.setSelection(TextSelection.create(tr.doc, m.from, m.to)).scrollIntoView();
          }
          return true;
        },
      replaceFindMatch:
        (replacement) =>
        ({ state, tr, dispatch }) => {
          const s = findKey.getState(state);
          const m = s && s.current >= 0 ? s.matches[s.current] : undefined;
          if (!m) return false;
          if (dispatch) {
            if (replacement === '') tr.delete(m.from, m.to);
            else tr.insertText(replacement, m.from, m.to);
          }
          return true;
        },
      replaceAllFindMatches:
        (replacement) =>
        ({ state, tr, dispatch }) => {
          const s = findKey.getState(state);
          if (!s || s.matches.length === 0) return false;
          if (dispatch) {
            // Back to front, so earlier positions stay valid.
            for (let i = s.matches.length - 1; i >= 0; i--) {
              const m = s.matches[i]!;
              if (replacement === '') tr.delete(m.from, m.to);
              else tr.insertText(replacement, m.from, m.to);
            }
          }
          return true;
        },
    };
  },
});
