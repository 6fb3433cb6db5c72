/**
 * Building blocks of the IPC contract: a channel is a zod request schema plus a phantom response type.
 * Declared once here; the preload, the main handlers and the browser-mode bridge are all typed from it.
 */
import type { z } from 'zod';

/** One IPC channel: what the renderer may send (validated in main) and what it gets back. */
export interface ChannelDef<Req extends z.ZodType, Res> {
  readonly request: Req;
  /** Phantom: never read at run time, only carries the response type. */
  readonly response: Res;
}

/** Declares a channel; `Res` is given as a type argument: `channel(z.object({}))<Dashboard>()`. */
export function channel<Req extends z.ZodType>(request: Req) {
  return <Res>(): ChannelDef<Req, Res> => ({ request, response: undefined as Res });
}

/** An error the renderer can show: a stable code and plain words. */
export interface IpcError {
  code: string;
  message: string;
  /** Field-level problems for forms, e.g. { deadlineDate: 'Pick a date' }. */
  fields?: Record<string, string>;
  /** Extra facts a view may show (e.g. whom to contact). */
  details?: Record<string, unknown>;
}

/** Every IPC call resolves to this: never a thrown error across the bridge. */
export type IpcResult<T> = { ok: true; value: T } | { ok: false; error: IpcError };
