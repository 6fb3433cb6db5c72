/** Password & Security (R-AUTH-3, R-TOTP-3, R-SMS-2, R-REC-2) through app.inject. */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { totpCode } from '../../shared/domain/totp';
import { DAY, SEED_TIME, auditEntries, confirmPassword, demo, enrollSms, enrollTotp, signInOk, startHarness, userRow, type Harness } from '../fixtures/service-harness';

const STEP = 30_000;
const LATER = 11 * 60_000;

describe('self-service MFA', () => {
  let h: Harness;
  beforeAll(async () => {
    h = await startHarness();
  });
  afterAll(async () => {
    await h.close();
  });

  const me = (token: string) => h.call('GET', '/api/v1/me/security', { token });

  it('replaces the authenticator after a verification, with a new recovery code; the old app and code stop working', async () => {
    const email = demo('morgan.lee');
    const { secret: oldSecret, recoveryCode: oldCode, token } = await enrollTotp(h, email);
    h.clock.advance(LATER);
    expect((await me(token)).body.verifiedUntil).toBeNull();
    const refused = await h.call('POST', '/api/v1/me/authenticator', { token, body: {} });
    expect([refused.status, refused.body.error.details.reason]).toEqual([403, 'verify_first']);
    const verified = await h.call('POST', '/api/v1/me/verify', { token, body: { method: 'totp', code: totpCode(oldSecret, h.clock.now()) } });
    expect(verified.body).toEqual({ verifiedUntil: h.clock.now() + 10 * 60_000, method: 'totp' });
    const setup = await h.call('POST', '/api/v1/me/authenticator', { token, body: {} });
    expect(setup.body.secret).not.toBe(oldSecret);
    const confirm = await h.call('POST', '/api/v1/me/authenticator/confirm', { token, body: { code: totpCode(setup.body.secret, h.clock.now()) } });
    expect(confirm.body.recoveryCode).not.toBe(oldCode);
    expect((await me(token)).body.methods.map((m: { kind: string }) => m.kind)).toEqual(['totp']);
    expect((await auditEntries(h, 'mfa.method_changed')).map((e) => e.target_email)).toContain(email);

    h.clock.advance(STEP);
    const next = await signInOk(h, email);
    const answer = (method: string, code: string) => h.call('POST', '/api/v1/auth/challenge', { token: next.token, body: { method, code } });
    expect((await answer('totp', totpCode(oldSecret, h.clock.now()))).body.error.details.reason).toBe('wrong');
    expect((await answer('recovery_code', oldCode)).status).toBe(422);
    expect((await answer('totp', totpCode(setup.body.secret, h.clock.now()))).body).toEqual({ step: 'signed_in' });
  });

  it('renews the recovery code only after a verification, voiding the old one', async () => {
    const email = demo('harper.quinn');
    const { secret, recoveryCode, token } = await enrollTotp(h, email);
    h.clock.advance(LATER);
    expect((await h.call('POST', '/api/v1/me/recovery-code', { token, body: {} })).status).toBe(403);
    await h.call('POST', '/api/v1/me/verify', { token, body: { method: 'totp', code: totpCode(secret, h.clock.now()) } });
    const renewed = await h.call('POST', '/api/v1/me/recovery-code', { token, body: {} });
    expect(renewed.body.recoveryCode).not.toBe(recoveryCode);
    expect((await auditEntries(h, 'mfa.recovery_code_renewed')).map((e) => e.target_email)).toContain(email);
    const next = await signInOk(h, email);
    expect((await h.call('POST', '/api/v1/auth/challenge', { token: next.token, body: { method: 'recovery_code', code: recoveryCode } })).status).toBe(422);
  });

  it('changes the phone only after a code to the current number (R-SMS-2); an app code is not enough', async () => {
    const email = demo('casey.morgan');
    const { token } = await enrollSms(h, email, '+1 201 555 0123');
    await confirmPassword(h, token);
    const app = await h.call('POST', '/api/v1/me/authenticator', { token, body: {} });
    await h.call('POST', '/api/v1/me/authenticator/confirm', { token, body: { code: totpCode(app.body.secret, h.clock.now()) } });
    h.clock.advance(LATER);
    await h.call('POST', '/api/v1/me/verify', { token, body: { method: 'totp', code: totpCode(app.body.secret, h.clock.now()) } });
    const refused = await h.call('POST', '/api/v1/me/phone', { token, body: { phone: '+1 213 555 0188' } });
    expect([refused.status, refused.body.error.details.reason]).toEqual([403, 'verify_current_phone']);

    const sent = await h.call('POST', '/api/v1/me/verify/sms', { token, body: {} });
    expect(sent.body.phoneMasked).toBe('+•••••••0123');
    expect((await h.outbox.list('company-demo')).at(-1)?.to).toBe('+12015550123');
    expect((await h.call('POST', '/api/v1/me/verify', { token, body: { method: 'sms', code: await h.lastCode(email) } })).status).toBe(200);
    expect((await me(token)).body.phoneVerifiedUntil).toBe(h.clock.now() + 10 * 60_000);

    h.clock.advance(STEP + 1000);
    const start = await h.call('POST', '/api/v1/me/phone', { token, body: { phone: '+1 213 555 0188' } });
    expect(start.status, JSON.stringify(start.body)).toBe(200);
    expect((await h.outbox.list('company-demo')).at(-1)?.to).toBe('+12135550188');
    const confirm = await h.call('POST', '/api/v1/me/phone/confirm', { token, body: { code: await h.lastCode(email) } });
    expect(confirm.body.recoveryCode).toMatch(/-/);
    const view = await me(token);
    expect(view.body.methods.map((m: { kind: string; phoneMasked: string | null }) => [m.kind, m.phoneMasked])).toEqual([
      ['totp', null],
      ['sms', '+•••••••0188'],
    ]);
  });

  it('asks for the current password before adding an app or a phone, as the guide says; replacing the app does not', async () => {
    const email = demo('giulia.romano');
    const { secret, token } = await enrollTotp(h, email);
    expect((await me(token)).body.passwordConfirmedUntil).toBeNull();
    const refused = await h.call('POST', '/api/v1/me/phone', { token, body: { phone: '+39 312 345 6789' } });
    expect([refused.status, refused.body.error.details.reason]).toEqual([403, 'confirm_password']);
    const wrong = await h.call('POST', '/api/v1/me/password/confirm', { token, body: { password: 'not-my-password' } });
    expect([wrong.status, wrong.body.error.details.reason]).toEqual([422, 'wrong_password']);
    expect(wrong.body.error.message).toMatch(/not your current password/);
    const confirmed = await h.call('POST', '/api/v1/me/password/confirm', { token, body: { password: 'Demo-Password-2026' } });
    expect(confirmed.body).toEqual({ passwordConfirmedUntil: h.clock.now() + 10 * 60_000 });
    expect((await me(token)).body.passwordConfirmedUntil).toBe(h.clock.now() + 10 * 60_000);
    expect((await h.call('POST', '/api/v1/me/phone', { token, body: { phone: '+39 312 345 6789' } })).status).toBe(200);

    h.clock.advance(LATER);
    expect((await h.call('POST', '/api/v1/me/phone', { token, body: { phone: '+39 312 345 6789' } })).body.error.details.reason).toBe('confirm_password');
    await h.call('POST', '/api/v1/me/verify', { token, body: { method: 'totp', code: totpCode(secret, h.clock.now()) } });
    expect((await h.call('POST', '/api/v1/me/authenticator', { token, body: {} })).status).toBe(200);
  });

  it('lets a user opt in to "Always require 2FA" only when it is their choice', async () => {
    const email = demo('drew.hughes');
    const { token } = await signInOk(h, email);
    await h.call('POST', '/api/v1/auth/setup/skip', { token, body: {} });
    expect((await me(token)).body.alwaysRequire).toEqual({ kind: 'editable', on: false });
    const notEnrolled = await h.call('PUT', '/api/v1/me/always-require', { token, body: { on: true } });
    expect([notEnrolled.status, notEnrolled.body.error.details.reason]).toEqual([409, 'not_enrolled']);
    await confirmPassword(h, token);
    const setup = await h.call('POST', '/api/v1/me/authenticator', { token, body: {} });
    expect(setup.status).toBe(200);
    await h.call('POST', '/api/v1/me/authenticator/confirm', { token, body: { code: totpCode(setup.body.secret, h.clock.now()) } });
    expect((await h.call('PUT', '/api/v1/me/always-require', { token, body: { on: true } })).body).toEqual({ alwaysRequire: { kind: 'editable', on: true } });
    expect((await auditEntries(h, 'mfa.always_require_changed')).map((e) => e.target_email)).toContain(email);

    const user = await userRow(h, email);
    await h.store.write((trx) => trx.deleteFrom('mfa_methods').where('user_id', '=', user.id).execute());
    expect((await signInOk(h, email)).next).toMatchObject({ step: 'setup_required', reason: 'user_opted_in' });

    const saved = h.clock.now();
    h.clock.set(SEED_TIME + 46 * DAY);
    try {
      expect((await me(token)).status).toBe(401);
      const { token: after } = await enrollTotp(h, email);
      expect((await me(after)).body.alwaysRequire).toEqual({ kind: 'locked_on', reason: 'company_policy' });
      expect((await h.call('PUT', '/api/v1/me/always-require', { token: after, body: { on: false } })).status).toBe(403);
    } finally {
      h.clock.set(saved);
    }
  });

  it('refuses bad bodies with 4xx and plain words', async () => {
    const { token } = await signInOk(h, demo('thabo.nkosi'));
    await h.call('POST', '/api/v1/auth/setup/skip', { token, body: {} });
    const extra = await h.call('PUT', '/api/v1/me/always-require', { token, body: { on: true, admin: true } });
    expect([extra.status, extra.body.error.code]).toEqual([400, 'bad_request']);
    const wrongType = await h.call('PUT', '/api/v1/me/always-require', { token, body: { on: 'yes' } });
    expect(wrongType.body.error.message).toMatch(/on \(true\) or off \(false\)/);
    const big = await h.call('POST', '/api/v1/me/phone', { token, body: { phone: 'x'.repeat(2 * 1024 * 1024) } });
    expect([big.status, big.body.error.code]).toEqual([413, 'payload_too_large']);
    const long = await h.call('POST', '/api/v1/me/phone', { token, body: { phone: '1'.repeat(41) } });
    expect(long.status).toBe(400);
  });
});
