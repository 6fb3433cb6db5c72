/**
 * R-AUD-1's JSON Lines export on both engines: one entry per line with every field (the list's entry shape), oldest
 * first, the same filters as the CSV export; readable by any operator; bad filters get the service's error body.
 */
/* eslint-disable @typescript-eslint/no-explicit-any -- lines are read as loose JSON; each test asserts their shape */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { AuditEntryView } from '../../shared/api/routes/admin-audit';
import { isCsvRecord, readCsv } from '../../shared/domain/csv';
import { testEngines } from '../fixtures/engines';
import { OPERATORS, demoEmail, startAdminHarness, type AdminHarness } from './admin-support';

const AUDIT = '/api/v1/admin/audit';

describe.each(testEngines('audit_jsonl'))('audit log as JSON Lines on $name', (engine) => {
  let h: AdminHarness;
  let admin: string;
  let reader: string;

  const get = (url: string, token: string) => h.app.inject({ method: 'GET', url, headers: { authorization: `Bearer ${token}` } });
  const lines = (text: string) => text.split('\n').filter((line) => line !== '').map((line) => JSON.parse(line) as any);

  beforeAll(async () => {
    h = await startAdminHarness({ store: await engine.open() });
    admin = await h.tokenFor(OPERATORS.admin);
    reader = await h.tokenFor(OPERATORS.reader);
    await h.call('PUT', '/api/v1/admin/policy', { token: admin, body: { version: 1, lockoutMinutes: 20 } });
    h.clock.advance(60_000);
    const drew = await h.idOf(demoEmail('drew.hughes'));
    await h.call('POST', `/api/v1/admin/users/${drew}/deactivate`, { token: admin, body: {} });
    await h.call('PATCH', `/api/v1/admin/users/${drew}`, { token: admin, body: { name: 'Drew "Quote" H., =1+1' } });
  });
  afterAll(async () => {
    await h.close();
    await engine.dispose();
  });

  it('writes one entry per line with every field, oldest first, as the list shows it', async () => {
    const response = await get(`${AUDIT}/export.jsonl`, reader);
    expect(response.statusCode).toBe(200);
    expect(response.headers['content-type']).toMatch(/^application\/jsonl/);
    expect(response.body.endsWith('\n')).toBe(true);
    const exported = lines(response.body);
    for (const entry of exported) {
      expect(Object.keys(entry).sort()).toEqual(Object.keys(AuditEntryView.shape).sort());
      expect(AuditEntryView.safeParse(entry).success).toBe(true);
    }
    const seqs = exported.map((entry) => entry.seq);
    expect(seqs).toEqual([...seqs].sort((a, b) => a - b));
    const listed = (await h.call('GET', `${AUDIT}?limit=1000`, { token: reader })).body.entries;
    expect(exported).toEqual([...listed].reverse());
    const edit = exported.find((entry) => entry.action === 'user.update');
    expect(edit.after).toEqual({ name: 'Drew "Quote" H., =1+1' });
  });

  it('takes the CSV export\'s filters and finds the same entries', async () => {
    for (const query of ['action=user.', 'action=policy.update,user.deactivate', `actor=${encodeURIComponent('avery')}`, 'target=drew', `from=${h.clock.now() - 1}`]) {
      const jsonl = lines((await get(`${AUDIT}/export.jsonl?${query}`, admin)).body);
      const csv = readCsv((await get(`${AUDIT}/export?${query}`, admin)).body).filter(isCsvRecord).slice(1);
      expect(jsonl.length, query).toBeGreaterThan(0);
      expect(jsonl.map((entry) => String(entry.seq)), query).toEqual(csv.map((record) => record.fields[0]));
    }
    expect((await get(`${AUDIT}/export.jsonl?action=mfa.lockout&from=0&to=1`, admin)).body).toBe('');
  });

  it('refuses bad filters and callers without a session with the service\'s error body', async () => {
    const bad = await get(`${AUDIT}/export.jsonl?from=yesterday`, admin);
    expect(bad.statusCode).toBe(400);
    expect(bad.json().error).toMatchObject({ code: 'bad_request', message: expect.stringMatching(/^The query is not valid: from:/) });
    const unknown = await get(`${AUDIT}/export.jsonl?format=csv`, admin);
    expect(unknown.statusCode).toBe(400);
    const anonymous = await h.app.inject({ method: 'GET', url: `${AUDIT}/export.jsonl` });
    expect(anonymous.statusCode).toBe(401);
    expect(anonymous.json().error.code).toBe('unauthorized');
  });
});
