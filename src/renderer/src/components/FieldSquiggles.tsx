import type React from 'react';
import { useEffect, useLayoutEffect, useReducer, useRef, useSyncExternalStore } from 'react';
import type { CheckedField, Finding } from '../../../checks/types';
import type { CommentThread } from '../../../shared/article';
import {
  commentMarks,
  findingMarks,
  segmentClass,
  segmentField,
  type FieldComment,
  type FieldMark,
} from '../../../shared/editor/fieldMarks';
import { fieldInput } from '../checks/checkSession';
import { useActiveCheckSession, useCheckSessionValue } from '../checks/useCheckSession';
import {
  activeCommentSession,
  subscribeActiveCommentSession,
  type CommentDraft,
  type CommentSession,
} from '../editor/commentSession';
import { activeSuggestionSession, subscribeActiveSuggestionSession } from '../editor/suggestionSession';

type TextField = Exclude<CheckedField, 'body'>;
const FIELDS: TextField[] = ['headline', 'contentHighlight', 'byline', 'dateline'];

/** The input styles a mirror must copy so its text wraps exactly like the field's. */
const MIRRORED = [
  'fontFamily',
  'fontSize',
  'fontWeight',
  'fontStyle',
  'letterSpacing',
  'lineHeight',
  'paddingTop',
  'paddingRight',
  'paddingBottom',
  'paddingLeft',
  'borderTopWidth',
  'borderRightWidth',
  'borderBottomWidth',
  'borderLeftWidth',
  'textIndent',
  'wordSpacing',
  'tabSize',
] as const;

/**
 * Underlines findings and highlights comments in the headline, Content Highlight, byline and
 * dateline. Those are plain inputs, which cannot style part of their text, so a transparent
 * mirror of each one lies over it (ignoring the pointer) with the findings underlined and the
 * open comment threads (and the comment being written) tinted as in the body. A right-click in a
 * field on an underlined word opens the same suggestions menu as in the body.
 *
 * Nothing here runs while the body is typed in: it re-renders only when the fields' findings or
 * comments change or a field is typed in, and it measures the fields (a layout) after rendering,
 * on scroll and resize, writing the mirrors' position straight into their style, never during a
 * render: measuring in render forced a layout of the whole sheet on every check result.
 */
export function FieldSquiggles(): React.JSX.Element | null {
  const session = useActiveCheckSession();
  const findings = useCheckSessionValue(session, (s) => s.getFieldFindings(), NONE);
  const comments = useFieldComments();
  const findingsOf = new Map<TextField, Finding[]>();
  for (const f of findings) {
    if (f.field === 'body') continue;
    findingsOf.set(f.field, [...(findingsOf.get(f.field) ?? []), f]);
  }
  const commented = new Set<string>(comments.list.map((c) => c.anchor));
  const marked = FIELDS.filter((f) => findingsOf.has(f) || commented.has(f));
  const [, rerender] = useReducer((n: number) => n + 1, 0);
  const showing = marked.length > 0;
  // Suggesting mode shows your suggestion in a field instead of its value: switching it, or a
  // field's suggestion changing, redraws the mirrors (a keystroke in the body does not).
  const suggestions = useSyncExternalStore(subscribeActiveSuggestionSession, activeSuggestionSession);
  useSyncExternalStore(suggestions?.subscribe ?? noop, suggestions?.getFieldVersion ?? zero);

  // The fields' own typing changes their text (scrolling and resizing only move the mirrors).
  // Heard as it bubbles, after React's own handler: in suggesting mode React has by then put the
  // field's value back (what was typed became a suggestion), and the mirror must copy that value.
  useEffect(() => {
    if (!showing) return;
    const onInput = (e: Event): void => {
      const t = e.target;
      if ((t instanceof HTMLInputElement || t instanceof HTMLTextAreaElement) && t.closest('.sheet'))
        rerender();
    };
    document.addEventListener('input', onInput);
    return () => document.removeEventListener('input', onInput);
  }, [showing]);

  // Right-click on an underlined word in a field: the caret is where the user clicked.
  useEffect(() => {
    if (!session) return;
    const onContextMenu = (e: MouseEvent): void => {
      const el = e.target as HTMLElement | null;
      if (!(el instanceof HTMLInputElement || el instanceof HTMLTextAreaElement)) return;
      const field = FIELDS.find((f) => fieldInput(f) === el);
      if (!field) return;
      const at = el.selectionStart ?? -1;
      const hit = session
        .getFieldFindings()
        .find((f) => f.field === field && f.position.from <= at && at <= f.position.to);
      if (!hit) return;
      e.preventDefault();
      session.showMenu(hit.id, e.clientX, e.clientY);
    };
    document.addEventListener('contextmenu', onContextMenu);
    return () => document.removeEventListener('contextmenu', onContextMenu);
  }, [session]);

  // A click on commented words in a field makes their thread active, as in the body. The field
  // is a plain input under a mirror that ignores the pointer: the caret the click left is where.
  const hasComments = comments.list.length > 0;
  useEffect(() => {
    if (!hasComments) return;
    const onClick = (e: MouseEvent): void => {
      const el = e.target;
      if (!(el instanceof HTMLInputElement || el instanceof HTMLTextAreaElement)) return;
      const field = FIELDS.find((f) => fieldInput(f) === el);
      const s = activeCommentSession();
      if (!field || !s || el.selectionStart !== el.selectionEnd) return;
      const at = el.selectionStart ?? -1;
      const shown = fieldCommentsOf(s);
      s.activateAmong(
        commentMarks(field, el.value, shown.list, shown.valueOf(field) ?? el.value)
          .filter((m) => m.from <= at && at <= m.to)
          .map((m) => m.id),
      );
    };
    document.addEventListener('click', onClick);
    return () => document.removeEventListener('click', onClick);
  }, [hasComments]);

  if (!showing) return null;
  return (
    <>
      {marked.map((field) => (
        <FieldMirror key={field} field={field} findings={findingsOf.get(field) ?? NONE} comments={comments} />
      ))}
    </>
  );
}

const NONE: Finding[] = [];

/** The comments on the fields: open threads and the draft, with the active one among them. */
interface FieldComments {
  list: readonly FieldComment[];
  active: string | null;
  /** The field's value that the ranges count in (not what it shows in suggesting mode). */
  valueOf: (field: TextField) => string | undefined;
}

const NO_COMMENTS: FieldComments = { list: [], active: null, valueOf: () => undefined };
const noop = (): (() => void) => () => {};
const zero = (): number => 0;

/** What each session's fields show, kept while its threads, draft and active thread stay the same. */
const commentsShown = new WeakMap<
  CommentSession,
  {
    threads: readonly CommentThread[];
    draft: CommentDraft | null;
    active: string | null;
    value: FieldComments;
  }
>();

function fieldCommentsOf(s: CommentSession): FieldComments {
  const { threads, draft } = s;
  const active = draft?.id ?? s.activeId;
  const last = commentsShown.get(s);
  if (last && last.threads === threads && last.draft === draft && last.active === active) return last.value;
  const list = [
    ...threads.filter((t) => t.anchor !== 'body' && !t.resolved && t.range),
    ...(draft && draft.anchor !== 'body' && draft.range ? [draft] : []),
  ];
  const prev = last?.value;
  // A thread made active in the body changes nothing here: keep the same value, no re-render.
  const shownActive = list.some((c) => c.id === active) ? active : null;
  const value =
    prev && shownActive === prev.active && sameList(prev.list, list)
      ? prev
      : list.length === 0 && shownActive === null
        ? NO_COMMENTS
        : {
            list,
            active: shownActive,
            valueOf: (f: TextField) => (f === 'dateline' ? undefined : s.fieldValue(f)),
          };
  commentsShown.set(s, { threads, draft, active, value });
  return value;
}

function sameList(a: FieldComments['list'], b: FieldComments['list']): boolean {
  return a.length === b.length && a.every((c, i) => c === b[i]);
}

/**
 * The open article's comments on its fields. The session tells of every change, body edits to
 * commented text included; the value stays the same object unless the fields' comments changed,
 * so typing in the body re-renders nothing here.
 */
function useFieldComments(): FieldComments {
  const s = useSyncExternalStore(subscribeActiveCommentSession, activeCommentSession);
  return useSyncExternalStore(s?.subscribe ?? noop, () => (s ? fieldCommentsOf(s) : NO_COMMENTS));
}

/** Puts the mirror over its field: position, size, font and the sheet's clipping. */
function place(
  mirror: HTMLDivElement,
  inner: HTMLDivElement,
  input: HTMLInputElement | HTMLTextAreaElement,
): void {
  const rect = input.getBoundingClientRect();
  const cs = getComputedStyle(input);
  const style = mirror.style;
  style.left = `${rect.left}px`;
  style.top = `${rect.top}px`;
  style.width = `${rect.width}px`;
  style.height = `${rect.height}px`;
  style.whiteSpace = input instanceof HTMLTextAreaElement ? 'pre-wrap' : 'pre';
  for (const k of MIRRORED) (style as unknown as Record<string, string>)[k] = cs[k];
  // Cut the mirror where the scrolling sheet cuts the field, so it never floats over the toolbar.
  const frame = input.closest('.editor-scroll')?.getBoundingClientRect();
  style.visibility = '';
  style.clipPath = '';
  if (frame) {
    const top = Math.max(0, frame.top - rect.top);
    const bottom = Math.max(0, rect.bottom - frame.bottom);
    if (top >= rect.height || bottom >= rect.height) style.visibility = 'hidden';
    else style.clipPath = `inset(${top}px 0 ${bottom}px 0)`;
  }
  inner.style.transform = `translate(${-input.scrollLeft}px, ${-input.scrollTop}px)`;
}

function FieldMirror({
  field,
  findings,
  comments,
}: {
  field: TextField;
  findings: Finding[];
  comments: FieldComments;
}): React.JSX.Element | null {
  const input = fieldInput(field);
  const [, rerender] = useReducer((n: number) => n + 1, 0);
  const mirror = useRef<HTMLDivElement>(null);
  const inner = useRef<HTMLDivElement>(null);
  useLayoutEffect(() => {
    // The input is found in the DOM on the first render; measure it once it is there.
    if (!input) rerender();
  }, [input]);
  const drawn = input?.value;
  // After every render (new text or findings), and on scroll and resize: measured outside React.
  useLayoutEffect(() => {
    // React drew the field's new value in this same commit (suggesting mode switched, a
    // suggestion accepted): the mirror copied the old one, so it draws again before the paint.
    if (input && input.value !== drawn) rerender();
    else if (input && mirror.current && inner.current) place(mirror.current, inner.current, input);
  });
  const shown = Boolean(input);
  useEffect(() => {
    if (!shown) return;
    let frame = 0;
    const schedule = (): void => {
      cancelAnimationFrame(frame);
      frame = requestAnimationFrame(() => {
        const el = fieldInput(field);
        if (el && mirror.current && inner.current) place(mirror.current, inner.current, el);
      });
    };
    window.addEventListener('scroll', schedule, true);
    window.addEventListener('resize', schedule);
    return () => {
      cancelAnimationFrame(frame);
      window.removeEventListener('scroll', schedule, true);
      window.removeEventListener('resize', schedule);
    };
  }, [shown, field]);
  if (!input || drawn === undefined) return null;
  const value = drawn;
  const marks: FieldMark[] = [
    ...findingMarks(value, findings),
    ...commentMarks(field, value, comments.list, comments.valueOf(field) ?? value),
  ];
  if (marks.length === 0) return null;

  // Cut at every mark's edge, so overlapping findings and comments each show.
  const parts = segmentField(value.length, marks).map((seg) => {
    const text = value.slice(seg.from, seg.to);
    if (seg.marks.length === 0) return text;
    const threads = seg.marks.filter((m) => m.type === 'comment').map((m) => m.id);
    return (
      <span
        key={seg.from}
        className={segmentClass(seg.marks, comments.active)}
        data-finding={seg.marks.find((m) => m.type === 'finding')?.id}
        data-comment-threads={threads.length > 0 ? threads.join(' ') : undefined}
      >
        {text}
      </span>
    );
  });

  return (
    <div ref={mirror} className="field-squiggles" aria-hidden="true" data-field={field}>
      <div ref={inner}>{parts}</div>
    </div>
  );
}
