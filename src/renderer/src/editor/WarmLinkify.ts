import { Extension } from '@tiptap/core';
import { tokenize } from 'linkifyjs';
import { afterPaint } from '../afterPaint';

/**
 * Builds linkify's scanner while the page is idle after an opened article is on screen.
 *
 * TipTap's Link finds addresses in typed and pasted text with linkifyjs, which builds its scanner
 * (a state machine over every top-level domain) on first use, and Link resets it whenever an
 * editor is destroyed, so on every article switch. The first paste or typed address after
 * opening an article paid for that build (about 6 ms, a tenth of pasting a 5,000-word story);
 * now an idle moment does.
 */
export const WarmLinkify = Extension.create<object, { cancel: (() => void) | null }>({
  name: 'warmLinkify',

  addStorage() {
    return { cancel: null };
  },

  onCreate() {
    if (typeof requestIdleCallback !== 'function') return;
    const storage = this.storage;
    const cancelPaint = afterPaint(() => {
      const idle = requestIdleCallback(
        () => {
          storage.cancel = null;
          if (!this.editor.isDestroyed) tokenize('');
        },
        { timeout: 2000 },
      );
      storage.cancel = () => cancelIdleCallback(idle);
    });
    storage.cancel = cancelPaint;
  },

  onDestroy() {
    this.storage.cancel?.();
    this.storage.cancel = null;
  },
});
