// Instants travel and are stored as UTC ISO-8601 strings (`2026-11-22T08:30:00.000Z`), which
// sort lexically in SQLite. Local days are days of an explicit IANA time zone (`Australia/Sydney`),
// computed per day with Intl, so a day across a daylight-saving change is 23 or 25 hours long and
// the core never depends on the server's or CI's time zone.

export const MINUTES_PER_DAY = 24 * 60;
const DAY_MS = 86_400_000;

export function isoNow(now: Date = new Date()): string {
  return now.toISOString();
}

/** This machine's IANA time zone (the browser's in the renderer), or UTC when it has none. */
export function machineTimeZone(): string {
  return new Intl.DateTimeFormat().resolvedOptions().timeZone || 'UTC';
}

const formatters = new Map<string, Intl.DateTimeFormat>();

function wallFormatter(timeZone: string): Intl.DateTimeFormat {
  let formatter = formatters.get(timeZone);
  if (!formatter) {
    formatter = new Intl.DateTimeFormat('en-US', {
      timeZone,
      hourCycle: 'h23',
      year: 'numeric',
      month: '2-digit',
      day: '2-digit',
      hour: '2-digit',
      minute: '2-digit',
      second: '2-digit',
    });
    formatters.set(timeZone, formatter);
  }
  return formatter;
}

/** True for an IANA time zone name this runtime knows (`Australia/Sydney`, `UTC`); false for offsets such as `+10:00`. */
export function isTimeZone(zone: unknown): zone is string {
  if (typeof zone !== 'string' || !/^[A-Za-z][A-Za-z0-9_+\-/]*$/.test(zone)) return false;
  try {
    wallFormatter(zone);
    return true;
  } catch {
    return false;
  }
}

/** What to tell someone who gave `zone` as a time zone. */
export function timeZoneMessage(zone: string): string {
  return (
    `“${zone}” is not a time zone: give an IANA time zone name such as Australia/Sydney, Australia/Brisbane or UTC ` +
    `(a place, not an offset like +10:00; Intl.supportedValuesOf('timeZone') lists them).`
  );
}

/** The wall clock of an instant in a zone, as the epoch milliseconds of a UTC date with the same fields. */
function wallMs(ms: number, timeZone: string): number {
  const fields: Record<string, number> = {};
  for (const part of wallFormatter(timeZone).formatToParts(ms)) fields[part.type] = Number(part.value);
  const wall = new Date(0);
  wall.setUTCFullYear(fields.year!, fields.month! - 1, fields.day!);
  wall.setUTCHours(fields.hour!, fields.minute!, fields.second!, 0);
  return wall.getTime();
}

/** The zone's offset from UTC at an instant, in milliseconds east of UTC. */
function offsetMs(ms: number, timeZone: string): number {
  return wallMs(ms, timeZone) - (ms - (((ms % 1000) + 1000) % 1000));
}

/** The zone's offset from UTC at an instant, in minutes east of UTC (`+600` for AEST, `+660` for AEDT). */
export function utcOffsetMinutesAt(iso: string, timeZone: string): number {
  return Math.round(offsetMs(Date.parse(iso), timeZone) / 60_000);
}

/**
 * The instant of a wall-clock time in a zone. A time that occurs twice (clocks went back) is the
 * earlier one; a time that does not exist (clocks went forward) is read with the offset from before
 * the change, as a clock not yet put forward would show it (02:30 on that night → 03:30).
 */
function wallToUtcMs(wall: number, timeZone: string): number {
  const before = offsetMs(wall - DAY_MS, timeZone);
  const after = offsetMs(wall + DAY_MS, timeZone);
  // No change of offset around it (all but a few days a year): both candidates are the same instant,
  // and checking it could only return it again.
  if (before === after) return wall - before;
  const exact = [wall - before, wall - after].filter((ms) => wallMs(ms, timeZone) === wall);
  return exact.length > 0 ? Math.min(...exact) : wall - before;
}

/** `YYYY-MM-DD` of an instant as a local day of the zone. */
export function localDay(iso: string, timeZone: string): string {
  return new Date(wallMs(Date.parse(iso), timeZone)).toISOString().slice(0, 10);
}

/** `HH:MM` of an instant on the zone's wall clock. */
export function localTime(iso: string, timeZone: string): string {
  return new Date(wallMs(Date.parse(iso), timeZone)).toISOString().slice(11, 16);
}

/** A local day (`YYYY-MM-DD`) and wall-clock time (`HH:MM`) in the zone → a UTC instant; null when not a date and time. */
export function zonedInstant(day: string, time: string, timeZone: string): string | null {
  if (!/^\d{4}-\d{2}-\d{2}$/.test(day) || !/^\d{2}:\d{2}$/.test(time)) return null;
  const wall = Date.parse(`${day}T${time}:00.000Z`);
  if (Number.isNaN(wall) || new Date(wall).toISOString().slice(0, 16) !== `${day}T${time}`) return null;
  return new Date(wallToUtcMs(wall, timeZone)).toISOString();
}

/** The UTC instant at which a local day (`YYYY-MM-DD`) of the zone starts (its first instant, if midnight was skipped). */
export function dayStartUtc(day: string, timeZone: string): string {
  return new Date(wallToUtcMs(Date.parse(`${day}T00:00:00.000Z`), timeZone)).toISOString();
}

/**
 * `count` local days from `first` and the `count + 1` instants that bound them: day i is
 * [starts[i], starts[i + 1]). Each boundary is computed for its own day, so the days need not be 24 h.
 */
export function localDayRange(first: string, count: number, timeZone: string): { days: string[]; starts: string[] } {
  const days = Array.from({ length: count }, (_, i) => addDays(first, i));
  // As dayStartUtc for each day, which reads the zone's offset a day before and a day after the
  // day's midnight: those are the neighbouring midnights' offsets, read here once per day (a year's
  // range read 1,500 offsets, 15 ms of a dashboard's call).
  const wall0 = Date.parse(`${first}T00:00:00.000Z`);
  const offsets = Array.from({ length: count + 3 }, (_, i) => offsetMs(wall0 + (i - 1) * DAY_MS, timeZone));
  const starts = Array.from({ length: count + 1 }, (_, i) =>
    offsets[i] === offsets[i + 2] ? new Date(wall0 + i * DAY_MS - offsets[i]!).toISOString() : dayStartUtc(addDays(first, i), timeZone),
  );
  return { days, starts };
}

export function addDays(day: string, days: number): string {
  return new Date(Date.parse(`${day}T00:00:00.000Z`) + days * 86_400_000).toISOString().slice(0, 10);
}

/** Monday of the ISO week that contains `day`. */
export function weekStart(day: string): string {
  const weekday = new Date(`${day}T00:00:00.000Z`).getUTCDay(); // 0 = Sunday
  return addDays(day, -((weekday + 6) % 7));
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

/** Beyond this difference, the status screens say the clock is off. */
export const CLOCK_SKEW_NOTICE_MS = 60_000;

/**
 * "This computer's clock is 1 day 2 h ahead of the central database", or null when the difference
 * is under a minute (or was never measured).
 */
export function describeClockSkew(skewMs: number | null): string | null {
  if (skewMs === null || Math.abs(skewMs) < CLOCK_SKEW_NOTICE_MS) return null;
  const minutes = Math.round(Math.abs(skewMs) / 60_000);
  const days = Math.floor(minutes / 1440);
  const hours = Math.floor((minutes % 1440) / 60);
  const mins = minutes % 60;
  const parts = [days ? `${days} day${days === 1 ? '' : 's'}` : '', hours ? `${hours} h` : '', !days && mins ? `${mins} min` : ''].filter(
    Boolean,
  );
  return `This computer’s clock is ${parts.join(' ')} ${skewMs > 0 ? 'ahead of' : 'behind'} the central database. Set it right (edits are still ordered by the central database’s time).`;
}

/** An instant on the zone's clock, as people read it: "Fri, 20 Nov 2026, 9:30 am AEST". */
export function formatInstant(iso: string, timeZone: string): string {
  return new Date(iso).toLocaleString('en-AU', {
    timeZone,
    weekday: 'short',
    day: 'numeric',
    month: 'short',
    year: 'numeric',
    hour: 'numeric',
    minute: '2-digit',
    timeZoneName: 'short',
  });
}
