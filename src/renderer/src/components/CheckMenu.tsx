import type React from 'react';
import { useEffect, useRef } from 'react';
import { api, errorMessage } from '../api';
import type { CheckBudgets } from '../checks/checkSession';
import { useActiveCheckSession, useCheckSessionValue } from '../checks/useCheckSession';

/**
 * The menu of an underlined word: its suggestions, "ignore here", "ignore everywhere in this
 * article" and, for spelling, "add to the newsroom dictionary" (shared through the library).
 */
export function CheckMenu({
  budgets,
  onError,
}: {
  /** The library's budgets, for the readiness checklist. */
  budgets: CheckBudgets;
  onError: (message: string) => void;
}): React.JSX.Element | null {
  // Only the open menu re-renders this: a check result landing while the body has the focus
  // must not cause a React commit (see docs/editor-benchmark.md).
  const session = useActiveCheckSession();
  const { headlineBudget, contentHighlightBudget } = budgets;
  useEffect(() => {
    if (!session) return;
    session.budgets = { headlineBudget, contentHighlightBudget };
  }, [session, headlineBudget, contentHighlightBudget]);
  const menu = useCheckSessionValue(session, (s) => s.openMenu, null);
  const ref = useRef<HTMLDivElement>(null);

  useEffect(() => {
    if (!menu) return;
    ref.current?.querySelector<HTMLElement>('[role="menuitem"]')?.focus();
    const close = (e: Event): void => {
      if (e instanceof KeyboardEvent && e.key !== 'Escape') return;
      if (e instanceof MouseEvent && ref.current?.contains(e.target as Node)) return;
      session?.closeMenu();
    };
    document.addEventListener('keydown', close, true);
    document.addEventListener('mousedown', close, true);
    return () => {
      document.removeEventListener('keydown', close, true);
      document.removeEventListener('mousedown', close, true);
    };
  }, [menu, session]);

  if (!session || !menu) return null;
  const f = menu.finding;
  const act = (fn: () => void) => () => {
    fn();
    session.closeMenu();
  };

  const onKeyDown = (e: React.KeyboardEvent): void => {
    if (e.key !== 'ArrowDown' && e.key !== 'ArrowUp') return;
    e.preventDefault();
    const items = [...(ref.current?.querySelectorAll<HTMLElement>('[role="menuitem"]') ?? [])];
    const at = items.indexOf(document.activeElement as HTMLElement);
    const next = items[(at + (e.key === 'ArrowDown' ? 1 : items.length - 1)) % items.length];
    next?.focus();
  };

  return (
    <div
      ref={ref}
      className="check-menu"
      role="menu"
      aria-label={`Suggestions for “${f.text}”`}
      style={{
        left: Math.min(menu.x, window.innerWidth - 280),
        top: Math.min(menu.y + 4, window.innerHeight - 260),
      }}
      onKeyDown={onKeyDown}
    >
      <p className="check-menu-message">{f.message}</p>
      {f.suggestions.slice(0, 5).map((s) => (
        <button
          key={s}
          type="button"
          role="menuitem"
          className="check-menu-item check-menu-suggestion"
          onClick={act(() => session.fix(f, s))}
        >
          {s || '(remove)'}
        </button>
      ))}
      <button
        type="button"
        role="menuitem"
        className="check-menu-item"
        onClick={act(() => session.ignoreHere(f))}
      >
        Ignore here
      </button>
      <button
        type="button"
        role="menuitem"
        className="check-menu-item"
        onClick={act(() => session.ignoreEverywhere(f))}
      >
        Ignore everywhere in this article
      </button>
      {f.kind === 'spelling' && (
        <button
          type="button"
          role="menuitem"
          className="check-menu-item"
          onClick={act(() => {
            api
              .addToDictionary({ word: f.text })
              .then(() => session.learnWord(f.text))
              .catch((e: unknown) => onError(errorMessage(e)));
          })}
        >
          Add “{f.text}” to the newsroom dictionary
        </button>
      )}
    </div>
  );
}
