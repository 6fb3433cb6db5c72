/** Handlers of the console-level channels. */
import type { Handlers } from '../dispatch';
import type { ConsoleRuntime } from '../../console/console-runtime';

/** `app:*` channels. */
export function createAppHandlers(runtime: ConsoleRuntime): Pick<Handlers, 'app:status' | 'app:retry'> {
  return {
    'app:status': () => runtime.status(),
    'app:retry': async () => {
      await runtime.link.check();
      return runtime.status();
    },
  };
}
