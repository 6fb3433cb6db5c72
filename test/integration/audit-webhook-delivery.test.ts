/**
 * R-AUD-2 against a real HTTP receiver on 127.0.0.1, on both engines: entries arrive in order and at least once
 * through 500s, a time-out, a refused connection and recovery; every signature verifies with the secret; the retry
 * waits double up to the cap; a restart resumes from the stored cursor with no gap; and (PostgreSQL) two service
 * instances on one database never post side by side nor out of order.
 */
import { randomBytes } from 'node:crypto';
import { mkdtempSync, rmSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterAll, afterEach, describe, expect, it } from 'vitest';
import { webhookRetryDelayMs, webhookSecretFromBytes } from '../../shared/domain/audit-webhook';
import { openServiceKeys } from '../../src-main/service/auth/service-keys';
import { MemoryVault } from '../../src-main/service/secrets/memory-vault';
import { isEmptyStore, seedDemoCompany } from '../../src-main/service/seed/seed-demo';
import { openStore, type Store, type StoreLocation } from '../../src-main/service/store/store';
import { dropTestSchema } from '../fixtures/pg-schema';
import { startWebhookReceiver, type ReceivedPost, type WebhookReceiver } from '../fixtures/webhook-receiver';
import { OPERATORS } from './admin-support';
import { FAST_RETRY, seqsAfter, startWebhookService, until, type WebhookService } from './audit-webhook-support';

const PG_URL = process.env.MFA_TEST_PG_URL;
const ROUTE = '/api/v1/admin/audit/webhook';
const SECRET = webhookSecretFromBytes(randomBytes(32));

/** A database that can be closed and opened again (a restart): an SQLite file, or a PostgreSQL schema. */
interface Place {
  name: string;
  location: StoreLocation;
  dispose(): Promise<void>;
}

function places(): Place[] {
  const dir = mkdtempSync(path.join(os.tmpdir(), 'mfa-webhook-'));
  const sqlite: Place = { name: 'SQLite', location: { file: path.join(dir, 'mfa.sqlite') }, dispose: async () => rmSync(dir, { recursive: true, force: true }) };
  if (!PG_URL) {
    console.warn('audit webhook delivery: MFA_TEST_PG_URL is not set, so the PostgreSQL half is skipped.');
    return [sqlite];
  }
  const schema = `mfa_webhook_${process.pid}_${randomBytes(4).toString('hex')}`;
  return [sqlite, { name: 'PostgreSQL', location: { url: PG_URL, schema }, dispose: () => dropTestSchema(PG_URL, schema) }];
}

/** The audit sequence numbers of entry events, in arrival order (the accepted ones only, or every post). */
const entrySeqs = (posts: ReceivedPost[], accepted = true) =>
  posts.filter((post) => post.json?.type === 'audit.entry' && (!accepted || post.answer === 200)).map((post) => Number(post.json.entry.seq));

/** True when every number is larger than the one before. */
const increasing = (values: number[]) => values.every((value, i) => i === 0 || value > (values[i - 1] ?? 0));

describe.each(places())('audit webhook delivery on $name', (place) => {
  const vault = new MemoryVault();
  const opened: Store[] = [];
  const services: WebhookService[] = [];
  let receiver: WebhookReceiver;

  async function open(): Promise<Store> {
    const store = await openStore(place.location);
    opened.push(store);
    return store;
  }
  async function start(store: Store, options: Parameters<typeof startWebhookService>[2] = {}): Promise<WebhookService> {
    const service = await startWebhookService(store, await openServiceKeys(vault, store), options);
    services.push(service);
    if (await isEmptyStore(service.store)) await seedDemoCompany(service.store, Date.now());
    return service;
  }
  async function status(service: WebhookService, token: string) {
    return (await service.call('GET', ROUTE, { token })).body;
  }

  afterEach(async () => {
    for (const service of services.splice(0)) await service.close();
    for (const store of opened.splice(0)) await store.close();
    await receiver?.close();
  });
  afterAll(() => place.dispose());

  it('delivers every entry once accepted, in order, signed, through 500s, a time-out, a refused connection and recovery', async () => {
    receiver = await startWebhookReceiver();
    receiver.secret = SECRET;
    const service = await start(await open());
    const admin = await service.token(OPERATORS.admin);
    receiver.script([500, 503]);
    const saved = await service.call('PUT', ROUTE, { token: admin, body: { url: receiver.url, enabled: true, secret: SECRET } });
    const startSeq: number = saved.body.delivery.deliveredSeq;
    await service.appendEntries(5, 'first');
    await until(async () => (await status(service, admin)).delivery.state === 'up_to_date', 'the first entries');
    expect((await status(service, admin)).delivery.lastError).toMatch(/^Entry \d+ \(audit\.webhook_updated\) was not delivered: The receiver answered HTTP 503 Service Unavailable: “refused with 503”\.$/);

    // No answer: the service gives up on the POST after its time limit and tries the same entry again.
    receiver.script(['hang']);
    await service.appendEntries(2, 'second');
    await until(async () => (await status(service, admin)).delivery.state === 'up_to_date', 'the entries after the time-out');
    expect((await status(service, admin)).delivery.lastError).toMatch(/did not answer within 1 s \(timed out\)\.$/);

    // Nothing listening: connection refused, retried after 40, 80, 160, 320, 320 ms … until the receiver is back.
    await receiver.stopListening();
    await service.appendEntries(2, 'third');
    await until(async () => (await status(service, admin)).delivery.failures >= 3, 'three refused tries');
    const retrying = await status(service, admin);
    expect(retrying.delivery).toMatchObject({ state: 'retrying', backlog: 2 });
    expect(retrying.delivery.lastError).toMatch(/Could not connect to 127\.0\.0\.1:\d+ \(connection refused\): is the receiver running\?$/);
    expect(retrying.delivery.nextAttemptAt - retrying.delivery.lastErrorAt).toBe(webhookRetryDelayMs(retrying.delivery.failures, FAST_RETRY));
    await receiver.listen();
    await until(async () => (await status(service, admin)).delivery.state === 'up_to_date', 'the entries after recovery');

    const expected = await seqsAfter(service.store, startSeq);
    expect(entrySeqs(receiver.posts)).toEqual(expected);
    const tried = entrySeqs(receiver.posts, false);
    expect(tried.every((seq, i) => i === 0 || seq >= (tried[i - 1] ?? 0))).toBe(true);
    expect(tried.length).toBeGreaterThan(expected.length);
    for (const post of receiver.posts) {
      expect(post.signatureOk).toBe(true);
      expect(post.headers['mfa-event-id']).toBe(post.json.id);
      expect(post.headers['mfa-event-type']).toBe('audit.entry');
      expect(post.headers['user-agent']).toBe('mfa-service/test');
    }
    const sent = receiver.posts.find((post) => post.answer === 200)?.json;
    const stored = await service.store.db.selectFrom('audit_log').selectAll().where('seq', '=', sent.entry.seq).executeTakeFirstOrThrow();
    expect(sent).toEqual({
      id: `company-demo:${stored.seq}`,
      type: 'audit.entry',
      companyId: 'company-demo',
      entry: {
        seq: Number(stored.seq), at: Number(stored.at), companyAt: null, actorId: stored.actor_id, actorEmail: stored.actor_email, action: stored.action,
        targetId: null, targetEmail: null, before: JSON.parse(stored.before ?? 'null'), after: JSON.parse(stored.after ?? 'null'),
        evidence: JSON.parse(stored.evidence ?? 'null'), prevHash: stored.prev_hash, hash: stored.hash,
      },
    });
    const done = await status(service, admin);
    expect(done.delivery).toMatchObject({ state: 'up_to_date', backlog: 0, failures: 0, nextAttemptAt: null, deliveredSeq: expected.at(-1), deliveredEntry: { seq: expected.at(-1), action: 'user.update' } });
    expect(done.delivery.lastSuccessAt).toBeGreaterThanOrEqual(done.delivery.lastErrorAt);
  });

  it('resumes from the stored cursor after a restart: nothing skipped, nothing accepted twice', async () => {
    receiver = await startWebhookReceiver();
    receiver.secret = SECRET;
    const first = await start(await open());
    const admin = await first.token(OPERATORS.admin);
    if ((await status(first, admin)).configured) await first.call('DELETE', ROUTE, { token: admin });
    receiver.otherwise = 500;
    const saved = await first.call('PUT', ROUTE, { token: admin, body: { url: receiver.url, enabled: true, secret: SECRET } });
    const startSeq: number = saved.body.delivery.deliveredSeq;
    receiver.script([200, 200]);
    await first.appendEntries(4, 'before-restart');
    await until(async () => (await status(first, admin)).delivery.failures >= 2, 'failures after two accepted entries');
    const cursor: number = (await status(first, admin)).delivery.deliveredSeq;
    expect(entrySeqs(receiver.posts)).toEqual((await seqsAfter(first.store, startSeq)).slice(0, 2));
    await first.close();
    await first.store.close();
    opened.splice(0);
    services.splice(0);

    // While the service is down, more entries are written (for instance by another instance, or a maintenance job).
    const store = await open();
    const second = await start(store);
    await second.appendEntries(3, 'while-down');
    receiver.otherwise = 200;
    await second.call('POST', `${ROUTE}/retry`, { token: await second.token(OPERATORS.admin), body: {} });
    await until(async () => (await status(second, admin)).delivery.state === 'up_to_date', 'every entry after the restart');
    const all = await seqsAfter(store, startSeq);
    expect(entrySeqs(receiver.posts)).toEqual(all);
    expect(entrySeqs(receiver.posts).filter((seq) => seq > cursor)).toEqual(all.filter((seq) => seq > cursor));
    expect(receiver.posts.every((post) => post.signatureOk)).toBe(true);
  });

  it('takes over from an instance that died while delivering once its lease has run out', async () => {
    receiver = await startWebhookReceiver();
    receiver.secret = SECRET;
    const service = await start(await open());
    const admin = await service.token(OPERATORS.admin);
    if ((await status(service, admin)).configured) await service.call('DELETE', ROUTE, { token: admin });
    await service.call('PUT', ROUTE, { token: admin, body: { url: receiver.url, enabled: true, secret: SECRET } });
    await until(async () => (await status(service, admin)).delivery.state === 'up_to_date', 'the set-up entry');
    const leaseEnds = Date.now() + 400;
    await service.store.write((trx) => trx.updateTable('audit_webhooks').set({ lease_owner: 'a-crashed-instance', lease_until: leaseEnds }).execute());
    const before = receiver.posts.length;
    const seqs = await service.appendEntries(2, 'after-crash');
    await until(async () => (await status(service, admin)).delivery.state === 'up_to_date', 'the entries once the lease ran out');
    expect(Date.now()).toBeGreaterThanOrEqual(leaseEnds);
    expect(entrySeqs(receiver.posts.slice(before))).toEqual(seqs);
  });
});

describe.skipIf(!PG_URL)('audit webhook delivery by two service instances on one PostgreSQL database', () => {
  const schema = `mfa_webhook2_${process.pid}_${randomBytes(4).toString('hex')}`;
  const vault = new MemoryVault();
  const opened: Store[] = [];
  const services: WebhookService[] = [];
  let receiver: WebhookReceiver;

  afterAll(async () => {
    for (const service of services) await service.close();
    for (const store of opened) await store.close();
    await receiver?.close();
    await dropTestSchema(PG_URL ?? '', schema);
  });

  async function start(options: Parameters<typeof startWebhookService>[2]): Promise<WebhookService> {
    const store = await openStore({ url: PG_URL ?? '', schema });
    opened.push(store);
    const service = await startWebhookService(store, await openServiceKeys(vault, store), options);
    services.push(service);
    return service;
  }

  it('lets one instance at a time deliver a company: each entry is posted once, in order, never two at once', async () => {
    receiver = await startWebhookReceiver();
    receiver.secret = SECRET;
    receiver.delayMs = 15;
    const a = await start({ pollIntervalMs: 30 });
    const b = await start({ pollIntervalMs: 30 });
    await seedDemoCompany(a.store, Date.now());
    const admin = await a.token(OPERATORS.admin);
    const saved = await a.call('PUT', ROUTE, { token: admin, body: { url: receiver.url, enabled: true, secret: SECRET } });
    const startSeq: number = saved.body.delivery.deliveredSeq;
    for (let round = 0; round < 6; round += 1) {
      await Promise.all([a.appendEntries(3, `a${round}`), b.appendEntries(3, `b${round}`)]);
    }
    const expected = await seqsAfter(a.store, startSeq);
    await until(async () => (await b.call('GET', ROUTE, { token: admin })).body.delivery.state === 'up_to_date', 'both instances to deliver everything');
    expect(entrySeqs(receiver.posts)).toEqual(expected);
    expect(increasing(entrySeqs(receiver.posts, false))).toBe(true);
    expect(receiver.maxInFlight).toBe(1);
  });
});
