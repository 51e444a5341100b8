// The jobs behind a figure of the pipelines dashboard: those requested in a range of local days (the
// workspace zone's, each day with its own UTC bounds, as the dashboard counts them), of some
// statuses and one pipeline; or, `by: 'finished'`, those that finished in it (the scorecard's job
// success rate counts jobs by their finish). SQL counts them all; only the newest `limit` are read as rows.
import type { PipelineRows } from '../../../shared/features/pipelines/types';
import { addDays, dayStartUtc } from '../../../shared/time';
import type { Sqlite } from '../db/open';
import { cachedStatement } from '../db/query';
import { listJobs } from './queries';

export interface RowsFilter {
  from: string;
  to: string;
  timeZone: string;
  status?: string | string[];
  pipelineId?: string;
  by?: 'requested' | 'finished';
  limit: number;
}

export function pipelineRows(db: Sqlite, filter: RowsFilter, now: Date): PipelineRows {
  const start = dayStartUtc(filter.from, filter.timeZone);
  const until = dayStartUtc(addDays(filter.to, 1), filter.timeZone);
  const statuses = filter.status === undefined ? [] : Array.isArray(filter.status) ? filter.status : [filter.status];
  const at = filter.by === 'finished' ? 'j.finished_at' : 'j.requested_at';
  const where = [`${at} >= :start`, `${at} < :until`];
  const params: Record<string, string> = { start, until };
  if (statuses.length > 0) {
    where.push(`j.status IN (${statuses.map((_, i) => `:s${i}`).join(', ')})`);
    statuses.forEach((s, i) => (params[`s${i}`] = s));
  }
  if (filter.pipelineId) {
    where.push('j.pipeline_id = :pipeline');
    params.pipeline = filter.pipelineId;
  }
  const count = cachedStatement(db, `SELECT count(*) AS n FROM pipeline_jobs j WHERE ${where.join(' AND ')}`).get(params) as { n: number };
  const rows = listJobs(
    db,
    { status: statuses, pipeline: filter.pipelineId, from: start, to: until, by: filter.by, limit: filter.limit },
    now,
    filter.timeZone,
  );
  return {
    range: { from: filter.from, to: filter.to, timeZone: filter.timeZone },
    count: count.n,
    rows,
    truncated: rows.length < count.n,
  };
}
