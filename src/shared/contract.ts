import { z } from 'zod';
import {
  ArticleContentSchema,
  ArticleIdSchema,
  DESK_STATUSES,
  type Article,
  type ArticleSummary,
  type ImportNote,
} from './article';
import { EVENT_NAMES, METHOD_NAMES, type EventName, type MethodName } from './channels';
import {
  libraryMethodInputs,
  type ArticleChangedOnDisk,
  type LibraryMethodOutputs,
  type RestorableRevision,
  type SyncConflictFile,
} from './libraryTypes';
import type { Envelope } from './errors';
import type { ReviewImportResult, SendForReviewResult } from './review/package';
import { DEFAULT_RELATED_URL_PATTERN, relatedUrlPatternProblem } from './related';
import { READINESS_ITEM_IDS, type CheckResult } from '../checks/types';
import type { CheckConfig } from '../checks/config';

export {
  BRIDGE_GLOBAL,
  EVENT_NAMES,
  METHOD_NAMES,
  channelFor,
  eventChannelFor,
  subscriberName,
  type EventName,
  type MethodName,
} from './channels';

/**
 * The one API between the renderer and main. The preload exposes exactly these methods,
 * main validates every input with these schemas before running a handler, and the test
 * bridge is built from the same table.
 */

const Empty = z.undefined();

export const SaveReasonSchema = z.enum(['autosave', 'explicit', 'switch', 'close']);
export type SaveReason = z.infer<typeof SaveReasonSchema>;

/** Export formats; the exporters are in src/exporters, one file each, chosen in services/exportArticle.ts. */
export const ExportFormatSchema = z.enum([
  'html',
  'html-fragment',
  'markdown',
  'text',
  'docx',
  'nitf',
  'ninjs',
  'pdf',
]);
export type ExportFormat = z.infer<typeof ExportFormatSchema>;

/** Choices that refine a format: the house template for 'html' (and 'pdf'), wrapping for 'text'. */
export const ExportOptionsSchema = z
  .object({
    /** A template file in the library's `templates/` folder (e.g. `house.njk`), or `default`; omit for the plain page. */
    template: z.string().min(1).max(200).optional(),
    /** Wrap plain text at 72 characters. */
    wrapText: z.boolean().optional(),
    /** The ninjs version a partner wants. */
    ninjsVersion: z.enum(['3.1', '2.2']).optional(),
    /**
     * How open suggestions are exported: `reject` (the default) exports the original text,
     * `accept` the text with every suggestion taken. Comments and notes are never exported.
     */
    suggestions: z.enum(['reject', 'accept']).optional(),
    /**
     * Publish-ready HTML refuses an article with open suggestions or unresolved comments unless
     * this is set: the user chose to export the original text, as if every suggestion were rejected.
     */
    asOriginal: z.boolean().optional(),
    /**
     * Word only: export the article as it stands in review, its suggestions as Word tracked
     * changes and its comments as Word comments (notes are still left out). Other formats refuse it.
     */
    review: z.boolean().optional(),
  })
  .strict();
export type ExportOptions = z.infer<typeof ExportOptionsSchema>;

/** The export formats that are text to copy to the clipboard (`exportToText`). */
export const TextExportFormatSchema = z.enum(['html-fragment', 'markdown', 'text']);
export type TextExportFormat = z.infer<typeof TextExportFormatSchema>;

/** Where an import of several files is: `done` of `total` files read, the last one and whether it came in. */
export interface ImportProgress {
  done: number;
  total: number;
  file: string;
  imported: boolean;
}

/** The largest picture a figure may hold. */
export const MAX_IMAGE_BYTES = 20 * 1024 * 1024;

// An ArrayBuffer from the renderer (or a Uint8Array/Buffer, which is how some bridges deliver it).
const ImageBytesSchema = z
  .custom<ArrayBuffer | Uint8Array>(
    (v) => Object.prototype.toString.call(v) === '[object ArrayBuffer]' || v instanceof Uint8Array,
    'Expected the picture’s bytes.',
  )
  .refine(
    (v) => v.byteLength > 0 && v.byteLength <= MAX_IMAGE_BYTES,
    'A picture must be smaller than 20 MB.',
  );

export const LibrarySettingsSchema = z.object({
  headlineBudget: z.number().int().min(10).max(500),
  contentHighlightBudget: z.number().int().min(20).max(1000),
  wordsPerMinute: z.number().int().min(60).max(1000),
  authorName: z.string().max(200),
  /** Every revision younger than this many days is kept. */
  revisionKeepAllDays: z.number().int().min(0).max(3650),
  /** Older revisions: one a day for this many days more; 0 keeps one a day for ever. */
  revisionKeepDailyDays: z.number().int().min(0).max(36500),
  /** Where a related story in this library is linked at export: `{slug}` and `{id}` fill in (see shared/related.ts). */
  relatedUrlPattern: z
    .string()
    .trim()
    .max(500)
    .superRefine((pattern, ctx) => {
      const problem = relatedUrlPatternProblem(pattern);
      if (problem) ctx.addIssue({ code: 'custom', message: problem });
    }),
  /**
   * House style switched on or off for this library over the rule packs' own `enabled` flags
   * (Settings ▸ House style; `setStyleEnabled`). Pack ids and `pack/rule` keys. Absent: none.
   */
  styleToggles: z
    .object({
      disabledPacks: z.array(z.string().max(200)).max(1000),
      enabledPacks: z.array(z.string().max(200)).max(1000),
      disabledRules: z.array(z.string().max(401)).max(10_000),
      enabledRules: z.array(z.string().max(401)).max(10_000),
    })
    .optional(),
});
export type LibrarySettings = z.infer<typeof LibrarySettingsSchema>;

export const DEFAULT_LIBRARY_SETTINGS: LibrarySettings = {
  headlineBudget: 70,
  contentHighlightBudget: 160,
  wordsPerMinute: 230,
  authorName: '',
  revisionKeepAllDays: 7,
  revisionKeepDailyDays: 0,
  relatedUrlPattern: DEFAULT_RELATED_URL_PATTERN,
};

// ---- The desktop shell: app preferences, the menu, the renderer's UI state, About ----

export const ThemeSchema = z.enum(['system', 'light', 'dark']);
export type Theme = z.infer<typeof ThemeSchema>;

export const UserRoleSchema = z.enum(['reporter', 'editor', 'producer']);
export type UserRole = z.infer<typeof UserRoleSchema>;

/**
 * What the user sets about themselves and this machine, kept in the app's data folder (not in
 * the library, which a desk may share). Library-wide house rules (budgets, reading speed) are
 * `LibrarySettings`. No path is settable here: the library location changes only through
 * `chooseLibrary`, which asks with a native dialog.
 */
export const PreferencesSchema = z.object({
  name: z.string().max(200),
  initials: z.string().max(8),
  role: UserRoleSchema,
  theme: ThemeSchema,
  /** The format File ▸ Export's shortcut (CmdOrCtrl+E) and the export button use. */
  exportFormat: ExportFormatSchema,
  /** A BCP 47 tag such as `en-US`; used by the copy desk's spelling check once it lands. */
  spellCheckLanguage: z
    .string()
    .regex(/^[a-z]{2,3}(-[A-Z][a-z]{3})?(-[A-Z]{2})?$/, 'A language tag such as en-US.'),
});
export type Preferences = z.infer<typeof PreferencesSchema>;

export const DEFAULT_PREFERENCES: Preferences = {
  name: '',
  initials: '',
  role: 'reporter',
  theme: 'system',
  exportFormat: 'html',
  spellCheckLanguage: 'en-US',
};

export interface RecentArticle {
  id: string;
  headline: string;
  /** The library the article is in: File ▸ Recent lists only the current library's. */
  libraryPath: string;
  openedAt: string;
}

/** The app settings as the renderer sees them (window geometry stays in main). */
export interface AppSettingsView extends Preferences {
  libraryPath: string;
  recentArticles: RecentArticle[];
}

/**
 * What the renderer reports so the menu enables only what applies. Partial: main merges each
 * report into what it knows, so the renderer sends only what changed.
 */
export const UiStateSchema = z
  .object({
    hasArticle: z.boolean(),
    /** The open article, remembered in File ▸ Recent articles. */
    articleId: ArticleIdSchema.nullable(),
    headline: z.string().max(2000),
    deskStatus: z.enum(DESK_STATUSES).nullable(),
    canUndo: z.boolean(),
    canRedo: z.boolean(),
    librarySidebar: z.boolean(),
    reviewPanel: z.boolean(),
    findingsPanel: z.boolean(),
    focusMode: z.boolean(),
  })
  .partial()
  .strict();
export type UiState = z.infer<typeof UiStateSchema>;

/** Everything the application and context menus ask the renderer to do (one event: `menuCommand`). */
export const MenuCommandSchema = z.enum([
  'newArticle',
  'importFiles',
  'exportArticle',
  'sendForReview',
  'openReviewPackage',
  'openLibrary',
  'openRecentArticle',
  'closeArticle',
  'showSettings',
  'find',
  'replace',
  'addComment',
  'toggleNote',
  'toggleLibrarySidebar',
  'toggleReviewPanel',
  'toggleFindingsPanel',
  'toggleFocusMode',
  'setDeskStatus',
  'showHistory',
  'duplicateArticle',
  'trashArticle',
  'showShortcuts',
  'showAbout',
]);
export type MenuCommand = z.infer<typeof MenuCommandSchema>;

/** The `menuCommand` payload: the command plus its argument for the three that take one. */
export const MenuCommandPayloadSchema = z.discriminatedUnion('command', [
  z.object({ command: z.literal('exportArticle'), format: ExportFormatSchema }).strict(),
  z.object({ command: z.literal('openRecentArticle'), id: ArticleIdSchema }).strict(),
  z.object({ command: z.literal('setDeskStatus'), status: z.enum(DESK_STATUSES) }).strict(),
  z
    .object({ command: MenuCommandSchema.exclude(['exportArticle', 'openRecentArticle', 'setDeskStatus']) })
    .strict(),
]);
export type MenuCommandPayload = z.infer<typeof MenuCommandPayloadSchema>;

export interface AboutInfo {
  name: string;
  version: string;
  /** Present when running inside Electron. */
  electron: string | null;
  chromium: string | null;
  node: string;
  libraryPath: string;
  /** The production dependencies shipped with the app and their licences, read offline. */
  licences: { name: string; version: string; licence: string }[];
}

/** A file dropped on the window, as the renderer has it (a DOM `File`); its path never reaches the page. */
export interface DroppedFile {
  readonly name: string;
  readonly size: number;
}

/** What a batch export did: every selected article is either exported or skipped with the reason. */
export interface ExportManyResult {
  folder: string;
  /** `overridden`: the readiness items that failed, exported anyway with an override (CLI). */
  exported: { id: string; headline: string; file: string; overridden?: string[] }[];
  skipped: { id: string; headline: string; reason: string }[];
}

/** A house template offered at export: the built-in `default` or a `templates/*.njk` file in the library. */
export interface ExportTemplateInfo {
  name: string;
  builtIn: boolean;
}

type Exact<A, B> = [A] extends [B] ? ([B] extends [A] ? true : never) : never;

export const methodInputs = {
  getLibraryInfo: Empty,
  chooseLibrary: Empty,
  listArticles: z.object({ filter: z.string().max(500).optional() }).strict(),
  getArticle: z.object({ id: ArticleIdSchema }).strict(),
  createArticle: z.object({ content: ArticleContentSchema.partial().optional() }).strict(),
  saveArticle: z
    .object({
      id: ArticleIdSchema,
      baseRev: z.number().int().nonnegative(),
      content: ArticleContentSchema,
      reason: SaveReasonSchema,
    })
    .strict(),
  trashArticle: z.object({ id: ArticleIdSchema }).strict(),
  importFiles: Empty,
  exportArticle: z
    .object({ id: ArticleIdSchema, format: ExportFormatSchema, options: ExportOptionsSchema.optional() })
    .strict(),
  // Several articles by id, or every article with a desk status, into a folder main asks for.
  exportArticles: z
    .object({
      ids: z.array(ArticleIdSchema).min(1).max(10_000).optional(),
      status: z.enum(DESK_STATUSES).optional(),
      format: ExportFormatSchema,
      options: ExportOptionsSchema.optional(),
    })
    .strict()
    .refine((v) => (v.ids === undefined) !== (v.status === undefined), 'Give either ids or a status.'),
  listExportTemplates: Empty,
  updateSettings: LibrarySettingsSchema.partial().strict(),
  dismissDamaged: z.object({ keptAs: z.string().max(500) }).strict(),
  ...libraryMethodInputs,
  openExternal: z.object({ url: z.string().max(8192) }).strict(),
  windowReadyToClose: Empty,
  reportUiState: UiStateSchema,
  getAppSettings: Empty,
  updateAppSettings: PreferencesSchema.partial().strict(),
  getAboutInfo: Empty,
  // The preload turns the dropped DOM files into paths (webUtils.getPathForFile); the page
  // never sees them. Main imports only existing files with a supported extension.
  importDroppedFiles: z.object({ paths: z.array(z.string().min(1).max(4096)).min(1).max(200) }).strict(),
  // The copy desk's full check in main: a stored article by id, or the editor's live content.
  checkArticle: z
    .object({
      id: ArticleIdSchema.optional(),
      content: ArticleContentSchema.optional(),
      ignoredFindings: z.array(z.string().max(40)).max(10_000).optional(),
      ignoredEverywhere: z
        .array(z.object({ rule: z.string().max(200), text: z.string().max(2000) }).strict())
        .max(10_000)
        .optional(),
      overrides: z.array(z.enum(READINESS_ITEM_IDS)).optional(),
    })
    .strict()
    .refine(
      (v) => (v.id === undefined) !== (v.content === undefined),
      'Give either an article id or its content.',
    ),
  addToDictionary: z
    .object({ word: z.string().trim().min(1).max(100).regex(/^\S+$/, 'One word, without spaces.') })
    .strict(),
  // The library's newsroom dictionary, rule packs and style switches, for the renderer's checks worker.
  getCheckConfig: Empty,
  // Switches a house-style pack (no `rule`) or one of its rules on or off for this library.
  setStyleEnabled: z
    .object({
      pack: z.string().min(1).max(200),
      rule: z.string().min(1).max(200).optional(),
      enabled: z.boolean(),
    })
    .strict(),
  // Pictures: main asks for a file with its own dialog (the renderer never names a path) or takes
  // the bytes of a pasted or dropped image; either way it copies them into the article's assets.
  insertImage: z.object({ articleId: ArticleIdSchema }).strict(),
  addImageBytes: z
    .object({ articleId: ArticleIdSchema, name: z.string().max(500), bytes: ImageBytesSchema })
    .strict(),
  // An export as text, for the clipboard (Copy HTML fragment): sanitised like the file export.
  // With `copy`, main puts it on the clipboard itself where it can (Electron's clipboard).
  exportToText: z
    .object({
      id: ArticleIdSchema,
      format: TextExportFormatSchema,
      options: ExportOptionsSchema.optional(),
      copy: z.boolean().optional(),
    })
    .strict(),
  // The review round trip (services/reviewPackage.ts): main asks where to write the package, or
  // which package to open, with its own dialogs; the renderer never names a path.
  sendForReview: z.object({ id: ArticleIdSchema }).strict(),
  openReviewPackage: Empty,
  // Desk status: one change, recorded in the article's status history with the user's name from
  // the preferences. Publishing runs the readiness check in main; an override needs a reason.
  setStatus: z
    .object({
      id: ArticleIdSchema,
      status: z.enum(DESK_STATUSES),
      baseRev: z.number().int().nonnegative(),
      message: z.string().max(2000).optional(),
      override: z
        .object({ reason: z.string().trim().min(1, 'Give a reason for the override.').max(2000) })
        .strict()
        .optional(),
    })
    .strict(),
  // What is still open in review in some articles: exports warn about it and list it.
  listOpenReviewItems: z.object({ ids: z.array(ArticleIdSchema).min(1).max(10_000) }).strict(),
} as const;

// The schemas cover exactly the channel names, no more and no fewer.
const _inputsMatchNames: Exact<keyof typeof methodInputs, MethodName> = true;
void _inputsMatchNames;
void METHOD_NAMES;

export interface DamagedFile {
  /** The article id the file had, when it could be told from its name. */
  id: string | null;
  /** Where the unreadable bytes were kept, relative to the library folder. */
  keptAs: string;
  reason: string;
  detectedAt: string;
  /** The newest revision that can still be read, when there is one: offer it (`restoreDamaged`). */
  restorableRevision?: RestorableRevision;
}

export interface LibraryInfo {
  path: string;
  articleCount: number;
  trashCount: number;
  damaged: DamagedFile[];
  /** Files written by a newer Copydesk: listed, never opened for writing. */
  newerVersion: string[];
  /** Sync tools' conflict files found in the articles folder (never listed as articles). */
  conflicts: SyncConflictFile[];
  settings: LibrarySettings;
}

export interface ImportedArticle {
  id: string;
  headline: string;
  file: string;
  report: ImportNote[];
}

export interface ImportResult {
  imported: ImportedArticle[];
  failed: { file: string; message: string }[];
  cancelled: boolean;
  /** Review packages among the files: each created or merged an article (see `openReviewPackage`). */
  reviews?: ReviewImportResult[];
}

export interface SaveResult {
  rev: number;
  updatedAt: string;
}

export interface MethodOutputs extends LibraryMethodOutputs {
  getLibraryInfo: LibraryInfo;
  chooseLibrary: LibraryInfo | null;
  listArticles: ArticleSummary[];
  getArticle: Article;
  createArticle: Article;
  saveArticle: SaveResult;
  trashArticle: null;
  importFiles: ImportResult;
  exportArticle: { path: string } | null;
  /** Null when the user cancelled the folder dialog. */
  exportArticles: ExportManyResult | null;
  listExportTemplates: ExportTemplateInfo[];
  updateSettings: LibrarySettings;
  dismissDamaged: LibraryInfo;
  openExternal: { opened: boolean };
  windowReadyToClose: null;
  reportUiState: null;
  getAppSettings: AppSettingsView;
  updateAppSettings: AppSettingsView;
  getAboutInfo: AboutInfo;
  importDroppedFiles: ImportResult;
  checkArticle: CheckResult;
  addToDictionary: { word: string; added: boolean };
  getCheckConfig: CheckConfig;
  setStyleEnabled: CheckConfig;
  /** Null when the user cancelled the file dialog. `src` is the figure's `asset:<file>`. */
  insertImage: { src: string } | null;
  addImageBytes: { src: string };
  /** The export's text; `copied` when main has put it on the clipboard (else the renderer does). */
  exportToText: { text: string; copied: boolean };
  /** Null when the user cancelled the save dialog. */
  sendForReview: SendForReviewResult | null;
  /** Null when the user cancelled the open dialog. */
  openReviewPackage: ReviewImportResult | null;
  setStatus: Article;
  /** Only the articles that have something open, in the order asked. */
  listOpenReviewItems: ArticleReviewItems[];
}

/** One open review item as an export warning lists it. */
export interface OpenReviewItemView {
  kind: 'suggestion' | 'field-suggestion' | 'comment';
  /** Who made it, when known. */
  author: string;
  /** What it is about, in a line: the suggested text, the field, or the commented text and first message. */
  text: string;
}

/** An article's open suggestions and unresolved comments. */
export interface ArticleReviewItems {
  id: string;
  headline: string;
  items: OpenReviewItemView[];
}

// Every method has an output type and nothing else does.
const _outputsMatchInputs: Exact<keyof MethodOutputs, MethodName> = true;
void _outputsMatchInputs;

export type MethodInput<K extends MethodName> = z.input<(typeof methodInputs)[K]>;
export type MethodParsedInput<K extends MethodName> = z.output<(typeof methodInputs)[K]>;

/** Events main pushes to the renderer, with their payloads. */
export interface EventPayloads {
  /** The library's article list changed (an import, a save from elsewhere, a switch of library). */
  libraryChanged: { reason: string };
  /** The window is closing: save what is pending, then call `windowReadyToClose`. */
  flushRequested: null;
  /** An article file changed on disk from outside (sync tool, CLI, another machine); `libraryChanged` follows. */
  articleChangedOnDisk: ArticleChangedOnDisk;
  /** A menu item, accelerator or context-menu entry was chosen. */
  menuCommand: MenuCommandPayload;
  /** The app settings changed (from the settings view, the View ▸ Theme menu or another window). */
  appSettingsChanged: AppSettingsView;
  /** Main imported files the renderer did not ask for: a second launch's command line or an OS "open with". */
  filesOpened: ImportResult;
  /** A batch export (`exportArticles`) finished one more article. */
  exportProgress: { done: number; total: number };
  /** An import of several files (`importFiles`, a drop, files opened) finished one more file. */
  importProgress: ImportProgress;
  /**
   * The newsroom dictionary, a style pack file or the library's style switches changed (here, or
   * on disk from another machine): the renderer fetches `getCheckConfig` again.
   */
  checkConfigChanged: { reason: 'dictionary' | 'style' | 'files' };
}
const _eventsMatchNames: Exact<keyof EventPayloads, EventName> = true;
void _eventsMatchNames;
void EVENT_NAMES;

export type Unsubscribe = () => void;

/** What the preload puts on `window.copydesk`: one function per method and one per event. */
export type CopydeskBridge = {
  [K in Exclude<MethodName, 'importDroppedFiles'>]: MethodInput<K> extends undefined
    ? () => Promise<Envelope<MethodOutputs[K]>>
    : (input: MethodInput<K>) => Promise<Envelope<MethodOutputs[K]>>;
} & {
  /**
   * The one method whose bridge input differs from its IPC input: the page passes the dropped
   * `File` objects and the preload sends their paths (which the page never sees) to main.
   */
  importDroppedFiles(files: readonly DroppedFile[]): Promise<Envelope<ImportResult>>;
} & {
  [E in EventName as `on${Capitalize<E>}`]: (listener: (payload: EventPayloads[E]) => void) => Unsubscribe;
};
