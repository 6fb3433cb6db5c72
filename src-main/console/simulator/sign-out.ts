/** Ending the simulated end user's session at the service. */
import type { FlowContext } from './flow-context';
import { signedOut, type Simulation } from './simulation';

/** Ends the end user's session at the service (no error if it already ended) and shows the sign-in screen. */
export async function signOutAtService(ctx: FlowContext, simulation: Simulation): Promise<void> {
  if (simulation.token !== null) await ctx.client().call('signOut', {}, { token: simulation.token });
  signedOut(simulation);
}
