import type React from 'react';
import { useEffect, useState } from 'react';
import type { ImportProgress as Progress } from '../../../shared/contract';
import { subscribe } from '../api';

/**
 * "Importing 12 of 30 files" while an import of several files (Import…, a drop, files opened
 * from outside) is under way; gone when the last file is read, when the Import report takes over.
 */
export function ImportProgress(): React.JSX.Element | null {
  const [progress, setProgress] = useState<Progress | null>(null);
  const [skipped, setSkipped] = useState(0);

  useEffect(
    () =>
      subscribe('importProgress', (p) => {
        // A new batch starts at 1; the last file ends it.
        setSkipped((n) => (p.done === 1 ? 0 : n) + (p.imported ? 0 : 1));
        setProgress(p.done < p.total ? p : null);
      }),
    [],
  );

  if (!progress || progress.total < 2) return null;
  return (
    <section className="panel import-progress" aria-label="Import progress">
      <div className="progress-line">
        <progress aria-label="Files imported" max={progress.total} value={progress.done} />
        <span role="status">
          Importing {progress.done} of {progress.total} files
          {skipped > 0 ? ` (${skipped} skipped so far)` : ''}…
        </span>
      </div>
    </section>
  );
}
