/**
 * Guessing limits on both engines (R-AUTH-2): escalating MFA locks with a ceiling of 100 failures in a row, the
 * per-account password throttle (the same for unknown emails), concurrent replays of one accepted code, and wrong
 * set-up codes. The test that measures guesses per account per day prints its figure (the README quotes it).
 */
import { afterAll, describe, expect, it } from 'vitest';
import { MAX_CONSECUTIVE_FAILURES, UNTIL_ADMIN_UNLOCKS, maxGuessesWithin } from '../../shared/domain/lockout';
import { totpCode } from '../../shared/domain/totp';
import { DEMO_PASSWORD } from '../../src-main/service/seed/demo-company';
import { testEngines } from '../fixtures/engines';
import { DAY, auditEntries, demo, enrollTotp, operatorToken, signInOk, userRow, withHarness, type Harness } from '../fixtures/service-harness';

const SIGN_IN = '/api/v1/auth/sign-in';
const CHALLENGE = '/api/v1/auth/challenge';
const STEP = 30_000;

/** A six-digit code that is not the one the app shows now. */
function wrongCode(secret: string, now: number): string {
  return String((Number(totpCode(secret, now)) + 1) % 1_000_000).padStart(6, '0');
}

/** A challenge token for `email`, waiting out a lock the sign-in reports. */
async function challengeToken(h: Harness, email: string): Promise<string | null> {
  for (;;) {
    const reply = await h.call('POST', SIGN_IN, { body: { email, password: DEMO_PASSWORD } });
    if (reply.status === 200) return reply.body.token as string;
    if (reply.status !== 423 || reply.body.error.details.untilAdminUnlocks) return null;
    h.clock.set(reply.body.error.details.lockedUntil);
  }
}

/**
 * An attacker who knows the password: tries a wrong code whenever the account is not locked, for one day of
 * (simulated) time. Returns the codes the service checked: the 422s and each 423 that a guess itself caused.
 */
async function guessesInOneDay(h: Harness, email: string, secret: string): Promise<number> {
  const end = h.clock.now() + DAY;
  let guesses = 0;
  let token = await challengeToken(h, email);
  while (token !== null && h.clock.now() < end) {
    const reply = await h.call('POST', CHALLENGE, { token, body: { method: 'totp', code: wrongCode(secret, h.clock.now()) } });
    if (reply.status === 401) {
      token = await challengeToken(h, email);
      continue;
    }
    expect([422, 423]).toContain(reply.status);
    guesses += 1;
    if (reply.status === 423) {
      if (reply.body.error.details.untilAdminUnlocks) break;
      h.clock.set(reply.body.error.details.lockedUntil);
      token = await challengeToken(h, email);
    }
  }
  return guesses;
}

describe.each(testEngines('guessing'))('guessing limits on $name', (engine) => {
  afterAll(() => engine.dispose());

  it('allows at most 50 code guesses per account per day (escalating locks)', async () => {
    await withHarness({ store: await engine.open() }, async (h) => {
      const email = demo('joao.silva');
      const { secret } = await enrollTotp(h, email);
      h.clock.advance(STEP);
      const guesses = await guessesInOneDay(h, email, secret);
      console.log(`guesses per account per day (${engine.name}, default policy: 5 codes, 15 minutes): ${guesses}`);
      expect(guesses).toBeLessThanOrEqual(50);
      expect(guesses).toBe(maxGuessesWithin({ lockoutThreshold: 5, lockoutMinutes: 15 }, DAY));
      const locks = (await auditEntries(h, 'mfa.lockout')).map((entry) => JSON.parse(entry.after ?? '{}').lockMinutes as number);
      expect(locks.slice(0, 4)).toEqual([15, 30, 60, 120]);
    });
  });

  it('locks until an admin unlocks after 100 wrong codes in a row, says so, and only a success or the admin resets the count', async () => {
    await withHarness({ store: await engine.open() }, async (h) => {
      const email = demo('camille.laurent');
      const { secret } = await enrollTotp(h, email);
      h.clock.advance(STEP);
      await h.store.write((trx) => trx.updateTable('users').set({ failed_attempts: MAX_CONSECUTIVE_FAILURES - 1 }).where('email_lower', '=', email).execute());
      const token = await challengeToken(h, email);
      const last = await h.call('POST', CHALLENGE, { token, body: { method: 'totp', code: wrongCode(secret, h.clock.now()) } });
      expect(last.status).toBe(423);
      expect(last.body.error.details).toMatchObject({ untilAdminUnlocks: true, lockedUntil: UNTIL_ADMIN_UNLOCKS });
      expect(last.body.error.message).toMatch(/after 100 wrong codes in a row\. It does not unlock by itself: it stays locked until your company admin unlocks it/);
      const entry = (await auditEntries(h, 'mfa.lockout')).at(-1);
      expect(JSON.parse(entry?.after ?? '{}')).toMatchObject({ failedAttempts: 100, untilAdminUnlocks: true });

      h.clock.advance(365 * DAY);
      const later = await h.call('POST', SIGN_IN, { body: { email, password: DEMO_PASSWORD } });
      expect([later.status, later.body.error.details.untilAdminUnlocks]).toEqual([423, true]);
      const admin = await operatorToken(h);
      const id = (await userRow(h, email)).id;
      const detail = await h.call('GET', `/api/v1/admin/users/${id}`, { token: admin });
      expect(detail.body).toMatchObject({ locked: true, failedAttempts: 100 });
      const lockouts = (await h.call('GET', '/api/v1/admin/report/enrollment', { token: admin })).body.recentLockouts;
      expect(lockouts[0]).toMatchObject({ email, stillLocked: true });
      expect((await h.call('POST', `/api/v1/admin/users/${id}/unlock`, { token: admin, body: {} })).body).toMatchObject({ locked: false, failedAttempts: 0 });
      const again = await challengeToken(h, email);
      expect((await h.call('POST', CHALLENGE, { token: again, body: { method: 'totp', code: totpCode(secret, h.clock.now()) } })).body).toEqual({ step: 'signed_in' });
    });
  });

  it('counts ten parallel submissions of one valid code as one pass and no failure', async () => {
    await withHarness({ store: await engine.open() }, async (h) => {
      const email = demo('giulia.romano');
      const { secret } = await enrollTotp(h, email);
      h.clock.advance(STEP);
      const tokens: string[] = [];
      for (let i = 0; i < 10; i += 1) tokens.push((await challengeToken(h, email)) ?? '');
      const code = totpCode(secret, h.clock.now());
      const replies = await Promise.all(tokens.map((token) => h.call('POST', CHALLENGE, { token, body: { method: 'totp', code } })));
      const statuses = replies.map((reply) => reply.status);
      expect(statuses.filter((status) => status === 200)).toHaveLength(1);
      expect(statuses.filter((status) => status === 422)).toHaveLength(9);
      for (const reply of replies.filter((r) => r.status === 422)) expect(reply.body.error.details.reason).toBe('replay');
      const user = await userRow(h, email);
      expect(user).toMatchObject({ failed_attempts: 0, locked_until: null });
      // One session signed in and one sign-in recorded, whichever path (guarded write or locked step) took it.
      const sessions = await h.store.db.selectFrom('sessions').select('stage').where('user_id', '=', user.id).where('created_at', '=', h.clock.now()).execute();
      expect(sessions.map((session) => session.stage).sort()).toEqual(['active', ...Array.from({ length: 9 }, () => 'challenge')]);
      const recorded = await h.store.db.selectFrom('sign_in_activity').select('outcome').where('user_id', '=', user.id).where('method', '=', 'totp').where('at', '=', h.clock.now()).execute();
      expect(recorded.map((row) => row.outcome).sort()).toEqual([...Array.from({ length: 9 }, () => 'replayed_code'), 'signed_in']);
    });
  });

  it('starts set-up again with a new secret or a new code after 10 wrong set-up codes', async () => {
    await withHarness({ store: await engine.open() }, async (h) => {
      const email = demo('aoife.byrne');
      const { token } = await signInOk(h, email);
      const setup = await h.call('POST', '/api/v1/auth/setup/totp', { token, body: {} });
      const confirm = (code: string) => h.call('POST', '/api/v1/auth/setup/totp/confirm', { token, body: { code } });
      for (let i = 0; i < 9; i += 1) expect((await confirm(wrongCode(setup.body.secret, h.clock.now()))).body.error.details.reason).toBe('wrong');
      const tenth = await confirm(wrongCode(setup.body.secret, h.clock.now()));
      expect(tenth.body.error).toMatchObject({ details: { reason: 'setup_restarted' }, message: expect.stringMatching(/10th wrong code .* new key/) });
      const old = await confirm(totpCode(setup.body.secret, h.clock.now()));
      expect([old.status, old.body.error.details.reason]).toEqual([409, 'no_pending_setup']);
      const fresh = await h.call('POST', '/api/v1/auth/setup/totp', { token, body: {} });
      expect(fresh.body.secret).not.toBe(setup.body.secret);
      expect((await confirm(totpCode(fresh.body.secret, h.clock.now()))).status).toBe(200);

      const phoneUser = demo('lucia.garcia');
      const signIn = await signInOk(h, phoneUser);
      expect((await h.call('POST', '/api/v1/auth/setup/sms', { token: signIn.token, body: { phone: '+34 612 345 678' } })).status).toBe(200);
      const sent = await h.lastCode(phoneUser);
      const other = String((Number(sent) + 1) % 1_000_000).padStart(6, '0');
      for (let i = 0; i < 10; i += 1) await h.call('POST', '/api/v1/auth/setup/sms/confirm', { token: signIn.token, body: { code: other } });
      const late = await h.call('POST', '/api/v1/auth/setup/sms/confirm', { token: signIn.token, body: { code: sent } });
      expect([late.status, late.body.error.details.reason]).toEqual([409, 'no_pending_setup']);
      h.clock.advance(STEP + 1000);
      expect((await h.call('POST', '/api/v1/auth/setup/sms', { token: signIn.token, body: { phone: '+34 612 345 678' } })).status).toBe(200);
      expect(await h.lastCode(phoneUser)).not.toBe(sent);
      expect((await h.call('POST', '/api/v1/auth/setup/sms/confirm', { token: signIn.token, body: { code: await h.lastCode(phoneUser) } })).status).toBe(200);
      expect((await userRow(h, phoneUser)).failed_attempts).toBe(0);
    });
  });

  it('throttles wrong passwords per account, lifts it on success, and answers unknown emails the same way', async () => {
    await withHarness({ store: await engine.open() }, async (h) => {
      const tryPassword = (email: string, password: string, ip: string) => h.call('POST', SIGN_IN, { body: { email, password }, ip });
      const run = async (email: string) => {
        const answers: string[] = [];
        for (let i = 0; i < 200; i += 1) {
          const reply = await tryPassword(email, `guess-${i}`, `127.0.0.${(i % 10) + 1}`);
          answers.push(`${reply.status} ${reply.body.error.message}`);
        }
        return answers;
      };
      const known = await run(demo('dana.whitfield'));
      const unknown = await run('nobody.here@northwind.example');
      expect(unknown).toEqual(known);
      expect(known.filter((answer) => answer.startsWith('401'))).toHaveLength(5);
      expect(known[5]).toMatch(/^429 Too many wrong passwords for this account in a row\. Wait 1 second/);

      const right = await tryPassword(demo('dana.whitfield'), DEMO_PASSWORD, '127.0.0.1');
      expect(right.status).toBe(429);
      h.clock.advance(1000);
      expect((await tryPassword(demo('dana.whitfield'), DEMO_PASSWORD, '127.0.0.1')).status).toBe(200);
      expect((await tryPassword(demo('dana.whitfield'), 'wrong again', '127.0.0.1')).status).toBe(401);
    });
  });
});
