import type React from 'react';
import { useEffect, useState } from 'react';
import type { AboutInfo } from '../../../shared/contract';
import { api, errorMessage } from '../api';
import { AppDialog } from './AppDialog';

/** Version, the engines underneath, where the library is, and the licences of what ships inside. */
export function AboutDialog({ onClose }: { onClose: () => void }): React.JSX.Element {
  const [about, setAbout] = useState<AboutInfo | null>(null);
  const [error, setError] = useState<string | null>(null);
  useEffect(() => {
    api
      .getAboutInfo()
      .then(setAbout)
      .catch((e: unknown) => setError(errorMessage(e)));
  }, []);

  return (
    <AppDialog title="About Copydesk" wide onClose={onClose}>
      {error && (
        <p className="field-error" role="alert">
          {error}
        </p>
      )}
      {!about && !error && <p role="status">Loading…</p>}
      {about && (
        <>
          <dl className="about-list">
            <dt>Version</dt>
            <dd data-testid="about-version">
              {about.name} {about.version}
            </dd>
            {about.electron && (
              <>
                <dt>Electron</dt>
                <dd>{about.electron}</dd>
              </>
            )}
            {about.chromium && (
              <>
                <dt>Chromium</dt>
                <dd>{about.chromium}</dd>
              </>
            )}
            <dt>Node.js</dt>
            <dd>{about.node}</dd>
            <dt>Library</dt>
            <dd>
              <bdi>{about.libraryPath}</bdi>
            </dd>
          </dl>
          <h3 className="about-licences-title">Licences of bundled libraries ({about.licences.length})</h3>
          <div className="dialog-scroll" tabIndex={0} role="region" aria-label="Licences">
            <table className="shortcut-table">
              <thead>
                <tr>
                  <th scope="col">Library</th>
                  <th scope="col">Version</th>
                  <th scope="col">Licence</th>
                </tr>
              </thead>
              <tbody>
                {about.licences.map((l) => (
                  <tr key={`${l.name}@${l.version}`}>
                    <td>{l.name}</td>
                    <td>{l.version}</td>
                    <td>{l.licence}</td>
                  </tr>
                ))}
              </tbody>
            </table>
          </div>
        </>
      )}
    </AppDialog>
  );
}
