import type React from 'react';
import { AlertIcon } from './Icons';

export interface ArticleConflict {
  articleId: string;
  /** `save`: a save was refused because the stored article moved on; `disk`: the file changed on disk while this window had unsaved text. */
  cause: 'save' | 'disk';
  /** What the other side is, in words, when known (e.g. its headline). */
  otherHeadline?: string;
  message: string;
}

interface ConflictBannerProps {
  conflict: ArticleConflict;
  /** True while the copy is being written. */
  busy: boolean;
  /** `theirs`: keep the text in this window on the article, the stored version becomes a copy; `mine`: the other way round. */
  onKeepBoth: (copy: 'mine' | 'theirs') => void;
}

/**
 * Shown over the open article when two versions of it exist: the one in this window and the one
 * stored (changed by a synced machine, the CLI or another window). Nothing is thrown away: the
 * text in this window becomes a copy, and the stored version opens here.
 */
export function ConflictBanner({ conflict, busy, onKeepBoth }: ConflictBannerProps): React.JSX.Element {
  return (
    <section className="panel notice-warning conflict-banner" role="alert" aria-label="Conflicting versions">
      <div className="panel-head">
        <AlertIcon size={18} />
        <h2 className="panel-title">
          {conflict.cause === 'disk'
            ? 'This article changed on disk while you were editing it'
            : 'This article was saved from somewhere else'}
        </h2>
      </div>
      <div className="panel-body">
        <p>
          {conflict.cause === 'disk'
            ? 'Another machine, the command line or another window changed the stored article, and this window has changes that are not saved yet.'
            : conflict.message}
          {conflict.otherHeadline ? ` The stored version is headed “${conflict.otherHeadline}”.` : ''}
        </p>
        <p>
          Both versions are kept: choose which one stays on this article; the other becomes a copy (“…
          (conflict copy)”).
        </p>
        <div className="dialog-actions">
          <button
            type="button"
            className="button button-primary"
            disabled={busy}
            onClick={() => onKeepBoth('theirs')}
          >
            Keep my text here
          </button>
          <button type="button" className="button" disabled={busy} onClick={() => onKeepBoth('mine')}>
            Open the stored version
          </button>
        </div>
      </div>
    </section>
  );
}
