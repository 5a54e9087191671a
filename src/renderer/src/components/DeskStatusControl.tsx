import type React from 'react';
import { useEffect, useId, useRef, useState } from 'react';
import { DESK_STATUSES, DESK_STATUS_LABELS, type DeskStatus } from '../../../shared/article';
import '../deskStatus.css';

/** The usual next step from each status, offered as a one-click button. */
const NEXT_STEP: Partial<Record<DeskStatus, { to: DeskStatus; label: string }>> = {
  draft: { to: 'ready-for-edit', label: 'Ready for edit' },
  'ready-for-edit': { to: 'in-edit', label: 'Start editing' },
  'in-edit': { to: 'ready-to-publish', label: 'Ready to publish' },
  'ready-to-publish': { to: 'published', label: 'Publish' },
  spiked: { to: 'draft', label: 'Back to draft' },
};

interface DeskStatusControlProps {
  status: DeskStatus;
  /** Changes the status; the message is optional. Resolves when done (or refused with the reason on screen). */
  onChange: (status: DeskStatus, message: string) => Promise<void>;
}

/**
 * The open article's desk status: the next step in one click, or any status (with an optional
 * message for the status history) from a small popover.
 */
export function DeskStatusControl({ status, onChange }: DeskStatusControlProps): React.JSX.Element {
  const id = useId();
  const [open, setOpen] = useState(false);
  const [message, setMessage] = useState('');
  const [busy, setBusy] = useState(false);
  const toggle = useRef<HTMLButtonElement>(null);
  const popover = useRef<HTMLDivElement>(null);
  const next = NEXT_STEP[status];

  const change = async (to: DeskStatus): Promise<void> => {
    setBusy(true);
    try {
      await onChange(to, message.trim());
      setOpen(false);
      setMessage('');
    } finally {
      setBusy(false);
    }
  };

  useEffect(() => {
    if (!open) return;
    popover.current?.querySelector<HTMLElement>('textarea')?.focus();
    const onDown = (e: MouseEvent): void => {
      const t = e.target as Node;
      if (!popover.current?.contains(t) && !toggle.current?.contains(t)) setOpen(false);
    };
    document.addEventListener('mousedown', onDown);
    return () => document.removeEventListener('mousedown', onDown);
  }, [open]);

  const close = (): void => {
    setOpen(false);
    toggle.current?.focus();
  };

  return (
    <div className="desk-status-control" role="group" aria-label="Desk status">
      <button
        ref={toggle}
        type="button"
        className="button button-small button-quiet desk-status-toggle"
        aria-haspopup="dialog"
        aria-expanded={open}
        aria-controls={open ? `${id}-popover` : undefined}
        title="Change the desk status, with a message"
        onClick={() => setOpen((o) => !o)}
      >
        Status: <span className={`desk-status desk-status-${status}`}>{DESK_STATUS_LABELS[status]}</span>
      </button>
      {next && (
        <button
          type="button"
          className="button button-small desk-status-next"
          disabled={busy}
          onClick={() => void change(next.to)}
        >
          {next.label}
        </button>
      )}
      {open && (
        <div
          ref={popover}
          id={`${id}-popover`}
          className="desk-status-popover"
          role="dialog"
          aria-labelledby={`${id}-title`}
          onKeyDown={(e) => {
            if (e.key === 'Escape') {
              e.stopPropagation();
              close();
            }
          }}
        >
          <h2 id={`${id}-title`} className="desk-status-popover-title">
            Change the desk status
          </h2>
          <label htmlFor={`${id}-message`} className="desk-status-popover-label">
            Message (optional)
          </label>
          <textarea
            id={`${id}-message`}
            className="text-input desk-status-message"
            rows={2}
            maxLength={2000}
            value={message}
            placeholder="e.g. Checked the figures with the council"
            onChange={(e) => setMessage(e.target.value)}
          />
          <div className="desk-status-choices" role="group" aria-label="New status">
            {DESK_STATUSES.map((s) => (
              <button
                key={s}
                type="button"
                className="button button-small desk-status-choice"
                disabled={busy || s === status}
                aria-current={s === status ? 'true' : undefined}
                onClick={() => void change(s)}
              >
                {DESK_STATUS_LABELS[s]}
              </button>
            ))}
          </div>
        </div>
      )}
    </div>
  );
}
