/**
 * Remembering where the window was, per arrangement of displays, without ever opening it
 * off-screen. Pure functions plus a small tracker over a window-like object: no Electron
 * import, so all of it is unit-tested.
 */

export interface Rect {
  x: number;
  y: number;
  width: number;
  height: number;
}

/** The parts of Electron's `Display` used here. */
export interface DisplayLike {
  bounds: Rect;
  workArea: Rect;
}

export interface WindowPlacement {
  bounds: Rect;
  maximized: boolean;
}

export const DEFAULT_WINDOW_SIZE = { width: 1280, height: 860 } as const;
export const MIN_WINDOW_SIZE = { width: 720, height: 480 } as const;

/**
 * How much of the window's top strip must be on a display for it to count as reachable:
 * enough to grab the title bar and drag it back.
 */
const GRAB_STRIP = { width: 96, height: 32 };

/**
 * A key naming the arrangement of displays (sizes and positions), so a laptop on its own and
 * the same laptop docked to two monitors each get their own remembered placement.
 */
export function displayLayoutKey(displays: readonly DisplayLike[]): string {
  return displays
    .map((d) => `${d.bounds.width}x${d.bounds.height}@${d.bounds.x},${d.bounds.y}`)
    .sort()
    .join('|');
}

function intersection(a: Rect, b: Rect): Rect | null {
  const x = Math.max(a.x, b.x);
  const y = Math.max(a.y, b.y);
  const right = Math.min(a.x + a.width, b.x + b.width);
  const bottom = Math.min(a.y + a.height, b.y + b.height);
  return right > x && bottom > y ? { x, y, width: right - x, height: bottom - y } : null;
}

const area = (r: Rect | null): number => (r ? r.width * r.height : 0);

function centredIn(area: Rect, width: number, height: number): Rect {
  return {
    x: Math.round(area.x + (area.width - width) / 2),
    y: Math.round(area.y + (area.height - height) / 2),
    width,
    height,
  };
}

/**
 * Fits saved bounds to the displays there are now. The window stays on the display holding most
 * of it, shrunk to that display's work area and moved fully inside it; when no display shows
 * enough of its title bar to drag (a monitor was unplugged, the resolution dropped) it is centred
 * on the primary display instead. `workAreas[0]` is the primary display.
 */
export function clampToDisplays(bounds: Rect, workAreas: readonly Rect[], min = MIN_WINDOW_SIZE): Rect {
  const primary = workAreas[0];
  if (!primary) return bounds;
  const valid =
    [bounds.x, bounds.y, bounds.width, bounds.height].every(Number.isFinite) &&
    bounds.width > 0 &&
    bounds.height > 0;
  const strip: Rect = {
    x: bounds.x,
    y: bounds.y,
    width: bounds.width,
    height: Math.min(GRAB_STRIP.height, bounds.height),
  };
  const reachable = valid
    ? workAreas.filter((wa) => {
        const visible = intersection(strip, wa);
        return (
          visible !== null && visible.width >= Math.min(GRAB_STRIP.width, bounds.width) && visible.height > 0
        );
      })
    : [];
  if (reachable.length === 0) {
    const width = Math.min(
      valid ? Math.max(bounds.width, min.width) : DEFAULT_WINDOW_SIZE.width,
      primary.width,
    );
    const height = Math.min(
      valid ? Math.max(bounds.height, min.height) : DEFAULT_WINDOW_SIZE.height,
      primary.height,
    );
    return centredIn(primary, width, height);
  }
  const target = reachable.reduce((best, wa) =>
    area(intersection(bounds, wa)) > area(intersection(bounds, best)) ? wa : best,
  );
  const width = Math.min(Math.max(Math.round(bounds.width), min.width), target.width);
  const height = Math.min(Math.max(Math.round(bounds.height), min.height), target.height);
  const x = Math.min(Math.max(Math.round(bounds.x), target.x), target.x + target.width - width);
  const y = Math.min(Math.max(Math.round(bounds.y), target.y), target.y + target.height - height);
  return { x, y, width, height };
}

/**
 * Where to open the window: the saved placement clamped to the current displays, or the default
 * size centred on the primary display on a first run.
 */
export function initialPlacement(
  saved: WindowPlacement | undefined,
  displays: readonly DisplayLike[],
): WindowPlacement {
  const workAreas = displays.map((d) => d.workArea);
  const primary = workAreas[0] ?? { x: 0, y: 0, ...DEFAULT_WINDOW_SIZE };
  if (!saved) {
    return {
      bounds: centredIn(
        primary,
        Math.min(DEFAULT_WINDOW_SIZE.width, primary.width),
        Math.min(DEFAULT_WINDOW_SIZE.height, primary.height),
      ),
      maximized: false,
    };
  }
  return { bounds: clampToDisplays(saved.bounds, workAreas), maximized: saved.maximized };
}

/** The parts of a BrowserWindow the tracker needs. */
export interface TrackedWindow {
  on(event: 'resize' | 'move' | 'maximize' | 'unmaximize' | 'close', listener: () => void): unknown;
  getNormalBounds(): Rect;
  isMaximized(): boolean;
  isMinimized(): boolean;
  isFullScreen(): boolean;
}

/**
 * Saves the window's placement when it settles after a move or resize, and when it closes.
 * The normal (unmaximised) bounds are saved alongside the maximised flag, so un-maximising
 * after a restart goes back to where the window was. Minimised and full-screen states are not
 * saved: nobody wants a window to open minimised.
 */
export function trackWindowPlacement(
  win: TrackedWindow,
  save: (placement: WindowPlacement) => void,
  options: { debounceMs?: number } = {},
): () => void {
  let timer: ReturnType<typeof setTimeout> | undefined;
  const snapshot = () => {
    clearTimeout(timer);
    timer = undefined;
    if (win.isMinimized() || win.isFullScreen()) return;
    save({ bounds: win.getNormalBounds(), maximized: win.isMaximized() });
  };
  const later = () => {
    clearTimeout(timer);
    timer = setTimeout(snapshot, options.debounceMs ?? 500);
  };
  for (const event of ['resize', 'move'] as const) win.on(event, later);
  for (const event of ['maximize', 'unmaximize', 'close'] as const) win.on(event, snapshot);
  return () => clearTimeout(timer);
}
