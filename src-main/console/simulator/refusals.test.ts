import { describe, it, expect } from 'vitest';
import { ConsoleError } from '../../ipc/console-error';
import { showRefusal } from './refusals';
import { newSimulation, type Simulation } from './simulation';
import { fullNumber, smsSetupScreen } from './sign-in-flow';

const user = {
  id: 'u1',
  email: 'jordan.patel@northwind.example',
  name: 'Jordan Patel',
  status: 'active' as const,
  country: 'US',
  timeZone: 'America/Los_Angeles',
  accountType: 'standard' as const,
  sso: false,
  methods: [],
  phoneMasked: null,
  hasRecoveryCode: false,
  lockedUntil: null,
  alwaysRequireMfa: false,
  hasPassword: true,
};

function onCodeScreen(): Simulation {
  const simulation = newSimulation('s1', user, 0, 0);
  simulation.token = 'end-user-token';
  simulation.stage = 'signing_in';
  simulation.screen = { kind: 'challenge_code', purpose: 'sign_in', method: 'totp', options: ['totp'], sentTo: null, error: null, notice: 'sent' };
  return simulation;
}

describe('service refusals on the simulated screens', () => {
  it('puts a wrong code on the screen in the service words, and clears the notice', () => {
    const simulation = onCodeScreen();
    showRefusal(simulation, new ConsoleError('unprocessable', 'That code is not right. You have 4 tries left.'));
    expect(simulation.screen).toMatchObject({ kind: 'challenge_code', error: 'That code is not right. You have 4 tries left.', notice: null });
  });

  it('turns a lock into the lock screen with its end time', () => {
    const simulation = onCodeScreen();
    showRefusal(simulation, new ConsoleError('mfa_locked', 'Try again in 15 minutes.', { details: { lockedUntil: 900_000 } }));
    expect(simulation.screen).toEqual({ kind: 'locked', lockedUntil: 900_000, message: 'Try again in 15 minutes.' });
  });

  it('drops the token and goes back to sign-in when the session ended', () => {
    const simulation = onCodeScreen();
    showRefusal(simulation, new ConsoleError('unauthorized', 'Your session has ended. Sign in again.'));
    expect(simulation.token).toBeNull();
    expect(simulation.screen).toEqual({ kind: 'sign_in', email: user.email, error: 'Your session ended. Sign in again.' });
  });

  it('says why the session ended when the service names it (its lifetime, or MFA now required)', () => {
    const simulation = onCodeScreen();
    const words = 'You were signed in for 12 hours, the longest a session lasts. Sign in again.';
    showRefusal(simulation, new ConsoleError('unauthorized', words, { details: { reason: 'session_lifetime' } }));
    expect(simulation.screen).toEqual({ kind: 'sign_in', email: user.email, error: words });
  });

  it('lets an unreachable service go up to the console notice instead of a screen error', () => {
    const simulation = onCodeScreen();
    const unreachable = new ConsoleError('service_unavailable', 'The MFA service is not reachable.');
    expect(() => showRefusal(simulation, unreachable)).toThrow(unreachable);
    expect(simulation.screen).toMatchObject({ kind: 'challenge_code', error: null });
  });

  it('rethrows a refusal on a screen that has no error line', () => {
    const simulation = newSimulation('s2', user, 0, 0);
    simulation.screen = { kind: 'home', name: 'Jordan', paymentsUser: false, notice: null };
    expect(() => showRefusal(simulation, new ConsoleError('forbidden', 'No.'))).toThrow('No.');
  });
});

describe('the number sent to the service', () => {
  it('puts the selected country calling code before a national number', () => {
    expect(fullNumber('IE', '85 123 4567')).toBe('+353 85 123 4567');
    expect(fullNumber('US', ' 415 555 2671 ')).toBe('+1 415 555 2671');
  });

  it('keeps a number typed with its own + prefix', () => {
    expect(fullNumber('US', '+44 7700 900123')).toBe('+44 7700 900123');
  });
});

describe('the countries offered on "Set Up SMS Verification"', () => {
  it('offers a payee admin only the United States, whatever their own country (R-PAY-1)', () => {
    const simulation = newSimulation('s3', { ...user, country: 'CA', accountType: 'payments_payee_admin' }, 0, 0);
    const screen = smsSetupScreen(simulation);
    expect(screen.countries.map((country) => country.code)).toEqual(['US']);
    expect(screen.country).toBe('US');
  });

  it('offers every SMS country to a standard user, their own first selected', () => {
    const screen = smsSetupScreen(newSimulation('s4', { ...user, country: 'IE' }, 0, 0));
    expect(screen.countries).toHaveLength(13);
    expect(screen.country).toBe('IE');
  });
});
