import type React from 'react';
import { useEffect, useId, useRef, useState } from 'react';
import { normaliseLinkUrl } from '../../../shared/urls';

interface LinkDialogProps {
  /** The link's current address when the caret is in a link; empty for a new link. */
  initialUrl: string;
  /** Whether the caret or selection is in an existing link (offers "Remove link"). */
  editing: boolean;
  onApply: (url: string) => void;
  onRemove: () => void;
  onClose: () => void;
}

/**
 * Asks for a link's address. Only http, https and mailto are accepted: anything else is
 * refused here with a reason, and again by the link mark and the exporter.
 */
export function LinkDialog({
  initialUrl,
  editing,
  onApply,
  onRemove,
  onClose,
}: LinkDialogProps): React.JSX.Element {
  const ref = useRef<HTMLDialogElement>(null);
  const [value, setValue] = useState(initialUrl);
  const [error, setError] = useState<string | null>(null);
  const inputId = useId();
  const errorId = useId();

  useEffect(() => {
    const dialog = ref.current;
    // A modal <dialog> traps focus and closes on Escape without any script of ours.
    if (dialog && !dialog.open) dialog.showModal();
    return () => dialog?.close();
  }, []);

  const submit = (e: React.FormEvent): void => {
    e.preventDefault();
    const url = normaliseLinkUrl(value);
    if (!url) {
      setError('Use a web or email address: https://…, http://… or mailto:…');
      return;
    }
    onApply(url);
  };

  return (
    <dialog
      ref={ref}
      className="link-dialog"
      aria-labelledby={`${inputId}-title`}
      onClose={onClose}
      onCancel={(e) => {
        e.preventDefault();
        onClose();
      }}
    >
      <form onSubmit={submit} noValidate>
        <h2 id={`${inputId}-title`} className="dialog-title">
          {editing ? 'Edit link' : 'Add link'}
        </h2>
        <label htmlFor={inputId} className="field-label">
          Address
        </label>
        <input
          id={inputId}
          className="text-input"
          type="text"
          inputMode="url"
          autoComplete="off"
          spellCheck={false}
          placeholder="https://example.com/report"
          value={value}
          autoFocus
          aria-invalid={error ? true : undefined}
          aria-describedby={error ? errorId : undefined}
          onChange={(e) => {
            setValue(e.target.value);
            setError(null);
          }}
        />
        {error && (
          <p id={errorId} className="field-error" role="alert">
            {error}
          </p>
        )}
        <div className="dialog-actions">
          {editing && (
            <button type="button" className="button button-quiet button-danger" onClick={onRemove}>
              Remove link
            </button>
          )}
          <span className="spacer" />
          <button type="button" className="button button-quiet" onClick={onClose}>
            Cancel
          </button>
          <button type="submit" className="button button-primary">
            {editing ? 'Update link' : 'Add link'}
          </button>
        </div>
      </form>
    </dialog>
  );
}
