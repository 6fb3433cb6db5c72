/** R-AUTH-1 sign-in and set-up, R-DIR-2/3, R-SMS-1, R-REC-1 and session expiry, through app.inject. */
import { execFileSync } from 'node:child_process';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { totpCode } from '../../shared/domain/totp';
import { DEMO_PASSWORD, DEMO_SSO_DOMAIN } from '../../src-main/service/seed/demo-company';
import { DAY, SEED_TIME, demo, setPolicy, signInOk, startHarness, userRow, type Harness } from '../fixtures/service-harness';

const SIGN_IN = '/api/v1/auth/sign-in';

describe('sign-in and set-up (R-AUTH-1)', () => {
  let h: Harness;
  beforeAll(async () => {
    h = await startHarness();
  });
  afterAll(async () => {
    await h.close();
  });

  it('gives an unknown email and a wrong password the same 401', async () => {
    const unknown = await h.call('POST', SIGN_IN, { body: { email: demo('nobody'), password: DEMO_PASSWORD } });
    const wrong = await h.call('POST', SIGN_IN, { body: { email: demo('jordan.patel'), password: 'not-the-password' } });
    expect(unknown.status).toBe(401);
    expect(wrong.status).toBe(401);
    // The same words and code; only the request id (each request's own) differs.
    expect({ ...unknown.body.error, requestId: null }).toEqual({ ...wrong.body.error, requestId: null });
    expect(unknown.body.error.requestId).not.toBe(wrong.body.error.requestId);
    expect(wrong.body.error.code).toBe('invalid_credentials');
  });

  it('refuses an inactive account with the right password, and answers a wrong one like any other (R-DIR-3)', async () => {
    const right = await h.call('POST', SIGN_IN, { body: { email: demo('taylor.brooks'), password: DEMO_PASSWORD } });
    expect(right.status).toBe(403);
    expect(right.body.error.details.reason).toBe('inactive');
    expect(right.body.error.message).toMatch(/inactive/);
    const wrong = await h.call('POST', SIGN_IN, { body: { email: demo('taylor.brooks'), password: 'nope' } });
    expect(wrong.status).toBe(401);
  });

  it('sends SSO users to their identity provider, known or not, without a session (R-DIR-2)', async () => {
    for (const email of [`sam.rivera@${DEMO_SSO_DOMAIN}`, `someone.else@${DEMO_SSO_DOMAIN}`]) {
      const reply = await h.call('POST', SIGN_IN, { body: { email, password: 'anything' } });
      expect(reply.status).toBe(200);
      expect(reply.body.token).toBeNull();
      expect(reply.body.next.step).toBe('sso');
      expect(reply.body.next.message).toMatch(/identity provider/);
    }
  });

  it('offers early enrollment before the deadline, and lets the user skip it', async () => {
    const { token, next } = await signInOk(h, demo('dana.whitfield'));
    expect(next.step).toBe('setup_optional');
    expect(next.methods.map((m: { kind: string; available: boolean }) => [m.kind, m.available])).toEqual([['totp', true], ['sms', true]]);
    expect((await h.call('GET', '/api/v1/me/security', { token })).status).toBe(401);
    const skip = await h.call('POST', '/api/v1/auth/setup/skip', { token, body: {} });
    expect(skip.body).toEqual({ step: 'signed_in' });
    expect((await h.call('GET', '/api/v1/me/security', { token })).status).toBe(200);
    expect((await h.call('GET', SIGN_IN, { token })).status).toBe(409);
    expect((await userRow(h, demo('dana.whitfield'))).last_sign_in_at).toBe(SEED_TIME);
  });

  it('requires set-up after the deadline, offers only the allowed methods, and refuses skipping', async () => {
    h.clock.set(SEED_TIME + 46 * DAY);
    try {
      const { token, next } = await signInOk(h, demo('priya.sharma'));
      expect(next).toMatchObject({ step: 'setup_required', reason: 'company_policy' });
      expect(next.methods[1]).toMatchObject({ kind: 'sms', available: false, reason: 'country_not_on_sms_list' });
      const skip = await h.call('POST', '/api/v1/auth/setup/skip', { token, body: {} });
      expect(skip.status).toBe(403);
      const sms = await h.call('POST', '/api/v1/auth/setup/sms', { token, body: { phone: '+91 98765 43210' } });
      expect(sms.status).toBe(403);
      expect(sms.body.error.details.reason).toBe('country_not_on_sms_list');
    } finally {
      h.clock.set(SEED_TIME);
    }
  });

  it('requires payments users to set up before the deadline (R-PAY-1)', async () => {
    const { next } = await signInOk(h, demo('quinn.delgado'));
    expect(next).toMatchObject({ step: 'setup_required', reason: 'payments_user' });
  });

  it('sets up the app from a QR code that decodes to the key URI, then demands the recovery code be saved', async () => {
    const email = demo('emery.walsh');
    const { token } = await signInOk(h, email);
    const setup = await h.call('POST', '/api/v1/auth/setup/totp', { token, body: {} });
    expect(setup.body.keyUri).toBe(
      `otpauth://totp/Northwind%20Builders:emery.walsh%40northwind.example?secret=${setup.body.secret}&issuer=Northwind%20Builders&algorithm=SHA1&digits=6&period=30`,
    );
    expect(setup.body.secretGrouped.replace(/ /g, '')).toBe(setup.body.secret);
    const dir = mkdtempSync(path.join(os.tmpdir(), 'mfa-qr-'));
    try {
      const file = path.join(dir, 'qr.png');
      writeFileSync(file, Buffer.from(setup.body.qrPng.replace(/^data:image\/png;base64,/, ''), 'base64'));
      expect(execFileSync('zbarimg', ['--quiet', '--raw', file], { encoding: 'utf8' }).trim()).toBe(setup.body.keyUri);
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
    const wrong = await h.call('POST', '/api/v1/auth/setup/totp/confirm', { token, body: { code: '000000' } });
    expect(wrong.status).toBe(422);
    expect((await userRow(h, email)).failed_attempts).toBe(0);
    const confirm = await h.call('POST', '/api/v1/auth/setup/totp/confirm', { token, body: { code: totpCode(setup.body.secret, h.clock.now()) } });
    expect(confirm.status).toBe(200);
    expect((await h.call('GET', SIGN_IN, { token })).body.next).toEqual({ step: 'save_recovery_code' });
    expect((await h.call('GET', '/api/v1/me/security', { token })).status).toBe(401);
    const unticked = await h.call('POST', '/api/v1/auth/recovery-code/acknowledge', { token, body: { saved: false } });
    expect(unticked.status).toBe(400);
    expect(unticked.body.error.message).toMatch(/I have securely saved this code/);
    expect((await h.call('POST', '/api/v1/auth/recovery-code/acknowledge', { token, body: { saved: true } })).body).toEqual({ step: 'signed_in' });
    const security = await h.call('GET', '/api/v1/me/security', { token });
    expect(security.body.methods.map((m: { kind: string }) => m.kind)).toEqual(['totp']);
    expect(security.body.hasRecoveryCode).toBe(true);
    expect((await userRow(h, email)).enrolled_at).toBe(SEED_TIME);
  });

  it('sets up SMS: refuses numbers of countries off the list, throttles resends, voids the old code', async () => {
    const email = demo('lucia.garcia');
    const { token } = await signInOk(h, email);
    const invalid = await h.call('POST', '/api/v1/auth/setup/sms', { token, body: { phone: '12345' } });
    expect([invalid.status, invalid.body.error.details.reason]).toEqual([422, 'invalid_number']);
    const offList = await h.call('POST', '/api/v1/auth/setup/sms', { token, body: { phone: '+91 98765 43210' } });
    expect([offList.status, offList.body.error.details.reason]).toEqual([422, 'country_not_on_sms_list']);
    expect((await h.outbox.list('company-demo')).filter((m) => m.userEmail === email)).toHaveLength(0);
    const start = await h.call('POST', '/api/v1/auth/setup/sms', { token, body: { phone: '+34 612 345 678' } });
    expect(start.body).toMatchObject({ phoneMasked: '+•••••••5678', expiresAt: SEED_TIME + 10 * 60_000, codeLifetimeMinutes: 10 });
    const first = await h.lastCode(email);
    const early = await h.call('POST', '/api/v1/auth/setup/sms/resend', { token, body: {} });
    expect(early.status).toBe(429);
    expect(early.body.error.details.retryAt).toBe(SEED_TIME + 30_000);
    h.clock.advance(31_000);
    try {
      expect((await h.call('POST', '/api/v1/auth/setup/sms/resend', { token, body: {} })).status).toBe(200);
      const second = await h.lastCode(email);
      if (second !== first) {
        const old = await h.call('POST', '/api/v1/auth/setup/sms/confirm', { token, body: { code: first } });
        expect([old.status, old.body.error.details.reason]).toEqual([422, 'voided']);
      }
      const confirm = await h.call('POST', '/api/v1/auth/setup/sms/confirm', { token, body: { code: second } });
      expect(confirm.status).toBe(200);
      expect(confirm.body.recoveryCode).toMatch(/^[2-9A-HJ-NP-Z]{4}(-[2-9A-HJ-NP-Z]{4}){7}$/);
    } finally {
      h.clock.set(SEED_TIME);
    }
  });

  it('lets an SMS set-up code expire after the policy lifetime', async () => {
    const email = demo('kayan.chan');
    const { token } = await signInOk(h, email);
    await h.call('POST', '/api/v1/auth/setup/sms', { token, body: { phone: '+852 5123 4567' } });
    h.clock.advance(10 * 60_000);
    try {
      const late = await h.call('POST', '/api/v1/auth/setup/sms/confirm', { token, body: { code: await h.lastCode(email) } });
      expect([late.status, late.body.error.details.reason]).toEqual([422, 'expired']);
      expect(late.body.error.message).toMatch(/expired/);
    } finally {
      h.clock.set(SEED_TIME);
    }
  });

  it('writes nothing for a refused phone number', async () => {
    const email = demo('camille.laurent');
    const { token } = await signInOk(h, email);
    await h.call('POST', '/api/v1/auth/setup/sms', { token, body: { phone: '+81 90 1234 5678' } });
    const user = await userRow(h, email);
    expect(await h.store.db.selectFrom('mfa_methods').select('id').where('user_id', '=', user.id).execute()).toEqual([]);
    expect(await h.store.db.selectFrom('sms_codes').select('id').where('user_id', '=', user.id).execute()).toEqual([]);
  });

  it('reissues the recovery code before it is acknowledged, voiding the first', async () => {
    const email = demo('aoife.byrne');
    const { token } = await signInOk(h, email);
    const setup = await h.call('POST', '/api/v1/auth/setup/totp', { token, body: {} });
    const first = await h.call('POST', '/api/v1/auth/setup/totp/confirm', { token, body: { code: totpCode(setup.body.secret, h.clock.now()) } });
    const second = await h.call('POST', '/api/v1/auth/recovery-code/reissue', { token, body: {} });
    expect(second.body.recoveryCode).not.toBe(first.body.recoveryCode);
    const hashes = await h.store.db.selectFrom('recovery_codes').select('code_hash').where('user_id', '=', (await userRow(h, email)).id).execute();
    expect(hashes).toHaveLength(1);
  });

  it('signs out: the token stops working', async () => {
    const { token } = await signInOk(h, demo('weiling.tan'));
    await h.call('POST', '/api/v1/auth/setup/skip', { token, body: {} });
    expect((await h.call('POST', '/api/v1/auth/sign-out', { token })).body).toEqual({ signedOut: true });
    expect((await h.call('GET', '/api/v1/me/security', { token })).status).toBe(401);
    expect((await h.call('POST', '/api/v1/auth/sign-out', { token })).body).toEqual({ signedOut: false });
  });

  it('ends sessions after the idle timeout of the policy (R-POL-7), and never by default', async () => {
    const { token } = await signInOk(h, demo('omar.haddad'));
    await h.call('POST', '/api/v1/auth/setup/skip', { token, body: {} });
    h.clock.advance(11 * 60 * 60_000);
    expect((await h.call('GET', '/api/v1/me/security', { token })).status).toBe(200);
    await setPolicy(h, { session_idle_minutes: 10 });
    try {
      h.clock.advance(9 * 60_000);
      expect((await h.call('GET', '/api/v1/me/security', { token })).status).toBe(200);
      h.clock.advance(10 * 60_000);
      const idle = await h.call('GET', '/api/v1/me/security', { token });
      expect(idle.status).toBe(401);
      expect(idle.body.error.message).toMatch(/10 minutes without activity/);
    } finally {
      await setPolicy(h, { session_idle_minutes: null });
      h.clock.set(SEED_TIME);
    }
  });

  it('stops an unfinished sign-in after 30 minutes', async () => {
    const { token } = await signInOk(h, demo('yuki.tanaka'));
    h.clock.advance(31 * 60_000);
    try {
      const late = await h.call('GET', SIGN_IN, { token });
      expect(late.status).toBe(401);
      expect(late.body.error.message).toMatch(/Sign in again/);
    } finally {
      h.clock.set(SEED_TIME);
    }
  });
});
