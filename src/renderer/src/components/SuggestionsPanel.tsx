import type React from 'react';
import { useId, useSyncExternalStore } from 'react';
import type { Person } from '../../../shared/article';
import { FIELD_LABELS } from '../../../shared/review/fieldSuggestions';
import type { SuggestionSummary } from '../../../shared/review/forExport';
import {
  activeSuggestionSession,
  subscribeActiveSuggestionSession,
  type SuggestionSession,
} from '../editor/suggestionSession';
import { authorColour } from '../../../shared/editor/suggestionColours';
import { fullTime, relativeTime } from '../../../shared/time';
import { CloseIcon } from './Icons';
import '../suggestions.css';

const noop = (): (() => void) => () => {};

export function useSuggestionSession(): SuggestionSession | null {
  const session = useSyncExternalStore(subscribeActiveSuggestionSession, activeSuggestionSession);
  useSyncExternalStore(session?.subscribe ?? noop, session?.getVersion ?? (() => 0));
  return session;
}

const KIND_LABELS = { insertion: 'Inserted', deletion: 'Deleted', modification: 'Formatted' } as const;

function kindLabel(s: SuggestionSummary): string {
  if (s.kinds.includes('insertion') && s.kinds.includes('deletion')) return 'Replaced';
  return s.kinds.map((k) => KIND_LABELS[k]).join(', ');
}

interface Row {
  key: string;
  author: Person;
  at: string | null;
  kind: string;
  text: React.ReactNode;
  plain: string;
  select?: () => void;
  accept: () => void;
  reject: () => void;
}

/**
 * Every open suggestion of the article, in reading order (the fields first, then the body):
 * who, when, what kind and the text. Each can be accepted or rejected, as can everything by
 * one person, or everything. Choosing a body suggestion selects its text.
 */
export function SuggestionsPanel({ onClose }: { onClose: () => void }): React.JSX.Element {
  const id = useId();
  const session = useSuggestionSession();
  const rows: Row[] = [];
  if (session) {
    for (const s of session.fieldSuggestions) {
      rows.push({
        key: s.id,
        author: s.author,
        at: s.at,
        kind: `${FIELD_LABELS[s.field]} changed`,
        plain: s.to,
        text: (
          <>
            <del className="field-suggestion-old">{s.from || '(empty)'}</del>{' '}
            <ins className={`field-suggestion-new suggestion-author-${authorColour(s.author.name)}`}>
              {s.to || '(empty)'}
            </ins>
          </>
        ),
        accept: () => session.acceptField(s.id),
        reject: () => session.rejectField(s.id),
      });
    }
    for (const s of session.bodySuggestions()) {
      rows.push({
        key: s.id,
        author: s.author ?? { name: 'Unknown' },
        at: s.at ?? null,
        kind: kindLabel(s),
        plain: s.text,
        text: s.text.trim() ? `“${s.text.replace(/\n/g, ' ¶ ')}”` : '(paragraph break)',
        select: () => session.select(s.id),
        accept: () => session.resolve({ ids: [s.id] }, 'accept'),
        reject: () => session.resolve({ ids: [s.id] }, 'reject'),
      });
    }
  }
  const authors = [
    ...new Map(rows.map((r) => [`${r.author.name}\u0000${r.author.initials ?? ''}`, r.author])).values(),
  ];

  const resolveAuthor = (author: Person, how: 'accept' | 'reject'): void => {
    if (!session) return;
    session.resolve({ author }, how);
    session.resolveFields(how, author);
  };
  const resolveAll = (how: 'accept' | 'reject'): void => {
    if (!session) return;
    session.resolve('all', how);
    session.resolveFields(how);
  };

  return (
    <aside className="side-panel suggestions-panel" aria-labelledby={`${id}-title`}>
      <div className="side-panel-head">
        <h2 id={`${id}-title`} className="panel-title">
          Suggestions
        </h2>
        <button type="button" className="icon-button" aria-label="Close suggestions" onClick={onClose}>
          <CloseIcon size={16} />
        </button>
      </div>
      <div className="side-panel-body">
        <p className="suggestions-summary" role="status">
          {rows.length === 0
            ? 'No open suggestions.'
            : `${rows.length} open ${rows.length === 1 ? 'suggestion' : 'suggestions'}`}
        </p>
        {rows.length > 0 && (
          <div className="suggestions-bulk" role="group" aria-label="All suggestions">
            <button type="button" className="button button-small" onClick={() => resolveAll('accept')}>
              Accept all
            </button>
            <button
              type="button"
              className="button button-small button-quiet"
              onClick={() => resolveAll('reject')}
            >
              Reject all
            </button>
          </div>
        )}
        {authors.length > 1 &&
          authors.map((a) => (
            <div
              key={`${a.name}-${a.initials ?? ''}`}
              className="suggestions-bulk"
              role="group"
              aria-label={`Suggestions by ${a.name || 'Unknown'}`}
            >
              <span className="suggestions-author">{a.name || 'Unknown'}</span>
              <button
                type="button"
                className="button button-small button-quiet"
                onClick={() => resolveAuthor(a, 'accept')}
              >
                Accept {a.name || 'Unknown'}’s
              </button>
              <button
                type="button"
                className="button button-small button-quiet"
                onClick={() => resolveAuthor(a, 'reject')}
              >
                Reject {a.name || 'Unknown'}’s
              </button>
            </div>
          ))}
        <ol className="suggestions-list">
          {rows.map((r) => (
            <li key={r.key} className="suggestion-item">
              <div className="suggestion-meta">
                <span
                  className={`suggestion-swatch suggestion-author-${authorColour(r.author.name)}`}
                  aria-hidden="true"
                />
                <span className="suggestion-author-name">{r.author.name || 'Unknown'}</span>
                {r.at && (
                  <time dateTime={r.at} title={fullTime(r.at)} className="suggestion-time">
                    {relativeTime(r.at)}
                  </time>
                )}
                <span className="suggestion-kind">{r.kind}</span>
              </div>
              {r.select ? (
                <button type="button" className="suggestion-text suggestion-text-button" onClick={r.select}>
                  {r.text}
                </button>
              ) : (
                <p className="suggestion-text">{r.text}</p>
              )}
              <div className="suggestion-actions">
                <button
                  type="button"
                  className="button button-small"
                  aria-label={`Accept ${r.kind.toLowerCase()} by ${r.author.name || 'Unknown'}: ${r.plain.slice(0, 60)}`}
                  onClick={r.accept}
                >
                  Accept
                </button>
                <button
                  type="button"
                  className="button button-small button-quiet"
                  aria-label={`Reject ${r.kind.toLowerCase()} by ${r.author.name || 'Unknown'}: ${r.plain.slice(0, 60)}`}
                  onClick={r.reject}
                >
                  Reject
                </button>
              </div>
            </li>
          ))}
        </ol>
      </div>
    </aside>
  );
}
