import type React from 'react';
import { useEffect, useId, useState } from 'react';
import { api } from '../api';

export type ThemeChoice = 'system' | 'light' | 'dark';

const STORAGE_KEY = 'copydesk.theme';

function isTheme(v: unknown): v is ThemeChoice {
  return v === 'system' || v === 'light' || v === 'dark';
}

/** Applies a theme to the page: `data-theme` overrides the system's colour scheme (editor-features.css). */
export function applyTheme(theme: ThemeChoice): void {
  if (theme === 'system') delete document.documentElement.dataset.theme;
  else document.documentElement.dataset.theme = theme;
}

/** The stored choice (this machine's localStorage), applied at start-up before the first paint. */
export function storedTheme(): ThemeChoice {
  try {
    const v = localStorage.getItem(STORAGE_KEY);
    return isTheme(v) ? v : 'system';
  } catch {
    return 'system';
  }
}

/**
 * Light, dark or follow the system. The choice is the app setting `theme` when main has it, and
 * is mirrored in localStorage so the page starts in the right colours before main answers.
 */
export function ThemeSelect(): React.JSX.Element {
  const id = useId();
  const [theme, setTheme] = useState<ThemeChoice>(storedTheme);

  useEffect(() => {
    let live = true;
    api
      .getAppSettings()
      .then((s) => {
        if (live && isTheme(s.theme)) {
          setTheme(s.theme);
          applyTheme(s.theme);
        }
      })
      .catch(() => {});
    return () => {
      live = false;
    };
  }, []);

  const change = (next: ThemeChoice): void => {
    setTheme(next);
    applyTheme(next);
    try {
      localStorage.setItem(STORAGE_KEY, next);
    } catch {
      // storage unavailable: the choice lasts for this session
    }
    api.updateAppSettings({ theme: next }).catch(() => {});
  };

  return (
    <span className="theme-select">
      <label htmlFor={id} className="visually-hidden">
        Theme
      </label>
      <select
        id={id}
        className="select-small"
        value={theme}
        onChange={(e) => change(e.target.value as ThemeChoice)}
      >
        <option value="system">System theme</option>
        <option value="light">Light</option>
        <option value="dark">Dark</option>
      </select>
    </span>
  );
}

// The stored choice applies as soon as the editor's code loads, before any article opens.
applyTheme(storedTheme());
