// How a KPI's figures read: by its unit (a share, money, a count, an NPS score), its target and
// which way is better. Money goes through the Money formatter handed in (presentation mode).
import type { KpiTile, KpiUnit, MetricDirection, TrendPoint } from '../../../../shared/features/kpis/types';
import { monthLabel } from '../../ui/chart';
import { formatShare } from '../../ui/figures';
import type { MoneyStyle } from '../../ui/Money';

export type MoneyFormat = (cents: number, style?: MoneyStyle) => string;

/** +42 / −8 / 0: NPS is a whole score between −100 and 100 (shown rounded, computed unrounded). */
export function formatNps(nps: number | null): string {
  if (nps === null) return '—';
  const n = Math.round(nps);
  return n > 0 ? `+${n}` : n < 0 ? `−${Math.abs(n)}` : '0';
}

export function kpiText(unit: KpiUnit, value: number | null, money: MoneyFormat): string {
  if (value === null) return '—';
  switch (unit) {
    case 'ratio':
      return formatShare(value, 0);
    case 'cents':
      return money(value, 'whole');
    case 'score':
      return formatNps(value);
    case 'count':
      return value.toLocaleString('en-AU');
  }
}

/** "≥ 80 %" (higher is better) or "≤ 2 h" (lower is better). */
export function targetText(direction: MetricDirection, target: string): string {
  return `${direction === 'higher' ? '≥' : '≤'} ${target}`;
}

export const directionText = (direction: MetricDirection) => (direction === 'higher' ? 'higher is better' : 'lower is better');

/** The status badge: against the target, or against the period before when a figure has none. */
export function statusText(tile: Pick<KpiTile, 'status' | 'target'>): string | null {
  if (tile.status === 'none') return null;
  if (tile.target !== null) return tile.status === 'met' ? 'On target' : 'Off target';
  return tile.status === 'met' ? 'Improved' : 'Worsened';
}

/** A trend point's name: "Oct 2026", or "week of 5 Oct" (`dayShort` of the Monday). */
export function periodLabel(point: Pick<TrendPoint, 'period'>, dayShort: (day: string) => string): string {
  return point.period.length === 7 ? monthLabel(point.period) : `week of ${dayShort(point.period)}`;
}

/** A custom metric's value with its unit: "12 h", "4.5 %", "$ 300" (units are free text). */
export function metricText(value: number | null, unit: string): string {
  if (value === null) return '—';
  const n = value.toLocaleString('en-AU', { maximumFractionDigits: 2 });
  if (!unit) return n;
  return unit === '%' ? `${n} %` : `${n} ${unit}`;
}
