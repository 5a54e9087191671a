import { readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import {
  acceleratorLabel,
  keyboardPlatform,
  shortcutLabel,
  shortcutSheet,
  shortcutsMarkdown,
  SHORTCUTS,
  type KeyboardPlatform,
  type ShortcutId,
} from '../../src/shared/shortcuts';

describe('one shortcut table for the menu, tooltips, the sheet and the docs', () => {
  it('writes shortcuts the way each platform does', () => {
    expect(shortcutLabel('toggleFocusMode', 'windows')).toBe('Ctrl+Shift+F');
    expect(shortcutLabel('toggleFocusMode', 'mac')).toBe('⇧⌘F');
    expect(shortcutLabel('replace', 'mac')).toBe('⌥⌘F');
    expect(shortcutLabel('replace', 'linux')).toBe('Ctrl+H');
    expect(shortcutLabel('pastePlainText', 'mac')).toBe('⌥⇧⌘V');
    expect(acceleratorLabel('CmdOrCtrl+\\', 'linux')).toBe('Ctrl+\\');
  });

  it('maps platform names from main and from the browser', () => {
    expect(keyboardPlatform('darwin')).toBe('mac');
    expect(keyboardPlatform('MacIntel')).toBe('mac');
    expect(keyboardPlatform('win32')).toBe('windows');
    expect(keyboardPlatform('Win32')).toBe('windows');
    expect(keyboardPlatform('linux')).toBe('linux');
    expect(keyboardPlatform('Linux x86_64')).toBe('linux');
  });

  it.each(['mac', 'windows', 'linux'] as KeyboardPlatform[])('has no shortcut twice on %s', (platform) => {
    const labels = (Object.keys(SHORTCUTS) as ShortcutId[]).map((id) => shortcutLabel(id, platform));
    expect(new Set(labels).size).toBe(labels.length);
  });

  it('the sheet lists every shortcut once', () => {
    const entries = shortcutSheet('linux').flatMap((g) => g.entries);
    expect(entries.map((e) => e.id).sort()).toEqual(Object.keys(SHORTCUTS).sort());
  });

  it('docs/desktop.md shows the table generated from the shortcut table', () => {
    const path = join(import.meta.dirname, '../../docs/desktop.md');
    const doc = readFileSync(path, 'utf8');
    const start =
      '<!-- shortcuts:start (generated from src/shared/shortcuts.ts by tests/unit/desktopShortcuts.test.ts) -->';
    const end = '<!-- shortcuts:end -->';
    const expected = `${start}\n${shortcutsMarkdown()}\n${end}`;
    const current = doc.slice(doc.indexOf(start), doc.indexOf(end) + end.length);
    if (current !== expected && process.env.UPDATE_DOCS === '1') {
      writeFileSync(path, doc.replace(current, expected));
      return;
    }
    // To regenerate: UPDATE_DOCS=1 npx vitest run tests/unit/desktopShortcuts.test.ts
    expect(current).toBe(expected);
  });
});
