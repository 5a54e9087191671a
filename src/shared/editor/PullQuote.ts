import { mergeAttributes, Node } from '@tiptap/core';

export interface PullQuoteOptions {
  /**
   * Extra HTML attributes on the `<aside>`.
   * @default {}
   */
  HTMLAttributes: Record<string, unknown>;
}

declare module '@tiptap/core' {
  interface Commands<ReturnType> {
    pullQuote: {
      /** Wraps the selected blocks in a pull quote. */
      setPullQuote: () => ReturnType;
      /** Wraps or unwraps the selected blocks. */
      togglePullQuote: () => ReturnType;
      /** Lifts the selected blocks out of the pull quote. */
      unsetPullQuote: () => ReturnType;
    };
  }
}

/**
 * A pull quote: a line lifted from the story and set large beside it. It is not a block quote
 * (which quotes a source in the running text), so it is its own node, published as
 * `<aside class="pull-quote">` and never confused with `<blockquote>`.
 */
export const PullQuote = Node.create<PullQuoteOptions>({
  name: 'pullQuote',
  group: 'block',
  content: 'paragraph+',
  defining: true,

  addOptions() {
    return { HTMLAttributes: {} };
  },

  parseHTML() {
    // Higher than the generic rules so a pasted or imported pull quote is not read as a section.
    return [{ tag: 'aside.pull-quote', priority: 60 }];
  },

  renderHTML({ HTMLAttributes }) {
    return [
      'aside',
      mergeAttributes(this.options.HTMLAttributes, HTMLAttributes, { class: 'pull-quote' }),
      0,
    ];
  },

  addCommands() {
    return {
      setPullQuote:
        () =>
        ({ commands }) =>
          commands.wrapIn(this.name),
      togglePullQuote:
        () =>
        ({ commands }) =>
          commands.toggleWrap(this.name),
      unsetPullQuote:
        () =>
        ({ commands }) =>
          commands.lift(this.name),
    };
  },

  addKeyboardShortcuts() {
    return { 'Mod-Shift-u': () => this.editor.commands.togglePullQuote() };
  },
});
