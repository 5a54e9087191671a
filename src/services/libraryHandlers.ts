import type { EventName, EventPayloads, MethodOutputs, MethodParsedInput } from '../shared/contract';
import type { LibraryMethodOutputs } from '../shared/libraryTypes';
import type { Workspace } from './workspace';

type LibraryHandlers = {
  [K in keyof LibraryMethodOutputs]: (input: MethodParsedInput<K>) => Promise<MethodOutputs[K]>;
};

/**
 * The handlers of the library methods (search, trash, duplicate, revisions, damaged files,
 * conflict copies): plain Node over the workspace's LibraryStore. handlers.ts spreads them into
 * the one handler table.
 */
export function createLibraryHandlers(deps: {
  workspace: Workspace;
  emit<E extends EventName>(event: E, payload: EventPayloads[E]): void;
}): LibraryHandlers {
  const library = () => deps.workspace.library;
  return {
    async searchArticles(input) {
      return library().search(input);
    },
    async listTrash() {
      return library().listTrash();
    },
    async restoreFromTrash({ trashId }) {
      const article = await library().restoreFromTrash(trashId);
      deps.emit('libraryChanged', { reason: 'restored' });
      return article;
    },
    async emptyTrash() {
      // `confirm: true` is required by the input schema: the renderer asked the user first.
      const result = await library().emptyTrash();
      deps.emit('libraryChanged', { reason: 'trash-emptied' });
      return result;
    },
    async duplicateArticle({ id }) {
      const article = await library().duplicate(id);
      deps.emit('libraryChanged', { reason: 'created' });
      return article;
    },
    async listRevisions({ id }) {
      return library().listRevisions(id);
    },
    async getRevisionDiff({ id, from, to }) {
      return library().revisionDiff(id, from, to ?? 'current');
    },
    async restoreRevision({ id, revisionId, baseRev }) {
      const article = await library().restoreRevision(id, revisionId, baseRev);
      deps.emit('libraryChanged', { reason: 'restored' });
      return article;
    },
    async restoreDamaged({ keptAs }) {
      const article = await library().restoreDamaged(keptAs);
      deps.emit('libraryChanged', { reason: 'restored' });
      return article;
    },
    async saveConflictCopy({ id, content, keep }) {
      const result = await library().saveConflictCopy(id, content, keep ?? 'mine');
      deps.emit('libraryChanged', { reason: 'conflict-copy' });
      return result;
    },
  };
}
