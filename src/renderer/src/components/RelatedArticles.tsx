import type React from 'react';
import { useCallback, useEffect, useId, useRef, useState } from 'react';
import { MAX_RELATED, type RelatedItem } from '../../../shared/article';
import type { SearchHit } from '../../../shared/libraryTypes';
import { isWebUrl, normaliseLinkUrl } from '../../../shared/urls';
import { api, errorMessage, subscribe } from '../api';
import '../related.css';

interface RelatedArticlesProps {
  /** The article being edited: never offered as related to itself. */
  articleId: string;
  initial: readonly RelatedItem[];
  onChange: (items: RelatedItem[]) => void;
}

/** What the library says about the stories in the list: live, in the trash, or gone. */
interface LibraryState {
  live: Map<string, string>;
  trashed: Map<string, string>;
}

function keyOf(item: RelatedItem): string {
  return item.kind === 'article' ? `article:${item.id}` : `url:${item.url}`;
}

function hostOf(url: string): string {
  try {
    return new URL(url).host;
  } catch {
    return url;
  }
}

/** The title to show for an entry and where it comes from, with `trouble` when it will not be exported. */
function describe(
  item: RelatedItem,
  library: LibraryState | null,
): { title: string; where: string; trouble: boolean } {
  if (item.kind === 'url') return { title: item.title, where: hostOf(item.url), trouble: false };
  const live = library?.live.get(item.id);
  if (live !== undefined)
    return { title: live || 'Untitled article', where: 'In this library', trouble: false };
  if (!library) return { title: item.id, where: 'In this library', trouble: false };
  const trashed = library.trashed.get(item.id);
  if (trashed !== undefined) {
    return {
      title: trashed || 'Untitled article',
      where: 'In the trash: left out of exports until it is restored',
      trouble: true,
    };
  }
  return { title: item.id, where: 'No longer in the library: left out of exports', trouble: true };
}

/**
 * "You may also like": the related stories shown under the body, in the order they are
 * exported. Stories are added from the library by search or as a web address and title, and
 * reordered by dragging, by the arrow buttons, or with Alt+Up / Alt+Down on a focused entry. A
 * library story moved to the trash stays in the list, marked, so nothing disappears silently.
 */
export function RelatedArticles({ articleId, initial, onChange }: RelatedArticlesProps): React.JSX.Element {
  const [items, setItems] = useState<RelatedItem[]>(() => [...initial]);
  const [library, setLibrary] = useState<LibraryState | null>(null);
  const [query, setQuery] = useState('');
  const [hits, setHits] = useState<SearchHit[]>([]);
  const [url, setUrl] = useState('');
  const [title, setTitle] = useState('');
  const [problem, setProblem] = useState<string | null>(null);
  const [announcement, setAnnouncement] = useState('');
  const [dragging, setDragging] = useState<number | null>(null);
  const rowRefs = useRef<(HTMLLIElement | null)[]>([]);
  const focusAfter = useRef<number | null>(null);
  const onChangeRef = useRef(onChange);
  onChangeRef.current = onChange;
  const id = useId();
  const full = items.length >= MAX_RELATED;

  const loadLibrary = useCallback(async () => {
    try {
      const [live, trashed] = await Promise.all([api.listArticles({}), api.listTrash()]);
      const next = {
        live: new Map(live.map((a) => [a.id, a.headline])),
        trashed: new Map(trashed.map((a) => [a.id, a.headline])),
      };
      // Unchanged headlines: no re-render (a React commit while the body is typed in is costly).
      setLibrary((prev) =>
        prev && sameMap(prev.live, next.live) && sameMap(prev.trashed, next.trashed) ? prev : next,
      );
    } catch (e) {
      setProblem(errorMessage(e));
    }
  }, []);

  useEffect(() => {
    void loadLibrary();
    return subscribe('libraryChanged', () => void loadLibrary());
  }, [loadLibrary]);

  // Search as the user types; the newest query wins.
  useEffect(() => {
    const q = query.trim();
    if (q === '') {
      setHits([]);
      return;
    }
    let current = true;
    const timer = setTimeout(() => {
      api
        .searchArticles({ query: q, limit: 8 })
        .then((result) => {
          if (current) setHits(result.hits);
        })
        .catch((e: unknown) => {
          if (current) setProblem(errorMessage(e));
        });
    }, 120);
    return () => {
      current = false;
      clearTimeout(timer);
    };
  }, [query]);

  useEffect(() => {
    if (focusAfter.current !== null) {
      rowRefs.current[focusAfter.current]?.focus();
      focusAfter.current = null;
    }
  }, [items]);

  const update = (next: RelatedItem[], message: string): void => {
    setItems(next);
    setAnnouncement(message);
    onChangeRef.current(next);
  };

  const titleOf = (item: RelatedItem): string => describe(item, library).title;

  const add = (item: RelatedItem): boolean => {
    if (items.some((i) => keyOf(i) === keyOf(item))) {
      setProblem(`“${titleOf(item)}” is already in the list.`);
      return false;
    }
    if (full) {
      setProblem(`An article lists at most ${MAX_RELATED} related stories: remove one to add another.`);
      return false;
    }
    setProblem(null);
    update([...items, item], `Added “${titleOf(item)}” as related story ${items.length + 1}.`);
    return true;
  };

  const move = (from: number, to: number, keepFocus: boolean): void => {
    if (to < 0 || to >= items.length || from === to) return;
    const next = [...items];
    const [moved] = next.splice(from, 1);
    next.splice(to, 0, moved!);
    if (keepFocus) focusAfter.current = to;
    update(next, `Moved “${titleOf(moved!)}” to position ${to + 1} of ${next.length}.`);
  };

  const remove = (index: number): void => {
    const removed = items[index]!;
    const next = items.filter((_, i) => i !== index);
    focusAfter.current = next.length === 0 ? null : Math.min(index, next.length - 1);
    update(next, `Removed “${titleOf(removed)}” from the related stories.`);
  };

  const addUrl = (e: React.FormEvent): void => {
    e.preventDefault();
    const address = normaliseLinkUrl(url);
    if (!address || !isWebUrl(address)) {
      setProblem('Enter a web address starting with http:// or https://, e.g. https://example.com/story.');
      return;
    }
    if (title.trim() === '') {
      setProblem('Give the link a title: the words readers will click.');
      return;
    }
    if (add({ kind: 'url', url: address, title: title.trim().slice(0, 300) })) {
      setUrl('');
      setTitle('');
    }
  };

  const offered = hits.filter(
    (h) => h.article.id !== articleId && !items.some((i) => i.kind === 'article' && i.id === h.article.id),
  );

  return (
    <section className="related-articles" aria-labelledby={`${id}-title`}>
      <h2 id={`${id}-title`} className="related-heading">
        Related articles <span className="related-sub">You may also like</span>
      </h2>
      {items.length === 0 ? (
        <p className="related-empty">
          No related stories yet. Exports show them under the story as “You may also like”.
        </p>
      ) : (
        <>
          <p id={`${id}-hint`} className="related-hint">
            Drag to reorder, or press Alt+↑ / Alt+↓ on an entry.
          </p>
          <ol className="related-list" aria-label="Related articles, in the order they are shown">
            {items.map((item, index) => {
              const { title: shown, where, trouble } = describe(item, library);
              return (
                <li
                  key={keyOf(item)}
                  ref={(el) => {
                    rowRefs.current[index] = el;
                  }}
                  className={`related-item${trouble ? ' is-trouble' : ''}${dragging === index ? ' is-dragging' : ''}`}
                  tabIndex={0}
                  draggable
                  aria-describedby={`${id}-hint`}
                  aria-label={`${index + 1}. ${shown} (${where})`}
                  onKeyDown={(e) => {
                    if (!e.altKey || e.ctrlKey || e.metaKey) return;
                    if (e.key === 'ArrowUp' || e.key === 'ArrowDown') {
                      e.preventDefault();
                      move(index, index + (e.key === 'ArrowUp' ? -1 : 1), true);
                    }
                  }}
                  onDragStart={(e) => {
                    setDragging(index);
                    e.dataTransfer.effectAllowed = 'move';
                    e.dataTransfer.setData('text/plain', shown);
                  }}
                  onDragEnd={() => setDragging(null)}
                  onDragOver={(e) => {
                    if (dragging !== null) {
                      e.preventDefault();
                      e.dataTransfer.dropEffect = 'move';
                    }
                  }}
                  onDrop={(e) => {
                    e.preventDefault();
                    if (dragging !== null) move(dragging, index, false);
                    setDragging(null);
                  }}
                >
                  <span className="related-grip" aria-hidden="true">
                    ⠿
                  </span>
                  <span className="related-text">
                    <span className="related-title">{shown}</span>
                    <span className="related-where">{where}</span>
                  </span>
                  <button
                    type="button"
                    className="button button-quiet button-small"
                    aria-label={`Move “${shown}” up`}
                    disabled={index === 0}
                    onClick={() => move(index, index - 1, false)}
                  >
                    ↑
                  </button>
                  <button
                    type="button"
                    className="button button-quiet button-small"
                    aria-label={`Move “${shown}” down`}
                    disabled={index === items.length - 1}
                    onClick={() => move(index, index + 1, false)}
                  >
                    ↓
                  </button>
                  <button
                    type="button"
                    className="button button-quiet button-small"
                    aria-label={`Remove “${shown}”`}
                    onClick={() => remove(index)}
                  >
                    Remove
                  </button>
                </li>
              );
            })}
          </ol>
        </>
      )}
      <div className="related-add">
        <div className="related-search">
          <label htmlFor={`${id}-search`}>Add a story from the library</label>
          <input
            id={`${id}-search`}
            className="text-input"
            type="search"
            value={query}
            placeholder="Search headlines and text"
            disabled={full}
            onChange={(e) => setQuery(e.target.value)}
            onKeyDown={(e) => {
              if (e.key === 'Enter' && offered[0]) {
                e.preventDefault();
                if (add({ kind: 'article', id: offered[0].article.id })) setQuery('');
              }
            }}
          />
          {query.trim() !== '' && (
            <ul className="related-hits" aria-label="Stories found">
              {offered.length === 0 ? (
                <li className="related-none">No other story matches.</li>
              ) : (
                offered.map((hit) => (
                  <li key={hit.article.id}>
                    <button
                      type="button"
                      className="related-hit"
                      onClick={() => {
                        if (add({ kind: 'article', id: hit.article.id })) setQuery('');
                      }}
                    >
                      <span className="related-title">{hit.article.headline || 'Untitled article'}</span>
                      {hit.article.byline && <span className="related-where">{hit.article.byline}</span>}
                    </button>
                  </li>
                ))
              )}
            </ul>
          )}
        </div>
        <form className="related-url" onSubmit={addUrl} aria-label="Add a web page">
          <label htmlFor={`${id}-url`}>Or a web page</label>
          <input
            id={`${id}-url`}
            className="text-input"
            type="text"
            inputMode="url"
            placeholder="https://…"
            value={url}
            disabled={full}
            onChange={(e) => setUrl(e.target.value)}
          />
          <label htmlFor={`${id}-link-title`} className="visually-hidden">
            Title of the web page
          </label>
          <input
            id={`${id}-link-title`}
            className="text-input"
            type="text"
            placeholder="Title readers will see"
            maxLength={300}
            value={title}
            disabled={full}
            onChange={(e) => setTitle(e.target.value)}
          />
          <button type="submit" className="button button-small" disabled={full}>
            Add link
          </button>
        </form>
      </div>
      {problem && (
        <p className="related-problem" role="alert">
          {problem}
        </p>
      )}
      <p className="visually-hidden" aria-live="polite">
        {announcement}
      </p>
    </section>
  );
}

function sameMap(a: Map<string, string>, b: Map<string, string>): boolean {
  if (a.size !== b.size) return false;
  for (const [k, v] of a) if (b.get(k) !== v) return false;
  return true;
}
