// Instants travel and are stored as UTC ISO-8601 strings (`2026-11-22T08:30:00.000Z`), which
// sort lexically in SQLite. Local days are computed with an explicit UTC offset so the core never
// depends on the server's or CI's time zone.

export const MINUTES_PER_DAY = 24 * 60;

export function isoNow(now: Date = new Date()): string {
  return now.toISOString();
}

/** `YYYY-MM-DD` of an instant as seen at a UTC offset (minutes east of UTC). */
export function localDay(iso: string, utcOffsetMinutes: number): string {
  return new Date(Date.parse(iso) + utcOffsetMinutes * 60_000).toISOString().slice(0, 10);
}

/** The UTC instant at which a local day (`YYYY-MM-DD`) starts at the given offset. */
export function dayStartUtc(day: string, utcOffsetMinutes: number): string {
  return new Date(Date.parse(`${day}T00:00:00.000Z`) - utcOffsetMinutes * 60_000).toISOString();
}

export function addDays(day: string, days: number): string {
  return new Date(Date.parse(`${day}T00:00:00.000Z`) + days * 86_400_000).toISOString().slice(0, 10);
}

/** Monday of the ISO week that contains `day`. */
export function weekStart(day: string): string {
  const weekday = new Date(`${day}T00:00:00.000Z`).getUTCDay(); // 0 = Sunday
  return addDays(day, -((weekday + 6) % 7));
}

/** The offset of this machine's time zone, in minutes east of UTC. */
export function localUtcOffsetMinutes(at: Date = new Date()): number {
  return -at.getTimezoneOffset();
}

export function formatMinutes(minutes: number): string {
  const sign = minutes < 0 ? '-' : '';
  const abs = Math.abs(minutes);
  return `${sign}${Math.floor(abs / 60)}:${String(abs % 60).padStart(2, '0')}`;
}

export function formatElapsed(seconds: number): string {
  const s = Math.max(0, Math.floor(seconds));
  const hh = Math.floor(s / 3600);
  const mm = Math.floor((s % 3600) / 60);
  const ss = s % 60;
  return `${hh}:${String(mm).padStart(2, '0')}:${String(ss).padStart(2, '0')}`;
}
