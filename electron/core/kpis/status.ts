// A figure against its target (or, with none, against its previous value), which way is better.
import type { MetricDirection } from '../../../shared/features/kpis/types';

export function statusOf(
  value: number | null,
  target: number | null,
  direction: MetricDirection,
  previous: number | null,
): 'met' | 'missed' | 'none' {
  const against = target ?? previous;
  if (value === null || against === null) return 'none';
  return (direction === 'higher' ? value >= against : value <= against) ? 'met' : 'missed';
}
