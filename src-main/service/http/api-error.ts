/** An expected refusal of the service, answered as `{ error: { code, message, details } }`. */
import type { ApiErrorCode } from '../../../shared/api/define';
import { API_ERRORS } from '../../../shared/api/define';

/** Thrown by routes and domain services; the error handler maps it to its HTTP status. */
export class ApiError extends Error {
  readonly code: ApiErrorCode;
  readonly details?: Record<string, unknown>;

  constructor(code: ApiErrorCode, message: string, details?: Record<string, unknown>) {
    super(message);
    this.name = 'ApiError';
    this.code = code;
    if (details) this.details = details;
  }

  /** The HTTP status for this error's code. */
  get status(): number {
    return API_ERRORS[this.code];
  }
}
