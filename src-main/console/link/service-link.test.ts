import { describe, expect, it } from 'vitest';
import { DEFAULT_BACKOFF, retryDelay } from './backoff';
import type { Scheduler } from './scheduler';
import { ServiceLink, type LinkState, type ProbeResult } from './service-link';

const START = Date.UTC(2026, 10, 30, 9);

/** A clock moved by hand: timers run when `advance` passes their time, never by themselves. */
class ManualScheduler implements Scheduler {
  private time = START;
  private timers: { at: number; task: () => void; id: number }[] = [];
  private nextId = 0;
  now(): number {
    return this.time;
  }
  after(ms: number, task: () => void): () => void {
    const id = this.nextId++;
    this.timers.push({ at: this.time + ms, task, id });
    return () => (this.timers = this.timers.filter((timer) => timer.id !== id));
  }
  /**
   * Moves the clock to `end`, running each timer that falls due in order, and after each one waits for `settle`
   * (the work the timer started, which may set the next timer).
   */
  async advanceTo(end: number, settle: () => Promise<void>): Promise<void> {
    for (;;) {
      const due = this.timers.filter((timer) => timer.at <= end).sort((a, b) => a.at - b.at)[0];
      if (!due) break;
      this.timers = this.timers.filter((timer) => timer !== due);
      this.time = due.at;
      due.task();
      await settle();
    }
    this.time = end;
  }
  /** How long until the next timer, or null. */
  nextIn(): number | null {
    const next = Math.min(...this.timers.map((timer) => timer.at));
    return Number.isFinite(next) ? next - this.time : null;
  }
}

/** A service the test turns off and on; every probe is counted. */
function fakeService() {
  const service = { answer: { kind: 'ok' } as ProbeResult, probes: [] as number[] };
  return service;
}

function setUp(options: { remembered?: { lastContactAt: number | null; lostSince: number | null } } = {}) {
  const scheduler = new ManualScheduler();
  const service = fakeService();
  const changes: { to: LinkState; from: LinkState; since: number | null }[] = [];
  const link = new ServiceLink({
    probe: async () => {
      service.probes.push(scheduler.now());
      return service.answer;
    },
    scheduler,
    random: () => 0,
    heartbeatMs: 10_000,
  });
  const start = () => link.start(options.remembered);
  link.onChange((status, from) => changes.push({ to: status.state, from, since: status.since }));
  /** Moves time and waits for the probes it started (no sleeping). */
  const advance = (ms: number) => scheduler.advanceTo(scheduler.now() + ms, () => link.idle());
  return { scheduler, service, link, changes, advance, start };
}

describe('retry waits', () => {
  it('double from 1 s to at most 30 s, and jitter only ever shortens them', () => {
    const full = [1, 2, 3, 4, 5, 6, 7, 40].map((attempt) => retryDelay(attempt, () => 0));
    expect(full).toEqual([1_000, 2_000, 4_000, 8_000, 16_000, 30_000, 30_000, 30_000]);
    expect(retryDelay(3, () => 0.999)).toBeGreaterThanOrEqual(4_000 * (1 - DEFAULT_BACKOFF.jitter));
    expect(retryDelay(3, () => 0.999)).toBeLessThan(4_000);
  });
});

describe('the service link', () => {
  it('stays online with a heartbeat while the service answers', async () => {
    const { link, service, advance, changes } = setUp();
    await link.start();
    await advance(30_000);
    expect(link.current).toMatchObject({ state: 'online', since: null, nextRetryAt: null });
    expect(service.probes.map((at) => at - START)).toEqual([0, 10_000, 20_000, 30_000]);
    expect(changes).toEqual([]);
  });

  it('notices a lost service at the heartbeat, then tries again after 1, 2, 4, 8, 16 and 30 s', async () => {
    const { link, service, advance, changes } = setUp();
    await link.start();
    service.answer = { kind: 'unreachable', message: 'nothing answers' };
    await advance(10_000);
    expect(link.current).toMatchObject({ state: 'unreachable', since: START + 10_000, message: 'nothing answers', nextRetryAt: START + 11_000 });
    expect(changes).toEqual([{ to: 'unreachable', from: 'online', since: START + 10_000 }]);
    service.probes = [];
    await advance(1_000 + 2_000 + 4_000 + 8_000 + 16_000 + 30_000 + 30_000);
    const waits = service.probes.map((at, i) => at - (i === 0 ? START + 10_000 : (service.probes[i - 1] ?? 0)));
    expect(waits).toEqual([1_000, 2_000, 4_000, 8_000, 16_000, 30_000, 30_000]);
    expect(link.current).toMatchObject({ state: 'unreachable', since: START + 10_000, attempts: 7 });
  });

  it('catches up by itself when the service is back: one change to online, the heartbeat resumes', async () => {
    const { link, service, advance, changes, scheduler } = setUp();
    await link.start();
    service.answer = { kind: 'unreachable', message: 'connection refused' };
    link.lost('connection refused');
    expect(link.current).toMatchObject({ state: 'unreachable', since: START, nextRetryAt: START + 1_000 });
    await advance(1_000 + 2_000);
    service.answer = { kind: 'ok' };
    await advance(4_000);
    expect(link.current).toMatchObject({ state: 'online', since: null, attempts: 0, message: null, lastContactAt: START + 7_000 });
    expect(changes.map((change) => change.to)).toEqual(['unreachable', 'online']);
    expect(scheduler.nextIn()).toBe(10_000);
  });

  it('a call answered while unreachable probes at once instead of waiting for the next try', async () => {
    const { link, service, advance } = setUp();
    await link.start();
    service.answer = { kind: 'unreachable', message: 'connection refused' };
    link.lost('connection refused');
    await advance(1_000 + 2_000 + 4_000);
    expect(link.online).toBe(false);
    service.answer = { kind: 'ok' };
    link.contact();
    await link.idle();
    expect(link.online).toBe(true);
  });

  it('"Try now" probes at once; concurrent tries share one probe', async () => {
    const { link, service } = setUp();
    await link.start();
    link.lost('connection refused');
    service.probes = [];
    await Promise.all([link.check(), link.check(), link.check()]);
    expect(service.probes).toHaveLength(1);
  });

  it('a session the service no longer knows needs a sign-in: no retries', async () => {
    const { link, service, advance, scheduler } = setUp();
    await link.start();
    service.answer = { kind: 'session_ended', message: 'sign in again' };
    await advance(10_000);
    expect(link.current).toMatchObject({ state: 'session_ended', since: START + 10_000, nextRetryAt: null, message: 'sign in again' });
    expect(scheduler.nextIn()).toBeNull();
    service.probes = [];
    await advance(600_000);
    expect(service.probes).toEqual([]);
    link.lost('connection refused');
    expect(link.current.state).toBe('session_ended');
  });

  it('starts over as online for a new connection, ignoring the old connection’s late answer', async () => {
    const scheduler = new ManualScheduler();
    let release: (result: ProbeResult) => void = () => undefined;
    const answers: Promise<ProbeResult>[] = [new Promise((resolve) => (release = resolve)), Promise.resolve({ kind: 'ok' })];
    const link = new ServiceLink({ probe: () => answers.shift() ?? Promise.resolve({ kind: 'ok' }), scheduler, random: () => 0 });
    const first = link.start();
    link.reset();
    await link.idle();
    release({ kind: 'session_ended', message: 'old session' });
    await first;
    expect(link.current.state).toBe('online');
  });

  it('a console started during an outage it had already seen says the outage began then', async () => {
    const lostSince = START - 3_600_000;
    const { link, service, start } = setUp({ remembered: { lastContactAt: lostSince - 5_000, lostSince } });
    service.answer = { kind: 'unreachable', message: 'nothing answers' };
    await start();
    expect(link.current).toMatchObject({ state: 'unreachable', since: lostSince, lastContactAt: lostSince - 5_000 });
  });

  it('an outage after the service answered in this run begins now, whatever was remembered', async () => {
    const { link, service, start } = setUp({ remembered: { lastContactAt: START - 10_000, lostSince: START - 5_000 } });
    await start();
    service.answer = { kind: 'unreachable', message: 'nothing answers' };
    await link.check();
    expect(link.current.since).toBe(START);
  });
});
