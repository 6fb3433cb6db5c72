/** The signed-in landing page of the simulated product. */
import type { Simulation } from './simulation';

/** Shows the signed-in home page, with an optional notice. */
export function goHome(simulation: Simulation, notice: string | null): void {
  simulation.challenge = null;
  simulation.screen = {
    kind: 'home',
    name: simulation.user.name,
    paymentsUser: simulation.user.accountType !== 'standard',
    notice,
  };
}
