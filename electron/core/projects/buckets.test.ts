// The zone offsets every local-day figure rests on (offsetSegments, stitched from UTC years found
// once per process) against the plain way, sampling the span itself; and workdays against a count
// day by day.
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { addDays, utcOffsetMinutesAt } from '../../../shared/time';
import { offsetSegments, workdaysIn } from './buckets';

/** The span sampled every 14 days and bisected where two samples differ (the code before the year cache). */
function reference(start: string, until: string, timeZone: string): { offsets: number[]; changes: string[] } {
  const at = (ms: number) => utcOffsetMinutesAt(new Date(ms).toISOString(), timeZone);
  const end = Date.parse(until);
  let ms = Date.parse(start);
  let offset = at(ms);
  const offsets = [offset];
  const changes: string[] = [];
  while (ms < end) {
    const next = Math.min(ms + 14 * 86_400_000, end);
    const nextOffset = at(next);
    if (nextOffset !== offset) {
      let lo = ms;
      let hi = next;
      while (hi - lo > 1) {
        const mid = Math.floor((lo + hi) / 2);
        if (at(mid) === offset) lo = mid;
        else hi = mid;
      }
      changes.push(new Date(hi).toISOString());
      offsets.push(nextOffset);
      offset = nextOffset;
    }
    ms = next;
  }
  return { offsets, changes };
}

// Both hemispheres' daylight saving, half- and quarter-hour offsets (Lord Howe's half-hour saving),
// a day skipped (Apia, end of 2011) and a zone without changes. (No zone has changed at a UTC new
// year since 1971: that case is written for, not tested.)
const ZONES = [
  'Australia/Sydney',
  'Australia/Adelaide',
  'Australia/Lord_Howe',
  'Australia/Brisbane',
  'Asia/Kathmandu',
  'Pacific/Chatham',
  'Pacific/Apia',
  'America/New_York',
  'Europe/London',
  'Europe/Lisbon',
  'UTC',
];

describe('offsetSegments', () => {
  it('equals sampling the span itself, for spans of a day to six years, cut anywhere', () => {
    const instant = fc.integer({ min: Date.UTC(1995, 0, 1), max: Date.UTC(2035, 0, 1) });
    fc.assert(
      fc.property(fc.constantFrom(...ZONES), instant, fc.integer({ min: 1, max: 6 * 366 * 86_400_000 }), (zone, from, length) => {
        const start = new Date(from).toISOString();
        const until = new Date(from + length).toISOString();
        expect(offsetSegments(start, until, zone)).toEqual(reference(start, until, zone));
      }),
      { numRuns: 300 },
    );
  });

  it('counts a change at either end of a span, and spans across a UTC new year, exactly once', () => {
    for (const zone of ZONES) {
      const { changes } = reference('2010-01-01T00:00:00.000Z', '2013-01-01T00:00:00.000Z', zone);
      for (const change of changes) {
        const ms = Date.parse(change);
        for (const [start, until] of [
          [ms - 86_400_000, ms], // ends at the change: counted
          [ms, ms + 86_400_000], // starts at it: already the new offset
          [ms - 1, ms + 1],
        ] as const) {
          const s = new Date(start).toISOString();
          const u = new Date(until).toISOString();
          expect(offsetSegments(s, u, zone), `${zone} ${s}–${u}`).toEqual(reference(s, u, zone));
        }
      }
      for (const year of [2010, 2011, 2012, 2013]) {
        const newYear = Date.UTC(year, 0, 1);
        const s = new Date(newYear - 86_400_000).toISOString();
        const u = new Date(newYear + 86_400_000).toISOString();
        expect(offsetSegments(s, u, zone), `${zone} ${year}`).toEqual(reference(s, u, zone));
      }
    }
    // Apia skipped 30 December 2011: its offset changed by a whole day.
    expect(offsetSegments('2011-12-01T00:00:00.000Z', '2012-01-31T00:00:00.000Z', 'Pacific/Apia').offsets).toEqual([-600, 840]);
  });
});

describe('workdaysIn', () => {
  it('counts Monday to Friday, as a walk day by day does', () => {
    const day = fc.integer({ min: 0, max: 3000 }).map((n) => addDays('2024-01-01', n));
    fc.assert(
      fc.property(day, fc.integer({ min: -3, max: 800 }), (from, length) => {
        const to = addDays(from, length);
        let expected = 0;
        for (let d = from; d <= to; d = addDays(d, 1)) {
          const weekday = new Date(`${d}T00:00:00Z`).getUTCDay();
          if (weekday >= 1 && weekday <= 5) expected += 1;
        }
        expect(workdaysIn(from, to)).toBe(expected);
      }),
      { numRuns: 500 },
    );
  });
});
