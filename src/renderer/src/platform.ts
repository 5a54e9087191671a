import {
  acceleratorFor,
  keyboardPlatform,
  shortcutLabel as sharedShortcutLabel,
  type KeyboardPlatform,
  type ShortcutId,
} from '../../shared/shortcuts';

/** The keyboard convention of this machine, for the shared shortcut table. */
export const keyboard: KeyboardPlatform = keyboardPlatform(navigator.platform || navigator.userAgent);

/** Whether to show macOS key names (⌘, ⌥, ⇧) instead of Ctrl/Alt/Shift. */
export const isMac: boolean = keyboard === 'mac';

/** Whether the platform's command modifier (Cmd on macOS, Ctrl elsewhere) is held. */
export function hasModifier(e: { metaKey: boolean; ctrlKey: boolean }): boolean {
  return isMac ? e.metaKey : e.ctrlKey;
}

/**
 * A shortcut of the shared table (src/shared/shortcuts.ts) as people read it on this platform:
 * "Ctrl+Shift+7" or "⇧⌘7", exactly as the menu and the keyboard-shortcuts sheet write it.
 */
export function shortcutLabel(id: ShortcutId): string {
  return sharedShortcutLabel(id, keyboard);
}

/** Electron's key names where `aria-keyshortcuts` (the DOM's `KeyboardEvent.key`) differs. */
const ARIA_KEYS: Record<string, string> = {
  CmdOrCtrl: isMac ? 'Meta' : 'Control',
  Cmd: 'Meta',
  Up: 'ArrowUp',
  Down: 'ArrowDown',
};

/** The same shortcut in the form `aria-keyshortcuts` wants ("Control+Shift+7"). */
export function ariaShortcut(id: ShortcutId): string {
  return acceleratorFor(id, keyboard)
    .split('+')
    .map((k) => ARIA_KEYS[k] ?? k)
    .join('+');
}
