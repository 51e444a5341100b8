import { useEffect, useState } from 'react';
import { localDay, localTime, machineTimeZone, zonedInstant } from '../../../../shared/time';

/**
 * The IANA time zone the hours screens show local days and times in: this machine's, read on each
 * call so a laptop that changes zone at a client site shows that zone's days from the next render.
 */
export function viewTimeZone(): string {
  return machineTimeZone();
}

export function todayLocal(): string {
  return localDay(new Date().toISOString(), viewTimeZone());
}

/** Seconds since `startedAt`, re-rendering every second while mounted. */
export function useElapsedSeconds(startedAt: string | undefined): number {
  const [now, setNow] = useState(() => Date.now());
  useEffect(() => {
    if (!startedAt) return;
    const timer = setInterval(() => setNow(Date.now()), 1000);
    return () => clearInterval(timer);
  }, [startedAt]);
  return startedAt ? (now - Date.parse(startedAt)) / 1000 : 0;
}

/** `YYYY-MM-DD` + `HH:MM` in the view's time zone → a UTC instant. */
export function localToInstant(day: string, time: string): string | null {
  return zonedInstant(day, time, viewTimeZone());
}

/** `HH:MM` of an instant in the view's time zone. */
export function instantToLocalTime(iso: string): string {
  return localTime(iso, viewTimeZone());
}

// A local day is a calendar date, not an instant: format it as that date (noon UTC, shown in UTC).
export function formatDayLong(day: string): string {
  return new Date(`${day}T12:00:00Z`).toLocaleDateString('en-AU', {
    timeZone: 'UTC',
    weekday: 'long',
    day: 'numeric',
    month: 'long',
    year: 'numeric',
  });
}

export function formatDayShort(day: string): string {
  return new Date(`${day}T12:00:00Z`).toLocaleDateString('en-AU', { timeZone: 'UTC', weekday: 'short', day: 'numeric', month: 'short' });
}
