import type React from 'react';
import { useLayoutEffect, useRef, useState, useSyncExternalStore } from 'react';
import type { Editor } from '@tiptap/react';
import { redoDepth, undoDepth } from '@tiptap/pm/history';
import type { Transaction } from '@tiptap/pm/state';
import { ReplaceStep } from '@tiptap/pm/transform';
import { ariaShortcut, shortcutLabel } from '../platform';
import type { ShortcutId } from '../../../shared/shortcuts';
import {
  BulletListIcon,
  LinkIcon,
  OrderedListIcon,
  PictureIcon,
  QuoteIcon,
  RedoIcon,
  RuleIcon,
  UndoIcon,
} from './Icons';

interface ToolbarProps {
  editor: Editor;
  onRequestLink: () => void;
  /** Opens the file dialog for a picture; absent when pictures cannot be inserted. */
  onInsertImage?: () => void;
  /** Opens find (and replace). */
  onFind?: () => void;
  /** Starts a comment on the selection (the comments panel opens). */
  onComment?: () => void;
  /** Turns the selection, or what is typed next, into a note. */
  onNote?: () => void;
}

interface Tool {
  key: string;
  label: string;
  /** Its entry in the shared shortcut table, which the tooltip and aria-keyshortcuts are written from. */
  shortcut?: ShortcutId;
  content: React.ReactNode;
  /** Toggle buttons report their state with aria-pressed; undo/redo/rule are plain buttons. */
  pressed?: boolean;
  disabled?: boolean;
  /** Undo and redo: enabled and disabled straight in the DOM as the history changes (see useHistoryButtons). */
  history?: 'undo' | 'redo';
  run: () => void;
  /** Visual gap before this button, grouping related tools. */
  groupStart?: boolean;
}

/**
 * A symbol drawn by CSS (`content: attr(data-glyph)`): a button's visible text must be part of
 * its accessible name, and "x²" is not part of "Superscript".
 */
function Glyph({ text }: { text: string }): React.JSX.Element {
  return <span className="tool-text tool-glyph" data-glyph={text} />;
}

/** What the toolbar shows: which formats are on at the selection, and whether undo/redo can run. */
interface ToolbarState {
  paragraph: boolean;
  h2: boolean;
  h3: boolean;
  bold: boolean;
  italic: boolean;
  link: boolean;
  bulletList: boolean;
  orderedList: boolean;
  blockquote: boolean;
  pullQuote: boolean;
  superscript: boolean;
  subscript: boolean;
  inTable: boolean;
  headerRow: boolean;
  note: boolean;
}

function readToolbarState(e: Editor): ToolbarState {
  const inList = e.isActive('bulletList');
  const inOrdered = e.isActive('orderedList');
  return {
    paragraph: e.isActive('paragraph') && !inList && !inOrdered,
    h2: e.isActive('heading', { level: 2 }),
    h3: e.isActive('heading', { level: 3 }),
    bold: e.isActive('bold'),
    italic: e.isActive('italic'),
    link: e.isActive('link'),
    bulletList: inList,
    orderedList: inOrdered,
    blockquote: e.isActive('blockquote'),
    pullQuote: e.isActive('pullQuote'),
    superscript: e.isActive('superscript'),
    subscript: e.isActive('subscript'),
    inTable: e.isActive('table'),
    headerRow: e.isActive('tableHeader'),
    note: e.isActive('note'),
  };
}

function sameState(a: ToolbarState, b: ToolbarState): boolean {
  for (const k of Object.keys(a) as (keyof ToolbarState)[]) if (a[k] !== b[k]) return false;
  return true;
}

/**
 * Whether a transaction looks like a keystroke of typing: text put in or taken out inside a
 * block, leaving a caret, not an undo or redo. Commands (a heading, a list, undo, Enter) update
 * the toolbar at once.
 */
function isTyping(tr: Transaction): boolean {
  if (!tr.docChanged || !tr.selection.empty || tr.getMeta('history$') !== undefined) return false;
  return tr.steps.every(
    (step) =>
      step instanceof ReplaceStep &&
      step.slice.openStart === 0 &&
      step.slice.openEnd === 0 &&
      step.slice.content.childCount <= 1 &&
      (step.slice.content.firstChild?.isText ?? true),
  );
}

/** While typing, the toolbar is brought up to date this long after the last keystroke. */
const TYPING_SETTLE_MS = 120;

/**
 * The toolbar's state as an external store. A move of the selection or a change of the stored
 * marks (Mod-B with nothing selected) updates it at once; typing updates it once typing settles,
 * so a keystroke costs no toolbar work, and the toolbar re-renders only when a flag changed
 * (the same object is returned otherwise, so React bails out).
 */
function useToolbarState(editor: Editor): ToolbarState {
  const store = useRef<{
    editor: Editor;
    state: ToolbarState;
    subscribe: (l: () => void) => () => void;
  } | null>(null);
  if (!store.current || store.current.editor !== editor) {
    const st = {
      editor,
      state: readToolbarState(editor),
      subscribe: (listener: () => void): (() => void) => {
        let timer: ReturnType<typeof setTimeout> | null = null;
        const refresh = (): void => {
          timer = null;
          if (editor.isDestroyed) return;
          const next = readToolbarState(editor);
          if (sameState(next, st.state)) return;
          st.state = next;
          listener();
        };
        const onTransaction = ({ transaction }: { transaction: Transaction }): void => {
          if (timer) clearTimeout(timer);
          if (isTyping(transaction)) timer = setTimeout(refresh, TYPING_SETTLE_MS);
          else refresh();
        };
        editor.on('transaction', onTransaction);
        return () => {
          editor.off('transaction', onTransaction);
          if (timer) clearTimeout(timer);
        };
      },
    };
    store.current = st;
  }
  const st = store.current;
  return useSyncExternalStore(st.subscribe, () => st.state);
}

/**
 * Undo and redo follow the history on every transaction, without a React render: the first
 * keystroke after opening an article enables Undo, and re-rendering the toolbar for that would be
 * a commit of the editor shell while typing (issue 4 counts them: none is the goal). The
 * history's depth is read, not `editor.can().undo()`, which builds and runs a command chain.
 * When the button holding the toolbar's tab stop becomes disabled, the tab stop moves to the first
 * button (a render, but only then).
 */
function useHistoryButtons(
  editor: Editor,
  tools: Tool[],
  buttons: React.RefObject<(HTMLButtonElement | null)[]>,
  current: number,
  setCurrent: (i: number) => void,
): void {
  const undoAt = tools.findIndex((t) => t.history === 'undo');
  const redoAt = tools.findIndex((t) => t.history === 'redo');
  useLayoutEffect(() => {
    const update = (): void => {
      if (editor.isDestroyed) return;
      for (const [at, depth] of [
        [undoAt, undoDepth(editor.state)],
        [redoAt, redoDepth(editor.state)],
      ] as const) {
        const button = buttons.current[at];
        if (!button) continue;
        const disabled = depth === 0;
        if (button.disabled === disabled) continue;
        button.disabled = disabled;
        if (disabled && at === current) setCurrent(0);
      }
    };
    update();
    editor.on('transaction', update);
    return () => {
      editor.off('transaction', update);
    };
  }, [editor, buttons, undoAt, redoAt, current, setCurrent]);
}

/**
 * The formatting toolbar. Only this component re-renders when the selection's formatting
 * changes (see useToolbarState).
 * One tab stop for the whole toolbar, arrows move inside it (the WAI-ARIA toolbar pattern), so
 * Tab from the dateline reaches the toolbar and the next Tab reaches the body.
 */
export function EditorToolbar({
  editor,
  onRequestLink,
  onInsertImage,
  onFind,
  onComment,
  onNote,
}: ToolbarProps): React.JSX.Element {
  const s = useToolbarState(editor);

  const chain = () => editor.chain().focus();
  const tools: Tool[] = [
    {
      key: 'paragraph',
      label: 'Paragraph',
      shortcut: 'paragraph',
      content: <span className="tool-text">¶</span>,
      pressed: s.paragraph,
      run: () => chain().setParagraph().run(),
    },
    {
      key: 'h2',
      label: 'H2 subheading',
      shortcut: 'heading2',
      content: <span className="tool-text">H2</span>,
      pressed: s.h2,
      run: () => chain().toggleHeading({ level: 2 }).run(),
    },
    {
      key: 'h3',
      label: 'H3 subheading',
      shortcut: 'heading3',
      content: <span className="tool-text">H3</span>,
      pressed: s.h3,
      run: () => chain().toggleHeading({ level: 3 }).run(),
    },
    {
      key: 'bold',
      label: 'Bold',
      shortcut: 'bold',
      content: <span className="tool-text tool-bold">B</span>,
      pressed: s.bold,
      run: () => chain().toggleBold().run(),
      groupStart: true,
    },
    {
      key: 'italic',
      label: 'Italic',
      shortcut: 'italic',
      content: <span className="tool-text tool-italic">I</span>,
      pressed: s.italic,
      run: () => chain().toggleItalic().run(),
    },
    {
      key: 'superscript',
      label: 'Superscript',
      shortcut: 'superscript',
      content: <Glyph text="x²" />,
      pressed: s.superscript,
      run: () => chain().toggleSuperscript().run(),
    },
    {
      key: 'subscript',
      label: 'Subscript',
      shortcut: 'subscript',
      content: <Glyph text="x₂" />,
      pressed: s.subscript,
      run: () => chain().toggleSubscript().run(),
    },
    {
      key: 'link',
      label: 'Link',
      shortcut: 'link',
      content: <LinkIcon />,
      pressed: s.link,
      run: onRequestLink,
    },
    {
      key: 'bulletList',
      label: 'Bulleted list',
      shortcut: 'bulletList',
      content: <BulletListIcon />,
      pressed: s.bulletList,
      run: () => chain().toggleBulletList().run(),
      groupStart: true,
    },
    {
      key: 'orderedList',
      label: 'Numbered list',
      shortcut: 'orderedList',
      content: <OrderedListIcon />,
      pressed: s.orderedList,
      run: () => chain().toggleOrderedList().run(),
    },
    {
      key: 'blockquote',
      label: 'Block quote',
      shortcut: 'blockquote',
      content: <QuoteIcon />,
      pressed: s.blockquote,
      run: () => chain().toggleBlockquote().run(),
    },
    {
      key: 'pullQuote',
      label: 'Pull quote',
      shortcut: 'pullQuote',
      content: <span className="tool-text tool-pull">❝</span>,
      pressed: s.pullQuote,
      run: () => chain().togglePullQuote().run(),
    },
    {
      key: 'rule',
      label: 'Horizontal rule',
      content: <RuleIcon />,
      run: () => chain().setHorizontalRule().run(),
    },
    {
      key: 'hardBreak',
      label: 'Line break',
      shortcut: 'lineBreak',
      content: <span className="tool-text">↵</span>,
      run: () => chain().setHardBreak().run(),
    },
    {
      key: 'clear',
      label: 'Clear formatting',
      shortcut: 'clearFormatting',
      content: <Glyph text="T̸" />,
      run: () => chain().unsetAllMarks().clearNodes().run(),
    },
    ...(onInsertImage
      ? [
          {
            key: 'image',
            label: 'Insert picture…',
            // An emoji would depend on the system having a colour-emoji font (Linux often does not).
            content: <PictureIcon />,
            run: onInsertImage,
            groupStart: true,
          } satisfies Tool,
        ]
      : []),
    {
      key: 'table',
      label: 'Insert table',
      content: <span className="tool-text">▦</span>,
      disabled: s.inTable,
      run: () => chain().insertTable({ rows: 3, cols: 3, withHeaderRow: true }).run(),
      groupStart: !onInsertImage,
    },
    ...(s.inTable
      ? ([
          {
            key: 'rowAfter',
            label: 'Add row below',
            content: <span className="tool-text tool-words">Add row below</span>,
            run: () => chain().addRowAfter().run(),
            groupStart: true,
          },
          {
            key: 'rowDelete',
            label: 'Delete row',
            content: <span className="tool-text tool-words">Delete row</span>,
            run: () => chain().deleteRow().run(),
          },
          {
            key: 'colAfter',
            label: 'Add column right',
            content: <span className="tool-text tool-words">Add column right</span>,
            run: () => chain().addColumnAfter().run(),
          },
          {
            key: 'colDelete',
            label: 'Delete column',
            content: <span className="tool-text tool-words">Delete column</span>,
            run: () => chain().deleteColumn().run(),
          },
          {
            key: 'headerRow',
            label: 'Header row',
            content: <span className="tool-text tool-words">Header row</span>,
            pressed: s.headerRow,
            run: () => chain().toggleHeaderRow().run(),
          },
          {
            key: 'tableDelete',
            label: 'Delete table',
            content: <span className="tool-text tool-words">Delete table</span>,
            run: () => chain().deleteTable().run(),
          },
        ] satisfies Tool[])
      : []),
    {
      key: 'undo',
      label: 'Undo',
      shortcut: 'undo',
      content: <UndoIcon />,
      history: 'undo',
      run: () => chain().undo().run(),
      groupStart: true,
    },
    {
      key: 'redo',
      label: 'Redo',
      shortcut: 'redo',
      content: <RedoIcon />,
      history: 'redo',
      run: () => chain().redo().run(),
    },
    ...(onFind
      ? [
          {
            key: 'find',
            label: 'Find and replace',
            shortcut: 'find',
            content: <span className="tool-text">⌕</span>,
            run: onFind,
            groupStart: true,
          } satisfies Tool,
        ]
      : []),
    ...(onComment
      ? [
          {
            key: 'comment',
            label: 'Comment',
            shortcut: 'addComment',
            content: <span className="tool-text tool-words">Comment</span>,
            run: onComment,
            groupStart: true,
          } satisfies Tool,
        ]
      : []),
    ...(onNote
      ? [
          {
            key: 'note',
            label: 'Note',
            shortcut: 'toggleNote',
            content: <span className="tool-text tool-words">Note</span>,
            pressed: s.note,
            run: onNote,
          } satisfies Tool,
        ]
      : []),
  ];

  const [current, setCurrent] = useState(0);
  const buttons = useRef<(HTMLButtonElement | null)[]>([]);
  const isDisabled = (i: number): boolean => Boolean(tools[i]?.disabled || buttons.current[i]?.disabled);
  // The tab stop must land on an enabled button, even after undo/redo becomes disabled.
  const tabStop = tools[current] && !isDisabled(current) ? current : 0;
  useHistoryButtons(editor, tools, buttons, current, setCurrent);

  const move = (from: number, step: number): void => {
    for (let i = 1; i <= tools.length; i++) {
      const next = (from + step * i + tools.length) % tools.length;
      if (!isDisabled(next)) {
        setCurrent(next);
        buttons.current[next]?.focus();
        return;
      }
    }
  };

  const onKeyDown = (e: React.KeyboardEvent<HTMLDivElement>): void => {
    const from = buttons.current.findIndex((b) => b === document.activeElement);
    if (from < 0) return;
    if (e.key === 'ArrowRight') move(from, 1);
    else if (e.key === 'ArrowLeft') move(from, -1);
    else if (e.key === 'Home') move(-1, 1);
    else if (e.key === 'End') move(tools.length, -1);
    else return;
    e.preventDefault();
  };

  return (
    <div className="toolbar" role="toolbar" aria-label="Formatting" onKeyDown={onKeyDown}>
      {tools.map((t, i) => {
        const hint = t.shortcut ? `${t.label} (${shortcutLabel(t.shortcut)})` : t.label;
        return (
          <button
            key={t.key}
            ref={(el) => {
              buttons.current[i] = el;
            }}
            type="button"
            className={`tool${t.groupStart ? ' tool-group-start' : ''}`}
            aria-label={t.label}
            aria-pressed={t.pressed === undefined ? undefined : t.pressed}
            aria-keyshortcuts={t.shortcut ? ariaShortcut(t.shortcut) : undefined}
            title={hint}
            disabled={t.disabled}
            tabIndex={i === tabStop ? 0 : -1}
            // Keep the body's selection: a mouse press on a button would otherwise move focus
            // out of the editor before the command runs.
            onMouseDown={(e) => e.preventDefault()}
            onFocus={() => setCurrent(i)}
            onClick={t.run}
          >
            {t.content}
          </button>
        );
      })}
    </div>
  );
}
