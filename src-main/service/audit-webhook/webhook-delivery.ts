/**
 * Delivers the audit log to each company's webhook (R-AUD-2): every entry, in order of its sequence number, at least
 * once. One entry is posted at a time; the next only after the receiver accepted it (2xx). A failure (an error
 * status, a time-out, no connection) waits 1 s, then twice as long after each further failure, at most 10 minutes,
 * and the same entry is tried again. The cursor — the last entry accepted — is in the database, so nothing is lost or
 * skipped across restarts; an instance delivers only while it holds the company's lease in the database, so several
 * instances on one PostgreSQL never post one company's entries side by side. Deliveries start as soon as a write
 * that appended entries is durable, and a poll picks up entries other instances wrote.
 */
import { randomUUID } from 'node:crypto';
import type { Selectable } from 'kysely';
import type { AuditTestEvent, AuditEntryEvent } from '../../../shared/api/webhooks';
import type { AuditWebhookTestResult } from '../../../shared/api/routes/admin-audit-webhook';
import { WEBHOOK_RETRY, webhookRetryDelayMs, type WebhookRetrySchedule } from '../../../shared/domain/audit-webhook';
import { auditEntryView } from '../admin/audit-repo';
import type { AuditChainKeys } from '../audit/audit-chain-keys';
import type { Clock } from '../clock';
import type { SecretSealer } from '../secrets/sealed-secret';
import type { AuditLogTable } from '../store/schema';
import type { Store } from '../store/store';
import { claimLease, enabledWebhookCompanies, makeDueNow, nextAuditEntry, recordDelivered, recordFailure, releaseLease, webhookRow } from './webhook-repo';
import { DEFAULT_WEBHOOK_TIMEOUT_MS, postWebhook, type WebhookResponse } from './webhook-post';

/** What the composition root (or a test) may tune. */
export interface AuditWebhookOptions {
  /** Time limit of one POST; 10 s by default. */
  timeoutMs?: number;
  /** Waits between tries; 1 s doubling up to 10 minutes by default. */
  retry?: WebhookRetrySchedule;
  /** How often to look for entries other instances wrote (and webhooks they set up); 0 = never (tests). */
  pollIntervalMs?: number;
  /** How long a claim on a company's delivery lasts without progress; 6 × the time limit by default. */
  leaseMs?: number;
  /** The clock of retry times, leases and signatures: the service's clock by default (tests with a manual one pass a real one). */
  clock?: Clock;
}

/** Dependencies of the delivery. */
export interface AuditWebhookDeliveryDeps {
  store: Store;
  sealer: SecretSealer;
  chain: AuditChainKeys;
  clock: Clock;
  /** The service version, in the User-Agent. */
  version: string;
  options?: AuditWebhookOptions | undefined;
}

/** The JSON body and stable id of an entry's event. */
export function auditEntryEvent(companyId: string, row: Selectable<AuditLogTable>): { id: string; body: string } {
  const event: AuditEntryEvent = { id: `${companyId}:${Number(row.seq)}`, type: 'audit.entry', companyId, entry: auditEntryView(row) };
  return { id: event.id, body: JSON.stringify(event) };
}

/** Posts audit entries to the companies' webhooks. */
export class AuditWebhookDelivery {
  /** This instance's name in the lease column. */
  readonly instanceId = randomUUID();
  readonly #rounds = new Map<string, { again: boolean; done: Promise<void> }>();
  readonly #timers = new Map<string, NodeJS.Timeout>();
  readonly #stop = new AbortController();
  readonly #timeoutMs: number;
  readonly #retry: WebhookRetrySchedule;
  readonly #leaseMs: number;
  readonly #clock: Clock;
  #poll: NodeJS.Timeout | null = null;
  #unsubscribe: (() => void) | null = null;

  constructor(private readonly deps: AuditWebhookDeliveryDeps) {
    const options = deps.options ?? {};
    this.#timeoutMs = options.timeoutMs ?? DEFAULT_WEBHOOK_TIMEOUT_MS;
    this.#retry = options.retry ?? WEBHOOK_RETRY;
    this.#leaseMs = options.leaseMs ?? 6 * this.#timeoutMs;
    this.#clock = options.clock ?? deps.clock;
  }

  /** Starts delivering: after every write that appends entries, on the poll, and at each retry's time. */
  start(pollIntervalMs = this.deps.options?.pollIntervalMs ?? 15_000): void {
    this.#unsubscribe ??= this.deps.chain.onAppended((companyIds) => {
      for (const companyId of companyIds) void this.kick(companyId);
    });
    if (pollIntervalMs > 0 && !this.#poll) {
      this.#poll = setInterval(() => void this.runDue(), pollIntervalMs);
      this.#poll.unref();
    }
    void this.runDue();
  }

  /** Delivers what is due for every company with a webhook on; resolves when those rounds are over. */
  async runDue(): Promise<void> {
    if (this.#stop.signal.aborted) return;
    const companies = await enabledWebhookCompanies(this.deps.store.db).catch(() => [] as string[]);
    await Promise.all(companies.map((companyId) => this.kick(companyId)));
  }

  /**
   * Delivers the company's waiting entries now, unless a retry waits for later or another instance is at it. A kick
   * while a round runs makes that round look once more before it ends. Resolves when the round is over; never throws.
   */
  kick(companyId: string): Promise<void> {
    if (this.#stop.signal.aborted) return Promise.resolve();
    const running = this.#rounds.get(companyId);
    if (running) {
      running.again = true;
      return running.done;
    }
    const state = { again: false, done: Promise.resolve() };
    state.done = (async () => {
      do {
        state.again = false;
        await this.#round(companyId).catch(() => undefined);
      } while (state.again && !this.#stop.signal.aborted);
    })().finally(() => this.#rounds.delete(companyId));
    this.#rounds.set(companyId, state);
    return state.done;
  }

  /** Makes the company's next try due now and starts it; false when it has no webhook. */
  async retryNow(companyId: string): Promise<boolean> {
    if (!(await makeDueNow(this.deps.store, companyId))) return false;
    void this.kick(companyId);
    return true;
  }

  /** Posts a signed test event to the company's webhook now (on or off); null when it has none. */
  async sendTest(companyId: string): Promise<AuditWebhookTestResult | null> {
    const row = await webhookRow(this.deps.store.db, companyId);
    if (!row) return null;
    const secret = await this.#secret(row.secret_sealed);
    if (typeof secret !== 'string') return { ok: false, status: null, message: secret.problem, durationMs: 0 };
    const now = this.#clock.now();
    const event: AuditTestEvent = {
      id: `test:${randomUUID()}`,
      type: 'test',
      companyId,
      sentAt: now,
      message: 'A test event from the MFA service: audit entries will arrive at this address, signed with the same secret.',
    };
    const result = await this.#post(row.url, secret, event.id, 'test', JSON.stringify(event), now);
    return { ok: result.ok, status: result.status, message: result.message, durationMs: result.durationMs };
  }

  /** Stops the timers and the poll, aborts posts in flight (they count as neither success nor failure) and waits. */
  async stop(): Promise<void> {
    this.#stop.abort();
    this.#unsubscribe?.();
    if (this.#poll) clearInterval(this.#poll);
    for (const timer of this.#timers.values()) clearTimeout(timer);
    this.#timers.clear();
    await Promise.all([...this.#rounds.values()].map((round) => round.done));
  }

  /** One delivery round for a company: claim the lease, post entries one by one until none is left or one fails. */
  async #round(companyId: string): Promise<void> {
    const { store } = this.deps;
    const row = await webhookRow(store.db, companyId);
    if (!row || row.enabled !== 1) return;
    const now = this.#clock.now();
    if (row.next_attempt_at !== null && Number(row.next_attempt_at) > now) return this.#wakeAt(companyId, Number(row.next_attempt_at));
    if (row.lease_owner !== null && row.lease_owner !== this.instanceId && Number(row.lease_until) >= now) {
      return this.#wakeAt(companyId, Number(row.lease_until) + 1);
    }
    if (!(await nextAuditEntry(store.db, companyId, Number(row.delivered_seq)))) return;
    if (!(await claimLease(store, companyId, this.instanceId, now, this.#leaseMs))) return;
    try {
      await this.#deliverWhileLeased(companyId);
    } finally {
      await releaseLease(store, companyId, this.instanceId).catch(() => undefined);
    }
  }

  async #deliverWhileLeased(companyId: string): Promise<void> {
    const { store } = this.deps;
    while (!this.#stop.signal.aborted) {
      // The setting is read before each post: a new address, secret or "off" applies from the next entry on.
      const row = await webhookRow(store.db, companyId);
      if (!row || row.enabled !== 1 || row.lease_owner !== this.instanceId) return;
      const fromSeq = Number(row.delivered_seq);
      const entry = await nextAuditEntry(store.db, companyId, fromSeq);
      if (!entry) return;
      const now = this.#clock.now();
      const secret = await this.#secret(row.secret_sealed);
      const event = auditEntryEvent(companyId, entry);
      const result: WebhookResponse =
        typeof secret === 'string'
          ? await this.#post(row.url, secret, event.id, 'audit.entry', event.body, now)
          : { ok: false, stopped: false, status: null, message: secret.problem, durationMs: 0 };
      if (result.stopped) return;
      const after = this.#clock.now();
      if (!result.ok) {
        const failures = row.failures + 1;
        const nextAttemptAt = after + webhookRetryDelayMs(failures, this.#retry);
        const message = `Entry ${Number(entry.seq)} (${entry.action}) was not delivered: ${result.message}`;
        await recordFailure(store, { companyId, owner: this.instanceId, failures, message, now: after, nextAttemptAt });
        this.#wakeAt(companyId, nextAttemptAt);
        return;
      }
      const moved = await recordDelivered(store, { companyId, owner: this.instanceId, fromSeq, toSeq: Number(entry.seq), now: after, leaseMs: this.#leaseMs });
      if (!moved) return;
    }
  }

  #post(url: string, secret: string, eventId: string, eventType: 'audit.entry' | 'test', body: string, now: number): Promise<WebhookResponse> {
    return postWebhook({
      url,
      secret,
      eventId,
      eventType,
      body,
      timestampSeconds: Math.floor(now / 1000),
      timeoutMs: this.#timeoutMs,
      userAgent: `mfa-service/${this.deps.version}`,
      signal: this.#stop.signal,
    });
  }

  /** The secret in clear, or what keeps it from being opened. */
  async #secret(sealed: string): Promise<string | { problem: string }> {
    try {
      return await this.deps.sealer.open(sealed);
    } catch (error) {
      const reason = error instanceof Error ? error.message : String(error);
      return { problem: `The signing secret could not be opened with this service's data key (${reason}). Set a new secret in Settings.` };
    }
  }

  /** Kicks the company again at `at` (one timer per company; timers never keep the process alive). */
  #wakeAt(companyId: string, at: number): void {
    if (this.#stop.signal.aborted) return;
    const previous = this.#timers.get(companyId);
    if (previous) clearTimeout(previous);
    const timer = setTimeout(() => {
      this.#timers.delete(companyId);
      void this.kick(companyId);
    }, Math.max(0, at - this.#clock.now()) + 5);
    timer.unref();
    this.#timers.set(companyId, timer);
  }
}

declare module 'fastify' {
  interface FastifyInstance {
    /** The audit webhook's delivery: tests drive it (`runDue`, `kick`) and read its instance id. */
    auditWebhook: AuditWebhookDelivery;
  }
}
