import type React from 'react';
import { useSyncExternalStore } from 'react';
import type { ReviewField } from '../../../shared/article';
import { authorColour } from '../../../shared/editor/suggestionColours';
import type { SuggestionSession } from '../editor/suggestionSession';
import { fullTime } from '../../../shared/time';
import '../suggestions.css';

/** The keys of the Editing/Suggesting switch, as TipTap writes them (shared/shortcuts.ts `toggleSuggesting`). */
export const SUGGESTING_KEYS = 'toggleSuggesting';

const noSubscribe = (): (() => void) => () => {};

/**
 * Re-renders when the mode or the fields' suggestions change, never on a keystroke in the body:
 * a React commit while the body has the focus costs time in proportion to the document.
 */
function useFieldVersion(session: SuggestionSession | undefined): void {
  useSyncExternalStore(session?.subscribe ?? noSubscribe, session?.getFieldVersion ?? (() => 0));
}

/**
 * The Editing/Suggesting switch in the status line. It says which mode is on, and a polite live
 * region announces each change, so a screen-reader user hears that typing now suggests.
 */
export function SuggestingToggle({
  session,
  shortcut,
}: {
  session: SuggestionSession;
  shortcut: string;
}): React.JSX.Element {
  useFieldVersion(session);
  const on = session.suggesting;
  return (
    <>
      <button
        type="button"
        className={`button button-quiet button-small suggesting-toggle${on ? ' is-suggesting' : ''}`}
        aria-pressed={on}
        title={`${on ? 'Suggesting: your changes are suggestions' : 'Editing: your changes go into the text'} (${shortcut})`}
        onClick={() => session.setSuggesting(!on)}
      >
        {on ? 'Suggesting' : 'Editing'}
      </button>
      <span className="visually-hidden" role="status" aria-live="polite">
        {on
          ? 'Suggesting mode: your changes are recorded as suggestions.'
          : 'Editing mode: your changes go straight into the text.'}
      </span>
      {session.refusedMessage && (
        <span className="suggesting-refused" role="alert">
          {session.refusedMessage}
        </span>
      )}
    </>
  );
}

/** The suggestions on one field, under it: the old value struck, the new underlined, accept or reject. */
export function FieldSuggestionNotes({
  session,
  field,
  label,
}: {
  session: SuggestionSession | undefined;
  field: ReviewField;
  label: string;
}): React.JSX.Element | null {
  useFieldVersion(session);
  const list = session?.fieldSuggestions.filter((s) => s.field === field) ?? [];
  if (!session || list.length === 0) return null;
  return (
    <ul className="field-suggestions" aria-label={`Suggestions on the ${label}`}>
      {list.map((s) => (
        <li key={s.id} className="field-suggestion">
          <span className="field-suggestion-by" title={fullTime(s.at)}>
            {s.author.name || 'Unknown'}:
          </span>{' '}
          <del className="field-suggestion-old">{s.from || '(empty)'}</del>{' '}
          <ins className={`field-suggestion-new suggestion-author-${authorColour(s.author.name)}`}>
            {s.to || '(empty)'}
          </ins>
          <span className="field-suggestion-actions">
            <button
              type="button"
              className="button button-small"
              aria-label={`Accept ${s.author.name || 'Unknown'}’s ${label}`}
              onClick={() => session.acceptField(s.id)}
            >
              Accept
            </button>
            <button
              type="button"
              className="button button-small button-quiet"
              aria-label={`Reject ${s.author.name || 'Unknown'}’s ${label}`}
              onClick={() => session.rejectField(s.id)}
            >
              Reject
            </button>
          </span>
        </li>
      ))}
    </ul>
  );
}
