import type React from 'react';
import { useEffect, useLayoutEffect, useReducer } from 'react';
import type { CheckedField, Finding } from '../../../checks/types';
import { fieldInput } from '../checks/checkSession';
import { useCheckSession } from '../checks/useCheckSession';

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
 * Underlines findings in the headline, Content Highlight, byline and dateline. Those are plain
 * inputs, which cannot style part of their text, so a transparent mirror of each one lies over
 * it (ignoring the pointer) with the findings underlined. A right-click in a field on an
 * underlined word opens the same suggestions menu as in the body.
 */
export function FieldSquiggles(): React.JSX.Element | null {
  const session = useCheckSession();
  const findings = session?.findings() ?? [];
  const byField = new Map<TextField, Finding[]>();
  for (const f of findings) {
    if (f.field === 'body') continue;
    byField.set(f.field, [...(byField.get(f.field) ?? []), f]);
  }
  const [, relayout] = useReducer((n: number) => n + 1, 0);

  // Follow the fields as the sheet scrolls, the window resizes and the text changes.
  useEffect(() => {
    let frame = 0;
    const schedule = (): void => {
      cancelAnimationFrame(frame);
      frame = requestAnimationFrame(relayout);
    };
    // Only the fields' own typing moves their underlines: typing in the body must not
    // re-render this on every keystroke (see the editor benchmark's React commit count).
    const onInput = (e: Event): void => {
      if (e.target instanceof HTMLInputElement || e.target instanceof HTMLTextAreaElement) schedule();
    };
    window.addEventListener('scroll', schedule, true);
    window.addEventListener('resize', schedule);
    document.addEventListener('input', onInput, true);
    return () => {
      cancelAnimationFrame(frame);
      window.removeEventListener('scroll', schedule, true);
      window.removeEventListener('resize', schedule);
      document.removeEventListener('input', onInput, true);
    };
  }, []);

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
        .findings()
        .find((f) => f.field === field && f.position.from <= at && at <= f.position.to);
      if (!hit) return;
      e.preventDefault();
      session.showMenu(hit.id, e.clientX, e.clientY);
    };
    document.addEventListener('contextmenu', onContextMenu);
    return () => document.removeEventListener('contextmenu', onContextMenu);
  }, [session]);

  if (!session || byField.size === 0) return null;
  return (
    <>
      {[...byField].map(([field, list]) => (
        <FieldMirror key={field} field={field} findings={list} />
      ))}
    </>
  );
}

function FieldMirror({
  field,
  findings,
}: {
  field: TextField;
  findings: Finding[];
}): React.JSX.Element | null {
  const input = fieldInput(field);
  const [, rerender] = useReducer((n: number) => n + 1, 0);
  useLayoutEffect(() => {
    // The input is found in the DOM on the first render; measure it once it is there.
    if (!input) rerender();
  }, [input]);
  if (!input) return null;
  const value = input.value;
  // Only findings whose text is still where the check saw it.
  const valid = findings
    .filter((f) => value.slice(f.position.from, f.position.to) === f.text)
    .sort((a, b) => a.position.from - b.position.from);
  if (valid.length === 0) return null;

  const rect = input.getBoundingClientRect();
  const cs = getComputedStyle(input);
  const style: React.CSSProperties = {
    left: rect.left,
    top: rect.top,
    width: rect.width,
    height: rect.height,
    whiteSpace: input instanceof HTMLTextAreaElement ? 'pre-wrap' : 'pre',
  };
  for (const k of MIRRORED) (style as Record<string, string>)[k] = cs[k];
  // Cut the mirror where the scrolling sheet cuts the field, so it never floats over the toolbar.
  const frame = input.closest('.editor-scroll')?.getBoundingClientRect();
  if (frame) {
    const top = Math.max(0, frame.top - rect.top);
    const bottom = Math.max(0, rect.bottom - frame.bottom);
    if (top >= rect.height || bottom >= rect.height) return null;
    style.clipPath = `inset(${top}px 0 ${bottom}px 0)`;
  }

  const parts: React.ReactNode[] = [];
  let at = 0;
  for (const f of valid) {
    if (f.position.from < at) continue;
    parts.push(value.slice(at, f.position.from));
    parts.push(
      <span key={f.id} className={`check-squiggle check-${f.kind}`} data-finding={f.id}>
        {f.text}
      </span>,
    );
    at = f.position.to;
  }
  parts.push(value.slice(at));

  return (
    <div className="field-squiggles" aria-hidden="true" data-field={field} style={style}>
      <div style={{ transform: `translate(${-input.scrollLeft}px, ${-input.scrollTop}px)` }}>{parts}</div>
    </div>
  );
}
