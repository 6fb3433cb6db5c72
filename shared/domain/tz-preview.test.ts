import { describe, it, expect } from 'vitest';
import { PREVIEW_TIMELINE_HALF_SPAN_MS, describeDayDifference, timeZonePreview } from './tz-preview';
import type { TzPreview, TzPreviewRow } from './tz-preview';

// Expected values are written from the tz database rules, not computed with the code under test.

function ok(preview: TzPreview) {
  if (!preview.ok) throw new Error(preview.message);
  return preview;
}

function row(preview: TzPreview, zone: string): TzPreviewRow {
  const found = ok(preview).rows.find((r) => r.zone === zone);
  if (!found) throw new Error(`no row for ${zone}`);
  return found;
}

const directory = {
  'America/New_York': 12,
  'Asia/Kathmandu': 3,
  'Australia/Lord_Howe': 1,
  'Pacific/Kiritimati': 2,
  'America/St_Johns': 4,
  'Pacific/Auckland': 5,
  'Pacific/Pago_Pago': 1,
};

describe('time-zone preview, deadline on the day DST starts in New York (2026-03-08)', () => {
  const preview = timeZonePreview({ date: '2026-03-08', zone: 'America/New_York', activeUsersByZone: directory });

  it('begins at midnight EST, 05:00 UTC', () => {
    expect(ok(preview).instant).toBe('2026-03-08T05:00:00.000Z');
    expect(ok(preview).midnightSkipped).toBe(false);
    expect(ok(preview).deadlineNote).toBeNull();
  });

  it('shows New York at 00:00 with the spring-forward at 02:00 the same night', () => {
    expect(row(preview, 'America/New_York')).toMatchObject({
      localDate: '2026-03-08',
      localTime: '00:00',
      weekday: 'Sunday',
      utcOffset: '-05:00',
      dayDifference: 0,
      activeUsers: 12,
      isDeadlineZone: true,
      inDst: false,
      dstChange: {
        at: Date.UTC(2026, 2, 8, 7),
        offsetBefore: '-05:00',
        offsetAfter: '-04:00',
        direction: 'forward',
        localTimeBefore: '02:00',
      },
    });
    expect(row(preview, 'America/New_York').notes.join(' ')).toMatch(/Clocks go forward at 02:00.*after enforcement/);
  });

  it('handles the 45-minute zone: Kathmandu +05:45 is 10:45 the same day', () => {
    expect(row(preview, 'Asia/Kathmandu')).toMatchObject({
      localDate: '2026-03-08',
      localTime: '10:45',
      utcOffset: '+05:45',
      dayDifference: 0,
      inDst: false,
      dstChange: null,
      notes: [],
    });
  });

  it('handles half-hour zones: St John\'s -03:30 is 01:30, half an hour before its own spring-forward', () => {
    expect(row(preview, 'America/St_Johns')).toMatchObject({
      localTime: '01:30',
      utcOffset: '-03:30',
      inDst: false,
      dstChange: { at: Date.UTC(2026, 2, 8, 5, 30), offsetAfter: '-02:30', direction: 'forward' },
    });
  });

  it('marks summer time in the southern hemisphere (Lord Howe +11, Auckland +13)', () => {
    expect(row(preview, 'Australia/Lord_Howe')).toMatchObject({ localTime: '16:00', utcOffset: '+11:00', inDst: true });
    expect(row(preview, 'Pacific/Auckland')).toMatchObject({ localTime: '18:00', utcOffset: '+13:00', inDst: true });
    expect(row(preview, 'Pacific/Auckland').notes).toEqual(['Daylight saving time is in effect at that moment.']);
  });

  it('shows zones behind UTC on the previous day', () => {
    expect(row(preview, 'Pacific/Pago_Pago')).toMatchObject({
      localDate: '2026-03-07',
      localTime: '18:00',
      weekday: 'Saturday',
      utcOffset: '-11:00',
      dayDifference: -1,
    });
    expect(row(preview, 'Pacific/Kiritimati')).toMatchObject({ localTime: '19:00', utcOffset: '+14:00', dayDifference: 0 });
  });

  it('sorts rows by local time, earliest first', () => {
    expect(ok(preview).rows.map((r) => r.zone)).toEqual([
      'Pacific/Pago_Pago',
      'America/New_York',
      'America/St_Johns',
      'Asia/Kathmandu',
      'Australia/Lord_Howe',
      'Pacific/Auckland',
      'Pacific/Kiritimati',
    ]);
  });
});

describe('time-zone preview, deadline on the day DST ends in New York (2026-11-01)', () => {
  const preview = timeZonePreview({ date: '2026-11-01', zone: 'America/New_York', activeUsersByZone: directory });

  it('begins at midnight EDT, 04:00 UTC, with the fall-back at 02:00', () => {
    expect(ok(preview).instant).toBe('2026-11-01T04:00:00.000Z');
    expect(row(preview, 'America/New_York')).toMatchObject({
      localTime: '00:00',
      utcOffset: '-04:00',
      inDst: true,
      dstChange: { at: Date.UTC(2026, 10, 1, 6), offsetBefore: '-04:00', offsetAfter: '-05:00', direction: 'back' },
    });
    expect(row(preview, 'America/New_York').notes.join(' ')).toMatch(/Clocks go back at 02:00/);
  });

  it('gives every other zone its own offset on that instant', () => {
    expect(row(preview, 'America/St_Johns')).toMatchObject({ localTime: '01:30', utcOffset: '-02:30', inDst: true });
    expect(row(preview, 'Asia/Kathmandu')).toMatchObject({ localTime: '09:45', utcOffset: '+05:45' });
    expect(row(preview, 'Australia/Lord_Howe')).toMatchObject({ localTime: '15:00', utcOffset: '+11:00', inDst: true });
    expect(row(preview, 'Pacific/Auckland')).toMatchObject({ localTime: '17:00', utcOffset: '+13:00', inDst: true });
    expect(row(preview, 'Pacific/Kiritimati')).toMatchObject({ localTime: '18:00', localDate: '2026-11-01' });
  });
});

describe('time-zone preview across the date line', () => {
  it('puts Kiritimati (+14) on the next day for a Honolulu midnight', () => {
    const preview = timeZonePreview({
      date: '2026-03-08',
      zone: 'Pacific/Honolulu',
      activeUsersByZone: {},
      extraZones: ['Pacific/Kiritimati'],
    });
    expect(ok(preview).instant).toBe('2026-03-08T10:00:00.000Z');
    expect(row(preview, 'Pacific/Kiritimati')).toMatchObject({
      localDate: '2026-03-09',
      localTime: '00:00',
      weekday: 'Monday',
      dayDifference: 1,
      activeUsers: 0,
      addedByAdmin: true,
    });
  });
});

describe('time-zone preview, half-hour DST change in the deadline zone', () => {
  it('notes Lord Howe going back half an hour (+11:00 to +10:30) two hours after its midnight', () => {
    const preview = timeZonePreview({ date: '2026-04-05', zone: 'Australia/Lord_Howe', activeUsersByZone: {} });
    expect(ok(preview).instant).toBe('2026-04-04T13:00:00.000Z');
    expect(row(preview, 'Australia/Lord_Howe')).toMatchObject({
      localTime: '00:00',
      weekday: 'Sunday',
      inDst: true,
      dstChange: {
        at: Date.UTC(2026, 3, 4, 15),
        offsetBefore: '+11:00',
        offsetAfter: '+10:30',
        direction: 'back',
        localTimeBefore: '02:00',
      },
    });
  });
});

describe('time-zone preview when the deadline midnight does not exist', () => {
  it('starts at 01:00 in Santiago on 2026-09-06 and says why', () => {
    const preview = ok(timeZonePreview({ date: '2026-09-06', zone: 'America/Santiago', activeUsersByZone: {} }));
    expect(preview.instant).toBe('2026-09-06T04:00:00.000Z');
    expect(preview.midnightSkipped).toBe(true);
    expect(preview.deadlineNote).toMatch(/Midnight does not exist.*begins at 01:00/);
    expect(row(preview, 'America/Santiago')).toMatchObject({
      localDate: '2026-09-06',
      localTime: '01:00',
      utcOffset: '-03:00',
      inDst: true,
      dstChange: { at: Date.UTC(2026, 8, 6, 4), direction: 'forward', offsetBefore: '-04:00' },
    });
    expect(row(preview, 'America/Santiago').notes.join(' ')).toMatch(/at the moment enforcement begins/);
  });
});

describe('time-zone preview inputs', () => {
  it('always includes the deadline zone and marks zones only the admin added', () => {
    const preview = ok(
      timeZonePreview({
        date: '2026-06-05',
        zone: 'Europe/Paris',
        activeUsersByZone: new Map([['Asia/Tokyo', 2]]),
        extraZones: ['Asia/Tokyo', 'Africa/Lagos'],
      }),
    );
    expect(preview.rows.map((r) => [r.zone, r.activeUsers, r.addedByAdmin, r.isDeadlineZone])).toEqual([
      ['Africa/Lagos', 0, true, false],
      ['Europe/Paris', 0, false, true],
      ['Asia/Tokyo', 2, false, false],
    ]);
  });

  it('lists zone names the tz database does not know instead of failing', () => {
    const preview = ok(
      timeZonePreview({ date: '2026-06-05', zone: 'UTC', activeUsersByZone: { 'Mars/Base': 3, 'Europe/Rome': 1 } }),
    );
    expect(preview.unknownZones).toEqual([{ zone: 'Mars/Base', activeUsers: 3 }]);
    expect(preview.rows.map((r) => r.zone)).toEqual(['UTC', 'Europe/Rome']);
  });

  it('refuses an impossible date or unknown deadline zone', () => {
    expect(timeZonePreview({ date: '2026-02-30', zone: 'UTC', activeUsersByZone: {} })).toMatchObject({
      ok: false,
      reason: 'invalid_date',
    });
    expect(timeZonePreview({ date: '2026-02-20', zone: 'Nope/Zone', activeUsersByZone: {} })).toMatchObject({
      ok: false,
      reason: 'invalid_zone',
    });
  });
});

describe('time-zone preview: repeated midnight, aliases, two-day differences and the timeline days', () => {
  it('starts at the first of two midnights in Havana and says that midnight occurs twice', () => {
    const preview = ok(timeZonePreview({ date: '2026-11-01', zone: 'America/Havana', activeUsersByZone: {} }));
    expect(preview.instant).toBe('2026-11-01T04:00:00.000Z');
    expect(preview.midnightRepeated).toBe(true);
    expect(preview.deadlineNote).toBe(
      'Midnight occurs twice on 2026-11-01 in America/Havana (clocks go back from 01:00 to 00:00), so enforcement begins at the first midnight.',
    );
  });

  it('counts and shows users of an alias zone under the canonical name', () => {
    const preview = ok(
      timeZonePreview({ date: '2026-06-05', zone: 'Europe/Kiev', activeUsersByZone: { 'Asia/Calcutta': 2, 'Asia/Kolkata': 3 }, extraZones: ['America/Godthab', 'Asia/Katmandu'] }),
    );
    expect(preview.zone).toBe('Europe/Kyiv');
    expect(preview.rows.map((r) => r.zone).sort()).toEqual(['America/Nuuk', 'Asia/Kathmandu', 'Asia/Kolkata', 'Europe/Kyiv']);
    expect(row(preview, 'Asia/Kolkata').activeUsers).toBe(5);
    expect(row(preview, 'Europe/Kyiv').isDeadlineZone).toBe(true);
    expect(row(preview, 'Asia/Kathmandu').addedByAdmin).toBe(true);
  });

  it('reads a two-day difference in words: Kiritimati (+14) midnight is 23:00 two days earlier in Pago Pago (-11)', () => {
    const preview = timeZonePreview({ date: '2026-03-08', zone: 'Pacific/Kiritimati', activeUsersByZone: { 'Pacific/Pago_Pago': 1 } });
    expect(row(preview, 'Pacific/Pago_Pago')).toMatchObject({ localDate: '2026-03-06', localTime: '23:00', dayDifference: -2 });
    expect(describeDayDifference(-2)).toBe('2 days earlier');
    expect(describeDayDifference(2)).toBe('2 days later');
    expect(describeDayDifference(-1)).toBe('1 day earlier');
    expect(describeDayDifference(0)).toBe('');
  });

  it('gives each row its local days around the instant, so a band starts exactly at that zone\'s midnight', () => {
    const preview = ok(timeZonePreview({ date: '2026-03-08', zone: 'America/New_York', activeUsersByZone: { 'Asia/Kathmandu': 1 } }));
    expect(preview.timeline).toEqual({ startMs: preview.instantMs - PREVIEW_TIMELINE_HALF_SPAN_MS, endMs: preview.instantMs + PREVIEW_TIMELINE_HALF_SPAN_MS });
    const newYork = row(preview, 'America/New_York');
    const deadlineDay = newYork.days.find((day) => day.date === '2026-03-08');
    // The day DST starts is 23 hours long: midnight EST (05:00 UTC) to midnight EDT (04:00 UTC the next day).
    expect(deadlineDay).toEqual({ date: '2026-03-08', label: 'Sun 8 Mar', startMs: Date.UTC(2026, 2, 8, 5), endMs: Date.UTC(2026, 2, 9, 4) });
    const kathmandu = row(preview, 'Asia/Kathmandu');
    expect(kathmandu.days.map((day) => day.date)).toEqual(['2026-03-07', '2026-03-08', '2026-03-09']);
    expect(kathmandu.days[1]).toMatchObject({ startMs: Date.UTC(2026, 2, 7, 18, 15), endMs: Date.UTC(2026, 2, 8, 18, 15) });
    for (const r of preview.rows) {
      expect(r.days[0]!.startMs).toBeLessThanOrEqual(preview.timeline.startMs);
      expect(r.days.at(-1)!.endMs).toBeGreaterThanOrEqual(preview.timeline.endMs);
      r.days.slice(1).forEach((day, i) => expect(day.startMs).toBe(r.days[i]!.endMs));
    }
  });
});
