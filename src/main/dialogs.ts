import { dialog, type BrowserWindow } from 'electron';
import { SUPPORTED_IMPORT_EXTENSIONS } from '../importers';
import type { Dialogs } from '../services/handlers';
import type { ExportFormat } from '../shared/contract';
import { REVIEW_PACKAGE_EXTENSIONS } from '../shared/review/package';

/** The save dialog's file type for each export format. */
const EXPORT_FILTERS: Record<ExportFormat, Electron.FileFilter> = {
  html: { name: 'Web page', extensions: ['html'] },
  'html-fragment': { name: 'HTML fragment', extensions: ['html'] },
  markdown: { name: 'Markdown', extensions: ['md'] },
  text: { name: 'Plain text', extensions: ['txt'] },
  docx: { name: 'Word document', extensions: ['docx'] },
  nitf: { name: 'NITF XML', extensions: ['xml'] },
  ninjs: { name: 'ninjs JSON', extensions: ['json'] },
  pdf: { name: 'PDF', extensions: ['pdf'] },
};

/** The native dialogs behind the handler table's `Dialogs`. */
export function electronDialogs(getWindow: () => BrowserWindow | null, defaultDir: () => string): Dialogs {
  return {
    async chooseImportFiles() {
      const win = getWindow();
      const options: Electron.OpenDialogOptions = {
        title: 'Import articles',
        properties: ['openFile', 'multiSelections'],
        filters: [
          {
            name: 'Articles and review packages',
            extensions: [...SUPPORTED_IMPORT_EXTENSIONS, ...REVIEW_PACKAGE_EXTENSIONS].map((e) => e.replace(/^\./, '')),
          },
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
        filters: EXPORT_FILTERS[format] ? [EXPORT_FILTERS[format]] : [],
      };
      const result = win ? await dialog.showSaveDialog(win, options) : await dialog.showSaveDialog(options);
      return result.canceled || !result.filePath ? null : result.filePath;
    },
    async chooseExportFolder(_format, count) {
      const win = getWindow();
      const options: Electron.OpenDialogOptions = {
        title: `Export ${count} article${count === 1 ? '' : 's'} to a folder`,
        buttonLabel: 'Export here',
        defaultPath: defaultDir(),
        properties: ['openDirectory', 'createDirectory', 'promptToCreate'],
      };
      const result = win ? await dialog.showOpenDialog(win, options) : await dialog.showOpenDialog(options);
      return result.canceled ? null : (result.filePaths[0] ?? null);
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
    async chooseImageFile() {
      const win = getWindow();
      const options: Electron.OpenDialogOptions = {
        title: 'Insert picture',
        properties: ['openFile'],
        filters: [{ name: 'Pictures', extensions: ['png', 'jpg', 'jpeg', 'gif', 'webp'] }],
      };
      const result = win ? await dialog.showOpenDialog(win, options) : await dialog.showOpenDialog(options);
      return result.canceled ? null : (result.filePaths[0] ?? null);
    },
    async chooseReviewPackageDestination(suggestedName) {
      const win = getWindow();
      const options: Electron.SaveDialogOptions = {
        title: 'Send for review',
        buttonLabel: 'Save package',
        defaultPath: `${defaultDir()}/${suggestedName}`,
        filters: [REVIEW_FILTER],
      };
      const result = win ? await dialog.showSaveDialog(win, options) : await dialog.showSaveDialog(options);
      return result.canceled || !result.filePath ? null : result.filePath;
    },
    async chooseReviewPackage() {
      const win = getWindow();
      const options: Electron.OpenDialogOptions = {
        title: 'Open review package',
        properties: ['openFile'],
        filters: [REVIEW_FILTER, { name: 'All files', extensions: ['*'] }],
      };
      const result = win ? await dialog.showOpenDialog(win, options) : await dialog.showOpenDialog(options);
      return result.canceled ? null : (result.filePaths[0] ?? null);
    },
  };
}

/** Review packages: `.copydesk-review` (and `.package`, as the issue names them). */
const REVIEW_FILTER: Electron.FileFilter = {
  name: 'Copydesk review package',
  extensions: REVIEW_PACKAGE_EXTENSIONS.map((e) => e.replace(/^\./, '')),
};
