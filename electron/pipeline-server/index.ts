// The reference pipeline receiver (DESIGN.md section 4, docs/pipelines.md): a real webhook server
// for development, demos and tests, beside the central database. `npm run pipeline-server` runs it
// from the command line (main.ts); `startPipelineServer` runs it inside another process (central:dev,
// tests).
//
//   POST /pipelines/{slug}/runs   signed delivery {job_id, pipeline, params, requested_by, requested_at}
//   GET  /runs/{id}               the job's status (signed with webhook-id = {id}, or `Authorization: Bearer <secret>`)
//   POST /runs/{id}/cancel        signed with webhook-id = {id} over {"action":"cancel","job_id":"{id}"}:
//                                 cancels a job not yet finished (no other signed request replays as a cancel)
import http from 'node:http';
import pg from 'pg';
import { plainReason } from '../core/central/connection';
import { Verifier } from './auth';
import { HttpError, isLoopbackHost, parseJson, readBody, sendJson } from './http';
import { BadSchemaError, checkParams } from './params';
import {
  FINISHED,
  cancelJob,
  findDelivery,
  findJob,
  findPipeline,
  installReceiverSchema,
  progressOf,
  queueJob,
  recordDelivery,
  type JobRow,
} from './store';
import { Workers } from './worker';

export interface PipelineServerOptions {
  /** The central PostgreSQL, as a login that may write pipeline jobs (ops_pipeline_worker, or an admin). */
  centralUrl: string;
  /** The Standard Webhooks secret, `whsec_<base64>`, shared with the apps. Never logged. */
  secret: string;
  /** 0 (the default) picks a free port. */
  port?: number;
  /** Address to listen on; loopback by default. Anything else also lifts the Host check. */
  host?: string;
  /** Simulated time runs this many times faster (1: realistic durations, minutes; 100 for tests). */
  speed?: number;
  /** Seed of the simulations (same seed, same job id and params: same run). Random by default. */
  seed?: number;
  /** Share of runs that fail, 0 to 1 (default 0.1). */
  failureRate?: number;
  /** Jobs run at once (default 4). */
  concurrency?: number;
  /** Largest request body in bytes (default 64 kB; larger: 413). */
  maxBodyBytes?: number;
  /** How long a client may take to send its request, in ms (default 15 s; slower: 408). */
  readTimeoutMs?: number;
  log?: (line: string) => void;
}

export interface PipelineServer {
  url: string;
  port: number;
  stop(): Promise<void>;
}

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

export async function startPipelineServer(options: PipelineServerOptions): Promise<PipelineServer> {
  const verifier = new Verifier(options.secret);
  const log = options.log ?? (() => undefined);
  const host = options.host ?? '127.0.0.1';
  const loopbackOnly = ['127.0.0.1', 'localhost', '::1'].includes(host);
  const maxBodyBytes = options.maxBodyBytes ?? 64 * 1024;
  const readTimeoutMs = options.readTimeoutMs ?? 15_000;

  const pool = new pg.Pool({ connectionString: options.centralUrl, max: 6, application_name: 'ops-pipeline-server' });
  pool.on('error', (error) => log(`central: ${error.message}`));
  await installReceiverSchema(pool);
  const workers = new Workers({
    centralUrl: options.centralUrl,
    pool,
    speed: options.speed ?? 1,
    seed: options.seed ?? Math.floor(Math.random() * 2 ** 31),
    failureRate: options.failureRate ?? 0.1,
    concurrency: options.concurrency ?? 4,
    log,
  });
  await workers.start();

  let port = 0;
  const server = http.createServer(
    { requestTimeout: readTimeoutMs, headersTimeout: readTimeoutMs, connectionsCheckingInterval: Math.min(1_000, readTimeoutMs) },
    (req, res) => {
      handle(req, res).catch((error: unknown) => {
        if (error instanceof HttpError) {
          sendJson(res, error.status, { ...error.extra, error: error.message }, error.status === 413 ? { Connection: 'close' } : {});
        } else if (isTransient(error)) {
          // The central is unreachable or busy: the app retries (5xx), after Retry-After.
          log(`central unavailable: ${plainReason(error)}`);
          sendJson(
            res,
            503,
            { error: 'The receiver cannot reach the central database just now; try again shortly.' },
            { 'Retry-After': '10' },
          );
        } else {
          log(`error: ${plainReason(error)}`);
          sendJson(res, 500, { error: 'The receiver failed to handle the request; try again later.' });
        }
      });
    },
  );

  async function handle(req: http.IncomingMessage, res: http.ServerResponse): Promise<void> {
    if (loopbackOnly && !isLoopbackHost(req.headers.host, port)) {
      throw new HttpError(421, 'This receiver only answers on 127.0.0.1.');
    }
    const path = new URL(req.url ?? '/', 'http://127.0.0.1').pathname;
    let match: RegExpExecArray | null;
    if ((match = /^\/pipelines\/([^/]+)\/runs$/.exec(path))) {
      if (req.method !== 'POST') throw new HttpError(405, 'Use POST to trigger a run.');
      return receive(decodeURIComponent(match[1]!), req, res);
    }
    if ((match = /^\/runs\/([^/]+)$/.exec(path))) {
      if (req.method !== 'GET') throw new HttpError(405, 'Use GET for a run’s status.');
      const body = await readBody(req, maxBodyBytes);
      const jobId = decodeURIComponent(match[1]!);
      if (!verifier.checkBearer(req.headers)) authenticateFor(jobId, req, body);
      return status(jobId, res);
    }
    if ((match = /^\/runs\/([^/]+)\/cancel$/.exec(path))) {
      if (req.method !== 'POST') throw new HttpError(405, 'Use POST to cancel a run.');
      const jobId = decodeURIComponent(match[1]!);
      const body = await readBody(req, maxBodyBytes);
      authenticateFor(jobId, req, body);
      // The signed body says what to do to which job, so no other signed request (a status
      // poll's empty body, say) can be replayed as a cancel.
      const asked = parseCancel(body);
      if (!asked || asked.action !== 'cancel' || typeof asked.job_id !== 'string' || asked.job_id.toLowerCase() !== jobId.toLowerCase()) {
        throw new HttpError(401, 'A cancel must be signed over {"action":"cancel","job_id":"<this job>"}.');
      }
      return cancel(jobId, res);
    }
    throw new HttpError(404, 'No such route: POST /pipelines/{slug}/runs, GET /runs/{id}, POST /runs/{id}/cancel.');
  }

  function authenticate(req: http.IncomingMessage, body: Buffer): void {
    const reason = verifier.checkSignature(req.headers, body);
    if (reason) throw new HttpError(401, reason);
  }

  function parseCancel(body: Buffer): { action?: unknown; job_id?: unknown } | null {
    try {
      const value: unknown = JSON.parse(body.toString('utf8'));
      return typeof value === 'object' && value !== null ? (value as { action?: unknown; job_id?: unknown }) : null;
    } catch {
      return null;
    }
  }

  /** A signed request about one job: signed for that job (webhook-id = the job in the path). */
  function authenticateFor(jobId: string, req: http.IncomingMessage, body: Buffer): void {
    authenticate(req, body);
    if (String(req.headers['webhook-id'] ?? '').toLowerCase() !== jobId.toLowerCase()) {
      throw new HttpError(401, 'This request is signed for another job (its webhook-id is not the job in the address).');
    }
  }

  async function receive(slug: string, req: http.IncomingMessage, res: http.ServerResponse): Promise<void> {
    const body = await readBody(req, maxBodyBytes);
    authenticate(req, body);
    const delivery = envelope(parseJson(body), String(req.headers['webhook-id']), slug);

    // A replay (a retry after a lost answer): the original answer, never a second run.
    const replay = await replayOf(delivery);
    if (replay) return sendJson(res, replay.status, replay.body);

    const pipeline = await findPipeline(pool, slug);
    if (!pipeline) throw new HttpError(404, `There is no pipeline "${slug}" at the central database.`);
    if (!pipeline.active) throw new HttpError(410, `The pipeline "${slug}" is no longer active.`);
    let check;
    try {
      check = checkParams(pipeline.params_schema, delivery.params);
    } catch (error) {
      if (error instanceof BadSchemaError) throw new HttpError(500, error.message);
      throw error;
    }
    if (!check.ok) {
      throw new HttpError(422, `The parameters do not fit the pipeline "${slug}": ${check.reasons.join('; ')}.`, {
        reasons: check.reasons,
      });
    }

    // Accept: the central's job row, the delivery and the queue entry in one transaction.
    const client = await pool.connect();
    try {
      await client.query('BEGIN');
      let queued;
      try {
        queued = await queueJob(client, { ...delivery, pipeline_id: pipeline.id });
      } catch (error) {
        throw refusedByCentral(error) ?? error;
      }
      if (queued.row.pipeline_id !== pipeline.id) {
        throw new HttpError(409, `The job ${delivery.job_id} belongs to another pipeline (${queued.row.pipeline}).`);
      }
      // Queued now (by this delivery): run it. Otherwise it was cancelled before it arrived, or
      // someone else runs it: say where it is, run nothing.
      const runs = queued.inserted || queued.row.status === 'queued';
      const answer = { status: runs ? 202 : 200, body: jobAnswer(queued.row) };
      if (
        !(await recordDelivery(client, {
          ...delivery,
          pipeline: slug,
          request: delivery,
          response_status: answer.status,
          response: answer.body,
        }))
      ) {
        await client.query('ROLLBACK');
        const again = await replayOf(delivery);
        return sendJson(res, again!.status, again!.body);
      }
      if (runs) await workers.enqueue(client, delivery.job_id);
      await client.query('COMMIT');
      log(`job ${delivery.job_id} (${slug}) ${runs ? 'queued' : `not run: it is ${queued.row.status}`}`);
      sendJson(res, answer.status, answer.body);
    } catch (error) {
      await client.query('ROLLBACK').catch(() => undefined);
      throw error;
    } finally {
      client.release();
    }
  }

  async function replayOf(delivery: Envelope): Promise<{ status: number; body: unknown } | null> {
    const stored = await findDelivery(pool, delivery.job_id);
    if (!stored) return null;
    if (JSON.stringify(canonical(stored.request)) !== JSON.stringify(canonical(delivery))) {
      throw new HttpError(409, `The job id ${delivery.job_id} was already used for a different request; a new run needs a new job id.`);
    }
    return { status: stored.response_status, body: stored.response };
  }

  async function status(jobId: string, res: http.ServerResponse): Promise<void> {
    const job = UUID.test(jobId) ? await findJob(pool, jobId) : null;
    if (!job) throw new HttpError(404, `There is no job ${jobId}.`);
    const progress = await progressOf(pool, jobId);
    sendJson(res, 200, {
      ...jobAnswer(job),
      progress: job.status === 'succeeded' ? 100 : (progress?.progress ?? 0),
      step: job.status === 'running' ? (progress?.step ?? null) : null,
    });
  }

  async function cancel(jobId: string, res: http.ServerResponse): Promise<void> {
    if (!UUID.test(jobId)) throw new HttpError(404, `There is no job ${jobId}.`);
    const { cancelled, row } = await cancelJob(pool, jobId);
    if (!row) throw new HttpError(404, `There is no job ${jobId}.`);
    if (cancelled) {
      workers.abort(jobId);
      await workers.boss.cancel('pipeline-runs', jobId).catch(() => undefined);
      log(`job ${jobId} cancelled`);
      return sendJson(res, 200, jobAnswer(row));
    }
    if (row.status === 'cancelled') return sendJson(res, 200, jobAnswer(row));
    throw new HttpError(
      409,
      `The job already ${row.status === 'succeeded' ? 'succeeded' : 'failed'}: there is nothing to cancel.`,
      jobAnswer(row),
    );
  }

  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(options.port ?? 0, host, () => resolve());
  });
  port = (server.address() as { port: number }).port;
  const url = `http://${host.includes(':') ? `[${host}]` : host}:${port}`;
  log(`pipeline receiver listening on ${url}`);

  return {
    url,
    port,
    async stop() {
      await new Promise<void>((resolve) => {
        server.close(() => resolve());
        server.closeAllConnections();
      });
      await workers.stop();
      await pool.end();
    },
  };
}

interface Envelope {
  job_id: string;
  pipeline: string;
  project_id: string | null;
  params: Record<string, unknown>;
  requested_by: string | null;
  requested_at: string;
}

/** The delivery's fields, checked: 400 with what is wrong. */
function envelope(body: unknown, webhookId: string, slug: string): Envelope {
  if (typeof body !== 'object' || body === null || Array.isArray(body)) throw new HttpError(400, 'The request body must be a JSON object.');
  const b = body as Record<string, unknown>;
  const problems: string[] = [];
  if (typeof b.job_id !== 'string' || !UUID.test(b.job_id)) problems.push('job_id must be a UUID');
  else if (b.job_id.toLowerCase() !== webhookId.toLowerCase()) problems.push('job_id must equal the webhook-id header');
  if (b.pipeline !== undefined && b.pipeline !== slug) problems.push(`pipeline must be "${slug}", as in the URL`);
  const params = b.params ?? {};
  if (typeof params !== 'object' || params === null || Array.isArray(params)) problems.push('params must be a JSON object');
  if (b.requested_by != null && (typeof b.requested_by !== 'string' || !UUID.test(b.requested_by)))
    problems.push("requested_by must be the requesting consultant's id (a UUID)");
  if (b.project_id != null && (typeof b.project_id !== 'string' || !UUID.test(b.project_id))) problems.push('project_id must be a UUID');
  if (typeof b.requested_at !== 'string' || Number.isNaN(Date.parse(b.requested_at)))
    problems.push('requested_at must be an ISO 8601 time');
  if (problems.length > 0) throw new HttpError(400, `The delivery is not well formed: ${problems.join('; ')}.`, { reasons: problems });
  return {
    job_id: (b.job_id as string).toLowerCase(),
    pipeline: slug,
    project_id: (b.project_id as string | null | undefined) ?? null,
    params: params as Record<string, unknown>,
    requested_by: (b.requested_by as string | null | undefined) ?? null,
    requested_at: new Date(b.requested_at as string).toISOString(),
  };
}

/** JSON with its object keys sorted: the same delivery serialised another way is still the same. */
function canonical(value: unknown): unknown {
  if (Array.isArray(value)) return value.map(canonical);
  if (value && typeof value === 'object') {
    return Object.fromEntries(
      Object.keys(value as object)
        .sort()
        .map((k) => [k, canonical((value as Record<string, unknown>)[k])]),
    );
  }
  return value;
}

function jobAnswer(job: JobRow): Record<string, unknown> {
  return {
    job_id: job.id,
    pipeline: job.pipeline,
    status: job.status,
    requested_at: job.requested_at.toISOString(),
    started_at: job.started_at?.toISOString() ?? null,
    finished_at: job.finished_at?.toISOString() ?? null,
    error: job.error,
    result_summary: job.result_summary,
    status_url: `/runs/${job.id}`,
    ...(FINISHED.includes(job.status) ? {} : { cancel_url: `/runs/${job.id}/cancel` }),
  };
}

/** Errors that say nothing about the request: a lost or refused connection, a timeout, a deadlock. */
function isTransient(error: unknown): boolean {
  const code = String((error as { code?: unknown }).code ?? '');
  return (
    /^(08|40|53|55|57|58)/.test(code) ||
    ['ECONNREFUSED', 'ECONNRESET', 'ETIMEDOUT', 'EPIPE'].includes(code) ||
    /terminated|timeout/i.test(String(error))
  );
}

/** A refusal by the central's constraints, as a 422 that says which reference is unknown. */
function refusedByCentral(error: unknown): HttpError | null {
  const e = error as { code?: string; constraint?: string };
  if (e.code !== '23503') return null;
  const what = e.constraint?.includes('requested_by')
    ? 'requested_by is not a consultant'
    : e.constraint?.includes('project')
      ? 'project_id is not a project'
      : 'a reference is unknown';
  return new HttpError(422, `The central database does not know this job's references: ${what}.`, { reasons: [what] });
}

export { ensureDemoPipelines } from './demo';
export { newWebhookSecret } from './auth';
