import { sql } from 'kysely';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { OPERATORS, demoEmail, startAdminHarness, type AdminHarness } from './admin-support';

const AUDIT = '/api/v1/admin/audit';

describe('Admin API: audit log (R-AUD-1)', () => {
  let h: AdminHarness;
  let admin: string;
  let otherAdmin: string;
  let reader: string;
  let t0: number;
  const ok = async (reply: Promise<{ status: number; body: unknown }>) => expect((await reply).status).toBe(200);

  beforeAll(async () => {
    h = await startAdminHarness();
    admin = await h.tokenFor(OPERATORS.admin);
    otherAdmin = await h.tokenFor(OPERATORS.otherAdmin);
    reader = await h.tokenFor(OPERATORS.reader);
    t0 = h.clock.now();
    await ok(h.call('PUT', '/api/v1/admin/policy', { token: admin, body: { version: 1, lockoutMinutes: 20 } }));
    h.clock.advance(60_000);
    await ok(h.call('PUT', '/api/v1/admin/policy', { token: otherAdmin, body: { version: 2, lockoutMinutes: 25 } }));
    h.clock.advance(60_000);
    const drew = await h.idOf(demoEmail('drew.hughes'));
    await ok(h.call('POST', `/api/v1/admin/users/${drew}/deactivate`, { token: admin, body: {} }));
    await ok(h.call('PATCH', `/api/v1/admin/users/${drew}`, { token: admin, body: { name: 'Drew H.' } }));
    h.clock.advance(60_000);
    await ok(
      h.call('POST', '/api/v1/admin/users', {
        token: otherAdmin,
        body: { email: '-dash@northwind.example', name: 'Formula Person', country: 'US', timeZone: 'America/New_York' },
      }),
    );
  });
  afterAll(async () => {
    await h.close();
  });

  it('lists entries newest first, page by page with a cursor', async () => {
    const first = await h.call('GET', `${AUDIT}?limit=2`, { token: reader });
    expect(first.body.entries.map((entry: { action: string }) => entry.action)).toEqual(['user.create', 'user.update']);
    const rest = await h.call('GET', `${AUDIT}?limit=10&cursor=${first.body.nextCursor}`, { token: reader });
    expect(rest.body.entries.map((entry: { action: string }) => entry.action)).toEqual(['user.deactivate', 'policy.update', 'policy.update']);
    expect(rest.body.nextCursor).toBeNull();
    const seqs = [...first.body.entries, ...rest.body.entries].map((entry: { seq: number }) => entry.seq);
    expect(seqs).toEqual([...seqs].sort((a, b) => b - a));
  });

  it('filters by actor, action (exact, several, or a prefix), target and time range', async () => {
    const actions = async (query: string) =>
      (await h.call('GET', `${AUDIT}?${query}`, { token: reader })).body.entries.map((entry: { action: string }) => entry.action);
    expect(await actions(`actor=${OPERATORS.otherAdmin.toUpperCase()}`)).toEqual(['user.create', 'policy.update']);
    expect(await actions('action=user.')).toEqual(['user.create', 'user.update', 'user.deactivate']);
    expect(await actions('action=user.update,policy.update')).toEqual(['user.update', 'policy.update', 'policy.update']);
    expect(await actions(`target=${demoEmail('drew.hughes')}`)).toEqual(['user.update', 'user.deactivate']);
    expect(await actions(`from=${t0 + 60_000}&to=${t0 + 120_000}`)).toEqual(['policy.update']);
    expect(await actions(`from=${t0 + 120_000}&actor=${OPERATORS.admin}`)).toEqual(['user.update', 'user.deactivate']);
    expect(await actions('actor=MORGAN')).toEqual(['user.create', 'policy.update']);
    expect(await actions('actor=avery.ad')).toEqual(['user.update', 'user.deactivate', 'policy.update']);
    expect(await actions(`actor=${encodeURIComponent('Morgan Lee')}`)).toEqual(['user.create', 'policy.update']);
    expect(await actions('actor=%25')).toEqual([]);
    expect(await actions('target=drew')).toEqual(['user.update', 'user.deactivate']);
  });

  it('exports the filtered log as CSV, oldest first, with formula-looking cells neutralised', async () => {
    const response = await h.app.inject({ method: 'GET', url: `${AUDIT}/export?action=user.`, headers: { authorization: `Bearer ${reader}` } });
    expect(response.statusCode).toBe(200);
    expect(response.headers['content-type']).toContain('text/csv');
    const lines = response.body.trim().split('\r\n');
    expect(lines[0]).toBe('seq,at_utc,company_time_utc,actor_email,actor_id,action,target_email,target_id,before,after,evidence,prev_hash,hash');
    expect(lines.slice(1).map((line) => line.split(',')[5])).toEqual(['user.deactivate', 'user.update', 'user.create']);
    expect(lines[1]).toContain('"{""status"":""active""}"');
    expect(lines[3]).toContain(",'-dash@northwind.example,");
  });

  it('verifies the chain, and names the first entry changed or removed behind its back', async () => {
    const intact = await h.call('GET', `${AUDIT}/verify`, { token: reader });
    expect(intact.body).toEqual({ ok: true, checked: 5, total: 5, brokenAt: null, note: null });

    const target = (await h.call('GET', `${AUDIT}?action=user.deactivate`, { token: reader })).body.entries[0];
    const original = await h.store.db.selectFrom('audit_log').select('after').where('seq', '=', target.seq).executeTakeFirstOrThrow();
    await h.store.write((trx) => sql`update audit_log set after = ${'{"status":"active"}'} where seq = ${target.seq}`.execute(trx));
    const changed = await h.call('GET', `${AUDIT}/verify`, { token: reader });
    expect(changed.body).toMatchObject({ ok: false, checked: 2, total: 5, brokenAt: { seq: target.seq, action: 'user.deactivate', reason: 'content_mismatch' } });
    expect(changed.body.brokenAt.message).toContain('changed after it was written');

    await h.store.write((trx) => sql`update audit_log set after = ${original.after} where seq = ${target.seq}`.execute(trx));
    expect((await h.call('GET', `${AUDIT}/verify`, { token: reader })).body.ok).toBe(true);
    await h.store.write((trx) => sql`delete from audit_log where seq = ${target.seq}`.execute(trx));
    const removed = await h.call('GET', `${AUDIT}/verify`, { token: reader });
    expect(removed.body).toMatchObject({ ok: false, brokenAt: { seq: target.seq + 1, action: 'user.update', reason: 'link_mismatch' } });
  });
});

describe('audit times under a shifted demo clock (R-AUD-1)', () => {
  let h: AdminHarness;
  let admin: string;

  beforeAll(async () => {
    h = await startAdminHarness();
    admin = await h.tokenFor(OPERATORS.admin);
  });
  afterAll(async () => {
    await h.close();
  });

  it('stamps real time, keeps the company time beside it only while shifted, and the chain covers both', async () => {
    const shift = 46 * 86_400_000;
    expect((await h.call('PUT', '/api/v1/demo/clock', { token: admin, body: { offsetMs: shift } })).status).toBe(200);
    h.clock.advance(60_000);
    const realNow = h.clock.now();
    const drew = await h.idOf(demoEmail('drew.hughes'));
    expect((await h.call('PATCH', `/api/v1/admin/users/${drew}`, { token: admin, body: { name: 'Drew H.' } })).status).toBe(200);
    expect((await h.call('PUT', '/api/v1/demo/clock', { token: admin, body: { offsetMs: 0 } })).status).toBe(200);
    expect((await h.call('PATCH', `/api/v1/admin/users/${drew}`, { token: admin, body: { name: 'Drew Hughes' } })).status).toBe(200);

    const entries = (await h.call('GET', `${AUDIT}?limit=10`, { token: admin })).body.entries;
    const [unshifted, shifted] = entries.filter((entry: { action: string }) => entry.action === 'user.update');
    expect(shifted).toMatchObject({ at: realNow, companyAt: realNow + shift });
    expect(unshifted).toMatchObject({ at: realNow, companyAt: null });
    expect((await h.call('GET', `${AUDIT}/verify`, { token: admin })).body.ok).toBe(true);

    const csv = (await h.app.inject({ method: 'GET', url: `${AUDIT}/export?action=user.update`, headers: { authorization: `Bearer ${admin}` } })).body;
    const rows = csv.trim().split('\r\n').slice(1).map((line) => line.split(','));
    expect(rows.map((cells) => [cells[1], cells[2]])).toEqual([
      [new Date(realNow).toISOString(), new Date(realNow + shift).toISOString()],
      [new Date(realNow).toISOString(), ''],
    ]);

    await h.store.write((trx) => sql`update audit_log set company_at = ${realNow} where seq = ${shifted.seq}`.execute(trx));
    expect((await h.call('GET', `${AUDIT}/verify`, { token: admin })).body.brokenAt).toMatchObject({ seq: shifted.seq, reason: 'content_mismatch' });
  });
});
