import { dialog, type BrowserWindow } from 'electron';
import { SUPPORTED_IMPORT_EXTENSIONS } from '../importers';
import type { Dialogs } from '../services/handlers';

/** The native dialogs behind the handler table's `Dialogs`. */
export function electronDialogs(getWindow: () => BrowserWindow | null, defaultDir: () => string): Dialogs {
  return {
    async chooseImportFiles() {
      const win = getWindow();
      const options: Electron.OpenDialogOptions = {
        title: 'Import articles',
        properties: ['openFile', 'multiSelections'],
        filters: [
          { name: 'Articles', extensions: SUPPORTED_IMPORT_EXTENSIONS.map((e) => e.replace(/^\./, '')) },
          { name: 'All files', extensions: ['*'] },
        ],
      };
      const result = win ? await dialog.showOpenDialog(win, options) : await dialog.showOpenDialog(options);
      return result.canceled ? [] : result.filePaths;
    },
    async chooseExportPath(suggestedName, format) {
      const win = getWindow();
      const options: Electron.SaveDialogOptions = {
        title: 'Export article',
        defaultPath: `${defaultDir()}/${suggestedName}`,
        filters: format === 'html' ? [{ name: 'Web page', extensions: ['html'] }] : [],
      };
      const result = win ? await dialog.showSaveDialog(win, options) : await dialog.showSaveDialog(options);
      return result.canceled || !result.filePath ? null : result.filePath;
    },
    async chooseLibraryFolder() {
      const win = getWindow();
      const options: Electron.OpenDialogOptions = {
        title: 'Choose or create a library folder',
        buttonLabel: 'Use this folder',
        properties: ['openDirectory', 'createDirectory', 'promptToCreate'],
      };
      const result = win ? await dialog.showOpenDialog(win, options) : await dialog.showOpenDialog(options);
      return result.canceled ? null : (result.filePaths[0] ?? null);
    },
  };
}
