import type React from 'react';
import { useCallback, useEffect, useRef, useState } from 'react';
import type { Article, ArticleContent, ArticleSummary } from '../../shared/article';
import {
  DEFAULT_LIBRARY_SETTINGS,
  type ImportResult,
  type LibraryInfo,
  type SaveReason,
  type SaveResult,
} from '../../shared/contract';
import { api, errorMessage, subscribe } from './api';
import { ArticleEditor, type ArticleEditorHandle } from './components/ArticleEditor';
import { EmptyState } from './components/EmptyState';
import { ImportReport } from './components/ImportReport';
import { LibraryNotices } from './components/LibraryNotices';
import { LibraryPanel } from './components/LibraryPanel';
import { Toast, type ToastMessage } from './components/Toast';
import { hasModifier } from './platform';

const FILTER_DELAY_MS = 200;

function mostRecent(list: ArticleSummary[]): ArticleSummary | undefined {
  let best: ArticleSummary | undefined;
  for (const a of list) {
    if (!best || Date.parse(a.updatedAt) > Date.parse(best.updatedAt)) best = a;
  }
  return best;
}

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
  const [listLoaded, setListLoaded] = useState(false);
  const [filter, setFilter] = useState('');
  const [open, setOpen] = useState<OpenArticle | null>(null);
  const [started, setStarted] = useState(false);
  const [startError, setStartError] = useState<string | null>(null);
  const [importResult, setImportResult] = useState<ImportResult | null>(null);
  const [toast, setToast] = useState<ToastMessage | null>(null);

  const editorHandle = useRef<ArticleEditorHandle>(null);
  const openId = useRef<string | null>(null);
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
    const list = await api.listArticles(filterValue.trim() ? { filter: filterValue.trim() } : {});
    if (seq === listSeq.current) {
      setArticles(list);
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
      const result = await api.exportArticle({ id, format: 'html' });
      if (result) notify('info', `Exported to ${result.path}`);
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

  const onFilterChange = (value: string): void => {
    setFilter(value);
    filterRef.current = value;
    if (filterTimer.current) clearTimeout(filterTimer.current);
    filterTimer.current = setTimeout(() => {
      filterTimer.current = null;
      refreshList(value).catch((e: unknown) => notify('error', errorMessage(e)));
    }, FILTER_DELAY_MS);
  };

  // Event handlers and the editor's callbacks go through this ref, so they are stable
  // (the memoised editor is not re-rendered) and still see the latest state.
  const actions = useRef({ openArticle, newArticle, importFiles, exportOpen, trash, flushOpen, refreshList });
  actions.current = { openArticle, newArticle, importFiles, exportOpen, trash, flushOpen, refreshList };

  const onSaved = useCallback((id: string, content: ArticleContent, result: SaveResult): void => {
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
    );
  }, []);
  const onExport = useCallback(() => void actions.current.exportOpen(), []);
  const onTrashOpen = useCallback((headline: string) => {
    const id = openId.current;
    if (id) void actions.current.trash({ id, headline });
  }, []);
  const dismissToast = useCallback(() => setToast(null), []);
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
    return () => {
      offChanged();
      offFlush();
    };
  }, []);

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
  const hasNotices = Boolean(info?.damaged.length || info?.newerVersion.length || importResult);

  return (
    <div className="app">
      <LibraryPanel
        articles={articles}
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
        {hasNotices && (
          <div className="notices">
            {info && <LibraryNotices info={info} onDismissDamaged={() => void dismissDamaged()} />}
            {importResult && (
              <ImportReport
                result={importResult}
                onOpen={(id) => void openArticle(id)}
                onDismiss={() => setImportResult(null)}
              />
            )}
          </div>
        )}
        {startError ? (
          <div className="empty-state" role="alert">
            <h2 className="empty-title">The library could not be opened</h2>
            <p className="empty-text">{startError}</p>
          </div>
        ) : open ? (
          <ArticleEditor
            key={open.article.id}
            article={open.article}
            settings={settings}
            focusHeadline={open.focusHeadline}
            onSaved={onSaved}
            onExport={onExport}
            onTrash={onTrashOpen}
            handleRef={editorHandle}
          />
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
      </main>
    </div>
  );
}
