import { Extension } from '@tiptap/core';

export interface LinkShortcutOptions {
  /**
   * Called on Mod-K to let the user type or edit a link's address. The link mark itself has no
   * shortcut in TipTap, because asking for a URL needs UI that a headless extension cannot draw.
   * @default () => {}
   */
  onRequestLink: () => void;
}

/** Binds Ctrl/Cmd+K to the renderer's link dialog. */
export const LinkShortcut = Extension.create<LinkShortcutOptions>({
  name: 'linkShortcut',

  addOptions() {
    return { onRequestLink: () => {} };
  },

  addKeyboardShortcuts() {
    return {
      'Mod-k': () => {
        this.options.onRequestLink();
        return true;
      },
    };
  },
});
