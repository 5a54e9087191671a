import type React from 'react';
import { useEffect, useId, useState } from 'react';
import type {
  ArticleReviewItems,
  ExportFormat,
  ExportOptions,
  ExportTemplateInfo,
  TextExportFormat,
} from '../../../shared/contract';
import { api, errorMessage } from '../api';
import { EXPORT_FORMATS, EXPORT_FORMAT_INFO } from '../panels/exportFormats';
import { AppDialog } from './AppDialog';
import { AsOriginalOption, OpenReviewWarning } from './OpenReviewWarning';

interface ExportDialogProps {
  /** The article exported: its open suggestions and comments are listed as a warning. */
  articleId: string;
  /** The format chosen first (the user's export default). */
  initialFormat: ExportFormat;
  /** Saves the article and exports it; resolves with where it went (null when cancelled). */
  onExport: (format: ExportFormat, options: ExportOptions) => Promise<void>;
  /** Saves the article and copies it to the clipboard as text (HTML fragment, Markdown, plain text). */
  onCopy?: (format: TextExportFormat, options: ExportOptions) => Promise<void>;
  onClose: () => void;
}

/** What the Copy button says for each format that can be copied as text. */
const COPY_LABELS: Record<TextExportFormat, string> = {
  'html-fragment': 'Copy HTML fragment',
  markdown: 'Copy Markdown',
  text: 'Copy plain text',
};
const isTextFormat = (f: ExportFormat): f is TextExportFormat => Object.hasOwn(COPY_LABELS, f);

/** Chooses an export format and its options for the open article; main asks where to save. */
export function ExportDialog({
  articleId,
  initialFormat,
  onExport,
  onCopy,
  onClose,
}: ExportDialogProps): React.JSX.Element {
  const id = useId();
  const [format, setFormat] = useState<ExportFormat>(initialFormat);
  const [templates, setTemplates] = useState<ExportTemplateInfo[]>([]);
  const [template, setTemplate] = useState('');
  const [wrapText, setWrapText] = useState(false);
  const [ninjsVersion, setNinjsVersion] = useState<'3.1' | '2.2'>('3.1');
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<string | null>(null);
  const [review, setReview] = useState<ArticleReviewItems[]>([]);
  const [asOriginal, setAsOriginal] = useState(false);
  const [wordReview, setWordReview] = useState(false);

  useEffect(() => {
    api
      .listOpenReviewItems({ ids: [articleId] })
      .then(setReview)
      .catch(() => setReview([]));
  }, [articleId]);

  useEffect(() => {
    api
      .listExportTemplates()
      .then(setTemplates)
      .catch(() => setTemplates([]));
  }, []);

  const options = (): ExportOptions => {
    if (format === 'html') {
      return {
        ...(template && { template }),
        ...(asOriginal && { asOriginal: true, suggestions: 'reject' }),
      };
    }
    if (format === 'pdf' && template) return { template };
    if (format === 'text') return { wrapText };
    if (format === 'ninjs') return { ninjsVersion };
    if (format === 'docx' && wordReview && review.length > 0) return { review: true };
    return {};
  };

  const submit = async (e: React.FormEvent): Promise<void> => {
    e.preventDefault();
    if (format === 'html' && review.length > 0 && !asOriginal) {
      // Main refuses it too; saying so here keeps the user in the dialog where the choice is.
      setError(
        'This article has open suggestions or comments, so it cannot go out as publish-ready HTML. Resolve them first, or tick “Export the original text”.',
      );
      return;
    }
    setBusy(true);
    setError(null);
    try {
      await onExport(format, options());
    } catch (err) {
      setError(errorMessage(err));
    } finally {
      setBusy(false);
    }
  };

  const copy = async (f: TextExportFormat): Promise<void> => {
    setBusy(true);
    setError(null);
    try {
      await onCopy?.(f, options());
    } catch (err) {
      setError(errorMessage(err));
    } finally {
      setBusy(false);
    }
  };

  return (
    <AppDialog
      title="Export"
      onClose={onClose}
      actions={
        <>
          <button type="button" className="button" onClick={onClose}>
            Cancel
          </button>
          {onCopy && isTextFormat(format) && (
            <button type="button" className="button" disabled={busy} onClick={() => void copy(format)}>
              {COPY_LABELS[format]}
            </button>
          )}
          <button type="submit" form={`${id}-form`} className="button button-primary" disabled={busy}>
            {busy ? 'Exporting…' : 'Export…'}
          </button>
        </>
      }
    >
      <form id={`${id}-form`} onSubmit={(e) => void submit(e)}>
        <fieldset className="choice-list">
          <legend className="visually-hidden">Format</legend>
          {EXPORT_FORMATS.map((f) => (
            <label key={f} className="choice">
              <input
                type="radio"
                name={`${id}-format`}
                value={f}
                checked={format === f}
                onChange={() => setFormat(f)}
                aria-describedby={`${id}-${f}-hint`}
              />
              <span className="choice-label">{EXPORT_FORMAT_INFO[f]?.label ?? f}</span>
              <span id={`${id}-${f}-hint`} className="choice-hint">
                {EXPORT_FORMAT_INFO[f]?.hint ?? ''}
              </span>
            </label>
          ))}
        </fieldset>
        {(format === 'html' || format === 'pdf') && (
          <div className="form-grid export-options">
            <label htmlFor={`${id}-template`}>House template</label>
            <select
              id={`${id}-template`}
              className="select"
              value={template}
              onChange={(e) => setTemplate(e.target.value)}
            >
              <option value="">Plain page (no template)</option>
              {templates.map((t) => (
                <option key={t.name} value={t.name}>
                  {t.builtIn ? `${t.name} (built in)` : t.name}
                </option>
              ))}
            </select>
          </div>
        )}
        {format === 'text' && (
          <label className="export-check">
            <input type="checkbox" checked={wrapText} onChange={(e) => setWrapText(e.target.checked)} /> Wrap
            lines at 72 characters
          </label>
        )}
        {format === 'ninjs' && (
          <div className="form-grid export-options">
            <label htmlFor={`${id}-ninjs`}>ninjs version</label>
            <select
              id={`${id}-ninjs`}
              className="select"
              value={ninjsVersion}
              onChange={(e) => setNinjsVersion(e.target.value === '2.2' ? '2.2' : '3.1')}
            >
              <option value="3.1">3.1 (current)</option>
              <option value="2.2">2.2 (older partners)</option>
            </select>
          </div>
        )}
        {review.length > 0 && (
          <OpenReviewWarning articles={review}>
            {format === 'html'
              ? 'Publish-ready HTML is refused until they are resolved, unless you export the original text.'
              : format === 'docx' && wordReview
                ? 'They go into the Word file as tracked changes and comments, to accept or reject in Word. Notes are never exported.'
                : 'None of it is exported: suggestions go out as the original text, comments not at all.'}
          </OpenReviewWarning>
        )}
        {review.length > 0 && format === 'html' && (
          <AsOriginalOption checked={asOriginal} onChange={setAsOriginal} />
        )}
        {review.length > 0 && format === 'docx' && (
          <label className="export-check">
            <input type="checkbox" checked={wordReview} onChange={(e) => setWordReview(e.target.checked)} />{' '}
            Include suggestions and comments as Word tracked changes
          </label>
        )}
        {error && (
          <p className="field-error" role="alert">
            {error}
          </p>
        )}
      </form>
    </AppDialog>
  );
}
