import { Extension } from '@tiptap/core';
import { Plugin, PluginKey } from '@tiptap/pm/state';
import { Decoration, DecorationSet } from '@tiptap/pm/view';
import type { Finding } from '../../../checks/types';
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

function decorationsFor(doc: Parameters<typeof DecorationSet.create>[0], findings: Finding[]): DecorationSet {
  const size = doc.content.size;
  const decos: Decoration[] = [];
  for (const f of findings) {
    if (f.position.from < 0 || f.position.to > size || f.position.to <= f.position.from) continue;
    decos.push(
      Decoration.inline(
        f.position.from,
        f.position.to,
        {
          class: `check-squiggle check-${f.kind}`,
          'data-finding': f.id,
          title: f.message,
        },
        // Typing at either edge of a squiggle does not extend it.
        { inclusiveStart: false, inclusiveEnd: false, findingId: f.id },
      ),
    );
  }
  return DecorationSet.create(doc, decos);
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
            if (next) return decorationsFor(tr.doc, next);
            return tr.docChanged ? set.map(tr.mapping, tr.doc) : set;
          },
        },
        props: {
          decorations: (state) => checkDecorationsKey.getState(state),
          handleDOMEvents: {
            contextmenu: (_view, event) => {
              const el = (event.target as HTMLElement | null)?.closest<HTMLElement>('.check-squiggle');
              const id = el?.dataset.finding;
              if (!id || !storage.session) return false;
              event.preventDefault();
              storage.session.showMenu(id, event.clientX, event.clientY);
              return true;
            },
          },
          handleClick: (view, _pos, event) => {
            const el = (event.target as HTMLElement | null)?.closest<HTMLElement>('.check-squiggle');
            const id = el?.dataset.finding;
            if (!id || !storage.session) return false;
            const rect = el.getBoundingClientRect();
            storage.session.showMenu(id, rect.left, rect.bottom);
            void view;
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
      this.editor.view.dispatch(
        this.editor.state.tr.setMeta(checkDecorationsKey, findings).setMeta('addToHistory', false),
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
