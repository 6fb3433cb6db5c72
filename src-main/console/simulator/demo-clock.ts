/**
 * The demo company's simulated clock (R-CON-2): where "before the deadline", "after the deadline" and "forward"
 * put it. The service keeps the offset; every rule of the company reads company time.
 */
import type { DemoClock } from '../../../shared/api/routes/demo';
import { assertNever } from '../../../shared/domain/assert-never';
import type { ClockMove } from '../../../shared/ipc/channels/simulator';
import { ConsoleError } from '../../ipc/console-error';

const DAY = 86_400_000;
const HOUR = 3_600_000;

/** The offset a move leads to, from the current clock and the enforcement instant (null: no deadline). */
export function offsetFor(move: ClockMove, clock: Pick<DemoClock, 'offsetMs' | 'realNow'>, enforcementAt: number | null): number {
  switch (move.to) {
    case 'real_time':
      return 0;
    case 'forward':
      return clock.offsetMs + move.minutes * 60_000;
    case 'before_deadline':
    case 'after_deadline': {
      if (enforcementAt === null) {
        throw new ConsoleError('no_deadline', 'The company has no enforcement deadline to move around. Set one on the MFA Policy screen first.');
      }
      const target = move.to === 'before_deadline' ? Math.min(clock.realNow, enforcementAt - DAY) : Math.max(clock.realNow, enforcementAt + HOUR);
      return Math.round(target - clock.realNow);
    }
    default:
      return assertNever(move, 'clock move');
  }
}
