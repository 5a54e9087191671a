import { Mark, mergeAttributes } from '@tiptap/core';

export interface SuperscriptOptions {
  /**
   * Extra HTML attributes on the `<sup>`.
   * @default {}
   */
  HTMLAttributes: Record<string, unknown>;
}

declare module '@tiptap/core' {
  interface Commands<ReturnType> {
    superscript: {
      setSuperscript: () => ReturnType;
      toggleSuperscript: () => ReturnType;
      unsetSuperscript: () => ReturnType;
    };
  }
}

/** Superscript (m² written as m<sup>2</sup>). Excludes subscript: a character is one or the other. */
export const Superscript = Mark.create<SuperscriptOptions>({
  name: 'superscript',
  excludes: 'subscript',

  addOptions() {
    return { HTMLAttributes: {} };
  },

  parseHTML() {
    return [
      { tag: 'sup' },
      { style: 'vertical-align', getAttrs: (value) => (value === 'sup' ? null : false) },
    ];
  },

  renderHTML({ HTMLAttributes }) {
    return ['sup', mergeAttributes(this.options.HTMLAttributes, HTMLAttributes), 0];
  },

  addCommands() {
    return {
      setSuperscript:
        () =>
        ({ commands }) =>
          commands.setMark(this.name),
      toggleSuperscript:
        () =>
        ({ commands }) =>
          commands.toggleMark(this.name),
      unsetSuperscript:
        () =>
        ({ commands }) =>
          commands.unsetMark(this.name),
    };
  },

  addKeyboardShortcuts() {
    // With Shift like subscript (Mod-Shift-,), whose plain Mod-, is Settings.
    return { 'Mod-Shift-.': () => this.editor.commands.toggleSuperscript() };
  },
});
