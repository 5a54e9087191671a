import type React from 'react';
import { useEffect } from 'react';
import { AlertIcon, CheckIcon, CloseIcon } from './Icons';

export interface ToastMessage {
  kind: 'info' | 'error';
  text: string;
  /** Bumped for each message so the same text shown twice restarts the timer. */
  seq: number;
}

/**
 * The outcome of an action (trashed, exported, could not open…). Information fades after a
 * while; errors stay until dismissed, because the user may be looking elsewhere.
 */
export function Toast({
  message,
  onDismiss,
}: {
  message: ToastMessage;
  onDismiss: () => void;
}): React.JSX.Element {
  useEffect(() => {
    if (message.kind === 'error') return;
    const t = setTimeout(onDismiss, 6_000);
    return () => clearTimeout(t);
  }, [message.seq, message.kind, onDismiss]);

  return (
    <div className={`toast toast-${message.kind}`} role={message.kind === 'error' ? 'alert' : 'status'}>
      {message.kind === 'error' ? <AlertIcon size={18} /> : <CheckIcon size={18} />}
      <span className="toast-text">{message.text}</span>
      <button type="button" className="icon-button" aria-label="Dismiss" onClick={onDismiss}>
        <CloseIcon size={16} />
      </button>
    </div>
  );
}
