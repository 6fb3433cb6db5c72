/**
 * Load figures (issue 13, item 4), with autocannon against processes on 127.0.0.1, 10 connections, each run bounded
 * by a number of requests and a hard time limit. On PostgreSQL (MFA_TEST_PG_URL, a schema of its own):
 * - `GET /api/v1/me/security` against a bare route that checks an HMAC token and does one indexed SELECT;
 * - the MFA challenge (a valid TOTP code for a signed-in stage) with 1 then 2 service instances (separate processes,
 *   one database, connections spread over both), against a bare route doing the same crypto (token check, TOTP
 *   verify of a sealed secret) with one indexed read and one write, in 1 then 2 processes likewise;
 * - password sign-in, which scrypt bounds, beside scrypt's own rate on this machine;
 * then the same challenge on the embedded engine (SQLite file). Every challenge request is a legitimate accepted
 * verification: each comes from a bench user of its own (bench-load-users.ts), so no code is ever a replay.
 * Run alone with `npx tsx test/bench/bench-load.ts`; `npm run bench` runs it last.
 */
import { mkdirSync, mkdtempSync, rmSync } from 'node:fs';
import { sql } from 'kysely';
import os from 'node:os';
import path from 'node:path';
import { pathToFileURL } from 'node:url';
import { randomBytes } from 'node:crypto';
import { totpCode } from '../../shared/domain/totp';
import { hashPassword, verifyPassword } from '../../src-main/service/auth/password';
import { openVault } from '../../src-main/service/secrets/open-vault';
import { startUp } from '../../src-main/service/startup';
import { openStore, type StoreLocation } from '../../src-main/service/store/store';
import { createTestSchema, dropTestSchema, schemaUrl } from '../fixtures/pg-schema';
import { NO_KEYCHAIN } from '../fixtures/service-process';
import { seedLoadUsers, type LoadUser, type LoadUserSet } from './bench-load-users';
import { CONNECTIONS, loadLine, ratioLine, runLoad, startListeningChild, type ListeningChild, type LoadResult, type RequestParts } from './bench-load-run';
import { fmt } from './bench-stats';

const PG_URL = process.env.MFA_TEST_PG_URL;
/** Requests per challenge run at most (one bench user each): `BENCH_LOAD_REQUESTS`. */
const CHALLENGE_REQUESTS = Number(process.env.BENCH_LOAD_REQUESTS ?? 20_000);
/**
 * The bare route and the embedded engine answer faster, and every challenge needs a bench user of its own, so they
 * get more users: a run ends when its users are used up or on its time limit, and its rate is over the time it took.
 */
const BARE_REQUESTS = 2 * CHALLENGE_REQUESTS;
const SQLITE_REQUESTS = 2 * CHALLENGE_REQUESTS;
/** Seconds a run may last at most: `BENCH_LOAD_SECONDS`. */
const SECONDS = Number(process.env.BENCH_LOAD_SECONDS ?? 8);
const READ_REQUESTS = 80_000;
const SIGN_IN_REQUESTS = 400;
/**
 * Requests each process gets before a measured run, so module loading and the JIT's optimising compiler stay out of
 * the figures: V8 optimises a function only after many calls, and the service's path is several times the bare
 * route's code (200 left the service's first seconds measured in unoptimised code, about a fifth slower).
 */
const WARM_UP = 3000;
/** The services' log level (`BENCH_LOAD_LOG_LEVEL`): `warn` leaves out the two request lines `info` writes per request. */
const LOG_LEVEL = process.env.BENCH_LOAD_LOG_LEVEL ?? 'warn';
const PASSWORD = 'Bench-Load-Password-2026';
const CHALLENGE = '/api/v1/auth/challenge';

/** A distinct client address per request, as many people behind a proxy: the per-address limits see each once. */
let clients = 0;
function clientAddress(): string {
  const n = ++clients;
  return `10.${(n >> 16) & 255}.${(n >> 8) & 255}.${n & 255}`;
}

/** Hands out each user once; a run never asks for more than there are (its `amount`). */
function eachOnce(users: readonly LoadUser[]): () => LoadUser {
  let next = 0;
  return () => {
    const user = users[next++];
    if (!user) throw new Error('the load run asked for more bench users than were seeded');
    return user;
  };
}

function challengeRequest(user: LoadUser, token: string | null): RequestParts {
  return {
    headers: { authorization: `Bearer ${token}`, 'x-forwarded-for': clientAddress() },
    body: { method: 'totp', code: totpCode(user.secret, Date.now()) },
  };
}

/** Seeds a database for the bench (keys in `keyDir`, the demo company) and returns the seeded users by set. */
async function seedDatabase(location: StoreLocation, keyDir: string, tokenKey: Buffer, sets: LoadUserSet[]): Promise<Map<string, LoadUser[]>> {
  mkdirSync(keyDir, { recursive: true });
  const now = Date.now();
  const { store, keys } = await startUp(await openStore(location), () => openVault({ dir: keyDir, prefer: 'file' }), { seedDemo: true, now });
  try {
    const seeded = new Map<string, LoadUser[]>();
    for (const set of sets) seeded.set(set.prefix, await seedLoadUsers(store, keys.sealer, tokenKey, set, now));
    // Statistics and the visibility map brought up to date now, as after a quiet night: otherwise autovacuum starts on
    // the freshly seeded tables during whichever run comes first and takes its CPU.
    await sql`${sql.raw(store.engine === 'postgres' ? 'vacuum analyze' : 'analyze')}`.execute(store.db);
    return seeded;
  } finally {
    await store.close();
  }
}

function usersOf(seeded: Map<string, LoadUser[]>, prefix: string): LoadUser[] {
  const users = seeded.get(prefix);
  if (!users) throw new Error(`no bench users "${prefix}"`);
  return users;
}

async function challengeRun(urls: string[], users: LoadUser[]): Promise<LoadResult> {
  const take = eachOnce(users);
  return runLoad({ urls, method: 'POST', path: CHALLENGE, amount: users.length, seconds: SECONDS, next: () => {
    const user = take();
    return challengeRequest(user, user.token);
  } });
}

/** scrypt's own rate here: `verifyPassword` of the stored hash, CONNECTIONS at a time, bounded in count and time. */
async function scryptRate(hash: string): Promise<{ perSecond: number; load: number }> {
  const started = performance.now();
  let done = 0;
  const worker = async () => {
    while (done < SIGN_IN_REQUESTS && performance.now() - started < SECONDS * 1000) {
      await verifyPassword(PASSWORD, hash);
      done++;
    }
  };
  await Promise.all(Array.from({ length: CONNECTIONS }, worker));
  return { perSecond: done / ((performance.now() - started) / 1000), load: os.loadavg()[0] ?? 0 };
}

async function postgresFigures(url: string, root: string, print: (line: string) => void): Promise<void> {
  const schema = await createTestSchema(url, 'bench_load');
  const children: ListeningChild[] = [];
  try {
    const keyDir = path.join(root, 'pg-keys');
    const tokenKey = randomBytes(32);
    const passwordHash = await hashPassword(PASSWORD);
    const seeded = await seedDatabase({ url, schema }, keyDir, tokenKey, [
      { prefix: 'reader', count: CONNECTIONS, session: 'active', passwordHash: null },
      { prefix: 'warm-a', count: WARM_UP, session: 'challenge', passwordHash: null },
      { prefix: 'warm-b', count: WARM_UP, session: 'challenge', passwordHash: null },
      { prefix: 'one', count: CHALLENGE_REQUESTS, session: 'challenge', passwordHash: null },
      { prefix: 'two', count: CHALLENGE_REQUESTS, session: 'challenge', passwordHash: null },
      { prefix: 'bare', count: WARM_UP + BARE_REQUESTS, session: null, passwordHash: null },
      { prefix: 'bare-two', count: WARM_UP + BARE_REQUESTS, session: null, passwordHash: null },
      { prefix: 'signin', count: SIGN_IN_REQUESTS, session: null, passwordHash },
    ]);
    const databaseUrl = schemaUrl(url, schema);
    const serviceArgs = ['--database', databaseUrl, '--data', keyDir, '--trust-proxy', '127.0.0.1', '--log-level', LOG_LEVEL];
    const bare = await startListeningChild('test/bench/bench-bare-server.ts', [databaseUrl, keyDir, tokenKey.toString('hex')], 'Bare');
    children.push(bare);
    const a = await startListeningChild('src-main/service/cli.ts', serviceArgs, 'Service', NO_KEYCHAIN);
    children.push(a);

    const readers = usersOf(seeded, 'reader');
    let turn = 0;
    const reader = () => readers[turn++ % readers.length] as LoadUser;
    const securityRun = (amount: number) =>
      runLoad({ urls: [a.url], method: 'GET', path: '/api/v1/me/security', amount, seconds: SECONDS, next: () => ({ headers: { authorization: `Bearer ${reader().token}` } }) });
    const bareReadRun = (amount: number) =>
      runLoad({ urls: [bare.url], method: 'GET', path: '/bare/security', amount, seconds: SECONDS, next: () => ({ headers: { authorization: `Bearer ${reader().bareToken}` } }) });
    await securityRun(WARM_UP);
    const read = await securityRun(READ_REQUESTS);
    print(loadLine('GET /api/v1/me/security, PostgreSQL, 1 instance', read));
    await bareReadRun(WARM_UP);
    const bareRead = await bareReadRun(READ_REQUESTS);
    print(loadLine('  baseline: bare route, HMAC token + one indexed SELECT', bareRead));
    print(ratioLine('  service / bare', read.perSecond, bareRead.perSecond));

    await challengeRun([a.url], usersOf(seeded, 'warm-a'));
    const one = await challengeRun([a.url], usersOf(seeded, 'one'));
    print(loadLine('MFA challenge (TOTP), PostgreSQL, 1 instance', one));
    const bareChallengeRun = (urls: string[], take: () => LoadUser, amount: number) =>
      runLoad({ urls, method: 'POST', path: '/bare/challenge', amount, seconds: SECONDS, next: () => {
        const user = take();
        return { headers: { authorization: `Bearer ${user.bareToken}` }, body: { code: totpCode(user.secret, Date.now()) } };
      } });
    const takeBare = eachOnce(usersOf(seeded, 'bare'));
    await bareChallengeRun([bare.url], takeBare, WARM_UP);
    const bareChallenge = await bareChallengeRun([bare.url], takeBare, BARE_REQUESTS);
    print(loadLine('  baseline: bare route, token + TOTP verify of the sealed secret + one indexed read + one write', bareChallenge));
    print(ratioLine('  service (1 instance) / bare', one.perSecond, bareChallenge.perSecond, 0.5));

    const b = await startListeningChild('src-main/service/cli.ts', serviceArgs, 'Service', NO_KEYCHAIN);
    children.push(b);
    await challengeRun([b.url], usersOf(seeded, 'warm-b'));
    const two = await challengeRun([a.url, b.url], usersOf(seeded, 'two'));
    print(loadLine('MFA challenge (TOTP), PostgreSQL, 2 instances (connections spread over both)', two));
    await b.stop();
    children.pop();
    // The baseline of two instances is the bare route in two processes: on a machine of two cores, two processes and
    // the database share the same CPU, whichever code they run.
    const bare2 = await startListeningChild('test/bench/bench-bare-server.ts', [databaseUrl, keyDir, tokenKey.toString('hex')], 'Bare');
    children.push(bare2);
    const takeBareTwo = eachOnce(usersOf(seeded, 'bare-two'));
    await bareChallengeRun([bare2.url], takeBareTwo, WARM_UP);
    const bareTwo = await bareChallengeRun([bare.url, bare2.url], takeBareTwo, BARE_REQUESTS);
    print(loadLine('  baseline: the same bare route in 2 processes (connections spread over both)', bareTwo));
    print(ratioLine('  service (2 instances) / bare (2 processes)', two.perSecond, bareTwo.perSecond, 0.5));
    print(ratioLine('  service (2 instances) / bare (1 process)', two.perSecond, bareChallenge.perSecond));
    await bare2.stop();
    children.pop();

    const signers = eachOnce(usersOf(seeded, 'signin'));
    const signIn = await runLoad({ urls: [a.url], method: 'POST', path: '/api/v1/auth/sign-in', amount: SIGN_IN_REQUESTS, seconds: SECONDS, next: () => ({
      headers: { 'x-forwarded-for': clientAddress() },
      body: { email: signers().email, password: PASSWORD, purpose: 'app' },
    }) });
    print(loadLine('Password sign-in, PostgreSQL, 1 instance (scrypt N=2^15: bounded by scrypt)', signIn));
    const scrypt = await scryptRate(passwordHash);
    print(`  baseline: scrypt alone on this machine, ${CONNECTIONS} at a time: ${fmt(scrypt.perSecond, 0)} checks/s (load average ${fmt(scrypt.load, 1)})`);
    print(ratioLine('  sign-in / scrypt', signIn.perSecond, scrypt.perSecond));
  } finally {
    for (const child of children.reverse()) await child.stop();
    await dropTestSchema(url, schema);
  }
}

async function sqliteFigures(root: string, print: (line: string) => void): Promise<void> {
  const dir = path.join(root, 'sqlite');
  const seeded = await seedDatabase({ file: path.join(dir, 'mfa.sqlite') }, dir, randomBytes(32), [
    { prefix: 'warm', count: WARM_UP, session: 'challenge', passwordHash: null },
    { prefix: 'lite', count: SQLITE_REQUESTS, session: 'challenge', passwordHash: null },
  ]);
  const service = await startListeningChild('src-main/service/cli.ts', ['--data', dir, '--trust-proxy', '127.0.0.1', '--log-level', LOG_LEVEL], 'Service', NO_KEYCHAIN);
  try {
    await challengeRun([service.url], usersOf(seeded, 'warm'));
    print(loadLine('MFA challenge (TOTP), embedded engine (SQLite file), 1 instance', await challengeRun([service.url], usersOf(seeded, 'lite'))));
  } finally {
    await service.stop();
  }
}

/** Prints the load figures (the PostgreSQL part is skipped, with the reason, when MFA_TEST_PG_URL is unset). */
export async function loadFigures(root: string, print: (line: string) => void): Promise<void> {
  console.log(`Load (autocannon, ${CONNECTIONS} connections, at most ${CHALLENGE_REQUESTS} challenges or ${SECONDS} s per run, services at log level ${LOG_LEVEL}):\n`);
  if (PG_URL) await postgresFigures(PG_URL, root, print);
  else print('PostgreSQL load figures skipped: MFA_TEST_PG_URL is not set (e.g. postgres://mfa_ci:mfa_ci@127.0.0.1:5432/mfa_ci).');
  await sqliteFigures(root, print);
}

/** `npx tsx test/bench/bench-load.ts`: these figures alone. */
if (process.argv[1] && import.meta.url === pathToFileURL(process.argv[1]).href) {
  const root = mkdtempSync(path.join(os.tmpdir(), 'mfa-bench-load-'));
  console.log(`Bench: load (Node ${process.version}, ${os.cpus().length} cores, ${new Date().toISOString()})\n`);
  loadFigures(root, (line) => console.log(line))
    .catch((error: unknown) => {
      console.error(error instanceof Error ? (error.stack ?? error.message) : String(error));
      process.exitCode = 1;
    })
    .finally(() => rmSync(root, { recursive: true, force: true }));
}
