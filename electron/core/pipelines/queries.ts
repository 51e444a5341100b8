// Reading pipelines and jobs, with each job's delivery state in words. SQL joins and computes the
// durations; only the wording is done here.
import type { Sqlite } from '../db/open';
import { cachedStatement } from '../db/query';
import type { PipelinesTable } from '../db/schema';
import type { DeliveryView, JobDetail, JobView, PipelineView } from '../../../shared/features/pipelines/types';
import { formatInstant } from '../../../shared/time';
import { expiresAfterMinutes, parseSchema } from './rules';

export type { DeliveryView, JobDetail, JobView, PipelineView };

export function listPipelines(db: Sqlite): PipelineView[] {
  const rows = cachedStatement(
    db,
    `SELECT p.id, p.slug, p.name, p.description, p.params_schema, p.active, d.disabled_at, d.reason
     FROM pipelines p
     LEFT JOIN pipelines_disabled d ON d.pipeline_id = p.id AND d.active_clock = coalesce(json_extract(p._clocks, '$.active'), p._hlc)
     ORDER BY p.name, p.id`,
  ).all() as (Omit<PipelinesTable, '_hlc' | '_clocks'> & { disabled_at: string | null; reason: string | null })[];
  return rows.map((r) => {
    const schema = parseSchema(r.params_schema);
    return {
      id: r.id,
      slug: r.slug,
      name: r.name,
      description: r.description,
      active: r.active === 1,
      paramsSchema: schema,
      expiresAfterMinutes: expiresAfterMinutes(schema),
      disabledHere: r.disabled_at ? { at: r.disabled_at, reason: r.reason ?? '' } : null,
    };
  });
}

export interface JobFilters {
  status?: string | string[];
  /** A pipeline's id or slug. */
  pipeline?: string;
  /** Requested (or finished, with `by`) at or after (UTC ISO). */
  from?: string;
  /** Requested (or finished, with `by`) before (UTC ISO). */
  to?: string;
  /** Which instant `from` and `to` bound, and the newest of which come first: requested (the default) or finished. */
  by?: 'requested' | 'finished';
  limit?: number;
}

const JOB_SELECT = `
  SELECT j.id, j.pipeline_id, p.slug, p.name AS pipeline_name, j.project_id, pr.name AS project_name, j.status, j.params,
         j.requested_by, c.name AS requested_by_name, j.requested_at, j.started_at, j.finished_at, j.error, j.result_summary,
         CAST(round((julianday(coalesce(j.started_at, CASE WHEN j.status IN ('requested', 'queued') THEN :now END)) - julianday(j.requested_at)) * 86400000) AS INTEGER) AS queue_ms,
         CAST(round((julianday(coalesce(j.finished_at, CASE WHEN j.status = 'running' THEN :now END)) - julianday(j.started_at)) * 86400000) AS INTEGER) AS duration_ms,
         d.status AS d_status, d.attempts, d.next_attempt_at, d.last_attempt_at, d.last_status, d.last_answer, d.last_error,
         d.delivered_at, d.expires_at, d.receiver_status, d.claim_until
  FROM pipeline_jobs j
  JOIN pipelines p ON p.id = j.pipeline_id
  LEFT JOIN projects pr ON pr.id = j.project_id
  LEFT JOIN consultants c ON c.id = j.requested_by
  LEFT JOIN webhook_deliveries d ON d.job_id = j.id`;

interface JobRow {
  id: string;
  pipeline_id: string;
  slug: string;
  pipeline_name: string;
  project_id: string | null;
  project_name: string | null;
  status: string;
  params: string;
  requested_by: string | null;
  requested_by_name: string | null;
  requested_at: string;
  started_at: string | null;
  finished_at: string | null;
  error: string | null;
  result_summary: string | null;
  queue_ms: number | null;
  duration_ms: number | null;
  d_status: DeliveryView['status'] | null;
  attempts: number;
  next_attempt_at: string | null;
  last_attempt_at: string | null;
  last_status: number | null;
  last_answer: string | null;
  last_error: string | null;
  delivered_at: string | null;
  expires_at: string;
  receiver_status: string | null;
  claim_until: string | null;
}

export function listJobs(db: Sqlite, filters: JobFilters = {}, now: Date = new Date(), timeZone = 'UTC'): JobView[] {
  const where: string[] = [];
  const params: Record<string, unknown> = { now: now.toISOString(), limit: Math.min(Math.max(filters.limit ?? 200, 1), 5000) };
  const statuses = filters.status === undefined ? [] : Array.isArray(filters.status) ? filters.status : [filters.status];
  if (statuses.length > 0) {
    where.push(`j.status IN (${statuses.map((_, i) => `:s${i}`).join(', ')})`);
    statuses.forEach((s, i) => (params[`s${i}`] = s));
  }
  if (filters.pipeline) {
    where.push('(p.id = :pipeline OR p.slug = :pipeline)');
    params.pipeline = filters.pipeline;
  }
  const at = filters.by === 'finished' ? 'j.finished_at' : 'j.requested_at';
  if (filters.from) {
    where.push(`${at} >= :from`);
    params.from = new Date(filters.from).toISOString();
  }
  if (filters.to) {
    where.push(`${at} < :to`);
    params.to = new Date(filters.to).toISOString();
  }
  const sql = `${JOB_SELECT} ${where.length ? `WHERE ${where.join(' AND ')}` : ''} ORDER BY ${at} DESC, j.id DESC LIMIT :limit`;
  return (cachedStatement(db, sql).all(params) as JobRow[]).map((r) => toView(r, now, timeZone));
}

export function getJob(db: Sqlite, id: string, now: Date = new Date(), timeZone = 'UTC'): JobDetail | null {
  const row = cachedStatement(db, `${JOB_SELECT} WHERE j.id = :id`).get({ id, now: now.toISOString() }) as JobRow | undefined;
  if (!row) return null;
  let params: Record<string, unknown> = {};
  try {
    params = JSON.parse(row.params) as Record<string, unknown>;
  } catch {
    params = {};
  }
  return { ...toView(row, now, timeZone), params };
}

/** Deliveries not yet settled (waiting, retrying), oldest first: what `ops pipelines deliver` would send. */
export function pendingDeliveries(db: Sqlite, now: Date = new Date(), timeZone = 'UTC'): JobView[] {
  const rows = cachedStatement(db, `${JOB_SELECT} WHERE d.status = 'pending' ORDER BY d.next_attempt_at, d.id`).all({
    now: now.toISOString(),
  }) as JobRow[];
  return rows.map((r) => toView(r, now, timeZone));
}

function toView(r: JobRow, now: Date, timeZone: string): JobView {
  const delivery: DeliveryView | null = r.d_status
    ? {
        status: r.d_status,
        attempts: r.attempts,
        nextAttemptAt: r.d_status === 'pending' ? r.next_attempt_at : null,
        lastAttemptAt: r.last_attempt_at,
        lastStatus: r.last_status,
        lastAnswer: r.last_answer,
        lastError: r.last_error,
        deliveredAt: r.delivered_at,
        expiresAt: r.expires_at,
        state: deliveryState(r, now, timeZone),
      }
    : null;
  const neverSent = r.d_status && ['expired', 'disabled', 'failed'].includes(r.d_status);
  return {
    id: r.id,
    pipelineId: r.pipeline_id,
    pipeline: r.slug,
    pipelineName: r.pipeline_name,
    projectId: r.project_id,
    projectName: r.project_name,
    status: r.status,
    requestedBy: r.requested_by,
    requestedByName: r.requested_by_name,
    requestedAt: r.requested_at,
    startedAt: r.started_at,
    finishedAt: r.finished_at,
    queueMs: r.queue_ms !== null ? Math.max(0, r.queue_ms) : null,
    durationMs: r.duration_ms !== null ? Math.max(0, r.duration_ms) : null,
    error: r.error ?? (neverSent ? r.last_error : null),
    resultSummary: r.result_summary,
    delivery,
  };
}

/** The delivery's state in one line. */
export function deliveryState(
  r: Pick<
    JobRow,
    | 'd_status'
    | 'attempts'
    | 'next_attempt_at'
    | 'last_status'
    | 'last_answer'
    | 'last_error'
    | 'delivered_at'
    | 'receiver_status'
    | 'claim_until'
    | 'expires_at'
  >,
  now: Date,
  timeZone = 'UTC',
): string {
  switch (r.d_status) {
    case 'delivered':
      return `delivered ${r.delivered_at ? formatInstant(r.delivered_at, timeZone) : ''}${r.receiver_status ? ` (the receiver: ${r.receiver_status})` : ''}`;
    case 'failed':
      return r.last_error ?? 'not delivered';
    case 'disabled':
    case 'expired':
    case 'cancelled':
      return r.last_error ?? r.d_status;
    case 'pending': {
      if (r.claim_until && r.claim_until > now.toISOString()) return 'sending now';
      if (r.expires_at <= now.toISOString()) return 'expired before it could be sent: re-run it';
      const wait = r.next_attempt_at ? Date.parse(r.next_attempt_at) - now.getTime() : 0;
      const when = wait > 1000 ? `next attempt in ${duration(wait)}` : 'next attempt now';
      if (r.attempts === 0) return wait > 1000 ? `waiting to be sent; ${when}` : 'waiting to be sent';
      if (r.last_status === null) return `waiting for the network (${r.last_answer ?? 'no answer'}); ${when}`;
      return `${when}; the receiver answered ${r.last_status}${r.last_answer ? `: ${r.last_answer}` : ''}`;
    }
    default:
      return '';
  }
}

/** "45 s", "4 min 30 s", "2 h 5 min". */
export function duration(ms: number): string {
  const s = Math.ceil(ms / 1000);
  if (s < 60) return `${s} s`;
  const m = Math.floor(s / 60);
  if (m < 60) return s % 60 ? `${m} min ${s % 60} s` : `${m} min`;
  const h = Math.floor(m / 60);
  return m % 60 ? `${h} h ${m % 60} min` : `${h} h`;
}
