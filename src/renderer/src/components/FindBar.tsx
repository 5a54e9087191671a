import type React from 'react';
import { useEffect, useId, useMemo, useRef, useState } from 'react';
import { useEditorState, type Editor } from '@tiptap/react';
import { findState } from '../editor/FindReplace';
import { findInText, findRegExp, type FindQuery } from '../editor/findMatches';
import type { ArticleFieldsHandle, FieldName } from './ArticleFields';

/** The fields find covers besides the body, in the order a reader meets them. */
const FIELDS: { name: FieldName; label: string }[] = [
  { name: 'headline', label: 'headline' },
  { name: 'contentHighlight', label: 'Content Highlight' },
  { name: 'byline', label: 'byline' },
];

type Match =
  { where: 'field'; field: FieldName; from: number; to: number } | { where: 'body'; index: number };

interface FindBarProps {
  editor: Editor;
  fields: React.RefObject<ArticleFieldsHandle | null>;
  /** Open with the replace row showing (Ctrl/Cmd+H). */
  replaceOpen: boolean;
  /** Bumped each time find is asked for again while open, to focus and select the query. */
  focusSeq: number;
  onClose: () => void;
}

/**
 * Find and replace across the headline, Content Highlight, byline and body. Body matches are
 * highlighted by the FindReplace plugin; field matches are selected in their field. Enter finds
 * the next match, Shift+Enter the previous one, Escape closes.
 */
export function FindBar({ editor, fields, replaceOpen, focusSeq, onClose }: FindBarProps): React.JSX.Element {
  const id = useId();
  const input = useRef<HTMLInputElement>(null);
  const [text, setText] = useState('');
  const [caseSensitive, setCaseSensitive] = useState(false);
  const [wholeWord, setWholeWord] = useState(false);
  const [showReplace, setShowReplace] = useState(replaceOpen);
  const [replacement, setReplacement] = useState('');
  const [current, setCurrent] = useState(-1);
  const [fieldsSeq, setFieldsSeq] = useState(0);
  const [pending, setPending] = useState<number | null>(null);

  const query: FindQuery = useMemo(
    () => ({ text, caseSensitive, wholeWord }),
    [text, caseSensitive, wholeWord],
  );

  useEffect(() => {
    if (replaceOpen) setShowReplace(true);
    input.current?.focus();
    input.current?.select();
  }, [focusSeq, replaceOpen]);

  useEffect(() => {
    editor.commands.setFindQuery(query);
    setCurrent(-1);
  }, [editor, query]);

  useEffect(
    () => () => {
      editor.commands.setFindQuery({ text: '', caseSensitive: false, wholeWord: false });
      fields.current?.selectRange('headline', 0, 0);
    },
    [editor, fields],
  );

  const bodyCount = useEditorState({
    editor,
    selector: ({ editor: e }) => findState(e.state)?.matches.length ?? 0,
  });

  const matches: Match[] = useMemo(() => {
    void fieldsSeq;
    const re = findRegExp(query);
    const values = fields.current?.getValues();
    const out: Match[] = [];
    if (values) {
      for (const f of FIELDS) {
        for (const m of findInText(values[f.name], re)) out.push({ where: 'field', field: f.name, ...m });
      }
    }
    for (let i = 0; i < bodyCount; i++) out.push({ where: 'body', index: i });
    return out;
  }, [query, bodyCount, fields, fieldsSeq]);

  const show = (index: number): void => {
    const m = matches[index];
    setCurrent(index);
    if (!m) return;
    if (m.where === 'body') {
      fields.current?.selectRange('headline', 0, 0);
      editor.commands.selectFindMatch(m.index);
    } else {
      editor.commands.selectFindMatch(-1);
      fields.current?.selectRange(m.field, m.from, m.to);
    }
  };

  const step = (by: number): void => {
    if (matches.length === 0) return;
    const next =
      current < 0 ? (by > 0 ? 0 : matches.length - 1) : (current + by + matches.length) % matches.length;
    show(next);
  };

  const replaceOne = (): void => {
    if (current < 0) return step(1);
    const m = matches[current];
    if (!m) return;
    if (m.where === 'field') {
      const value = fields.current!.getValues()[m.field];
      fields.current!.setValue(m.field, value.slice(0, m.from) + replacement + value.slice(m.to));
      setFieldsSeq((n) => n + 1);
    } else {
      editor.commands.replaceFindMatch(replacement);
      setFieldsSeq((n) => n + 1);
    }
    // Once the matches are recounted, the next match has this one's index.
    setPending(current);
  };

  useEffect(() => {
    if (pending === null) return;
    setPending(null);
    if (matches.length > 0) show(Math.min(pending, matches.length - 1));
    else setCurrent(-1);
    // eslint-disable-next-line react-hooks/exhaustive-deps -- runs once per recount after a replace
  }, [matches]);

  const replaceAll = (): void => {
    const re = findRegExp(query);
    const handle = fields.current;
    if (!re || !handle) return;
    const values = handle.getValues();
    for (const f of FIELDS) {
      const found = findInText(values[f.name], re);
      if (found.length === 0) continue;
      let out = values[f.name];
      for (let i = found.length - 1; i >= 0; i--)
        out = out.slice(0, found[i]!.from) + replacement + out.slice(found[i]!.to);
      handle.setValue(f.name, out);
    }
    editor.commands.replaceAllFindMatches(replacement);
    setFieldsSeq((n) => n + 1);
    setCurrent(-1);
  };

  const onKeyDown = (e: React.KeyboardEvent): void => {
    if (e.key === 'Escape') {
      e.preventDefault();
      onClose();
    } else if (e.key === 'Enter' && (e.target as HTMLElement).tagName === 'INPUT') {
      e.preventDefault();
      if ((e.target as HTMLElement).dataset.role === 'replace') replaceOne();
      else step(e.shiftKey ? -1 : 1);
    }
  };

  const m = current >= 0 ? matches[current] : undefined;
  const where = m
    ? m.where === 'body'
      ? 'in the body'
      : `in the ${FIELDS.find((f) => f.name === m.field)!.label}`
    : '';
  const status =
    text === ''
      ? ''
      : matches.length === 0
        ? 'No matches'
        : current >= 0
          ? `${current + 1} of ${matches.length} ${where}`
          : `${matches.length} ${matches.length === 1 ? 'match' : 'matches'}`;

  return (
    <div className="find-bar" role="search" aria-label="Find and replace" onKeyDown={onKeyDown}>
      <div className="find-row">
        <label htmlFor={`${id}-find`} className="visually-hidden">
          Find
        </label>
        <input
          id={`${id}-find`}
          ref={input}
          className="text-input find-input"
          type="search"
          placeholder="Find in article"
          autoComplete="off"
          spellCheck={false}
          value={text}
          onChange={(e) => setText(e.target.value)}
        />
        <span className="find-count" role="status" aria-live="polite" data-testid="find-count">
          {status}
        </span>
        <label className="find-option">
          <input
            type="checkbox"
            checked={caseSensitive}
            onChange={(e) => setCaseSensitive(e.target.checked)}
          />
          Match case
        </label>
        <label className="find-option">
          <input type="checkbox" checked={wholeWord} onChange={(e) => setWholeWord(e.target.checked)} />
          Whole word
        </label>
        <button
          type="button"
          className="button button-quiet button-small"
          onClick={() => step(-1)}
          disabled={matches.length === 0}
        >
          Previous
        </button>
        <button
          type="button"
          className="button button-quiet button-small"
          onClick={() => step(1)}
          disabled={matches.length === 0}
        >
          Next
        </button>
        <button
          type="button"
          className="button button-quiet button-small"
          aria-expanded={showReplace}
          onClick={() => setShowReplace((v) => !v)}
        >
          Replace…
        </button>
        <button
          type="button"
          className="button button-quiet button-small"
          onClick={onClose}
          aria-label="Close find"
        >
          ✕
        </button>
      </div>
      {showReplace && (
        <div className="find-row">
          <label htmlFor={`${id}-replace`} className="visually-hidden">
            Replace with
          </label>
          <input
            id={`${id}-replace`}
            className="text-input find-input"
            type="text"
            placeholder="Replace with"
            autoComplete="off"
            spellCheck={false}
            data-role="replace"
            value={replacement}
            onChange={(e) => setReplacement(e.target.value)}
          />
          <button
            type="button"
            className="button button-small"
            onClick={replaceOne}
            disabled={matches.length === 0}
          >
            Replace
          </button>
          <button
            type="button"
            className="button button-small"
            onClick={replaceAll}
            disabled={matches.length === 0}
          >
            Replace all
          </button>
        </div>
      )}
    </div>
  );
}
