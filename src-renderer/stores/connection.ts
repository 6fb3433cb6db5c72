/**
 * The connection the status bar and the offline banner show (R-CON-4): embedded or remote; connected, offline (the
 * service cannot be reached: the console shows its copy and keeps trying by itself) or session ended (sign in
 * again). Main answers `app:status` from memory, so it is asked every few seconds, more often while not connected.
 * When the console is connected again, messages about the outage go and `reconnects` moves, for screens to catch up.
 */
import { defineStore } from 'pinia';
import { computed, ref } from 'vue';
import type { ConnectionStatus } from '../../shared/ipc/channels/app';
import { invoke } from '../bridge';
import { formatTime } from '../composables/use-admin-time';
import { useNotificationsStore } from './notifications';

/** How often main is asked while connected, and while not. */
export const POLL_CONNECTED_MS = 3_000;
export const POLL_OFFLINE_MS = 2_000;

export const useConnectionStore = defineStore('connection', () => {
  const status = ref<ConnectionStatus | null>(null);
  const unreachable = ref(false);
  /** Moves each time the console is connected again after being offline or signed out. */
  const reconnects = ref(0);
  /** Moves at every change of the connection's state (connected, offline, session ended). */
  const changes = ref(0);
  const retrying = ref(false);
  let timer: ReturnType<typeof setTimeout> | undefined;
  let watching = false;

  /** 'connected', 'offline', 'session_ended', or 'pending' before main first answered. */
  const state = computed<ConnectionStatus['state'] | 'pending'>(() => status.value?.state ?? 'pending');
  /** True while the service cannot be used (unreachable, or the session ended). */
  const offline = computed(() => state.value === 'offline' || state.value === 'session_ended');
  /**
   * Why a control that needs the service is turned off now, in words; null while it works. `needs` names what the
   * control does when it is not a change ("Filtering the log").
   */
  function blockedReason(needs?: string): string | null {
    const current = status.value;
    if (!current || current.state === 'connected') return null;
    if (current.state === 'session_ended') {
      return needs
        ? `${needs} needs a session with the MFA service, and it has ended: sign in again in Settings.`
        : 'Turned off until you sign in again in Settings: the session with the MFA service has ended.';
    }
    const since = current.since !== null ? ` (since ${formatTime(current.since)})` : '';
    return needs
      ? `${needs} needs the MFA service, which cannot be reached${since}. It works again as soon as the service answers.`
      : `Turned off while the MFA service cannot be reached${since}: nothing can be changed until it answers.`;
  }
  /** Why every control that changes something is turned off now, in words; null while they work. */
  const writeBlock = computed(() => blockedReason());

  function take(next: ConnectionStatus): void {
    const before = status.value?.state ?? null;
    status.value = next;
    unreachable.value = false;
    if (before === next.state) return;
    changes.value += 1;
    if (next.state === 'connected' && (before === 'offline' || before === 'session_ended')) {
      useNotificationsStore().clearOutage();
      reconnects.value += 1;
    }
  }

  /** Asks main for the current status; a failed call means the backend itself is unreachable. */
  async function refresh(): Promise<void> {
    try {
      take(await invoke('app:status', {}));
    } catch {
      unreachable.value = true;
    }
  }

  /** Tries to reach the service now ("Try now"). */
  async function retry(): Promise<void> {
    retrying.value = true;
    try {
      take(await invoke('app:retry', {}));
    } catch {
      unreachable.value = true;
    } finally {
      retrying.value = false;
    }
  }

  function schedule(): void {
    clearTimeout(timer);
    timer = setTimeout(
      async () => {
        await refresh();
        schedule();
      },
      offline.value || unreachable.value ? POLL_OFFLINE_MS : POLL_CONNECTED_MS,
    );
  }

  /** Starts polling (idempotent). */
  function watch(): void {
    if (watching) return;
    watching = true;
    void refresh().then(schedule);
  }

  return { status, unreachable, state, offline, writeBlock, blockedReason, reconnects, changes, retrying, refresh, retry, watch };
});
