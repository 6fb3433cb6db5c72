/**
 * Whether the console can use its MFA service right now (R-CON-4), and since when not. Three states: `online`;
 * `unreachable` (nothing answers: the console keeps trying, waiting longer each time, and catches up by itself when
 * the service is back); `session_ended` (the service answers but no longer knows the console's session: trying again
 * cannot help, signing in does). Every call the console makes reports to the link, so a lost service is noticed at
 * the first failed call; while online a heartbeat notices it within `heartbeatMs` even when nobody clicks anything.
 */
import { DEFAULT_BACKOFF, retryDelay, type BackoffPolicy } from './backoff';
import { realScheduler, type Scheduler } from './scheduler';

/** Where the console stands with its service. */
export type LinkState = 'online' | 'unreachable' | 'session_ended';

/** What one probe of the service found. */
export type ProbeResult = { kind: 'ok' } | { kind: 'unreachable'; message: string } | { kind: 'session_ended'; message: string };

/** The link as the status bar and the offline banner show it. Times are epoch ms. */
export interface LinkStatus {
  state: LinkState;
  /** When the console lost the service or its session; null while online. */
  since: number | null;
  /** The last time the service answered, or null if it never has. */
  lastContactAt: number | null;
  /** When the next automatic try is; null while online and when only signing in can help. */
  nextRetryAt: number | null;
  /** Tries that failed since the service was lost. */
  attempts: number;
  /** What went wrong, in plain words; null while online. */
  message: string | null;
}

/** What a previous run of the console knew, so a console started during an outage says since when. */
export interface RememberedLink {
  lastContactAt: number | null;
  lostSince: number | null;
}

/** How a link is set up. */
export interface ServiceLinkOptions {
  /** Asks the service whether it answers and knows the session. */
  probe: () => Promise<ProbeResult>;
  scheduler?: Scheduler;
  /** In [0, 1): the jitter of the waits. */
  random?: () => number;
  /** Time between probes while online. */
  heartbeatMs?: number;
  backoff?: BackoffPolicy;
}

/** Called after every change of state, with the state before it. */
export type LinkListener = (status: LinkStatus, previous: LinkState) => void;

const DEFAULT_HEARTBEAT_MS = 10_000;

/** The console's link to its current service. */
export class ServiceLink {
  private status: LinkStatus;
  private readonly scheduler: Scheduler;
  private readonly listeners = new Set<LinkListener>();
  private cancelTimer: (() => void) | null = null;
  private probing: Promise<LinkStatus> | null = null;
  private generation = 0;
  private stopped = false;
  private remembered: RememberedLink | null = null;

  constructor(private readonly options: ServiceLinkOptions) {
    this.scheduler = options.scheduler ?? realScheduler;
    this.status = { state: 'online', since: null, lastContactAt: null, nextRetryAt: null, attempts: 0, message: null };
  }

  /** The link now (a copy). */
  get current(): LinkStatus {
    return { ...this.status };
  }

  /** True while the service answers and knows the session. */
  get online(): boolean {
    return this.status.state === 'online';
  }

  /**
   * Starts watching with a first probe now. `remembered` is what the last run of the console knew: when it last
   * reached the service and since when it could not, so a console started during an outage it saw says since when.
   */
  start(remembered?: RememberedLink): Promise<LinkStatus> {
    if (remembered) {
      this.remembered = remembered;
      this.status.lastContactAt = remembered.lastContactAt;
    }
    return this.check();
  }

  /** Calls `listener` after each change of state; returns an unsubscribe. */
  onChange(listener: LinkListener): () => void {
    this.listeners.add(listener);
    return () => this.listeners.delete(listener);
  }

  /** Probes now (the banner's "Try now", or a sign the service is back); concurrent calls share one probe. */
  check(): Promise<LinkStatus> {
    if (this.stopped) return Promise.resolve(this.current);
    if (this.probing) return this.probing;
    const probing: Promise<LinkStatus> = this.runProbe().finally(() => {
      if (this.probing === probing) this.probing = null;
    });
    this.probing = probing;
    return probing;
  }

  /** Resolves once no probe is running (tests wait on it instead of sleeping). */
  async idle(): Promise<void> {
    while (this.probing) await this.probing;
  }

  /** A call was answered by the service. While it was thought unreachable, a full probe confirms it is back. */
  contact(): void {
    if (this.stopped) return;
    this.status.lastContactAt = this.scheduler.now();
    if (this.status.state === 'unreachable') void this.check();
  }

  /** A call could not reach the service: it is lost from now on, and tried again after the first wait. */
  lost(message: string): void {
    if (this.stopped || this.status.state === 'session_ended') return;
    if (this.status.state === 'unreachable') {
      this.status.message = message;
      return;
    }
    this.become('unreachable', message);
    this.schedule(retryDelay(1, this.random, this.backoff));
  }

  /** The service said it no longer knows the session: no more tries, the operator must sign in. */
  sessionEnded(message: string): void {
    if (this.stopped) return;
    this.status.lastContactAt = this.scheduler.now();
    this.clearTimer();
    if (this.status.state !== 'session_ended') this.become('session_ended', message);
  }

  /** The console now uses another connection: start over as online and probe it. */
  reset(): void {
    if (this.stopped) return;
    this.generation += 1;
    this.probing = null;
    this.remembered = null;
    this.clearTimer();
    if (this.status.state !== 'online') this.become('online', null);
    void this.check();
  }

  /** Stops every timer; the link answers from memory afterwards. */
  stop(): void {
    this.stopped = true;
    this.clearTimer();
    this.listeners.clear();
  }

  private get random(): () => number {
    return this.options.random ?? Math.random;
  }

  private get backoff(): BackoffPolicy {
    return this.options.backoff ?? DEFAULT_BACKOFF;
  }

  private async runProbe(): Promise<LinkStatus> {
    const generation = this.generation;
    this.clearTimer();
    let result: ProbeResult;
    try {
      result = await this.options.probe();
    } catch (error) {
      result = { kind: 'unreachable', message: error instanceof Error ? error.message : 'The MFA service did not answer.' };
    }
    if (generation === this.generation && !this.stopped) this.apply(result);
    return this.current;
  }

  private apply(result: ProbeResult): void {
    const now = this.scheduler.now();
    switch (result.kind) {
      case 'ok':
        this.status.lastContactAt = now;
        if (this.status.state !== 'online') this.become('online', null);
        this.schedule(this.options.heartbeatMs ?? DEFAULT_HEARTBEAT_MS);
        return;
      case 'unreachable':
        if (this.status.state === 'unreachable') {
          this.status.attempts += 1;
          this.status.message = result.message;
          this.schedule(retryDelay(this.status.attempts + 1, this.random, this.backoff));
        } else {
          this.become('unreachable', result.message);
          this.schedule(retryDelay(1, this.random, this.backoff));
        }
        return;
      case 'session_ended':
        this.sessionEnded(result.message);
        return;
    }
  }

  private become(state: LinkState, message: string | null): void {
    const previous = this.status.state;
    const now = this.scheduler.now();
    let since: number | null = state === 'online' ? null : now;
    // A console started during an outage it already saw: the outage began then, not at this start.
    const remembered = this.remembered;
    this.remembered = null;
    if (state === 'unreachable' && remembered?.lostSince != null && remembered.lastContactAt === this.status.lastContactAt) since = remembered.lostSince;
    this.status = { ...this.status, state, since, message, attempts: 0, nextRetryAt: null };
    for (const listener of this.listeners) {
      try {
        listener(this.current, previous);
      } catch {
        // A listener's failure must not stop the others nor the link.
      }
    }
  }

  private schedule(ms: number): void {
    this.clearTimer();
    this.status.nextRetryAt = this.status.state === 'unreachable' ? this.scheduler.now() + ms : null;
    this.cancelTimer = this.scheduler.after(ms, () => {
      this.cancelTimer = null;
      void this.check();
    });
  }

  private clearTimer(): void {
    this.cancelTimer?.();
    this.cancelTimer = null;
    this.status.nextRetryAt = null;
  }
}
