import type React from 'react';
import { useEffect, useId, useState } from 'react';
import { packState, setStyleEnabled, type CheckConfig } from '../../../checks/config';
import type { RulePack, StyleRule } from '../../../checks/style/rulePack';
import { api, errorMessage } from '../api';
import '../checks/checksSettings.css';

/**
 * Settings ▸ House style: every rule pack in the library (the shipped default, or the library's
 * replacement, and the library's own `style/*.json`), each switchable on and off, pack by pack
 * and rule by rule. A switch applies at once and is kept in the library (`setStyleEnabled`), so
 * everyone who uses the library checks the same way; the checks worker picks it up through
 * `checkConfigChanged`.
 */
export function HouseStyleSettings(): React.JSX.Element {
  const id = useId();
  const [config, setConfig] = useState<CheckConfig | null>(null);
  const [error, setError] = useState<string | null>(null);
  const [status, setStatus] = useState('');
  const [busy, setBusy] = useState(false);

  useEffect(() => {
    api
      .getCheckConfig()
      .then(setConfig)
      .catch((e: unknown) => setError(errorMessage(e)));
  }, []);

  const toggle = async (pack: RulePack, rule: StyleRule | undefined, enabled: boolean): Promise<void> => {
    const before = config;
    setBusy(true);
    setError(null);
    setStatus('');
    // The box shows the new state at once; it goes back if the library could not be written.
    setConfig((c) => c && { ...c, toggles: setStyleEnabled(c.toggles, pack, rule?.id, enabled) });
    try {
      setConfig(await api.setStyleEnabled({ pack: pack.id, rule: rule?.id, enabled }));
      const what = rule ? `“${rule.id}” in ${pack.name}` : pack.name;
      setStatus(`${what} switched ${enabled ? 'on' : 'off'} for this library.`);
    } catch (e) {
      setConfig(before);
      setError(errorMessage(e));
    } finally {
      setBusy(false);
    }
  };

  return (
    <fieldset className="house-style" aria-describedby={`${id}-hint`}>
      <legend>House style (shared with everyone who uses this library)</legend>
      <p id={`${id}-hint`} className="house-style-hint">
        The rule packs are JSON files in the library’s <code>style</code> folder; a switch here applies at
        once. {config && <>The newsroom dictionary holds {plural(config.words.length, 'word')}.</>}
      </p>
      {!config && !error && <p className="house-style-hint">Reading the library’s style packs…</p>}
      {config?.problems.map((p) => (
        <p key={p.file} className="field-error">
          {p.message} The pack is not used until the file is fixed.
        </p>
      ))}
      {config?.packs.map((pack) => {
        const state = packState(pack, config.toggles);
        const on = Object.values(state.rules).filter(Boolean).length;
        return (
          <div key={pack.id} className="house-style-pack">
            <label className="house-style-switch">
              <input
                type="checkbox"
                checked={state.enabled}
                disabled={busy}
                onChange={(e) => void toggle(pack, undefined, e.target.checked)}
              />
              <span className="house-style-name">{pack.name}</span>
            </label>
            <span className="house-style-count">
              {on} of {plural(pack.rules.length, 'rule')} on
            </span>
            {pack.description && <p className="house-style-hint">{pack.description}</p>}
            <details>
              <summary>Rules in {pack.name}</summary>
              <ul className="house-style-rules">
                {pack.rules.map((rule) => (
                  <li key={rule.id}>
                    <label className="house-style-switch">
                      <input
                        type="checkbox"
                        checked={state.rules[rule.id] ?? false}
                        disabled={busy || !state.enabled}
                        aria-describedby={`${id}-${pack.id}-${rule.id}`}
                        onChange={(e) => void toggle(pack, rule, e.target.checked)}
                      />
                      <span className="house-style-rule">{rule.id}</span>
                    </label>
                    <span id={`${id}-${pack.id}-${rule.id}`} className="house-style-hint">
                      {rule.explanation}
                      {rule.example && (
                        <>
                          {' '}
                          (“{rule.example.wrong}” → “{rule.example.right}”)
                        </>
                      )}
                    </span>
                  </li>
                ))}
              </ul>
            </details>
          </div>
        );
      })}
      {error && (
        <p className="field-error" role="alert">
          {error}
        </p>
      )}
      <p role="status" className="house-style-hint">
        {status}
      </p>
    </fieldset>
  );
}

const plural = (n: number, word: string) => `${n} ${word}${n === 1 ? '' : 's'}`;
