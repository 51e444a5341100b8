// The KPI scorecard: the business's built-in figures, each against its target with a trend, and
// the admin-defined custom metrics with their recorded values. Built-in figures are computed from
// the data (electron/core/kpis/), never typed in.
import type { ProjectTier } from '../../domain';

export const METRIC_DIRECTIONS = ['higher', 'lower'] as const;
/** Which way is better. */
export type MetricDirection = (typeof METRIC_DIRECTIONS)[number];

export const KPI_KEYS = [
  'utilization',
  'paid_within_30',
  'satisfaction',
  'nps',
  'revenue_quarter',
  'weighted_pipeline',
  'active_projects',
  'job_success',
] as const;
export type KpiKey = (typeof KPI_KEYS)[number];

/** How a value reads: a ratio 0–1 shown as %, cents, a count, or an NPS score (−100..100). */
export type KpiUnit = 'ratio' | 'cents' | 'count' | 'score';

export interface TrendPoint {
  /** `YYYY-MM` for a month, the Monday `YYYY-MM-DD` for a week. */
  period: string;
  /** The bucket's local days within the range. */
  from: string;
  to: string;
  value: number | null;
}

export interface KpiTile {
  key: KpiKey;
  label: string;
  unit: KpiUnit;
  /** null: no data to compute it from (see `missing`). */
  value: number | null;
  /** null: the figure has no fixed target (revenue's target is the previous quarter: `previous`). */
  target: number | null;
  direction: MetricDirection;
  /** The value against its target (or its previous value when it has no target); none: either unknown. */
  status: 'met' | 'missed' | 'none';
  /** The same figure over the previous period (the quarter before, for revenue). */
  previous: number | null;
  trend: TrendPoint[];
  /** Why the value is null or partial, in words; null when nothing is missing. */
  missing: string | null;
  /** Parts of the value (active projects by tier). */
  breakdown?: Array<{ tier: ProjectTier; value: number }>;
  /**
   * Where the rows behind it are: the dashboard's route, and its search; for the job success rate
   * also the `pipelines.rows` query of the jobs it counts (`jobs`: succeeded or failed, finished in
   * the range; absent for a range over a year, which `pipelines.rows` does not take), so the rows
   * shown are exactly the figure's.
   */
  drill: {
    route: '/projects' | '/billing' | '/clients' | '/sales' | '/pipelines/dashboard';
    search: Record<string, string>;
    jobs?: { from: string; to: string; status: Array<'succeeded' | 'failed'>; by: 'finished' };
  };
}

export interface MetricValue {
  id: string;
  recordedOn: string;
  value: number;
}

export interface CustomMetric {
  id: string;
  name: string;
  unit: string;
  target: number;
  direction: MetricDirection;
  /** The latest value recorded in the range (null: none). */
  value: number | null;
  status: 'met' | 'missed' | 'none';
  /** Every value recorded in the range, oldest first. */
  values: MetricValue[];
}

export interface Scorecard {
  from: string;
  to: string;
  today: string;
  timeZone: string;
  /** The trend's buckets: weeks for a range up to 92 days, months beyond. */
  granularity: 'week' | 'month';
  tiles: KpiTile[];
  custom: CustomMetric[];
  /** Whether this replica's user may define metrics and record values (see docs/sales.md). */
  canEditMetrics: boolean;
}
