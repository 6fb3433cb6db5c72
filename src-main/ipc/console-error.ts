/** An expected failure a handler reports to the person using the console (never a crash). */
import type { IpcError } from '../../shared/ipc/define';

/** Thrown by handlers and console services; the dispatcher turns it into `{ ok: false, error }`. */
export class ConsoleError extends Error {
  readonly code: string;
  readonly fields?: Record<string, string>;
  readonly details?: Record<string, unknown>;

  constructor(code: string, message: string, extra: { fields?: Record<string, string>; details?: Record<string, unknown> } = {}) {
    super(message);
    this.name = 'ConsoleError';
    this.code = code;
    if (extra.fields) this.fields = extra.fields;
    if (extra.details) this.details = extra.details;
  }

  /** The wire form of this error. */
  toIpcError(): IpcError {
    return {
      code: this.code,
      message: this.message,
      ...(this.fields ? { fields: this.fields } : {}),
      ...(this.details ? { details: this.details } : {}),
    };
  }
}
