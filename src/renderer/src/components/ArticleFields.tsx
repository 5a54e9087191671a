import type React from 'react';
import { useId, useImperativeHandle, useRef, useState, useSyncExternalStore } from 'react';
import type { ReviewField } from '../../../shared/article';
import type { SuggestionSession } from '../editor/suggestionSession';
import { FieldSuggestionNotes } from './SuggestingControls';

export type FieldName = 'headline' | 'contentHighlight' | 'byline' | 'dateline';
export type FieldValues = Record<FieldName, string>;

export interface ArticleFieldsHandle {
  focusHeadline(): void;
  /** The fields as typed (for find and replace). */
  getValues(): FieldValues;
  /** Sets a field as if typed (find and replace): the article is saved as usual. */
  setValue(field: FieldName, value: string): void;
  /** Sets a field's value whatever the mode (accepting a suggestion on it). */
  acceptValue(field: FieldName, value: string): void;
  /** Selects `from`–`to` in a field and brings it into view, without taking focus from find. */
  selectRange(field: FieldName, from: number, to: number): void;
}

interface ArticleFieldsProps {
  initial: FieldValues;
  headlineBudget: number;
  contentHighlightBudget: number;
  onChange: (field: FieldName, value: string) => void;
  /** Enter in the last field moves into the body. */
  onLeaveLastField: () => void;
  handleRef?: React.Ref<ArticleFieldsHandle>;
  /** Suggesting mode: in it, typing in the headline, Content Highlight or byline suggests a new value. */
  suggestions?: SuggestionSession;
}

const noSubscribe = (): (() => void) => () => {};

function isReviewField(field: FieldName): field is ReviewField {
  return field === 'headline' || field === 'contentHighlight' || field === 'byline';
}

/** Characters as a reader counts them: "£" and "é" are one each, even when outside the BMP. */
function charCount(s: string): number {
  let n = 0;
  for (const _ of s) n++;
  return n;
}

/** Headlines and summaries are one line: pasted line breaks become spaces. */
function oneLine(s: string): string {
  return s.replace(/\s*[\r\n]+\s*/g, ' ');
}

/**
 * The article's own fields above the body. They hold their own state, so typing here
 * re-renders these few inputs, not the editor; the parent reads values through `onChange`.
 */
export function ArticleFields({
  initial,
  headlineBudget,
  contentHighlightBudget,
  onChange,
  onLeaveLastField,
  handleRef,
  suggestions,
}: ArticleFieldsProps): React.JSX.Element {
  const [values, setValues] = useState<FieldValues>(initial);
  // The mode and the fields' suggestions only: a keystroke in the body does not re-render the fields.
  useSyncExternalStore(suggestions?.subscribe ?? noSubscribe, suggestions?.getFieldVersion ?? (() => 0));
  /** What a field shows: in suggesting mode, your own pending suggestion on it. */
  const shown = (field: FieldName): string =>
    suggestions?.suggesting && isReviewField(field)
      ? (suggestions.ownFieldSuggestion(field)?.to ?? values[field])
      : values[field];
  const refs = {
    headline: useRef<HTMLTextAreaElement>(null),
    contentHighlight: useRef<HTMLTextAreaElement>(null),
    byline: useRef<HTMLInputElement>(null),
    dateline: useRef<HTMLInputElement>(null),
  };
  const id = useId();

  const valuesRef = useRef(values);
  valuesRef.current = values;
  useImperativeHandle(handleRef, () => ({
    focusHeadline: () => refs.headline.current?.focus(),
    getValues: () => valuesRef.current,
    setValue: (field, value) => set(field, value),
    acceptValue: (field, value) => commit(field, value),
    selectRange: (field, from, to) => {
      const el = refs[field].current;
      if (!el) return;
      el.setSelectionRange(from, to);
      el.scrollIntoView({ block: 'nearest' });
      for (const f of Object.keys(refs) as FieldName[])
        refs[f].current?.classList.toggle('find-in-field', f === field);
    },
  }));

  const set = (field: FieldName, raw: string): void => {
    const value =
      field === 'headline' || field === 'contentHighlight' ? oneLine(raw) : raw.replace(/[\r\n]+/g, ' ');
    // In suggesting mode the field keeps its value; what was typed becomes your suggestion.
    if (suggestions?.suggesting && isReviewField(field)) {
      suggestions.suggestField(field, value);
      return;
    }
    commit(field, value);
  };

  const commit = (field: FieldName, value: string): void => {
    setValues((v) => ({ ...v, [field]: value }));
    // Readers of the handle (find and replace) see the new value before the next render.
    valuesRef.current = { ...valuesRef.current, [field]: value };
    onChange(field, value);
  };

  // Enter moves on rather than inserting a line break: a headline is a single line.
  const next = (e: React.KeyboardEvent, target: FieldName | null): void => {
    if (e.key !== 'Enter' || e.shiftKey || e.altKey || e.ctrlKey || e.metaKey || e.nativeEvent.isComposing)
      return;
    e.preventDefault();
    if (target) refs[target].current?.focus();
    else onLeaveLastField();
  };

  const headlineCount = charCount(values.headline);
  const highlightCount = charCount(values.contentHighlight);

  return (
    <div className="fields">
      <div className="field field-headline">
        <div className="field-head">
          <label htmlFor={`${id}-headline`} className="field-label">
            Headline
          </label>
          <Budget id={`${id}-headline-count`} count={headlineCount} budget={headlineBudget} what="headline" />
        </div>
        <textarea
          id={`${id}-headline`}
          ref={refs.headline}
          className="headline-input"
          rows={1}
          placeholder="Headline"
          value={shown('headline')}
          aria-describedby={`${id}-headline-count`}
          aria-invalid={headlineCount > headlineBudget ? true : undefined}
          onChange={(e) => set('headline', e.target.value)}
          onKeyDown={(e) => next(e, 'contentHighlight')}
        />
        <FieldSuggestionNotes session={suggestions} field="headline" label="headline" />
      </div>

      <div className="field field-highlight">
        <div className="field-head">
          <label htmlFor={`${id}-highlight`} className="field-label">
            Content Highlight
          </label>
          <Budget
            id={`${id}-highlight-count`}
            count={highlightCount}
            budget={contentHighlightBudget}
            what="Content Highlight"
          />
        </div>
        <textarea
          id={`${id}-highlight`}
          ref={refs.contentHighlight}
          className="highlight-input"
          rows={1}
          placeholder="One line that tells the reader why this matters"
          value={shown('contentHighlight')}
          aria-describedby={`${id}-highlight-count`}
          aria-invalid={highlightCount > contentHighlightBudget ? true : undefined}
          onChange={(e) => set('contentHighlight', e.target.value)}
          onKeyDown={(e) => next(e, 'byline')}
        />
        <FieldSuggestionNotes session={suggestions} field="contentHighlight" label="Content Highlight" />
      </div>

      <div className="field-row">
        <div className="field field-byline">
          <label htmlFor={`${id}-byline`} className="field-label">
            Byline
          </label>
          <input
            id={`${id}-byline`}
            ref={refs.byline}
            className="text-input meta-input"
            type="text"
            placeholder="Reporter’s name"
            autoComplete="off"
            value={shown('byline')}
            onChange={(e) => set('byline', e.target.value)}
            onKeyDown={(e) => next(e, 'dateline')}
          />
          <FieldSuggestionNotes session={suggestions} field="byline" label="byline" />
        </div>
        <div className="field field-dateline">
          <label htmlFor={`${id}-dateline`} className="field-label">
            Dateline
          </label>
          <input
            id={`${id}-dateline`}
            ref={refs.dateline}
            className="text-input meta-input"
            type="text"
            placeholder="City"
            autoComplete="off"
            value={values.dateline}
            onChange={(e) => set('dateline', e.target.value)}
            onKeyDown={(e) => next(e, null)}
          />
        </div>
      </div>
    </div>
  );
}

function Budget({
  id,
  count,
  budget,
  what,
}: {
  id: string;
  count: number;
  budget: number;
  what: string;
}): React.JSX.Element {
  const over = count > budget;
  return (
    <span id={id} className={`budget${over ? ' budget-over' : ''}`} data-over={over ? 'true' : undefined}>
      <span aria-hidden="true">
        {count}/{budget}
      </span>
      <span className="visually-hidden">
        {over
          ? `${count} of ${budget} characters: ${count - budget} over the ${what} budget`
          : `${count} of ${budget} characters`}
      </span>
      <meter
        className="budget-gauge"
        min={0}
        max={budget}
        low={Math.round(budget * 0.9)}
        high={budget}
        optimum={0}
        value={Math.min(count, budget)}
        aria-hidden="true"
      />
      {over && (
        <span className="budget-flag" aria-hidden="true">
          {count - budget} over
        </span>
      )}
    </span>
  );
}
