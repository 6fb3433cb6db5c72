/**
 * R-AUD-2 Admin API on both engines: only admins on both tools change, test or retry the webhook; the address and the
 * secret are checked with the shared rules and bad input gets `{error:{code,message}}`; the secret is sealed in the
 * database, never answered back nor written to the audit log; every change is audited; and the OpenAPI document
 * carries the routes and the webhook's own body.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { webhookSecretFromBytes } from '../../shared/domain/audit-webhook';
import { openServiceKeys } from '../../src-main/service/auth/service-keys';
import { MemoryVault } from '../../src-main/service/secrets/memory-vault';
import { seedDemoCompany } from '../../src-main/service/seed/seed-demo';
import { testEngines } from '../fixtures/engines';
import { startWebhookReceiver, type WebhookReceiver } from '../fixtures/webhook-receiver';
import { OPERATORS } from './admin-support';
import { startWebhookService, until, type WebhookService } from './audit-webhook-support';

const SECRET = webhookSecretFromBytes(Uint8Array.from({ length: 32 }, (_, i) => 255 - i));
const ROUTE = '/api/v1/admin/audit/webhook';

describe.each(testEngines('webhook_routes'))('audit webhook Admin API on $name', (engine) => {
  let service: WebhookService;
  let receiver: WebhookReceiver;
  let admin: string;
  let reader: string;

  beforeAll(async () => {
    const raw = await engine.open();
    const keys = await openServiceKeys(new MemoryVault(), raw);
    service = await startWebhookService(raw, keys);
    await seedDemoCompany(service.store, Date.now());
    admin = await service.token(OPERATORS.admin);
    reader = await service.token(OPERATORS.reader);
    receiver = await startWebhookReceiver();
    receiver.secret = SECRET;
  });
  afterAll(async () => {
    await receiver?.close();
    await service?.close();
    await service?.store.close();
    await engine.dispose();
  });

  it('answers "not set up" before anything is saved', async () => {
    expect((await service.call('GET', ROUTE, { token: reader })).body).toEqual({
      configured: false, url: null, enabled: false, secretSetAt: null, updatedAt: null, updatedBy: null, delivery: null,
    });
    for (const path of ['/test', '/retry']) {
      const reply = await service.call('POST', `${ROUTE}${path}`, { token: admin, body: {} });
      expect(reply.status).toBe(404);
      expect(reply.body.error).toEqual({ code: 'not_found', message: 'No audit webhook is set up yet: save an address and a signing secret first.', requestId: expect.any(String) });
    }
    expect((await service.call('DELETE', ROUTE, { token: admin })).body.error.code).toBe('not_found');
    expect((await service.call('GET', ROUTE)).status).toBe(401);
  });

  it('refuses bad addresses and secrets with the field named, and anyone without Admin on both tools', async () => {
    const cases: Array<[unknown, string, RegExp]> = [
      [{ url: 'http://siem.example.com/hook', enabled: true, secret: SECRET }, 'url', /Use an https:\/\/ address/],
      [{ url: 'https://user:pw@siem.example.com/hook', enabled: true, secret: SECRET }, 'url', /user name and password/],
      [{ url: 'siem', enabled: true, secret: SECRET }, 'url', /not a web address/],
      [{ url: receiver.url, enabled: true }, 'secret', /needed the first time/],
      [{ url: receiver.url, enabled: true, secret: 'too-short' }, 'secret', /at least 32 characters/],
      [{ url: receiver.url, enabled: true, secret: `${'x'.repeat(40)} y` }, 'secret', /no spaces/],
    ];
    for (const [body, field, message] of cases) {
      const reply = await service.call('PUT', ROUTE, { token: admin, body });
      expect(reply.status, JSON.stringify(body)).toBe(400);
      expect(reply.body.error.code).toBe('bad_request');
      expect(reply.body.error.message).toMatch(message);
      expect(Object.keys(reply.body.error.details.fields)).toEqual([field]);
    }
    const unknown = await service.call('PUT', ROUTE, { token: admin, body: { url: receiver.url, enabled: true, secret: SECRET, headers: {} } });
    expect(unknown.status).toBe(400);
    const refused = await service.call('PUT', ROUTE, { token: reader, body: { url: receiver.url, enabled: true, secret: SECRET } });
    expect(refused.status).toBe(403);
    expect(refused.body.error.message).toBe('Changing the audit webhook needs Admin permission on both the Company Admin and Directory tools. Ask a company admin who has both.');
    expect((await service.call('GET', ROUTE, { token: admin })).body.configured).toBe(false);
  });

  it('saves the webhook with its secret sealed, never answers the secret back, and audits the change without it', async () => {
    const saved = await service.call('PUT', ROUTE, { token: admin, body: { url: receiver.url, enabled: true, secret: SECRET } });
    expect(saved.status).toBe(200);
    expect(saved.body).toMatchObject({ configured: true, url: receiver.url, enabled: true, updatedBy: OPERATORS.admin });
    expect(saved.text).not.toContain(SECRET);
    const row = await service.store.db.selectFrom('audit_webhooks').selectAll().executeTakeFirstOrThrow();
    expect(row.secret_sealed).toMatch(/^v1\./);
    expect(JSON.stringify(row)).not.toContain(SECRET);

    const entry = await service.store.db.selectFrom('audit_log').selectAll().where('action', '=', 'audit.webhook_updated').executeTakeFirstOrThrow();
    expect(entry.actor_email).toBe(OPERATORS.admin);
    expect(entry.before).toBeNull();
    expect(JSON.parse(entry.after ?? '')).toEqual({ url: receiver.url, enabled: true, secretSetAt: Number(row.secret_set_at) });
    expect(JSON.parse(entry.evidence ?? '')).toEqual({ newSecret: true });
    // The first entry delivered is the one recording the set-up: the cursor started just before it (delivery may
    // already have moved it on by the time the row was read).
    expect([Number(entry.seq) - 1, Number(entry.seq)]).toContain(Number(row.delivered_seq));
    await receiver.waitFor((posts) => posts.some((post) => post.json?.entry?.action === 'audit.webhook_updated'), 'the set-up entry');
    expect(receiver.posts[0]?.json?.entry?.action).toBe('audit.webhook_updated');
    expect(receiver.posts.every((post) => post.signatureOk)).toBe(true);

    const reply = await service.call('GET', ROUTE, { token: reader });
    expect(reply.text).not.toContain(SECRET);
    const everything = await service.store.db.selectFrom('audit_log').select(['before', 'after', 'evidence']).execute();
    expect(JSON.stringify(everything)).not.toContain(SECRET);
  });

  it('pauses, changes the address and replaces the secret, each audited with before and after', async () => {
    const paused = await service.call('PUT', ROUTE, { token: admin, body: { url: receiver.url, enabled: false } });
    expect(paused.body).toMatchObject({ enabled: false, delivery: { state: 'paused' } });
    const unchanged = await service.call('PUT', ROUTE, { token: admin, body: { url: receiver.url, enabled: false } });
    expect(unchanged.status).toBe(200);
    const newSecret = webhookSecretFromBytes(Uint8Array.from({ length: 32 }, (_, i) => i + 1));
    const rotated = await service.call('PUT', ROUTE, { token: admin, body: { url: `${receiver.url}?v=2`, enabled: true, secret: newSecret } });
    expect(rotated.body).toMatchObject({ url: `${receiver.url}?v=2`, enabled: true });
    const changes = await service.store.db.selectFrom('audit_log').selectAll().where('action', '=', 'audit.webhook_updated').orderBy('seq').execute();
    expect(changes).toHaveLength(3);
    expect(JSON.parse(changes[1]?.before ?? '')).toMatchObject({ enabled: true });
    expect(JSON.parse(changes[1]?.after ?? '')).toMatchObject({ enabled: false });
    expect(JSON.parse(changes[2]?.after ?? '')).toMatchObject({ url: `${receiver.url}?v=2`, enabled: true });
    expect(JSON.parse(changes[2]?.evidence ?? '')).toEqual({ newSecret: true });
    expect(JSON.stringify(changes)).not.toContain(newSecret);

    receiver.secret = newSecret;
    const test = await service.call('POST', `${ROUTE}/test`, { token: admin, body: {} });
    expect(test.body).toMatchObject({ ok: true, status: 200 });
    expect(test.body.message).toMatch(/^The receiver accepted it \(HTTP 200\) in \d+ ms\.$/);
    const last = receiver.posts.at(-1);
    expect(last?.json).toMatchObject({ type: 'test', companyId: 'company-demo' });
    expect(last?.headers['mfa-event-type']).toBe('test');
    expect(last?.signatureOk).toBe(true);
    expect((await service.call('POST', `${ROUTE}/test`, { token: reader, body: {} })).status).toBe(403);
    expect((await service.call('POST', `${ROUTE}/retry`, { token: reader, body: {} })).status).toBe(403);
  });

  it('says what a refusing receiver answered to a test event', async () => {
    // The entries of the last changes go out in the background: the scripted answers must meet the test events only.
    await until(async () => (await service.call('GET', ROUTE, { token: admin })).body.delivery?.state === 'up_to_date', 'the changes delivered');
    receiver.script([401, 302]);
    const unauthorized = await service.call('POST', `${ROUTE}/test`, { token: admin, body: {} });
    expect(unauthorized.body).toMatchObject({ ok: false, status: 401 });
    expect(unauthorized.body.message).toBe('The receiver answered HTTP 401 Unauthorized: “refused with 401”. Check that the receiver has the same secret.');
    const redirected = await service.call('POST', `${ROUTE}/test`, { token: admin, body: {} });
    expect(redirected.body.message).toMatch(/^The receiver answered HTTP 302 Found, a redirect, which is not followed: give the final address instead\.$/);
  });

  it('removes the webhook and its secret, audited with what was left undelivered', async () => {
    expect((await service.call('DELETE', ROUTE, { token: reader })).status).toBe(403);
    const removed = await service.call('DELETE', ROUTE, { token: admin });
    expect(removed.body).toMatchObject({ configured: false, delivery: null });
    expect(await service.store.db.selectFrom('audit_webhooks').selectAll().execute()).toEqual([]);
    const entry = await service.store.db.selectFrom('audit_log').selectAll().where('action', '=', 'audit.webhook_removed').executeTakeFirstOrThrow();
    expect(JSON.parse(entry.before ?? '')).toMatchObject({ url: `${receiver.url}?v=2`, enabled: true });
    expect(JSON.parse(entry.evidence ?? '')).toHaveProperty('undeliveredEntries');
  });

  it('documents the routes and the signed webhook body in OpenAPI', async () => {
    const document = (await service.call('GET', '/api/v1/openapi.json')).body;
    expect(Object.keys(document.paths[ROUTE])).toEqual(['get', 'put', 'delete']);
    expect(document.paths['/api/v1/admin/audit/export.jsonl'].get.responses['200'].content).toHaveProperty('application/jsonl');
    const entryHook = document.webhooks.auditEntry.post;
    expect(entryHook.parameters.map((parameter: { name: string }) => parameter.name)).toEqual(['MFA-Signature', 'MFA-Event-Id', 'MFA-Event-Type']);
    expect(entryHook.requestBody.content['application/json'].schema.properties.entry.properties).toHaveProperty('prevHash');
  });
});
