/** Whether to show macOS key names (⌘, ⌥, ⇧) instead of Ctrl/Alt/Shift. */
export const isMac: boolean = /Mac|iPhone|iPad/.test(navigator.platform || navigator.userAgent);

/** Whether the platform's command modifier (Cmd on macOS, Ctrl elsewhere) is held. */
export function hasModifier(e: { metaKey: boolean; ctrlKey: boolean }): boolean {
  return isMac ? e.metaKey : e.ctrlKey;
}

/**
 * A shortcut written the TipTap way ("Mod-Shift-7") as people read it: "Shift+Ctrl+7" or "⇧⌘7".
 * Keys are listed in the order the platform's own menus use.
 */
export function shortcutLabel(keys: string): string {
  const parts = keys.split('-');
  const key = parts.pop()!.toUpperCase();
  const mods = new Set(parts);
  if (isMac) {
    return `${mods.has('Alt') ? '⌥' : ''}${mods.has('Shift') ? '⇧' : ''}${mods.has('Mod') ? '⌘' : ''}${key}`;
  }
  const names = [mods.has('Alt') && 'Alt', mods.has('Shift') && 'Shift', mods.has('Mod') && 'Ctrl'].filter(
    Boolean,
  );
  return [...names, key].join('+');
}

/** The same shortcut in the form `aria-keyshortcuts` wants ("Control+Shift+7"). */
export function ariaShortcut(keys: string): string {
  return keys
    .split('-')
    .map((k) => (k === 'Mod' ? (isMac ? 'Meta' : 'Control') : k.length === 1 ? k.toUpperCase() : k))
    .join('+');
}
