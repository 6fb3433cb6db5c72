/**
 * The storage figures of `npm run bench` (issue 8), one table at several directory sizes (1,000 / 10,000 /
 * 100,000 users by default): the embedded service runs in its worker thread as in the console, and the bench
 * process's main thread stands in for Electron's.
 *
 * - single write acknowledgement, p50/p95: a one-row update with its change sequence, on the store;
 *   baseline: the same commit straight on node:sqlite (WAL, synchronous=FULL), the engine's own floor.
 * - sustained writes per second with 8 concurrent writers; baseline: one writer at a time.
 * - main-thread event-loop delay p99 (perf_hooks.monitorEventLoopDelay) while the console imports the whole
 *   directory as CSV and the enrollment report runs; baseline: the same thread idle.
 * - RSS of a fresh console process (main thread + the service's worker) on that data folder after a full
 *   directory sync and the report; baseline: the same on the demo company alone.
 */
import { execFileSync } from 'node:child_process';
import { mkdir, rm } from 'node:fs/promises';
import path from 'node:path';
import { monitorEventLoopDelay, performance } from 'node:perf_hooks';
import { DatabaseSync } from 'node:sqlite';
import { DirectoryImport } from '../../src-main/console/directory-import/directory-import';
import { nextChangeSeq } from '../../src-main/service/store/change-seq';
import { openStore, type Store } from '../../src-main/service/store/store';
import { benchCsv } from './bench-directory';
import { startBenchService, type BenchService } from './bench-service';
import { fmt, quantile } from './bench-stats';

/** Goals (issue 8) checked at the largest size. */
const GOAL_WRITE_P95_MS = 10;
const GOAL_LOOP_DELAY_P99_MS = 20;
const SLICE = 512 * 1024;
const WRITERS = 8;

interface SizeFigures {
  users: number;
  writeP50: number;
  writeP95: number;
  floorP50: number;
  floorP95: number;
  writesPerSecond: number;
  oneWriterPerSecond: number;
  loopP99: number;
  idleLoopP99: number;
  importMs: number;
  rssMb: number;
}

async function importCsv(service: BenchService, csv: string): Promise<void> {
  const job = new DirectoryImport('bench.csv', csv.length, (text) => service.client.call('adminUsersImport', { body: text }));
  for (let offset = 0; ; offset += SLICE) {
    const last = offset + SLICE >= csv.length;
    const progress = await job.push(csv.slice(offset, offset + SLICE), last);
    if (last) {
      if (progress.failed > 0) throw new Error(`the import refused ${progress.failed} rows`);
      return;
    }
  }
}

/** p99 of the main thread's event-loop delay, in ms, while `work` runs. */
async function loopDelayP99(work: () => Promise<unknown>): Promise<number> {
  const histogram = monitorEventLoopDelay({ resolution: 2 });
  histogram.enable();
  await work();
  histogram.disable();
  return histogram.percentile(99) / 1e6;
}

function touch(store: Store, userId: string, value: number): Promise<void> {
  return store.write(async (trx) => {
    const seq = await nextChangeSeq(trx);
    await trx.updateTable('users').set({ failed_attempts: value % 3, change_seq: seq, updated_at: Date.now() }).where('id', '=', userId).execute();
  });
}

/** RSS (MB) of a fresh console process on the data folder of `databaseFile` (see bench-rss-child.ts). */
function childRss(databaseFile: string): number {
  const dataDir = path.dirname(path.dirname(databaseFile));
  const output = execFileSync(process.execPath, ['--import', 'tsx', path.join(import.meta.dirname, 'bench-rss-child.ts'), dataDir], { encoding: 'utf8' });
  return Number(output.trim());
}

/** The engine's own floor: one-row update transactions straight on node:sqlite (WAL, synchronous=FULL), in ms. */
function rawCommitFloor(dir: string, count: number): number[] {
  const database = new DatabaseSync(path.join(dir, 'raw-floor.sqlite'));
  database.exec('PRAGMA journal_mode = WAL; PRAGMA synchronous = FULL; create table t (id integer primary key, v integer);');
  database.exec('with recursive c(x) as (select 1 union all select x + 1 from c where x < 1000) insert into t select x, 0 from c');
  const update = database.prepare('update t set v = v + 1 where id = ?');
  const times: number[] = [];
  for (let i = 0; i < count; i++) {
    const start = performance.now();
    database.exec('begin immediate');
    update.run((i % 1000) + 1);
    database.exec('commit');
    times.push(performance.now() - start);
  }
  database.close();
  return times;
}

async function measureSize(root: string, users: number): Promise<SizeFigures> {
  const dataDir = path.join(root, `storage-${users}`);
  const idleLoopP99 = await loopDelayP99(() => new Promise((resolve) => setTimeout(resolve, 1000)));
  const service = await startBenchService(dataDir);
  const csv = benchCsv(users);
  let importMs = 0;
  const loopP99 = await loopDelayP99(async () => {
    const start = performance.now();
    const report = (async () => {
      while (performance.now() - start < 2000 || importMs === 0) {
        await service.client.call('adminEnrollmentReport', { query: {} });
      }
    })();
    await importCsv(service, csv);
    importMs = performance.now() - start;
    await report;
  });
  await service.close();
  const rssMb = childRss(service.service.databaseFile);

  // The store figures on the same file, now closed by the worker: ids of the imported users.
  const store = await openStore({ file: service.service.databaseFile });
  try {
    const ids = (await store.db.selectFrom('users').select('id').where('email', 'like', '%@bench.example').limit(1000).execute()).map((row) => row.id);
    const pick = (i: number) => ids[(i * 7919) % ids.length] ?? '';
    const writeTimes: number[] = [];
    for (let i = 0; i < 300; i++) {
      const start = performance.now();
      await touch(store, pick(i), i);
      writeTimes.push(performance.now() - start);
    }
    const oneStart = performance.now();
    let one = 0;
    while (performance.now() - oneStart < 1500) await touch(store, pick(one), one++);
    const oneWriterPerSecond = one / ((performance.now() - oneStart) / 1000);
    let many = 0;
    const manyStart = performance.now();
    await Promise.all(
      Array.from({ length: WRITERS }, async (_, writer) => {
        while (performance.now() - manyStart < 2000) await touch(store, pick(writer * 100_003 + many++), many);
      }),
    );
    const writesPerSecond = many / ((performance.now() - manyStart) / 1000);
    const floorTimes = rawCommitFloor(dataDir, 300);
    return {
      users,
      writeP50: quantile(writeTimes, 0.5),
      writeP95: quantile(writeTimes, 0.95),
      floorP50: quantile(floorTimes, 0.5),
      floorP95: quantile(floorTimes, 0.95),
      writesPerSecond,
      oneWriterPerSecond,
      loopP99,
      idleLoopP99,
      importMs,
      rssMb,
    };
  } finally {
    await store.close();
    await rm(dataDir, { recursive: true, force: true });
  }
}

/** Measures every size and prints one table (Markdown), with the goals checked at the largest size. */
export async function storageFigures(root: string, sizes: readonly number[], print: (line: string) => void): Promise<void> {
  const emptyDir = path.join(root, 'storage-empty', 'console');
  await mkdir(emptyDir, { recursive: true });
  const emptyRss = childRss(path.join(emptyDir, 'service', 'mfa.sqlite'));
  const figures: SizeFigures[] = [];
  for (const users of sizes) figures.push(await measureSize(root, users));
  const header = `| Figure | ${figures.map((f) => `${f.users.toLocaleString('en')} users`).join(' | ')} | Baseline in the same run |`;
  const row = (name: string, cell: (f: SizeFigures) => string, baseline: string) => `| ${name} | ${figures.map(cell).join(' | ')} | ${baseline} |`;
  const largest = figures[figures.length - 1];
  print(header);
  print(`| --- |${figures.map(() => ' ---: |').join('')} --- |`);
  print(row('Single write acknowledged, p50 / p95 (ms)', (f) => `${fmt(f.writeP50)} / ${fmt(f.writeP95)}`, `raw node:sqlite one-row commit: ${figures.map((f) => `${fmt(f.floorP50)} / ${fmt(f.floorP95)}`).join(', ')}`));
  print(row(`Sustained writes/s, ${WRITERS} concurrent writers`, (f) => fmt(f.writesPerSecond, 0), `one writer: ${figures.map((f) => fmt(f.oneWriterPerSecond, 0)).join(' / ')}`));
  print(row('Main-thread event-loop delay p99 during CSV import + enrollment report (ms)', (f) => fmt(f.loopP99), `idle: ${figures.map((f) => fmt(f.idleLoopP99)).join(' / ')} ms`));
  print(row('CSV import of the whole directory through the console (s)', (f) => fmt(f.importMs / 1000), ''));
  print(row('RSS of a console process (main + service worker) on that directory, after a full sync (MB)', (f) => fmt(f.rssMb, 0), `demo company only: ${fmt(emptyRss, 0)} MB`));
  if (largest) {
    print('');
    print(`Goal at ${largest.users.toLocaleString('en')} users: write p95 ≤ ${GOAL_WRITE_P95_MS} ms: ${largest.writeP95 <= GOAL_WRITE_P95_MS ? 'met' : 'NOT met'} (${fmt(largest.writeP95)} ms)`);
    print(`Goal at ${largest.users.toLocaleString('en')} users: main-thread delay p99 ≤ ${GOAL_LOOP_DELAY_P99_MS} ms: ${largest.loopP99 <= GOAL_LOOP_DELAY_P99_MS ? 'met' : 'NOT met'} (${fmt(largest.loopP99)} ms)`);
  }
}
