// The pipelines dashboard's figures, computed by SQL over the replica: runs per local day by
// status, success rate and p50/p95 duration and queue time per pipeline, and the recent failures.
// Local days are the workspace zone's, each with its own UTC bounds (a day may be 23 or 25 hours).
import { JOB_STATUSES, type JobStatus } from '../../../shared/domain';
import type { DashboardRange, PipelineDashboard } from '../../../shared/features/pipelines/types';
import { localDayRange } from '../../../shared/time';
import type { Sqlite } from '../db/open';

const MAX_DAYS = 366;

/** Days of the range with their UTC bounds, as a VALUES list SQL can join on. */
function dayBounds(range: DashboardRange): { days: string[]; values: string; params: string[] } {
  const count = Math.round((Date.parse(`${range.to}T00:00:00Z`) - Date.parse(`${range.from}T00:00:00Z`)) / 86_400_000) + 1;
  if (!(count >= 1 && count <= MAX_DAYS)) throw new RangeError(`A dashboard range is 1 to ${MAX_DAYS} days; this one is ${count}.`);
  const { days, starts } = localDayRange(range.from, count, range.timeZone);
  const params: string[] = [];
  const rows = days.map((day, i) => {
    params.push(day, starts[i]!, starts[i + 1]!);
    return '(?, ?, ?)';
  });
  return { days, values: rows.join(', '), params };
}

export function pipelineDashboard(db: Sqlite, range: DashboardRange, recent = 10): PipelineDashboard {
  const { days, values, params } = dayBounds(range);
  const from = params[1]!;
  const until = params[params.length - 1]!;

  const perDay = db
    .prepare(
      `WITH d(day, start, until) AS (VALUES ${values})
       SELECT d.day, j.status, count(*) AS n
       FROM d JOIN pipeline_jobs j ON j.requested_at >= d.start AND j.requested_at < d.until
       GROUP BY d.day, j.status`,
    )
    .all(...params) as { day: string; status: JobStatus; n: number }[];
  const byDay = new Map(days.map((day) => [day, Object.fromEntries(JOB_STATUSES.map((s) => [s, 0])) as Record<JobStatus, number>]));
  for (const row of perDay) byDay.get(row.day)![row.status] = row.n;

  const pipelines = db
    .prepare(
      `WITH j AS (
         SELECT pipeline_id, status,
           CASE WHEN started_at IS NOT NULL AND finished_at IS NOT NULL
                THEN CAST(round((julianday(finished_at) - julianday(started_at)) * 86400000) AS INTEGER) END AS run_ms,
           CASE WHEN started_at IS NOT NULL
                THEN CAST(round((julianday(started_at) - julianday(requested_at)) * 86400000) AS INTEGER) END AS queue_ms
         FROM pipeline_jobs WHERE requested_at >= :from AND requested_at < :until
       ),
       counts AS (
         SELECT pipeline_id, count(*) AS runs, sum(status = 'succeeded') AS succeeded, sum(status = 'failed') AS failed,
                sum(status = 'cancelled') AS cancelled
         FROM j GROUP BY pipeline_id
       ),
       runs AS (
         SELECT pipeline_id, run_ms, row_number() OVER (PARTITION BY pipeline_id ORDER BY run_ms) AS k,
                count(*) OVER (PARTITION BY pipeline_id) AS n
         FROM j WHERE run_ms IS NOT NULL
       ),
       queues AS (
         SELECT pipeline_id, queue_ms, row_number() OVER (PARTITION BY pipeline_id ORDER BY queue_ms) AS k,
                count(*) OVER (PARTITION BY pipeline_id) AS n
         FROM j WHERE queue_ms IS NOT NULL
       ),
       -- Nearest rank: the k-th of n with k = ceil(p · n), in integers (ceil(0.5 n) = (n + 1) / 2).
       run_p AS (
         SELECT pipeline_id, max(CASE WHEN k = (n + 1) / 2 THEN run_ms END) AS p50_run,
                max(CASE WHEN k = (95 * n + 99) / 100 THEN run_ms END) AS p95_run
         FROM runs GROUP BY pipeline_id
       ),
       queue_p AS (
         SELECT pipeline_id, max(CASE WHEN k = (n + 1) / 2 THEN queue_ms END) AS p50_queue,
                max(CASE WHEN k = (95 * n + 99) / 100 THEN queue_ms END) AS p95_queue
         FROM queues GROUP BY pipeline_id
       )
       SELECT p.id AS pipeline_id, p.slug, p.name, coalesce(c.runs, 0) AS runs, coalesce(c.succeeded, 0) AS succeeded,
         coalesce(c.failed, 0) AS failed, coalesce(c.cancelled, 0) AS cancelled, r.p50_run, r.p95_run, q.p50_queue, q.p95_queue
       FROM pipelines p
       LEFT JOIN counts c ON c.pipeline_id = p.id
       LEFT JOIN run_p r ON r.pipeline_id = p.id
       LEFT JOIN queue_p q ON q.pipeline_id = p.id
       ORDER BY p.name, p.id`,
    )
    .all({ from, until }) as {
    pipeline_id: string;
    slug: string;
    name: string;
    runs: number;
    succeeded: number;
    failed: number;
    cancelled: number;
    p50_run: number | null;
    p95_run: number | null;
    p50_queue: number | null;
    p95_queue: number | null;
  }[];

  const recentFailures = db
    .prepare(
      `SELECT j.id AS job_id, j.pipeline_id, p.name AS pipeline_name, j.finished_at, coalesce(j.error, '') AS error
       FROM pipeline_jobs j JOIN pipelines p ON p.id = j.pipeline_id
       WHERE j.status = 'failed' AND j.requested_at >= :from AND j.requested_at < :until
       ORDER BY coalesce(j.finished_at, j.requested_at) DESC, j.id DESC LIMIT :recent`,
    )
    .all({ from, until, recent }) as { job_id: string; pipeline_id: string; pipeline_name: string; finished_at: string; error: string }[];

  const rate = (succeeded: number, failed: number) => (succeeded + failed > 0 ? succeeded / (succeeded + failed) : null);
  const totals = pipelines.reduce(
    (t, p) => ({ runs: t.runs + p.runs, succeeded: t.succeeded + p.succeeded, failed: t.failed + p.failed }),
    {
      runs: 0,
      succeeded: 0,
      failed: 0,
    },
  );
  return {
    range,
    days: days.map((day) => ({ day, counts: byDay.get(day)! })),
    pipelines: pipelines.map((p) => ({
      pipelineId: p.pipeline_id,
      slug: p.slug,
      name: p.name,
      runs: p.runs,
      succeeded: p.succeeded,
      failed: p.failed,
      cancelled: p.cancelled,
      successRate: rate(p.succeeded, p.failed),
      p50DurationMs: p.p50_run,
      p95DurationMs: p.p95_run,
      p50QueueMs: p.p50_queue,
      p95QueueMs: p.p95_queue,
    })),
    recentFailures: recentFailures.map((f) => ({
      jobId: f.job_id,
      pipelineId: f.pipeline_id,
      pipelineName: f.pipeline_name,
      finishedAt: f.finished_at,
      error: f.error,
    })),
    totals: { ...totals, successRate: rate(totals.succeeded, totals.failed) },
  };
}
