// Triggering, re-running and cancelling pipeline jobs. A trigger writes, in one transaction, the
// synced `pipeline_jobs` row (`requested`, through the outbox like every local write) and its
// local-only webhook delivery; the job id is known at once, and delivery.ts sends it when it can.
import { OpsError } from '../../../shared/contract';
import type { Cancelled, Triggered } from '../../../shared/features/pipelines/types';
import type { Replica } from '../sync/replica';
import { cachedStatement } from '../db/query';
import type { PipelineJobsTable } from '../db/schema';
import { cancelRequestedJob, joinUrl } from './delivery';
import { sendSigned, type FetchLike } from './http';
import { checkParams } from './params';
import { expiresAfterMinutes, parseSchema, usablePipeline } from './rules';

export interface TriggerInput {
  pipelineId?: string;
  slug?: string;
  params?: unknown;
  projectId?: string | null;
}

export function triggerJob(replica: Replica, consultantId: string, input: TriggerInput, now: Date = new Date(replica.now())): Triggered {
  return replica.transaction(() => {
    assertActiveConsultant(replica, consultantId);
    const pipeline = usablePipeline(replica.db, input);
    const schema = parseSchema(pipeline.params_schema);
    const params = checkParams(schema, input.params ?? {}, pipeline.name);
    const projectId = input.projectId ?? null;
    if (projectId !== null) assertProject(replica, projectId);

    const jobId = replica.newId();
    const requestedAt = now.toISOString();
    const expiresAt = new Date(now.getTime() + expiresAfterMinutes(schema) * 60_000).toISOString();
    replica.insert('pipeline_jobs', {
      id: jobId,
      pipeline_id: pipeline.id,
      project_id: projectId,
      status: 'requested',
      params: JSON.stringify(params),
      requested_by: consultantId,
      requested_at: requestedAt,
      started_at: null,
      finished_at: null,
      error: null,
      result_summary: null,
    });
    const body = JSON.stringify({
      job_id: jobId,
      pipeline: pipeline.slug,
      params,
      requested_by: consultantId,
      requested_at: requestedAt,
      project_id: projectId,
    });
    cachedStatement(
      replica.db,
      `INSERT INTO webhook_deliveries (id, job_id, pipeline_id, pipeline_slug, url_path, body, status, attempts, created_at, next_attempt_at, expires_at)
       VALUES (?, ?, ?, ?, ?, ?, 'pending', 0, ?, ?, ?)`,
    ).run(
      replica.newId(),
      jobId,
      pipeline.id,
      pipeline.slug,
      `/pipelines/${encodeURIComponent(pipeline.slug)}/runs`,
      body,
      requestedAt,
      requestedAt,
      expiresAt,
    );
    return { jobId, pipeline: pipeline.slug, params, requestedAt, expiresAt };
  });
}

/** A new job with the same pipeline, parameters and project (checked again against today's schema). */
export function rerunJob(replica: Replica, consultantId: string, jobId: string, now: Date = new Date(replica.now())): Triggered {
  const job = existingJob(replica, jobId);
  return triggerJob(replica, consultantId, { pipelineId: job.pipeline_id, params: JSON.parse(job.params), projectId: job.project_id }, now);
}

export type { Cancelled, Triggered };

export interface CancelOptions {
  /** The pipeline API, to cancel a job already delivered; without it a cancel goes by sync alone. */
  pipelineApi?: string | null;
  secret?: string | null;
  fetch?: FetchLike;
  now?: Date;
  timeoutMs?: number;
}

/**
 * Cancels a job that has not finished. Not yet delivered: its delivery is cancelled and the job
 * marked `cancelled` (synced). Delivered: a signed `POST {api}/runs/{id}/cancel` to the receiver,
 * and the job marked `cancelled` here too; when the receiver cannot be reached, the synced status
 * carries the cancel.
 */
export async function cancelJob(replica: Replica, consultantId: string, jobId: string, options: CancelOptions = {}): Promise<Cancelled> {
  const job = existingJob(replica, jobId);
  if (job.requested_by !== consultantId) {
    throw new OpsError('invalid_input', 'You can cancel only the pipeline jobs you requested.', 'id');
  }
  if (['succeeded', 'failed', 'cancelled'].includes(job.status)) {
    throw new OpsError(
      'conflict',
      `This job already ${job.status === 'cancelled' ? 'was cancelled' : job.status}; there is nothing to cancel.`,
      'id',
    );
  }
  const beforeDelivery = replica.transaction(() => {
    const delivery = cachedStatement(replica.db, 'SELECT status, claim_until FROM webhook_deliveries WHERE job_id = ?').get(jobId) as
      { status: string; claim_until: string | null } | undefined;
    if (job.status !== 'requested' || delivery?.status === 'delivered') return false;
    // Being sent this moment: whether the receiver has it is not known yet. Saying "cancelled
    // before it was sent" could be false; the user cancels again once the answer is in.
    if (delivery?.status === 'pending' && delivery.claim_until && delivery.claim_until > new Date(replica.now()).toISOString()) {
      throw new OpsError('conflict', 'It is being sent right now; cancel it again in a few seconds, once the receiver has answered.', 'id');
    }
    // Not delivered (pending, or refused): it never reaches the receiver now. A sender that holds a
    // claim on it keeps sending; if that lands, the synced `cancelled` stops the run at the receiver.
    cachedStatement(
      replica.db,
      `UPDATE webhook_deliveries SET status = 'cancelled', last_error = 'cancelled before it was sent' WHERE job_id = ? AND status <> 'delivered'`,
    ).run(jobId);
    cancelRequestedJob(replica, jobId);
    return true;
  });
  if (beforeDelivery) return { jobId, via: 'local', message: 'Cancelled before it was sent.' };

  let via: Cancelled['via'] = 'sync';
  let message = 'The receiver could not be reached; the cancel goes with the next sync and stops the run within seconds.';
  if (options.pipelineApi && options.secret) {
    const answer = await sendSigned({
      url: joinUrl(options.pipelineApi, `/runs/${encodeURIComponent(jobId)}/cancel`),
      id: jobId,
      // Signed with the action and the job: a cancel's signature is good for this cancel only.
      body: JSON.stringify({ action: 'cancel', job_id: jobId }),
      secret: options.secret,
      at: options.now ?? new Date(replica.now()),
      fetch: options.fetch,
      timeoutMs: options.timeoutMs,
    });
    if (answer.kind === 'answer' && answer.status === 409) {
      const status = (answer.json as { status?: unknown } | undefined)?.status;
      throw new OpsError(
        'conflict',
        `The job already ${typeof status === 'string' ? status : 'finished'} at the receiver, so it cannot be cancelled. Sync to see its result.`,
        'id',
      );
    }
    if (answer.kind === 'answer' && answer.status >= 200 && answer.status < 300) {
      via = 'receiver';
      message = 'Cancelled: the receiver stopped the run.';
    } else if (answer.kind === 'answer' && answer.status !== 404 && answer.status < 500) {
      message = `The receiver refused the cancel (${answer.status}${answer.reason ? `: ${answer.reason}` : ''}); the cancel goes with the next sync instead.`;
    }
  }
  replica.transaction(() => {
    const current = cachedStatement(replica.db, 'SELECT status FROM pipeline_jobs WHERE id = ?').get(jobId) as { status: string };
    if (!['succeeded', 'failed', 'cancelled'].includes(current.status)) replica.update('pipeline_jobs', jobId, { status: 'cancelled' });
  });
  return { jobId, via, message };
}

/**
 * Sends a refused delivery again (after the secret or the receiver was fixed): pending, due now,
 * its attempts counted afresh. Only a `failed` delivery can be retried; an expired one is re-run.
 */
export function retryDelivery(replica: Replica, jobId: string, now: Date = new Date(replica.now())): void {
  replica.transaction(() => {
    const delivery = cachedStatement(replica.db, 'SELECT status, expires_at, claim_until FROM webhook_deliveries WHERE job_id = ?').get(
      jobId,
    ) as { status: string; expires_at: string; claim_until: string | null } | undefined;
    if (!delivery) throw new OpsError('not_found', 'This job has no delivery on this computer to send again.', 'id');
    if (delivery.expires_at <= now.toISOString()) {
      throw new OpsError('conflict', 'This trigger has expired; re-run it to send a fresh one.', 'id');
    }
    if (delivery.status === 'pending') {
      // Waiting for its next attempt (after a 5xx, say): that attempt now, the schedule kept.
      if (delivery.claim_until && delivery.claim_until > now.toISOString()) {
        throw new OpsError('conflict', 'It is being sent right now; wait for the answer.', 'id');
      }
      cachedStatement(replica.db, `UPDATE webhook_deliveries SET next_attempt_at = ? WHERE job_id = ?`).run(now.toISOString(), jobId);
      return;
    }
    if (delivery.status !== 'failed') {
      throw new OpsError(
        'conflict',
        `Its delivery is ${delivery.status}, not refused: there is nothing to send again. Re-run the job instead.`,
        'id',
      );
    }
    cachedStatement(
      replica.db,
      `UPDATE webhook_deliveries SET status = 'pending', attempts = 0, next_attempt_at = ?, claim_token = NULL, claim_until = NULL WHERE job_id = ?`,
    ).run(now.toISOString(), jobId);
  });
}

type JobRow = Pick<PipelineJobsTable, 'id' | 'pipeline_id' | 'project_id' | 'status' | 'params' | 'requested_by'>;

function existingJob(replica: Replica, jobId: string): JobRow {
  const job = cachedStatement(
    replica.db,
    'SELECT id, pipeline_id, project_id, status, params, requested_by FROM pipeline_jobs WHERE id = ?',
  ).get(jobId) as JobRow | undefined;
  if (!job) throw new OpsError('not_found', 'That pipeline job does not exist in this workspace. Sync, or pick one from the list.', 'id');
  return job;
}

function assertActiveConsultant(replica: Replica, consultantId: string): void {
  const row = cachedStatement(replica.db, 'SELECT active FROM consultants WHERE id = ?').get(consultantId) as
    { active: number } | undefined;
  if (!row) {
    throw new OpsError(
      'not_found',
      'The current consultant is not in this workspace. Choose who you are in Settings (or pass --as EMAIL).',
      'consultantId',
    );
  }
  if (row.active !== 1) throw new OpsError('invalid_input', 'This consultant is inactive and cannot run pipelines.', 'consultantId');
}

function assertProject(replica: Replica, projectId: string): void {
  if (!cachedStatement(replica.db, 'SELECT 1 FROM projects WHERE id = ?').get(projectId)) {
    throw new OpsError('not_found', 'That project does not exist in this workspace. Pick a project from the list.', 'projectId');
  }
}
