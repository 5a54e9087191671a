import { Extension } from '@tiptap/core';

/** Shortcuts the shared preset leaves to the editor: clear formatting (Mod-\). */
export const EditorShortcuts = Extension.create({
  name: 'editorShortcuts',

  addKeyboardShortcuts() {
    return {
      'Mod-\\': () => this.editor.chain().unsetAllMarks().clearNodes().run(),
    };
  },
});
