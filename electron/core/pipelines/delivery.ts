// The delivery engine (DESIGN.md section 4, docs/pipelines.md "Delivery"): sends every due webhook
// delivery in the replica to the pipeline API, signed when sent, and records the outcome. Several
// processes may call `deliverDue` on one replica at once (the app and `ops pipelines deliver`): each
// claims a delivery in a SQLite write transaction before sending it, so none is sent twice at once;
// a claim left by a killed process lapses after CLAIM_LEASE_MS and the delivery is sent again
// (the receiver answers a repeated webhook-id with the original job, so that is safe).
import crypto from 'node:crypto';
import type { Sqlite } from '../db/open';
import { cachedStatement } from '../db/query';
import type { Replica } from '../sync/replica';
import { checkPipelineApi, DEFAULT_TIMEOUT_MS, retryAfterMs, sendSigned, webhookFor, type Answer, type FetchLike } from './http';

/** Standard Webhooks' retry schedule: the wait before attempt n+1 after attempt n failed (8 attempts). */
export const RETRY_SCHEDULE_MS = [0, 5_000, 5 * 60_000, 30 * 60_000, 2 * 3_600_000, 5 * 3_600_000, 10 * 3_600_000, 10 * 3_600_000];
export const MAX_ATTEMPTS = RETRY_SCHEDULE_MS.length;
/** Jitter: each wait is spread ±10 %, so laptops that lost the network together do not return together. */
export const JITTER = 0.1;
/** The longest `Retry-After` honoured as given. */
const MAX_RETRY_AFTER_MS = 24 * 3_600_000;
/** The shortest: `Retry-After: 0` again and again must not hammer the receiver. */
export const MIN_RETRY_AFTER_MS = 1_000;
/** How long a claim holds: longer than a send can take (the 15 s timeout), short enough to retry soon after a crash. */
export const CLAIM_LEASE_MS = 60_000;

export const EXPIRED_REASON = 'expired before it could be sent: re-run it';

export interface DeliverOptions {
  /** The pipeline API's base URL (`https://pipelines.example.com`, or the reference receiver's). */
  pipelineApi: string;
  /** The Standard Webhooks secret (`whsec_…`); signs, is never stored, logged or returned. */
  secret: string;
  fetch?: FetchLike;
  /** The time of this run (default: the replica's clock, corrected by the central's offset). */
  now?: Date;
  /** 0 to 1 in place of Math.random, for the jitter. */
  random?: () => number;
  timeoutMs?: number;
  /** Sends at most this many at once (default 8). */
  concurrency?: number;
  /** Called with each outcome as it happens (`ops pipelines deliver` prints them). */
  onOutcome?: (outcome: DeliveryOutcome) => void;
}

import type { DeliveryOutcome, OutcomeKind } from '../../../shared/features/pipelines/types';
export type { DeliveryOutcome, OutcomeKind };

interface DeliveryRow {
  id: string;
  job_id: string;
  pipeline_id: string;
  pipeline_slug: string;
  url_path: string;
  body: string;
  attempts: number;
  expires_at: string;
  job_status: string | null;
  disabled: number;
}

/** Sends every due delivery once (those that fail are scheduled again); resolves with the outcomes. */
export async function deliverDue(replica: Replica, options: DeliverOptions): Promise<DeliveryOutcome[]> {
  // A missing or malformed secret or address is refused before anything is claimed.
  webhookFor(options.secret);
  checkPipelineApi(options.pipelineApi);
  const outcomes: DeliveryOutcome[] = [];
  const report = (outcome: DeliveryOutcome) => {
    outcomes.push(outcome);
    options.onOutcome?.(outcome);
  };
  const clock = () => options.now ?? new Date(replica.now());
  const seen = new Set<string>();
  for (const outcome of expireDue(replica, clock())) report(outcome);
  const concurrency = Math.max(1, options.concurrency ?? 8);
  for (;;) {
    // Two rounds per claim: even if every send takes the whole timeout (2 × 15 s), the last one
    // starts well inside the claim's lease, so no other sender can take it meanwhile.
    const { claimed, settled } = claimDue(replica, clock(), { limit: concurrency * 2, exclude: seen });
    settled.forEach(report);
    if (claimed.length === 0 && settled.length === 0) break;
    const queue = [...claimed];
    await Promise.all(
      Array.from({ length: Math.min(concurrency, queue.length) }, async () => {
        for (let next = queue.shift(); next; next = queue.shift()) {
          seen.add(next.row.id);
          const result = await sendOne(replica, next, options, clock);
          if (result) report(result);
        }
      }),
    );
  }
  return outcomes;
}

const DELIVERY_SELECT = `
  SELECT d.id, d.job_id, d.pipeline_id, d.pipeline_slug, d.url_path, d.body, d.attempts, d.expires_at,
         j.status AS job_status,
         EXISTS (SELECT 1 FROM pipelines p JOIN pipelines_disabled x ON x.pipeline_id = p.id
                 WHERE p.id = d.pipeline_id AND x.active_clock = coalesce(json_extract(p._clocks, '$.active'), p._hlc)) AS disabled
  FROM webhook_deliveries d LEFT JOIN pipeline_jobs j ON j.id = d.job_id`;

/**
 * Settles a delivery that needs no sending, and says how: the job was cancelled (here or on another
 * device), it is already past `requested` (the receiver has it: an earlier answer was lost, and
 * sync brought its status), or the pipeline is disabled here (a 410). Null: it is to be sent.
 */
function settleWithoutSending(replica: Replica, row: DeliveryRow, at: string): DeliveryOutcome | null {
  if (row.job_status === 'cancelled') {
    settle(replica.db, row.id, 'cancelled', at, 'cancelled before it was sent');
    return outcome(row, 'cancelled', null, 'cancelled before it was sent');
  }
  if (row.job_status !== null && row.job_status !== 'requested') {
    cachedStatement(
      replica.db,
      `UPDATE webhook_deliveries SET status = 'delivered', delivered_at = ?, receiver_status = ?, claim_token = NULL, claim_until = NULL,
         last_error = NULL WHERE id = ?`,
    ).run(at, row.job_status, row.id);
    return outcome(row, 'delivered', null, `already ${row.job_status} at the receiver (learned by sync)`);
  }
  if (row.disabled) {
    const message = 'not sent: the pipeline receiver disabled this pipeline (410)';
    settle(replica.db, row.id, 'disabled', at, message);
    cancelRequestedJob(replica, row.job_id);
    return outcome(row, 'disabled', null, message);
  }
  return null;
}

export interface Claim {
  row: DeliveryRow;
  token: string;
}

/**
 * Claims due deliveries (pending, next attempt reached, no live claim) in one write transaction,
 * and settles at once those that need no sending. Exported for the crash test.
 */
export function claimDue(
  replica: Replica,
  now: Date,
  { limit = 32, exclude = new Set<string>() }: { limit?: number; exclude?: Set<string> } = {},
): { claimed: Claim[]; settled: DeliveryOutcome[] } {
  const at = now.toISOString();
  return replica.transaction(() => {
    const rows = cachedStatement(
      replica.db,
      `${DELIVERY_SELECT}
       WHERE d.status = 'pending' AND d.next_attempt_at <= ? AND (d.claim_until IS NULL OR d.claim_until <= ?)
       ORDER BY d.next_attempt_at, d.id
       LIMIT ?`,
    ).all(at, at, limit + exclude.size) as DeliveryRow[];
    const claimed: Claim[] = [];
    const settled: DeliveryOutcome[] = [];
    for (const row of rows) {
      if (exclude.has(row.id)) continue;
      if (claimed.length >= limit) break;
      const done = settleWithoutSending(replica, row, at);
      if (done) {
        settled.push(done);
        continue;
      }
      const token = crypto.randomUUID();
      cachedStatement(
        replica.db,
        `UPDATE webhook_deliveries SET claim_token = ?, claim_until = ?, attempts = attempts + 1, last_attempt_at = ? WHERE id = ?`,
      ).run(token, new Date(now.getTime() + CLAIM_LEASE_MS).toISOString(), at, row.id);
      claimed.push({ row: { ...row, attempts: row.attempts + 1 }, token });
    }
    return { claimed, settled };
  });
}

/** Marks pending deliveries past their expiry (and not being sent) expired, and cancels their jobs. */
export function expireDue(replica: Replica, now: Date): DeliveryOutcome[] {
  const at = now.toISOString();
  return replica.transaction(() => {
    const rows = cachedStatement(
      replica.db,
      `SELECT d.id, d.job_id, d.pipeline_slug, j.status AS job_status FROM webhook_deliveries d LEFT JOIN pipeline_jobs j ON j.id = d.job_id
       WHERE d.status = 'pending' AND d.expires_at <= ? AND (d.claim_until IS NULL OR d.claim_until <= ?)`,
    ).all(at, at) as Pick<DeliveryRow, 'id' | 'job_id' | 'pipeline_slug' | 'job_status'>[];
    const outcomes: DeliveryOutcome[] = [];
    for (const row of rows) {
      // A job already past `requested` reached the receiver after all (its answer was lost): not expired.
      if (row.job_status !== null && row.job_status !== 'requested') continue;
      settle(replica.db, row.id, 'expired', at, EXPIRED_REASON);
      cancelRequestedJob(replica, row.job_id);
      outcomes.push(outcome(row, 'expired', null, EXPIRED_REASON));
    }
    return outcomes;
  });
}

/** Sends one claimed delivery and records the outcome; null when its claim was lost meanwhile (another sender has it). */
async function sendOne(replica: Replica, claim: Claim, options: DeliverOptions, clock: () => Date): Promise<DeliveryOutcome | null> {
  const { row, token } = claim;
  // Claimed with others: a 410 for one of them, or a cancel, may have come since.
  const before = replica.transaction(() => {
    const current = cachedStatement(replica.db, `${DELIVERY_SELECT} WHERE d.id = ? AND d.claim_token = ? AND d.status = 'pending'`).get(
      row.id,
      token,
    ) as DeliveryRow | undefined;
    if (!current) return { lost: true as const };
    return { lost: false as const, settled: settleWithoutSending(replica, current, clock().toISOString()) };
  });
  if (before.lost) return null;
  if (before.settled) return before.settled;
  const answer = await sendSigned({
    url: joinUrl(options.pipelineApi, row.url_path),
    id: row.job_id,
    body: row.body,
    secret: options.secret,
    at: clock(), // signed now, however long it waited
    fetch: options.fetch,
    timeoutMs: options.timeoutMs ?? DEFAULT_TIMEOUT_MS,
  });
  const now = clock();
  const result = interpret(answer, row.attempts, now, options.random ?? Math.random);
  return replica.transaction(() => {
    const at = now.toISOString();
    const httpStatus = answer.kind === 'answer' ? answer.status : null;
    const lastAnswer = answer.kind === 'answer' ? answer.reason : answer.error;
    const mine = `WHERE id = ? AND claim_token = ? AND status = 'pending'`;
    let changed: number;
    if (result.kind === 'retry') {
      changed = cachedStatement(
        replica.db,
        `UPDATE webhook_deliveries SET next_attempt_at = ?, last_status = ?, last_answer = ?, last_error = ?, claim_token = NULL, claim_until = NULL ${mine}`,
      ).run(result.nextAttemptAt, httpStatus, lastAnswer, result.message, row.id, token).changes;
    } else {
      changed = cachedStatement(
        replica.db,
        `UPDATE webhook_deliveries SET status = ?, last_status = ?, last_answer = ?, last_error = ?, delivered_at = ?, receiver_status = ?,
           claim_token = NULL, claim_until = NULL ${mine}`,
      ).run(
        result.kind,
        httpStatus,
        lastAnswer,
        result.kind === 'delivered' ? null : result.message,
        result.kind === 'delivered' ? at : null,
        result.kind === 'delivered' ? result.receiverStatus : null,
        row.id,
        token,
      ).changes;
      if (changed > 0 && result.kind === 'disabled') {
        disablePipeline(replica.db, row.pipeline_id, at, lastAnswer ?? 'the pipeline is disabled');
        cancelRequestedJob(replica, row.job_id);
      }
    }
    // changed 0: the claim lapsed and another sender took over, or the job was cancelled meanwhile;
    // their record stands.
    const kind: OutcomeKind = result.kind === 'retry' ? 'retrying' : result.kind;
    return outcome(row, kind, httpStatus, result.message, result.kind === 'retry' ? result.nextAttemptAt : null);
  });
}

type Interpretation =
  | { kind: 'delivered'; receiverStatus: string | null; message: string }
  | { kind: 'retry'; nextAttemptAt: string; message: string }
  | { kind: 'failed' | 'disabled'; message: string };

/** What an answer means: 2xx delivered; 410 disabled; 408/429/5xx and no answer retry; any other final. */
export function interpret(answer: Answer, attempts: number, now: Date, random: () => number): Interpretation {
  if (answer.kind === 'answer' && answer.status >= 200 && answer.status < 300) {
    const status = (answer.json as { status?: unknown } | undefined)?.status;
    const receiverStatus = typeof status === 'string' ? status.slice(0, 40) : null;
    return { kind: 'delivered', receiverStatus, message: `delivered (${answer.status}${receiverStatus ? `, ${receiverStatus}` : ''})` };
  }
  if (answer.kind === 'answer' && answer.status === 410) {
    return { kind: 'disabled', message: `the receiver says this pipeline is disabled (410)${because(answer.reason)}` };
  }
  const retryable = answer.kind === 'network' || [408, 429].includes(answer.status) || answer.status >= 500;
  if (!retryable) {
    const what = answer.status >= 300 && answer.status < 400 ? 'answered with a redirect, which is not followed' : 'refused it';
    return { kind: 'failed', message: `not delivered: the receiver ${what} (${answer.status})${because(answer.reason)}` };
  }
  const why =
    answer.kind === 'network'
      ? `waiting for the network: ${answer.error}`
      : `the receiver answered ${answer.status}${because(answer.reason)}`;
  const asked = answer.kind === 'answer' ? retryAfterMs(answer.retryAfter, now) : null;
  // A receiver that says when to come back (a 503 while its database restarts, a 429) is asked
  // again then, however many attempts that takes, until the trigger expires: its short waits must
  // not use up the schedule's eight attempts within seconds. The schedule's limit is for silence.
  if (attempts >= MAX_ATTEMPTS && asked === null) return { kind: 'failed', message: `not delivered after ${attempts} attempts; ${why}` };
  const wait =
    asked !== null
      ? Math.min(Math.max(asked, MIN_RETRY_AFTER_MS), MAX_RETRY_AFTER_MS)
      : Math.round(
          RETRY_SCHEDULE_MS[Math.min(attempts, MAX_ATTEMPTS - 1)]! * (1 - JITTER + 2 * JITTER * Math.min(1, Math.max(0, random()))),
        );
  return { kind: 'retry', nextAttemptAt: new Date(now.getTime() + wait).toISOString(), message: why };
}

function because(reason: string | null): string {
  return reason ? `: ${reason}` : '';
}

function settle(db: Sqlite, id: string, status: 'cancelled' | 'disabled' | 'expired', at: string, message: string): void {
  cachedStatement(
    db,
    `UPDATE webhook_deliveries SET status = ?, last_error = ?, last_attempt_at = coalesce(last_attempt_at, ?), claim_token = NULL, claim_until = NULL
     WHERE id = ?`,
  ).run(status, message, at, id);
}

/** A job that will never be sent is cancelled (synced like any change); the reason stays in its delivery. */
export function cancelRequestedJob(replica: Replica, jobId: string): void {
  const job = cachedStatement(replica.db, 'SELECT status FROM pipeline_jobs WHERE id = ?').get(jobId) as { status: string } | undefined;
  if (job?.status === 'requested') replica.update('pipeline_jobs', jobId, { status: 'cancelled' });
}

function disablePipeline(db: Sqlite, pipelineId: string, at: string, reason: string): void {
  cachedStatement(
    db,
    `INSERT INTO pipelines_disabled (pipeline_id, disabled_at, reason, active_clock)
     SELECT id, ?, ?, coalesce(json_extract(_clocks, '$.active'), _hlc) FROM pipelines WHERE id = ?
     ON CONFLICT (pipeline_id) DO UPDATE SET disabled_at = excluded.disabled_at, reason = excluded.reason, active_clock = excluded.active_clock`,
  ).run(at, reason, pipelineId);
}

function outcome(
  row: Pick<DeliveryRow, 'job_id' | 'pipeline_slug'>,
  kind: OutcomeKind,
  httpStatus: number | null,
  message: string,
  nextAttemptAt: string | null = null,
): DeliveryOutcome {
  return { jobId: row.job_id, pipeline: row.pipeline_slug, outcome: kind, httpStatus, message, nextAttemptAt };
}

export function joinUrl(base: string, path: string): string {
  return `${base.replace(/\/+$/, '')}${path}`;
}

/**
 * The network is back: deliveries waiting for it (their last attempt got no answer) become due at
 * once instead of at their scheduled time. Returns how many.
 */
export function wakeDeliveries(replica: Replica, now: Date = new Date(replica.now())): number {
  return cachedStatement(
    replica.db,
    `UPDATE webhook_deliveries SET next_attempt_at = ?
     WHERE status = 'pending' AND attempts > 0 AND last_status IS NULL AND next_attempt_at > ?`,
  ).run(now.toISOString(), now.toISOString()).changes;
}

/** The next time a delivery falls due (for a timer), or null when none is waiting. */
export function nextDueAt(db: Sqlite): string | null {
  const row = cachedStatement(
    db,
    `SELECT min(max(next_attempt_at, coalesce(claim_until, ''))) AS at FROM webhook_deliveries WHERE status = 'pending'`,
  ).get() as { at: string | null };
  return row.at;
}
