/**
 * How a service refusal shows on the simulated screens: a lock becomes the lock screen, an ended session the
 * sign-in screen (with the service's reason when it gave one: lifetime, idle, MFA now required), anything else the error line of the current screen. Transport failures are not refusals: they
 * go up to the console's own error notice.
 */
import { IPC_ERROR } from '../../../shared/ipc/errors';
import { ConsoleError } from '../../ipc/console-error';
import { SESSION_ENDED_WORDS } from './screen-words';
import { signedOut, type Simulation } from './simulation';

const NOT_REFUSALS = new Set<string>([IPC_ERROR.serviceUnavailable, IPC_ERROR.internal]);

/** The refusal inside `error`, or rethrows what is not one (a bug or an unreachable service). */
export function refusalOf(error: unknown): ConsoleError {
  if (error instanceof ConsoleError && !NOT_REFUSALS.has(error.code)) return error;
  throw error;
}

/** The time a lock ends, from a refusal's details, or null. */
export function lockedUntilOf(refusal: ConsoleError): number | null {
  const value = refusal.details?.lockedUntil;
  return typeof value === 'number' ? value : null;
}

/** Shows a refusal on the simulation's screen. */
export function showRefusal(simulation: Simulation, error: unknown): void {
  const refusal = refusalOf(error);
  if (refusal.code === 'mfa_locked') {
    simulation.screen = { kind: 'locked', lockedUntil: lockedUntilOf(refusal) ?? 0, message: refusal.message };
    return;
  }
  if (refusal.code === 'unauthorized') {
    const ownWords = simulation.token === null || String(refusal.details?.reason ?? '').startsWith('session_');
    signedOut(simulation, ownWords ? refusal.message : SESSION_ENDED_WORDS);
    return;
  }
  const screen = simulation.screen;
  if ('error' in screen) {
    simulation.screen = { ...screen, error: refusal.message, ...('notice' in screen ? { notice: null } : {}) };
    return;
  }
  throw refusal;
}
