import { useEffect, useState } from 'react';
import { localDay, localUtcOffsetMinutes } from '../../../../shared/time';

export const utcOffset = localUtcOffsetMinutes();

export function todayLocal(): string {
  return localDay(new Date().toISOString(), utcOffset);
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

/** `YYYY-MM-DD` + `HH:MM` in this machine's time zone → a UTC instant. */
export function localToInstant(day: string, time: string): string | null {
  const at = new Date(`${day}T${time}:00`);
  return Number.isNaN(at.getTime()) ? null : at.toISOString();
}

export function instantToLocalTime(iso: string): string {
  const at = new Date(iso);
  return `${String(at.getHours()).padStart(2, '0')}:${String(at.getMinutes()).padStart(2, '0')}`;
}

export function formatDayLong(day: string): string {
  return new Date(`${day}T00:00:00`).toLocaleDateString('en-AU', { weekday: 'long', day: 'numeric', month: 'long', year: 'numeric' });
}

export function formatDayShort(day: string): string {
  return new Date(`${day}T00:00:00`).toLocaleDateString('en-AU', { weekday: 'short', day: 'numeric', month: 'short' });
}
