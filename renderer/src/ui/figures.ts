// How the dashboards write shares and hours (amounts go through Money).

/** 0.734 → "73.4 %"; null → "—". */
export function formatShare(share: number | null | undefined, digits = 1): string {
  if (share === null || share === undefined) return '—';
  return `${(share * 100).toFixed(digits).replace(/\.0+$/, '')} %`;
}

/** 750 → "12.5 h". */
export function formatHours(minutes: number | null | undefined): string {
  if (minutes === null || minutes === undefined) return '—';
  const hours = minutes / 60;
  return `${hours >= 100 ? Math.round(hours).toLocaleString('en-AU') : (Math.round(hours * 10) / 10).toLocaleString('en-AU')} h`;
}

/** The change from the previous figure, as a signed difference in points or units. */
export function formatChange(now: number | null, before: number | null, unit: 'points' | 'count'): string | null {
  if (now === null || before === null) return null;
  const diff = unit === 'points' ? Math.round((now - before) * 1000) / 10 : now - before;
  const sign = diff > 0 ? '+' : diff < 0 ? '−' : '±';
  return `${sign}${Math.abs(diff).toLocaleString('en-AU')}${unit === 'points' ? ' pts' : ''}`;
}
