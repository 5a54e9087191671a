import type React from 'react';
import { useEffect, useId, useRef } from 'react';

interface AppDialogProps {
  title: string;
  onClose: () => void;
  wide?: boolean;
  children: React.ReactNode;
  /** The buttons at the bottom; a Close button is added when this is absent. */
  actions?: React.ReactNode;
  /** `alertdialog` for questions that need an answer (e.g. erasing the trash). */
  role?: 'dialog' | 'alertdialog';
}

/**
 * A modal dialog on the native `<dialog>`: it traps focus, closes on Escape and returns focus
 * to where it was, with no script of ours.
 */
export function AppDialog({
  title,
  onClose,
  wide,
  children,
  actions,
  role,
}: AppDialogProps): React.JSX.Element {
  const ref = useRef<HTMLDialogElement>(null);
  const titleId = useId();
  useEffect(() => {
    const dialog = ref.current;
    if (dialog && !dialog.open) dialog.showModal();
    return () => dialog?.close();
  }, []);
  return (
    <dialog
      ref={ref}
      role={role === 'alertdialog' ? 'alertdialog' : undefined}
      className={`app-dialog${wide ? ' app-dialog-wide' : ''}`}
      aria-labelledby={titleId}
      onCancel={(e) => {
        e.preventDefault();
        onClose();
      }}
    >
      <h2 id={titleId} className="dialog-title">
        {title}
      </h2>
      {children}
      <div className="dialog-actions">
        <span className="spacer" />
        {actions ?? (
          <button type="button" className="button" onClick={onClose}>
            Close
          </button>
        )}
      </div>
    </dialog>
  );
}
