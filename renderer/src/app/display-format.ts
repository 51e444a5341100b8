// How the app writes days and clock times: one format for each, from the machine's locale (Intl),
// in the workspace's time zone, with the user's 24-hour/12-hour choice. Pure, so every zone and
// locale can be tested.
import type { TimeFormat } from '../../../shared/domain';
import { localTime } from '../../../shared/time';

export interface DisplayPrefs {
  /** IANA zone days and times are shown in (the workspace's). */
  timeZone: string;
  /** true: 12-hour clock (9:05 am); false: 24-hour (09:05). */
  hour12: boolean;
  /** BCP 47 locale; undefined: the machine's. */
  locale?: string;
}

/** Whether the locale writes clock times in 12-hour style (en-US, en-AU) or 24-hour (en-GB, de). */
export function localeUses12Hour(locale?: string): boolean {
  const cycle = new Intl.DateTimeFormat(locale, { hour: 'numeric' }).resolvedOptions().hourCycle;
  return cycle === 'h11' || cycle === 'h12';
}

export function resolveHour12(format: TimeFormat, locale?: string): boolean {
  return format === 'auto' ? localeUses12Hour(locale) : format === '12h';
}

const formatters = new Map<string, Intl.DateTimeFormat>();
function formatter(locale: string | undefined, options: Intl.DateTimeFormatOptions): Intl.DateTimeFormat {
  const key = `${locale ?? ''}|${JSON.stringify(options)}`;
  let f = formatters.get(key);
  if (!f) formatters.set(key, (f = new Intl.DateTimeFormat(locale, options)));
  return f;
}

/** A clock time of an instant: `09:05` or `9:05 am`. */
export function formatClock(iso: string, prefs: DisplayPrefs): string {
  return formatWallClock(localTime(iso, prefs.timeZone), prefs);
}

/** A wall-clock `HH:MM` written in the chosen style. */
export function formatWallClock(hhmm: string, prefs: Pick<DisplayPrefs, 'hour12' | 'locale'>): string {
  const [h, m] = hhmm.split(':').map(Number) as [number, number];
  const at = new Date(Date.UTC(2000, 0, 1, h, m));
  return formatter(prefs.locale, {
    hour: prefs.hour12 ? 'numeric' : '2-digit',
    minute: '2-digit',
    hourCycle: prefs.hour12 ? 'h12' : 'h23',
    timeZone: 'UTC',
  }).format(at);
}

// A local day is a calendar date, not an instant: format it as that date (noon UTC, shown in UTC).
function dayDate(day: string): Date {
  return new Date(`${day}T12:00:00Z`);
}

/** `Friday 27 November 2026` (in the locale's order). */
export function formatDayLong(day: string, locale?: string): string {
  return formatter(locale, { timeZone: 'UTC', weekday: 'long', day: 'numeric', month: 'long', year: 'numeric' }).format(dayDate(day));
}

/** `Fri 27 Nov`. */
export function formatDayShort(day: string, locale?: string): string {
  return formatter(locale, { timeZone: 'UTC', weekday: 'short', day: 'numeric', month: 'short' }).format(dayDate(day));
}

/** `Fri 27 Nov 2026`: date fields. */
export function formatDayMedium(day: string, locale?: string): string {
  return formatter(locale, { timeZone: 'UTC', weekday: 'short', day: 'numeric', month: 'short', year: 'numeric' }).format(dayDate(day));
}

/** The weekday alone: `Friday`. */
export function formatWeekday(day: string, locale?: string): string {
  return formatter(locale, { timeZone: 'UTC', weekday: 'long' }).format(dayDate(day));
}

/**
 * Reads a clock time as people type it: `9`, `930`, `0930`, `9:30`, `9.30`, `9:30pm`, `9 PM`,
 * `21:30`, `12am`. Returns `HH:MM` (24-hour), or null when it is not a time.
 */
export function parseClock(text: string): string | null {
  const match = /^\s*(\d{1,2})(?:[:.h]?(\d{2}))?\s*([ap])?\.?\s*(?:m\.?)?\s*$/i.exec(text);
  if (!match) return null;
  let hour = Number(match[1]);
  const minute = match[2] === undefined ? 0 : Number(match[2]);
  const half = match[3]?.toLowerCase();
  if (minute > 59) return null;
  if (half) {
    if (hour < 1 || hour > 12) return null;
    hour = (hour % 12) + (half === 'p' ? 12 : 0);
  } else if (hour > 23) return null;
  return `${String(hour).padStart(2, '0')}:${String(minute).padStart(2, '0')}`;
}

/**
 * Reads a duration as people type it: `1:30`, `1h30`, `1h 30m`, `90m`, `90`, `1.5h`, `1.5`.
 * A bare number up to 12 is hours (`2` is two hours), above that minutes. Null: not a duration.
 */
export function parseDuration(text: string): number | null {
  const t = text.trim().toLowerCase();
  let m: RegExpExecArray | null;
  if ((m = /^(\d{1,2}):(\d{2})$/.exec(t))) return Number(m[2]) < 60 ? Number(m[1]) * 60 + Number(m[2]) : null;
  if ((m = /^(\d+(?:\.\d+)?)$/.exec(t))) {
    const n = Number(m[1]);
    return n <= 12 ? Math.round(n * 60) : Number.isInteger(n) ? n : null;
  }
  if ((m = /^(\d{1,2}(?:\.\d+)?)\s*h(?:ours?|rs?)?$/.exec(t))) return Math.round(Number(m[1]) * 60);
  // 1h30, 1h 30m, 90m, 90 min: at least one unit letter.
  if ((m = /^(?:(\d{1,2})\s*h(?:ours?|rs?)?)?\s*(?:(\d{1,4})\s*(?:m(?:in(?:utes?|s)?)?)?)?$/.exec(t)) && /[hm]/.test(t) && (m[1] || m[2])) {
    return Number(m[1] ?? 0) * 60 + Number(m[2] ?? 0);
  }
  return null;
}
