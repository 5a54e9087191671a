import { afterEach, describe, expect, it, vi } from 'vitest';
import {
  clampToDisplays,
  displayLayoutKey,
  initialPlacement,
  trackWindowPlacement,
  type Rect,
  type TrackedWindow,
} from '../../src/main/windowState';

const laptop: Rect = { x: 0, y: 0, width: 1440, height: 875 };
const monitorRight: Rect = { x: 1440, y: 0, width: 2560, height: 1415 };

describe('the window never opens off-screen', () => {
  it('keeps a window that fits where it was', () => {
    const bounds = { x: 100, y: 80, width: 1200, height: 700 };
    expect(clampToDisplays(bounds, [laptop])).toEqual(bounds);
  });

  it('brings a window back from an unplugged monitor onto the primary display', () => {
    // Saved on the right-hand monitor, which is gone now.
    const bounds = { x: 2000, y: 100, width: 1600, height: 1000 };
    const fitted = clampToDisplays(bounds, [laptop]);
    expect(fitted.width).toBeLessThanOrEqual(laptop.width);
    expect(fitted.height).toBeLessThanOrEqual(laptop.height);
    expect(fitted.x).toBeGreaterThanOrEqual(0);
    expect(fitted.x + fitted.width).toBeLessThanOrEqual(laptop.width);
    expect(fitted.y + fitted.height).toBeLessThanOrEqual(laptop.height);
  });

  it('keeps a window on the second monitor when that monitor is still there', () => {
    const bounds = { x: 2000, y: 100, width: 1600, height: 1000 };
    expect(clampToDisplays(bounds, [laptop, monitorRight])).toEqual(bounds);
  });

  it('pulls a window whose title bar is above the screen back down', () => {
    const fitted = clampToDisplays({ x: 100, y: -500, width: 1000, height: 700 }, [laptop]);
    expect(fitted.y).toBeGreaterThanOrEqual(0);
  });

  it('moves a window hanging off the right edge fully inside, and shrinks one larger than the screen', () => {
    expect(clampToDisplays({ x: 1300, y: 50, width: 1000, height: 600 }, [laptop])).toEqual({
      x: 440,
      y: 50,
      width: 1000,
      height: 600,
    });
    expect(clampToDisplays({ x: 0, y: 0, width: 4000, height: 3000 }, [laptop])).toEqual(laptop);
  });

  it('never makes a window smaller than usable, unless the screen is', () => {
    expect(clampToDisplays({ x: 10, y: 10, width: 50, height: 20 }, [laptop])).toMatchObject({
      width: 720,
      height: 480,
    });
    expect(
      clampToDisplays({ x: 0, y: 0, width: 1000, height: 800 }, [{ x: 0, y: 0, width: 640, height: 400 }]),
    ).toEqual({
      x: 0,
      y: 0,
      width: 640,
      height: 400,
    });
  });

  it('treats nonsense saved bounds as no bounds', () => {
    const fitted = clampToDisplays({ x: Number.NaN, y: 0, width: -5, height: 0 }, [laptop]);
    expect([fitted.x, fitted.y, fitted.width, fitted.height].every(Number.isFinite)).toBe(true);
    expect(fitted.width).toBeGreaterThan(0);
  });

  it('opens a first run at the default size, centred on the primary display', () => {
    const p = initialPlacement(undefined, [{ bounds: monitorRight, workArea: monitorRight }]);
    expect(p.maximized).toBe(false);
    expect(p.bounds).toEqual({
      x: 1440 + (2560 - 1280) / 2,
      y: Math.round((1415 - 860) / 2),
      width: 1280,
      height: 860,
    });
  });

  it('restores the maximised state', () => {
    const p = initialPlacement({ bounds: { x: 10, y: 10, width: 900, height: 600 }, maximized: true }, [
      { bounds: laptop, workArea: laptop },
    ]);
    expect(p).toEqual({ bounds: { x: 10, y: 10, width: 900, height: 600 }, maximized: true });
  });

  it('names each arrangement of displays, whatever order the OS lists them in', () => {
    const a = { bounds: laptop, workArea: laptop };
    const b = { bounds: monitorRight, workArea: monitorRight };
    expect(displayLayoutKey([a, b])).toBe(displayLayoutKey([b, a]));
    expect(displayLayoutKey([a])).not.toBe(displayLayoutKey([a, b]));
  });
});

describe('the window’s placement is saved as it settles', () => {
  afterEach(() => vi.useRealTimers());

  function fakeWindow() {
    const listeners: Record<string, () => void> = {};
    const w = {
      bounds: { x: 1, y: 2, width: 900, height: 700 },
      maximized: false,
      minimized: false,
      emit: (e: string) => listeners[e]?.(),
      on: (e: string, l: () => void) => {
        listeners[e] = l;
      },
      getNormalBounds: () => w.bounds,
      isMaximized: () => w.maximized,
      isMinimized: () => w.minimized,
      isFullScreen: () => false,
    };
    return w;
  }

  it('saves once after a burst of moves, at once on maximise and close, and never while minimised', () => {
    vi.useFakeTimers();
    const w = fakeWindow();
    const save = vi.fn();
    trackWindowPlacement(w as unknown as TrackedWindow, save, { debounceMs: 300 });
    w.emit('move');
    w.emit('move');
    w.emit('resize');
    expect(save).not.toHaveBeenCalled();
    vi.advanceTimersByTime(300);
    expect(save).toHaveBeenCalledTimes(1);
    w.maximized = true;
    w.emit('maximize');
    expect(save).toHaveBeenLastCalledWith({ bounds: w.bounds, maximized: true });
    w.minimized = true;
    w.emit('close');
    expect(save).toHaveBeenCalledTimes(2);
  });
});
