/**
 * Admin API: enrollment over time (R-RPT-1, issue 12 item 6) on both engines: the series walks back from the count
 * now through enrollments and resets, in the caller's calendar days, reaches on to the deadline, and refuses bad
 * input with the service's error shape.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { DAY, enrollTotp } from '../fixtures/service-harness';
import { OPERATORS, demoEmail, startAdminHarness, type AdminHarness } from './admin-support';
import { testEngines } from './engines';

const HISTORY = '/api/v1/admin/report/enrollment-history';

describe.each(testEngines('admin-enrollment-history'))('Admin API: enrollment history on $name', (engine) => {
  let h: AdminHarness;
  let reader: string;
  let admin: string;

  beforeAll(async () => {
    h = await startAdminHarness({ store: await engine.open(), enrollments: true });
    reader = await h.tokenFor(OPERATORS.reader);
    admin = await h.tokenFor(OPERATORS.admin);
  });
  afterAll(async () => {
    await h?.close();
    await engine.cleanUp();
  });

  it('counts the users enrolled now on today, the same on the days before, and leaves the days to the deadline empty', async () => {
    const reply = await h.call('GET', `${HISTORY}?days=7`, { token: reader });
    expect(reply.status).toBe(200);
    const history = reply.body;
    expect(history.timeZone).toBe('America/New_York');
    expect(history.enrolledNow).toBeGreaterThan(0);
    expect(history.deadline).toEqual({ required: true, enforcementAt: Date.parse('2026-04-16T04:00:00Z'), localDate: '2026-04-16' });
    expect(history.days[0]).toEqual({ date: '2026-02-24', enrolled: expect.any(Number) });
    const today = history.days.findIndex((day: { date: string }) => day.date === '2026-03-02');
    expect(today).toBe(6);
    expect(history.days[today].enrolled).toBe(history.enrolledNow);
    // The same "enrolled" as the dashboard's counts: a payments person with a method set up is not in it.
    const { byState } = (await h.call('GET', '/api/v1/admin/report/enrollment', { token: reader })).body.counts;
    expect(history.enrolledNow).toBe(byState.enrolledTotp + byState.enrolledSms + byState.enrolledBoth);
    expect(history.days.at(-1)).toEqual({ date: '2026-04-16', enrolled: null });
    expect(history.days.slice(today + 1).every((day: { enrolled: number | null }) => day.enrolled === null)).toBe(true);
  });

  it('follows enrollments and resets day by day, in the caller’s zone', async () => {
    const before = (await h.call('GET', `${HISTORY}?days=7`, { token: reader })).body.enrolledNow;
    await enrollTotp(h, demoEmail('jordan.patel'));
    h.clock.advance(DAY);
    await enrollTotp(h, demoEmail('dana.whitfield'));
    const reset = await h.call('POST', '/api/v1/admin/reset', {
      token: admin,
      body: { email: demoEmail('jordan.patel'), checks: ['callback', 'manager', 'ticket'], values: { ticket: 'HD-12' }, verified: true },
    });
    expect(reset.status).toBe(200);
    const history = (await h.call('GET', `${HISTORY}?days=7&timeZone=America/New_York`, { token: reader })).body;
    const byDate = Object.fromEntries(history.days.map((day: { date: string; enrolled: number | null }) => [day.date, day.enrolled]));
    expect(byDate).toMatchObject({ '2026-03-01': before, '2026-03-02': before + 1, '2026-03-03': before + 1 });
    expect(history.enrolledNow).toBe(before + 1);

    // Jordan enrolled at 15:00 UTC on the 2nd: 10:00 that day in New York, already 05:00 on the 3rd at UTC+14.
    const kiritimati = (await h.call('GET', `${HISTORY}?days=7&timeZone=Pacific/Kiritimati`, { token: reader })).body;
    const kiByDate = Object.fromEntries(kiritimati.days.map((day: { date: string; enrolled: number | null }) => [day.date, day.enrolled]));
    expect(kiByDate).toMatchObject({ '2026-03-02': before, '2026-03-03': before + 1, '2026-03-04': before + 1 });
    const calcutta = (await h.call('GET', `${HISTORY}?days=7&timeZone=Asia/Calcutta`, { token: reader })).body;
    expect(calcutta.timeZone).toBe('Asia/Kolkata');
  });

  it('refuses bad input in the service’s error shape, and strangers', async () => {
    const short = await h.call('GET', `${HISTORY}?days=3`, { token: reader });
    expect(short.status).toBe(400);
    expect(short.body.error).toMatchObject({ code: 'bad_request', message: expect.stringContaining('at least 7 days') });
    const zone = await h.call('GET', `${HISTORY}?timeZone=Mars/Olympus`, { token: reader });
    expect(zone.status).toBe(400);
    expect(zone.body.error.message).toContain('IANA');
    const extra = await h.call('GET', `${HISTORY}?since=1`, { token: reader });
    expect(extra.status).toBe(400);
    expect((await h.call('GET', HISTORY)).status).toBe(401);
  });
});
