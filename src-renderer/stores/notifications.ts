/** Messages the shell shows in plain words: errors from any view, and confirmations. */
import { defineStore } from 'pinia';
import { ref } from 'vue';
import { BridgeError } from '../bridge';

/** One message on screen. */
export interface Notice {
  id: number;
  kind: 'error' | 'success' | 'info';
  title: string;
  message: string;
}

export const useNotificationsStore = defineStore('notifications', () => {
  const notices = ref<Notice[]>([]);
  let nextId = 1;

  /** Shows a message; errors stay until dismissed, others fade after a few seconds. */
  function push(kind: Notice['kind'], title: string, message: string): number {
    const id = nextId++;
    notices.value = [...notices.value.filter((n) => n.message !== message), { id, kind, title, message }];
    if (kind !== 'error') setTimeout(() => dismiss(id), 6000);
    return id;
  }

  /** Shows what went wrong with an action, from a BridgeError or anything thrown. */
  function fromError(action: string, error: unknown): void {
    const message = error instanceof BridgeError ? error.error.message : 'Something unexpected went wrong. Try again.';
    push('error', action, message);
  }

  function dismiss(id: number): void {
    notices.value = notices.value.filter((n) => n.id !== id);
  }

  return { notices, push, fromError, dismiss };
});
