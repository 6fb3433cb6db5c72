/**
 * The service client every console feature uses: the connection's own client, reporting each outcome to the
 * service link, so an outage is noticed at the first call that meets it and a return at the first call answered.
 * A call with the console's session that the service answers "unauthorized" means the session has ended; it becomes
 * `session_ended`, which says to sign in again (a retry cannot help). Calls with another token (the simulator's
 * end users) only report whether the service answered.
 */
import { apiRoutes } from '../../../shared/api';
import { IPC_ERROR } from '../../../shared/ipc/errors';
import { ConsoleError } from '../../ipc/console-error';
import type { ServiceClient } from '../service-client';
import type { ServiceLink } from './service-link';

/** Words for a session the service no longer knows, by where the console is connected. */
export function sessionEndedMessage(mode: 'embedded' | 'remote', target: string): string {
  return mode === 'remote'
    ? `The MFA service at ${target} no longer recognises this console's session (it ended, was signed out, or the service's data was replaced). Sign in again in Settings to make changes; until then the console shows its own copy, read-only.`
    : 'The embedded MFA service no longer recognises the operator the console acts as. Pick the operator again in Settings.';
}

/** Wraps `client` so every call reports to `link`. */
export function linkedClient(client: ServiceClient, link: ServiceLink, sessionEnded: () => string): ServiceClient {
  return {
    setToken: (token) => client.setToken(token),
    async call(name, input, options = {}) {
      try {
        const answer = await client.call(name, input, options);
        link.contact();
        return answer;
      } catch (error) {
        if (!(error instanceof ConsoleError)) throw error;
        if (error.code === IPC_ERROR.serviceUnavailable) {
          link.lost(error.message);
          throw error;
        }
        if (error.code === 'unauthorized' && options.token === undefined && apiRoutes[name].auth !== 'none') {
          const message = sessionEnded();
          link.sessionEnded(message);
          throw new ConsoleError(IPC_ERROR.sessionEnded, message);
        }
        link.contact();
        throw error;
      }
    },
  };
}
