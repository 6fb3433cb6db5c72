import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { enrollTotp, signInOk } from '../fixtures/service-harness';
import { OPERATORS, demoEmail, startAdminHarness, type AdminHarness } from './admin-support';

const REPORT = '/api/v1/admin/report/enrollment';

describe('Admin API: enrollment report (R-RPT-1)', () => {
  let h: AdminHarness;
  let reader: string;
  const jordan = demoEmail('jordan.patel');

  beforeAll(async () => {
    h = await startAdminHarness();
    reader = await h.tokenFor(OPERATORS.reader);
  });
  afterAll(async () => {
    await h.close();
  });

  it('counts every user in exactly one state, with the deadline instant', async () => {
    const report = (await h.call('GET', REPORT, { token: reader })).body;
    expect(report.policy).toMatchObject({ required: true, deadlineDate: '2026-04-16', enforcementAt: Date.parse('2026-04-16T04:00:00Z'), enforced: false });
    expect(report.counts).toEqual({
      total: 37,
      byState: { enrolledTotp: 0, enrolledSms: 0, enrolledBoth: 0, notEnrolled: 30, inactive: 2, sso: 2, payments: 3 },
      payments: { enrolled: 0, notEnrolled: 3 },
      willBeBlocked: 33,
    });
  });

  it('moves an enrolled user out of the blocked list', async () => {
    await enrollTotp(h, jordan);
    await enrollTotp(h, demoEmail('pat.okafor'));
    const report = (await h.call('GET', REPORT, { token: reader })).body;
    expect(report.counts.byState).toMatchObject({ enrolledTotp: 1, notEnrolled: 29, payments: 3 });
    expect(report.counts.payments).toEqual({ enrolled: 1, notEnrolled: 2 });
    expect(report.willBeBlocked.total).toBe(31);
    const blocked = report.willBeBlocked.users.map((user: { email: string }) => user.email);
    expect(blocked).not.toContain(jordan);
    expect(blocked).not.toContain('sam.rivera@sso.northwind.example');
    expect(blocked).not.toContain(demoEmail('taylor.brooks'));
    expect(blocked).toContain(demoEmail('quinn.delgado'));
    const limited = (await h.call('GET', `${REPORT}?blockedLimit=5`, { token: reader })).body.willBeBlocked;
    expect(limited).toMatchObject({ total: 31, truncated: true });
    expect(limited.users).toHaveLength(5);
  });

  it('lists recent lockouts, newest first, with whether they still hold', async () => {
    const { token } = await signInOk(h, jordan);
    for (let attempt = 0; attempt < 5; attempt += 1) {
      await h.call('POST', '/api/v1/auth/challenge', { token, body: { method: 'totp', code: '000000' } });
    }
    const report = (await h.call('GET', REPORT, { token: reader })).body;
    expect(report.recentLockouts).toEqual([
      expect.objectContaining({ email: jordan, name: 'Jordan Patel', stillLocked: true, lockedUntil: h.clock.now() + 15 * 60_000 }),
    ]);
    h.clock.advance(16 * 60_000);
    const later = (await h.call('GET', REPORT, { token: reader })).body;
    expect(later.recentLockouts[0]).toMatchObject({ stillLocked: false, lockedUntil: null });
  });
});
