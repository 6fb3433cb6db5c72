/** Payments users (R-PAY-1, R-PAY-2): mandatory MFA, payor app only, payee SMS US only, step-up per touchpoint. */
import { randomUUID } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { totpCode } from '../../shared/domain/totp';
import { demo, enrollSms, enrollTotp, signInOk, startHarness, userRow, type Harness } from '../fixtures/service-harness';

const STEP = 30_000;

describe('payments users', () => {
  let h: Harness;
  let payor: { secret: string; token: string };
  beforeAll(async () => {
    h = await startHarness();
  });
  afterAll(async () => {
    await h.close();
  });

  const stepUp = (token: string, touchpoint: string, method: string, code: string) =>
    h.call('POST', `/api/v1/payments/step-up/${touchpoint}`, { token, body: { method, code } });

  it('makes a payor set up the authenticator app: text messages are not offered', async () => {
    const email = demo('pat.okafor');
    const { token, next } = await signInOk(h, email);
    expect(next).toMatchObject({ step: 'setup_required', reason: 'payments_user' });
    expect(next.methods[1]).toMatchObject({ kind: 'sms', available: false, reason: 'payor_app_only' });
    const sms = await h.call('POST', '/api/v1/auth/setup/sms', { token, body: { phone: '+1 201 555 0123' } });
    expect([sms.status, sms.body.error.details.reason]).toEqual([403, 'payor_app_only']);
    const enrolled = await enrollTotp(h, email);
    payor = { secret: enrolled.secret, token: enrolled.token };
  });

  it('lets a US payee admin use SMS only with a US number, and a payee admin elsewhere only the app', async () => {
    const { token } = await signInOk(h, demo('quinn.delgado'));
    const uk = await h.call('POST', '/api/v1/auth/setup/sms', { token, body: { phone: '+44 7400 123456' } });
    expect([uk.status, uk.body.error.details.reason]).toEqual([422, 'payee_admin_needs_us_number']);
    await enrollSms(h, demo('quinn.delgado'), '+1 213 555 0188');
    const canada = await signInOk(h, demo('robin.fraser'));
    expect(canada.next.methods[1]).toMatchObject({ kind: 'sms', available: false, reason: 'payee_admin_us_only' });
  });

  it('demands a fresh challenge at every touchpoint, and refuses touchpoints before entering the tool', async () => {
    const { token, secret } = payor;
    h.clock.advance(STEP);
    expect((await h.call('GET', '/api/v1/payments/status', { token })).body).toMatchObject({ paymentsUser: true, methods: ['totp'], inTool: false, idleExpiresAt: null });
    const early = await stepUp(token, 'disbursement', 'totp', totpCode(secret, h.clock.now()));
    expect([early.status, early.body.error.details.reason]).toEqual([403, 'payments_idle']);
    const code = totpCode(secret, h.clock.now());
    const enter = await stepUp(token, 'enter_payments', 'totp', code);
    expect(enter.body).toEqual({ touchpoint: 'enter_payments', passedAt: h.clock.now(), idleExpiresAt: h.clock.now() + 30 * 60_000 });
    expect((await h.call('GET', '/api/v1/payments/status', { token })).body.inTool).toBe(true);
    const again = await stepUp(token, 'disbursement', 'totp', code);
    expect([again.status, again.body.error.details.reason]).toEqual([422, 'replay']);
    for (const touchpoint of ['disbursement', 'bank_account', 'agreement']) {
      h.clock.advance(STEP);
      expect((await stepUp(token, touchpoint, 'totp', totpCode(secret, h.clock.now()))).status).toBe(200);
    }
    const recovery = await stepUp(token, 'agreement', 'recovery_code', 'ABCD');
    expect(recovery.status).toBe(400);
    expect((await h.call('POST', '/api/v1/payments/step-up/refund', { token, body: { method: 'totp', code: '123456' } })).status).toBe(400);
  });

  it('re-demands a challenge after 30 minutes idle in the tool', async () => {
    const { token, secret } = payor;
    h.clock.advance(10 * 60_000);
    expect((await h.call('POST', '/api/v1/payments/activity', { token, body: {} })).body).toEqual({ idleExpiresAt: h.clock.now() + 30 * 60_000 });
    h.clock.advance(30 * 60_000);
    const idle = await h.call('POST', '/api/v1/payments/activity', { token, body: {} });
    expect([idle.status, idle.body.error.details.reason]).toEqual([403, 'payments_idle']);
    expect(idle.body.error.message).toMatch(/idle for 30 minutes/);
    expect((await stepUp(token, 'bank_account', 'totp', totpCode(secret, h.clock.now()))).status).toBe(403);
    expect((await stepUp(token, 'enter_payments', 'totp', totpCode(secret, h.clock.now()))).status).toBe(200);
  });

  it('steps up a payee admin by SMS', async () => {
    const email = demo('quinn.delgado');
    h.clock.advance(STEP);
    const signIn = await signInOk(h, email);
    await h.call('POST', '/api/v1/auth/challenge/sms', { token: signIn.token, body: {} });
    await h.call('POST', '/api/v1/auth/challenge', { token: signIn.token, body: { method: 'sms', code: await h.lastCode(email) } });
    h.clock.advance(STEP + 1000);
    const sent = await h.call('POST', '/api/v1/payments/step-up/enter_payments/sms', { token: signIn.token, body: {} });
    expect(sent.body.phoneMasked).toBe('+•••••••0188');
    expect((await stepUp(signIn.token, 'enter_payments', 'sms', await h.lastCode(email))).status).toBe(200);
  });

  it('counts wrong step-up codes towards the lockout', async () => {
    const { token } = payor;
    for (let i = 0; i < 4; i += 1) expect((await stepUp(token, 'enter_payments', 'totp', '000000')).status).toBe(422);
    expect((await stepUp(token, 'enter_payments', 'totp', '000000')).status).toBe(423);
    h.clock.advance(15 * 60_000);
  });

  it('never offers a payor an SMS method at the challenge, even one left on the account', async () => {
    const user = await userRow(h, demo('pat.okafor'));
    await h.store.write((trx) =>
      trx
        .insertInto('mfa_methods')
        .values({ id: randomUUID(), user_id: user.id, kind: 'sms', secret_sealed: null, phone_e164: '+12015550123', last_step: null, confirmed_at: h.clock.now(), created_at: h.clock.now() })
        .execute(),
    );
    const { token, next } = await signInOk(h, demo('pat.okafor'));
    expect(next.options).toEqual(['totp', 'recovery_code']);
    expect((await h.call('POST', '/api/v1/auth/challenge/sms', { token, body: {} })).status).toBe(403);
  });

  it('keeps the Payments tool to payments accounts', async () => {
    const { token } = await signInOk(h, demo('giulia.romano'));
    await h.call('POST', '/api/v1/auth/setup/skip', { token, body: {} });
    expect((await h.call('GET', '/api/v1/payments/status', { token })).body).toMatchObject({ paymentsUser: false, inTool: false });
    const refused = await stepUp(token, 'enter_payments', 'totp', '123456');
    expect([refused.status, refused.body.error.details.reason]).toEqual([403, 'not_payments_user']);
  });
});
