import type { CheckResult } from '../checks/types';
import type { MethodParsedInput } from '../shared/contract';
import type { AppSettingsStore } from './appSettings';
import { articlesWithOpenReview, changeDeskStatus } from './deskStatus';
import type { Handlers, HandlerDeps } from './handlers';

/**
 * The desk-status handlers, spread into the handler table: `setStatus` records who changed the
 * status (the name and initials in the preferences) and gates publishing on the same readiness
 * check the copy desk runs (`checkArticle`, with the library's dictionary, rule packs and budgets).
 */
export function createDeskStatusHandlers(
  deps: Pick<HandlerDeps, 'workspace' | 'emit'>,
  appSettings: AppSettingsStore,
  checkArticle: (input: MethodParsedInput<'checkArticle'>) => Promise<CheckResult>,
): Pick<Handlers, 'setStatus' | 'listOpenReviewItems'> {
  return {
    async setStatus({ id, status, baseRev, message, override }) {
      const prefs = appSettings.preferences;
      const library = deps.workspace.library;
      const name = prefs.name.trim() || library.settings.authorName.trim();
      const article = await changeDeskStatus(
        library,
        {
          id,
          status,
          baseRev,
          message,
          override,
          by: { name, ...(prefs.initials.trim() && { initials: prefs.initials.trim() }) },
        },
        async (a, overrides) => (await checkArticle({ id: a.id, overrides })).readiness,
      );
      deps.emit('libraryChanged', { reason: 'status' });
      return article;
    },
    async listOpenReviewItems({ ids }) {
      const library = deps.workspace.library;
      const articles = await Promise.all([...new Set(ids)].map((id) => library.get(id)));
      return articlesWithOpenReview(articles);
    },
  };
}
