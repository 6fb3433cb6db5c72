/**
 * Invitations from the Directory (R-DIR-5): the table's selection, "invite the selected users" sent in parts with
 * progress (and a Stop button), adding one user with an invitation, and revoking one. Rules stay in the service.
 */
import { defineStore } from 'pinia';
import { computed, ref } from 'vue';
import { INVITE_BATCH_MAX } from '../../shared/api/routes/admin-invitations';
import type { InviteOutcome } from '../../shared/ipc/channels/invitations';
import type { RequestOf } from '../../shared/ipc/contract';
import { BridgeError, invoke } from '../bridge';
import { useDirectoryStore } from './directory';
import { useNotificationsStore } from './notifications';

/** Where a bulk invitation stands. */
export interface InviteRun {
  total: number;
  done: number;
  invited: number;
  ssoNotified: number;
  skipped: InviteOutcome[];
  /** Emails that failed or wait for a retry. */
  undelivered: InviteOutcome[];
  running: boolean;
  stopped: boolean;
  /** Why it stopped before the end, when it was not asked to (the service was lost, or refused a part); else null. */
  problem: string | null;
  /** Users of the part in flight when the connection broke: they may or may not have been sent an invitation. */
  inDoubt: number;
}

/** What a bulk invitation that stopped did not do, in words. */
export function inviteStopWords(run: InviteRun): string {
  const users = (n: number, verb: [string, string]) => `${n.toLocaleString()} ${n === 1 ? `user ${verb[0]}` : `users ${verb[1]}`}`;
  const notSent = run.total - run.done - run.inDoubt;
  const said = [run.problem ? `Stopped: ${run.problem}` : 'Stopped.'];
  if (run.inDoubt > 0) {
    said.push(`${users(run.inDoubt, ['was', 'were'])} being invited when the connection broke: they may or may not have been sent an invitation, and inviting them again replaces it.`);
  }
  if (notSent > 0) said.push(`${users(notSent, ['was', 'were'])} not invited: they are still selected${run.problem ? ', to invite once the console is back online' : ''}.`);
  return said.join(' ');
}

export const useInvitationsStore = defineStore('invitations', () => {
  const selected = ref(new Set<string>());
  const run = ref<InviteRun | null>(null);
  let stopRequested = false;
  const count = computed(() => selected.value.size);

  function toggle(id: string, on: boolean): void {
    const next = new Set(selected.value);
    if (on) next.add(id);
    else next.delete(id);
    selected.value = next;
  }

  function clear(): void {
    selected.value = new Set();
  }

  /** Selects every user the Directory's filters match. */
  async function selectMatching(): Promise<void> {
    try {
      const { ids } = await invoke('invitations:matching-ids', { ...useDirectoryStore().filters });
      selected.value = new Set(ids);
    } catch (error) {
      useNotificationsStore().fromError('Could not select the users', error);
    }
  }

  /** Invites the selected users in parts of at most INVITE_BATCH_MAX, updating `run` after each part. */
  async function inviteSelected(validDays: number): Promise<void> {
    const ids = [...selected.value];
    stopRequested = false;
    run.value = { total: ids.length, done: 0, invited: 0, ssoNotified: 0, skipped: [], undelivered: [], running: true, stopped: false, problem: null, inDoubt: 0 };
    const handled = new Set<string>();
    try {
      for (let start = 0; start < ids.length; start += INVITE_BATCH_MAX) {
        if (stopRequested) {
          run.value.stopped = true;
          break;
        }
        const part = ids.slice(start, start + INVITE_BATCH_MAX);
        let results: InviteOutcome[];
        try {
          ({ results } = await invoke('invitations:invite', { ids: part, validDays }));
        } catch (error) {
          // The parts done stay done: say what was not, and keep the users not handled selected.
          run.value.stopped = true;
          run.value.problem = error instanceof BridgeError ? error.error.message : 'Something unexpected went wrong.';
          run.value.inDoubt = error instanceof BridgeError && error.error.details?.delivery === 'unknown' ? part.length : 0;
          break;
        }
        for (const id of part) handled.add(id);
        const current = run.value;
        current.done += results.length;
        current.invited += results.filter((r) => r.outcome === 'invited').length;
        current.ssoNotified += results.filter((r) => r.outcome === 'sso_notified').length;
        current.skipped.push(...results.filter((r) => r.outcome === 'skipped'));
        current.undelivered.push(...results.filter((r) => r.delivery && r.delivery.status !== 'sent'));
      }
      // The users not handled stay selected, so they can be invited again.
      selected.value = new Set(ids.filter((id) => !handled.has(id)));
    } finally {
      run.value.running = false;
      await useDirectoryStore().changed();
    }
  }

  /** Asks a running bulk invitation to stop after the part in flight. */
  function stop(): void {
    stopRequested = true;
  }

  /** Adds a user (and invites them when asked); answers the refusal in plain words when it was not added. */
  async function createUser(input: RequestOf<'invitations:create-user'>): Promise<{ ok: true; id: string } | { ok: false; message: string }> {
    try {
      const result = await invoke('invitations:create-user', input);
      const directory = useDirectoryStore();
      directory.detail = result.user;
      await directory.changed();
      const failed = result.invitation?.delivery?.status === 'failed';
      useNotificationsStore().push(failed ? 'error' : 'success', 'User added', result.invitation?.message ?? `${result.user.name} (${result.user.email}) was added without an invitation.`);
      return { ok: true, id: result.user.id };
    } catch (error) {
      return { ok: false, message: error instanceof BridgeError ? error.error.message : 'The user was not added. Try again.' };
    }
  }

  /** Invites (or re-invites) the user open in the Directory's panel. */
  async function inviteOne(id: string, validDays: number): Promise<InviteOutcome | null> {
    try {
      const [outcome] = (await invoke('invitations:invite', { ids: [id], validDays })).results;
      const directory = useDirectoryStore();
      await directory.open(id);
      await directory.changed();
      if (outcome) useNotificationsStore().push(outcome.outcome === 'skipped' || outcome.delivery?.status === 'failed' ? 'error' : 'success', 'Invitation', outcome.message);
      return outcome ?? null;
    } catch (error) {
      useNotificationsStore().fromError('The invitation was not sent', error);
      return null;
    }
  }

  async function revoke(id: string): Promise<boolean> {
    try {
      const directory = useDirectoryStore();
      directory.detail = await invoke('invitations:revoke', { id });
      await directory.changed();
      useNotificationsStore().push('success', 'Invitation revoked', 'The link in that email no longer works.');
      return true;
    } catch (error) {
      useNotificationsStore().fromError('The invitation was not revoked', error);
      return false;
    }
  }

  return { selected, count, run, toggle, clear, selectMatching, inviteSelected, stop, createUser, inviteOne, revoke };
});
