import { Extension } from '@tiptap/core';
import { tokenize } from 'linkifyjs';

/**
 * Builds linkify's scanner while the page is idle after an article opens.
 *
 * TipTap's Link finds addresses in typed and pasted text with linkifyjs, which builds its scanner
 * (a state machine over every top-level domain) on first use, and Link resets it whenever an
 * editor is destroyed, so on every article switch. The first paste or typed address after
 * opening an article paid for that build (about 6 ms, a tenth of pasting a 5,000-word story);
 * now an idle moment does.
 */
export const WarmLinkify = Extension.create<object, { idle: number | null }>({
  name: 'warmLinkify',

  addStorage() {
    return { idle: null };
  },

  onCreate() {
    if (typeof requestIdleCallback !== 'function') return;
    this.storage.idle = requestIdleCallback(
      () => {
        this.storage.idle = null;
        if (!this.editor.isDestroyed) tokenize('');
      },
      { timeout: 2000 },
    );
  },

  onDestroy() {
    if (this.storage.idle !== null) cancelIdleCallback(this.storage.idle);
    this.storage.idle = null;
  },
});
