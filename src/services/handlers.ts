import { version as APP_VERSION } from '../../package.json';
import {
  methodInputs,
  type AboutInfo,
  type EventName,
  type EventPayloads,
  type ExportFormat,
  type MethodName,
  type MethodOutputs,
  type MethodParsedInput,
  type UiState,
} from '../shared/contract';
import { CopydeskError, isCopydeskError, type Envelope } from '../shared/errors';
import { isSafeLinkUrl } from '../shared/urls';
import { createCheckHandlers } from '../checks/node/checkHandlers';
import { AppSettingsStore } from './appSettings';
import { assertExportable } from './deskStatus';
import { createDeskStatusHandlers } from './deskStatusHandlers';
import { createReviewHandlers, currentPerson } from './reviewHandlers';
import { exportArticleTo, exportFileName, relatedLookup, type PdfRenderer } from './exportArticle';
import { exportMany } from './exportMany';
import { createExportTextHandlers } from './exportTextHandlers';
import { importablePaths } from './importablePaths';
import { importFilesInto } from './importFiles';
import { createLibraryHandlers } from './libraryHandlers';
import { storeImage, storeImageFile } from './libraryAssets';
import { listTemplates } from './templates';
import { switchLibrary, type Workspace } from './workspace';

export { openWorkspace, closeWorkspace, type Workspace } from './workspace';

/**
 * What only the desktop shell can do: native dialogs. Main implements them with Electron's
 * `dialog`; the test bridge implements them with queues the test fills. The renderer never
 * names a path to write to: main asks the user here.
 */
export interface Dialogs {
  /** Files to import; an empty list when the user cancels. */
  chooseImportFiles(): Promise<string[]>;
  /** Where to write an export; null when the user cancels. */
  chooseExportPath(suggestedName: string, format: ExportFormat): Promise<string | null>;
  /** A folder to open or create a library in; null when the user cancels. */
  chooseLibraryFolder(): Promise<string | null>;
  /**
   * A folder for a batch export (`exportArticles`); null when the user cancels. Optional only
   * until every Dialogs implementation (the e2e test bridge) has it: without it batch export
   * reports that it is unavailable.
   */
  chooseExportFolder?(format: ExportFormat, count: number): Promise<string | null>;
  /** A picture to insert into an article (PNG, JPEG, GIF or WebP); null when the user cancels. */
  chooseImageFile(): Promise<string | null>;
  /**
   * Where to write a review package ("Send for review…"); null when the user cancels. Optional
   * like chooseExportFolder: without it the review round trip reports that it is unavailable.
   */
  chooseReviewPackageDestination?(suggestedName: string): Promise<string | null>;
  /** A review package to open (`.copydesk-review`); null when the user cancels. */
  chooseReviewPackage?(): Promise<string | null>;
}

export interface HandlerDeps {
  workspace: Workspace;
  /** Prints an export page to PDF (Electron's printToPDF in main); without it PDF export says it is unavailable. */
  renderPdf?: PdfRenderer;
  dialogs: Dialogs;
  /** Opens an already-checked http(s)/mailto URL in the user's browser or mail program. */
  openExternal(url: string): Promise<void>;
  /** Puts text on the system clipboard (`exportToText` with `copy`); without it the renderer copies. */
  copyToClipboard?(text: string): void;
  emit<E extends EventName>(event: E, payload: EventPayloads[E]): void;
  /** The renderer has saved everything after `flushRequested`: the window may close. */
  onReadyToClose?(): void;
  /** Where unexpected errors are logged with their detail (never shown as such to the user). */
  log?(message: string, error: unknown): void;
  /** The app's own settings (app data folder). The test bridge may leave it out: then in memory. */
  appSettings?: AppSettingsStore;
  /** The renderer reported what it shows: main updates the menu from it. */
  onUiState?(state: UiState): void;
  /** What only the shell knows for About (Electron and Chromium versions, licences of what ships). */
  about?(): Promise<Pick<AboutInfo, 'electron' | 'chromium' | 'licences'>>;
}

export type Handlers = {
  [K in MethodName]: (input: MethodParsedInput<K>) => Promise<MethodOutputs[K]>;
};

/** The handler table: one function per contract method, plain Node, shared by main and the test bridge. */
export function createHandlers(deps: HandlerDeps): Handlers {
  const library = () => deps.workspace.library;
  const appSettings = deps.appSettings ?? AppSettingsStore.inMemory();
  // Each file of an import, as it is read: the renderer shows "12 of 30" while a batch comes in.
  const importProgress = (progress: EventPayloads['importProgress']): void =>
    deps.emit('importProgress', progress);
  const checks = createCheckHandlers(deps);
  // Who opens a review package among imported files: their name signs the merge's revision.
  const receiver = () => currentPerson(appSettings, library().settings.authorName);
  return {
    async getLibraryInfo() {
      return library().info();
    },
    async chooseLibrary() {
      const dir = await deps.dialogs.chooseLibraryFolder();
      if (!dir) return null;
      await switchLibrary(deps.workspace, dir);
      deps.emit('libraryChanged', { reason: 'switched' });
      return library().info();
    },
    async listArticles({ filter }) {
      return library().list(filter);
    },
    async getArticle({ id }) {
      return library().get(id);
    },
    async createArticle({ content }) {
      const article = await library().create(content ?? {});
      deps.emit('libraryChanged', { reason: 'created' });
      return article;
    },
    async saveArticle({ id, baseRev, content, reason }) {
      // The reason decides whether the save is also a revision (explicit, switch, close: yes).
      return library().save(id, content, baseRev, reason);
    },
    async trashArticle({ id }) {
      await library().trash(id);
      deps.emit('libraryChanged', { reason: 'trashed' });
      return null;
    },
    async importFiles() {
      const paths = await deps.dialogs.chooseImportFiles();
      if (paths.length === 0) return { imported: [], failed: [], cancelled: true };
      const result = await importFilesInto(library(), paths, importProgress, receiver());
      if (result.imported.length > 0) deps.emit('libraryChanged', { reason: 'imported' });
      return result;
    },
    async exportArticle({ id, format, options }) {
      const article = await library().get(id);
      // Refused before asking where to save: publish-ready HTML never carries open review.
      assertExportable(article, format, options);
      const path = await deps.dialogs.chooseExportPath(exportFileName(article, format), format);
      if (!path) return null;
      const context = { libraryDir: library().dir, pdf: deps.renderPdf, related: relatedLookup(library()) };
      await exportArticleTo(article, format, path, options, context).catch((e) => {
        throw isCopydeskError(e)
          ? new CopydeskError('export-failed', `The export could not be written: ${e.message}`, { cause: e })
          : e;
      });
      return { path };
    },
    async exportArticles({ ids, status, format, options }) {
      if (!deps.dialogs.chooseExportFolder) {
        throw new CopydeskError(
          'export-failed',
          'Exporting several articles at once is not available in this window.',
        );
      }
      const selection = ids ?? { status: status! };
      const count = Array.isArray(selection)
        ? selection.length
        : library()
            .list()
            .filter((a) => a.status === status).length;
      if (count === 0) {
        throw new CopydeskError(
          'not-found',
          'No article has that desk status, so there is nothing to export.',
        );
      }
      const folder = await deps.dialogs.chooseExportFolder(format, count);
      if (!folder) return null;
      return exportMany(
        library(),
        selection,
        format,
        folder,
        (done, total) => deps.emit('exportProgress', { done, total }),
        options,
        {
          pdf: deps.renderPdf,
          // Publish-ready HTML of an article that fails the readiness check is skipped with the
          // failing items (the Export dialog's "Export anyway" is per article).
          // The article exportMany already read is checked as it is: no second read of its file.
          readiness: async (a, overrides) => (await checks.checkArticle({ content: a, overrides })).readiness,
        },
      );
    },
    async listExportTemplates() {
      return listTemplates(library().dir);
    },
    async updateSettings(patch) {
      return library().updateSettings(patch);
    },
    async dismissDamaged({ keptAs }) {
      await library().dismissDamaged(keptAs);
      return library().info();
    },
    ...createLibraryHandlers(deps),
    ...createExportTextHandlers(deps),
    ...checks,
    ...createDeskStatusHandlers(deps, appSettings, checks.checkArticle),
    ...createReviewHandlers(deps, appSettings),
    async openExternal({ url }) {
      if (!isSafeLinkUrl(url)) return { opened: false };
      await deps.openExternal(url.trim());
      return { opened: true };
    },
    async windowReadyToClose() {
      deps.onReadyToClose?.();
      return null;
    },
    async reportUiState(state) {
      // Remembered first so the menu rebuilt from this report lists the article under Recent.
      if (state.articleId && state.hasArticle !== false) {
        const libraryPath = library().dir;
        await appSettings.rememberArticle({
          id: state.articleId,
          headline: state.headline ?? '',
          libraryPath,
        });
      }
      deps.onUiState?.(state);
      return null;
    },
    async getAppSettings() {
      return appSettings.view(library().dir);
    },
    async updateAppSettings(patch) {
      await appSettings.updatePreferences(patch);
      const view = appSettings.view(library().dir);
      deps.emit('appSettingsChanged', view);
      return view;
    },
    async getAboutInfo() {
      const shell = (await deps.about?.()) ?? { electron: null, chromium: null, licences: [] };
      return {
        name: 'Copydesk',
        version: APP_VERSION,
        node: process.versions.node,
        libraryPath: library().dir,
        ...shell,
      };
    },
    async importDroppedFiles({ paths }) {
      const { accepted, refused } = await importablePaths(paths);
      const result =
        accepted.length > 0
          ? await importFilesInto(library(), accepted, importProgress, receiver())
          : { imported: [], failed: [], cancelled: false };
      result.failed.push(...refused);
      if (result.imported.length > 0) deps.emit('libraryChanged', { reason: 'imported' });
      return result;
    },
    async insertImage({ articleId }) {
      const path = await deps.dialogs.chooseImageFile();
      if (!path) return null;
      return { src: await storeImageFile(library().dir, articleId, path) };
    },
    async addImageBytes({ articleId, name, bytes }) {
      const data = bytes instanceof Uint8Array ? bytes : new Uint8Array(bytes);
      return { src: await storeImage(library().dir, articleId, data, name || 'picture') };
    },
  };
}

function isMethodName(name: string): name is MethodName {
  return Object.hasOwn(methodInputs, name);
}

/**
 * Validates `rawInput` against the contract and runs the handler. Never throws: the result is
 * an envelope whose error carries a stable code and a message written for the user.
 */
export async function dispatch(
  handlers: Handlers,
  method: string,
  rawInput: unknown,
  log?: HandlerDeps['log'],
): Promise<Envelope<unknown>> {
  if (!isMethodName(method)) {
    return {
      ok: false,
      error: { code: 'invalid-input', message: `Copydesk has no action called “${method}”.` },
    };
  }
  const parsed = methodInputs[method].safeParse(rawInput);
  if (!parsed.success) {
    const issue = parsed.error.issues[0];
    const where = issue?.path.length ? ` (${issue.path.join('.')})` : '';
    return {
      ok: false,
      error: {
        code: 'invalid-input',
        message: `Copydesk could not accept that request${where}: ${issue?.message ?? 'invalid input'}.`,
      },
    };
  }
  try {
    const handler = handlers[method] as (input: unknown) => Promise<unknown>;
    return { ok: true, value: await handler(parsed.data) };
  } catch (e) {
    if (isCopydeskError(e)) {
      if (e.detail) log?.(`${method}: ${e.code}`, e);
      return { ok: false, error: { code: e.code, message: e.message } };
    }
    log?.(`${method}: unexpected error`, e);
    return {
      ok: false,
      error: {
        code: 'internal',
        message: `Something went wrong inside Copydesk (${(e as Error)?.message ?? String(e)}). Your saved work is safe; try again.`,
      },
    };
  }
}
