/**
 * `npm run bench`: first the storage table (issue 8: write acknowledgement, sustained writes, main-thread delay,
 * RSS at 1,000 / 10,000 / 100,000 users; `BENCH_STORAGE_SIZES=1000,5000` for others), then the console's
 * performance at 100,000 users (issue 4, item 8). One line per figure, the median of several runs, beside a
 * baseline measured in the same run where one exists:
 * CSV import (console pipeline vs a plain insert loop), first full cache sync (vs paging the directory list),
 * search from the cache (index vs a linear scan), the time-zone preview over all users (index counts vs counting
 * user objects), the dashboard's enrollment over time (vs the enrollment report), and the renderer bundle size; then the
 * audit webhook's delivery rate (bench-webhook.ts, also run alone with `npx tsx test/bench/bench-webhook.ts`), sign-in
 * activity at 100,000 users × 30 days (bench-activity.ts; `BENCH_ONLY=activity`), and last the load figures of the
 * standalone service (bench-load.ts, issue 13; alone: `npx tsx test/bench/bench-load.ts` or `BENCH_ONLY=load`).
 * `BENCH_USERS=N` runs it on another size.
 */
import { mkdtempSync, rmSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { directoryQuerySchema } from '../../shared/ipc/channels/directory';
import { DirectoryImport } from '../../src-main/console/directory-import/directory-import';
import { activityFigures } from './bench-activity';
import { bundleFigures, cacheFigures, previewFigures, searchFigures } from './bench-figures';
import { loadFigures } from './bench-load';
import { historyFigures } from './bench-report';
import { benchCsv } from './bench-directory';
import { storageFigures } from './bench-storage';
import { insertLoop, startBenchService, type BenchService } from './bench-service';
import { median, report, timeOnce } from './bench-stats';
import { WEBHOOK_BENCH_ENTRIES, webhookFigures } from './bench-webhook';

const USERS = Number(process.env.BENCH_USERS ?? 100_000);
/** `BENCH_ONLY=history` runs just the enrollment-over-time figure, `BENCH_ONLY=activity` just sign-in activity, `BENCH_ONLY=load` just the load figures. */
const ONLY = process.env.BENCH_ONLY ?? '';
const STORAGE_SIZES = (process.env.BENCH_STORAGE_SIZES ?? '1000,10000,100000').split(',').map(Number).filter((n) => n > 0);
const RUNS = Number(process.env.BENCH_RUNS ?? 3);
const SLICE = 512 * 1024;

/** Imports (or checks, `preview`) the CSV the way the console does: slices from the renderer, whole-row batches to the service. */
async function importThroughConsole(
  service: BenchService,
  csv: string,
  mode: 'apply' | 'preview' = 'apply',
): Promise<{ created: number; unchanged: number; failed: number }> {
  const query = { mode, permissionChanges: 'refuse', invite: 'none' } as const;
  const job = new DirectoryImport('bench.csv', csv.length, (text, options) => service.client.call('adminUsersImport', { body: text, query: options }), query);
  for (let offset = 0; ; offset += SLICE) {
    const last = offset + SLICE >= csv.length;
    const progress = await job.push(csv.slice(offset, offset + SLICE), last);
    if (last) return progress;
  }
}

async function main(): Promise<void> {
  const root = mkdtempSync(path.join(os.tmpdir(), 'mfa-bench-'));
  const lines: string[] = [];
  const print = (line: string) => {
    lines.push(line);
    console.log(line);
  };
  console.log(`Bench: ${USERS.toLocaleString('en')} users, median of ${RUNS} runs (Node ${process.version}, ${os.cpus().length} cores)\n`);
  try {
    if (ONLY === 'activity') {
      console.log('Sign-in activity (R-LOG-1):\n');
      await activityFigures(root, print);
      return;
    }
    if (ONLY === 'history') {
      await historyFigures(root, USERS, RUNS, print);
      return;
    }
    if (ONLY === 'load') {
      await loadFigures(root, print);
      return;
    }
    console.log('Storage (node:sqlite in the service worker; the bench’s main thread stands in for Electron’s):\n');
    await storageFigures(root, STORAGE_SIZES, print);
    print('');
    const csv = benchCsv(USERS);
    const importTimes: number[] = [];
    let service: BenchService | null = null;
    for (let run = 0; run < RUNS; run++) {
      await service?.close();
      service = await startBenchService(path.join(root, `import-${run}`));
      const current = service;
      let result = { created: 0, unchanged: 0, failed: 0 };
      importTimes.push(await timeOnce(async () => (result = await importThroughConsole(current, csv))));
      if (result.created !== USERS || result.failed > 0) throw new Error(`import created ${result.created} and refused ${result.failed} of ${USERS} rows`);
    }
    const insertTimes: number[] = [];
    for (let run = 0; run < RUNS; run++) insertTimes.push(await insertLoop(path.join(root, `insert-${run}`), USERS));
    print(report(`CSV import, ${USERS} users (console → service, batches of 20,000 rows)`, median(importTimes), 'ms', { baseline: ['plain insert loop, one row at a time', median(insertTimes)], goal: 15_000 }));
    if (!service) throw new Error('no service');
    const fresh = await startBenchService(path.join(root, 'check'));
    const check = await timeOnce(() => importThroughConsole(fresh, csv, 'preview'));
    await fresh.close();
    print(report(`CSV check of a new file, ${USERS} users (preview before the import: writes nothing)`, check, 'ms'));
    const reimport = await timeOnce(() => importThroughConsole(service, csv));
    print(report('CSV re-import of the same file (changes nothing)', reimport, 'ms'));

    const cache = await cacheFigures(service, path.join(root, 'cache'), RUNS, print);
    const query = (input: object) => directoryQuerySchema.parse(input);
    await searchFigures(service, cache, query, print);
    await previewFigures(service, cache, print);
    await service.close();
    await historyFigures(root, USERS, RUNS, print);
    await bundleFigures(print);
    await webhookFigures(root, WEBHOOK_BENCH_ENTRIES, RUNS, print);
    print('');
    console.log('Sign-in activity (R-LOG-1):\n');
    await activityFigures(root, print);
    await loadFigures(root, print);
    console.log(`\n${lines.length} figures.`);
  } finally {
    rmSync(root, { recursive: true, force: true });
  }
}

main().catch((error: unknown) => {
  console.error(error instanceof Error ? (error.stack ?? error.message) : String(error));
  process.exit(1);
});
