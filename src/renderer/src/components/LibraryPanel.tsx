import type React from 'react';
import { memo, useEffect, useId, useState } from 'react';
import { DESK_STATUS_LABELS, type ArticleSummary } from '../../../shared/article';
import { isMac, shortcutLabel } from '../platform';
import { fullTime, relativeTime } from '../../../shared/time';
import { groupByStatus } from '../panels/libraryQuery';
import { Highlight } from './Highlight';
import '../deskStatus.css';
import { FolderIcon, ImportIcon, PlusIcon, SearchIcon, TrashIcon } from './Icons';

interface LibraryPanelProps {
  articles: ArticleSummary[];
  /** Null while the first list is loading. */
  loaded: boolean;
  openId: string | null;
  filter: string;
  libraryPath: string | null;
  articleCount: number | null;
  onFilterChange: (filter: string) => void;
  onOpen: (id: string) => void;
  onNew: () => void;
  onImport: () => void;
  onTrash: (summary: ArticleSummary) => void;
  onChangeLibrary: () => void;
  /** Folded search words to mark in the list (see `Highlight`). */
  highlight?: readonly string[];
  /** A note on the search just run (a short prefix searched for its commonest words only). */
  searchNote?: string | null;
  /** Extra controls under the filter box (filters, sort, the trash). */
  tools?: React.ReactNode;
  /** List the articles in groups by desk status, each headed with its count. */
  groupByStatus?: boolean;
}

/** The library: filter, the article list, and where the library lives. */
export function LibraryPanel(props: LibraryPanelProps): React.JSX.Element {
  const { articles, loaded, openId, filter, libraryPath, articleCount, highlight = NO_TERMS } = props;
  const filterId = useId();
  const now = useMinuteClock();

  return (
    <nav className="library" aria-label="Library">
      <div className="library-head">
        <h1 className="brand">
          <span className="brand-mark" aria-hidden="true">
            C
          </span>
          Copydesk
        </h1>
        <div className="library-actions">
          <button
            type="button"
            className="button button-primary"
            onClick={props.onNew}
            title={`New article (${shortcutLabel('newArticle')})`}
            aria-keyshortcuts={isMac ? 'Meta+N' : 'Control+N'}
          >
            <PlusIcon size={16} />
            New article
          </button>
          <button
            type="button"
            className="button"
            onClick={props.onImport}
            title="Import text, Markdown or Word files"
          >
            <ImportIcon size={16} />
            Import…
          </button>
        </div>
        <div className="filter">
          <label htmlFor={filterId} className="visually-hidden">
            Filter articles
          </label>
          <SearchIcon size={16} />
          <input
            id={filterId}
            className="filter-input"
            type="search"
            placeholder="Filter by headline, byline…"
            autoComplete="off"
            spellCheck={false}
            value={filter}
            onChange={(e) => props.onFilterChange(e.target.value)}
          />
        </div>
        {props.searchNote && (
          <p className="library-note" role="status">
            {props.searchNote}
          </p>
        )}
        {props.tools}
      </div>

      <h2 className="visually-hidden">Articles</h2>
      <div className="library-list-wrap">
        {loaded && articles.length === 0 && (
          <p className="library-empty">{filter ? `No articles match “${filter}”.` : 'No articles yet.'}</p>
        )}
        {props.groupByStatus ? (
          groupByStatus(articles).map((g) => (
            <section key={g.status} aria-labelledby={`${filterId}-group-${g.status}`}>
              <h3 id={`${filterId}-group-${g.status}`} className="library-group-heading">
                <span>{DESK_STATUS_LABELS[g.status]}</span>
                <span>
                  {g.articles.length}
                  <span className="visually-hidden">
                    {g.articles.length === 1 ? ' article' : ' articles'}
                  </span>
                </span>
              </h3>
              <ul className="library-list" aria-label={`${DESK_STATUS_LABELS[g.status]} articles`}>
                {g.articles.map((a) => (
                  <LibraryItem
                    key={a.id}
                    summary={a}
                    current={a.id === openId}
                    now={now}
                    highlight={highlight}
                    onOpen={props.onOpen}
                    onTrash={props.onTrash}
                  />
                ))}
              </ul>
            </section>
          ))
        ) : (
          <ul className="library-list" aria-label={filter ? `Articles matching “${filter}”` : 'All articles'}>
            {articles.map((a) => (
              <LibraryItem
                key={a.id}
                summary={a}
                current={a.id === openId}
                now={now}
                highlight={highlight}
                onOpen={props.onOpen}
                onTrash={props.onTrash}
              />
            ))}
          </ul>
        )}
      </div>

      <div className="library-foot">
        <FolderIcon size={16} />
        <div className="library-path">
          <span className="library-path-label">
            Library
            {articleCount === null ? '' : ` · ${articleCount} ${articleCount === 1 ? 'article' : 'articles'}`}
          </span>
          {/* Right-to-left so a long path is cut at its start and the folder name stays visible;
              <bdi> keeps the path itself in reading order. */}
          <span className="library-path-value" title={libraryPath ?? ''} data-testid="library-path">
            <bdi>{libraryPath ?? '…'}</bdi>
          </span>
        </div>
        <button type="button" className="button button-small" onClick={props.onChangeLibrary}>
          Change…
        </button>
      </div>
    </nav>
  );
}

interface LibraryItemProps {
  summary: ArticleSummary;
  current: boolean;
  now: Date;
  highlight: readonly string[];
  onOpen: (id: string) => void;
  onTrash: (summary: ArticleSummary) => void;
}

const NO_TERMS: readonly string[] = [];

/**
 * One row. Memoised: a save replaces only its own summary object, so with thousands of
 * articles an autosave re-renders one row, not the whole list.
 */
const LibraryItem = memo(function LibraryItem({
  summary: a,
  current,
  now,
  highlight,
  onOpen,
  onTrash,
}: LibraryItemProps): React.JSX.Element {
  const headline = a.headline.trim() || 'Untitled';
  return (
    <li className={`library-item${current ? ' is-current' : ''}`}>
      <button
        type="button"
        className="library-open"
        aria-current={current ? 'true' : undefined}
        onClick={() => onOpen(a.id)}
      >
        <span className={`item-headline${a.headline.trim() ? '' : ' is-untitled'}`}>
          <Highlight text={headline} terms={highlight} />
        </span>
        <span className="item-meta">
          <span className={`desk-status desk-status-${a.status}`}>{DESK_STATUS_LABELS[a.status]}</span>
          {a.byline.trim() && (
            <span className="item-byline">
              <Highlight text={a.byline} terms={highlight} />
            </span>
          )}
        </span>
        <time className="item-time" dateTime={a.updatedAt} title={`Last modified ${fullTime(a.updatedAt)}`}>
          {relativeTime(a.updatedAt, now)}
        </time>
      </button>
      <button
        type="button"
        className="library-trash"
        aria-label={`Move “${headline}” to trash`}
        title="Move to trash"
        onClick={() => onTrash(a)}
      >
        <TrashIcon size={16} />
      </button>
    </li>
  );
});

/** Re-renders once a minute so "5 min ago" stays true while the app sits open. */
function useMinuteClock(): Date {
  const [now, setNow] = useState(() => new Date());
  useEffect(() => {
    const t = setInterval(() => setNow(new Date()), 60_000);
    return () => clearInterval(t);
  }, []);
  return now;
}
