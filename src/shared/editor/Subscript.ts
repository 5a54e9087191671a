import { Mark, mergeAttributes } from '@tiptap/core';

export interface SubscriptOptions {
  /**
   * Extra HTML attributes on the `<sub>`.
   * @default {}
   */
  HTMLAttributes: Record<string, unknown>;
}

declare module '@tiptap/core' {
  interface Commands<ReturnType> {
    subscript: {
      setSubscript: () => ReturnType;
      toggleSubscript: () => ReturnType;
      unsetSubscript: () => ReturnType;
    };
  }
}

/** Subscript (CO₂ written as CO<sub>2</sub>). Excludes superscript: a character is one or the other. */
export const Subscript = Mark.create<SubscriptOptions>({
  name: 'subscript',
  excludes: 'superscript',

  addOptions() {
    return { HTMLAttributes: {} };
  },

  parseHTML() {
    return [
      { tag: 'sub' },
      { style: 'vertical-align', getAttrs: (value) => (value === 'sub' ? null : false) },
    ];
  },

  renderHTML({ HTMLAttributes }) {
    return ['sub', mergeAttributes(this.options.HTMLAttributes, HTMLAttributes), 0];
  },

  addCommands() {
    return {
      setSubscript:
        () =>
        ({ commands }) =>
          commands.setMark(this.name),
      toggleSubscript:
        () =>
        ({ commands }) =>
          commands.toggleMark(this.name),
      unsetSubscript:
        () =>
        ({ commands }) =>
          commands.unsetMark(this.name),
    };
  },

  addKeyboardShortcuts() {
    // Not Mod-, : Cmd+, (Ctrl+,) opens Settings from the menu, which takes the key first.
    return { 'Mod-Shift-,': () => this.editor.commands.toggleSubscript() };
  },
});
