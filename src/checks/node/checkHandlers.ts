import type { Handlers } from '../../services/handlers';
import type { Workspace } from '../../services/workspace';
import { CopydeskError } from '../../shared/errors';
import type { Checker } from '../checkArticle';
import type { SpellChecker } from '../spelling';
import { addToNewsroomDictionary } from './dictionary';
import { createLibraryChecker } from './libraryChecker';

/**
 * The IPC handlers for the checks, spread into the handler table in services/handlers.ts.
 * One checker is kept per library folder (building the dictionary takes about half a second);
 * it is rebuilt when the library changes. Its block cache makes repeated checks of the same
 * article cheap.
 */
export function createCheckHandlers(deps: {
  workspace: Workspace;
}): Pick<Handlers, 'checkArticle' | 'addToDictionary'> {
  let current: { dir: string; ready: Promise<{ checker: Checker; spell: SpellChecker }> } | undefined;
  const checkerFor = () => {
    const lib = deps.workspace.library;
    if (!current || current.dir !== lib.dir) {
      const ready = createLibraryChecker(lib.dir, lib.settings);
      current = { dir: lib.dir, ready };
      // A failed build is not cached: the next call tries again.
      ready.catch(() => {
        if (current?.ready === ready) current = undefined;
      });
    }
    return current.ready;
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
      // Teach the live checker too, so the next check no longer flags the word.
      if (current) await current.ready.then(({ spell }) => spell.addWords([word])).catch(() => undefined);
      return { word: word.trim(), added };
    },
  };
}
