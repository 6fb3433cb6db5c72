/**
 * A right app code signs in with one guarded write (passUnchanged, Store.writeIfUnchanged) that applies only while
 * the user's lock state and the method are as the request's context read them; otherwise the full locked step
 * (attemptCode) decides afresh. On both engines, through the challenge route: a store wrapper runs a change
 * "meanwhile" — after the request read its context, just before its guarded write — and reports what each guarded
 * write answered, so each test shows which path decided. Ten parallel submissions of one right code are covered in
 * service-guessing-limits.test.ts.
 */
import { randomBytes } from 'node:crypto';
import { afterAll, describe, expect, it } from 'vitest';
import { newTotpSecret, totpCode, totpStep } from '../../shared/domain/totp';
import { hashSessionToken } from '../../src-main/service/auth/session-token';
import type { GuardedChange, WriteGuard } from '../../src-main/service/store/guarded-write';
import { DelegatingStore } from '../../src-main/service/store/delegating-store';
import { testEngines, type TestEngine } from '../fixtures/engines';
import { auditEntries, demo, enrollTotp, signInOk, userRow, withHarness, type Harness } from '../fixtures/service-harness';

const CHALLENGE = '/api/v1/auth/challenge';
const STEP = 30_000;
const CLIENT = { ip: '203.0.113.7', headers: { 'user-agent': 'GuardedChallengeTest/1.0' } };

/** What runs around the next guarded write: `meanwhile` just before it, `after` once it answered. */
interface Interposition {
  meanwhile(): Promise<void>;
  after?(applied: boolean): Promise<void>;
}

/** A store that runs an Interposition around the next guarded write and keeps what every guarded write answered. */
class InterposingStore extends DelegatingStore {
  readonly answers: boolean[] = [];
  #next: Interposition | null = null;

  /** Runs `interposition` around the next guarded write (a guarded write of `meanwhile` itself is not interposed). */
  aroundNextGuardedWrite(interposition: Interposition): void {
    this.#next = interposition;
  }

  override async writeIfUnchanged(guard: WriteGuard, changes: readonly GuardedChange[]): Promise<boolean> {
    const around = this.#next;
    this.#next = null;
    await around?.meanwhile();
    const applied = await this.inner.writeIfUnchanged(guard, changes);
    this.answers.push(applied);
    await around?.after?.(applied);
    return applied;
  }
}

/** A six-digit code that is not the one the app shows now. */
function wrongCode(secret: string, now: number): string {
  return String((Number(totpCode(secret, now)) + 1) % 1_000_000).padStart(6, '0');
}

/** Answers the challenge of the session `token` with an app code, from the test client. */
function answer(h: Harness, token: string, code: string) {
  return h.call('POST', CHALLENGE, { token, body: { method: 'totp', code }, ...CLIENT });
}

/** `count` sign-ins of an enrolled user by password, each a session waiting at the challenge. */
async function challengeTokens(h: Harness, email: string, count: number): Promise<string[]> {
  const tokens: string[] = [];
  for (let i = 0; i < count; i += 1) {
    const { token, next } = await signInOk(h, email);
    expect(next.step).toBe('challenge');
    tokens.push(token);
  }
  return tokens;
}

/** Enrolls `email` with an app, one step later signs in `sessions` times; the secret, the sessions' tokens, the time. */
async function enrolledAtChallenge(h: Harness, email: string, sessions: number): Promise<{ secret: string; tokens: string[]; now: number }> {
  const { secret } = await enrollTotp(h, email);
  h.clock.advance(STEP);
  return { secret, tokens: await challengeTokens(h, email, sessions), now: h.clock.now() };
}

/** Everything a challenge answer may change for a user, seen from the session `token`. */
async function stateOf(h: Harness, email: string, token: string) {
  const user = await userRow(h, email);
  const db = h.store.db;
  const method = await db.selectFrom('mfa_methods').select(['last_step', 'secret_sealed']).where('user_id', '=', user.id).where('kind', '=', 'totp').executeTakeFirstOrThrow();
  const session = await db.selectFrom('sessions').select(['stage', 'mfa_at', 'last_seen_at', 'flow']).where('token_hash', '=', hashSessionToken(token)).executeTakeFirstOrThrow();
  const activity = await db.selectFrom('sign_in_activity').select('outcome').where('user_id', '=', user.id).orderBy('seq').execute();
  return {
    user: { failed_attempts: user.failed_attempts, locked_until: user.locked_until, last_sign_in_at: user.last_sign_in_at, updated_at: user.updated_at },
    method,
    session,
    outcomes: activity.map((row) => row.outcome),
  };
}

type State = Awaited<ReturnType<typeof stateOf>>;

describe.each(testEngines('guarded_challenge'))('the guarded TOTP sign-in on $name', (engine: TestEngine) => {
  afterAll(() => engine.dispose());

  /** A test service over this engine whose store interposes around guarded writes. */
  async function withService(run: (h: Harness, store: InterposingStore) => Promise<void>): Promise<void> {
    const store = new InterposingStore(await engine.open());
    await withHarness({ store }, (h) => run(h, store));
  }

  /**
   * Answers the challenge of `token` with `code` while `meanwhile` runs between the context read and the guarded
   * write; returns the reply and the user's state before the answer, after `meanwhile`, and after the guarded write.
   */
  async function answerWithChangeMeanwhile(h: Harness, store: InterposingStore, who: { email: string; token: string; code: string }, meanwhile: () => Promise<void>) {
    const states: { before: State; meanwhile?: State; guarded?: State } = { before: await stateOf(h, who.email, who.token) };
    store.aroundNextGuardedWrite({
      async meanwhile() {
        await meanwhile();
        states.meanwhile = await stateOf(h, who.email, who.token);
      },
      async after() {
        states.guarded = await stateOf(h, who.email, who.token);
      },
    });
    const reply = await answer(h, who.token, who.code);
    return { reply, ...states };
  }

  it('a wrong code counted after the context was read: the guarded write changes nothing, the full step signs in and clears the count', async () => {
    await withService(async (h, store) => {
      const email = demo('noah.clarke');
      const { secret, tokens: [token = '', other = ''], now } = await enrolledAtChallenge(h, email, 2);
      const run = await answerWithChangeMeanwhile(h, store, { email, token, code: totpCode(secret, now) }, async () => {
        const wrong = await answer(h, other, wrongCode(secret, now));
        expect([wrong.status, wrong.body.error.details]).toEqual([422, { reason: 'wrong', attemptsLeft: 4 }]);
      });
      expect(run.meanwhile?.user.failed_attempts).toBe(1);
      expect(store.answers).toEqual([false]);
      expect(run.guarded).toEqual(run.meanwhile);
      expect([run.reply.status, run.reply.body]).toEqual([200, { step: 'signed_in' }]);
      const after = await stateOf(h, email, token);
      expect(after.user).toMatchObject({ failed_attempts: 0, locked_until: null, last_sign_in_at: now });
      expect(after.method.last_step).toBe(totpStep(now));
      expect(after.session).toMatchObject({ stage: 'active', mfa_at: now });
      expect(after.outcomes).toEqual([...run.before.outcomes, 'wrong_code', 'signed_in']);
    });
  });

  it('the same code accepted after the context was read: the guarded write changes nothing, the full step refuses a replay without counting it', async () => {
    await withService(async (h, store) => {
      const email = demo('joao.silva');
      const { secret, tokens: [token = '', other = ''], now } = await enrolledAtChallenge(h, email, 2);
      const code = totpCode(secret, now);
      const run = await answerWithChangeMeanwhile(h, store, { email, token, code }, async () => {
        expect((await answer(h, other, code)).body).toEqual({ step: 'signed_in' });
      });
      // The other session's guarded write applied; this one's found the step moved and changed nothing.
      expect(store.answers).toEqual([true, false]);
      expect(run.meanwhile?.method.last_step).toBe(totpStep(now));
      expect(run.guarded).toEqual(run.meanwhile);
      expect(run.reply.status).toBe(422);
      expect(run.reply.body.error.details).toEqual({ reason: 'replay', attemptsLeft: 5 });
      const after = await stateOf(h, email, token);
      expect(after.user).toMatchObject({ failed_attempts: 0, locked_until: null });
      expect(after.session.stage).toBe('challenge');
      expect((await stateOf(h, email, other)).session.stage).toBe('active');
      expect(after.outcomes).toEqual([...run.before.outcomes, 'signed_in', 'replayed_code']);
    });
  });

  it('locked after the context was read: the guarded write changes nothing, the full step refuses 423 and signs nothing in', async () => {
    await withService(async (h, store) => {
      const email = demo('giulia.romano');
      const { secret, tokens: [token = '', other = ''], now } = await enrolledAtChallenge(h, email, 2);
      // One wrong code short of the lock (the default policy locks at the 5th).
      await h.store.write((trx) => trx.updateTable('users').set({ failed_attempts: 4 }).where('email_lower', '=', email).execute());
      const run = await answerWithChangeMeanwhile(h, store, { email, token, code: totpCode(secret, now) }, async () => {
        expect((await answer(h, other, wrongCode(secret, now))).status).toBe(423);
      });
      expect(run.before.user.failed_attempts).toBe(4);
      expect(store.answers).toEqual([false]);
      expect(run.guarded).toEqual(run.meanwhile);
      expect(run.reply.status).toBe(423);
      expect(run.reply.body.error).toMatchObject({ code: 'mfa_locked', details: { lockedUntil: now + 15 * 60_000 } });
      const after = await stateOf(h, email, token);
      expect(after.user).toMatchObject({ failed_attempts: 5, locked_until: now + 15 * 60_000, last_sign_in_at: run.before.user.last_sign_in_at });
      // The right code was not used up, and no session signed in.
      expect(after.method.last_step).toBe(run.before.method.last_step);
      expect(after.session).toEqual(run.before.session);
      expect((await stateOf(h, email, other)).session.stage).toBe('challenge');
      expect(after.outcomes).toEqual([...run.before.outcomes, 'locked', 'locked']);
      expect(await auditEntries(h, 'mfa.lockout')).toHaveLength(1);
    });
  });

  it('a new key after the context was read: the guarded write changes nothing, the full step checks the code against the new key', async () => {
    await withService(async (h, store) => {
      const email = demo('camille.laurent');
      const { secret, tokens: [token = ''], now } = await enrolledAtChallenge(h, email, 1);
      const newSecret = newTotpSecret(randomBytes(20));
      const run = await answerWithChangeMeanwhile(h, store, { email, token, code: totpCode(secret, now) }, async () => {
        await h.store.write((trx) =>
          trx.updateTable('mfa_methods').set({ secret_sealed: h.keys.sealer.seal(newSecret) }).where('user_id', '=', trx.selectFrom('users').select('id').where('email_lower', '=', email)).execute(),
        );
      });
      expect(run.meanwhile?.method.secret_sealed).not.toBe(run.before.method.secret_sealed);
      expect(store.answers).toEqual([false]);
      expect(run.guarded).toEqual(run.meanwhile);
      expect(run.reply.status).toBe(422);
      expect(run.reply.body.error.details).toEqual({ reason: 'wrong', attemptsLeft: 4 });
      const after = await stateOf(h, email, token);
      expect(after.user.failed_attempts).toBe(1);
      expect(after.method.last_step).toBe(run.before.method.last_step);
      expect(after.session.stage).toBe('challenge');
      expect((await answer(h, token, totpCode(newSecret, now))).body).toEqual({ step: 'signed_in' });
      expect(store.answers).toEqual([false, true]);
    });
  });

  it('stores the same session, user and sign-in activity through the guarded write as through the full step', async () => {
    await withService(async (h, store) => {
      const guardedEmail = demo('noah.clarke');
      const fullEmail = demo('joao.silva');
      const guardedSecret = (await enrollTotp(h, guardedEmail)).secret;
      const fullSecret = (await enrollTotp(h, fullEmail)).secret;
      h.clock.advance(STEP);
      const now = h.clock.now();
      const [guardedToken = ''] = await challengeTokens(h, guardedEmail, 1);
      const [fullToken = '', fullOther = ''] = await challengeTokens(h, fullEmail, 2);
      const numbered = { [guardedEmail]: (await userRow(h, guardedEmail)).change_seq, [fullEmail]: (await userRow(h, fullEmail)).change_seq };
      // Each user has one wrong code counted when the right one comes: before the context read (guarded write),
      // or after it (so the guarded write finds the count changed and the full step signs in).
      expect((await answer(h, guardedToken, wrongCode(guardedSecret, now))).status).toBe(422);
      expect((await answer(h, guardedToken, totpCode(guardedSecret, now))).body).toEqual({ step: 'signed_in' });
      expect(store.answers).toEqual([true]);
      store.aroundNextGuardedWrite({
        async meanwhile() {
          expect((await answer(h, fullOther, wrongCode(fullSecret, now))).status).toBe(422);
        },
      });
      expect((await answer(h, fullToken, totpCode(fullSecret, now))).body).toEqual({ step: 'signed_in' });
      expect(store.answers).toEqual([true, false]);

      const guarded = await signedInRows(h, guardedEmail, guardedToken, { since: now, changeSeq: numbered[guardedEmail] ?? -1 });
      const full = await signedInRows(h, fullEmail, fullToken, { since: now, changeSeq: numbered[fullEmail] ?? -1 });
      expect(guarded).toEqual(full);
      expect(guarded).toEqual({
        session: { stage: 'active', mfa_at: now, last_seen_at: now, flow: expect.any(String), revoked_at: null },
        user: { failed_attempts: 0, locked_until: null, last_sign_in_at: now, updated_at: now, pending: true, change_seq: 'as before the challenge' },
        method: { last_step: totpStep(now) },
        activity: [{ company_id: expect.any(String), at: now, outcome: 'signed_in', method: 'totp', detail: null, ip: CLIENT.ip, user_agent: CLIENT.headers['user-agent'], email: 'the user', user: 'the user' }],
      });
    });
  });
});

/**
 * The rows a passed challenge leaves: the session, the user (whether their change sequence number is still the one
 * before: a sign-in marks the row pending instead of numbering it), the method, and the sign-ins recorded `since`,
 * with the user's own email and id told apart from others'.
 */
async function signedInRows(h: Harness, email: string, token: string, before: { since: number; changeSeq: number }) {
  const db = h.store.db;
  const user = await userRow(h, email);
  const session = await db.selectFrom('sessions').select(['stage', 'mfa_at', 'last_seen_at', 'flow', 'revoked_at']).where('token_hash', '=', hashSessionToken(token)).executeTakeFirstOrThrow();
  const method = await db.selectFrom('mfa_methods').select('last_step').where('user_id', '=', user.id).where('kind', '=', 'totp').executeTakeFirstOrThrow();
  const activity = await db
    .selectFrom('sign_in_activity')
    .select(['company_id', 'at', 'outcome', 'method', 'detail', 'ip', 'user_agent', 'email_typed', 'email_lower', 'user_id'])
    .where('user_id', '=', user.id)
    .where('outcome', '=', 'signed_in')
    .where('at', '>=', before.since)
    .execute();
  return {
    session,
    user: {
      failed_attempts: user.failed_attempts,
      locked_until: user.locked_until,
      last_sign_in_at: user.last_sign_in_at,
      updated_at: user.updated_at,
      pending: (await db.selectFrom('pending_changes').select('user_id').where('user_id', '=', user.id).executeTakeFirst()) !== undefined,
      change_seq: user.change_seq === before.changeSeq ? 'as before the challenge' : user.change_seq,
    },
    method,
    activity: activity.map(({ email_typed, email_lower, user_id, ...row }) => ({
      ...row,
      email: email_typed === user.email && email_lower === email ? 'the user' : email_typed,
      user: user_id === user.id ? 'the user' : user_id,
    })),
  };
}
