/** Challenges (R-AUTH-1/2, R-TOTP-2, R-SMS-1, R-REC-2): tolerance, replay, single use, lockout, recovery codes. */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { totpCode } from '../../shared/domain/totp';
import { auditEntries, confirmPassword, enrollSms, enrollTotp, demo, signInOk, startHarness, userRow, type Harness } from '../fixtures/service-harness';

const CHALLENGE = '/api/v1/auth/challenge';
const STEP = 30_000;

describe('sign-in challenges', () => {
  let h: Harness;
  beforeAll(async () => {
    h = await startHarness();
  });
  afterAll(async () => {
    await h.close();
  });

  const answer = (token: string, method: string, code: string) => h.call('POST', CHALLENGE, { token, body: { method, code } });

  it('accepts the previous step, refuses a replay and a code two steps old (R-TOTP-2)', async () => {
    const email = demo('noah.clarke');
    const { secret } = await enrollTotp(h, email);
    const enrolledAt = h.clock.now();
    h.clock.advance(2 * STEP);
    const previous = totpCode(secret, enrolledAt + STEP);
    const first = await signInOk(h, email);
    expect(first.next).toEqual({ step: 'challenge', options: ['totp', 'recovery_code'], phoneMasked: null });
    expect((await answer(first.token, 'totp', previous)).body).toEqual({ step: 'signed_in' });
    const second = await signInOk(h, email);
    const replay = await answer(second.token, 'totp', previous);
    expect([replay.status, replay.body.error.details.reason]).toEqual([422, 'replay']);
    expect(replay.body.error.message).toMatch(/already used/);
    const stale = await answer(second.token, 'totp', totpCode(secret, h.clock.now() - 2 * STEP));
    expect(stale.body.error.details.reason).toBe('wrong');
    expect((await answer(second.token, 'totp', totpCode(secret, h.clock.now()))).body).toEqual({ step: 'signed_in' });
  });

  it('refuses malformed codes without counting them, and methods the user does not have', async () => {
    const email = demo('noah.clarke');
    const { token } = await signInOk(h, email);
    const before = (await userRow(h, email)).failed_attempts;
    for (const code of ['12345', 'abcdef', '1234567']) {
      const reply = await answer(token, 'totp', code);
      expect(reply.status).toBe(400);
      expect(reply.body.error.message).toBe('Enter the 6-digit code shown in your authenticator app.');
    }
    expect((await answer(token, 'recovery_code', 'O0O0')).status).toBe(400);
    expect((await userRow(h, email)).failed_attempts).toBe(before);
    expect((await answer(token, 'sms', '123456')).status).toBe(403);
    expect((await h.call('POST', '/api/v1/auth/challenge/sms', { token, body: {} })).status).toBe(403);
  });

  it('locks MFA for 15 minutes after 5 wrong codes in a row, audits it, and unlocks after', async () => {
    const email = demo('joao.silva');
    const { secret } = await enrollTotp(h, email);
    h.clock.advance(STEP);
    const { token } = await signInOk(h, email);
    const left: number[] = [];
    for (let i = 0; i < 4; i += 1) left.push((await answer(token, 'totp', '000000')).body.error.details.attemptsLeft);
    expect(left).toEqual([4, 3, 2, 1]);
    const fifth = await answer(token, 'totp', '000000');
    expect(fifth.status).toBe(423);
    expect(fifth.body.error.details.lockedUntil).toBe(h.clock.now() + 15 * 60_000);
    expect(fifth.body.error.message).toMatch(/Try again in 15 minutes/);
    const [entry] = await auditEntries(h, 'mfa.lockout');
    expect(entry).toMatchObject({ target_email: email, action: 'mfa.lockout' });
    expect(JSON.parse(entry?.after ?? '{}')).toEqual({ failedAttempts: 5, lockedUntil: h.clock.now() + 15 * 60_000, lockMinutes: 15 });
    expect((await answer(token, 'totp', totpCode(secret, h.clock.now()))).status).toBe(423);
    const whileLocked = await h.call('POST', '/api/v1/auth/sign-in', { body: { email, password: 'Demo-Password-2026' } });
    expect([whileLocked.status, whileLocked.body.error.code]).toEqual([423, 'mfa_locked']);
    h.clock.advance(15 * 60_000);
    const after = await signInOk(h, email);
    expect((await answer(after.token, 'totp', totpCode(secret, h.clock.now()))).body).toEqual({ step: 'signed_in' });
    expect((await userRow(h, email))).toMatchObject({ failed_attempts: 0, locked_until: null });
  });

  it('starts the count over after a correct code', async () => {
    const email = demo('riley.reader');
    const { secret } = await enrollTotp(h, email);
    h.clock.advance(STEP);
    const { token } = await signInOk(h, email);
    for (let i = 0; i < 4; i += 1) await answer(token, 'totp', '000000');
    expect((await answer(token, 'totp', totpCode(secret, h.clock.now()))).status).toBe(200);
    const next = await signInOk(h, email);
    for (let i = 0; i < 4; i += 1) expect((await answer(next.token, 'totp', '000000')).status).toBe(422);
  });

  it('never resets the count on a resend, and uses each SMS code once (R-SMS-1)', async () => {
    const email = demo('sofia.hernandez');
    await enrollSms(h, email, '+52 55 1234 5678');
    h.clock.advance(STEP + 1000);
    const { token, next } = await signInOk(h, email);
    expect(next).toEqual({ step: 'challenge', options: ['sms', 'recovery_code'], phoneMasked: '+••••••••5678' });
    expect((await h.call('POST', '/api/v1/auth/challenge/sms', { token, body: {} })).status).toBe(200);
    for (let i = 0; i < 3; i += 1) await answer(token, 'sms', '000000');
    h.clock.advance(STEP + 1000);
    expect((await h.call('POST', '/api/v1/auth/challenge/sms', { token, body: {} })).status).toBe(200);
    expect((await answer(token, 'sms', '000000')).body.error.details.attemptsLeft).toBe(1);
    const code = await h.lastCode(email);
    expect((await answer(token, 'sms', code)).body).toEqual({ step: 'signed_in' });
    const again = await signInOk(h, email);
    const reused = await answer(again.token, 'sms', code);
    expect([reused.status, reused.body.error.details.reason]).toEqual([422, 'used']);
  });

  it('signs in with the recovery code once, voids it and shows a new one (R-REC-2)', async () => {
    const email = demo('lee.nguyen');
    const { recoveryCode } = await enrollTotp(h, email);
    const { token } = await signInOk(h, email);
    const used = await answer(token, 'recovery_code', recoveryCode.toLowerCase());
    expect(used.body.step).toBe('save_recovery_code');
    expect(used.body.recoveryCode).not.toBe(recoveryCode);
    expect((await h.call('GET', '/api/v1/me/security', { token })).status).toBe(401);
    expect((await h.call('POST', '/api/v1/auth/recovery-code/acknowledge', { token, body: { saved: true } })).body).toEqual({ step: 'signed_in' });
    expect((await auditEntries(h, 'mfa.recovery_code_used')).map((e) => e.target_email)).toContain(email);
    const again = await signInOk(h, email);
    const old = await answer(again.token, 'recovery_code', recoveryCode);
    expect(old.status).toBe(422);
    expect(old.body.error.message).toMatch(/recovery code is not right, or it was already used/);
    expect((await answer(again.token, 'recovery_code', used.body.recoveryCode.replace(/-/g, ' '))).body.step).toBe('save_recovery_code');
  });

  it('lets a user with both methods pick each time', async () => {
    const email = demo('mia.thompson');
    const { secret, token: active } = await enrollTotp(h, email);
    await confirmPassword(h, active);
    const phone = await h.call('POST', '/api/v1/me/phone', { token: active, body: { phone: '+61 412 345 679' } });
    expect(phone.status, JSON.stringify(phone.body)).toBe(200);
    expect((await h.call('POST', '/api/v1/me/phone/confirm', { token: active, body: { code: await h.lastCode(email) } })).status).toBe(200);
    h.clock.advance(STEP + 1000);
    const bySms = await signInOk(h, email);
    expect(bySms.next.options).toEqual(['totp', 'sms', 'recovery_code']);
    await h.call('POST', '/api/v1/auth/challenge/sms', { token: bySms.token, body: {} });
    expect((await answer(bySms.token, 'sms', await h.lastCode(email))).body).toEqual({ step: 'signed_in' });
    const byApp = await signInOk(h, email);
    expect((await answer(byApp.token, 'totp', totpCode(secret, h.clock.now()))).body).toEqual({ step: 'signed_in' });
  });
});
