import {
  methodInputs,
  type EventName,
  type EventPayloads,
  type ExportFormat,
  type MethodName,
  type MethodOutputs,
  type MethodParsedInput,
} from '../shared/contract';
import { CopydeskError, isCopydeskError, type Envelope } from '../shared/errors';
import { isSafeLinkUrl } from '../shared/urls';
import { exportArticleTo, renderExport } from './exportArticle';
import { importFilesInto } from './importFiles';
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
}

export interface HandlerDeps {
  workspace: Workspace;
  dialogs: Dialogs;
  /** Opens an already-checked http(s)/mailto URL in the user's browser or mail program. */
  openExternal(url: string): Promise<void>;
  emit<E extends EventName>(event: E, payload: EventPayloads[E]): void;
  /** The renderer has saved everything after `flushRequested`: the window may close. */
  onReadyToClose?(): void;
  /** Where unexpected errors are logged with their detail (never shown as such to the user). */
  log?(message: string, error: unknown): void;
}

export type Handlers = {
  [K in MethodName]: (input: MethodParsedInput<K>) => Promise<MethodOutputs[K]>;
};

/** The handler table: one function per contract method, plain Node, shared by main and the test bridge. */
export function createHandlers(deps: HandlerDeps): Handlers {
  const library = () => deps.workspace.library;
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
    async saveArticle({ id, baseRev, content }) {
      return library().save(id, content, baseRev);
    },
    async trashArticle({ id }) {
      await library().trash(id);
      deps.emit('libraryChanged', { reason: 'trashed' });
      return null;
    },
    async importFiles() {
      const paths = await deps.dialogs.chooseImportFiles();
      if (paths.length === 0) return { imported: [], failed: [], cancelled: true };
      const result = await importFilesInto(library(), paths);
      if (result.imported.length > 0) deps.emit('libraryChanged', { reason: 'imported' });
      return result;
    },
    async exportArticle({ id, format }) {
      const article = await library().get(id);
      const { fileName } = renderExport(article, format);
      const path = await deps.dialogs.chooseExportPath(fileName, format);
      if (!path) return null;
      await exportArticleTo(article, format, path).catch((e) => {
        throw isCopydeskError(e)
          ? new CopydeskError('export-failed', `The export could not be written: ${e.message}`, { cause: e })
          : e;
      });
      return { path };
    },
    async updateSettings(patch) {
      return library().updateSettings(patch);
    },
    async dismissDamaged({ keptAs }) {
      await library().dismissDamaged(keptAs);
      return library().info();
    },
    async openExternal({ url }) {
      if (!isSafeLinkUrl(url)) return { opened: false };
      await deps.openExternal(url.trim());
      return { opened: true };
    },
    async windowReadyToClose() {
      deps.onReadyToClose?.();
      return null;
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
    return { ok: false, error: { code: 'invalid-input', message: `Copydesk has no action called “${method}”.` } };
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


