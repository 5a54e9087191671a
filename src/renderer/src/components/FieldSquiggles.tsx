import type React from 'react';
import { useEffect, useLayoutEffect, useReducer, useRef } from 'react';
import type { CheckedField, Finding } from '../../../checks/types';
import { fieldInput } from '../checks/checkSession';
import { useActiveCheckSession, useCheckSessionValue } from '../checks/useCheckSession';

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
 *
 * Nothing here runs while the body is typed in: it re-renders only when the fields' findings
 * change or a field is typed in, and it measures the fields (a layout) after rendering, on
 * scroll and resize, writing the mirrors' position straight into their style, never during a
 * render: measuring in render forced a layout of the whole sheet on every check result.
 */
export function FieldSquiggles(): React.JSX.Element | null {
  const session = useActiveCheckSession();
  const findings = useCheckSessionValue(session, (s) => s.getFieldFindings(), NONE);
  const byField = new Map<TextField, Finding[]>();
  for (const f of findings) {
    if (f.field === 'body') continue;
    byField.set(f.field, [...(byField.get(f.field) ?? []), f]);
  }
  const [, rerender] = useReducer((n: number) => n + 1, 0);
  const showing = byField.size > 0;

  // The fields' own typing changes their text (scrolling and resizing only move the mirrors).
  useEffect(() => {
    if (!showing) return;
    const onInput = (e: Event): void => {
      const t = e.target;
      if ((t instanceof HTMLInputElement || t instanceof HTMLTextAreaElement) && t.closest('.sheet'))
        rerender();
    };
    document.addEventListener('input', onInput, true);
    return () => document.removeEventListener('input', onInput, true);
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

  if (!session || !showing) return null;
  return (
    <>
      {[...byField].map(([field, list]) => (
        <FieldMirror key={field} field={field} findings={list} />
      ))}
    </>
  );
}

const NONE: Finding[] = [];

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
}: {
  field: TextField;
  findings: Finding[];
}): React.JSX.Element | null {
  const input = fieldInput(field);
  const [, rerender] = useReducer((n: number) => n + 1, 0);
  const mirror = useRef<HTMLDivElement>(null);
  const inner = useRef<HTMLDivElement>(null);
  useLayoutEffect(() => {
    // The input is found in the DOM on the first render; measure it once it is there.
    if (!input) rerender();
  }, [input]);
  // After every render (new text or findings), and on scroll and resize: measured outside React.
  useLayoutEffect(() => {
    if (input && mirror.current && inner.current) place(mirror.current, inner.current, input);
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
  if (!input) return null;
  const value = input.value;
  // Only findings whose text is still where the check saw it.
  const valid = findings
    .filter((f) => value.slice(f.position.from, f.position.to) === f.text)
    .sort((a, b) => a.position.from - b.position.from);
  if (valid.length === 0) return null;

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
    <div ref={mirror} className="field-squiggles" aria-hidden="true" data-field={field}>
      <div ref={inner}>{parts}</div>
    </div>
  );
}
