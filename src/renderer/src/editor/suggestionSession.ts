import type { Editor } from '@tiptap/core';
import type { FieldSuggestion, Person, ReviewField } from '../../../shared/article';
import { listSuggestions, type SuggestionSummary } from '../../../shared/review/forExport';
import {
  acceptFieldSuggestion,
  ownFieldSuggestion,
  rejectFieldSuggestion,
  suggestFieldValue,
} from '../../../shared/review/fieldSuggestions';
import {
  resolveSuggestions,
  suggestionRange,
  type SuggestionFilter,
} from '../../../shared/review/suggesting';
import { TextSelection } from '@tiptap/pm/state';
import { currentReviewer } from './reviewer';

export type ReviewFieldValues = Record<ReviewField, string>;

interface SuggestionSessionOptions {
  fieldSuggestions: FieldSuggestion[];
  /** The fields' current (accepted) values. */
  fields: () => ReviewFieldValues;
  /** Sets a field's value (accepting a field suggestion). */
  setField: (field: ReviewField, value: string) => void;
  /** Something to save changed (field suggestions). */
  onChange: () => void;
}

/**
 * Suggesting mode for one open article: whether it is on, the body's suggestions (read from the
 * editor) and the fields' (kept here, saved with the article). The editor extension, the
 * status-line toggle, the fields and the suggestions panel all read and act through it; they
 * subscribe like a tiny store.
 */
export class SuggestionSession {
  private editor: Editor | null = null;
  private readonly listeners = new Set<() => void>();
  private version = 0;
  /** Changes with the mode and the fields' suggestions, not with body edits. */
  private fieldVersion = 0;
  private cached: { version: number; list: SuggestionSummary[] } | null = null;
  suggesting = false;
  fieldSuggestions: FieldSuggestion[];

  constructor(private readonly options: SuggestionSessionOptions) {
    this.fieldSuggestions = options.fieldSuggestions;
  }

  attach(editor: Editor): () => void {
    this.editor = editor;
    const onTransaction = ({ transaction }: { transaction: { docChanged: boolean } }): void => {
      // Body edits change only the body's list: the fields and the mode switch, which
      // subscribe to `getFieldVersion`, do not re-render on a keystroke in the body.
      if (transaction.docChanged) this.changed(true);
    };
    editor.on('transaction', onTransaction);
    setActive(this);
    return () => {
      editor.off('transaction', onTransaction);
      if (activeSuggestionSession() === this) setActive(null);
    };
  }

  subscribe = (l: () => void): (() => void) => {
    this.listeners.add(l);
    return () => this.listeners.delete(l);
  };

  getVersion = (): number => this.version;

  /** For what shows the mode or the fields' suggestions (a keystroke in the body leaves it alone). */
  getFieldVersion = (): number => this.fieldVersion;

  private changed(bodyOnly = false): void {
    this.version++;
    if (!bodyOnly) this.fieldVersion++;
    for (const l of this.listeners) l();
  }

  author(): Person {
    return currentReviewer();
  }

  /** Why the last edit was not made (an edit suggesting mode could not record), until the next edit. */
  refusedMessage: string | null = null;

  showRefused(message: string): void {
    this.refusedMessage = message;
    this.changed();
  }

  clearRefused(): void {
    if (this.refusedMessage === null) return;
    this.refusedMessage = null;
    this.changed();
  }

  setSuggesting(on: boolean): void {
    if (this.suggesting === on) return;
    this.suggesting = on;
    this.changed();
  }

  /** The body's suggestions in document order (recomputed only after the text changed). */
  bodySuggestions(): SuggestionSummary[] {
    if (!this.editor) return [];
    if (this.cached?.version !== this.version) {
      this.cached = { version: this.version, list: listSuggestions(this.editor.state.doc) };
    }
    return this.cached.list;
  }

  /** Accepts or rejects body suggestions (undoable like any edit). */
  resolve(filter: SuggestionFilter, how: 'accept' | 'reject'): boolean {
    const editor = this.editor;
    if (!editor) return false;
    return resolveSuggestions(filter, how)(editor.state, (tr) => editor.view.dispatch(tr));
  }

  /** Selects a body suggestion's text and brings it into view. */
  select(id: string): void {
    const editor = this.editor;
    if (!editor) return;
    const range = suggestionRange(editor.state.doc, id);
    if (!range) return;
    editor.view.dispatch(
      editor.state.tr
        .setSelection(TextSelection.create(editor.state.doc, range.from, range.to))
        .scrollIntoView(),
    );
    editor.view.focus();
  }

  ownFieldSuggestion(field: ReviewField): FieldSuggestion | undefined {
    return ownFieldSuggestion(this.fieldSuggestions, field, this.author());
  }

  /** What the user typed into a field in suggesting mode. */
  suggestField(field: ReviewField, value: string): void {
    this.fieldSuggestions = suggestFieldValue(
      this.fieldSuggestions,
      this.options.fields(),
      field,
      value,
      this.author(),
    );
    this.options.onChange();
    this.changed();
  }

  acceptField(id: string): void {
    const s = this.fieldSuggestions.find((x) => x.id === id);
    if (!s) return;
    const result = acceptFieldSuggestion(this.options.fields(), this.fieldSuggestions, id);
    this.fieldSuggestions = result.fieldSuggestions;
    this.options.setField(s.field, result.fields[s.field]);
    this.options.onChange();
    this.changed();
  }

  rejectField(id: string): void {
    this.fieldSuggestions = rejectFieldSuggestion(this.fieldSuggestions, id);
    this.options.onChange();
    this.changed();
  }

  /** Field suggestions by one person, or every one, accepted or rejected. */
  resolveFields(how: 'accept' | 'reject', author?: Person): void {
    const picked = this.fieldSuggestions.filter(
      (s) =>
        !author || (s.author.name === author.name && (s.author.initials ?? '') === (author.initials ?? '')),
    );
    for (const s of picked) {
      if (how === 'accept') this.acceptField(s.id);
      else this.rejectField(s.id);
    }
  }
}

let active: SuggestionSession | null = null;
const activeListeners = new Set<() => void>();
function setActive(session: SuggestionSession | null): void {
  active = session;
  for (const l of activeListeners) l();
}

/** The open article's session (the panel reads it). */
export function activeSuggestionSession(): SuggestionSession | null {
  return active;
}

export function subscribeActiveSuggestionSession(l: () => void): () => void {
  activeListeners.add(l);
  return () => activeListeners.delete(l);
}
