import type React from 'react';
import type { LibraryInfo } from '../../../shared/contract';
import { AlertIcon, CloseIcon } from './Icons';

interface LibraryNoticesProps {
  info: LibraryInfo;
  onDismissDamaged: () => void;
}

/**
 * Files the library could not read. They were kept aside, never overwritten or replaced by
 * an empty article, and the user is told where they are until they dismiss the notice.
 */
export function LibraryNotices({ info, onDismissDamaged }: LibraryNoticesProps): React.JSX.Element | null {
  const { damaged, newerVersion } = info;
  if (damaged.length === 0 && newerVersion.length === 0) return null;
  return (
    <>
      {damaged.length > 0 && (
        <section className="panel notice notice-warning" aria-labelledby="damaged-title">
          <div className="panel-head">
            <AlertIcon size={18} />
            <h2 id="damaged-title" className="panel-title">
              Unreadable files kept aside
            </h2>
            <button
              type="button"
              className="icon-button"
              aria-label="Dismiss the notice about unreadable files"
              onClick={onDismissDamaged}
            >
              <CloseIcon size={16} />
            </button>
          </div>
          <div className="panel-body">
            <p>
              {damaged.length === 1
                ? '1 file could not be read and was kept aside as '
                : `${damaged.length} files could not be read and were kept aside as `}
              {damaged.map((d, i) => (
                <span key={d.keptAs}>
                  {i > 0 && (i === damaged.length - 1 ? ' and ' : ', ')}
                  <code>{d.keptAs}</code>
                </span>
              ))}
              . Nothing was overwritten: open {damaged.length === 1 ? 'it' : 'them'} from the library folder
              in a text editor to recover the text.
            </p>
            <ul className="damaged-list">
              {damaged.map((d) => (
                <li key={d.keptAs}>
                  <code>{d.keptAs}</code>: {d.reason}
                </li>
              ))}
            </ul>
          </div>
        </section>
      )}
      {newerVersion.length > 0 && (
        <section className="panel notice notice-info" aria-labelledby="newer-title">
          <div className="panel-head">
            <AlertIcon size={18} />
            <h2 id="newer-title" className="panel-title">
              {newerVersion.length === 1
                ? '1 article was saved by a newer Copydesk'
                : `${newerVersion.length} articles were saved by a newer Copydesk`}
            </h2>
          </div>
          <div className="panel-body">
            <p>
              To keep {newerVersion.length === 1 ? 'it' : 'them'} intact, this version lists but does not
              change {newerVersion.length === 1 ? 'it' : 'them'}: {newerVersion.join(', ')}. Update Copydesk
              to edit {newerVersion.length === 1 ? 'it' : 'them'}.
            </p>
          </div>
        </section>
      )}
    </>
  );
}
