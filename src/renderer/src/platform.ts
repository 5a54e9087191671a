import {
  acceleratorFor,
  keyboardPlatform,
  shortcutLabel as sharedShortcutLabel,
  type KeyboardPlatform,
  type ShortcutId,
} from '../../shared/shortcuts';

/** Whether to show macOS key names (⌘, ⌥, ⇧) instead of Ctrl/Alt/Shift. */
export const isMac: boolean = /Mac|iPhone|iPad/.test(navigator.platform || navigator.userAgent);

/** Whether the platform's command modifier (Cmd on macOS, Ctrl elsewhere) is held. */
export function hasModifier(e: { metaKey: boolean; ctrlKey: boolean }): boolean {
  return isMac ? e.metaKey : e.ctrlKey;
}

/** The keyboard convention of this machine, for the shared shortcut table. */
export const keyboard: KeyboardPlatform = keyboardPlatform(navigator.platform || navigator.userAgent);

/**
 * A shortcut of the shared table (src/shared/shortcuts.ts) as people read it on this platform:
 * "Ctrl+Shift+7" or "⇧⌘7", exactly as the menu and the keyboard-shortcuts sheet write it.
 */
export function shortcutLabel(id: ShortcutId): string {
  return sharedShortcutLabel(id, keyboard);
}

/** The same shortcut in the form `aria-keyshortcuts` wants ("Control+Shift+7"). */
export function ariaShortcut(id: ShortcutId): string {
  return acceleratorFor(id, keyboard)
    .split('+')
    .map((k) =>
      k === 'CmdOrCtrl' ? (keyboard === 'mac' ? 'Meta' : 'Control') : k === 'Cmd' ? 'Meta' : k === 'Up' || k === 'Down' ? `Arrow${k}` : k,
    )
    .join('+');
}
