// Local days of an IANA zone, independent of the zone the test process runs in (run these under
// TZ=UTC, Australia/Sydney, America/New_York, Asia/Kolkata: they pass the same).
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import {
  addDays,
  dayStartUtc,
  isTimeZone,
  localDay,
  localDayRange,
  localTime,
  timeZoneMessage,
  utcOffsetMinutesAt,
  zonedInstant,
} from './time';

const SYDNEY = 'Australia/Sydney';
const BRISBANE = 'Australia/Brisbane';

function hoursLong(day: string, zone: string): number {
  return (Date.parse(dayStartUtc(addDays(day, 1), zone)) - Date.parse(dayStartUtc(day, zone))) / 3_600_000;
}

describe('local days of a zone', () => {
  it.each([
    // day, its start in UTC, hours long
    ['2025-07-13', '2025-07-12T14:00:00.000Z', 24], // a winter Sunday, AEST +10
    ['2026-01-18', '2026-01-17T13:00:00.000Z', 24], // a summer Sunday, AEDT +11
    ['2025-04-06', '2025-04-05T13:00:00.000Z', 25], // first Sunday of April: 03:00 AEDT → 02:00 AEST
    ['2025-04-07', '2025-04-06T14:00:00.000Z', 24],
    ['2025-10-05', '2025-10-04T14:00:00.000Z', 23], // first Sunday of October: 02:00 AEST → 03:00 AEDT
    ['2025-10-06', '2025-10-05T13:00:00.000Z', 24],
  ])('Sydney %s starts at %s and is %i hours long', (day, start, hours) => {
    expect(dayStartUtc(day, SYDNEY)).toBe(start);
    expect(hoursLong(day, SYDNEY)).toBe(hours);
    expect(localDay(start, SYDNEY)).toBe(day);
    expect(localDay(new Date(Date.parse(start) - 1).toISOString(), SYDNEY)).toBe(addDays(day, -1));
  });

  it('Brisbane keeps +10 and 24-hour days all year', () => {
    for (const day of ['2025-04-06', '2025-07-13', '2025-10-05', '2026-01-18']) {
      expect(dayStartUtc(day, BRISBANE)).toBe(`${addDays(day, -1)}T14:00:00.000Z`);
      expect(hoursLong(day, BRISBANE)).toBe(24);
    }
    expect(utcOffsetMinutesAt('2026-01-18T12:30:00Z', BRISBANE)).toBe(600);
    expect(utcOffsetMinutesAt('2026-01-18T12:30:00Z', SYDNEY)).toBe(660);
  });

  it('a Sunday evening is Sunday in winter and in summer', () => {
    expect(localDay('2025-07-13T13:30:00Z', SYDNEY)).toBe('2025-07-13'); // 23:30 AEST
    expect(localDay('2026-01-18T12:30:00Z', SYDNEY)).toBe('2026-01-18'); // 23:30 AEDT
    expect(localDay('2026-01-18T13:30:00Z', SYDNEY)).toBe('2026-01-19'); // 00:30 AEDT Monday…
    expect(localDay('2026-01-18T13:30:00Z', BRISBANE)).toBe('2026-01-18'); // …is 23:30 Sunday in Brisbane
    expect(localTime('2026-01-18T13:30:00Z', BRISBANE)).toBe('23:30');
  });

  it('the days of a range are contiguous and each as long as the zone makes it', () => {
    const { days, starts } = localDayRange('2025-09-29', 7, SYDNEY);
    expect(days).toEqual(['2025-09-29', '2025-09-30', '2025-10-01', '2025-10-02', '2025-10-03', '2025-10-04', '2025-10-05']);
    expect(starts).toHaveLength(8);
    const lengths = starts.slice(1).map((s, i) => (Date.parse(s) - Date.parse(starts[i]!)) / 3_600_000);
    expect(lengths).toEqual([24, 24, 24, 24, 24, 24, 23]);
    expect(starts[7]).toBe('2025-10-05T13:00:00.000Z');
  });

  it('a day whose midnight was skipped starts at its first instant', () => {
    // São Paulo put its clocks forward at midnight on 4 November 2018: the day began at 01:00 (-02).
    expect(dayStartUtc('2018-11-04', 'America/Sao_Paulo')).toBe('2018-11-04T03:00:00.000Z');
    expect(hoursLong('2018-11-04', 'America/Sao_Paulo')).toBe(23);
  });
});

describe('local date and time to an instant', () => {
  it.each([
    ['2025-07-13', '23:30', SYDNEY, '2025-07-13T13:30:00.000Z'],
    ['2026-01-18', '23:30', SYDNEY, '2026-01-18T12:30:00.000Z'],
    ['2026-01-18', '23:30', BRISBANE, '2026-01-18T13:30:00.000Z'],
    ['2025-04-06', '02:30', SYDNEY, '2025-04-05T15:30:00.000Z'], // twice that night: the first (AEDT)
    ['2025-04-06', '03:30', SYDNEY, '2025-04-05T17:30:00.000Z'],
    ['2025-10-05', '02:30', SYDNEY, '2025-10-04T16:30:00.000Z'], // skipped: read as 03:30 AEDT
    ['2025-10-05', '03:30', SYDNEY, '2025-10-04T16:30:00.000Z'],
    ['2026-11-20', '09:00', 'UTC', '2026-11-20T09:00:00.000Z'],
    ['2026-03-08', '12:00', 'America/New_York', '2026-03-08T16:00:00.000Z'],
  ])('%s %s in %s is %s', (day, time, zone, instant) => {
    expect(zonedInstant(day, time, zone)).toBe(instant);
  });

  it('round-trips every quarter hour of a year in Sydney, except the repeated hour', () => {
    const start = Date.parse('2025-01-01T00:00:00Z');
    for (let ms = start; ms < start + 366 * 86_400_000; ms += 15 * 60_000) {
      const iso = new Date(ms).toISOString();
      const back = zonedInstant(localDay(iso, SYDNEY), localTime(iso, SYDNEY), SYDNEY);
      if (back !== iso) expect(Date.parse(iso) - Date.parse(back!)).toBe(3_600_000); // the second 02:xx of 6 April
    }
  });

  it('refuses what is not a date and a time', () => {
    expect(zonedInstant('2025-02-30', '09:00', SYDNEY)).toBeNull();
    expect(zonedInstant('2025-02-03', '25:00', SYDNEY)).toBeNull();
    expect(zonedInstant('3 Feb', '09:00', SYDNEY)).toBeNull();
  });
});

describe('time zone names', () => {
  it('accepts IANA names and refuses offsets and unknown names', () => {
    for (const zone of [SYDNEY, BRISBANE, 'UTC', 'America/New_York', 'Asia/Kolkata']) expect(isTimeZone(zone)).toBe(true);
    for (const zone of ['+10:00', '600', 'Mars/Olympus', '', 'Australia/Sydney; drop']) expect(isTimeZone(zone)).toBe(false);
    expect(isTimeZone(600)).toBe(false);
    expect(timeZoneMessage('Mars/Olympus')).toMatch(/Mars\/Olympus.*IANA time zone name such as Australia\/Sydney/);
  });
});

/** The first instant of a local day as dayStartUtc computed it before its shortcuts: every offset checked. */
function referenceDayStart(day: string, zone: string): string {
  const format = new Intl.DateTimeFormat('en-US', {
    timeZone: zone,
    hourCycle: 'h23',
    year: 'numeric',
    month: '2-digit',
    day: '2-digit',
    hour: '2-digit',
    minute: '2-digit',
    second: '2-digit',
  });
  const wallOf = (ms: number) => {
    const f: Record<string, number> = {};
    for (const part of format.formatToParts(ms)) f[part.type] = Number(part.value);
    return Date.UTC(f.year!, f.month! - 1, f.day!, f.hour!, f.minute!, f.second!);
  };
  const offset = (ms: number) => wallOf(ms) - (ms - (((ms % 1000) + 1000) % 1000));
  const wall = Date.parse(`${day}T00:00:00.000Z`);
  const before = offset(wall - 86_400_000);
  const after = offset(wall + 86_400_000);
  const exact = [wall - before, wall - after].filter((ms) => wallOf(ms) === wall);
  return new Date(exact.length > 0 ? Math.min(...exact) : wall - before).toISOString();
}

describe('local day boundaries, against every offset checked', () => {
  // Zones with DST at 02:00 and 03:00, at midnight (São Paulo, Havana, Beirut), half an hour
  // (Lord Howe), none (Brisbane, Kolkata), and a skipped day (Apia, 30 December 2011).
  const zones = [
    SYDNEY,
    BRISBANE,
    'Australia/Lord_Howe',
    'America/Sao_Paulo',
    'America/Havana',
    'Asia/Beirut',
    'Pacific/Apia',
    'Europe/London',
    'America/New_York',
    'Asia/Kolkata',
    'UTC',
  ];

  it('a range of days starts each day where dayStartUtc and the reference start it', () => {
    for (const zone of zones) {
      for (const first of ['2011-12-01', '2018-10-20', '2019-02-10', '2025-09-20', '2026-03-25', '2026-10-01']) {
        const { days, starts } = localDayRange(first, 60, zone);
        const reference = [...days, addDays(first, 60)].map((day) => referenceDayStart(day, zone));
        expect({ zone, first, starts }).toEqual({ zone, first, starts: reference });
        expect(days.map((day) => dayStartUtc(day, zone))).toEqual(reference.slice(0, -1));
      }
    }
  });

  it('random ranges in random zones agree with the reference', () => {
    fc.assert(
      fc.property(
        fc.constantFrom(...zones),
        fc.integer({ min: Date.UTC(1971, 0, 1) / 86_400_000, max: Date.UTC(2099, 0, 1) / 86_400_000 }),
        fc.integer({ min: 1, max: 400 }),
        (zone, epochDay, count) => {
          const first = new Date(epochDay * 86_400_000).toISOString().slice(0, 10);
          const { starts } = localDayRange(first, count, zone);
          expect(starts).toEqual(Array.from({ length: count + 1 }, (_, i) => referenceDayStart(addDays(first, i), zone)));
        },
      ),
      { numRuns: 60 },
    );
  });
});
