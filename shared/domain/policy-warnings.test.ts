import { describe, it, expect } from 'vitest';
import { policyWarnings } from './policy-warnings';

const DAY = 86_400_000;
// 2026-06-05 00:00 in New York (EDT) is 04:00 UTC.
const policy: { required: boolean; deadlineDate: string | null; deadlineZone: string } = {
  required: true,
  deadlineDate: '2026-06-05',
  deadlineZone: 'America/New_York',
};
const INSTANT = Date.UTC(2026, 5, 5, 4);

function codes(now: number, p = policy) {
  return policyWarnings(p, now).map((w) => w.code);
}

describe('policy warnings (R-POL-5)', () => {
  it('says nothing when the deadline is at least 30 days away', () => {
    expect(codes(INSTANT - 30 * DAY)).toEqual([]);
    expect(codes(INSTANT - 90 * DAY)).toEqual([]);
  });

  it('warns when the deadline is less than 30 days away, with the days left', () => {
    const [warning] = policyWarnings(policy, INSTANT - 30 * DAY + 1);
    expect(warning).toMatchObject({ code: 'deadline_soon', daysLeft: 30 });
    expect(warning?.message).toMatch(/Enforcement begins in 30 days.*at least 30 days/);
    expect(policyWarnings(policy, INSTANT - 12 * DAY)[0]).toMatchObject({ code: 'deadline_soon', daysLeft: 12 });
    expect(policyWarnings(policy, INSTANT - 1000)[0]?.message).toMatch(/less than a day/);
    expect(policyWarnings(policy, INSTANT - DAY)[0]?.message).toMatch(/in 1 day\./);
  });

  it('warns when the deadline is in the past or right now', () => {
    expect(codes(INSTANT)).toEqual(['deadline_in_past']);
    const [warning] = policyWarnings(policy, INSTANT + DAY);
    expect(warning?.message).toMatch(/already passed.*Pick a later date/);
  });

  it('reads the date in the deadline zone: Kathmandu midnight comes before New York midnight', () => {
    const kathmandu = { ...policy, deadlineZone: 'Asia/Kathmandu' };
    // 2026-06-05 00:00 in Kathmandu is 2026-06-04 18:15 UTC: at 20:00 UTC it has passed there but not in New York.
    const now = Date.UTC(2026, 5, 4, 20);
    expect(codes(now, kathmandu)).toEqual(['deadline_in_past']);
    expect(codes(now)).toEqual(['deadline_soon']);
  });

  it('warns when MFA is required with no deadline', () => {
    const [warning] = policyWarnings({ ...policy, deadlineDate: null }, INSTANT);
    expect(warning?.code).toBe('required_without_deadline');
    expect(warning?.message).toMatch(/no early enrollment period/);
  });

  it('says when the deadline midnight does not exist in the deadline zone', () => {
    const santiago = { required: true, deadlineDate: '2026-09-06', deadlineZone: 'America/Santiago' };
    const warnings = policyWarnings(santiago, Date.UTC(2026, 0, 1));
    expect(warnings).toEqual([expect.objectContaining({ code: 'deadline_midnight_skipped', localTime: '01:00' })]);
  });

  it('says when the deadline midnight happens twice, and that enforcement begins at the first', () => {
    const havana = { required: true, deadlineDate: '2026-11-01', deadlineZone: 'America/Havana' };
    const warnings = policyWarnings(havana, Date.UTC(2026, 0, 1));
    expect(warnings).toEqual([expect.objectContaining({ code: 'deadline_midnight_repeated' })]);
    expect(warnings[0]?.message).toBe(
      'Midnight occurs twice on 2026-11-01 in America/Havana because clocks go back from 01:00 to 00:00, so enforcement begins at the first midnight.',
    );
  });

  it('does not warn while MFA is off', () => {
    expect(codes(INSTANT + DAY, { ...policy, required: false })).toEqual([]);
    expect(codes(INSTANT, { ...policy, required: false, deadlineDate: null })).toEqual([]);
  });
});
