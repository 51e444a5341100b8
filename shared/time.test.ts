// Local days of an IANA zone, independent of the zone the test process runs in (run these under
// TZ=UTC, Australia/Sydney, America/New_York, Asia/Kolkata: they pass the same).
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
