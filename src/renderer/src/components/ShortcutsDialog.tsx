import type React from 'react';
import { shortcutSheet } from '../../../shared/shortcuts';
import { keyboard } from '../platform';
import { AppDialog } from './AppDialog';

/** Every keyboard shortcut, grouped as the menus are, from the one table the menus use too. */
export function ShortcutsDialog({ onClose }: { onClose: () => void }): React.JSX.Element {
  const sheet = shortcutSheet(keyboard);
  return (
    <AppDialog title="Keyboard shortcuts" wide onClose={onClose}>
      {/* Focusable so the sheet scrolls from the keyboard too. */}
      <div className="dialog-scroll" tabIndex={0} role="region" aria-label="All shortcuts">
        {sheet
          .filter((g) => g.entries.length > 0)
          .map((g) => (
            <table key={g.group} className="shortcut-table">
              <caption>{g.group === 'Editor' ? 'In the editor' : `${g.group} menu`}</caption>
              <thead>
                <tr>
                  <th scope="col">Action</th>
                  <th scope="col">Keys</th>
                </tr>
              </thead>
              <tbody>
                {g.entries.map((e) => (
                  <tr key={e.id}>
                    <td>{e.label}</td>
                    <td>
                      <kbd className="kbd">{e.keys}</kbd>
                    </td>
                  </tr>
                ))}
              </tbody>
            </table>
          ))}
      </div>
    </AppDialog>
  );
}
