/**
 * The names that cross IPC, with no dependencies: the sandboxed preload bundles this file and
 * nothing else of the contract (a sandboxed preload cannot load zod from node_modules).
 * contract.ts checks at compile time that these lists match its schemas and payloads exactly.
 */
export const METHOD_NAMES = [
  'getLibraryInfo',
  'chooseLibrary',
  'listArticles',
  'getArticle',
  'createArticle',
  'saveArticle',
  'trashArticle',
  'importFiles',
  'exportArticle',
  'exportArticles',
  'listExportTemplates',
  'updateSettings',
  'dismissDamaged',
  'searchArticles',
  'listTrash',
  'restoreFromTrash',
  'emptyTrash',
  'duplicateArticle',
  'listRevisions',
  'getRevisionDiff',
  'restoreRevision',
  'restoreDamaged',
  'saveConflictCopy',
  'openExternal',
  'windowReadyToClose',
  'reportUiState',
  'getAppSettings',
  'updateAppSettings',
  'getAboutInfo',
  'importDroppedFiles',
  'checkArticle',
  'addToDictionary',
  'getCheckConfig',
  'setStyleEnabled',
  'insertImage',
  'addImageBytes',
  'exportToText',
  'sendForReview',
  'openReviewPackage',
  'setStatus',
  'listOpenReviewItems',
] as const;
export type MethodName = (typeof METHOD_NAMES)[number];

export const EVENT_NAMES = [
  'libraryChanged',
  'articleChangedOnDisk',
  'flushRequested',
  'menuCommand',
  'appSettingsChanged',
  'filesOpened',
  'exportProgress',
  'importProgress',
  'checkConfigChanged',
] as const;
export type EventName = (typeof EVENT_NAMES)[number];

/** The global the preload defines in the renderer. */
export const BRIDGE_GLOBAL = 'copydesk';

export const channelFor = (method: MethodName): string => `copydesk:${method}`;
export const eventChannelFor = (event: EventName): string => `copydesk:event:${event}`;

/** The subscriber name the preload exposes for an event: `libraryChanged` → `onLibraryChanged`. */
export function subscriberName<E extends EventName>(event: E): `on${Capitalize<E>}` {
  return `on${event[0]!.toUpperCase()}${event.slice(1)}` as `on${Capitalize<E>}`;
}
