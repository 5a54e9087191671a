import type React from 'react';
import { ImportIcon, PlusIcon } from './Icons';

interface EmptyStateProps {
  libraryEmpty: boolean;
  onNew: () => void;
  onImport: () => void;
}

/** What the main area shows when no article is open. */
export function EmptyState({ libraryEmpty, onNew, onImport }: EmptyStateProps): React.JSX.Element {
  return (
    <div className="empty-state">
      <h2 className="empty-title">{libraryEmpty ? 'Your library is empty' : 'No article open'}</h2>
      <p className="empty-text">
        {libraryEmpty
          ? 'Start a new article, or import text copied from a web page, a Markdown draft or a Word document.'
          : 'Choose an article from the list, start a new one, or import a file.'}
      </p>
      <div className="empty-actions">
        <button type="button" className="button button-primary" onClick={onNew}>
          <PlusIcon size={16} />
          New article
        </button>
        <button type="button" className="button" onClick={onImport}>
          <ImportIcon size={16} />
          Import…
        </button>
      </div>
    </div>
  );
}
