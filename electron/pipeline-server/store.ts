// What the receiver keeps in the central database. Job progress goes into the central
// `pipeline_jobs` as a direct writer: the stamping trigger gives each write server clocks and a new
// transaction id, so replicas pull it like any other change, and the lifecycle trigger (migration
// 0003) keeps a status from going backwards. Every status write here also says which statuses it
// moves from, so a job cancelled meanwhile (by the app, through sync) is never set running again.
//
// The receiver's own bookkeeping lives in its own schema, `ops_receiver` (the accepted deliveries,
// for replays and for GET /runs), beside pg-boss's queue schema; neither is synced.
import type pg from 'pg';

export const RECEIVER_SCHEMA = 'ops_receiver';

export type JobStatus = 'requested' | 'queued' | 'running' | 'succeeded' | 'failed' | 'cancelled';
export const FINISHED: readonly JobStatus[] = ['succeeded', 'failed', 'cancelled'];

export type Queryable = Pick<pg.Pool | pg.PoolClient, 'query'>;

export async function installReceiverSchema(db: Queryable): Promise<void> {
  // One installer at a time (several receivers may start together against one central).
  await db.query(`
    DO $$
    BEGIN
      PERFORM pg_advisory_xact_lock(hashtext('ops_receiver_install'));
      CREATE SCHEMA IF NOT EXISTS ${RECEIVER_SCHEMA};
      CREATE TABLE IF NOT EXISTS ${RECEIVER_SCHEMA}.deliveries (
        job_id uuid PRIMARY KEY,
        pipeline text NOT NULL,
        -- the delivery's content (without its signature), to tell a replay from a reused id
        request jsonb NOT NULL,
        response_status integer NOT NULL,
        response jsonb NOT NULL,
        received_at timestamptz NOT NULL DEFAULT now(),
        progress integer NOT NULL DEFAULT 0 CHECK (progress BETWEEN 0 AND 100),
        step text
      );
    END $$`);
  // A replay comes within the sender's retry window (about a day and a half under Standard
  // Webhooks): a month of deliveries is plenty.
  await db.query(`DELETE FROM ${RECEIVER_SCHEMA}.deliveries WHERE received_at < now() - interval '30 days'`);
}

export interface Delivery {
  job_id: string;
  pipeline: string;
  request: unknown;
  response_status: number;
  response: Record<string, unknown>;
}

export async function findDelivery(db: Queryable, jobId: string): Promise<Delivery | null> {
  const { rows } = await db.query<Delivery>(
    `SELECT job_id, pipeline, request, response_status, response FROM ${RECEIVER_SCHEMA}.deliveries WHERE job_id = $1`,
    [jobId],
  );
  return rows[0] ?? null;
}

/** Records an accepted delivery; false when one with this id was recorded first (a concurrent replay). */
export async function recordDelivery(db: Queryable, delivery: Delivery): Promise<boolean> {
  const { rowCount } = await db.query(
    `INSERT INTO ${RECEIVER_SCHEMA}.deliveries (job_id, pipeline, request, response_status, response) VALUES ($1, $2, $3, $4, $5)
     ON CONFLICT (job_id) DO NOTHING`,
    [delivery.job_id, delivery.pipeline, JSON.stringify(delivery.request), delivery.response_status, JSON.stringify(delivery.response)],
  );
  return rowCount === 1;
}

export interface PipelineRow {
  id: string;
  slug: string;
  active: boolean;
  params_schema: unknown;
}

export async function findPipeline(db: Queryable, slug: string): Promise<PipelineRow | null> {
  const { rows } = await db.query<PipelineRow>('SELECT id, slug, active, params_schema FROM pipelines WHERE slug = $1', [slug]);
  return rows[0] ?? null;
}

export interface JobRequest {
  job_id: string;
  pipeline_id: string;
  project_id: string | null;
  params: unknown;
  requested_by: string | null;
  requested_at: string;
}

export interface JobRow {
  id: string;
  pipeline_id: string;
  pipeline: string;
  status: JobStatus;
  params: Record<string, unknown>;
  requested_at: Date;
  started_at: Date | null;
  finished_at: Date | null;
  error: string | null;
  result_summary: string | null;
}

/**
 * The job as the central has it after a delivery: inserted as queued when the laptop has not synced
 * it yet (the delivery holds everything the row needs), moved from requested to queued when it has.
 * Locks the row for the rest of the transaction.
 */
export async function queueJob(db: Queryable, job: JobRequest): Promise<{ inserted: boolean; row: JobRow }> {
  const inserted = await db.query(
    `INSERT INTO pipeline_jobs (id, pipeline_id, project_id, status, params, requested_by, requested_at)
     VALUES ($1, $2, $3, 'queued', $4, $5, $6) ON CONFLICT (id) DO NOTHING`,
    [job.job_id, job.pipeline_id, job.project_id, JSON.stringify(job.params), job.requested_by, job.requested_at],
  );
  if (inserted.rowCount === 0) {
    await db.query(`UPDATE pipeline_jobs SET status = 'queued' WHERE id = $1 AND status = 'requested'`, [job.job_id]);
  }
  const row = await findJob(db, job.job_id, { lock: true });
  return { inserted: inserted.rowCount === 1, row: row! };
}

export async function findJob(db: Queryable, jobId: string, { lock = false } = {}): Promise<JobRow | null> {
  const { rows } = await db.query<JobRow>(
    `SELECT j.id, j.pipeline_id, p.slug AS pipeline, j.status, j.params, j.requested_at, j.started_at, j.finished_at, j.error, j.result_summary
     FROM pipeline_jobs j JOIN pipelines p ON p.id = j.pipeline_id WHERE j.id = $1 ${lock ? 'FOR UPDATE OF j' : ''}`,
    [jobId],
  );
  return rows[0] ?? null;
}

/** Starts a queued job (or, on a retry after a crash, one left running); null when it was cancelled. */
export async function startJob(db: Queryable, jobId: string, { retry = false } = {}): Promise<JobRow | null> {
  const from: JobStatus[] = retry ? ['requested', 'queued', 'running'] : ['requested', 'queued'];
  const { rowCount } = await db.query(
    `UPDATE pipeline_jobs SET status = 'running', started_at = coalesce(started_at, now())
     WHERE id = $1 AND status = ANY($2)`,
    [jobId, from],
  );
  return rowCount === 1 ? findJob(db, jobId) : null;
}

/** Reports a running job's step; false when the job is no longer running (cancelled meanwhile). */
export async function reportProgress(db: Queryable, jobId: string, progress: number, step: string): Promise<boolean> {
  const { rowCount } = await db.query(`UPDATE pipeline_jobs SET result_summary = $2 WHERE id = $1 AND status = 'running'`, [
    jobId,
    `${step} (${progress}%)`,
  ]);
  await db.query(`UPDATE ${RECEIVER_SCHEMA}.deliveries SET progress = $2, step = $3 WHERE job_id = $1`, [jobId, progress, step]);
  return rowCount === 1;
}

export async function finishJob(
  db: Queryable,
  jobId: string,
  outcome: { status: 'succeeded'; summary: string } | { status: 'failed'; error: string; summary: string },
): Promise<boolean> {
  const { rowCount } = await db.query(
    `UPDATE pipeline_jobs SET status = $2, finished_at = now(), result_summary = $3, error = $4 WHERE id = $1 AND status = 'running'`,
    [jobId, outcome.status, outcome.summary, outcome.status === 'failed' ? outcome.error : null],
  );
  if (rowCount === 1 && outcome.status === 'succeeded') {
    await db.query(`UPDATE ${RECEIVER_SCHEMA}.deliveries SET progress = 100, step = NULL WHERE job_id = $1`, [jobId]);
  }
  return rowCount === 1;
}

/** Cancels a job not yet finished; the job as it is afterwards (null: no such job). */
export async function cancelJob(db: Queryable, jobId: string): Promise<{ cancelled: boolean; row: JobRow | null }> {
  const { rowCount } = await db.query(
    `UPDATE pipeline_jobs SET status = 'cancelled', finished_at = now() WHERE id = $1 AND status IN ('requested', 'queued', 'running')`,
    [jobId],
  );
  return { cancelled: rowCount === 1, row: await findJob(db, jobId) };
}

/** A job cancelled elsewhere (the app, through sync) gets its finish time from the pipeline. */
export async function noteCancelled(db: Queryable, jobId: string): Promise<void> {
  await db.query(`UPDATE pipeline_jobs SET finished_at = now() WHERE id = $1 AND status = 'cancelled' AND finished_at IS NULL`, [jobId]);
}

export async function progressOf(db: Queryable, jobId: string): Promise<{ progress: number; step: string | null } | null> {
  const { rows } = await db.query<{ progress: number; step: string | null }>(
    `SELECT progress, step FROM ${RECEIVER_SCHEMA}.deliveries WHERE job_id = $1`,
    [jobId],
  );
  return rows[0] ?? null;
}
