import {
  subscriberName,
  type CopydeskBridge,
  type DroppedFile,
  type ImportResult,
  type EventName,
  type EventPayloads,
  type MethodInput,
  type MethodName,
  type MethodOutputs,
  type Unsubscribe,
} from '../../shared/contract';
import type { Envelope, ErrorCode } from '../../shared/errors';

declare global {
  interface Window {
    /** Put there by the preload (or by the test harness); exactly the contract's methods. */
    copydesk: CopydeskBridge;
  }
}

/** An error from main, carrying its stable `code` and the message a journalist can act on. */
export class ApiError extends Error {
  readonly code: ErrorCode;

  constructor(code: ErrorCode, message: string) {
    super(message);
    this.name = 'ApiError';
    this.code = code;
  }
}

/** The message to show for anything thrown while talking to main. */
export function errorMessage(e: unknown): string {
  if (e instanceof Error && e.message) return e.message;
  return 'Something went wrong. Try again; if it keeps happening, restart Copydesk.';
}

export function errorCode(e: unknown): ErrorCode {
  return e instanceof ApiError ? e.code : 'internal';
}

function bridge(): CopydeskBridge {
  // Checked on every call rather than once at import, so a missing bridge is reported where
  // the user is looking (the action that failed) instead of as a blank window.
  const b = (window as Partial<Window>).copydesk;
  if (!b) {
    throw new ApiError(
      'internal',
      'Copydesk cannot reach its library: the window was opened without the app around it. Restart Copydesk.',
    );
  }
  return b;
}

async function call<K extends MethodName>(method: K, input: MethodInput<K>): Promise<MethodOutputs[K]> {
  const fn = bridge()[method] as unknown as (input: MethodInput<K>) => Promise<Envelope<MethodOutputs[K]>>;
  let envelope: Envelope<MethodOutputs[K]>;
  try {
    envelope = await fn(input);
  } catch {
    // The bridge itself failed (main crashed or the channel closed): nothing was done.
    throw new ApiError(
      'internal',
      'Copydesk lost contact with its library process. Your text is still in this window; restart Copydesk if this persists.',
    );
  }
  if (envelope.ok) return envelope.value;
  throw new ApiError(envelope.error.code, envelope.error.message);
}

type Api = {
  [K in Exclude<MethodName, 'importDroppedFiles'>]: MethodInput<K> extends undefined
    ? () => Promise<MethodOutputs[K]>
    : (input: MethodInput<K>) => Promise<MethodOutputs[K]>;
} & {
  /** Imports files dropped on the window: the preload turns the DOM files into paths. */
  importDroppedFiles(files: readonly DroppedFile[]): Promise<ImportResult>;
};

/** The typed client: each method returns its value or throws an `ApiError`. */
export const api: Api = {
  getLibraryInfo: () => call('getLibraryInfo', undefined),
  chooseLibrary: () => call('chooseLibrary', undefined),
  listArticles: (input) => call('listArticles', input),
  getArticle: (input) => call('getArticle', input),
  createArticle: (input) => call('createArticle', input),
  saveArticle: (input) => call('saveArticle', input),
  trashArticle: (input) => call('trashArticle', input),
  importFiles: () => call('importFiles', undefined),
  exportArticle: (input) => call('exportArticle', input),
  exportArticles: (input) => call('exportArticles', input),
  listExportTemplates: () => call('listExportTemplates', undefined),
  checkArticle: (input) => call('checkArticle', input),
  addToDictionary: (input) => call('addToDictionary', input),
  getCheckConfig: () => call('getCheckConfig', undefined),
  setStyleEnabled: (input) => call('setStyleEnabled', input),
  updateSettings: (input) => call('updateSettings', input),
  dismissDamaged: (input) => call('dismissDamaged', input),
  searchArticles: (input) => call('searchArticles', input),
  listTrash: () => call('listTrash', undefined),
  restoreFromTrash: (input) => call('restoreFromTrash', input),
  emptyTrash: (input) => call('emptyTrash', input),
  duplicateArticle: (input) => call('duplicateArticle', input),
  listRevisions: (input) => call('listRevisions', input),
  getRevisionDiff: (input) => call('getRevisionDiff', input),
  restoreRevision: (input) => call('restoreRevision', input),
  restoreDamaged: (input) => call('restoreDamaged', input),
  saveConflictCopy: (input) => call('saveConflictCopy', input),
  openExternal: (input) => call('openExternal', input),
  windowReadyToClose: () => call('windowReadyToClose', undefined),
  reportUiState: (input) => call('reportUiState', input),
  getAppSettings: () => call('getAppSettings', undefined),
  updateAppSettings: (input) => call('updateAppSettings', input),
  getAboutInfo: () => call('getAboutInfo', undefined),
  insertImage: (input) => call('insertImage', input),
  addImageBytes: (input) => call('addImageBytes', input),
  exportToText: (input) => call('exportToText', input),
  sendForReview: (input) => call('sendForReview', input),
  openReviewPackage: () => call('openReviewPackage', undefined),
  setStatus: (input) => call('setStatus', input),
  listOpenReviewItems: (input) => call('listOpenReviewItems', input),
  importDroppedFiles: (files) =>
    call('importDroppedFiles', files as unknown as MethodInput<'importDroppedFiles'>),
};

/** Subscribes to an event main pushes; returns the unsubscribe function. */
export function subscribe<E extends EventName>(
  event: E,
  listener: (payload: EventPayloads[E]) => void,
): Unsubscribe {
  const b = (window as Partial<Window>).copydesk;
  if (!b) return () => {};
  // Older bridges (or a test bridge built before an event existed) may lack a subscriber.
  const on = b[subscriberName(event)] as
    ((l: (payload: EventPayloads[E]) => void) => Unsubscribe) | undefined;
  return typeof on === 'function' ? on(listener) : () => {};
}
