import type React from 'react';
import { useState } from 'react';
import type { Article } from '../../../shared/article';
import type { LibraryInfo } from '../../../shared/contract';
import { api, errorMessage } from '../api';
import { fullTime } from '../../../shared/time';
import { AlertIcon } from './Icons';

interface LibraryRecoveryProps {
  info: LibraryInfo;
  /** A damaged article came back from its last good revision: the window opens it. */
  onRestored: (article: Article) => void;
  onError: (message: string) => void;
}

/**
 * What the library can do about files it could not use: restore a damaged article from its
 * newest good revision, and the conflict files sync tools left in the articles folder (shown as
 * conflicts, never listed as articles).
 */
export function LibraryRecovery({
  info,
  onRestored,
  onError,
}: LibraryRecoveryProps): React.JSX.Element | null {
  const [busy, setBusy] = useState<string | null>(null);
  const restorable = info.damaged.filter((d) => d.restorableRevision);
  const conflicts = info.conflicts ?? [];
  if (restorable.length === 0 && conflicts.length === 0) return null;

  const restore = async (keptAs: string): Promise<void> => {
    setBusy(keptAs);
    try {
      onRestored(await api.restoreDamaged({ keptAs }));
    } catch (e) {
      onError(errorMessage(e));
    } finally {
      setBusy(null);
    }
  };

  return (
    <>
      {restorable.length > 0 && (
        <section className="panel notice notice-warning" aria-label="Damaged articles that can be restored">
          <div className="panel-head">
            <AlertIcon size={18} />
            <h2 className="panel-title">The last good version can be restored</h2>
          </div>
          <div className="panel-body">
            <ul className="damaged-list">
              {restorable.map((d) => {
                const r = d.restorableRevision!;
                const headline = r.headline.trim() || 'Untitled';
                return (
                  <li key={d.keptAs} className="recovery-item">
                    <span>
                      “{headline}”, as saved {fullTime(r.savedAt)} ({r.wordCount} words)
                    </span>{' '}
                    <button
                      type="button"
                      className="button button-small"
                      disabled={busy !== null}
                      aria-label={`Restore “${headline}” from its revision of ${fullTime(r.savedAt)}`}
                      onClick={() => void restore(d.keptAs)}
                    >
                      Restore
                    </button>
                  </li>
                );
              })}
            </ul>
          </div>
        </section>
      )}
      {conflicts.length > 0 && (
        <section className="panel notice notice-warning" aria-label="Sync conflicts">
          <div className="panel-head">
            <AlertIcon size={18} />
            <h2 className="panel-title">
              {conflicts.length === 1
                ? 'A sync tool left a conflicting copy in the library'
                : `Sync tools left ${conflicts.length} conflicting copies in the library`}
            </h2>
          </div>
          <div className="panel-body">
            <p>
              These files are other versions of articles; they are not listed as articles. Compare and merge
              them by hand, then delete them from the folder.
            </p>
            <ul className="damaged-list">
              {conflicts.map((c) => (
                <li key={c.file}>
                  <code>{c.file}</code>
                </li>
              ))}
            </ul>
          </div>
        </section>
      )}
    </>
  );
}
