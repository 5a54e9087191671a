import { contextBridge, ipcRenderer, type IpcRendererEvent } from 'electron';
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
