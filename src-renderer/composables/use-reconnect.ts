/**
 * Screens catching up by themselves (R-CON-4): the calling screen's `catchUp` runs each time the console is
 * connected to its service again after an outage or a new sign-in, for as long as the screen is shown.
 */
import { watch } from 'vue';
import { useConnectionStore } from '../stores/connection';

/** Runs `catchUp` after each reconnection; with `everyChange`, after every change of the connection's state. */
export function onReconnect(catchUp: () => void, options: { everyChange?: boolean } = {}): void {
  const connection = useConnectionStore();
  watch(
    () => (options.everyChange ? connection.changes : connection.reconnects),
    () => catchUp(),
  );
}
