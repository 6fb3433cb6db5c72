/**
 * Sign-in activity at scale (R-LOG-1): 100,000 users × 30 days of attempts (one a user a day: 3,000,000 rows;
 * `BENCH_ACTIVITY_USERS`, `BENCH_ACTIVITY_DAYS` for others) on SQLite (node:sqlite, a file) and, when
 * MFA_TEST_PG_URL is set, on PostgreSQL (a schema of its own, dropped afterwards). Every query goes through the
 * shipped repository (`listAttempts`), so the figures are the screen's and the Directory panel's:
 *
 * - a user's last 5 attempts (the Directory panel), p50/p95 over 200 users (20 for the baseline);
 * - (each page below: the median of 5 runs) the newest page of 100, unfiltered, and filtered by an outcome one
 *   attempt in ten has;
 * - an exact typed email's page, and a page in the middle of the month by its cursor;
 * - a rare outcome (one in a thousand) over the whole month: the worst case the indexes leave;
 * - recording one attempt into the full table, p50/p95 (a durable write with the three indexes to keep);
 * - pruning one day of attempts (the retention running out).
 *
 * Baseline in the same run: the same queries after the migration's three activity indexes are dropped.
 */
import { randomBytes } from 'node:crypto';
import path from 'node:path';
import { sql, type Kysely } from 'kysely';
import { insertAttempts, listAttempts, pruneAttempts, type ActivityQuery } from '../../src-main/service/activity/sign-in-activity-repo';
import { openStore, type Store } from '../../src-main/service/store/store';
import type { Database } from '../../src-main/service/store/schema';
import { dropTestSchema } from '../fixtures/pg-schema';
import { fmt, median, quantile, timeOnce, timeRuns } from './bench-stats';

const USERS = Number(process.env.BENCH_ACTIVITY_USERS ?? 100_000);
const DAYS = Number(process.env.BENCH_ACTIVITY_DAYS ?? 30);
const DAY = 86_400_000;
const COMPANY = 'bench-activity';
const INDEXES = ['sign_in_activity_company_at_idx', 'sign_in_activity_company_user_at_idx', 'sign_in_activity_company_email_at_idx'];
const START = Date.UTC(2026, 9, 1);

/** Fills the company, its users and USERS × DAYS attempts with set-based SQL (indexes built after the rows). */
async function fill(store: Store): Promise<void> {
  await store.write((trx) => fillRows(trx as unknown as Kysely<unknown>, store.engine));
}

async function fillRows(db: Kysely<unknown>, engine: Store['engine']): Promise<void> {
  const series = (n: number) =>
    engine === 'postgres'
      ? sql`select i from generate_series(0, ${n - 1}) as g(i)`
      : sql`with recursive s(i) as (select 0 union all select i + 1 from s where i < ${n - 1}) select i from s`;
  await sql`insert into companies (id, name, sso_domains, is_demo, clock_offset_ms, created_at) values (${COMPANY}, 'Bench', '[]', 0, 0, ${START})`.execute(db);
  await sql`insert into policies (company_id, required, deadline_date, deadline_zone, allowed_methods, sms_code_ttl_minutes, lockout_threshold,
      lockout_minutes, session_idle_minutes, reset_checklist, stale_after_days, version, updated_at, updated_by)
    values (${COMPANY}, 1, null, 'UTC', '["totp"]', 10, 5, 15, null, '[]', 90, 1, ${START}, null)`.execute(db);
  await sql`insert into users (id, company_id, email, email_lower, name, search_text, status, country, time_zone, account_type,
      perm_company_admin, perm_directory, password_hash, last_sign_in_at, always_require_mfa, enrolled_at, failed_attempts, locked_until,
      created_at, updated_at, change_seq)
    select 'u' || i, ${COMPANY}, 'user' || i || '@bench.example', 'user' || i || '@bench.example', 'Bench User ' || i,
      'bench user ' || i || ' user' || i || '@bench.example', 'active', 'US', 'UTC', 'standard', 'none', 'none', null, null, 0, null, 0, null,
      ${START}, ${START}, i
    from (${series(USERS)}) as n`.execute(db);
  for (const name of INDEXES) await sql`drop index ${sql.ref(name)}`.execute(db);
  for (let day = 0; day < DAYS; day += 1) {
    // One attempt a user a day, spread over the day; one in ten a wrong code, one in a thousand throttled.
    await sql`insert into sign_in_activity (company_id, at, email_typed, email_lower, user_id, outcome, method, detail, ip, user_agent)
      select ${COMPANY}, cast(${START + day * DAY} as bigint) + cast(i as bigint) * ${Math.floor(DAY / USERS)}, 'user' || i || '@bench.example', 'user' || i || '@bench.example', 'u' || i,
        case when (i + ${day}) % 1000 = 7 then 'throttled' when (i + ${day}) % 10 = 3 then 'wrong_code' else 'signed_in' end,
        case when (i + ${day}) % 1000 = 7 then 'password' else 'totp' end, null, '10.0.' || (i % 250) || '.' || (i % 200), 'Mozilla/5.0 (bench)'
      from (${series(USERS)}) as n`.execute(db);
  }
  await createIndexes(db);
  await sql`analyze`.execute(db);
}

async function createIndexes(db: Kysely<unknown>): Promise<void> {
  await db.schema.createIndex(INDEXES[0] ?? '').on('sign_in_activity').columns(['company_id', 'at', 'seq']).execute();
  await db.schema.createIndex(INDEXES[1] ?? '').on('sign_in_activity').columns(['company_id', 'user_id', 'at', 'seq']).execute();
  await db.schema.createIndex(INDEXES[2] ?? '').on('sign_in_activity').columns(['company_id', 'email_lower', 'at', 'seq']).execute();
}

/** The query figures of one index state, in milliseconds. */
interface QueryFigures {
  panelP50: number;
  panelP95: number;
  newest: number;
  outcome: number;
  email: number;
  cursor: number;
  rare: number;
}

/** Times each query over the filled table; the panel's over `panelUsers` users. */
async function queryFigures(db: Kysely<Database>, panelUsers: number): Promise<QueryFigures> {
  const page = (query: ActivityQuery, limit = 100, cursor: { at: number; seq: number } | null = null) => listAttempts(db, COMPANY, query, { cursor, limit });
  const panel: number[] = [];
  for (let i = 0; i < panelUsers; i += 1) {
    const user = `u${(i * 7919) % USERS}`;
    panel.push(await timeOnce(() => page({ userIds: [user] }, 5)));
  }
  const [first] = (await page({ to: START + Math.floor(DAYS / 2) * DAY }, 1)).attempts;
  const cursor = first ? { at: first.at, seq: first.seq } : null;
  /** The median of 5 runs of one page query. */
  const timed = async (run: () => Promise<unknown>) => median(await timeRuns(5, run));
  return {
    panelP50: quantile(panel, 0.5),
    panelP95: quantile(panel, 0.95),
    newest: await timed(() => page({})),
    outcome: await timed(() => page({ outcome: 'wrong_code' })),
    email: await timed(() => page({ email: `user${USERS - 3}@bench.example`, userIds: [`u${USERS - 3}`] })),
    cursor: await timed(() => page({}, 100, cursor)),
    rare: await timed(() => page({ outcome: 'throttled' })),
  };
}

/** Records 200 attempts one durable write at a time into the full table; answers p50/p95. */
async function recordFigures(store: Store): Promise<[number, number]> {
  const times: number[] = [];
  for (let i = 0; i < 200; i += 1) {
    const row = { companyId: COMPANY, at: START + DAYS * DAY + i, emailTyped: `user${i}@bench.example`, userId: `u${i}`, outcome: 'wrong_password' as const, method: 'password' as const, detail: 'The email or password is not right.', ip: '10.9.9.9', userAgent: 'Mozilla/5.0 (bench)' };
    times.push(await timeOnce(() => store.write((trx) => insertAttempts(trx, [row]))));
  }
  return [quantile(times, 0.5), quantile(times, 0.95)];
}

/** Prints the figures of one engine. */
async function engineFigures(name: string, store: Store, print: (line: string) => void): Promise<void> {
  const rows = USERS * DAYS;
  const fillMs = await timeOnce(() => fill(store));
  print(`${name}: ${rows.toLocaleString('en')} attempts of ${USERS.toLocaleString('en')} users over ${DAYS} days, filled in ${fmt(fillMs / 1000)} s`);
  const indexed = await queryFigures(store.db, 200);
  const [recordP50, recordP95] = await recordFigures(store);
  const prune = await timeOnce(() => store.write((trx) => pruneAttempts(trx, COMPANY, START + DAY, USERS + 1)));
  await store.write(async (trx) => {
    for (const index of INDEXES) await sql`drop index ${sql.ref(index)}`.execute(trx);
  });
  // Without the indexes a user's attempts are a scan of the whole table: 20 users are enough to tell.
  const bare = await queryFigures(store.db, 20);
  const line = (what: string, key: keyof QueryFigures) => print(`  ${what}: ${fmt(indexed[key])} ms (baseline without the activity indexes: ${fmt(bare[key])} ms)`);
  line("a user's last 5 attempts (Directory panel), p50", 'panelP50');
  line("a user's last 5 attempts (Directory panel), p95", 'panelP95');
  line('newest page of 100, no filter', 'newest');
  line('newest page of 100, outcome "Wrong code" (1 in 10)', 'outcome');
  line('page of an exact typed email', 'email');
  line('page of 100 from a cursor mid-month', 'cursor');
  line('newest page of 100, outcome "Throttled" (1 in 1,000; worst case)', 'rare');
  print(`  recording one attempt into the full table (durable write), p50 / p95: ${fmt(recordP50)} / ${fmt(recordP95)} ms`);
  print(`  pruning one day (${USERS.toLocaleString('en')} attempts): ${fmt(prune)} ms`);
}

/** `npm run bench`'s sign-in activity figures, on SQLite and (with MFA_TEST_PG_URL) PostgreSQL. */
export async function activityFigures(root: string, print: (line: string) => void): Promise<void> {
  const sqlite = await openStore({ file: path.join(root, 'activity.sqlite') });
  try {
    await engineFigures('SQLite (node:sqlite, file)', sqlite, print);
  } finally {
    await sqlite.close();
  }
  const url = process.env.MFA_TEST_PG_URL;
  if (!url) {
    print('PostgreSQL: skipped (set MFA_TEST_PG_URL to measure it too).');
    return;
  }
  const schema = `mfa_bench_activity_${randomBytes(4).toString('hex')}`;
  const pg = await openStore({ url, schema });
  try {
    await engineFigures('PostgreSQL', pg, print);
  } finally {
    await pg.close();
    await dropTestSchema(url, schema);
  }
}
