import type { Dialogs } from '../../src/services/handlers';

/**
 * Dialogs the user always cancels, for whatever dialogs the handler table grows: list choosers
 * return [] and the rest null, as a cancel does.
 */
export const cancelledDialogs: Dialogs = new Proxy({} as Dialogs, {
  get: (_target, name) => (String(name).startsWith('chooseImport') ? async () => [] : async () => null),
});
