/**
 * The channels that cannot work without the service (every change, and the few reads the console has no copy of),
 * refused at once while the link says the service cannot be used: nothing is sent, so nothing can be half done, and
 * the refusal says why and what to do. The screens disable these controls with the same reason; this is the check
 * that holds whatever a screen does.
 */
import type { Channel } from '../../../shared/ipc/contract';
import { IPC_ERROR } from '../../../shared/ipc/errors';
import { ConsoleError } from '../../ipc/console-error';
import type { Handlers } from '../../ipc/dispatch';
import type { ServiceLink } from './service-link';

/** What a channel does, in words, and whether it changes anything. */
interface ServiceNeed {
  what: string;
  changes: boolean;
}

/** Every channel that needs the service. */
export const NEEDS_SERVICE: Partial<Record<Channel, ServiceNeed>> = {
  'directory:deactivate': { what: 'Deactivating users', changes: true },
  'directory:deactivate-stale': { what: 'Deactivating the stale users', changes: true },
  'directory:reactivate': { what: 'Reactivating a user', changes: true },
  'directory:unlock': { what: "Unlocking a user's MFA", changes: true },
  'directory:import-start': { what: 'Checking or importing a CSV file', changes: true },
  'directory:update': { what: 'Changing a user', changes: true },
  'directory:revoke-access-code': { what: 'Withdrawing a temporary access code', changes: true },
  'policy:save': { what: 'Saving the MFA policy', changes: true },
  'reset:perform': { what: "Resetting a user's MFA", changes: true },
  'reset:eligibility': { what: 'Checking whether a user can be reset', changes: false },
  'reset:triage': { what: 'Finding who can help a caller', changes: false },
  'reset:access-code-eligibility': { what: 'Checking whether a user can get a temporary access code', changes: false },
  'reset:issue-access-code': { what: 'Issuing a temporary access code', changes: true },
  'activity:list': { what: 'Sign-in activity', changes: false },
  'activity:export': { what: 'Exporting the sign-in activity', changes: false },
  'audit:verify': { what: 'Verifying the audit log', changes: false },
  'audit:export': { what: 'Exporting the audit log', changes: false },
  'audit:export-jsonl': { what: 'Exporting the audit log', changes: false },
  'audit-webhook:get': { what: 'Forwarding the audit log', changes: false },
  'audit-webhook:save': { what: 'Changing where the audit log is forwarded', changes: true },
  'audit-webhook:remove': { what: 'Turning off audit log forwarding', changes: true },
  'audit-webhook:test': { what: 'Testing audit log forwarding', changes: true },
  'audit-webhook:retry': { what: 'Retrying audit log forwarding', changes: true },
  'rollout:get': { what: 'The rollout messages', changes: false },
  'rollout:preview': { what: 'Previewing a rollout message', changes: false },
  'rollout:save': { what: 'Saving a rollout message', changes: true },
  'rollout:restore-default': { what: 'Restoring a rollout message', changes: true },
  'rollout:export': { what: 'Exporting rollout messages', changes: false },
  'rollout:blocked-csv': { what: 'Exporting who will be blocked', changes: false },
  'invitations:create-user': { what: 'Adding a user', changes: true },
  'invitations:invite': { what: 'Sending invitations', changes: true },
  'invitations:revoke': { what: 'Revoking an invitation', changes: true },
  'mail:retry': { what: 'Retrying an email', changes: true },
  'mail:test': { what: 'Sending a test email', changes: true },
  'simulator:directory': { what: 'The enrollment simulator', changes: false },
  'simulator:start': { what: 'The enrollment simulator', changes: true },
  'simulator:act': { what: 'The enrollment simulator', changes: true },
  'simulator:reset-user': { what: "Resetting a demo user's enrollment", changes: true },
  'simulator:clock': { what: "Moving the demo company's clock", changes: true },
};

/** The refusal for `need` in the link's present state. */
export function offlineRefusal(link: ServiceLink, need: ServiceNeed): ConsoleError {
  const nothing = need.changes ? 'so nothing was sent and nothing changed' : 'so nothing was sent';
  if (link.current.state === 'session_ended') {
    return new ConsoleError(IPC_ERROR.sessionEnded, `${need.what} needs a session with the MFA service, and it has ended, ${nothing}. Sign in again in Settings.`);
  }
  return new ConsoleError(
    IPC_ERROR.offline,
    `${need.what} needs the MFA service, which cannot be reached right now, ${nothing}. The console keeps trying by itself; do it again once it is back online.`,
  );
}

/** Wraps the handlers of `NEEDS_SERVICE` so they are refused while `link` is not online. */
export function gateOffline(handlers: Handlers, link: ServiceLink): Handlers {
  const gated: Record<string, (input: never) => Promise<unknown>> = { ...handlers };
  for (const [channel, need] of Object.entries(NEEDS_SERVICE) as [Channel, ServiceNeed][]) {
    const handler = handlers[channel] as (input: never) => Promise<unknown>;
    gated[channel] = (input: never) => (link.online ? handler(input) : Promise.reject(offlineRefusal(link, need)));
  }
  return gated as unknown as Handlers;
}
