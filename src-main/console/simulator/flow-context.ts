/** What the simulator's flows need from the console: the service client, as the console is connected now. */
import type { ServiceClient } from '../service-client';

/** Passed to every flow function. */
export interface FlowContext {
  client(): ServiceClient;
}
