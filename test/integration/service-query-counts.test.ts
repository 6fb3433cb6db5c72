/**
 * Database round trips of the hot routes (issue 13, item 4), counted on both engines: SQL statements (a Kysely
 * plugin) and write transactions (each one more BEGIN and COMMIT on PostgreSQL). A new query on one of these routes
 * fails here; lower the figure when a change removes one, and update the README's table.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { totpCode } from '../../shared/domain/totp';
import { DEMO_ADMIN_EMAIL, DEMO_PASSWORD } from '../../src-main/service/seed/demo-company';
import { testEngines, type TestEngine } from '../fixtures/engines';
import { QueryCounter, countingStore } from '../fixtures/counting-store';
import { demo, enrollTotp, signInOk, startHarness, type Harness } from '../fixtures/service-harness';

const STEP = 30_000;

/**
 * The figures (before issue 13: sign-in 12 + 2 writes, challenge 18 + 1, Password & Security 12, policy 9). The
 * remaining statements are the writes' own: the reads a write needs (lock state, throttle row) and the changes.
 */
const EXPECTED = {
  // Each records the attempt in sign-in activity (R-LOG-1). The password step does so in a write of its own, after
  // the step, so that a refused step (whose write rolls back) is recorded too: one insert, plus the lookup of the
  // user's company.
  signIn: { queries: 9, writes: 3 },
  // The challenge passed: the caller's context; then one guarded write (Store.writeIfUnchanged) that, if the user's
  // lock state and the method are as the context read them, moves the TOTP step forward, records the sign-in on the
  // user and leaves them pending for the sync to number (no change sequence taken here), signs the session in and
  // records the attempt: on PostgreSQL one statement and no transaction block (before: a one-user write of 5
  // statements); on SQLite a transaction of the guard and the 5 changes.
  challenge: { postgres: { queries: 2, writes: 0 }, sqlite: { queries: 7, writes: 1 } },
  security: { queries: 1, writes: 0 },
  adminPolicy: { queries: 1, writes: 0 },
};

describe.each(testEngines('query_counts').map((engine) => [engine.name, engine] as const))('queries per request on %s', (_name, engine: TestEngine) => {
  const counter = new QueryCounter();
  let h: Harness;
  beforeAll(async () => {
    h = await startHarness({ store: countingStore(await engine.open(), counter) });
  });
  afterAll(async () => {
    await h.close();
    await engine.dispose();
  });

  /** The statements and writes one call costs, after checking it answered `status`. */
  async function cost(status: number, call: () => Promise<{ status: number; body: unknown }>): Promise<{ queries: number; writes: number }> {
    counter.reset();
    const reply = await call();
    expect(reply.status, JSON.stringify(reply.body)).toBe(status);
    return counter.figures;
  }

  it('password sign-in, the TOTP challenge and Password & Security', async () => {
    const email = demo('noah.clarke');
    const { secret } = await enrollTotp(h, email);
    h.clock.advance(STEP);
    const signIn = await cost(200, () => h.call('POST', '/api/v1/auth/sign-in', { body: { email, password: DEMO_PASSWORD } }));
    const { token } = await signInOk(h, email);
    h.clock.advance(STEP);
    const challenge = await cost(200, () => h.call('POST', '/api/v1/auth/challenge', { token, body: { method: 'totp', code: totpCode(secret, h.clock.now()) } }));
    const security = await cost(200, () => h.call('GET', '/api/v1/me/security', { token }));
    expect({ signIn, challenge, security }).toEqual({ signIn: EXPECTED.signIn, challenge: EXPECTED.challenge[h.store.engine], security: EXPECTED.security });
  });

  it('an admin read', async () => {
    const { token } = await enrollTotp(h, DEMO_ADMIN_EMAIL);
    expect(await cost(200, () => h.call('GET', '/api/v1/admin/policy', { token }))).toEqual(EXPECTED.adminPolicy);
  });
});
