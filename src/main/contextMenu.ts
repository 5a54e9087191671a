import { Menu, type MenuItemConstructorOptions, type WebContents } from 'electron';
import { isSafeLinkUrl } from '../shared/urls';
import { acceleratorFor, type KeyboardPlatform } from '../shared/shortcuts';

/** The part of Electron's `ContextMenuParams` the menu is built from. */
export interface ContextMenuParamsLike {
  isEditable: boolean;
  selectionText: string;
  linkURL: string;
  editFlags: { canCut: boolean; canCopy: boolean; canPaste: boolean; canSelectAll: boolean };
}

/**
 * The spelling slot. Electron's own spellchecker stays off (it would send words to a
 * Chromium dictionary service on some platforms and does not know newsroom style); the copy
 * desk's offline checker (issue 6) fills this in. Until then there is no provider and no
 * spelling items.
 */
export interface SpellingSuggestions {
  word: string;
  suggestions: string[];
  /** Shown as "Add to dictionary" when given. */
  addToDictionary?: () => void;
  apply(suggestion: string): void;
}

export interface ContextMenuActions {
  /** Opens a link in the user's browser through the scheme check (http, https, mailto only). */
  openLink(url: string): void;
  copyText(text: string): void;
}

/** Builds the context menu for one right-click: spelling, link actions, then editing. */
export function buildContextMenuTemplate(
  params: ContextMenuParamsLike,
  platform: KeyboardPlatform,
  actions: ContextMenuActions,
  spelling: SpellingSuggestions | null = null,
): MenuItemConstructorOptions[] {
  const items: MenuItemConstructorOptions[] = [];
  const key = (id: 'cut' | 'copy' | 'paste' | 'pastePlainText' | 'selectAll') => acceleratorFor(id, platform);

  if (spelling) {
    if (spelling.suggestions.length === 0)
      items.push({ id: 'spelling:none', label: 'No suggestions', enabled: false });
    for (const suggestion of spelling.suggestions.slice(0, 6)) {
      items.push({
        id: `spelling:${suggestion}`,
        label: suggestion,
        click: () => spelling.apply(suggestion),
      });
    }
    if (spelling.addToDictionary) {
      items.push({
        id: 'spelling:add',
        label: `Add “${spelling.word}” to the dictionary`,
        click: spelling.addToDictionary,
      });
    }
    items.push({ type: 'separator' });
  }

  const link = params.linkURL.trim();
  if (link) {
    items.push(
      {
        id: 'openLink',
        label: 'Open link in browser',
        // Same check as window.open and the openExternal method: nothing but http(s) and mailto.
        enabled: isSafeLinkUrl(link),
        click: () => actions.openLink(link),
      },
      {
        id: 'copyLink',
        label: link.startsWith('mailto:') ? 'Copy email address' : 'Copy link address',
        click: () => actions.copyText(link.replace(/^mailto:/, '')),
      },
      { type: 'separator' },
    );
  }

  if (params.isEditable) {
    items.push(
      { id: 'cut', role: 'cut', label: 'Cut', accelerator: key('cut'), enabled: params.editFlags.canCut },
      {
        id: 'copy',
        role: 'copy',
        label: 'Copy',
        accelerator: key('copy'),
        enabled: params.editFlags.canCopy,
      },
      {
        id: 'paste',
        role: 'paste',
        label: 'Paste',
        accelerator: key('paste'),
        enabled: params.editFlags.canPaste,
      },
      {
        id: 'pastePlainText',
        role: 'pasteAndMatchStyle',
        label: 'Paste as plain text',
        accelerator: key('pastePlainText'),
        enabled: params.editFlags.canPaste,
      },
      { type: 'separator' },
      {
        id: 'selectAll',
        role: 'selectAll',
        label: 'Select all',
        accelerator: key('selectAll'),
        enabled: params.editFlags.canSelectAll,
      },
    );
  } else if (params.selectionText.trim()) {
    items.push({
      id: 'copy',
      role: 'copy',
      label: 'Copy',
      accelerator: key('copy'),
      enabled: params.editFlags.canCopy,
    });
  }

  while (items.length > 0 && items[items.length - 1]!.type === 'separator') items.pop();
  return items;
}

/**
 * Shows the context menu on right-click in `contents`. `spelling` is the slot for the copy
 * desk's suggestions (see {@link SpellingSuggestions}); leave it out until that lands.
 */
export function attachContextMenu(
  contents: WebContents,
  options: {
    platform: KeyboardPlatform;
    actions: ContextMenuActions;
    spelling?: (params: Electron.ContextMenuParams) => SpellingSuggestions | null;
  },
): void {
  contents.on('context-menu', (_event, params) => {
    const template = buildContextMenuTemplate(
      params,
      options.platform,
      options.actions,
      options.spelling?.(params) ?? null,
    );
    if (template.length === 0) return;
    Menu.buildFromTemplate(template).popup();
  });
}
