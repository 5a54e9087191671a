import type React from 'react';
import { useEffect, useId, useState } from 'react';
import {
  type AppSettingsView,
  type ExportFormat,
  type LibrarySettings,
  type Preferences,
  type Theme,
  type UserRole,
} from '../../../shared/contract';
import { relatedUrlPatternProblem } from '../../../shared/related';
import { api, errorMessage } from '../api';
import { EXPORT_FORMATS, formatLabel } from '../panels/exportFormats';
import { AppDialog } from './AppDialog';
import { HouseStyleSettings } from './HouseStyleSettings';
import { applyTheme } from './StatusBarTheme';

interface SettingsDialogProps {
  libraryPath: string | null;
  library: LibrarySettings;
  onLibrarySettings: (settings: LibrarySettings) => void;
  onAppSettings: (settings: AppSettingsView) => void;
  /** Opens another library folder (main asks with a native dialog). */
  onChangeLibrary: () => void;
  onClose: () => void;
}

const ROLE_LABELS: Record<UserRole, string> = {
  reporter: 'Reporter',
  editor: 'Editor',
  producer: 'Producer',
};
const THEME_LABELS: Record<Theme, string> = { system: 'Follow the system', light: 'Light', dark: 'Dark' };
const LANGUAGES: { tag: string; label: string }[] = [
  { tag: 'en-GB', label: 'English (UK)' },
  { tag: 'en-US', label: 'English (US)' },
];

/**
 * About you (kept on this machine) and the library's house settings (kept in the library, so a
 * shared library shares them). Changes apply at once, without a restart.
 */
export function SettingsDialog(props: SettingsDialogProps): React.JSX.Element {
  const id = useId();
  const [prefs, setPrefs] = useState<Preferences | null>(null);
  const [lib, setLib] = useState<LibrarySettings>(props.library);
  const [error, setError] = useState<string | null>(null);
  const [saved, setSaved] = useState(false);

  useEffect(() => {
    api
      .getAppSettings()
      .then((s) => setPrefs(s))
      .catch((e: unknown) => setError(errorMessage(e)));
  }, []);

  const save = async (e: React.FormEvent): Promise<void> => {
    e.preventDefault();
    setError(null);
    setSaved(false);
    const patternProblem = relatedUrlPatternProblem(lib.relatedUrlPattern.trim());
    if (patternProblem) {
      setError(`Related-story links: ${patternProblem}`);
      return;
    }
    try {
      if (prefs) {
        const next = await api.updateAppSettings({
          name: prefs.name,
          initials: prefs.initials,
          role: prefs.role,
          theme: prefs.theme,
          exportFormat: prefs.exportFormat,
          spellCheckLanguage: prefs.spellCheckLanguage,
        });
        applyTheme(next.theme);
        props.onAppSettings(next);
      }
      const nextLib = await api.updateSettings({
        headlineBudget: lib.headlineBudget,
        contentHighlightBudget: lib.contentHighlightBudget,
        wordsPerMinute: lib.wordsPerMinute,
        relatedUrlPattern: lib.relatedUrlPattern.trim(),
      });
      setLib(nextLib);
      props.onLibrarySettings(nextLib);
      setSaved(true);
    } catch (err) {
      setError(errorMessage(err));
    }
  };

  const setPref = <K extends keyof Preferences>(k: K, v: Preferences[K]): void => {
    setSaved(false);
    setPrefs((p) => (p ? { ...p, [k]: v } : p));
  };
  const setNumber = (k: 'headlineBudget' | 'contentHighlightBudget' | 'wordsPerMinute', v: string): void => {
    setSaved(false);
    setLib((l) => ({ ...l, [k]: Number.parseInt(v, 10) || 0 }));
  };

  return (
    <AppDialog
      title="Settings"
      wide
      onClose={props.onClose}
      actions={
        <>
          <button type="button" className="button" onClick={props.onClose}>
            Close
          </button>
          <button type="submit" form={`${id}-form`} className="button button-primary">
            Save settings
          </button>
        </>
      }
    >
      <form id={`${id}-form`} className="dialog-scroll" onSubmit={(e) => void save(e)}>
        {prefs && (
          <fieldset className="form-grid">
            <legend>You (this computer)</legend>
            <label htmlFor={`${id}-name`}>Name</label>
            <input
              id={`${id}-name`}
              className="text-input"
              autoComplete="name"
              value={prefs.name}
              onChange={(e) => setPref('name', e.target.value)}
            />
            <label htmlFor={`${id}-initials`}>Initials</label>
            <input
              id={`${id}-initials`}
              className="text-input"
              maxLength={8}
              value={prefs.initials}
              onChange={(e) => setPref('initials', e.target.value)}
            />
            <label htmlFor={`${id}-role`}>Role</label>
            <select
              id={`${id}-role`}
              className="select"
              value={prefs.role}
              onChange={(e) => setPref('role', e.target.value as UserRole)}
            >
              {(Object.keys(ROLE_LABELS) as UserRole[]).map((r) => (
                <option key={r} value={r}>
                  {ROLE_LABELS[r]}
                </option>
              ))}
            </select>
            <label htmlFor={`${id}-theme`}>Theme</label>
            <select
              id={`${id}-theme`}
              className="select"
              value={prefs.theme}
              onChange={(e) => setPref('theme', e.target.value as Theme)}
            >
              {(Object.keys(THEME_LABELS) as Theme[]).map((t) => (
                <option key={t} value={t}>
                  {THEME_LABELS[t]}
                </option>
              ))}
            </select>
            <label htmlFor={`${id}-export`}>Export format</label>
            <select
              id={`${id}-export`}
              className="select"
              value={prefs.exportFormat}
              onChange={(e) => setPref('exportFormat', e.target.value as ExportFormat)}
            >
              {EXPORT_FORMATS.map((f) => (
                <option key={f} value={f}>
                  {formatLabel(f)}
                </option>
              ))}
            </select>
            <label htmlFor={`${id}-lang`}>Spell-check language</label>
            <select
              id={`${id}-lang`}
              className="select"
              value={prefs.spellCheckLanguage}
              onChange={(e) => setPref('spellCheckLanguage', e.target.value)}
            >
              {LANGUAGES.map((l) => (
                <option key={l.tag} value={l.tag}>
                  {l.label}
                </option>
              ))}
            </select>
          </fieldset>
        )}
        <fieldset className="form-grid">
          <legend>This library (shared with everyone who uses it)</legend>
          <span className="settings-label">Location</span>
          <span className="settings-path">
            <bdi data-testid="settings-library-path">{props.libraryPath ?? '…'}</bdi>{' '}
            <button type="button" className="button button-small" onClick={props.onChangeLibrary}>
              Change…
            </button>
          </span>
          <label htmlFor={`${id}-hb`}>Headline budget</label>
          <input
            id={`${id}-hb`}
            className="text-input"
            type="number"
            min={10}
            max={500}
            value={lib.headlineBudget}
            onChange={(e) => setNumber('headlineBudget', e.target.value)}
          />
          <label htmlFor={`${id}-chb`}>Content Highlight budget</label>
          <input
            id={`${id}-chb`}
            className="text-input"
            type="number"
            min={20}
            max={1000}
            value={lib.contentHighlightBudget}
            onChange={(e) => setNumber('contentHighlightBudget', e.target.value)}
          />
          <label htmlFor={`${id}-wpm`}>Reading speed (words a minute)</label>
          <input
            id={`${id}-wpm`}
            className="text-input"
            type="number"
            min={60}
            max={1000}
            value={lib.wordsPerMinute}
            onChange={(e) => setNumber('wordsPerMinute', e.target.value)}
          />
          <label htmlFor={`${id}-related`}>Related-story links</label>
          <span>
            <input
              id={`${id}-related`}
              className="text-input"
              spellCheck={false}
              aria-describedby={`${id}-related-help`}
              value={lib.relatedUrlPattern}
              onChange={(e) => {
                setSaved(false);
                setLib((l) => ({ ...l, relatedUrlPattern: e.target.value }));
              }}
            />
            <span id={`${id}-related-help`} className="settings-help">
              Where “You may also like” links to a story in this library: {'{slug}'} is its headline as in
              file names, {'{id}'} its id. E.g. https://example.com/news/{'{slug}'}
            </span>
          </span>
        </fieldset>
        <HouseStyleSettings />
        {error && (
          <p className="field-error" role="alert">
            {error}
          </p>
        )}
        {saved && <p role="status">Settings saved.</p>}
      </form>
    </AppDialog>
  );
}
