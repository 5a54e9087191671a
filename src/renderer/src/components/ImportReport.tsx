import type React from 'react';
import type { ImportResult } from '../../../shared/contract';
import { CloseIcon } from './Icons';
import { DroppedTextFindingsList, useDroppedTextFindings } from './DroppedTextFindings';

interface ImportReportProps {
  result: ImportResult;
  onOpen: (id: string) => void;
  onDismiss: () => void;
}

const KIND_LABELS = { dropped: 'Dropped', moved: 'Moved', warning: 'Check' } as const;

function baseName(path: string): string {
  return path.split(/[\\/]/).pop() || path;
}

/**
 * What an import did: how many files were read, the files it could not read and why, then file
 * by file the article it made and everything the importer dropped or moved, so nothing leaves
 * the text silently.
 */
export function ImportReport({ result, onOpen, onDismiss }: ImportReportProps): React.JSX.Element {
  const n = result.imported.length;
  const f = result.failed.length;
  const summary = [
    n + f > 1 ? `Read ${n + f} files` : null,
    n > 0 ? `Imported ${n} ${n === 1 ? 'article' : 'articles'}` : 'Nothing was imported',
    f > 0 ? `${f} ${f === 1 ? 'file' : 'files'} could not be imported` : null,
  ]
    .filter(Boolean)
    .join(' · ');
  const dropped = useDroppedTextFindings(result.imported);

  return (
    <section
      className={`panel import-report${f > 0 ? ' has-failures' : ''}`}
      aria-labelledby="import-report-title"
    >
      <div className="panel-head">
        <h2 id="import-report-title" className="panel-title">
          Import report
        </h2>
        <span className="panel-summary">{summary}</span>
        <button type="button" className="icon-button" aria-label="Dismiss import report" onClick={onDismiss}>
          <CloseIcon size={16} />
        </button>
      </div>
      <div className="panel-body">
        {/* What was skipped comes first: in a batch of thirty it would be lost at the bottom. */}
        {result.failed.map((x) => (
          <div key={x.file} className="import-item import-failed" role="alert">
            <p className="import-item-head">
              <strong>{baseName(x.file)}</strong>
              <span className="import-file">was not imported</span>
            </p>
            <p className="import-failed-message">{x.message}</p>
          </div>
        ))}
        {result.imported.map((a) => (
          <div key={a.id} className="import-item">
            <p className="import-item-head">
              <button type="button" className="link-button" onClick={() => onOpen(a.id)}>
                {a.headline.trim() || 'Untitled'}
              </button>
              <span className="import-file">from {baseName(a.file)}</span>
            </p>
            {a.report.length === 0 ? (
              <p className="import-note-none">Imported as it was; nothing was dropped or moved.</p>
            ) : (
              <ul className="import-notes">
                {a.report.map((note, i) => (
                  <li key={i} className={`import-note import-note-${note.kind}`}>
                    <span className="import-note-kind">{KIND_LABELS[note.kind]}</span>
                    <span className="import-note-message">{note.message}</span>
                    {note.text && <q className="import-note-text">{note.text}</q>}
                    <DroppedTextFindingsList
                      findings={(dropped.get(a.id) ?? []).filter((f) => f.note === i)}
                    />
                  </li>
                ))}
              </ul>
            )}
          </div>
        ))}
      </div>
    </section>
  );
}
