import { z } from 'zod';
import {
  ArticleContentSchema,
  ArticleIdSchema,
  type Article,
  type ArticleSummary,
  type ImportNote,
} from './article';
import { EVENT_NAMES, METHOD_NAMES, type EventName, type MethodName } from './channels';
import type { Envelope } from './errors';

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

export const ExportFormatSchema = z.enum(['html']);
export type ExportFormat = z.infer<typeof ExportFormatSchema>;

export const LibrarySettingsSchema = z.object({
  headlineBudget: z.number().int().min(10).max(500),
  contentHighlightBudget: z.number().int().min(20).max(1000),
  wordsPerMinute: z.number().int().min(60).max(1000),
  authorName: z.string().max(200),
});
export type LibrarySettings = z.infer<typeof LibrarySettingsSchema>;

export const DEFAULT_LIBRARY_SETTINGS: LibrarySettings = {
  headlineBudget: 70,
  contentHighlightBudget: 160,
  wordsPerMinute: 230,
  authorName: '',
};

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
  exportArticle: z.object({ id: ArticleIdSchema, format: ExportFormatSchema }).strict(),
  updateSettings: LibrarySettingsSchema.partial().strict(),
  dismissDamaged: z.object({ keptAs: z.string().max(500) }).strict(),
  openExternal: z.object({ url: z.string().max(8192) }).strict(),
  windowReadyToClose: Empty,
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
}

export interface LibraryInfo {
  path: string;
  articleCount: number;
  trashCount: number;
  damaged: DamagedFile[];
  /** Files written by a newer Copydesk: listed, never opened for writing. */
  newerVersion: string[];
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
}

export interface SaveResult {
  rev: number;
  updatedAt: string;
}

export interface MethodOutputs {
  getLibraryInfo: LibraryInfo;
  chooseLibrary: LibraryInfo | null;
  listArticles: ArticleSummary[];
  getArticle: Article;
  createArticle: Article;
  saveArticle: SaveResult;
  trashArticle: null;
  importFiles: ImportResult;
  exportArticle: { path: string } | null;
  updateSettings: LibrarySettings;
  dismissDamaged: LibraryInfo;
  openExternal: { opened: boolean };
  windowReadyToClose: null;
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
}
const _eventsMatchNames: Exact<keyof EventPayloads, EventName> = true;
void _eventsMatchNames;
void EVENT_NAMES;

export type Unsubscribe = () => void;

/** What the preload puts on `window.copydesk`: one function per method and one per event. */
export type CopydeskBridge = {
  [K in MethodName]: MethodInput<K> extends undefined
    ? () => Promise<Envelope<MethodOutputs[K]>>
    : (input: MethodInput<K>) => Promise<Envelope<MethodOutputs[K]>>;
} & {
  [E in EventName as `on${Capitalize<E>}`]: (listener: (payload: EventPayloads[E]) => void) => Unsubscribe;
};
