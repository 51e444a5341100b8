import { describe, expect, it } from 'vitest';
import { formatClock, formatDayLong, formatWallClock, localeUses12Hour, parseClock, parseDuration, resolveHour12 } from './display-format';

describe('clock times', () => {
  it('reads what people type', () => {
    expect(parseClock('9')).toBe('09:00');
    expect(parseClock('930')).toBe('09:30');
    expect(parseClock('0930')).toBe('09:30');
    expect(parseClock('9:30')).toBe('09:30');
    expect(parseClock('9.30')).toBe('09:30');
    expect(parseClock('9:30pm')).toBe('21:30');
    expect(parseClock('9:30 p.m.')).toBe('21:30');
    expect(parseClock('12am')).toBe('00:00');
    expect(parseClock('12:15 PM')).toBe('12:15');
    expect(parseClock('00:03')).toBe('00:03');
    expect(parseClock('23:59')).toBe('23:59');
  });

  it('refuses what is not a time', () => {
    for (const bad of ['', '24:00', '9:60', '13pm', '0am', 'noon', '9:3', '1:30:00']) expect(parseClock(bad)).toBeNull();
  });

  it('writes one style: 24-hour or 12-hour, as chosen', () => {
    expect(formatWallClock('09:05', { hour12: false, locale: 'en-AU' })).toBe('09:05');
    expect(formatWallClock('21:05', { hour12: true, locale: 'en-AU' }).replace(/\s/g, ' ')).toMatch(/^9:05 pm$/i);
    expect(formatWallClock('00:03', { hour12: false, locale: 'en-US' })).toBe('00:03');
  });

  it('takes the automatic style from the locale', () => {
    expect(localeUses12Hour('en-US')).toBe(true);
    expect(localeUses12Hour('en-GB')).toBe(false);
    expect(localeUses12Hour('de-DE')).toBe(false);
    expect(resolveHour12('24h', 'en-US')).toBe(false);
    expect(resolveHour12('12h', 'de-DE')).toBe(true);
  });

  it('shows an instant in the workspace zone, whatever the machine zone (TZ)', () => {
    // 2026-11-27 22:19 UTC is 08:19 on the 28th in Brisbane and 09:19 in Sydney (daylight time).
    expect(formatClock('2026-11-27T22:19:00Z', { timeZone: 'Australia/Brisbane', hour12: false })).toBe('08:19');
    expect(formatClock('2026-11-27T22:19:00Z', { timeZone: 'Australia/Sydney', hour12: false })).toBe('09:19');
    expect(formatClock('2026-11-27T22:19:00Z', { timeZone: 'UTC', hour12: false })).toBe('22:19');
  });
});

describe('durations', () => {
  it.each([
    ['1:30', 90],
    ['90m', 90],
    ['90 min', 90],
    ['1h30', 90],
    ['1h 30m', 90],
    ['1.5h', 90],
    ['1.5', 90],
    ['2', 120],
    ['45', 45],
    ['0:05', 5],
  ])('reads %s as %i minutes', (text, minutes) => expect(parseDuration(text)).toBe(minutes));

  it('refuses what is not a duration', () => {
    for (const bad of ['', 'abc', '1:75', '-30', 'h', '12.5']) expect(parseDuration(bad)).toBeNull();
  });
});

describe('days', () => {
  it('writes a calendar day as that day in every zone', () => {
    expect(formatDayLong('2026-11-27', 'en-AU')).toMatch(/Friday,? 27 November 2026/);
  });
});
