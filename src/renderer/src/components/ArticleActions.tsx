import type React from 'react';

export type SidePanel = 'history' | 'findings';

interface ArticleActionsProps {
  panel: SidePanel | null;
  onTogglePanel: (panel: SidePanel) => void;
  onDuplicate: () => void;
  onExport: () => void;
  /** The copy desk's findings panel, when the checker is available. */
  findings?: boolean;
}

/** The open article's actions that are not about its text: history, duplicate, export. */
export function ArticleActions({
  panel,
  onTogglePanel,
  onDuplicate,
  onExport,
  findings,
}: ArticleActionsProps): React.JSX.Element {
  return (
    <div className="article-actions" role="toolbar" aria-label="Article">
      <button type="button" className="button button-small button-quiet" onClick={onExport}>
        Export…
      </button>
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
        aria-pressed={panel === 'history'}
        onClick={() => onTogglePanel('history')}
      >
        History
      </button>
    </div>
  );
}
