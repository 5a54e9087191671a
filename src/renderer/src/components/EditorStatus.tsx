import type React from 'react';
import { useEffect, useState, useSyncExternalStore } from 'react';
import { useEditorState, type Editor } from '@tiptap/react';
import type { Node as PMNode } from '@tiptap/pm/model';
import { countWords, readingMinutes } from '../../../shared/text';
import type { AutoSaver } from '../autosave';
import { clockTime, fullTime } from '../time';
import { AlertIcon, CheckIcon } from './Icons';

/** Below this document size (ProseMirror positions ≈ characters) counting is instant enough to do at once. */
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
  let characters = 0;
  for (const _ of doc.textContent) characters++;
  return { words: countWords(text), characters };
}

/**
 * Words, characters and reading time. Subscribes to the document only; on a big document the
 * recount waits for a pause in typing (and idle time) instead of running on every keystroke.
 */
export function EditorCounts({
  editor,
  wordsPerMinute,
}: {
  editor: Editor;
  wordsPerMinute: number;
}): React.JSX.Element {
  // Identity, not deep equality: comparing two big documents would cost more than counting them.
  const doc = useEditorState({
    editor,
    selector: ({ editor: e }) => e.state.doc,
    equalityFn: (a, b) => a === b,
  });
  const [counts, setCounts] = useState<Counts>(() => count(doc));

  useEffect(() => {
    if (doc.content.size < COUNT_AT_ONCE_BELOW) {
      setCounts(count(doc));
      return;
    }
    let idle: number | null = null;
    const timer = setTimeout(() => {
      idle = requestIdleCallback(() => setCounts(count(doc)), { timeout: 1_000 });
    }, COUNT_DELAY_MS);
    return () => {
      clearTimeout(timer);
      if (idle !== null) cancelIdleCallback(idle);
    };
  }, [doc]);

  const minutes = readingMinutes(counts.words, wordsPerMinute);
  const nf = new Intl.NumberFormat();
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

/** The save error, where the user is looking: a banner above the status line until a save succeeds. */
export function SaveErrorBanner({ saver }: { saver: AutoSaver }): React.JSX.Element | null {
  const state = useSyncExternalStore(saver.subscribe, saver.getState);
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
