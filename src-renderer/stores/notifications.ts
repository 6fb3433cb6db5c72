/**
 * Messages the shell shows in plain words: errors from any view, and confirmations. A message belongs to the screen
 * it was raised on: it goes when the admin moves to another screen, and a newer message about the same action
 * replaces the older one, so banners never pile up nor follow anyone around. A message about the service being out of
 * reach goes by itself as soon as the console is connected again.
 */
import { defineStore } from 'pinia';
import { ref } from 'vue';
import { IPC_ERROR } from '../../shared/ipc/errors';
import { BridgeError } from '../bridge';

/** One message on screen. */
export interface Notice {
  id: number;
  kind: 'error' | 'success' | 'info';
  title: string;
  message: string;
  /** The screen (route name) it was raised on. */
  screen: string | null;
  /** True when it says the service could not be reached or the session ended: it goes once connected again. */
  outage: boolean;
}

/** The error codes that mean the service could not be used (not that it refused). */
const OUTAGE_CODES: ReadonlySet<string> = new Set([IPC_ERROR.serviceUnavailable, IPC_ERROR.offline, IPC_ERROR.sessionEnded]);

/** True when `error` says the service could not be reached or the console's session with it ended. */
export function isOutageError(error: unknown): boolean {
  return error instanceof BridgeError && OUTAGE_CODES.has(error.error.code);
}

/** At most this many messages at once; the oldest goes first. */
export const MAX_NOTICES = 3;

export const useNotificationsStore = defineStore('notifications', () => {
  const notices = ref<Notice[]>([]);
  const screen = ref<string | null>(null);
  let nextId = 1;

  /** Shows a message; errors stay until dismissed or the screen changes, others fade after a few seconds. */
  function push(kind: Notice['kind'], title: string, message: string, outage = false): number {
    const id = nextId++;
    const others = notices.value.filter((n) => n.title !== title && n.message !== message);
    notices.value = [...others, { id, kind, title, message, screen: screen.value, outage }].slice(-MAX_NOTICES);
    if (kind !== 'error') setTimeout(() => dismiss(id), 6000);
    return id;
  }

  /** Shows what went wrong with an action, from a BridgeError or anything thrown. */
  function fromError(action: string, error: unknown): void {
    const message = error instanceof BridgeError ? error.error.message : 'Something unexpected went wrong. Try again.';
    push('error', action, message, isOutageError(error));
  }

  /** The console is connected again: messages about the outage are no longer true. */
  function clearOutage(): void {
    notices.value = notices.value.filter((n) => !n.outage);
  }

  function dismiss(id: number): void {
    notices.value = notices.value.filter((n) => n.id !== id);
  }

  /** The admin moved to another screen: messages raised elsewhere go. */
  function enterScreen(name: string | null): void {
    screen.value = name;
    notices.value = notices.value.filter((n) => n.screen === name);
  }

  return { notices, push, fromError, dismiss, enterScreen, clearOutage };
});
