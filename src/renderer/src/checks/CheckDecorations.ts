import { Extension } from '@tiptap/core';
import { Plugin, PluginKey } from '@tiptap/pm/state';
import { DecorationSet, type EditorView } from '@tiptap/pm/view';
import { reconcileDecorations, stepAsideWhereEdited } from '../../../shared/editor/checkSquiggles';
import type { Finding } from '../../../checks/types';
import { dispatchBesideInput } from '../editor/pendingInput';
import { CheckSession, activeCheckSession, checksSwitchedOff, setActiveCheckSession } from './checkSession';

export interface CheckDecorationsOptions {
  /**
   * The article being edited: the checker reads its fields and body through the article's
   * saver. Default `null`, which turns the checks off.
   */
  articleId: string | null;
}

interface CheckDecorationsStorage {
  session: CheckSession | null;
}

declare module '@tiptap/core' {
  interface Storage {
    checkDecorations: CheckDecorationsStorage;
  }
}

export const checkDecorationsKey = new PluginKey<DecorationSet>('checkDecorations');

function squiggleAt(view: EditorView, target: EventTarget | null): HTMLElement | null {
  const el = (target as HTMLElement | null)?.closest?.<HTMLElement>('.check-squiggle') ?? null;
  return el && view.dom.contains(el) ? el : null;
}

/**
 * Underlines the copy desk's findings in the body: spelling, grammar, names, style and the rest,
 * each kind its own colour. The findings come from the checks worker only (see checkSession):
 * nothing here looks at the whole document on a keystroke — between checks the decorations are
 * just mapped through each edit, which ProseMirror does in time proportional to the change.
 * A click or the context menu on an underline opens its suggestions (CheckMenu).
 */
export const CheckDecorations = Extension.create<CheckDecorationsOptions, CheckDecorationsStorage>({
  name: 'checkDecorations',

  addOptions() {
    return { articleId: null };
  },

  addStorage() {
    return { session: null };
  },

  addProseMirrorPlugins() {
    const storage = this.storage;
    return [
      new Plugin<DecorationSet>({
        key: checkDecorationsKey,
        state: {
          init: () => DecorationSet.empty,
          apply(tr, set) {
            const next = tr.getMeta(checkDecorationsKey) as Finding[] | undefined;
            if (next)
              return reconcileDecorations(tr.docChanged ? set.map(tr.mapping, tr.doc) : set, tr.doc, next);
            return tr.docChanged ? stepAsideWhereEdited(set.map(tr.mapping, tr.doc), tr) : set;
          },
        },
        props: {
          decorations: (state) => checkDecorationsKey.getState(state),
          handleDOMEvents: {
            contextmenu: (view, event) => {
              const el = squiggleAt(view, event.target);
              const f = el && storage.session?.bodyFindingAt(view.posAtDOM(el, 0));
              if (!f || !storage.session) return false;
              event.preventDefault();
              storage.session.showMenu(f.id, event.clientX, event.clientY);
              return true;
            },
          },
          handleClick: (view, _pos, event) => {
            const el = squiggleAt(view, event.target);
            const f = el && storage.session?.bodyFindingAt(view.posAtDOM(el, 0));
            if (!f || !storage.session) return false;
            const rect = el.getBoundingClientRect();
            storage.session.showMenu(f.id, rect.left, rect.bottom);
            return false;
          },
        },
      }),
    ];
  },

  onCreate() {
    const id = this.options.articleId;
    if (!id || checksSwitchedOff()) return;
    const session = new CheckSession(id);
    this.storage.session = session;
    session.onDecorations = (findings) => {
      if (this.editor.isDestroyed) return;
      dispatchBesideInput(this.editor.view, (state) =>
        state.tr.setMeta(checkDecorationsKey, findings).setMeta('addToHistory', false),
      );
    };
    session.attach(this.editor);
    setActiveCheckSession(session);
  },

  onTransaction({ transaction }) {
    if (transaction.docChanged) this.storage.session?.docChanged(transaction);
  },

  onDestroy() {
    const session = this.storage.session;
    session?.detach();
    if (session && activeCheckSession() === session) setActiveCheckSession(null);
    this.storage.session = null;
  },
});
