import type React from 'react';
import { useEffect, useId, useRef, useState } from 'react';
import type { ReadinessReport } from '../../../checks/types';
import { AppDialog } from './AppDialog';
import '../deskStatus.css';

interface ReadinessDialogProps {
  report: ReadinessReport;
  /**
   * What the checklist stands in the way of: a publish-ready export (the default) or moving the
   * article to Published, whose override needs a reason that goes into the status history.
   */
  purpose?: 'export' | 'publish';
  /** Go ahead although items fail; the caller records the override (with the reason when publishing). */
  onOverride: (reason: string) => void;
  onClose: () => void;
}

const STATUS_LABELS = { pass: 'Passes', fail: 'Fails', overridden: 'Overridden' } as const;

/**
 * The publish-readiness checklist a producer reads before publish-ready HTML goes out or the
 * article is published. It blocks while an item fails; "Export anyway" or "Publish anyway…"
 * (with a reason) is an explicit override.
 */
export function ReadinessDialog({
  report,
  purpose = 'export',
  onOverride,
  onClose,
}: ReadinessDialogProps): React.JSX.Element {
  const id = useId();
  const failing = report.items.filter((i) => i.status === 'fail');
  const [asking, setAsking] = useState(false);
  const [reason, setReason] = useState('');
  const reasonRef = useRef<HTMLTextAreaElement>(null);
  useEffect(() => {
    if (asking) reasonRef.current?.focus();
  }, [asking]);
  const publish = purpose === 'publish';
  return (
    <AppDialog
      title="Not ready to publish"
      wide
      onClose={onClose}
      actions={
        <>
          {!publish && (
            <button type="button" className="button button-danger" onClick={() => onOverride('')}>
              Export anyway ({failing.length} overridden)
            </button>
          )}
          {publish && !asking && (
            <button type="button" className="button button-danger" onClick={() => setAsking(true)}>
              Publish anyway…
            </button>
          )}
          {publish && asking && (
            <button
              type="button"
              className="button button-danger"
              disabled={!reason.trim()}
              onClick={() => onOverride(reason.trim())}
            >
              Publish with this reason
            </button>
          )}
          <button type="button" className="button button-primary" autoFocus onClick={onClose}>
            Go back and fix
          </button>
        </>
      }
    >
      <p className="dialog-text">
        {failing.length === 1 ? 'One item fails' : `${failing.length} items fail`} the publish-readiness
        checklist.{' '}
        {publish
          ? 'Publishing anyway needs a reason; it is recorded in the status history with the items that fail.'
          : 'Exporting anyway records who overrode what.'}
      </p>
      <ul className="readiness-list" aria-label="Publish readiness">
        {report.items.map((item) => (
          <li key={item.id} className={`readiness-item readiness-${item.status}`}>
            <span className="readiness-status">{STATUS_LABELS[item.status]}</span>
            <span className="readiness-label">{item.label}</span>
            <span className="readiness-detail">{item.detail}</span>
          </li>
        ))}
      </ul>
      {publish && asking && (
        <div className="form-grid">
          <label htmlFor={`${id}-reason`}>Why publish anyway? (recorded)</label>
          <textarea
            ref={reasonRef}
            id={`${id}-reason`}
            className="text-input readiness-reason"
            rows={2}
            maxLength={2000}
            value={reason}
            onChange={(e) => setReason(e.target.value)}
          />
        </div>
      )}
    </AppDialog>
  );
}
