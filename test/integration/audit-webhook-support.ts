/**
 * Helpers of the audit webhook tests: a service on a given store with the real clock (deliveries, leases and
 * signatures run on real time) and short retries, operator sessions, and audit entries appended the way every
 * audited action appends them.
 */
/* eslint-disable @typescript-eslint/no-explicit-any -- replies are read as loose JSON; each test asserts their shape */
import type { FastifyInstance } from 'fastify';
import { buildApp } from '../../src-main/service/app';
import type { AuditWebhookOptions } from '../../src-main/service/audit-webhook/webhook-delivery';
import { appendAuditEntries } from '../../src-main/service/audit/append-audit';
import { withAuditChain } from '../../src-main/service/audit/keyed-audit-store';
import type { ServiceKeys } from '../../src-main/service/auth/service-keys';
import { createTrustedSession } from '../../src-main/service/auth/trusted-session';
import { systemClock } from '../../src-main/service/clock';
import { DEMO_COMPANY_ID } from '../../src-main/service/seed/demo-company';
import type { Store } from '../../src-main/service/store/store';

/** Short waits, so failures and recoveries take milliseconds. */
export const FAST_RETRY = { firstMs: 40, maxMs: 320 } as const;

/** A service on `store` (not seeded here), as a standalone instance would run on it. */
export interface WebhookService {
  app: FastifyInstance;
  store: Store;
  call(method: string, url: string, options?: { token?: string; body?: unknown }): Promise<{ status: number; body: any; text: string; contentType: string }>;
  token(email: string): Promise<string>;
  /** Appends `count` entries in one write, like an action that audits several changes; returns their sequence numbers. */
  appendEntries(count: number, label: string): Promise<number[]>;
  close(): Promise<void>;
}

/** Builds the service over `raw` with `keys` (its audit chain bound), the real clock and `options` for the webhook. */
export async function startWebhookService(raw: Store, keys: ServiceKeys, options: AuditWebhookOptions = {}): Promise<WebhookService> {
  const store = withAuditChain(raw, keys.audit);
  const app = await buildApp({
    store,
    clock: systemClock,
    version: 'test',
    checkResponses: true,
    mfa: { keys, demoTools: false, rateLimits: 'off' },
    mail: { retryIntervalMs: 0 },
    auditWebhook: { timeoutMs: 1_000, retry: FAST_RETRY, pollIntervalMs: 0, ...options },
  });
  return {
    app,
    store,
    async call(method, url, { token, body } = {}) {
      const response = await app.inject({
        method: method as 'GET',
        url,
        headers: token ? { authorization: `Bearer ${token}` } : {},
        ...(body !== undefined ? { payload: body as object } : {}),
      });
      const contentType = String(response.headers['content-type'] ?? '');
      return { status: response.statusCode, text: response.body, contentType, body: contentType.includes('application/json') && response.body ? response.json() : undefined };
    },
    async token(email) {
      const token = await createTrustedSession(store, email, Date.now());
      if (!token) throw new Error(`no active user ${email}`);
      return token;
    },
    async appendEntries(count, label) {
      await store.write((trx) =>
        appendAuditEntries(
          trx,
          Array.from({ length: count }, (_, i) => ({
            companyId: DEMO_COMPANY_ID,
            when: { real: Date.now(), company: Date.now() },
            actorId: null,
            actorEmail: 'webhook-test@northwind.example',
            action: 'user.update',
            targetId: null,
            targetEmail: null,
            before: { step: `${label}-${i}` },
            after: { step: `${label}-${i}`, done: true },
          })),
        ),
      );
      const rows = await store.db.selectFrom('audit_log').select('seq').where('after', 'like', `%"${label}-%`).orderBy('seq').execute();
      return rows.map((row) => Number(row.seq));
    },
    close: () => app.close(),
  };
}

/** Every audit sequence number of the demo company after `afterSeq`, oldest first. */
export async function seqsAfter(store: Store, afterSeq: number): Promise<number[]> {
  const rows = await store.db.selectFrom('audit_log').select('seq').where('company_id', '=', DEMO_COMPANY_ID).where('seq', '>', afterSeq).orderBy('seq').execute();
  return rows.map((row) => Number(row.seq));
}

/** Waits until `check` is true, looking every 20 ms; fails naming `what` after `timeoutMs`. */
export async function until(check: () => Promise<boolean> | boolean, what: string, timeoutMs = 20_000): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  while (!(await check())) {
    if (Date.now() > deadline) throw new Error(`Timed out after ${timeoutMs} ms waiting for ${what}.`);
    await new Promise((resolve) => setTimeout(resolve, 20));
  }
}
