// What every recharts chart shares: its axis ticks and tooltip in the design tokens, and month labels.

export const AXIS_TICK = { fill: 'var(--text-muted)', fontSize: 12 };
export const TOOLTIP_STYLE = { background: 'var(--surface)', border: '1px solid var(--border)', color: 'var(--text)' };

const monthFormats = {
  numeric: new Intl.DateTimeFormat('en-AU', { month: 'short', year: 'numeric', timeZone: 'UTC' }),
  '2-digit': new Intl.DateTimeFormat('en-AU', { month: 'short', year: '2-digit', timeZone: 'UTC' }),
};

/** `2026-10` → "Oct 2026" (or "Oct 26"): a calendar month, so no zone shifts it. */
export function monthLabel(month: string, year: keyof typeof monthFormats = 'numeric'): string {
  return monthFormats[year].format(new Date(`${month}-01T00:00:00Z`));
}
