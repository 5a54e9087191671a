/**
 * Closing and quitting wait for pending saves, but never forever: after a while the user is
 * told the disk has not answered and chooses to keep waiting or to leave anyway. Plain logic
 * over small interfaces so it is unit-tested without Electron.
 */

/** The parts of a BrowserWindow the close guard uses. */
export interface GuardedWindow {
  on(event: 'close', listener: (event: { preventDefault(): void }) => void): unknown;
  close(): void;
  isDestroyed(): boolean;
}

export interface CloseGuardOptions {
  /** Ask the renderer to save what is pending (the `flushRequested` event). */
  requestFlush(): void;
  /** The renderer has not confirmed in time: true to close anyway, false to keep waiting. */
  askCloseAnyway(): boolean | Promise<boolean>;
  /** How long to wait for the renderer before asking. */
  timeoutMs: number;
}

/**
 * Holds the window open on close until the renderer says everything is saved (call the returned
 * `readyToClose`), asking again every `timeoutMs` while it has not.
 */
export function guardWindowClose(win: GuardedWindow, options: CloseGuardOptions): { readyToClose(): void } {
  let ready = false;
  let waiting = false;
  let timer: ReturnType<typeof setTimeout> | undefined;

  const closeNow = () => {
    ready = true;
    waiting = false;
    clearTimeout(timer);
    if (!win.isDestroyed()) win.close();
  };
  const arm = () => {
    timer = setTimeout(async () => {
      if (ready || win.isDestroyed()) return;
      if (await options.askCloseAnyway()) closeNow();
      else if (!ready) {
        // Ask the renderer again: the first request may have arrived while it was busy.
        options.requestFlush();
        arm();
      }
    }, options.timeoutMs);
  };

  win.on('close', (event) => {
    if (ready) return;
    event.preventDefault();
    if (waiting) return;
    waiting = true;
    options.requestFlush();
    arm();
  });

  return {
    readyToClose() {
      if (!ready) closeNow();
    },
  };
}

/**
 * Waits for `work` (closing the library: its last writes), asking `askStopWaiting` every
 * `timeoutMs` while it has not finished. Resolves 'done' when it finished, 'abandoned' when the
 * user chose to stop waiting.
 */
export async function waitPatiently(
  work: Promise<unknown>,
  options: { timeoutMs: number; askStopWaiting(): Promise<boolean> },
): Promise<'done' | 'abandoned'> {
  let finished = false;
  const done = work.then(
    () => 'done' as const,
    () => 'done' as const,
  );
  void done.then(() => {
    finished = true;
  });
  for (;;) {
    const tick = new Promise<'timeout'>((resolve) => setTimeout(() => resolve('timeout'), options.timeoutMs));
    const first = await Promise.race([done, tick]);
    if (first === 'done' || finished) return 'done';
    if (await options.askStopWaiting()) return finished ? 'done' : 'abandoned';
  }
}
