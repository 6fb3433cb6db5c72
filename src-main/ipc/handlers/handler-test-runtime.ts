/**
 * For the handlers' unit tests only: a console runtime over a fake service client, whose calls report to a real
 * service link (so an outage the fake raises turns the link offline as a real one would).
 */
import type { ConsoleRuntime } from '../../console/console-runtime';
import { linkedClient } from '../../console/link/linked-client';
import { ServiceLink } from '../../console/link/service-link';
import type { ServiceClient } from '../../console/service-client';

/** A runtime whose client is `client` behind a link that finds the service unreachable when it probes; stop `link` after. */
export function handlerTestRuntime(client: ServiceClient): { runtime: ConsoleRuntime; link: ServiceLink } {
  const link = new ServiceLink({ probe: async () => ({ kind: 'unreachable', message: 'down' }) });
  const runtime: ConsoleRuntime = {
    client: () => linkedClient(client, link, () => 'ended'),
    link,
    status: async () => {
      throw new Error('not asked');
    },
    sourceKey: () => 'remote:test',
    onConnectionChange: () => () => undefined,
  };
  return { runtime, link };
}
