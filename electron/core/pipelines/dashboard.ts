// The pipelines dashboard's figures, computed by SQL over the replica: runs per local day by
// status, success rate and p50/p95 duration and queue time per pipeline, and the recent failures.
// Local days are the workspace zone's, each with its own UTC bounds (a day may be 23 or 25 hours).
import { JOB_STATUSES, type JobStatus } from '../../../shared/domain';
import type { DashboardRange, PipelineDashboard, PipelineFigures } from '../../../shared/features/pipelines/types';
import { localDayRange } from '../../../shared/time';
import type { Sqlite } from '../db/open';
import { localDaysFor } from '../db/local-zone';
import { cachedStatement } from '../db/query';

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

const STATUS_VALUES = JOB_STATUSES.map((status) => `('${status}')`).join(', ');

/**
 * The nearest-rank p50 and p95 of one metric (run or queue time) per pipeline over [from, until),
 * exactly, without sorting the range: the buckets each pipeline has (walked through the index, one
 * step per bucket), the jobs of the range in each (an index range each), the running total that
 * says which bucket holds rank k = ceil(p · n), and only that bucket's jobs of the range ordered.
 * Jobs without the metric (not started, not finished) have no bucket and are not counted.
 */
function percentileSql(metric: 'run' | 'queue'): string {
  const bucket = `${metric}_bucket`;
  const value = `${metric}_ms`;
  return `
    WITH RECURSIVE b(pipeline_id, bucket) AS (
      SELECT p.id, (SELECT ${bucket} FROM pipeline_jobs WHERE pipeline_id = p.id AND ${bucket} IS NOT NULL ORDER BY ${bucket} LIMIT 1)
      FROM pipelines p
      UNION ALL
      SELECT b.pipeline_id,
        (SELECT ${bucket} FROM pipeline_jobs WHERE pipeline_id = b.pipeline_id AND ${bucket} > b.bucket ORDER BY ${bucket} LIMIT 1)
      FROM b WHERE b.bucket IS NOT NULL
    ),
    -- MATERIALIZED: each count runs once (used three times below, it would otherwise be inlined thrice).
    counted AS MATERIALIZED (
      SELECT pipeline_id, bucket,
        (SELECT count(*) FROM pipeline_jobs j WHERE j.pipeline_id = b.pipeline_id AND j.${bucket} = b.bucket
           AND j.requested_at >= :from AND j.requested_at < :until) AS n
      FROM b WHERE bucket IS NOT NULL
    ),
    running AS (
      SELECT pipeline_id, bucket, n, sum(n) OVER (PARTITION BY pipeline_id ORDER BY bucket) AS upto,
        sum(n) OVER (PARTITION BY pipeline_id) AS total
      FROM counted WHERE n > 0
    ),
    -- Nearest rank: the k-th of n with k = ceil(p · n), in integers (ceil(0.5 n) = (n + 1) / 2).
    wanted AS (
      SELECT DISTINCT pipeline_id, 50 AS p, (total + 1) / 2 AS k FROM running
      UNION ALL
      SELECT DISTINCT pipeline_id, 95 AS p, (95 * total + 99) / 100 AS k FROM running
    )
    SELECT w.pipeline_id, w.p,
      (SELECT v FROM (
         SELECT j.${value} AS v, row_number() OVER (ORDER BY j.${value}) AS r FROM pipeline_jobs j
         WHERE j.pipeline_id = w.pipeline_id AND j.${bucket} = x.bucket AND j.requested_at >= :from AND j.requested_at < :until)
       WHERE r = w.k - (x.upto - x.n)) AS v
    FROM wanted w JOIN running x ON x.pipeline_id = w.pipeline_id AND x.upto - x.n < w.k AND w.k <= x.upto`;
}

function percentiles(db: Sqlite, metric: 'run' | 'queue', from: string, until: string): Map<string, { p50: number; p95: number }> {
  const rows = cachedStatement(db, percentileSql(metric)).all({ from, until }) as { pipeline_id: string; p: 50 | 95; v: number }[];
  const out = new Map<string, { p50: number; p95: number }>();
  for (const row of rows) {
    const entry = out.get(row.pipeline_id) ?? { p50: 0, p95: 0 };
    if (row.p === 50) entry.p50 = row.v;
    else entry.p95 = row.v;
    out.set(row.pipeline_id, entry);
  }
  return out;
}

/** A pipeline's runs by outcome in the range, as both ways of counting return them. */
type PipelineCounts = Pick<PipelineFigures, 'slug' | 'name' | 'runs' | 'succeeded' | 'failed' | 'cancelled'> & { pipeline_id: string };

/** Where the runs are counted: the local-day aggregate when it is keyed by the range's zone (`auto`), or the jobs' indexes. */
export type CountSource = 'auto' | 'jobs';

/** Runs per local day by status, and per pipeline by status, from the jobs' indexes. */
function countsFromJobs(db: Sqlite, values: string, params: string[], from: string, until: string) {
  // One count per (day, status), each an index range of (status, requested_at): no sort, no table.
  const perDay = db
    .prepare(
      `WITH d(day, start, until) AS (VALUES ${values}), s(status) AS (VALUES ${STATUS_VALUES})
       SELECT d.day, s.status,
         (SELECT count(*) FROM pipeline_jobs j WHERE j.status = s.status AND j.requested_at >= d.start AND j.requested_at < d.until) AS n
       FROM d, s`,
    )
    .all(...params) as { day: string; status: JobStatus; n: number }[];
  const perPipeline = cachedStatement(
    db,
    `WITH s(status) AS (VALUES ${STATUS_VALUES}),
     c AS (
       SELECT p.id AS pipeline_id, s.status,
         (SELECT count(*) FROM pipeline_jobs j WHERE j.pipeline_id = p.id AND j.status = s.status
            AND j.requested_at >= :from AND j.requested_at < :until) AS n
       FROM pipelines p, s
     )
     SELECT p.id AS pipeline_id, p.slug, p.name, sum(c.n) AS runs, sum(c.n) FILTER (WHERE c.status = 'succeeded') AS succeeded,
       sum(c.n) FILTER (WHERE c.status = 'failed') AS failed, sum(c.n) FILTER (WHERE c.status = 'cancelled') AS cancelled
     FROM pipelines p JOIN c ON c.pipeline_id = p.id
     GROUP BY p.id
     ORDER BY p.name, p.id`,
  ).all({ from, until }) as PipelineCounts[];
  return { perDay, perPipeline };
}

/**
 * The same from `pipeline_request_days` (migrations/sqlite/0018), jobs per local day of request,
 * pipeline and status: a year is ~9k rows of one key range, instead of ~100k jobs counted twice.
 */
function countsFromDays(db: Sqlite, range: DashboardRange) {
  const days = { fromDay: range.from, toDay: range.to };
  const perDay = cachedStatement(
    db,
    `SELECT day, status, sum(jobs) AS n FROM pipeline_request_days WHERE day >= :fromDay AND day <= :toDay GROUP BY day, status`,
  ).all(days) as { day: string; status: JobStatus; n: number }[];
  const perPipeline = cachedStatement(
    db,
    `WITH c AS (
       SELECT pipeline_id, status, sum(jobs) AS n FROM pipeline_request_days WHERE day >= :fromDay AND day <= :toDay GROUP BY pipeline_id, status)
     SELECT p.id AS pipeline_id, p.slug, p.name, coalesce(sum(c.n), 0) AS runs,
       coalesce(sum(c.n) FILTER (WHERE c.status = 'succeeded'), 0) AS succeeded,
       coalesce(sum(c.n) FILTER (WHERE c.status = 'failed'), 0) AS failed,
       coalesce(sum(c.n) FILTER (WHERE c.status = 'cancelled'), 0) AS cancelled
     FROM pipelines p LEFT JOIN c ON c.pipeline_id = p.id
     GROUP BY p.id
     ORDER BY p.name, p.id`,
  ).all(days) as PipelineCounts[];
  return { perDay, perPipeline };
}

export function pipelineDashboard(db: Sqlite, range: DashboardRange, recent = 10, source: CountSource = 'auto'): PipelineDashboard {
  const { days, values, params } = dayBounds(range);
  const from = params[1]!;
  const until = params[params.length - 1]!;

  const { perDay, perPipeline: counts } =
    source === 'auto' && localDaysFor(db, range.timeZone, range.from, range.to)
      ? countsFromDays(db, range)
      : countsFromJobs(db, values, params, from, until);
  const byDay = new Map(days.map((day) => [day, Object.fromEntries(JOB_STATUSES.map((s) => [s, 0])) as Record<JobStatus, number>]));
  for (const row of perDay) byDay.get(row.day)![row.status] = row.n;

  const runs = percentiles(db, 'run', from, until);
  const queues = percentiles(db, 'queue', from, until);
  const pipelines = counts.map((p) => ({
    ...p,
    p50_run: runs.get(p.pipeline_id)?.p50 ?? null,
    p95_run: runs.get(p.pipeline_id)?.p95 ?? null,
    p50_queue: queues.get(p.pipeline_id)?.p50 ?? null,
    p95_queue: queues.get(p.pipeline_id)?.p95 ?? null,
  }));

  // The ten newest failures, picked from the (status, requested_at, finished_at, id) index alone;
  // only those ten are read from the table.
  const recentFailures = cachedStatement(
    db,
    `WITH f AS MATERIALIZED (
       SELECT j.id FROM pipeline_jobs j WHERE j.status = 'failed' AND j.requested_at >= :from AND j.requested_at < :until
       ORDER BY coalesce(j.finished_at, j.requested_at) DESC, j.id DESC LIMIT :recent
     )
     SELECT j.id AS job_id, j.pipeline_id, p.name AS pipeline_name, j.finished_at, coalesce(j.error, '') AS error
     FROM f JOIN pipeline_jobs j ON j.id = f.id JOIN pipelines p ON p.id = j.pipeline_id
     ORDER BY coalesce(j.finished_at, j.requested_at) DESC, j.id DESC`,
  ).all({ from, until, recent }) as { job_id: string; pipeline_id: string; pipeline_name: string; finished_at: string; error: string }[];

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
