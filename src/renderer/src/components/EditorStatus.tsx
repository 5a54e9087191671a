import type React from 'react';
import { useEffect, useState, useSyncExternalStore } from 'react';
import type { Editor } from '@tiptap/react';
import type { Node as PMNode } from '@tiptap/pm/model';
import { countWords, readingMinutes } from '../../../shared/text';
import type { AutoSaver, SaveState } from '../autosave';
import { clockTime, fullTime } from '../../../shared/time';
import { afterPaint } from '../afterPaint';
import { AlertIcon, CheckIcon } from './Icons';

/** After typing pauses this long, the counts are redone (at once below 20,000 positions). */
const COUNT_PAUSE_MS = 150;
/** Above this document size (ProseMirror positions ≈ characters) the recount also waits for idle time. */
const COUNT_AT_ONCE_BELOW = 20_000;
/** For bigger documents, count only after typing pauses for this long. */
const COUNT_DELAY_MS = 350;

interface Counts {
  words: number;
  characters: number;
}

function count(doc: PMNode): Counts {
  // Blocks are separated like `bodyText` separates them, so the count here matches the
  // library's and the CLI's for the same article.
  const text = doc.textBetween(0, doc.content.size, '\n\n', '\n');
  // Characters as people count them: a surrogate pair (an emoji, a rare CJK character) is one.
  const chars = doc.textContent;
  return { words: countWords(text), characters: chars.length - (chars.match(SURROGATE_PAIR)?.length ?? 0) };
}

const SURROGATE_PAIR = /[\uD800-\uDBFF][\uDC00-\uDFFF]/g;

let numbers: Intl.NumberFormat | undefined;
/** The user's number format, made once (see shared/time.ts on what making one costs). */
function numberFormat(): Intl.NumberFormat {
  return (numbers ??= new Intl.NumberFormat());
}

/**
 * Words, characters and reading time, redone when typing pauses. Not on every keystroke: any
 * React commit while the body has the focus costs time in proportion to the document, because
 * React saves the focused element's selection by walking its text (getSelectionInformation), so
 * a counter re-rendered per keystroke made typing in a 20,000-word story twice as slow as bare
 * ProseMirror (see bench/editor.ts).
 */
export function EditorCounts({
  editor,
  wordsPerMinute,
}: {
  editor: Editor;
  wordsPerMinute: number;
}): React.JSX.Element {
  // A long story is counted once it is on screen (8 ms at 60,000 words, which opening it waited
  // for); until then the line is empty.
  const [counts, setCounts] = useState<Counts | null>(() =>
    editor.state.doc.content.size < COUNT_AT_ONCE_BELOW ? count(editor.state.doc) : null,
  );
  useEffect(() => {
    if (editor.state.doc.content.size < COUNT_AT_ONCE_BELOW) return undefined;
    return afterPaint(() => setCounts((prev) => prev ?? count(editor.state.doc)));
  }, [editor]);

  useEffect(() => {
    let timer: ReturnType<typeof setTimeout> | null = null;
    let idle: number | null = null;
    const cancel = (): void => {
      if (timer !== null) clearTimeout(timer);
      if (idle !== null) cancelIdleCallback(idle);
      timer = idle = null;
    };
    const recount = (): void => {
      const doc = editor.state.doc;
      setCounts((prev) => {
        const next = count(doc);
        return prev && next.words === prev.words && next.characters === prev.characters ? prev : next;
      });
    };
    const onUpdate = ({ transaction }: { transaction: { docChanged: boolean } }): void => {
      if (!transaction.docChanged) return;
      cancel();
      if (editor.state.doc.content.size < COUNT_AT_ONCE_BELOW) {
        timer = setTimeout(recount, COUNT_PAUSE_MS);
      } else {
        timer = setTimeout(() => {
          idle = requestIdleCallback(recount, { timeout: 1_000 });
        }, COUNT_DELAY_MS);
      }
    };
    editor.on('update', onUpdate);
    return () => {
      editor.off('update', onUpdate);
      cancel();
    };
  }, [editor]);

  if (!counts) return <p className="counts" aria-label="Body length" />;
  const minutes = readingMinutes(counts.words, wordsPerMinute);
  const nf = numberFormat();
  return (
    <p className="counts" aria-label="Body length">
      <span data-testid="word-count">
        {nf.format(counts.words)} {counts.words === 1 ? 'word' : 'words'}
      </span>
      <span aria-hidden="true" className="sep">
        ·
      </span>
      <span>
        {nf.format(counts.characters)} {counts.characters === 1 ? 'character' : 'characters'}
      </span>
      <span aria-hidden="true" className="sep">
        ·
      </span>
      <span>{minutes === 0 ? 'no reading time' : `${minutes} min read`}</span>
    </p>
  );
}

/** "Saving…", "Saved", "Unsaved changes": a polite live region that only changes on transitions. */
export function SaveStatus({ saver }: { saver: AutoSaver }): React.JSX.Element {
  const state = useSyncExternalStore(saver.subscribe, saver.getState);
  let text: string;
  let cls = 'save-status';
  let title: string | undefined;
  switch (state.kind) {
    case 'saved':
      text = 'Saved';
      cls += ' save-saved';
      title = state.at ? `Saved at ${clockTime(state.at)} · ${fullTime(state.at)}` : 'Saved in the library';
      break;
    case 'dirty':
      text = 'Unsaved changes';
      cls += ' save-dirty';
      break;
    case 'saving':
      text = 'Saving…';
      cls += ' save-saving';
      break;
    case 'error':
      text = 'Not saved';
      cls += ' save-error';
      break;
  }
  return (
    <span className={cls} role="status" title={title} data-testid="save-status">
      {state.kind === 'saved' && <CheckIcon size={15} />}
      {state.kind === 'error' && <AlertIcon size={15} />}
      <span>{text}</span>
    </span>
  );
}

const NO_ERROR = { kind: 'saved', at: null } as const satisfies SaveState;

/** The save error, where the user is looking: a banner above the status line until a save succeeds. */
export function SaveErrorBanner({ saver }: { saver: AutoSaver }): React.JSX.Element | null {
  // Re-renders only when the error changes: "Unsaved changes" → "Saving…" → "Saved" while the
  // body is typed in re-renders the status line alone.
  const state = useSyncExternalStore(saver.subscribe, () => {
    const s = saver.getState();
    return s.kind === 'error' ? s : NO_ERROR;
  });
  const [now, setNow] = useState(() => Date.now());
  const retryAt = state.kind === 'error' ? state.retryAt : null;

  useEffect(() => {
    if (retryAt === null) return;
    const t = setInterval(() => setNow(Date.now()), 1_000);
    return () => clearInterval(t);
  }, [retryAt]);

  if (state.kind !== 'error') return null;
  const seconds = retryAt === null ? null : Math.max(0, Math.ceil((retryAt - now) / 1_000));
  return (
    <div className="save-error-banner" role="alert">
      <AlertIcon size={20} />
      <div className="save-error-text">
        <strong>Your latest changes are not saved yet.</strong> <span>{state.message}</span>
        <span className="save-error-hint">
          {' '}
          The text stays here in the editor
          {seconds === null ? '.' : seconds > 0 ? `; trying again in ${seconds} s.` : '; trying again now.'}
        </span>
      </div>
      <button
        type="button"
        className="button button-small"
        onClick={() => {
          saver.flush('explicit').catch(() => {});
        }}
      >
        Try again
      </button>
    </div>
  );
}
