import type React from 'react';
import { useCallback, useEffect, useState } from 'react';
import type { Article } from '../../../shared/article';
import type { TrashedArticle } from '../../../shared/libraryTypes';
import { api, errorMessage } from '../api';
import { fullTime, relativeTime } from '../../../shared/time';
import { AppDialog } from './AppDialog';

interface TrashDialogProps {
  onClose: () => void;
  /** An article came back from the trash: the window lists and opens it. */
  onRestored: (article: Article) => void;
  /** The trash was emptied: the window updates its counts. */
  onEmptied: (removed: number) => void;
}

/** The library's trash: what was deleted, restorable one by one, erased only when asked twice. */
export function TrashDialog({ onClose, onRestored, onEmptied }: TrashDialogProps): React.JSX.Element {
  const [items, setItems] = useState<TrashedArticle[] | null>(null);
  const [error, setError] = useState<string | null>(null);
  const [confirming, setConfirming] = useState(false);
  const [busy, setBusy] = useState(false);

  const load = useCallback(async () => {
    try {
      setItems(await api.listTrash());
      setError(null);
    } catch (e) {
      setError(errorMessage(e));
    }
  }, []);

  useEffect(() => {
    void load();
  }, [load]);

  const restore = async (item: TrashedArticle): Promise<void> => {
    setBusy(true);
    try {
      const article = await api.restoreFromTrash({ trashId: item.trashId });
      onRestored(article);
      await load();
    } catch (e) {
      setError(errorMessage(e));
    } finally {
      setBusy(false);
    }
  };

  const empty = async (): Promise<void> => {
    setBusy(true);
    try {
      const { removed } = await api.emptyTrash({ confirm: true });
      setConfirming(false);
      onEmptied(removed);
      await load();
    } catch (e) {
      setError(errorMessage(e));
    } finally {
      setBusy(false);
    }
  };

  const now = new Date();
  return (
    <>
      <AppDialog
        title="Trash"
        wide
        onClose={onClose}
        actions={
          <>
            <button
              type="button"
              className="button button-danger"
              disabled={busy || !items || items.length === 0}
              onClick={() => setConfirming(true)}
            >
              Empty trash…
            </button>
            <button type="button" className="button" onClick={onClose}>
              Close
            </button>
          </>
        }
      >
        <p className="dialog-text">
          Deleted articles wait here, in the library’s trash folder, until you empty the trash.
        </p>
        {error && (
          <p className="field-error" role="alert">
            {error}
          </p>
        )}
        {items === null && !error && <p role="status">Loading the trash…</p>}
        {items && items.length === 0 && <p role="status">The trash is empty.</p>}
        {items && items.length > 0 && (
          <div className="dialog-scroll">
            <ul className="trash-list" aria-label="Articles in the trash">
              {items.map((t) => {
                const headline = t.headline.trim() || 'Untitled';
                return (
                  <li key={t.trashId} className="trash-item">
                    <span className="trash-headline">{headline}</span>
                    <span className="trash-meta">
                      {t.byline.trim() ? `${t.byline} · ` : ''}
                      {t.wordCount} {t.wordCount === 1 ? 'word' : 'words'} · deleted{' '}
                      <time dateTime={t.trashedAt} title={fullTime(t.trashedAt)}>
                        {relativeTime(t.trashedAt, now)}
                      </time>
                    </span>
                    <button
                      type="button"
                      className="button button-small"
                      disabled={busy}
                      aria-label={`Restore “${headline}”`}
                      onClick={() => void restore(t)}
                    >
                      Restore
                    </button>
                  </li>
                );
              })}
            </ul>
          </div>
        )}
      </AppDialog>
      {confirming && items && (
        <AppDialog
          title="Empty the trash?"
          role="alertdialog"
          onClose={() => setConfirming(false)}
          actions={
            <>
              <button type="button" className="button" autoFocus onClick={() => setConfirming(false)}>
                Cancel
              </button>
              <button
                type="button"
                className="button button-primary"
                disabled={busy}
                onClick={() => void empty()}
              >
                Erase {items.length} {items.length === 1 ? 'article' : 'articles'}
              </button>
            </>
          }
        >
          <p className="dialog-text">
            The {items.length === 1 ? 'article' : `${items.length} articles`} in the trash will be erased from
            the library folder for good, with their history. This cannot be undone.
          </p>
        </AppDialog>
      )}
    </>
  );
}
