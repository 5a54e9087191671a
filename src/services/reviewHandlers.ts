import type { Person } from '../shared/article';
import { CopydeskError } from '../shared/errors';
import type { AppSettingsStore } from './appSettings';
import type { Handlers, HandlerDeps } from './handlers';
import { importReviewPackage, reviewPackageFileName, writeReviewPackage } from './reviewPackage';

/** Who the user is, for packages and the revisions they make: the preferences, else the library's author name. */
export function currentPerson(appSettings: AppSettingsStore, libraryAuthor: string): Person {
  const prefs = appSettings.preferences;
  const name = prefs.name.trim() || libraryAuthor.trim();
  return { name, ...(prefs.initials.trim() && { initials: prefs.initials.trim() }) };
}

/**
 * The review round trip's handlers, spread into the handler table: "Send for review…" writes a
 * package where the user chooses; "Open review package…" creates or merges the article it holds.
 */
export function createReviewHandlers(
  deps: Pick<HandlerDeps, 'workspace' | 'emit' | 'dialogs'>,
  appSettings: AppSettingsStore,
): Pick<Handlers, 'sendForReview' | 'openReviewPackage'> {
  const unavailable = () =>
    new CopydeskError(
      'internal',
      'Review packages cannot be chosen in this window. Use the copydesk command instead.',
    );
  return {
    async sendForReview({ id }) {
      const library = deps.workspace.library;
      const article = await library.get(id);
      if (!deps.dialogs.chooseReviewPackageDestination) throw unavailable();
      const path = await deps.dialogs.chooseReviewPackageDestination(reviewPackageFileName(article));
      if (!path) return null;
      const result = await writeReviewPackage(
        library,
        id,
        path,
        currentPerson(appSettings, library.settings.authorName),
      );
      deps.emit('libraryChanged', { reason: 'review-sent' });
      return result;
    },
    async openReviewPackage() {
      const library = deps.workspace.library;
      if (!deps.dialogs.chooseReviewPackage) throw unavailable();
      const path = await deps.dialogs.chooseReviewPackage();
      if (!path) return null;
      const result = await importReviewPackage(
        library,
        path,
        currentPerson(appSettings, library.settings.authorName),
      );
      deps.emit('libraryChanged', { reason: 'review-received' });
      return result;
    },
  };
}
