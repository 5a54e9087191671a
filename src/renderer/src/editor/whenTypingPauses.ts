/** How long the body must go without a keystroke before deferred work runs. */
const QUIET_MS = 2_000;

let pending: (() => void)[] = [];
let disarm: (() => void) | null = null;

function flush(): void {
  disarm?.();
  disarm = null;
  const run = pending;
  pending = [];
  for (const fn of run) fn();
}

/**
 * Runs `fn` now, or, while the article body has the focus, once typing in it pauses for two
 * seconds or the focus leaves it. For updates to what is around the editor that can wait (the
 * library list's "modified" time after an autosave): any React commit while the body has the
 * focus costs time in proportion to the document, because React saves the focused element's
 * selection by walking its text (see docs/editor-benchmark.md).
 */
export function whenTypingPauses(fn: () => void): void {
  const body = document.activeElement?.closest<HTMLElement>('.ProseMirror');
  if (!body) {
    fn();
    return;
  }
  pending.push(fn);
  if (disarm) return;
  let timer = setTimeout(flush, QUIET_MS);
  const onKey = (): void => {
    clearTimeout(timer);
    timer = setTimeout(flush, QUIET_MS);
  };
  body.addEventListener('keydown', onKey);
  body.addEventListener('focusout', flush);
  disarm = () => {
    clearTimeout(timer);
    body.removeEventListener('keydown', onKey);
    body.removeEventListener('focusout', flush);
  };
}
