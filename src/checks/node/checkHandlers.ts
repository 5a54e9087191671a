import type { HandlerDeps, Handlers } from '../../services/handlers';
import { CopydeskError } from '../../shared/errors';
import type { Checker } from '../checkArticle';
import { normaliseToggles, setStyleEnabled } from '../config';
import type { SpellChecker } from '../spelling';
import { addToNewsroomDictionary } from './dictionary';
import { createLibraryChecker, readCheckConfig } from './libraryChecker';
import { checkConfigStamp } from './watchCheckConfig';

/**
 * The IPC handlers for the checks, spread into the handler table in services/handlers.ts.
 * One checker is kept per library folder (building the dictionary takes about half a second);
 * it is rebuilt when the library, its dictionary or style files, or its style switches change.
 * Its block cache makes repeated checks of the same article cheap.
 */
export function createCheckHandlers(
  deps: Pick<HandlerDeps, 'workspace' | 'emit'>,
): Pick<Handlers, 'checkArticle' | 'addToDictionary' | 'getCheckConfig' | 'setStyleEnabled'> {
  let current: { key: string; ready: Promise<{ checker: Checker; spell: SpellChecker }> } | undefined;
  const checkerFor = async () => {
    const lib = deps.workspace.library;
    // The files' stamp catches a dictionary or pack edited outside the app (a shared library).
    const key = JSON.stringify([lib.dir, lib.settings.styleToggles ?? null, await checkConfigStamp(lib.dir)]);
    if (!current || current.key !== key) {
      const ready = createLibraryChecker(lib.dir, lib.settings);
      current = { key, ready };
      // A failed build is not cached: the next call tries again.
      ready.catch(() => {
        if (current?.ready === ready) current = undefined;
      });
    }
    return current.ready;
  };
  const config = () => {
    const lib = deps.workspace.library;
    return readCheckConfig(lib.dir, lib.settings.styleToggles);
  };
  return {
    async checkArticle({ id, content, ignoredFindings, ignoredEverywhere, overrides }) {
      const lib = deps.workspace.library;
      const article = content ?? (id ? await lib.get(id) : undefined);
      if (!article) throw new CopydeskError('invalid-input', 'Say which article to check.');
      const { checker } = await checkerFor();
      const settings = lib.settings;
      return checker.check(article, {
        ignoredFindings,
        ignoredEverywhere,
        readiness: {
          headlineBudget: settings.headlineBudget,
          contentHighlightBudget: settings.contentHighlightBudget,
          overrides: overrides ?? [],
        },
      });
    },
    async addToDictionary({ word }) {
      const added = await addToNewsroomDictionary(deps.workspace.library.dir, word);
      // The file changed, so the next check builds a checker that knows the word.
      if (added) deps.emit('checkConfigChanged', { reason: 'dictionary' });
      return { word: word.trim(), added };
    },
    async getCheckConfig() {
      return config();
    },
    async setStyleEnabled({ pack: packId, rule, enabled }) {
      const lib = deps.workspace.library;
      const { packs } = await config();
      const pack = packs.find((p) => p.id === packId);
      if (!pack) {
        throw new CopydeskError(
          'not-found',
          `There is no house-style pack “${packId}” in this library. Reopen Settings to see the packs there are now.`,
        );
      }
      if (rule !== undefined && !pack.rules.some((r) => r.id === rule)) {
        throw new CopydeskError(
          'not-found',
          `The house-style pack “${pack.name}” has no rule “${rule}”. Reopen Settings to see its rules now.`,
        );
      }
      const toggles = setStyleEnabled(normaliseToggles(lib.settings.styleToggles), pack, rule, enabled);
      await lib.updateSettings({ styleToggles: toggles });
      deps.emit('checkConfigChanged', { reason: 'style' });
      return config();
    },
  };
}
