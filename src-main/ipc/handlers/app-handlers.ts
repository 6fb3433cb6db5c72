/** Handlers of the console-level channels. */
import type { Handlers } from '../dispatch';
import type { ConsoleRuntime } from '../../console/console-runtime';

/** `app:*` channels. */
export function createAppHandlers(runtime: ConsoleRuntime): Pick<Handlers, 'app:status'> {
  return {
    'app:status': () => runtime.status(),
  };
}
