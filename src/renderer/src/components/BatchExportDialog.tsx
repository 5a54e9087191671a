import type React from 'react';
import { useEffect, useId, useState } from 'react';
import {
  DESK_STATUSES,
  DESK_STATUS_LABELS,
  type ArticleSummary,
  type DeskStatus,
} from '../../../shared/article';
import type { ArticleReviewItems, ExportFormat, ExportManyResult } from '../../../shared/contract';
import { api, errorMessage, subscribe } from '../api';
import { EXPORT_FORMATS, formatLabel } from '../panels/exportFormats';
import { AppDialog } from './AppDialog';
import { AsOriginalOption, OpenReviewWarning } from './OpenReviewWarning';

interface BatchExportDialogProps {
  /** The articles to choose from (the library list as shown). */
  articles: ArticleSummary[];
  initialFormat: ExportFormat;
  /** Saves the open article first, so what is exported is what is on screen. */
  beforeExport: () => Promise<boolean>;
  onClose: () => void;
}

/** Exports several articles, or every article with a desk status, in one format into a folder. */
export function BatchExportDialog({
  articles,
  initialFormat,
  beforeExport,
  onClose,
}: BatchExportDialogProps): React.JSX.Element {
  const id = useId();
  const [mode, setMode] = useState<'selected' | 'status'>('selected');
  const [selected, setSelected] = useState<Set<string>>(() => new Set());
  const [status, setStatus] = useState<DeskStatus>('ready-to-publish');
  const [format, setFormat] = useState<ExportFormat>(initialFormat);
  const [progress, setProgress] = useState<{ done: number; total: number } | null>(null);
  const [result, setResult] = useState<ExportManyResult | null>(null);
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<string | null>(null);

  const [review, setReview] = useState<ArticleReviewItems[]>([]);
  const [asOriginal, setAsOriginal] = useState(false);

  useEffect(() => subscribe('exportProgress', setProgress), []);

  // The chosen articles' open suggestions and comments, listed as a warning.
  const targetKey = (
    mode === 'status'
      ? articles.filter((a) => a.status === status)
      : articles.filter((a) => selected.has(a.id))
  )
    .map((a) => a.id)
    .join(' ');
  useEffect(() => {
    const ids = targetKey ? targetKey.split(' ') : [];
    if (ids.length === 0) {
      setReview([]);
      return;
    }
    let live = true;
    api
      .listOpenReviewItems({ ids })
      .then((r) => live && setReview(r))
      .catch(() => live && setReview([]));
    return () => {
      live = false;
    };
  }, [targetKey]);

  const toggle = (articleId: string): void =>
    setSelected((s) => {
      const next = new Set(s);
      if (next.has(articleId)) next.delete(articleId);
      else next.add(articleId);
      return next;
    });

  const canExport = mode === 'status' || selected.size > 0;

  const run = async (e: React.FormEvent): Promise<void> => {
    e.preventDefault();
    if (!canExport) return;
    setBusy(true);
    setError(null);
    setResult(null);
    setProgress(null);
    try {
      if (!(await beforeExport())) throw new Error('Not exported: the open article could not be saved yet.');
      const ids = articles.filter((a) => selected.has(a.id)).map((a) => a.id);
      const options =
        format === 'html' && asOriginal ? { asOriginal: true, suggestions: 'reject' as const } : {};
      const r = await api.exportArticles(
        mode === 'status' ? { status, format, options } : { ids, format, options },
      );
      if (r) setResult(r);
    } catch (err) {
      setError(errorMessage(err));
    } finally {
      setBusy(false);
    }
  };

  return (
    <AppDialog
      title="Export several articles"
      wide
      onClose={onClose}
      actions={
        <>
          <button type="button" className="button" onClick={onClose}>
            {result ? 'Done' : 'Cancel'}
          </button>
          <button
            type="submit"
            form={`${id}-form`}
            className="button button-primary"
            disabled={busy || !canExport}
          >
            {busy ? 'Exporting…' : 'Export to a folder…'}
          </button>
        </>
      }
    >
      <form id={`${id}-form`} onSubmit={(e) => void run(e)}>
        <fieldset className="form-grid">
          <legend>What to export</legend>
          <label htmlFor={`${id}-mode-selected`}>
            <input
              id={`${id}-mode-selected`}
              type="radio"
              name={`${id}-mode`}
              checked={mode === 'selected'}
              onChange={() => setMode('selected')}
            />{' '}
            Articles I choose
          </label>
          <span className="form-hint">{selected.size} chosen</span>
          <label htmlFor={`${id}-mode-status`}>
            <input
              id={`${id}-mode-status`}
              type="radio"
              name={`${id}-mode`}
              checked={mode === 'status'}
              onChange={() => setMode('status')}
            />{' '}
            Every article with status
          </label>
          <select
            aria-label="Desk status to export"
            className="select"
            value={status}
            disabled={mode !== 'status'}
            onChange={(e) => setStatus(e.target.value as DeskStatus)}
          >
            {DESK_STATUSES.map((s) => (
              <option key={s} value={s}>
                {DESK_STATUS_LABELS[s]}
              </option>
            ))}
          </select>
          <label htmlFor={`${id}-format`}>Format</label>
          <select
            id={`${id}-format`}
            className="select"
            value={format}
            onChange={(e) => setFormat(e.target.value as ExportFormat)}
          >
            {EXPORT_FORMATS.map((f) => (
              <option key={f} value={f}>
                {formatLabel(f)}
              </option>
            ))}
          </select>
        </fieldset>
        {review.length > 0 && (
          <OpenReviewWarning articles={review} showHeadlines>
            {format === 'html'
              ? 'They are skipped from publish-ready HTML unless you export the original text.'
              : 'None of it is exported: suggestions go out as the original text, comments not at all.'}
          </OpenReviewWarning>
        )}
        {review.length > 0 && format === 'html' && (
          <AsOriginalOption checked={asOriginal} onChange={setAsOriginal} />
        )}
        {mode === 'selected' && (
          <div className="dialog-scroll">
            <ul className="batch-list" aria-label="Articles to export">
              {articles.map((a) => (
                <li key={a.id}>
                  <label className="batch-item">
                    <input type="checkbox" checked={selected.has(a.id)} onChange={() => toggle(a.id)} />{' '}
                    <span>{a.headline.trim() || 'Untitled'}</span>{' '}
                    <span className={`desk-status desk-status-${a.status}`}>
                      {DESK_STATUS_LABELS[a.status]}
                    </span>
                  </label>
                </li>
              ))}
            </ul>
          </div>
        )}
      </form>
      {busy && (
        <div className="progress-line">
          <progress
            aria-label="Export progress"
            max={progress?.total || undefined}
            value={progress ? progress.done : undefined}
          />
          <span role="status">{progress ? `${progress.done} of ${progress.total}` : 'Starting…'}</span>
        </div>
      )}
      {error && (
        <p className="field-error" role="alert">
          {error}
        </p>
      )}
      {result && <BatchSummary result={result} />}
    </AppDialog>
  );
}

function BatchSummary({ result }: { result: ExportManyResult }): React.JSX.Element {
  return (
    <section className="batch-summary" aria-label="Export summary">
      <p role="status">
        Exported {result.exported.length} {result.exported.length === 1 ? 'article' : 'articles'} to{' '}
        <bdi>{result.folder}</bdi>
        {result.skipped.length > 0 ? `; skipped ${result.skipped.length}.` : '.'}
      </p>
      {result.skipped.length > 0 && (
        <ul className="summary-list">
          {result.skipped.map((s) => (
            <li key={s.id}>
              {s.headline.trim() || 'Untitled'}: {s.reason}
            </li>
          ))}
        </ul>
      )}
    </section>
  );
}
