/** The connection the status bar shows: embedded or remote, connected or offline. */
import { defineStore } from 'pinia';
import { ref } from 'vue';
import type { ConnectionStatus } from '../../shared/ipc/channels/app';
import { invoke } from '../bridge';

const POLL_MS = 15_000;

export const useConnectionStore = defineStore('connection', () => {
  const status = ref<ConnectionStatus | null>(null);
  const unreachable = ref(false);
  let timer: ReturnType<typeof setInterval> | undefined;

  /** Asks main for the current status; a failed call means the backend itself is unreachable. */
  async function refresh(): Promise<void> {
    try {
      status.value = await invoke('app:status', {});
      unreachable.value = false;
    } catch {
      unreachable.value = true;
    }
  }

  /** Starts polling (idempotent). */
  function watch(): void {
    void refresh();
    timer ??= setInterval(() => void refresh(), POLL_MS);
  }

  return { status, unreachable, refresh, watch };
});
