import type React from 'react';
import type { ReadinessReport } from '../../../checks/types';
import { AppDialog } from './AppDialog';

interface ReadinessDialogProps {
  report: ReadinessReport;
  /** Export although items fail; the caller records the override. */
  onOverride: () => void;
  onClose: () => void;
}

const STATUS_LABELS = { pass: 'Passes', fail: 'Fails', overridden: 'Overridden' } as const;

/**
 * The publish-readiness checklist a producer reads before publish-ready HTML goes out. It
 * blocks the export while an item fails; "Export anyway" is an explicit, recorded override.
 */
export function ReadinessDialog({ report, onOverride, onClose }: ReadinessDialogProps): React.JSX.Element {
  const failing = report.items.filter((i) => i.status === 'fail');
  return (
    <AppDialog
      title="Not ready to publish"
      wide
      onClose={onClose}
      actions={
        <>
          <button type="button" className="button button-danger" onClick={onOverride}>
            Export anyway ({failing.length} overridden)
          </button>
          <button type="button" className="button button-primary" autoFocus onClick={onClose}>
            Go back and fix
          </button>
        </>
      }
    >
      <p className="dialog-text">
        {failing.length === 1 ? 'One item fails' : `${failing.length} items fail`} the publish-readiness
        checklist. Exporting anyway records who overrode what.
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
    </AppDialog>
  );
}
