import type React from 'react';

export type SidePanel = 'history' | 'findings' | 'comments' | 'status' | 'review';

interface ArticleActionsProps {
  panel: SidePanel | null;
  onTogglePanel: (panel: SidePanel) => void;
  onDuplicate: () => void;
  onExport: () => void;
  /** Writes a review package of the article (the review round trip). */
  onSendForReview?: () => void;
  /** The copy desk's findings panel, when the checker is available. */
  findings?: boolean;
}

/** The open article's actions that are not about its text: history, duplicate, export. */
export function ArticleActions({
  panel,
  onTogglePanel,
  onDuplicate,
  onExport,
  onSendForReview,
  findings,
}: ArticleActionsProps): React.JSX.Element {
  return (
    <div className="article-actions" role="toolbar" aria-label="Article">
      <button type="button" className="button button-small button-quiet" onClick={onExport}>
        Export…
      </button>
      {onSendForReview && (
        <button type="button" className="button button-small button-quiet" onClick={onSendForReview}>
          Send for review…
        </button>
      )}
      <button type="button" className="button button-small button-quiet" onClick={onDuplicate}>
        Duplicate
      </button>
      {findings && (
        <button
          type="button"
          className="button button-small button-quiet"
          aria-pressed={panel === 'findings'}
          onClick={() => onTogglePanel('findings')}
        >
          Findings
        </button>
      )}
      <button
        type="button"
        className="button button-small button-quiet"
        aria-pressed={panel === 'review'}
        onClick={() => onTogglePanel('review')}
      >
        Suggestions
      </button>
      <button
        type="button"
        className="button button-small button-quiet"
        aria-pressed={panel === 'comments'}
        onClick={() => onTogglePanel('comments')}
      >
        Comments
      </button>
      <button
        type="button"
        className="button button-small button-quiet"
        aria-pressed={panel === 'history'}
        onClick={() => onTogglePanel('history')}
      >
        History
      </button>
      <button
        type="button"
        className="button button-small button-quiet"
        aria-pressed={panel === 'status'}
        onClick={() => onTogglePanel('status')}
      >
        Status history
      </button>
    </div>
  );
}
