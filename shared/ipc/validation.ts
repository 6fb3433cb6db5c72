/** Turns zod issues into the IPC error the renderer shows next to form fields. */
import type { z } from 'zod';
import type { IpcError } from './define';
import { IPC_ERROR, IPC_ERROR_MESSAGE } from './errors';

/** A bad-request error listing each invalid field in plain words. */
export function badRequestFromZod(error: z.ZodError): IpcError {
  const fields: Record<string, string> = {};
  for (const issue of error.issues) {
    const key = issue.path.length > 0 ? issue.path.join('.') : '_';
    if (!(key in fields)) fields[key] = issue.message;
  }
  const first = Object.entries(fields)[0];
  const message = first ? `${IPC_ERROR_MESSAGE.bad_request} (${first[0] === '_' ? '' : `${first[0]}: `}${first[1]})` : IPC_ERROR_MESSAGE.bad_request;
  return { code: IPC_ERROR.badRequest, message, fields };
}
