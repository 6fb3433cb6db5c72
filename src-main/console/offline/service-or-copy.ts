/** Reads that answer from the service while it can be used, and from the console's copy while it cannot. */
import { IPC_ERROR } from '../../../shared/ipc/errors';
import { ConsoleError } from '../../ipc/console-error';
import type { ServiceLink } from '../link/service-link';

/** True for the failures a copy answers for: the service cannot be reached, or the console's session ended. */
export function isOutage(error: unknown): boolean {
  return error instanceof ConsoleError && (error.code === IPC_ERROR.serviceUnavailable || error.code === IPC_ERROR.sessionEnded || error.code === IPC_ERROR.offline);
}

/**
 * Asks the service while the link is online; when it cannot be used (or the call meets an outage), answers from the
 * copy, or, without one, refuses with `missing` (what has no copy yet, and when it will have one).
 */
export async function serviceOrCopy<T>(link: ServiceLink, ask: () => Promise<T>, copy: () => T | null, missing: string): Promise<T> {
  if (link.online) {
    try {
      return await ask();
    } catch (error) {
      if (!isOutage(error)) throw error;
    }
  }
  const kept = copy();
  if (kept !== null) return kept;
  const why = link.current.state === 'session_ended' ? 'the console’s session with the MFA service has ended (sign in again in Settings)' : 'the MFA service cannot be reached right now';
  throw new ConsoleError(link.current.state === 'session_ended' ? IPC_ERROR.sessionEnded : IPC_ERROR.offline, `This cannot be shown: ${why}, and ${missing}`);
}
