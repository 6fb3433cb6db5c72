/**
 * Measures the embedded store's save cost: flush time (export + durable write) and write throughput with
 * group commit (concurrent writes) against one flush per write (sequential writes), at 1,000 and 100,000 users.
 *
 * Run: npx tsx test/bench/store-flush.ts [userCounts...]   (default: 1000 100000)
 */
import { mkdtemp, rm, stat } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { performance } from 'node:perf_hooks';
import { nextChangeSeq } from '../../src-main/service/store/change-seq';
import { writeFileDurably } from '../../src-main/service/store/durable-file';
import { loadSqlJs } from '../../src-main/service/store/sqljs-loader';
import { openStore, type Store } from '../../src-main/service/store/store';
import { readFile } from 'node:fs/promises';
import { searchText } from '../../shared/domain/search';

const COMPANY = 'bench-company';
const ZONES = ['America/New_York', 'Europe/Paris', 'Asia/Kolkata', 'Australia/Adelaide', 'Pacific/Auckland'];
const COUNTRIES = ['US', 'FR', 'IN', 'AU', 'NZ'];

async function seed(store: Store, users: number): Promise<void> {
  const now = Date.now();
  await store.write(async (trx) => {
    await trx
      .insertInto('companies')
      .values({ id: COMPANY, name: 'Bench Co', sso_domains: '[]', is_demo: 0, clock_offset_ms: 0, created_at: now })
      .execute();
    for (let start = 0; start < users; start += 500) {
      const rows = [];
      for (let i = start; i < Math.min(users, start + 500); i++) {
        const email = `user${i}@bench.example`;
        rows.push({
          id: `u-${i}`,
          company_id: COMPANY,
          email,
          email_lower: email,
          name: `User Number ${i}`,
          search_text: searchText({ name: `User Number ${i}`, email }),
          status: i % 10 === 0 ? ('inactive' as const) : ('active' as const),
          country: COUNTRIES[i % COUNTRIES.length] ?? 'US',
          time_zone: ZONES[i % ZONES.length] ?? 'UTC',
          account_type: 'standard' as const,
          perm_company_admin: 'none' as const,
          perm_directory: 'none' as const,
          password_hash: `scrypt$16384$8$1$${'s'.repeat(22)}$${'h'.repeat(43)}`,
          last_sign_in_at: now - (i % 400) * 86_400_000,
          always_require_mfa: 0,
          enrolled_at: i % 3 === 0 ? now : null,
          failed_attempts: 0,
          locked_until: null,
          created_at: now,
          updated_at: now,
          change_seq: await nextChangeSeq(trx),
        });
      }
      await trx.insertInto('users').values(rows).execute();
    }
  });
}

function touchUser(store: Store, i: number): Promise<void> {
  return store.write(async (trx) => {
    const seq = await nextChangeSeq(trx);
    await trx
      .updateTable('users')
      .set({ failed_attempts: i, change_seq: seq, updated_at: Date.now() })
      .where('id', '=', `u-${i % 1000}`)
      .execute();
  });
}

function median(values: number[]): number {
  const sorted = [...values].sort((a, b) => a - b);
  return sorted[Math.floor(sorted.length / 2)] ?? Number.NaN;
}

async function bench(users: number): Promise<void> {
  const dir = await mkdtemp(join(tmpdir(), 'mfa-bench-'));
  const file = join(dir, 'bench.sqlite');
  try {
    const store = await openStore({ file });
    let t = performance.now();
    await seed(store, users);
    const seedMs = performance.now() - t;
    const size = (await stat(file)).size;

    const sqlJs = await loadSqlJs();
    const copy = new sqlJs.Database(await readFile(file));
    const exportMs: number[] = [];
    const writeMs: number[] = [];
    for (let i = 0; i < 5; i++) {
      t = performance.now();
      const bytes = copy.export();
      exportMs.push(performance.now() - t);
      t = performance.now();
      await writeFileDurably(join(dir, 'copy.sqlite'), bytes);
      writeMs.push(performance.now() - t);
    }
    copy.close();

    const sequential = 20;
    const latencies: number[] = [];
    t = performance.now();
    for (let i = 0; i < sequential; i++) {
      const start = performance.now();
      await touchUser(store, i);
      latencies.push(performance.now() - start);
    }
    const sequentialPerSec = sequential / ((performance.now() - t) / 1000);

    const concurrent = 400;
    t = performance.now();
    await Promise.all(Array.from({ length: concurrent }, (_, i) => touchUser(store, i)));
    const concurrentPerSec = concurrent / ((performance.now() - t) / 1000);
    await store.close();

    console.log(
      [
        `users=${users}  file=${(size / 1024 / 1024).toFixed(2)} MB  seed=${(seedMs / 1000).toFixed(1)} s`,
        `  flush parts (median of 5): export ${median(exportMs).toFixed(1)} ms + durable write ${median(writeMs).toFixed(1)} ms`,
        `  one write, one flush (sequential ${sequential}): median ${median(latencies).toFixed(1)} ms/write = ${sequentialPerSec.toFixed(0)} writes/s`,
        `  group commit (${concurrent} concurrent writes): ${concurrentPerSec.toFixed(0)} writes/s`,
      ].join('\n'),
    );
  } finally {
    await rm(dir, { recursive: true, force: true });
  }
}

const counts = process.argv.slice(2).map(Number).filter((n) => n > 0);
for (const users of counts.length > 0 ? counts : [1_000, 100_000]) await bench(users);
