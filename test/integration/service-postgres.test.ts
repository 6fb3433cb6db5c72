/**
 * The end-user flows on PostgreSQL (the standalone service's engine), in a fresh schema dropped afterwards.
 * Runs when MFA_TEST_PG_URL is set (`.ci/run` sets it).
 */
import { randomBytes } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { totpCode } from '../../shared/domain/totp';
import { openStore } from '../../src-main/service/store/store';
import { auditEntries, demo, enrollSms, enrollTotp, operatorToken, signInOk, startHarness, type Harness } from '../fixtures/service-harness';
import { dropTestSchema } from '../fixtures/pg-schema';

const PG_URL = process.env.MFA_TEST_PG_URL;

describe.skipIf(!PG_URL)('end-user flows on PostgreSQL', () => {
  const url = PG_URL ?? '';
  const schema = `mfa_service_${process.pid}_${randomBytes(4).toString('hex')}`;
  let h: Harness;
  beforeAll(async () => {
    h = await startHarness({ store: await openStore({ url, schema }) });
  });
  afterAll(async () => {
    await h?.close();
    await dropTestSchema(url, schema);
  });

  it('enrolls with the app and SMS, challenges, locks out and recovers', async () => {
    const app = await enrollTotp(h, demo('jordan.patel'));
    await enrollSms(h, demo('casey.morgan'), '+1 201 555 0123');
    h.clock.advance(31_000);
    const { token } = await signInOk(h, demo('jordan.patel'));
    const answer = (method: string, code: string) => h.call('POST', '/api/v1/auth/challenge', { token, body: { method, code } });
    for (let i = 0; i < 4; i += 1) expect((await answer('totp', '000000')).status).toBe(422);
    expect((await answer('totp', '000000')).status).toBe(423);
    expect(await auditEntries(h, 'mfa.lockout')).toHaveLength(1);
    h.clock.advance(15 * 60_000);
    const again = await signInOk(h, demo('jordan.patel'));
    const used = await h.call('POST', '/api/v1/auth/challenge', { token: again.token, body: { method: 'recovery_code', code: app.recoveryCode } });
    expect(used.body.step).toBe('save_recovery_code');
    await h.call('POST', '/api/v1/auth/recovery-code/acknowledge', { token: again.token, body: { saved: true } });
    expect((await h.call('GET', '/api/v1/me/security', { token: again.token })).body.methods).toHaveLength(1);

    const casey = await signInOk(h, demo('casey.morgan'));
    await h.call('POST', '/api/v1/auth/challenge/sms', { token: casey.token, body: {} });
    const code = await h.lastCode(demo('casey.morgan'));
    expect((await h.call('POST', '/api/v1/auth/challenge', { token: casey.token, body: { method: 'sms', code } })).body).toEqual({ step: 'signed_in' });
  });

  it('runs payments step-up and the demo tools', async () => {
    const payor = await enrollTotp(h, demo('pat.okafor'));
    h.clock.advance(31_000);
    const step = await h.call('POST', '/api/v1/payments/step-up/enter_payments', { token: payor.token, body: { method: 'totp', code: totpCode(payor.secret, h.clock.now()) } });
    expect(step.status).toBe(200);
    const operator = await operatorToken(h);
    const users = (await h.call('GET', '/api/v1/demo/users', { token: operator })).body.users as Array<{ id: string; email: string; methods: string[] }>;
    const pat = users.find((user) => user.email === demo('pat.okafor'));
    expect(pat?.methods).toEqual(['totp']);
    expect((await h.call('POST', `/api/v1/demo/users/${pat?.id}/reset`, { token: operator, body: {} })).body.methods).toEqual([]);
  });
});
