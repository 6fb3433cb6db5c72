/**
 * The one place an IPC request becomes a handler call: channel lookup, schema parse, error mapping.
 * Used by the Electron wrapper (after its sender check) and by browser mode (after its session check).
 */
import type { Channel, ParsedRequestOf, ResponseOf } from '../../shared/ipc/contract';
import { ipcContract, isChannel } from '../../shared/ipc/contract';
import type { IpcResult } from '../../shared/ipc/define';
import { IPC_ERROR, IPC_ERROR_MESSAGE } from '../../shared/ipc/errors';
import { badRequestFromZod } from '../../shared/ipc/validation';
import { ConsoleError } from './console-error';

/** A handler is a plain async function of the validated request. */
export type Handler<C extends Channel> = (input: ParsedRequestOf<C>) => Promise<ResponseOf<C>>;
/** One handler for every channel: a missing one is a compile error in the composition root. */
export type Handlers = { [C in Channel]: Handler<C> };
/** Runs an untrusted (channel, payload) pair and always resolves to an IpcResult. */
export type Dispatcher = (channel: string, payload: unknown) => Promise<IpcResult<unknown>>;

/** Logs failures without payloads: requests may carry codes or secrets. */
export type FailureLog = (channel: string, error: unknown) => void;

const defaultLog: FailureLog = (channel, error) => {
  const what = error instanceof Error ? `${error.name}: ${error.message}` : String(error);
  console.error(`[ipc] ${channel} failed: ${what}`);
};

/** Builds the dispatcher over a complete handler map. */
export function createDispatcher(handlers: Handlers, log: FailureLog = defaultLog): Dispatcher {
  return async (channel, payload) => {
    if (!isChannel(channel)) {
      return { ok: false, error: { code: IPC_ERROR.unknownChannel, message: IPC_ERROR_MESSAGE.unknown_channel } };
    }
    const parsed = ipcContract[channel].request.safeParse(payload ?? {});
    if (!parsed.success) return { ok: false, error: badRequestFromZod(parsed.error) };
    try {
      const handler = handlers[channel] as (input: unknown) => Promise<unknown>;
      const value = await handler(parsed.data);
      return { ok: true, value };
    } catch (error) {
      if (error instanceof ConsoleError) return { ok: false, error: error.toIpcError() };
      log(channel, error);
      return { ok: false, error: { code: IPC_ERROR.internal, message: IPC_ERROR_MESSAGE.internal } };
    }
  };
}
