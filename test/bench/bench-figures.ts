/** The figures of `npm run bench` after the import: cache sync and load, search, the time-zone preview, the bundle. */
import { execFileSync } from 'node:child_process';
import { existsSync, readdirSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { performance } from 'node:perf_hooks';
import { gzipSync } from 'node:zlib';
import type { DirectoryUser } from '../../shared/api/routes/admin-common';
import { policyWarnings } from '../../shared/domain/policy-warnings';
import { timeZonePreview } from '../../shared/domain/tz-preview';
import type { DirectoryQuery } from '../../shared/ipc/channels/directory';
import { ServiceCacheSource } from '../../src-main/console/cache/cache-source';
import { ConsoleCache } from '../../src-main/console/cache/console-cache';
import { DirectoryImports } from '../../src-main/console/directory-import/directory-import';
import { createDirectoryHandlers } from '../../src-main/ipc/handlers/directory-handlers';
import { createPolicyHandlers } from '../../src-main/ipc/handlers/policy-handlers';
import type { BenchService } from './bench-service';
import { median, quantile, report, timeOnce, timeRuns } from './bench-stats';

type Print = (line: string) => void;
const root = path.resolve(import.meta.dirname, '..', '..');

/** First full sync into an empty cache (vs paging the directory list), and loading the saved cache at start. */
export async function cacheFigures(bench: BenchService, dir: string, runs: number, print: Print): Promise<ConsoleCache> {
  const file = (run: number) => path.join(dir, String(run), 'directory.json');
  const syncTimes = await timeRuns(runs, async (run) => {
    const cache = await ConsoleCache.open({ file: file(run) });
    cache.start(new ServiceCacheSource(bench.runtime));
    await cache.whenReady();
    if (cache.info().state !== 'ready') throw new Error(`the cache did not sync: ${cache.info().lastError ?? ''}`);
    await cache.close();
  });
  const listTimes = await timeRuns(runs, async () => {
    let cursor: string | null = null;
    do {
      const page: { nextCursor: string | null } = await bench.client.call('adminUsersList', { query: { limit: 1000, ...(cursor ? { cursor } : {}) } });
      cursor = page.nextCursor;
    } while (cursor !== null);
  });
  print(report('First full cache sync (changed-since, pages of 10,000)', median(syncTimes), 'ms', { baseline: ['paging the directory list, 1,000 a page', median(listTimes)], goal: 5000 }));
  let loaded: ConsoleCache | null = null;
  const loadTimes = await timeRuns(runs, async () => {
    loaded = await ConsoleCache.open({ file: file(0) });
  });
  print(report('Cache load from its file at start (shown before the service answers)', median(loadTimes), 'ms'));
  if (!loaded) throw new Error('no cache');
  return loaded;
}

/** Distinct searches (so no answer comes from the result memo), some with filters and other sorts. */
function benchQueries(count: number, seedValue: number, parse: (input: object) => DirectoryQuery): DirectoryQuery[] {
  const words = ['sof', 'lukas', 'aroha', 'pri', 'wei', 'joão', 'thabo', 'yuki', 'cam', 'omar', 'becker', 'ngata', 'sharma', 'silva', 'muller', 'tanaka'];
  const countries = ['US', 'FR', 'NP', 'KI', 'AU', 'IN', 'GB'];
  let seed = seedValue;
  const next = (n: number) => {
    seed = (seed * 1_103_515_245 + 12_345) % 2 ** 31;
    return seed % n;
  };
  const queries: DirectoryQuery[] = [];
  for (let i = 0; i < count; i++) {
    const word = words[next(words.length)] ?? 'sof';
    const kind = i % 5;
    if (kind === 0) queries.push(parse({ search: `${word} ${next(1000)}` }));
    else if (kind === 1) queries.push(parse({ search: String(10_000 + next(90_000)) }));
    else if (kind === 2) queries.push(parse({ search: `${word}.`, country: countries[next(countries.length)], status: 'active', offset: next(5) * 100 }));
    else if (kind === 3) queries.push(parse({ search: `${next(100)}@bench`, enrollment: 'not_enrolled', sort: 'lastSignIn', direction: 'desc' }));
    else queries.push(parse({ search: word.slice(0, 2) + String(next(10)), sort: i % 2 ? 'email' : 'timeZone' }));
  }
  return queries;
}

/** The linear scan a console without an index would do: lower-case, test, sort by name, slice. */
function linearScan(users: readonly DirectoryUser[], q: DirectoryQuery): DirectoryUser[] {
  const tokens = q.search.toLowerCase().split(/\s+/).filter(Boolean);
  return users
    .filter((u) => (q.country === null || u.country === q.country) && (q.status === null || u.status === q.status))
    .filter((u) => tokens.every((t) => u.name.toLowerCase().includes(t) || u.email.toLowerCase().includes(t)))
    .sort((a, b) => a.name.localeCompare(b.name))
    .slice(q.offset, q.offset + q.limit);
}

/** Search latency from the cache (p50/p95), against a linear scan, and through the IPC handler. */
export async function searchFigures(bench: BenchService, cache: ConsoleCache, parse: (input: object) => DirectoryQuery, print: Print): Promise<void> {
  const queries = benchQueries(300, 42, parse);
  const ctx = { now: cache.now(), staleAfterDays: 90 };
  const indexTimes: number[] = [];
  for (const q of queries) {
    const start = performance.now();
    cache.index.window(cache.index.query(q, q.sort, q.direction, ctx), q.offset, q.limit, ctx);
    indexTimes.push(performance.now() - start);
  }
  const users = cache.index.all();
  const scanTimes: number[] = [];
  for (const q of queries.slice(0, 60)) scanTimes.push(await timeOnce(() => linearScan(users, q)));
  const handler = createDirectoryHandlers(bench.runtime, cache, new DirectoryImports(), bench.copy)['directory:query'];
  const handlerTimes: number[] = [];
  for (const q of benchQueries(300, 7, parse)) handlerTimes.push(await timeOnce(() => handler(q)));
  print(report(`Search p50 from the cache (${cache.index.size} users)`, quantile(indexTimes, 0.5), 'ms', { baseline: ['linear scan', quantile(scanTimes, 0.5)] }));
  print(report(`Search p95 from the cache (${cache.index.size} users)`, quantile(indexTimes, 0.95), 'ms', { baseline: ['linear scan', quantile(scanTimes, 0.95)], goal: 30 }));
  print(report('Search p95 through the directory:query handler (window of 100 rows)', quantile(handlerTimes, 0.95), 'ms', { goal: 30 }));
}

/** The time-zone preview over every user: from the cache's counts, against counting user objects, and the service. */
export async function previewFigures(bench: BenchService, cache: ConsoleCache, print: Print): Promise<void> {
  const preview = createPolicyHandlers(bench.runtime, cache, bench.copy)['policy:preview'];
  const dates = Array.from({ length: 40 }, (_, i) => `2027-${String((i % 12) + 1).padStart(2, '0')}-${String((i % 27) + 1).padStart(2, '0')}`);
  const handlerTimes = await timeRuns(dates.length, (i) => preview({ date: dates[i] ?? '2027-03-14', zone: 'America/New_York', extraZones: [], required: true }));
  const users = cache.index.all();
  const naiveTimes = await timeRuns(10, (i) => {
    const counts = new Map<string, number>();
    for (const user of users) if (user.status === 'active') counts.set(user.timeZone, (counts.get(user.timeZone) ?? 0) + 1);
    const date = dates[i] ?? '2027-03-14';
    timeZonePreview({ date, zone: 'America/New_York', activeUsersByZone: counts });
    policyWarnings({ required: true, deadlineDate: date, deadlineZone: 'America/New_York' }, Date.now());
  });
  print(report(`Time-zone preview over all ${users.length} users (policy:preview from the cache)`, median(handlerTimes), 'ms', { baseline: ['counting user objects', median(naiveTimes)], goal: 50 }));
  const serviceTimes = await timeRuns(5, (i) => bench.client.call('adminPolicyPreview', { query: { date: dates[i] ?? '2027-03-14', zone: 'America/New_York' } }));
  print(report('Time-zone preview by the service (SQL count per zone, for reference)', median(serviceTimes), 'ms'));
}

/** The renderer bundle (what the window loads), raw and gzip; built first when missing. */
export async function bundleFigures(print: Print): Promise<void> {
  const assets = path.join(root, 'out', 'renderer', 'assets');
  if (!existsSync(assets)) execFileSync(process.execPath, [path.join(root, 'node_modules', 'electron-vite', 'bin', 'electron-vite.js'), 'build'], { cwd: root, stdio: 'ignore' });
  let raw = 0;
  let gzip = 0;
  for (const name of readdirSync(assets)) {
    const bytes = readFileSync(path.join(assets, name));
    raw += bytes.length;
    gzip += gzipSync(bytes).length;
  }
  print(report('Renderer bundle (out/renderer/assets)', raw / 1024, 'KiB'));
  print(report('Renderer bundle, gzip', gzip / 1024, 'KiB'));
  const html = readFileSync(path.join(root, 'out', 'renderer', 'index.html'), 'utf8');
  const firstLoad = [...html.matchAll(/(?:src|href)="\.\/(assets\/[^"]+)"/g)].map((match) => match[1] ?? '');
  const firstBytes = firstLoad.reduce((sum, file) => sum + readFileSync(path.join(root, 'out', 'renderer', file)).length, 0);
  print(report('Renderer first load (index.html’s scripts and styles; other screens load when opened)', firstBytes / 1024, 'KiB'));
}
