import { createPinia, setActivePinia } from 'pinia';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import type { EnrollmentReport } from '../../shared/api/routes/admin-report';
import { REVISION_POLL_MS, nextScheduledChange, useDashboardStore } from './dashboard';

const NOW = Date.UTC(2026, 10, 28, 12);

function report(overrides: Partial<EnrollmentReport> = {}): EnrollmentReport {
  return {
    now: NOW,
    policy: { required: true, deadlineDate: '2026-12-15', deadlineZone: 'America/New_York', enforcementAt: NOW + 17 * 86_400_000, enforced: false, allowedMethods: ['totp', 'sms'] },
    counts: { total: 1, byState: { enrolledTotp: 0, enrolledSms: 0, enrolledBoth: 0, notEnrolled: 1, inactive: 0, sso: 0, payments: 0 }, payments: { enrolled: 0, notEnrolled: 0 }, willBeBlocked: 1 },
    willBeBlocked: { total: 1, users: [], truncated: false },
    recentLockouts: [],
    ...overrides,
  };
}

const answers = vi.hoisted(() => ({ revision: 'r1', calls: [] as string[], report: null as unknown, copyTakenAt: null as number | null }));

vi.mock('../bridge', () => ({
  BridgeError: class BridgeError extends Error {},
  invoke: async (channel: string) => {
    answers.calls.push(channel);
    if (channel === 'dashboard:revision') return { revision: answers.revision };
    const freshness = answers.copyTakenAt === null ? { takenAt: Date.now(), fromCopy: false } : { takenAt: answers.copyTakenAt, fromCopy: true };
    if (channel === 'dashboard:overview') return { companyName: 'Acme', mfaRequired: true, deadlineDate: null, deadlineZone: 'UTC', ...freshness };
    return { ...(answers.report as object), ...freshness };
  },
}));

describe('the Dashboard keeps itself current', () => {
  beforeEach(() => {
    setActivePinia(createPinia());
    vi.useFakeTimers({ now: NOW });
    answers.revision = 'r1';
    answers.calls = [];
    answers.report = report();
    answers.copyTakenAt = null;
  });
  afterEach(() => vi.useRealTimers());

  const reports = () => answers.calls.filter((channel) => channel === 'dashboard:report').length;

  it('reloads after a change in main, and not while nothing changed', async () => {
    const dashboard = useDashboardStore();
    await dashboard.start();
    expect(reports()).toBe(1);
    expect(dashboard.asOf).toBe(NOW);

    await vi.advanceTimersByTimeAsync(REVISION_POLL_MS * 3);
    expect(reports()).toBe(1);

    answers.revision = 'r2';
    await vi.advanceTimersByTimeAsync(REVISION_POLL_MS);
    expect(reports()).toBe(2);
    expect(dashboard.asOf).toBe(NOW + REVISION_POLL_MS * 4);

    dashboard.stop();
    answers.revision = 'r3';
    await vi.advanceTimersByTimeAsync(REVISION_POLL_MS * 3);
    expect(reports()).toBe(2);
  });

  it('reloads when a lockout it shows ends, even when nothing else changed', async () => {
    answers.report = report({ recentLockouts: [{ seq: 9, at: NOW - 60_000, userId: 'u1', email: 'a@x', name: 'A', lockedUntil: NOW + 14 * 60_000, stillLocked: true }] });
    const dashboard = useDashboardStore();
    await dashboard.start();
    await vi.advanceTimersByTimeAsync(13 * 60_000);
    expect(reports()).toBe(1);
    await vi.advanceTimersByTimeAsync(2 * 60_000);
    expect(reports()).toBe(2);
    dashboard.stop();
  });

  it('shows the copy as of when the service gave it, with its clock, and waits for the service instead of a lock end', async () => {
    const takenAt = NOW - 3 * 3_600_000;
    answers.copyTakenAt = takenAt;
    answers.report = report({ now: takenAt + 60_000, recentLockouts: [{ seq: 9, at: takenAt, userId: 'u1', email: 'a@x', name: 'A', lockedUntil: takenAt + 15 * 60_000, stillLocked: true }] });
    const dashboard = useDashboardStore();
    await dashboard.start();
    expect([dashboard.asOf, dashboard.fromCopy, dashboard.skewMs]).toEqual([takenAt, true, 60_000]);
    await vi.advanceTimersByTimeAsync(60 * 60_000);
    expect(reports()).toBe(1);
    dashboard.stop();
  });
});

describe('nextScheduledChange', () => {
  it('is the earliest future lock end or the enforcement instant', () => {
    const lockout = { seq: 1, at: NOW, userId: 'u', email: null, name: null, stillLocked: true };
    expect(nextScheduledChange(report())).toBe(NOW + 17 * 86_400_000);
    expect(nextScheduledChange(report({ recentLockouts: [{ ...lockout, lockedUntil: NOW + 60_000 }] }))).toBe(NOW + 60_000);
    expect(nextScheduledChange(report({ recentLockouts: [{ ...lockout, lockedUntil: NOW - 1, stillLocked: false }] }))).toBe(NOW + 17 * 86_400_000);
    const notRequired = report();
    notRequired.policy = { ...notRequired.policy, required: false };
    expect(nextScheduledChange(notRequired)).toBeNull();
  });
});
