import type React from 'react';
import { useId } from 'react';
import { DESK_STATUS_LABELS, type StatusChange } from '../../../shared/article';
import { fullTime } from '../../../shared/time';
import { CloseIcon } from './Icons';
import '../deskStatus.css';

interface StatusHistoryPanelProps {
  history: readonly StatusChange[];
  onClose: () => void;
}

/** The article's desk status history, newest first: who, when, from → to, the message and any override. */
export function StatusHistoryPanel({ history, onClose }: StatusHistoryPanelProps): React.JSX.Element {
  const id = useId();
  const newestFirst = [...history].reverse();
  return (
    <aside className="side-panel" aria-labelledby={`${id}-title`}>
      <div className="side-panel-head">
        <h2 id={`${id}-title`} className="panel-title">
          Status history
        </h2>
        <button type="button" className="icon-button" aria-label="Close status history" onClick={onClose}>
          <CloseIcon size={16} />
        </button>
      </div>
      <div className="side-panel-body">
        {newestFirst.length === 0 ? (
          <p className="status-history-empty">
            No status changes yet. Change the status above the article; each change is listed here with who
            made it and when.
          </p>
        ) : (
          <ol className="status-history" aria-label="Status changes, newest first">
            {newestFirst.map((c, i) => (
              <li key={`${c.at}-${i}`} className={`status-change${c.override ? ' is-override' : ''}`}>
                <div className="status-change-head">
                  <span className="status-change-move">
                    {DESK_STATUS_LABELS[c.from]} → {DESK_STATUS_LABELS[c.to]}
                  </span>
                  <time dateTime={c.at} className="status-change-time">
                    {fullTime(c.at)}
                  </time>
                </div>
                <div className="status-change-who">{c.by.name || c.by.initials || 'Someone'}</div>
                {c.message && <p className="status-change-message">{c.message}</p>}
                {c.override && (
                  <div className="status-change-override">
                    <p>
                      <strong>Published over the readiness check.</strong> Reason: {c.override.reason}
                    </p>
                    {c.override.findings.length > 0 && (
                      <ul aria-label="Readiness items overridden">
                        {c.override.findings.map((f) => (
                          <li key={f}>{f}</li>
                        ))}
                      </ul>
                    )}
                  </div>
                )}
              </li>
            ))}
          </ol>
        )}
      </div>
    </aside>
  );
}
