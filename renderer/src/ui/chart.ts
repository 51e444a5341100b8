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

/**
 * Round ticks for a percentage axis that always shows 100 %: 0, 25, 50, 75, 100 and on by 25 up
 * to the highest value (by 50 past 200 %, by 100 past 400 %, so the axis keeps a handful of ticks).
 */
export function percentTicks(highest: number): number[] {
  const top0 = Math.max(100, Number.isFinite(highest) ? highest : 0);
  const step = top0 > 400 ? 100 : top0 > 200 ? 50 : 25;
  const top = Math.ceil(top0 / step) * step;
  return Array.from({ length: top / step + 1 }, (_, i) => i * step);
}

/** A name on a chart's axis as up to two centred lines (first word, then the rest), never rotated or cut. */
export function nameLines(name: string): string[] {
  const space = name.indexOf(' ');
  return space === -1 ? [name] : [name.slice(0, space), name.slice(space + 1)];
}
