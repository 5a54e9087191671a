import type React from 'react';
import { useCallback, useEffect, useMemo, useRef, useState } from 'react';
import {
  DESK_STATUS_LABELS,
  type Article,
  type ArticleContent,
  type ArticleSummary,
  type DeskStatus,
} from '../../shared/article';
import {
  DEFAULT_LIBRARY_SETTINGS,
  type ImportResult,
  type AppSettingsView,
  type ExportFormat,
  type ExportOptions,
  type LibraryInfo,
  type SaveReason,
  type SaveResult,
  type TextExportFormat,
} from '../../shared/contract';
import { api, errorCode, errorMessage, subscribe } from './api';
import { ArticleEditor, type ArticleEditorHandle } from './components/ArticleEditor';
import { ArticleActions, type SidePanel } from './components/ArticleActions';
import { ConflictBanner, type ArticleConflict } from './components/ConflictBanner';
import { HistoryPanel } from './components/HistoryPanel';
import { DeskStatusControl } from './components/DeskStatusControl';
import { StatusHistoryPanel } from './components/StatusHistoryPanel';
import { CommentsPanel } from './components/CommentsPanel';
import { SuggestionsPanel } from './components/SuggestionsPanel';
import { onCommentsPanelRequested } from './editor/commentSession';
import { CheckMenu } from './components/CheckMenu';
import { FieldSquiggles } from './components/FieldSquiggles';
import { FindingsPanel } from './components/FindingsPanel';
import { whenTypingPauses } from './editor/whenTypingPauses';
import { TrashDialog } from './components/TrashDialog';
import { BatchExportDialog } from './components/BatchExportDialog';
import { ExportDialog } from './components/ExportDialog';
import { ReadinessDialog } from './components/ReadinessDialog';
import { AboutDialog } from './components/AboutDialog';
import { SettingsDialog } from './components/SettingsDialog';
import { ShortcutsDialog } from './components/ShortcutsDialog';
import { applyTheme } from './components/StatusBarTheme';
import { runMenuCommand } from './panels/menuCommands';
import { COPIED_NAMES, copyExportText } from './panels/copyExport';
import type { ReadinessReport } from '../../checks/types';
import { narrowedNote, type ArticleChangedOnDisk, type RevisionInfo } from '../../shared/libraryTypes';
import { onSaveConflict, openSavers, type SaveConflict } from './autosave';
import { EmptyState } from './components/EmptyState';
import { ImportReport } from './components/ImportReport';
import { ImportProgress } from './components/ImportProgress';
import { LibraryNotices } from './components/LibraryNotices';
import { LibraryRecovery } from './components/LibraryRecovery';
import { LibraryFilters } from './components/LibraryFilters';
import { LibraryPanel } from './components/LibraryPanel';
import { Toast, type ToastMessage } from './components/Toast';
import { ReviewResultDialog } from './components/ReviewResultDialog';
import type { ReviewImportResult } from '../../shared/review/package';
import { NO_FILTERS, applyLibraryFilters, type LibraryFilters as Filters } from './panels/libraryQuery';
import { hasModifier } from './platform';

const FILTER_DELAY_MS = 200;
/** The most search hits listed at once. */
const SEARCH_LIMIT = 500;

function mostRecent(list: ArticleSummary[]): ArticleSummary | undefined {
  let best: ArticleSummary | undefined;
  for (const a of list) {
    if (!best || Date.parse(a.updatedAt) > Date.parse(best.updatedAt)) best = a;
  }
  return best;
}

/** The dialogs the window shows over everything (one at a time). */
type AppDialogName = 'trash' | 'export' | 'batchExport' | 'settings' | 'about' | 'shortcuts';

interface OpenArticle {
  article: Article;
  focusHeadline: boolean;
}

/**
 * The window: the library on the left, the open article on the right. App owns which article
 * is open and the library list; the editor owns the article's text and its saving.
 */
export function App(): React.JSX.Element {
  const [info, setInfo] = useState<LibraryInfo | null>(null);
  const [articles, setArticles] = useState<ArticleSummary[]>([]);
  const articlesRef = useRef(articles);
  articlesRef.current = articles;
  const [listLoaded, setListLoaded] = useState(false);
  const [filter, setFilter] = useState('');
  const [open, setOpen] = useState<OpenArticle | null>(null);
  const [started, setStarted] = useState(false);
  const [startError, setStartError] = useState<string | null>(null);
  const [importResult, setImportResult] = useState<ImportResult | null>(null);
  const [toast, setToast] = useState<ToastMessage | null>(null);
  const [libFilters, setLibFilters] = useState<Filters>(NO_FILTERS);
  const [conflict, setConflict] = useState<ArticleConflict | null>(null);
  const [keepingBoth, setKeepingBoth] = useState(false);
  const [sidePanel, setSidePanel] = useState<SidePanel | null>(null);
  const [dialog, setDialog] = useState<AppDialogName | null>(null);
  const [appSettings, setAppSettings] = useState<AppSettingsView | null>(null);
  const [searchTerms, setSearchTerms] = useState<string[]>([]);
  const [searchNote, setSearchNote] = useState<string | null>(null);
  const [librarySidebar, setLibrarySidebar] = useState(true);
  const [reviewResult, setReviewResult] = useState<ReviewImportResult | null>(null);
  const [readiness, setReadiness] = useState<{
    report: ReadinessReport;
    format: ExportFormat;
    options: ExportOptions;
  } | null>(null);

  /** Publishing was refused by the readiness check: the checklist, and the message the change had. */
  const [publishGate, setPublishGate] = useState<{ report: ReadinessReport; message: string } | null>(null);

  const editorHandle = useRef<ArticleEditorHandle>(null);
  const openId = useRef<string | null>(null);
  /** The stored revision the open editor was loaded at: conflicts based on older ones are stale. */
  const openRev = useRef(0);
  const filterRef = useRef('');
  const listSeq = useRef(0);
  const navSeq = useRef(0);
  const filterTimer = useRef<ReturnType<typeof setTimeout> | null>(null);
  const toastSeq = useRef(0);

  const notify = useCallback((kind: ToastMessage['kind'], text: string): void => {
    setToast({ kind, text, seq: ++toastSeq.current });
  }, []);

  /** Fetches the list for `filterValue`; a slower, older request never overwrites a newer one. */
  const refreshList = async (filterValue: string = filterRef.current): Promise<ArticleSummary[]> => {
    const seq = ++listSeq.current;
    const query = filterValue.trim();
    let list: ArticleSummary[];
    let terms: string[] = [];
    let note: string | null = null;
    if (query) {
      // Full-text search (prefix and typo-tolerant); the hits carry the words of each article
      // that matched, which the list marks.
      const result = await api.searchArticles({ query, sort: 'relevance', limit: SEARCH_LIMIT, snippets: 0 });
      list = result.hits.map((h) => h.article);
      terms = [...new Set(result.hits.flatMap((h) => h.terms))];
      if (result.narrowed) note = narrowedNote(result.narrowed);
    } else {
      list = await api.listArticles({});
    }
    if (seq === listSeq.current) {
      setArticles(list);
      setSearchTerms(terms);
      setSearchNote(note);
      setListLoaded(true);
    }
    return list;
  };

  /** Saves the open article; false (with the reason on screen) when it could not be saved. */
  const flushOpen = async (reason: SaveReason): Promise<boolean> => {
    try {
      await editorHandle.current?.flush(reason);
      return true;
    } catch {
      return false;
    }
  };

  const show = (article: Article, focusHeadline = false): void => {
    openId.current = article.id;
    openRev.current = article.rev;
    setConflict(null);
    setOpen({ article, focusHeadline });
  };

  const openArticle = async (id: string): Promise<void> => {
    if (openId.current === id) return;
    const seq = ++navSeq.current;
    if (!(await flushOpen('switch'))) {
      notify(
        'error',
        'This article stays open because its latest changes could not be saved yet (see below).',
      );
      return;
    }
    try {
      const article = await api.getArticle({ id });
      if (seq === navSeq.current) show(article);
    } catch (e) {
      notify('error', errorMessage(e));
    }
  };

  const setFilterNow = (value: string): void => {
    setFilter(value);
    filterRef.current = value;
    if (filterTimer.current) clearTimeout(filterTimer.current);
    filterTimer.current = null;
  };

  const newArticle = async (): Promise<void> => {
    if (!(await flushOpen('switch'))) {
      notify('error', 'Save the open article first: its latest changes could not be saved yet (see below).');
      return;
    }
    try {
      const author = info?.settings.authorName.trim();
      const article = await api.createArticle(author ? { content: { byline: author } } : {});
      // A new article would be hidden by a filter it does not match yet.
      setFilterNow('');
      ++navSeq.current;
      show(article, true);
      await refreshList('');
    } catch (e) {
      notify('error', errorMessage(e));
    }
  };

  const importFiles = async (): Promise<void> => {
    try {
      const result = await api.importFiles();
      if (result.cancelled) return;
      if (result.reviews?.length) return await showImported(result);
      setImportResult(result);
      setFilterNow('');
      await refreshList('');
      setInfo(await api.getLibraryInfo());
      const first = result.imported[0];
      if (first) await openArticle(first.id);
    } catch (e) {
      notify('error', errorMessage(e));
    }
  };

  const exportOpen = async (): Promise<void> => {
    const id = openId.current;
    if (!id) return;
    // The exporter reads the article from the library, so what is on screen must be saved first.
    if (!(await flushOpen('explicit'))) {
      notify('error', 'Not exported: the latest changes could not be saved yet (see below).');
      return;
    }
    try {
      await actions.current.exportWith('html', {});
    } catch (e) {
      notify('error', errorMessage(e));
    }
  };

  const trash = async (summary: Pick<ArticleSummary, 'id' | 'headline'>): Promise<void> => {
    const wasOpen = summary.id === openId.current;
    // The trash keeps the article as last saved, so save what is on screen before it goes.
    if (wasOpen && !(await flushOpen('explicit'))) {
      notify('error', 'Not moved to trash: the latest changes could not be saved yet (see below).');
      return;
    }
    try {
      await api.trashArticle({ id: summary.id });
      const name = summary.headline.trim() || 'Untitled';
      notify('info', `Moved “${name}” to trash. It is kept in the library’s trash folder.`);
      if (wasOpen) {
        openId.current = null;
        ++navSeq.current;
        setOpen(null);
      }
      const list = await refreshList();
      setInfo(await api.getLibraryInfo());
      const next = wasOpen ? mostRecent(list) : undefined;
      if (next) await openArticle(next.id);
    } catch (e) {
      notify('error', errorMessage(e));
    }
  };

  const changeLibrary = async (): Promise<void> => {
    if (!(await flushOpen('switch'))) {
      notify('error', 'Save the open article first: its latest changes could not be saved yet (see below).');
      return;
    }
    try {
      const next = await api.chooseLibrary();
      if (!next) return;
      openId.current = null;
      ++navSeq.current;
      setOpen(null);
      setImportResult(null);
      setInfo(next);
      setFilterNow('');
      const list = await refreshList('');
      const latest = mostRecent(list);
      if (latest) await openArticle(latest.id);
    } catch (e) {
      notify('error', errorMessage(e));
    }
  };

  const dismissDamaged = async (): Promise<void> => {
    try {
      let latest = info;
      for (const d of info?.damaged ?? []) latest = await api.dismissDamaged({ keptAs: d.keptAs });
      if (latest) setInfo(latest);
    } catch (e) {
      notify('error', errorMessage(e));
    }
  };

  /** Loads the stored version of the open article into the editor (a new editor, so a new saver). */
  const reloadOpen = async (): Promise<void> => {
    const id = openId.current;
    if (!id) return;
    const seq = ++navSeq.current;
    const article = await api.getArticle({ id });
    if (seq === navSeq.current && openId.current === id) show(article);
  };

  const onConflict = (c: SaveConflict): void => {
    if (c.id !== openId.current || c.baseRev < openRev.current) return;
    setConflict({ articleId: c.id, cause: 'save', message: c.message });
  };

  /** Keeps both versions after a conflict; `copy` says which one becomes the "(conflict copy)". */
  const keepBoth = async (copy: 'mine' | 'theirs'): Promise<void> => {
    const c = conflict;
    const saver = c ? openSavers.get(c.articleId) : undefined;
    if (!c || !saver) return;
    setKeepingBoth(true);
    try {
      const result = await api.saveConflictCopy({
        id: c.articleId,
        content: saver.currentContent(),
        keep: copy,
      });
      ++navSeq.current;
      show(result.article);
      await refreshList();
      notify('info', `Both versions kept: the other one is now “${result.copy.headline}”.`);
    } catch (e) {
      notify('error', errorMessage(e));
    } finally {
      setKeepingBoth(false);
    }
  };

  /** An article file changed on disk from outside: reload it, or keep both when there is unsaved text. */
  const onChangedOnDisk = (change: ArticleChangedOnDisk): void => {
    if (change.id !== openId.current) return;
    if (change.change === 'removed') {
      notify(
        'error',
        'The open article was removed from the library folder from outside Copydesk. Its text is still here: copy it into a new article to keep it.',
      );
      return;
    }
    if (change.rev !== undefined && change.rev <= openRev.current) return;
    if (openSavers.get(change.id)?.dirty) {
      setConflict({ articleId: change.id, cause: 'disk', otherHeadline: change.headline, message: '' });
      return;
    }
    reloadOpen()
      .then(() => notify('info', 'This article changed on disk and was reloaded.'))
      .catch((e: unknown) => notify('error', errorMessage(e)));
  };

  /** Copies the open article as an HTML fragment, Markdown or plain text (the Export dialog). */
  const copyAsText = async (format: TextExportFormat, options: ExportOptions): Promise<void> => {
    const id = openId.current;
    if (!id) return;
    if (!(await flushOpen('explicit')))
      throw new Error('Not copied: the latest changes could not be saved yet.');
    const chars = await copyExportText(id, format, options);
    setDialog(null);
    notify('info', `Copied ${COPIED_NAMES[format]} (${chars.toLocaleString()} characters) to the clipboard.`);
  };

  /** Exports the open article in any format (the Export dialog); main asks where to save. */
  const exportWith = async (
    format: ExportFormat,
    options: ExportOptions,
    overridden: string[] = [],
  ): Promise<void> => {
    const id = openId.current;
    if (!id) return;
    if (!(await flushOpen('explicit')))
      throw new Error('Not exported: the latest changes could not be saved yet.');
    // Publish-ready HTML goes out only when the readiness checklist passes, or when the user
    // explicitly overrides the items that fail.
    if (format === 'html' && overridden.length === 0) {
      // Exported as the original text, open suggestions and comments no longer stand in the way.
      const { readiness: report } = await api.checkArticle(
        options.asOriginal ? { id, overrides: ['suggestions', 'comments'] } : { id },
      );
      if (!report.ready) {
        setDialog(null);
        setReadiness({ report, format, options });
        return;
      }
    }
    const result = await api.exportArticle({ id, format, options });
    if (!result) return;
    setDialog(null);
    notify(
      'info',
      overridden.length
        ? `Exported to ${result.path}, with ${overridden.length} readiness ${overridden.length === 1 ? 'item' : 'items'} overridden.`
        : `Exported to ${result.path}`,
    );
  };

  /**
   * Changes the open article's desk status (saving what is on screen first). Publishing an
   * article that fails the readiness check opens the checklist, where an override needs a reason.
   */
  const changeStatus = async (
    status: DeskStatus,
    message: string,
    override?: { reason: string },
  ): Promise<void> => {
    const id = openId.current;
    if (!id) return;
    if (!(await flushOpen('explicit'))) {
      notify('error', 'The status was not changed: the latest changes could not be saved yet (see below).');
      return;
    }
    const baseRev = openSavers.get(id)?.currentRev ?? openRev.current;
    try {
      const article = await api.setStatus({
        id,
        status,
        baseRev,
        ...(message && { message }),
        ...(override && { override }),
      });
      setPublishGate(null);
      if (openId.current === id) {
        ++navSeq.current;
        show(article);
      }
      setArticles((list) =>
        list.map((a) => (a.id === id ? { ...a, status: article.status, updatedAt: article.updatedAt } : a)),
      );
      notify(
        'info',
        override
          ? `Published over the readiness check; the reason is in the status history.`
          : `Status changed to ${DESK_STATUS_LABELS[article.status]}.`,
      );
    } catch (e) {
      if (errorCode(e) === 'not-ready') {
        try {
          const { readiness: report } = await api.checkArticle({ id });
          setPublishGate({ report, message });
          return;
        } catch {
          // Fall through to the refusal's own message.
        }
      }
      notify('error', errorMessage(e));
    }
  };

  const closeOpen = async (): Promise<void> => {
    if (!(await flushOpen('switch'))) {
      notify(
        'error',
        'This article stays open because its latest changes could not be saved yet (see below).',
      );
      return;
    }
    openId.current = null;
    ++navSeq.current;
    setOpen(null);
    setSidePanel(null);
  };

  /** Files dropped on the window, or opened from the command line: imported like Import…. */
  const showImported = async (result: ImportResult): Promise<void> => {
    const review = result.reviews?.[0];
    // A review package opened this way is summarised like "Open review package…".
    if (review && result.imported.length === 1 && result.failed.length === 0) {
      await showReviewResult(review);
      return;
    }
    setImportResult(result);
    setFilterNow('');
    await refreshList('');
    setInfo(await api.getLibraryInfo());
    const first = result.imported[0];
    if (first) await openArticle(first.id);
  };

  /** Shows what opening a review package did, with its article open as it is now (merged). */
  const showReviewResult = async (result: ReviewImportResult): Promise<void> => {
    setFilterNow('');
    const article = await api.getArticle({ id: result.articleId });
    ++navSeq.current;
    show(article);
    await refreshList('');
    setInfo(await api.getLibraryInfo());
    setReviewResult(result);
  };

  /** File ▸ Send for review…: saves, then main asks where to write the package. */
  const sendForReview = async (): Promise<void> => {
    const id = openId.current;
    if (!id) return;
    if (!(await flushOpen('explicit'))) {
      notify('error', 'Not sent: the latest changes could not be saved yet (see below).');
      return;
    }
    try {
      const result = await api.sendForReview({ id });
      if (!result) return;
      // The package's revision was recorded: reload so the editor is based on what is stored.
      const article = await api.getArticle({ id });
      ++navSeq.current;
      show(article);
      notify(
        'info',
        `Review package saved to ${result.path}. Send it to the reviewer; when it comes back, open it with File ▸ Open review package….`,
      );
    } catch (e) {
      notify('error', errorMessage(e));
    }
  };

  /** File ▸ Open review package…: saves the open article first, since the package may merge into it. */
  const openReviewPackage = async (): Promise<void> => {
    if (!(await flushOpen('explicit'))) {
      notify('error', 'Not opened: the latest changes could not be saved yet (see below).');
      return;
    }
    try {
      const result = await api.openReviewPackage();
      if (result) await showReviewResult(result);
    } catch (e) {
      notify('error', errorMessage(e));
    }
  };

  const duplicateOpen = async (): Promise<void> => {
    const id = openId.current;
    if (!id) return;
    if (!(await flushOpen('explicit'))) {
      notify('error', 'Not duplicated: the latest changes could not be saved yet (see below).');
      return;
    }
    try {
      const copy = await api.duplicateArticle({ id });
      setFilterNow('');
      ++navSeq.current;
      show(copy);
      await refreshList('');
      notify('info', `Duplicated as “${copy.headline}”.`);
    } catch (e) {
      notify('error', errorMessage(e));
    }
  };

  const restoreRevision = async (revision: RevisionInfo): Promise<void> => {
    const id = openId.current;
    if (!id) return;
    if (!(await flushOpen('explicit')))
      throw new Error('Not restored: the latest changes could not be saved yet.');
    const baseRev = openSavers.get(id)?.currentRev;
    const article = await api.restoreRevision({ id, revisionId: revision.revisionId, baseRev });
    ++navSeq.current;
    show(article);
    await refreshList();
    notify('info', 'Revision restored. The text before the restore is kept in the history.');
  };

  const onFilterChange = (value: string): void => {
    setFilter(value);
    filterRef.current = value;
    if (filterTimer.current) clearTimeout(filterTimer.current);
    filterTimer.current = setTimeout(() => {
      filterTimer.current = null;
      refreshList(value).catch((e: unknown) => notify('error', errorMessage(e)));
    }, FILTER_DELAY_MS);
  };

  const menuActions = {
    newArticle: () => void newArticle(),
    importFiles: () => void importFiles(),
    exportArticle: (format: ExportFormat) =>
      void exportWith(format, {}).catch((e: unknown) => notify('error', errorMessage(e))),
    openLibrary: () => void changeLibrary(),
    openArticle: (id: string) => void openArticle(id),
    closeArticle: () => void closeOpen(),
    showDialog: (d: AppDialogName) => setDialog(d),
    togglePanel: (p: SidePanel) => setSidePanel((cur) => (cur === p ? null : p)),
    showPanel: (p: SidePanel) => setSidePanel(p),
    toggleLibrarySidebar: () => setLibrarySidebar((v) => !v),
    duplicateArticle: () => void duplicateOpen(),
    trashArticle: () => {
      const id = openId.current;
      const headline = articles.find((a) => a.id === id)?.headline ?? open?.article.headline ?? '';
      if (id) void trash({ id, headline });
    },
    notAvailable: (what: string) =>
      notify('error', `${what} is not available in this version of Copydesk yet.`),
    hasArticle: () => openId.current !== null,
    sendForReview: () => void sendForReview(),
    openReviewPackage: () => void openReviewPackage(),
    setDeskStatus: (status: DeskStatus) => void changeStatus(status, ''),
  };

  // Event handlers and the editor's callbacks go through this ref, so they are stable
  // (the memoised editor is not re-rendered) and still see the latest state.
  const latest = {
    openArticle,
    newArticle,
    importFiles,
    exportOpen,
    trash,
    flushOpen,
    refreshList,
    onConflict,
    onChangedOnDisk,
    exportWith,
    changeStatus,
    menu: menuActions,
    showImported,
  };
  const actions = useRef(latest);
  actions.current = latest;

  const onSaved = useCallback((id: string, content: ArticleContent, result: SaveResult): void => {
    const shown = articlesRef.current.find((a) => a.id === id);
    const sameFields =
      shown !== undefined &&
      shown.headline === content.headline &&
      shown.contentHighlight === content.contentHighlight &&
      shown.byline === content.byline &&
      shown.dateline === content.dateline;
    // Only the time changed (a save of the body): while the body is typed in, the list catches
    // up when typing pauses (see whenTypingPauses.ts). A new headline shows at once.
    const when = sameFields ? whenTypingPauses : (fn: () => void) => fn();
    when(() =>
      setArticles((list) =>
        list.map((a) =>
          a.id === id
            ? {
                ...a,
                headline: content.headline,
                contentHighlight: content.contentHighlight,
                byline: content.byline,
                dateline: content.dateline,
                updatedAt: result.updatedAt,
              }
            : a,
        ),
      ),
    );
  }, []);
  const onExport = useCallback(() => void actions.current.exportOpen(), []);
  const onTrashOpen = useCallback((headline: string) => {
    const id = openId.current;
    if (id) void actions.current.trash({ id, headline });
  }, []);
  const dismissToast = useCallback(() => setToast(null), []);
  const flushForPanels = useCallback(() => actions.current.flushOpen('autosave'), []);
  const onOpen = useCallback((id: string) => void actions.current.openArticle(id), []);
  const onTrash = useCallback((a: ArticleSummary) => void actions.current.trash(a), []);

  // Start: the library, its list, and the most recently changed article.
  const startedOnce = useRef(false);
  useEffect(() => {
    if (startedOnce.current) return;
    startedOnce.current = true;
    (async () => {
      try {
        setInfo(await api.getLibraryInfo());
        api
          .getAppSettings()
          .then(setAppSettings)
          .catch(() => {});
        const list = await actions.current.refreshList('');
        const latest = mostRecent(list);
        if (latest) await actions.current.openArticle(latest.id);
      } catch (e) {
        setStartError(errorMessage(e));
      } finally {
        setStarted(true);
      }
    })();
  }, []);

  // Main's events.
  useEffect(() => {
    const offChanged = subscribe('libraryChanged', () => {
      actions.current.refreshList().catch(() => {});
      api
        .getLibraryInfo()
        .then(setInfo)
        .catch(() => {});
    });
    const offFlush = subscribe('flushRequested', () => {
      void (async () => {
        // Only tell main it may close once the text is on disk; if saving fails the window
        // stays open with the error showing, rather than closing over unsaved text.
        if (await actions.current.flushOpen('close')) await api.windowReadyToClose().catch(() => {});
      })();
    });
    const offConflict = onSaveConflict((c) => actions.current.onConflict(c));
    const offDisk = subscribe('articleChangedOnDisk', (c) => actions.current.onChangedOnDisk(c));
    const offAppSettings = subscribe('appSettingsChanged', (s) => {
      setAppSettings(s);
      applyTheme(s.theme);
    });
    const offMenu = subscribe('menuCommand', (c) => runMenuCommand(c, actions.current.menu));
    const offOpened = subscribe('filesOpened', (r) => void actions.current.showImported(r));
    // Starting a comment (shortcut, toolbar, menu) shows the comments panel.
    const offComments = onCommentsPanelRequested(() => setSidePanel('comments'));
    return () => {
      offChanged();
      offFlush();
      offConflict();
      offDisk();
      offAppSettings();
      offMenu();
      offOpened();
      offComments();
    };
  }, []);

  // Tell main what applies now, so the menu enables only those items.
  const openArticleId = open?.article.id ?? null;
  const openStatus = open?.article.status ?? null;
  const openHeadline = useMemo(
    () => (openArticleId ? (articles.find((a) => a.id === openArticleId)?.headline ?? '') : ''),
    [articles, openArticleId],
  );
  useEffect(() => {
    api
      .reportUiState({
        hasArticle: openArticleId !== null,
        articleId: openArticleId,
        headline: openHeadline.slice(0, 2000),
        deskStatus: openStatus,
        librarySidebar,
        findingsPanel: sidePanel === 'findings',
        reviewPanel: sidePanel === 'review',
      })
      .catch(() => {});
  }, [openArticleId, openHeadline, openStatus, librarySidebar, sidePanel]);

  // Files dropped anywhere on the window are imported (the editor handles pictures dropped in the body).
  useEffect(() => {
    const hasFiles = (e: DragEvent): boolean => Array.from(e.dataTransfer?.types ?? []).includes('Files');
    const onDragOver = (e: DragEvent): void => {
      if (!hasFiles(e) || e.defaultPrevented) return;
      e.preventDefault();
      if (e.dataTransfer) e.dataTransfer.dropEffect = 'copy';
    };
    const onDrop = (e: DragEvent): void => {
      if (!hasFiles(e) || e.defaultPrevented) return;
      e.preventDefault();
      const files = Array.from(e.dataTransfer?.files ?? []);
      if (files.length === 0) return;
      api
        .importDroppedFiles(files)
        .then((r) => actions.current.showImported(r))
        .catch((err: unknown) => notify('error', errorMessage(err)));
    };
    window.addEventListener('dragover', onDragOver);
    window.addEventListener('drop', onDrop);
    return () => {
      window.removeEventListener('dragover', onDragOver);
      window.removeEventListener('drop', onDrop);
    };
  }, [notify]);

  // Keyboard shortcuts that are not the editor's, and best-effort saves when the page goes away.
  useEffect(() => {
    const onKey = (e: KeyboardEvent): void => {
      if (!hasModifier(e) || e.altKey || e.shiftKey) return;
      const key = e.key.toLowerCase();
      if (key === 's') {
        e.preventDefault();
        void actions.current.flushOpen('explicit');
      } else if (key === 'n') {
        e.preventDefault();
        void actions.current.newArticle();
      }
    };
    const onHide = (): void => {
      if (document.visibilityState === 'hidden') void actions.current.flushOpen('autosave');
    };
    const onUnload = (): void => void actions.current.flushOpen('close');
    window.addEventListener('keydown', onKey);
    document.addEventListener('visibilitychange', onHide);
    window.addEventListener('beforeunload', onUnload);
    return () => {
      window.removeEventListener('keydown', onKey);
      document.removeEventListener('visibilitychange', onHide);
      window.removeEventListener('beforeunload', onUnload);
    };
  }, []);

  const settings = info?.settings ?? DEFAULT_LIBRARY_SETTINGS;
  const visibleArticles = useMemo(() => applyLibraryFilters(articles, libFilters), [articles, libFilters]);
  const hasNotices = Boolean(
    info?.damaged.length || info?.newerVersion.length || info?.conflicts?.length || importResult,
  );

  return (
    <div className={`app${librarySidebar ? '' : ' app-no-library'}`}>
      <LibraryPanel
        articles={visibleArticles}
        groupByStatus={Boolean(libFilters.groupByStatus)}
        highlight={searchTerms}
        searchNote={searchNote}
        tools={
          <LibraryFilters
            filters={libFilters}
            onChange={setLibFilters}
            shown={listLoaded ? visibleArticles.length : null}
            total={listLoaded ? articles.length : null}
            trashCount={info?.trashCount ?? 0}
            onShowTrash={() => setDialog('trash')}
            onBatchExport={() => setDialog('batchExport')}
          />
        }
        loaded={listLoaded}
        openId={open?.article.id ?? null}
        filter={filter}
        libraryPath={info?.path ?? null}
        articleCount={info?.articleCount ?? null}
        onFilterChange={onFilterChange}
        onOpen={onOpen}
        onNew={() => void newArticle()}
        onImport={() => void importFiles()}
        onTrash={onTrash}
        onChangeLibrary={() => void changeLibrary()}
      />
      <main className="workspace">
        <ImportProgress />
        {hasNotices && (
          <div className="notices">
            {info && <LibraryNotices info={info} onDismissDamaged={() => void dismissDamaged()} />}
            {info && (
              <LibraryRecovery
                info={info}
                onError={(m) => notify('error', m)}
                onRestored={(article) => {
                  notify(
                    'info',
                    `Restored “${article.headline.trim() || 'Untitled'}” from its last good revision.`,
                  );
                  void api.getLibraryInfo().then(setInfo);
                  void refreshList().then(() => openArticle(article.id));
                }}
              />
            )}
            {importResult && (
              <ImportReport
                result={importResult}
                onOpen={(id) => void openArticle(id)}
                onDismiss={() => setImportResult(null)}
              />
            )}
          </div>
        )}
        {conflict && conflict.articleId === open?.article.id && (
          <ConflictBanner conflict={conflict} busy={keepingBoth} onKeepBoth={(c) => void keepBoth(c)} />
        )}
        {startError ? (
          <div className="empty-state" role="alert">
            <h2 className="empty-title">The library could not be opened</h2>
            <p className="empty-text">{startError}</p>
          </div>
        ) : open ? (
          <div className="workspace-row">
            <div className="workspace-main">
              <div className="article-bar">
                <DeskStatusControl
                  status={open.article.status}
                  onChange={(status, message) => actions.current.changeStatus(status, message)}
                />
                <ArticleActions
                  panel={sidePanel}
                  onTogglePanel={(p) => setSidePanel((cur) => (cur === p ? null : p))}
                  onDuplicate={() => void duplicateOpen()}
                  onExport={() => setDialog('export')}
                  onSendForReview={() => void sendForReview()}
                  findings
                />
              </div>
              <ArticleEditor
                key={`${open.article.id}@${open.article.rev}`}
                article={open.article}
                settings={settings}
                focusHeadline={open.focusHeadline}
                onSaved={onSaved}
                onExport={onExport}
                onTrash={onTrashOpen}
                handleRef={editorHandle}
              />
            </div>
            {sidePanel === 'findings' && <FindingsPanel onClose={() => setSidePanel(null)} />}
            {sidePanel === 'comments' && <CommentsPanel onClose={() => setSidePanel(null)} />}
            {sidePanel === 'review' && <SuggestionsPanel onClose={() => setSidePanel(null)} />}
            {sidePanel === 'status' && (
              <StatusHistoryPanel
                history={open.article.statusHistory ?? []}
                onClose={() => setSidePanel(null)}
              />
            )}
            {sidePanel === 'history' && (
              <HistoryPanel
                key={`${open.article.id}@${open.article.rev}`}
                articleId={open.article.id}
                beforeLoad={flushForPanels}
                onRestore={restoreRevision}
                onClose={() => setSidePanel(null)}
              />
            )}
          </div>
        ) : started ? (
          <EmptyState
            libraryEmpty={listLoaded && articles.length === 0 && !filter}
            onNew={() => void newArticle()}
            onImport={() => void importFiles()}
          />
        ) : (
          <p className="loading" role="status">
            Opening the library…
          </p>
        )}
        {toast && <Toast message={toast} onDismiss={dismissToast} />}
        {reviewResult && <ReviewResultDialog result={reviewResult} onClose={() => setReviewResult(null)} />}
        <CheckMenu budgets={settings} onError={(m) => notify('error', m)} />
        <FieldSquiggles />
        {dialog === 'export' && open && (
          <ExportDialog
            articleId={open.article.id}
            initialFormat={appSettings?.exportFormat ?? 'html'}
            onExport={exportWith}
            onCopy={copyAsText}
            onClose={() => setDialog(null)}
          />
        )}
        {readiness && (
          <ReadinessDialog
            report={readiness.report}
            onClose={() => setReadiness(null)}
            onOverride={() => {
              const r = readiness;
              setReadiness(null);
              const failing = r.report.items.filter((i) => i.status === 'fail').map((i) => i.id);
              exportWith(r.format, r.options, failing).catch((e: unknown) =>
                notify('error', errorMessage(e)),
              );
            }}
          />
        )}
        {publishGate && (
          <ReadinessDialog
            purpose="publish"
            report={publishGate.report}
            onClose={() => setPublishGate(null)}
            onOverride={(reason) => void changeStatus('published', publishGate.message, { reason })}
          />
        )}
        {dialog === 'batchExport' && (
          <BatchExportDialog
            articles={visibleArticles}
            initialFormat={appSettings?.exportFormat ?? 'html'}
            beforeExport={() => flushOpen('explicit')}
            onClose={() => setDialog(null)}
          />
        )}
        {dialog === 'settings' && (
          <SettingsDialog
            libraryPath={info?.path ?? null}
            library={settings}
            onLibrarySettings={(s) => setInfo((i) => (i ? { ...i, settings: s } : i))}
            onAppSettings={setAppSettings}
            onChangeLibrary={() => {
              setDialog(null);
              void changeLibrary();
            }}
            onClose={() => setDialog(null)}
          />
        )}
        {dialog === 'about' && <AboutDialog onClose={() => setDialog(null)} />}
        {dialog === 'shortcuts' && <ShortcutsDialog onClose={() => setDialog(null)} />}
        {dialog === 'trash' && (
          <TrashDialog
            onClose={() => setDialog(null)}
            onRestored={(article) => {
              notify('info', `Restored “${article.headline.trim() || 'Untitled'}” from the trash.`);
              void actions.current.refreshList();
              void api.getLibraryInfo().then(setInfo);
              void actions.current.openArticle(article.id);
            }}
            onEmptied={(removed) => {
              notify('info', `Erased ${removed} ${removed === 1 ? 'article' : 'articles'} from the trash.`);
              void api.getLibraryInfo().then(setInfo);
            }}
          />
        )}
      </main>
    </div>
  );
}
