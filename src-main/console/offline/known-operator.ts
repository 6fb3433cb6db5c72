/**
 * Who the console acts as, also while its service cannot be reached: asked of the service while it answers (and
 * remembered in the offline copy), else as the service last confirmed, saying so. Never "nobody" just because the
 * network is down.
 */
import type { ConsoleSettings } from '../../../shared/ipc/channels/settings';
import type { ConsoleRuntime } from '../console-runtime';
import type { OfflineCopy } from './offline-copy';

/** The operator and how the console knows them. */
export interface KnownOperator {
  operator: ConsoleSettings['operator'];
  status: ConsoleSettings['operatorStatus'];
  /** When the service last confirmed the operator (this computer's clock), or null. */
  confirmedAt: number | null;
}

/** Asks the service who the console acts as while it can be reached; otherwise answers from the copy. */
export async function knownOperator(runtime: ConsoleRuntime, copy: OfflineCopy | null, clock: () => number = Date.now): Promise<KnownOperator> {
  if (runtime.link.online) {
    try {
      const me = await runtime.client().call('me', {});
      const operator = { email: me.email, name: me.name, companyAdmin: me.companyAdmin, directory: me.directory, helpdesk: me.helpdesk };
      const confirmedAt = clock();
      copy?.rememberOperator({ ...operator, confirmedAt });
      return { operator, status: 'confirmed', confirmedAt };
    } catch {
      // The link now says why (lost, or the session ended); answered below from what is known.
    }
  }
  const remembered = copy?.operator ?? null;
  const operator = remembered
    ? { email: remembered.email, name: remembered.name, companyAdmin: remembered.companyAdmin, directory: remembered.directory, helpdesk: remembered.helpdesk }
    : null;
  const confirmedAt = remembered?.confirmedAt ?? null;
  switch (runtime.link.current.state) {
    case 'session_ended':
      return { operator, status: 'session_ended', confirmedAt };
    case 'unreachable':
      return { operator, status: operator ? 'remembered' : 'unknown', confirmedAt };
    case 'online':
      return { operator: null, status: 'unknown', confirmedAt: null };
  }
}
