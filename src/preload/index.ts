import { contextBridge, ipcRenderer, webUtils, type IpcRendererEvent } from 'electron';
import {
  BRIDGE_GLOBAL,
  EVENT_NAMES,
  METHOD_NAMES,
  channelFor,
  eventChannelFor,
  subscriberName,
} from '../shared/channels';

/**
 * Exposes exactly the contract's methods and event subscribers on `window.copydesk`: no
 * ipcRenderer, no generic invoke, no event objects (listeners get the payload only).
 */
const bridge: Record<string, unknown> = {};
for (const method of METHOD_NAMES) {
  bridge[method] = (input?: unknown) => ipcRenderer.invoke(channelFor(method), input);
}

/**
 * Dropped files: with context isolation the page cannot learn a file's path, and it must not
 * (it would then be able to name any path). So the page hands over the DOM `File` objects it
 * got from the drop event and this preload asks Electron for their paths. `getPathForFile`
 * answers only for files backed by the disk: a `File` the page made up itself yields '' and is
 * dropped here, so the only paths that reach main are ones the user dragged in. Main then
 * imports (reads) only existing files with a supported extension, never writes to them.
 */
bridge.importDroppedFiles = (files: unknown) => {
  const list = Array.isArray(files) ? files : [];
  const paths: string[] = [];
  for (const file of list) {
    try {
      const path = webUtils.getPathForFile(file as File);
      if (path) paths.push(path);
    } catch {
      // Not a File: ignored, like a file that is not on disk.
    }
  }
  if (paths.length === 0) {
    return Promise.resolve({
      ok: false,
      error: {
        code: 'invalid-input',
        message: 'Nothing to import: drop article files from your computer onto the window.',
      },
    });
  }
  return ipcRenderer.invoke(channelFor('importDroppedFiles'), { paths });
};
for (const event of EVENT_NAMES) {
  bridge[subscriberName(event)] = (listener: (payload: unknown) => void) => {
    if (typeof listener !== 'function') throw new TypeError('A listener function is required.');
    const channel = eventChannelFor(event);
    const handler = (_e: IpcRendererEvent, payload: unknown) => listener(payload);
    ipcRenderer.on(channel, handler);
    return () => {
      ipcRenderer.removeListener(channel, handler);
    };
  };
}

contextBridge.exposeInMainWorld(BRIDGE_GLOBAL, bridge);
