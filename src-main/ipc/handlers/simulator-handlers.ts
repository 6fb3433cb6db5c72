/** Handlers of the enrollment simulator channels (R-CON-2): thin calls into the main-side simulator sessions. */
import type { Handlers } from '../dispatch';
import type { SimulatorSessions } from '../../console/simulator/simulator-sessions';

type SimulatorChannel =
  | 'simulator:directory'
  | 'simulator:start'
  | 'simulator:act'
  | 'simulator:messages'
  | 'simulator:mail'
  | 'simulator:reset-user'
  | 'simulator:clock'
  | 'simulator:end';

/** `simulator:*` channels. */
export function createSimulatorHandlers(sessions: SimulatorSessions): Pick<Handlers, SimulatorChannel> {
  return {
    'simulator:directory': () => sessions.directory(),
    'simulator:start': ({ email }) => sessions.start(email),
    'simulator:act': ({ simulationId, action }) => sessions.act(simulationId, action),
    'simulator:messages': ({ simulationId }) => sessions.messages(simulationId),
    'simulator:mail': ({ simulationId }) => sessions.mail(simulationId),
    'simulator:reset-user': ({ simulationId }) => sessions.resetUser(simulationId),
    'simulator:clock': (move) => sessions.moveClock(move),
    'simulator:end': ({ simulationId }) => sessions.end(simulationId),
  };
}
