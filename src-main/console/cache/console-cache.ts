/**
 * The console's local copy of the company, its MFA policy and the whole directory (issue item 2), kept by the main
 * process. It loads from the cache file at start, before the service answers, so the console shows data at once;
 * then it catches up with the service's changed-since sync at start, on a timer and after each change the console
 * makes. A corrupt file is discarded with a warning and rebuilt; a failed sync keeps the old data and says so.
 */
import { rm } from 'node:fs/promises';
import path from 'node:path';
import type { PolicyView } from '../../../shared/api/routes/admin-policy';
import type { CacheInfo } from '../../../shared/ipc/channels/directory';
import { ConsoleError } from '../../ipc/console-error';
import { readCacheFile, writeCacheFile, type CacheSnapshot, type CachedCompany } from './cache-file';
import { CacheWriter } from './cache-writer';
import type { CacheSource } from './cache-source';
import { DirectoryIndex } from './directory-index';

/** Where a console keeps its cache file: `<dataDir>/cache/directory.json`. */
export function consoleCacheFile(dataDir: string): string {
  return path.join(dataDir, 'cache', 'directory.json');
}

/** How the cache is set up. */
export interface ConsoleCacheOptions {
  /** The cache file, `<dataDir>/cache/directory.json`. */
  file: string;
  /** This computer's clock in epoch ms (tests pass their own). */
  clock?: () => number;
  /** Receives plain-words warnings for the shell (e.g. a discarded cache file). */
  warn?: (message: string) => void;
  refreshIntervalMs?: number;
  /** Users asked for per page of the changed-since sync. */
  pageSize?: number;
  /** Delay before the file is rewritten after a change (changes in between are written together). */
  saveDelayMs?: number;
}

const DEFAULT_REFRESH_MS = 30_000;
const DEFAULT_PAGE = 10_000;
const DEFAULT_SAVE_DELAY_MS = 1_000;

/** The cache of one console. */
export class ConsoleCache {
  private directory = new DirectoryIndex();
  private companyView: CachedCompany | null = null;
  private policyView: PolicyView | null = null;
  private sourceKey = '';
  private cursor = 0;
  private syncedAt: number | null = null;
  private clockSkewMs = 0;
  private lastError: string | null = null;
  private source: CacheSource | null = null;
  private running: Promise<void> | null = null;
  private queued: Promise<void> | null = null;
  private timer: ReturnType<typeof setInterval> | null = null;
  private readonly writer: CacheWriter<CacheSnapshot>;
  private firstAttempt: Promise<void>;
  private firstAttemptDone: () => void = () => undefined;
  private readonly clock: () => number;
  private unsubscribe: (() => void) | null = null;
  private warnings: string[] = [];
  private warnSink: ((message: string) => void) | null = null;

  private constructor(private readonly options: ConsoleCacheOptions) {
    this.clock = options.clock ?? Date.now;
    this.writer = new CacheWriter(
      (snapshot) => writeCacheFile(options.file, snapshot),
      () => this.snapshot(),
      options.saveDelayMs ?? DEFAULT_SAVE_DELAY_MS,
      (error) => this.warn(`The directory cache could not be saved (${error.message}); it will be rebuilt at the next start.`),
    );
    this.firstAttempt = new Promise((resolve) => (this.firstAttemptDone = resolve));
  }

  /** Opens the cache, loading the file when there is a readable one. */
  static async open(options: ConsoleCacheOptions): Promise<ConsoleCache> {
    const cache = new ConsoleCache(options);
    await cache.load();
    return cache;
  }

  /** The directory index (search, filters, windows). */
  get index(): DirectoryIndex {
    return this.directory;
  }

  /** The company, or null before anything was loaded. */
  get company(): CachedCompany | null {
    return this.companyView;
  }

  /** The cached policy, or null before anything was loaded. */
  get policy(): PolicyView | null {
    return this.policyView;
  }

  /** Company time now: this computer's clock plus the company's simulated offset seen at the last sync. */
  now(): number {
    return this.clock() + this.clockSkewMs;
  }

  /** How fresh the cache is. */
  info(): CacheInfo {
    const empty = this.directory.size === 0 && this.syncedAt === null;
    const state = this.lastError !== null ? 'stale' : empty ? 'loading' : 'ready';
    return { state, users: this.directory.size, syncedAt: this.syncedAt, lastError: this.lastError };
  }

  /**
   * Starts catching up with `source` now, then every refresh interval and whenever the source points elsewhere.
   * Warnings (including those from loading the file) go to `warn`.
   */
  start(source: CacheSource, warn?: (message: string) => void): void {
    this.source = source;
    if (warn) {
      this.warnSink = warn;
      for (const message of this.warnings.splice(0)) warn(message);
    }
    this.unsubscribe = source.onChange?.(() => void this.sync()) ?? null;
    void this.sync();
    this.timer ??= setInterval(() => void this.sync(), this.options.refreshIntervalMs ?? DEFAULT_REFRESH_MS);
    this.timer.unref?.();
  }

  /**
   * Changes whenever what the console shows may have changed: a user (the service's change sequence), the policy,
   * the company, or the demo company's clock (to the minute). Cheap to ask, so screens can poll it and reload only
   * when something changed.
   */
  revision(): string {
    const company = this.companyView ? `${this.companyView.name}|${this.companyView.ssoDomains.join(',')}` : '';
    const policy = this.policyView ? `${this.policyView.version}` : '';
    return [this.sourceKey, this.cursor, policy, company, Math.round(this.clockSkewMs / 60_000)].join(':');
  }

  /** Resolves once there is something to show: data from the file, or the first sync has been tried. */
  async whenReady(): Promise<void> {
    if (this.directory.size > 0 || this.syncedAt !== null) return;
    await this.firstAttempt;
  }

  /**
   * Catches up with the service. Never throws: a failure is kept for `info()`. Calls during a sync wait for one more
   * sync after it, so a change made just before the call is always seen.
   */
  sync(): Promise<void> {
    if (!this.running) {
      this.running = this.runSync().finally(() => (this.running = null));
      return this.running;
    }
    this.queued ??= this.running.then(() => {
      this.queued = null;
      return this.sync();
    });
    return this.queued;
  }

  /** Catches up after a change the console made; throws the service's words when it cannot. */
  async refresh(): Promise<CacheInfo> {
    await this.sync();
    if (this.lastError !== null) throw new ConsoleError('service_unavailable', this.lastError);
    return this.info();
  }

  /** Takes the policy the service answered a save with. */
  setPolicy(policy: PolicyView): void {
    this.policyView = policy;
    this.clockSkewMs = policy.now - this.clock();
    this.writer.schedule();
  }

  /** Stops the timer, waits for a running sync and writes pending changes. */
  async close(): Promise<void> {
    if (this.timer) clearInterval(this.timer);
    this.timer = null;
    this.unsubscribe?.();
    this.source = null;
    await this.running?.catch(() => undefined);
    await this.writer.flush();
  }

  private async load(): Promise<void> {
    const read = await readCacheFile(this.options.file);
    if (read.kind === 'corrupt') {
      this.warn(`The directory cache was discarded because ${read.reason}; it is being rebuilt from the service.`);
      await rm(this.options.file, { force: true });
      return;
    }
    if (read.kind === 'missing') return;
    const { snapshot } = read;
    this.sourceKey = snapshot.source;
    this.cursor = snapshot.cursor;
    this.syncedAt = snapshot.syncedAt;
    this.clockSkewMs = snapshot.clockSkewMs;
    this.companyView = snapshot.company;
    this.policyView = snapshot.policy;
    this.directory.setSsoDomains(snapshot.company.ssoDomains);
    this.directory.upsert(snapshot.users);
    this.directory.warm();
  }

  private async runSync(): Promise<void> {
    const source = this.source;
    if (!source) return;
    try {
      const [{ company, sourceKey }, policy] = await Promise.all([source.company(), source.policy()]);
      if (sourceKey !== this.sourceKey) this.startOver(sourceKey);
      this.applyCompany(company);
      this.policyView = policy;
      this.clockSkewMs = policy.now - this.clock();
      let since = this.cursor;
      for (;;) {
        const page = await source.changes(since, this.options.pageSize ?? DEFAULT_PAGE);
        if (page.cursor < since) {
          // The service's sequence went back (its database was replaced): start over from the beginning.
          this.startOver(sourceKey);
          this.applyCompany(company);
          since = 0;
          continue;
        }
        this.directory.upsert(page.users);
        since = page.cursor;
        if (!page.hasMore) break;
      }
      this.cursor = since;
      this.syncedAt = this.clock();
      this.lastError = null;
      this.directory.warm();
      this.writer.schedule();
    } catch (error) {
      this.lastError =
        error instanceof ConsoleError
          ? `The directory could not be refreshed: ${error.message}`
          : 'The directory could not be refreshed. The console shows the last copy it has and will try again.';
    } finally {
      this.firstAttemptDone();
    }
  }

  private warn(message: string): void {
    this.options.warn?.(message);
    if (this.warnSink) this.warnSink(message);
    else this.warnings.push(message);
  }

  private startOver(sourceKey: string): void {
    this.sourceKey = sourceKey;
    this.cursor = 0;
    this.syncedAt = null;
    this.directory = new DirectoryIndex();
    this.companyView = null;
  }

  private applyCompany(company: CachedCompany): void {
    const domainsChanged = JSON.stringify(company.ssoDomains) !== JSON.stringify(this.companyView?.ssoDomains ?? null);
    this.companyView = company;
    if (domainsChanged) this.directory.setSsoDomains(company.ssoDomains);
  }

  private snapshot(): CacheSnapshot | null {
    const company = this.companyView;
    if (!company) return null;
    return {
      source: this.sourceKey,
      cursor: this.cursor,
      syncedAt: this.syncedAt,
      clockSkewMs: this.clockSkewMs,
      company,
      policy: this.policyView,
      users: [...this.directory.all()],
    };
  }
}
