import type { DeskStatus } from '../../../shared/article';
import type { ExportFormat, MenuCommandPayload } from '../../../shared/contract';
import { activeCommentSession } from '../editor/commentSession';

/** What the window can do for the menu; App supplies these from its own actions. */
export interface MenuActions {
  newArticle(): void;
  importFiles(): void;
  exportArticle(format: ExportFormat): void;
  openLibrary(): void;
  openArticle(id: string): void;
  closeArticle(): void;
  showDialog(d: 'settings' | 'about' | 'shortcuts'): void;
  togglePanel(p: 'findings' | 'history' | 'review'): void;
  showPanel(p: 'findings' | 'history'): void;
  toggleLibrarySidebar(): void;
  duplicateArticle(): void;
  trashArticle(): void;
  notAvailable(what: string): void;
  hasArticle(): boolean;
  /** Writes the open article's review package where the user chooses (File ▸ Send for review…). */
  sendForReview?(): void;
  /** Opens a review package: creates or merges its article (File ▸ Open review package…). */
  openReviewPackage?(): void;
  /** Changes the open article's desk status (no message; publishing may ask for an override). */
  setDeskStatus?(status: DeskStatus): void;
}

/**
 * Sends a key press to the editor, for menu items whose action is the editor's own shortcut
 * (Find, Replace, focus mode): the editor's keymap handles it exactly as if the user pressed the keys.
 */
function pressInEditor(key: string, opts: { shift?: boolean; alt?: boolean } = {}): void {
  const body = document.querySelector<HTMLElement>('.ProseMirror');
  if (!body) return;
  if (!opts.shift) body.focus();
  const mac = /Mac|iPhone|iPad/.test(navigator.platform || navigator.userAgent);
  body.dispatchEvent(
    new KeyboardEvent('keydown', {
      key,
      bubbles: true,
      cancelable: true,
      ctrlKey: !mac,
      metaKey: mac,
      shiftKey: opts.shift ?? false,
      altKey: opts.alt ?? false,
    }),
  );
}

/** Maps each menu command to what the window does. Commands about the open article need one. */
export function runMenuCommand(c: MenuCommandPayload, a: MenuActions): void {
  switch (c.command) {
    case 'newArticle':
      return a.newArticle();
    case 'importFiles':
      return a.importFiles();
    case 'exportArticle':
      if (a.hasArticle()) a.exportArticle(c.format);
      return;
    case 'openLibrary':
      return a.openLibrary();
    case 'openRecentArticle':
      return a.openArticle(c.id);
    case 'closeArticle':
      return a.closeArticle();
    case 'showSettings':
      return a.showDialog('settings');
    case 'showAbout':
      return a.showDialog('about');
    case 'showShortcuts':
      return a.showDialog('shortcuts');
    case 'find':
      return pressInEditor('f');
    case 'replace':
      return pressInEditor('h');
    case 'addComment':
      activeCommentSession()?.startComment();
      return;
    case 'toggleNote':
      activeCommentSession()?.toggleNote();
      return;
    case 'toggleLibrarySidebar':
      return a.toggleLibrarySidebar();
    case 'toggleFocusMode':
      // The editor owns focus mode (Mod+Shift+F).
      return pressInEditor('f', { shift: true });
    case 'toggleFindingsPanel':
      if (a.hasArticle()) a.togglePanel('findings');
      return;
    case 'showHistory':
      if (a.hasArticle()) a.showPanel('history');
      return;
    case 'duplicateArticle':
      if (a.hasArticle()) a.duplicateArticle();
      return;
    case 'trashArticle':
      if (a.hasArticle()) a.trashArticle();
      return;
    case 'toggleReviewPanel':
      if (a.hasArticle()) a.togglePanel('review');
      return;
    case 'sendForReview':
      if (!a.sendForReview) return a.notAvailable('Sending for review');
      if (a.hasArticle()) a.sendForReview();
      return;
    case 'openReviewPackage':
      if (!a.openReviewPackage) return a.notAvailable('Opening a review package');
      return a.openReviewPackage();
    case 'setDeskStatus':
      if (!a.setDeskStatus) return a.notAvailable('Changing the desk status from the menu');
      if (a.hasArticle()) a.setDeskStatus(c.status);
      return;
  }
}
