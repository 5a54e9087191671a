import type { IpcMain, IpcMainInvokeEvent } from 'electron';
import { METHOD_NAMES, channelFor } from '../shared/channels';
import type { Envelope } from '../shared/errors';
import { dispatch, type Handlers, type HandlerDeps } from '../services/handlers';

/**
 * Registers one `ipcMain.handle` per contract method. Each call is refused unless it comes
 * from one of the app's own pages; its input is validated by `dispatch` before any work.
 */
export function registerIpc(
  ipcMain: Pick<IpcMain, 'handle' | 'removeHandler'>,
  handlers: Handlers,
  options: { isTrustedSender(url: string): boolean; log?: HandlerDeps['log'] },
): () => void {
  for (const method of METHOD_NAMES) {
    ipcMain.handle(
      channelFor(method),
      async (event: IpcMainInvokeEvent, input: unknown): Promise<Envelope<unknown>> => {
        const url = event.senderFrame?.url ?? '';
        if (!options.isTrustedSender(url)) {
          options.log?.(`refused ${method} from ${url || 'an unknown frame'}`, null);
          return {
            ok: false,
            error: { code: 'invalid-input', message: 'Refused: this request did not come from Copydesk.' },
          };
        }
        return dispatch(handlers, method, input, options.log);
      },
    );
  }
  return () => {
    for (const method of METHOD_NAMES) ipcMain.removeHandler(channelFor(method));
  };
}
