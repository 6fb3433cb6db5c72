import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { DAY } from '../fixtures/service-harness';
import { OPERATORS, demoEmail, startAdminHarness, type AdminHarness } from './admin-support';

describe('Admin API: MFA policy (R-POL-1..5)', () => {
  let h: AdminHarness;
  let admin: string;
  let reader: string;
  let directoryAdminOnly: string;

  beforeAll(async () => {
    h = await startAdminHarness();
    admin = await h.tokenFor(OPERATORS.admin);
    reader = await h.tokenFor(OPERATORS.reader);
    await h.grant(demoEmail('jordan.patel'), 'standard', 'admin');
    directoryAdminOnly = await h.tokenFor(demoEmail('jordan.patel'));
  });
  afterAll(async () => {
    await h.close();
  });

  it('shows the policy with its enforcement instant to a read-only operator', async () => {
    const reply = await h.call('GET', '/api/v1/admin/policy', { token: reader });
    expect(reply.status).toBe(200);
    expect(reply.body).toMatchObject({
      required: true,
      deadlineDate: '2026-04-16',
      deadlineZone: 'America/New_York',
      version: 1,
      enforcementAt: Date.parse('2026-04-16T04:00:00Z'),
      enforced: false,
      warnings: [],
    });
  });

  it('refuses anyone without the Admin permission on both tools (R-POL-1)', async () => {
    for (const token of [reader, directoryAdminOnly]) {
      const reply = await h.call('PUT', '/api/v1/admin/policy', { token, body: { version: 1, lockoutThreshold: 6 } });
      expect(reply.status).toBe(403);
      expect(reply.body.error.message).toContain('Admin permission on both the Company Admin and Directory tools');
    }
  });

  it('refuses invalid settings in plain words and an unknown setting', async () => {
    const tooMany = await h.call('PUT', '/api/v1/admin/policy', { token: admin, body: { version: 1, lockoutThreshold: 101 } });
    expect(tooMany.status).toBe(400);
    expect(tooMany.body.error.message).toContain('more than 100 is never allowed');
    const noApp = await h.call('PUT', '/api/v1/admin/policy', { token: admin, body: { version: 1, allowedMethods: ['sms'] } });
    expect(noApp.body.error.message).toContain('authenticator app is always allowed');
    const badDate = await h.call('PUT', '/api/v1/admin/policy', { token: admin, body: { version: 1, deadlineDate: '2026-02-30' } });
    expect(badDate.body.error.message).toContain('real calendar date');
    const unknown = await h.call('PUT', '/api/v1/admin/policy', { token: admin, body: { version: 1, color: 'red' } });
    expect(unknown.status).toBe(400);
  });

  it('saves a change, bumps the version and audits before/after; a stale version gets 409', async () => {
    const saved = await h.call('PUT', '/api/v1/admin/policy', {
      token: admin,
      body: { version: 1, deadlineDate: '2026-03-20', smsCodeTtlMinutes: 15 },
    });
    expect(saved.status).toBe(200);
    expect(saved.body.changed.sort()).toEqual(['deadlineDate', 'smsCodeTtlMinutes']);
    expect(saved.body.policy).toMatchObject({ version: 2, deadlineDate: '2026-03-20', smsCodeTtlMinutes: 15, updatedByEmail: OPERATORS.admin });
    expect(saved.body.policy.warnings.map((warning: { code: string }) => warning.code)).toEqual(['deadline_soon']);

    const stale = await h.call('PUT', '/api/v1/admin/policy', { token: admin, body: { version: 1, lockoutMinutes: 30 } });
    expect(stale.status).toBe(409);
    expect(stale.body.error.message).toContain('Someone else changed the MFA policy');
    expect(stale.body.error.details).toEqual({ currentVersion: 2 });

    const audit = await h.call('GET', '/api/v1/admin/audit?action=policy.update', { token: admin });
    expect(audit.body.entries[0]).toMatchObject({
      actorEmail: OPERATORS.admin,
      before: { deadlineDate: '2026-04-16', smsCodeTtlMinutes: 10 },
      after: { deadlineDate: '2026-03-20', smsCodeTtlMinutes: 15 },
      evidence: { version: { from: 1, to: 2 }, warnings: ['deadline_soon'] },
    });
  });

  it('keeps the version when nothing changes', async () => {
    const current = await h.call('GET', '/api/v1/admin/policy', { token: admin });
    const same = await h.call('PUT', '/api/v1/admin/policy', { token: admin, body: { version: current.body.version, smsCodeTtlMinutes: current.body.smsCodeTtlMinutes } });
    expect(same.body).toMatchObject({ changed: [], policy: { version: current.body.version } });
  });

  it('lists the history of changes newest first, with paging', async () => {
    const v = (await h.call('GET', '/api/v1/admin/policy', { token: admin })).body.version as number;
    await h.call('PUT', '/api/v1/admin/policy', { token: admin, body: { version: v, sessionIdleMinutes: 60 } });
    const first = await h.call('GET', '/api/v1/admin/policy/history?limit=1', { token: reader });
    expect(first.body.entries).toEqual([expect.objectContaining({ changed: ['sessionIdleMinutes'], before: { sessionIdleMinutes: null }, after: { sessionIdleMinutes: 60 } })]);
    const second = await h.call('GET', `/api/v1/admin/policy/history?limit=1&cursor=${first.body.nextCursor}`, { token: reader });
    expect(second.body.entries[0].changed.sort()).toEqual(['deadlineDate', 'smsCodeTtlMinutes']);
  });

  it('previews when enforcement begins in every directory zone, with active users and added zones (R-POL-4)', async () => {
    const reply = await h.call('GET', '/api/v1/admin/policy/preview?date=2026-03-08&zone=America/New_York&extraZones=Asia/Tokyo,Antarctica/Troll', { token: reader });
    expect(reply.status).toBe(200);
    const body = reply.body;
    expect(body.instant).toBe('2026-03-08T05:00:00.000Z');
    const byZone = new Map(body.rows.map((row: { zone: string }) => [row.zone, row]));
    expect(byZone.get('America/New_York')).toMatchObject({ localDate: '2026-03-08', localTime: '00:00', isDeadlineZone: true, activeUsers: 2 });
    expect(byZone.get('Asia/Kathmandu')).toMatchObject({ localDate: '2026-03-08', localTime: '10:45', utcOffset: '+05:45', activeUsers: 1 });
    expect(byZone.get('Pacific/Kiritimati')).toMatchObject({ localDate: '2026-03-08', localTime: '19:00', activeUsers: 1 });
    expect(byZone.get('America/Los_Angeles')).toMatchObject({ localDate: '2026-03-07', localTime: '21:00', dayDifference: -1 });
    expect(byZone.get('Antarctica/Troll')).toMatchObject({ addedByAdmin: true, activeUsers: 0 });
    expect(byZone.has('Europe/Berlin')).toBe(true);
    expect(body.totalActiveUsers).toBe(35);
    expect(body.warnings.map((warning: { code: string }) => warning.code)).toEqual(['deadline_soon']);
  });

  it('counts only active users in the preview and warns about a past deadline (R-POL-5)', async () => {
    const reply = await h.call('GET', `/api/v1/admin/policy/preview?date=2026-01-05&zone=Europe/Berlin`, { token: reader });
    const berlin = reply.body.rows.find((row: { zone: string }) => row.zone === 'Europe/Berlin');
    expect(berlin.activeUsers).toBe(2);
    expect(reply.body.warnings.map((warning: { code: string }) => warning.code)).toEqual(['deadline_in_past']);
    const off = await h.call('GET', `/api/v1/admin/policy/preview?date=2026-01-05&zone=Europe/Berlin&required=false`, { token: reader });
    expect(off.body.warnings).toEqual([]);
  });

  it('refuses a preview for an unknown zone or an impossible date in plain words', async () => {
    const zone = await h.call('GET', '/api/v1/admin/policy/preview?date=2026-03-08&zone=Mars/Olympus', { token: reader });
    expect(zone.status).toBe(400);
    expect(zone.body.error.message).toContain('time zone');
    const date = await h.call('GET', '/api/v1/admin/policy/preview?date=2026-13-01&zone=UTC', { token: reader });
    expect(date.status).toBe(400);
  });

  it('reads enforcement at the demo company’s simulated time', async () => {
    h.clock.advance(30 * DAY);
    const reply = await h.call('GET', '/api/v1/admin/policy', { token: reader });
    expect(reply.body.enforced).toBe(true);
    h.clock.advance(-30 * DAY);
  });
});
