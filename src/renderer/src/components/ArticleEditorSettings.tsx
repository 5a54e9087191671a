import type React from 'react';
import { useEffect, useId, useRef, useState } from 'react';
import type { LibrarySettings } from '../../../shared/contract';
import { api, errorMessage } from '../api';

interface BudgetSettingsProps {
  settings: LibrarySettings;
  onSaved: (settings: LibrarySettings) => void;
  onClose: () => void;
}

const FIELDS = [
  { key: 'headlineBudget', label: 'Headline budget (characters)', min: 10, max: 500 },
  { key: 'contentHighlightBudget', label: 'Content Highlight budget (characters)', min: 20, max: 1000 },
  { key: 'wordsPerMinute', label: 'Reading speed (words per minute)', min: 60, max: 1000 },
] as const;

type Key = (typeof FIELDS)[number]['key'];

/**
 * The library's budgets and reading speed, in a small dialog next to the counts. Reusable by the
 * full Settings view: it takes the settings and reports what was saved.
 */
export function BudgetSettings({ settings, onSaved, onClose }: BudgetSettingsProps): React.JSX.Element {
  const ref = useRef<HTMLDialogElement>(null);
  const id = useId();
  const [values, setValues] = useState<Record<Key, string>>({
    headlineBudget: String(settings.headlineBudget),
    contentHighlightBudget: String(settings.contentHighlightBudget),
    wordsPerMinute: String(settings.wordsPerMinute),
  });
  const [error, setError] = useState<string | null>(null);

  useEffect(() => {
    const dialog = ref.current;
    if (dialog && !dialog.open) dialog.showModal();
    return () => dialog?.close();
  }, []);

  const submit = async (e: React.FormEvent): Promise<void> => {
    e.preventDefault();
    const patch: Partial<Record<Key, number>> = {};
    for (const f of FIELDS) {
      const n = Number(values[f.key]);
      if (!Number.isInteger(n) || n < f.min || n > f.max) {
        setError(`${f.label.replace(/ \(.*\)/, '')} must be a whole number from ${f.min} to ${f.max}.`);
        return;
      }
      patch[f.key] = n;
    }
    try {
      onSaved(await api.updateSettings(patch));
    } catch (err) {
      setError(errorMessage(err));
    }
  };

  return (
    <dialog
      ref={ref}
      className="link-dialog budget-dialog"
      aria-labelledby={`${id}-title`}
      onCancel={(e) => {
        e.preventDefault();
        onClose();
      }}
    >
      <form onSubmit={(e) => void submit(e)} noValidate>
        <h2 id={`${id}-title`} className="dialog-title">
          Budgets and reading time
        </h2>
        {FIELDS.map((f) => (
          <div key={f.key} className="budget-setting">
            <label htmlFor={`${id}-${f.key}`} className="field-label">
              {f.label}
            </label>
            <input
              id={`${id}-${f.key}`}
              className="text-input"
              type="number"
              min={f.min}
              max={f.max}
              step={1}
              value={values[f.key]}
              onChange={(e) => {
                setValues((v) => ({ ...v, [f.key]: e.target.value }));
                setError(null);
              }}
            />
          </div>
        ))}
        {error && (
          <p className="field-error" role="alert">
            {error}
          </p>
        )}
        <div className="dialog-actions">
          <span className="spacer" />
          <button type="button" className="button button-quiet" onClick={onClose}>
            Cancel
          </button>
          <button type="submit" className="button button-primary">
            Save
          </button>
        </div>
      </form>
    </dialog>
  );
}
