/**
 * The only file that touches `ipcMain`: registers one `handle` per contract channel, each checking that the
 * sender is our window's top frame at our origin before the dispatcher parses the payload.
 */
import { ipcMain, type IpcMainInvokeEvent } from 'electron';
import { channelNames } from '../../shared/ipc/contract';
import type { IpcResult } from '../../shared/ipc/define';
import { IPC_ERROR, IPC_ERROR_MESSAGE } from '../../shared/ipc/errors';
import type { Dispatcher } from './dispatch';
import { isTrustedSender } from './sender-check';

/** Registers every channel; `ourFrames` returns the main frames of the console's windows. */
export function registerIpcHandlers(dispatch: Dispatcher, ourFrames: () => unknown[], trustedOrigin?: string): void {
  for (const channel of channelNames) {
    ipcMain.handle(channel, async (event: IpcMainInvokeEvent, payload: unknown): Promise<IpcResult<unknown>> => {
      if (!isTrustedSender(event.senderFrame, ourFrames(), trustedOrigin)) {
        return { ok: false, error: { code: IPC_ERROR.forbiddenSender, message: IPC_ERROR_MESSAGE.forbidden_sender } };
      }
      return dispatch(channel, payload);
    });
  }
}
