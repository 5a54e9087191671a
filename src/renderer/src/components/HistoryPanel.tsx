import type React from 'react';
import { useCallback, useEffect, useId, useState } from 'react';
import type { FieldDiff, RevisionDiff, RevisionInfo, RevisionReason } from '../../../shared/libraryTypes';
import { api, errorMessage } from '../api';
import { fullTime } from '../../../shared/time';
import { CloseIcon } from './Icons';

const REASON_LABELS: Record<RevisionReason, string> = {
  explicit: 'Saved',
  switch: 'Left the article',
  close: 'Closed',
  autosave: 'While typing',
  status: 'Status changed',
  import: 'Imported',
  created: 'Created',
  duplicate: 'Duplicated',
  restore: 'Restored',
  'before-restore': 'Before a restore',
  'conflict-copy': 'Conflict copy',
  'changed-on-disk': 'Changed on disk',
  'review-sent': 'Sent for review',
  'review-received': 'Received for review',
  'review-merged': 'Review merged',
};

const FIELD_LABELS: Record<FieldDiff['field'], string> = {
  headline: 'Headline',
  contentHighlight: 'Content Highlight',
  byline: 'Byline',
  dateline: 'Dateline',
  section: 'Section',
  tags: 'Tags',
  status: 'Status',
  body: 'Body',
};

interface HistoryPanelProps {
  articleId: string;
  /** Saves what is on screen, so "current" in a comparison is what the user sees. */
  beforeLoad: () => Promise<unknown>;
  /** Restores a revision (the window saves first and reloads the editor). */
  onRestore: (revision: RevisionInfo) => Promise<void>;
  onClose: () => void;
}

/**
 * The article's revisions: when, who, how long, what changed. Pick one to see what changed
 * since (or between it and another), and restore it; the restore is itself a revision.
 */
export function HistoryPanel({
  articleId,
  beforeLoad,
  onRestore,
  onClose,
}: HistoryPanelProps): React.JSX.Element {
  const id = useId();
  const [revisions, setRevisions] = useState<RevisionInfo[] | null>(null);
  const [from, setFrom] = useState<string | null>(null);
  const [to, setTo] = useState<string>('current');
  const [diff, setDiff] = useState<RevisionDiff | null>(null);
  const [error, setError] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);
  /** Inline (insertions and deletions in one text) or side by side (older left, newer right). */
  const [layout, setLayout] = useState<DiffLayout>('inline');

  const load = useCallback(async () => {
    try {
      await beforeLoad().catch(() => {});
      const list = await api.listRevisions({ id: articleId });
      setRevisions(list);
      setError(null);
    } catch (e) {
      setError(errorMessage(e));
    }
  }, [articleId, beforeLoad]);

  useEffect(() => {
    void load();
  }, [load]);

  useEffect(() => {
    if (!from) {
      setDiff(null);
      return;
    }
    let live = true;
    api
      .getRevisionDiff({ id: articleId, from, to: to as 'current' })
      .then((d) => live && setDiff(d))
      .catch((e: unknown) => live && setError(errorMessage(e)));
    return () => {
      live = false;
    };
  }, [articleId, from, to]);

  const restore = async (r: RevisionInfo): Promise<void> => {
    setBusy(true);
    try {
      await onRestore(r);
    } catch (e) {
      setError(errorMessage(e));
    } finally {
      setBusy(false);
    }
  };

  return (
    <aside className="side-panel" aria-labelledby={`${id}-title`}>
      <div className="side-panel-head">
        <h2 id={`${id}-title`} className="panel-title">
          History
        </h2>
        <button type="button" className="icon-button" aria-label="Close history" onClick={onClose}>
          <CloseIcon size={16} />
        </button>
      </div>
      <div className="side-panel-body">
        {error && (
          <p className="field-error" role="alert">
            {error}
          </p>
        )}
        {revisions === null && !error && <p role="status">Loading the history…</p>}
        {revisions && revisions.length === 0 && (
          <p role="status">
            No revisions yet. One is recorded when you press {'Ctrl+S'}, leave the article or change its
            status.
          </p>
        )}
        {revisions && revisions.length > 0 && (
          <ol className="revision-list" aria-label="Revisions, newest first">
            {revisions.map((r) => {
              const selected = r.revisionId === from;
              return (
                <li key={r.revisionId} className={`revision${selected ? ' is-selected' : ''}`}>
                  <div className="revision-head">
                    <time dateTime={r.savedAt} className="revision-time">
                      {fullTime(r.savedAt)}
                    </time>
                    <span className="revision-reason">{REASON_LABELS[r.reason] ?? r.reason}</span>
                  </div>
                  <div className="revision-meta">
                    {r.author.trim() || 'Unknown author'} · {r.wordCount}{' '}
                    {r.wordCount === 1 ? 'word' : 'words'}
                  </div>
                  <div className="revision-summary">{r.summary}</div>
                  <div className="revision-actions">
                    <button
                      type="button"
                      className="button button-small"
                      aria-pressed={selected}
                      onClick={() => setFrom(selected ? null : r.revisionId)}
                    >
                      {selected ? 'Hide changes' : 'Show changes'}
                    </button>
                    <button
                      type="button"
                      className="button button-small"
                      disabled={busy}
                      aria-label={`Restore the revision of ${fullTime(r.savedAt)}`}
                      onClick={() => void restore(r)}
                    >
                      Restore
                    </button>
                  </div>
                </li>
              );
            })}
          </ol>
        )}
        {from && revisions && (
          <section className="revision-diff" aria-label="Changes">
            <label htmlFor={`${id}-to`} className="field-label">
              Compare with
            </label>
            <select
              id={`${id}-to`}
              className="select select-small"
              value={to}
              onChange={(e) => setTo(e.target.value)}
            >
              <option value="current">The current text</option>
              {revisions
                .filter((r) => r.revisionId !== from)
                .map((r) => (
                  <option key={r.revisionId} value={r.revisionId}>
                    {fullTime(r.savedAt)} ({REASON_LABELS[r.reason] ?? r.reason})
                  </option>
                ))}
            </select>
            <div className="diff-layout" role="group" aria-label="Show the changes">
              <button
                type="button"
                className="button button-small"
                aria-pressed={layout === 'inline'}
                onClick={() => setLayout('inline')}
              >
                Inline
              </button>
              <button
                type="button"
                className="button button-small"
                aria-pressed={layout === 'side-by-side'}
                onClick={() => setLayout('side-by-side')}
              >
                Side by side
              </button>
            </div>
            {diff ? (
              <DiffView
                diff={diff}
                layout={layout}
                older={sideLabel(revisions, diff.from.revisionId, diff.from.savedAt)}
                newer={sideLabel(revisions, diff.to.revisionId, diff.to.savedAt)}
              />
            ) : (
              <p role="status">Comparing…</p>
            )}
          </section>
        )}
      </div>
    </aside>
  );
}

type DiffLayout = 'inline' | 'side-by-side';

/** "14 Mar 10:42 · Sam Editor": a side of a comparison, with who made that revision. */
function sideLabel(revisions: RevisionInfo[], revisionId: string, savedAt: string): string {
  if (revisionId === 'current') return 'The current text';
  const r = revisions.find((x) => x.revisionId === revisionId);
  return `${fullTime(savedAt)} · ${r?.author.trim() || 'Unknown author'}`;
}

/**
 * Changed fields with insertions and deletions marked (`<ins>`/`<del>`, read by screen readers
 * too): inline in one text, or side by side with the older revision left and the newer right.
 */
function DiffView({
  diff,
  layout,
  older,
  newer,
}: {
  diff: RevisionDiff;
  layout: DiffLayout;
  older: string;
  newer: string;
}): React.JSX.Element {
  const changed = diff.fields.filter((f) => f.changed);
  return (
    <div className="diff">
      <p className="diff-summary" role="status">
        {diff.summary}
      </p>
      <p className="diff-sides" data-testid="diff-sides">
        From <strong>{older}</strong> to <strong>{newer}</strong>
      </p>
      {layout === 'side-by-side'
        ? changed.map((f) => (
            <div key={f.field} className="diff-field">
              <h3 className="diff-field-name">{FIELD_LABELS[f.field] ?? f.field}</h3>
              <div className="diff-columns">
                <section
                  className="diff-column"
                  aria-label={`${FIELD_LABELS[f.field] ?? f.field}, older: ${older}`}
                >
                  <h4 className="diff-column-title">Older</h4>
                  <p className="diff-text">
                    {f.segments.map((seg, i) =>
                      seg.type === 'insert' ? null : seg.type === 'delete' ? (
                        <del key={i}>{seg.text}</del>
                      ) : (
                        <span key={i}>{seg.text}</span>
                      ),
                    )}
                  </p>
                </section>
                <section
                  className="diff-column"
                  aria-label={`${FIELD_LABELS[f.field] ?? f.field}, newer: ${newer}`}
                >
                  <h4 className="diff-column-title">Newer</h4>
                  <p className="diff-text">
                    {f.segments.map((seg, i) =>
                      seg.type === 'delete' ? null : seg.type === 'insert' ? (
                        <ins key={i}>{seg.text}</ins>
                      ) : (
                        <span key={i}>{seg.text}</span>
                      ),
                    )}
                  </p>
                </section>
              </div>
            </div>
          ))
        : changed.map((f) => (
            <div key={f.field} className="diff-field">
              <h3 className="diff-field-name">{FIELD_LABELS[f.field] ?? f.field}</h3>
              <p className="diff-text">
                {f.segments.map((s, i) =>
                  s.type === 'insert' ? (
                    <ins key={i}>{s.text}</ins>
                  ) : s.type === 'delete' ? (
                    <del key={i}>{s.text}</del>
                  ) : (
                    <span key={i}>{s.text}</span>
                  ),
                )}
              </p>
            </div>
          ))}
    </div>
  );
}
