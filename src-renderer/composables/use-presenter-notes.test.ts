import { UNTIL_ADMIN_UNLOCKS } from '../../shared/domain/lockout';
import { describe, it, expect } from 'vitest';
import type { SimulatorScreen } from '../../shared/ipc/channels/simulator';
import { presenterNext, presenterNote } from './use-presenter-notes';

const totpOnly: SimulatorScreen = {
  kind: 'select_method',
  methods: [
    { kind: 'totp', label: 'Authenticator app', available: true, recommended: true },
    { kind: 'sms', label: 'Text message (SMS)', available: false, reason: 'payor_app_only', message: 'Payors use the app.' },
  ],
};

describe('presenter notes', () => {
  it('names each screen as the guide does', () => {
    expect(presenterNote({ kind: 'setup_required', reason: 'Your company requires 2FA.' }).step).toBe('Two-Factor Authentication Required');
    expect(presenterNote(totpOnly).step).toBe('Select an Authentication Method');
    expect(presenterNote({ kind: 'challenge_choice', purpose: 'payments_agreement', options: ['totp'], help: 'Payments support can help.', error: null })).toMatchObject({
      step: 'How do you want to verify your identity?',
      told: 'Choose a way to verify to accept the payments agreement.',
    });
    expect(presenterNote({ kind: 'recovery_code', code: 'X', context: 'enrollment' }).step).toBe('Save Your Recovery Code');
  });

  it('calls the recovery code a way out only where the screen offers it', () => {
    const choice = (purpose: 'sign_in' | 'payments_entry', options: ('totp' | 'sms' | 'recovery_code')[], help = "Can't use any of these? Payments support can help.") =>
      presenterNote({ kind: 'challenge_choice', purpose, options, help, error: null }).tip;
    expect(choice('sign_in', ['totp', 'recovery_code'])).toMatch(/"Enter Recovery Code" is the way in when the phone is lost/);
    const stepUp = choice('payments_entry', ['totp']);
    expect(stepUp).not.toMatch(/way (in|out)/);
    expect(stepUp).toMatch(/no recovery code is offered here\. Can't use any of these\? Payments support can help\./);
    expect(choice('sign_in', ['totp'], "Can't use any of these? Your company admin can help.")).toMatch(/no recovery code to fall back on\. .*company admin can help/);
  });

  it('tells what the user reads on a screen from the service', () => {
    expect(presenterNote({ kind: 'locked', lockedUntil: UNTIL_ADMIN_UNLOCKS, message: 'Locked.' }).tip).toMatch(/moving the clock does not end this lock: show an admin unlocking it from the Reset screen/);
    expect(presenterNote({ kind: 'locked', lockedUntil: 1, message: 'Try again in 15 minutes.' }).told).toBe('Try again in 15 minutes.');
  });

  it('offers Next only where the step needs no typing or choice', () => {
    expect(presenterNext({ kind: 'setup_optional', enforcementAt: 1 })).toEqual({ type: 'set_up_now' });
    expect(presenterNext(totpOnly)).toEqual({ type: 'choose_method', method: 'totp' });
    expect(presenterNext({ ...totpOnly, methods: [totpOnly.methods[0]!, { kind: 'sms', label: 'SMS', available: true, recommended: false }] } as SimulatorScreen)).toBeNull();
    expect(presenterNext({ kind: 'challenge_code', purpose: 'sign_in', method: 'totp', options: ['totp'], sentTo: null, error: null, notice: null })).toBeNull();
  });
});
