/**
 * Every keyboard shortcut Copydesk has, in one table: the application menu takes its
 * accelerators from here, the renderer its tooltips and the keyboard-shortcuts sheet, and
 * docs/desktop.md its table. Accelerators use Electron's syntax (`CmdOrCtrl+Shift+F`).
 * No imports: the renderer bundles this file too.
 */

export type ShortcutGroup = 'File' | 'Edit' | 'View' | 'Article' | 'Help' | 'Editor';

export interface ShortcutDef {
  /** What the sheet and tooltips call it. */
  label: string;
  group: ShortcutGroup;
  /** Electron accelerator for Windows and Linux (and macOS unless `mac` is given). */
  accelerator: string;
  /** macOS only, where the usual key is taken by the system (Cmd+H hides the app). */
  mac?: string;
}

export const SHORTCUTS = {
  newArticle: { label: 'New article', group: 'File', accelerator: 'CmdOrCtrl+N' },
  importFiles: { label: 'Import…', group: 'File', accelerator: 'CmdOrCtrl+O' },
  exportHtml: { label: 'Export as HTML', group: 'File', accelerator: 'CmdOrCtrl+E' },
  openLibrary: { label: 'Open library…', group: 'File', accelerator: 'CmdOrCtrl+Shift+O' },
  showSettings: { label: 'Settings…', group: 'File', accelerator: 'CmdOrCtrl+,' },
  closeArticle: { label: 'Close article', group: 'File', accelerator: 'CmdOrCtrl+W' },
  closeWindow: { label: 'Close window', group: 'File', accelerator: 'CmdOrCtrl+Shift+W' },
  quit: { label: 'Quit', group: 'File', accelerator: 'CmdOrCtrl+Q' },

  undo: { label: 'Undo', group: 'Edit', accelerator: 'CmdOrCtrl+Z' },
  // Windows and Linux editors use Ctrl+Y; Ctrl+Shift+Z also works in the editor itself.
  redo: { label: 'Redo', group: 'Edit', accelerator: 'CmdOrCtrl+Y', mac: 'Cmd+Shift+Z' },
  cut: { label: 'Cut', group: 'Edit', accelerator: 'CmdOrCtrl+X' },
  copy: { label: 'Copy', group: 'Edit', accelerator: 'CmdOrCtrl+C' },
  paste: { label: 'Paste', group: 'Edit', accelerator: 'CmdOrCtrl+V' },
  pastePlainText: {
    label: 'Paste as plain text',
    group: 'Edit',
    accelerator: 'CmdOrCtrl+Shift+V',
    mac: 'Cmd+Alt+Shift+V',
  },
  selectAll: { label: 'Select all', group: 'Edit', accelerator: 'CmdOrCtrl+A' },
  find: { label: 'Find', group: 'Edit', accelerator: 'CmdOrCtrl+F' },
  // Cmd+H hides the app on macOS; Cmd+Alt+F is what Pages and Xcode use for replace.
  replace: { label: 'Replace', group: 'Edit', accelerator: 'CmdOrCtrl+H', mac: 'Cmd+Alt+F' },
  // As in Google Docs and Word. The renderer handles them too (commentSession.ts), so they work
  // wherever the selection is: the body, the headline, the Content Highlight or the byline.
  addComment: { label: 'Comment', group: 'Edit', accelerator: 'CmdOrCtrl+Alt+M' },
  toggleNote: { label: 'Note', group: 'Edit', accelerator: 'CmdOrCtrl+Alt+N' },

  // Not Ctrl+\\: that clears formatting in the editor, as in Google Docs.
  toggleLibrarySidebar: { label: 'Library sidebar', group: 'View', accelerator: 'CmdOrCtrl+Shift+L' },
  toggleReviewPanel: { label: 'Review panel', group: 'View', accelerator: 'CmdOrCtrl+Shift+R' },
  toggleFindingsPanel: { label: 'Findings panel', group: 'View', accelerator: 'CmdOrCtrl+Shift+K' },
  toggleFocusMode: { label: 'Focus mode', group: 'View', accelerator: 'CmdOrCtrl+Shift+F' },
  zoomIn: { label: 'Zoom in', group: 'View', accelerator: 'CmdOrCtrl+=' },
  zoomOut: { label: 'Zoom out', group: 'View', accelerator: 'CmdOrCtrl+-' },
  resetZoom: { label: 'Actual size', group: 'View', accelerator: 'CmdOrCtrl+0' },

  showHistory: { label: 'History', group: 'Article', accelerator: 'CmdOrCtrl+Shift+H' },
  duplicateArticle: { label: 'Duplicate', group: 'Article', accelerator: 'CmdOrCtrl+Shift+D' },
  // With Shift: Ctrl+Backspace deletes a word in the editor and Cmd+Backspace a line.
  trashArticle: { label: 'Move to trash', group: 'Article', accelerator: 'CmdOrCtrl+Shift+Backspace' },

  showShortcuts: { label: 'Keyboard shortcuts', group: 'Help', accelerator: 'CmdOrCtrl+/' },

  // Handled by the editor itself (TipTap's keymaps and the renderer), not by the menu.
  save: { label: 'Save now', group: 'Editor', accelerator: 'CmdOrCtrl+S' },
  bold: { label: 'Bold', group: 'Editor', accelerator: 'CmdOrCtrl+B' },
  italic: { label: 'Italic', group: 'Editor', accelerator: 'CmdOrCtrl+I' },
  // With Shift: Ctrl+, (Cmd+,) opens Settings, and a menu accelerator wins over the editor.
  superscript: { label: 'Superscript', group: 'Editor', accelerator: 'CmdOrCtrl+Shift+.' },
  subscript: { label: 'Subscript', group: 'Editor', accelerator: 'CmdOrCtrl+Shift+,' },
  link: { label: 'Link', group: 'Editor', accelerator: 'CmdOrCtrl+K' },
  clearFormatting: { label: 'Clear formatting', group: 'Editor', accelerator: 'CmdOrCtrl+\\' },
  lineBreak: { label: 'Line break', group: 'Editor', accelerator: 'Shift+Enter' },
  paragraph: { label: 'Paragraph', group: 'Editor', accelerator: 'CmdOrCtrl+Alt+0' },
  heading2: { label: 'Subheading (H2)', group: 'Editor', accelerator: 'CmdOrCtrl+Alt+2' },
  heading3: { label: 'Subheading (H3)', group: 'Editor', accelerator: 'CmdOrCtrl+Alt+3' },
  bulletList: { label: 'Bulleted list', group: 'Editor', accelerator: 'CmdOrCtrl+Shift+8' },
  orderedList: { label: 'Numbered list', group: 'Editor', accelerator: 'CmdOrCtrl+Shift+7' },
  blockquote: { label: 'Block quote', group: 'Editor', accelerator: 'CmdOrCtrl+Shift+B' },
  pullQuote: { label: 'Pull quote', group: 'Editor', accelerator: 'CmdOrCtrl+Shift+U' },
  // On a focused entry of the related-articles list under the body.
  moveRelatedUp: { label: 'Move a related article up', group: 'Editor', accelerator: 'Alt+Up' },
  moveRelatedDown: { label: 'Move a related article down', group: 'Editor', accelerator: 'Alt+Down' },
  // Word's shortcut for track changes; handled by the open article (ArticleEditor), wherever the focus is.
  toggleSuggesting: { label: 'Editing / Suggesting', group: 'Editor', accelerator: 'CmdOrCtrl+Shift+E' },
} as const satisfies Record<string, ShortcutDef>;

export type ShortcutId = keyof typeof SHORTCUTS;

/** The three keyboard conventions; `process.platform` or `navigator.platform` maps onto them. */
export type KeyboardPlatform = 'mac' | 'windows' | 'linux';

/** Maps `process.platform` (main) or a `navigator.platform`/`userAgentData` string (renderer). */
export function keyboardPlatform(platform: string): KeyboardPlatform {
  const p = platform.toLowerCase();
  if (p === 'darwin' || p.startsWith('mac')) return 'mac';
  if (p === 'win32' || p.startsWith('win')) return 'windows';
  return 'linux';
}

/** The Electron accelerator of a shortcut on a platform. */
export function acceleratorFor(id: ShortcutId, platform: KeyboardPlatform): string {
  const def: ShortcutDef = SHORTCUTS[id];
  return platform === 'mac' && def.mac ? def.mac : def.accelerator;
}

const MAC_SYMBOLS: Record<string, string> = {
  Cmd: '⌘',
  Command: '⌘',
  CmdOrCtrl: '⌘',
  CommandOrControl: '⌘',
  Ctrl: '⌃',
  Control: '⌃',
  Alt: '⌥',
  Option: '⌥',
  Shift: '⇧',
  Backspace: '⌫',
};
// Apple's order for modifier symbols: Control, Option, Shift, Command.
const MAC_ORDER = ['⌃', '⌥', '⇧', '⌘'];

/**
 * How a shortcut is written for people: `Ctrl+Shift+F` on Windows and Linux, `⇧⌘F` on macOS.
 * Tooltips and the shortcuts sheet use this so they always match the menu.
 */
export function shortcutLabel(id: ShortcutId, platform: KeyboardPlatform): string {
  return acceleratorLabel(acceleratorFor(id, platform), platform);
}

/** Formats any Electron accelerator for people (see {@link shortcutLabel}). */
export function acceleratorLabel(accelerator: string, platform: KeyboardPlatform): string {
  // Split on '+' but keep a trailing '+' key ("CmdOrCtrl+Plus" is spelled out, '=' is not).
  const parts = accelerator.split('+').filter((p) => p !== '');
  if (platform === 'mac') {
    const keys = parts.map((p) => MAC_SYMBOLS[p] ?? p);
    const mods = keys
      .filter((k) => MAC_ORDER.includes(k))
      .sort((a, b) => MAC_ORDER.indexOf(a) - MAC_ORDER.indexOf(b));
    const rest = keys.filter((k) => !MAC_ORDER.includes(k));
    return [...mods, ...rest].join('');
  }
  return parts
    .map((p) => (p === 'CmdOrCtrl' || p === 'CommandOrControl' || p === 'Control' ? 'Ctrl' : p))
    .join('+');
}

/** The keyboard-shortcuts sheet: every shortcut, grouped in menu order. */
export function shortcutSheet(
  platform: KeyboardPlatform,
): { group: ShortcutGroup; entries: { id: ShortcutId; label: string; keys: string }[] }[] {
  const groups: ShortcutGroup[] = ['File', 'Edit', 'View', 'Article', 'Help', 'Editor'];
  const ids = Object.keys(SHORTCUTS) as ShortcutId[];
  return groups.map((group) => ({
    group,
    entries: ids
      .filter((id) => SHORTCUTS[id].group === group)
      .map((id) => ({ id, label: SHORTCUTS[id].label, keys: shortcutLabel(id, platform) })),
  }));
}

/** The Markdown table of docs/desktop.md (a unit test keeps the document in step with this file). */
export function shortcutsMarkdown(): string {
  const rows = shortcutSheet('windows').flatMap(({ group, entries }) =>
    entries.map((e) => `| ${group} | ${e.label} | \`${e.keys}\` | \`${shortcutLabel(e.id, 'mac')}\` |`),
  );
  return ['| Menu | Action | Windows and Linux | macOS |', '| --- | --- | --- | --- |', ...rows].join('\n');
}
