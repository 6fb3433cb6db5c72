/**
 * The audit webhook's delivery rate (R-AUD-2): a backlog of audit entries posted one by one to a receiver on this
 * machine (node:http answering 204), on the embedded engine (node:sqlite, one durable cursor write per entry),
 * beside a baseline measured in the same run: the same signed POSTs in a loop, with no database at all.
 */
import { mkdtempSync, rmSync } from 'node:fs';
import { createServer } from 'node:http';
import type { AddressInfo } from 'node:net';
import os from 'node:os';
import path from 'node:path';
import { pathToFileURL } from 'node:url';
import { webhookSecretFromBytes } from '../../shared/domain/audit-webhook';
import { auditEntryEvent, AuditWebhookDelivery } from '../../src-main/service/audit-webhook/webhook-delivery';
import { postWebhook } from '../../src-main/service/audit-webhook/webhook-post';
import { appendAuditEntries } from '../../src-main/service/audit/append-audit';
import { withAuditChain } from '../../src-main/service/audit/keyed-audit-store';
import { openServiceKeys } from '../../src-main/service/auth/service-keys';
import { systemClock } from '../../src-main/service/clock';
import { MemoryVault } from '../../src-main/service/secrets/memory-vault';
import { openStore } from '../../src-main/service/store/store';
import { median, report, timeOnce } from './bench-stats';

const COMPANY = 'bench-company';
/** Entries in the backlog (`BENCH_WEBHOOK_ENTRIES`). */
export const WEBHOOK_BENCH_ENTRIES = Number(process.env.BENCH_WEBHOOK_ENTRIES ?? 2_000);
const SECRET = webhookSecretFromBytes(new Uint8Array(32).fill(7));

/** Prints the delivery figure for `entries` entries, the median of `runs`. */
export async function webhookFigures(root: string, entries: number, runs: number, print: (line: string) => void): Promise<void> {
  let received = 0;
  const server = createServer((request, response) => {
    request.resume();
    request.on('end', () => {
      received += 1;
      response.writeHead(204).end();
    });
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const url = `http://127.0.0.1:${(server.address() as AddressInfo).port}/hook`;
  try {
    const delivered: number[] = [];
    const baseline: number[] = [];
    for (let run = 0; run < runs; run++) {
      const raw = await openStore({ file: path.join(root, `webhook-${run}.sqlite`) });
      const keys = await openServiceKeys(new MemoryVault(), raw);
      const store = withAuditChain(raw, keys.audit);
      const now = Date.now();
      await store.write(async (trx) => {
        await trx.insertInto('companies').values({ id: COMPANY, name: 'Bench', sso_domains: '[]', is_demo: 0, clock_offset_ms: 0, created_at: now }).execute();
        await trx
          .insertInto('audit_webhooks')
          .values({
            company_id: COMPANY, url, enabled: 1, secret_sealed: keys.sealer.seal(SECRET), secret_set_at: now, delivered_seq: 0, last_success_at: null, failures: 0,
            last_error: null, last_error_at: null, next_attempt_at: null, lease_owner: null, lease_until: null, created_at: now, updated_at: now, updated_by: null,
          })
          .execute();
        await appendAuditEntries(
          trx,
          Array.from({ length: entries }, (_, i) => ({
            companyId: COMPANY, when: { real: now, company: now }, actorId: null, actorEmail: 'bench@example.com', action: 'user.update',
            targetId: `user-${i}`, targetEmail: `user${i}@example.com`, before: { name: `Old ${i}` }, after: { name: `New ${i}` },
          })),
        );
      });
      const rows = await store.db.selectFrom('audit_log').selectAll().orderBy('seq').execute();
      received = 0;
      baseline.push(
        await timeOnce(async () => {
          for (const row of rows) {
            const event = auditEntryEvent(COMPANY, row);
            const result = await postWebhook({ url, secret: SECRET, eventId: event.id, eventType: 'audit.entry', body: event.body, timestampSeconds: Math.floor(Date.now() / 1000), timeoutMs: 10_000, userAgent: 'bench' });
            if (!result.ok) throw new Error(result.message);
          }
        }),
      );
      const delivery = new AuditWebhookDelivery({ store, sealer: keys.sealer, chain: keys.audit, clock: systemClock, version: 'bench', options: { pollIntervalMs: 0 } });
      received = 0;
      delivered.push(await timeOnce(() => delivery.kick(COMPANY)));
      await delivery.stop();
      const cursor = await store.db.selectFrom('audit_webhooks').select('delivered_seq').executeTakeFirstOrThrow();
      if (received !== entries || Number(cursor.delivered_seq) !== rows.at(-1)?.seq) throw new Error(`delivered ${received} of ${entries} entries`);
      await store.close();
    }
    const perEntry = (ms: number) => ms / entries;
    print(
      report(`Audit webhook: ${entries} waiting entries delivered one by one to a local receiver (SQLite, a durable cursor write per entry), per entry`, perEntry(median(delivered)), 'ms', {
        baseline: ['the same signed POSTs with no database', perEntry(median(baseline))],
      }),
    );
  } finally {
    server.closeAllConnections();
    await new Promise<void>((resolve) => server.close(() => resolve()));
  }
}

/** `npx tsx test/bench/bench-webhook.ts`: this figure alone (median of `BENCH_RUNS`, 3 by default). */
if (process.argv[1] && import.meta.url === pathToFileURL(process.argv[1]).href) {
  const root = mkdtempSync(path.join(os.tmpdir(), 'mfa-bench-webhook-'));
  console.log(`Bench: audit webhook, median of ${Number(process.env.BENCH_RUNS ?? 3)} runs (Node ${process.version}, ${os.cpus().length} cores)\n`);
  webhookFigures(root, WEBHOOK_BENCH_ENTRIES, Number(process.env.BENCH_RUNS ?? 3), (line) => console.log(line))
    .catch((error: unknown) => {
      console.error(error instanceof Error ? (error.stack ?? error.message) : String(error));
      process.exitCode = 1;
    })
    .finally(() => rmSync(root, { recursive: true, force: true }));
}
