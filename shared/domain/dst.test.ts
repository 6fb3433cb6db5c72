import { describe, it, expect } from 'vitest';
import { dstChangeNear, isInDst } from './dst';
import { zoneOffsetMinutes } from './time-zone';

function inDstAt(zone: string, at: number): boolean {
  return isInDst(zone, new Date(at).getUTCFullYear(), zoneOffsetMinutes(zone, at));
}

describe('DST in effect', () => {
  it('is summer time in either hemisphere', () => {
    expect(inDstAt('America/New_York', Date.UTC(2026, 6, 1))).toBe(true);
    expect(inDstAt('America/New_York', Date.UTC(2026, 0, 15))).toBe(false);
    expect(inDstAt('Australia/Sydney', Date.UTC(2026, 0, 15))).toBe(true);
    expect(inDstAt('Australia/Sydney', Date.UTC(2026, 6, 1))).toBe(false);
  });

  it('treats Irish summer time as DST although the tz database models winter as the exception', () => {
    expect(inDstAt('Europe/Dublin', Date.UTC(2026, 6, 1))).toBe(true);
    expect(inDstAt('Europe/Dublin', Date.UTC(2026, 0, 15))).toBe(false);
  });

  it('is never DST in zones without it', () => {
    expect(inDstAt('Asia/Kathmandu', Date.UTC(2026, 6, 1))).toBe(false);
    expect(inDstAt('UTC', Date.UTC(2026, 6, 1))).toBe(false);
  });
});

describe('nearest clock change', () => {
  it('finds the UK spring-forward at 01:00 local (01:00 UTC) on 2026-03-29', () => {
    const instant = Date.UTC(2026, 2, 28, 12);
    expect(dstChangeNear('Europe/London', instant, 0)).toEqual({
      at: Date.UTC(2026, 2, 29, 1),
      offsetBefore: '+00:00',
      offsetAfter: '+01:00',
      direction: 'forward',
      localTimeBefore: '01:00',
    });
  });

  it('finds a change that already happened earlier the same day', () => {
    const instant = Date.UTC(2026, 2, 29, 12);
    expect(dstChangeNear('Europe/London', instant, 60)).toMatchObject({ at: Date.UTC(2026, 2, 29, 1), direction: 'forward' });
  });

  it('finds nothing more than a day away, or in zones without DST', () => {
    expect(dstChangeNear('Europe/London', Date.UTC(2026, 2, 27, 0), 0)).toBeNull();
    expect(dstChangeNear('Asia/Tokyo', Date.UTC(2026, 2, 29, 1), 540)).toBeNull();
  });
});
