// Admins' custom metrics: defined with a target and a direction, their values recorded by day (one
// value a day, on every laptop: recording again replaces it, and of two laptops' values for a day
// sync keeps the later). Only admins may do either (docs/sales.md); a replica that knows its user is
// not one refuses at once, as the central would.
import { OpsError } from '../../../shared/contract';
import type { CustomMetric, MetricDirection, MetricValue } from '../../../shared/features/kpis/types';
import type { Sqlite } from '../db/open';
import type { Replica } from '../sync/replica';
import { statusOf } from './status';
import { metricValueId } from './value-id';

interface MetricRow {
  id: string;
  name: string;
  unit: string;
  target: number;
  direction: MetricDirection;
}

/** The custom metrics, each with its values in [from, to] (all of them without a range), oldest first. */
export function listMetrics(db: Sqlite, range?: { from: string; to: string }, id?: string): CustomMetric[] {
  const metrics = db
    .prepare(`SELECT id, name, unit, target, direction FROM metrics ${id ? 'WHERE id = ?' : ''} ORDER BY name, id`)
    .all(...(id ? [id] : [])) as MetricRow[];
  const values = db
    .prepare(
      `SELECT metric_id AS metricId, id, recorded_on AS recordedOn, value FROM metric_values
       WHERE recorded_on BETWEEN ? AND ? ${id ? 'AND metric_id = ?' : ''}
       ORDER BY metric_id, recorded_on, id`,
    )
    .all(range?.from ?? '0000-01-01', range?.to ?? '9999-12-31', ...(id ? [id] : [])) as Array<MetricValue & { metricId: string }>;
  const by = new Map<string, MetricValue[]>();
  for (const { metricId, ...v } of values) {
    if (!by.has(metricId)) by.set(metricId, []);
    by.get(metricId)!.push(v);
  }
  return metrics.map((m) => {
    const list = by.get(m.id) ?? [];
    const value = list.at(-1)?.value ?? null;
    return { ...m, value, status: statusOf(value, m.target, m.direction, null), values: list };
  });
}

export interface MetricDefinition {
  id?: string;
  name: string;
  unit: string;
  target: number;
  direction: MetricDirection;
}

export function defineMetric(replica: Replica, d: MetricDefinition): CustomMetric {
  const values = { name: d.name, unit: d.unit, target: d.target, direction: d.direction };
  if (d.id) {
    const current = replica.db.prepare('SELECT name, unit, target, direction FROM metrics WHERE id = ?').get(d.id) as
      Record<string, unknown> | undefined;
    if (!current) throw new OpsError('not_found', 'No such metric in this workspace: pick one from the list.', 'id');
    const changed = Object.fromEntries(Object.entries(values).filter(([k, v]) => current[k] !== v));
    replica.transaction(() => replica.update('metrics', d.id!, changed));
    return listMetrics(replica.db, undefined, d.id)[0]!;
  }
  const id = replica.newId();
  replica.transaction(() => replica.insert('metrics', { id, ...values }));
  return listMetrics(replica.db, undefined, id)[0]!;
}

export function recordMetric(replica: Replica, metricId: string, recordedOn: string, value: number, today: string): CustomMetric {
  if (recordedOn > today)
    throw new OpsError('invalid_input', `A value cannot be recorded for a future day (${recordedOn}); today is ${today}.`, 'recordedOn');
  if (!replica.db.prepare('SELECT 1 FROM metrics WHERE id = ?').get(metricId))
    throw new OpsError('not_found', 'No such metric in this workspace: pick one from the list.', 'metricId');
  // The day's id is derived from the metric and the day (value-id.ts): the same day recorded on
  // another laptop is the same row, and sync keeps the later value.
  const id = metricValueId(metricId, recordedOn);
  const existing = replica.db.prepare('SELECT value FROM metric_values WHERE id = ?').pluck().get(id) as number | undefined;
  replica.transaction(() => {
    if (existing === undefined) replica.insert('metric_values', { id, metric_id: metricId, recorded_on: recordedOn, value });
    else replica.update('metric_values', id, { value });
  });
  return listMetrics(replica.db, undefined, metricId)[0]!;
}
