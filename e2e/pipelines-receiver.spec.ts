// The Pipelines screens of a Work workspace through the browser host, with the REAL reference
// receiver (`npm run pipeline-server`, a child process: standardwebhooks verification, pg-boss
// queue) beside a real throwaway central PostgreSQL: trigger → run → `succeeded` by sync; offline →
// waiting with its reason → the network back → delivered once; a wrong secret's 401 shown and the
// job kept; 500, 500, 202 on the retry schedule → delivered once; kill -9 of the host mid-delivery
// → one job; a delivery queued two hours ago accepted (signed when sent).
import http from 'node:http';
import path from 'node:path';
import crypto from 'node:crypto';
import { expect, test, type Page } from '@playwright/test';
import Database from 'better-sqlite3';
import { createCentral, type E2eCentral } from './central';
import { startHost, type RunningHost } from './host';
import { lookAt } from './look';
import {
  freePort,
  fillWorkCentral,
  startReceiver,
  tcpLink,
  TEST_SECRET,
  via,
  type Link,
  type RunningReceiver,
  type WorkCentral,
} from './receiver';

test.use({ viewport: { width: 1366, height: 768 } });

const UUID = /[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}/;

let central: E2eCentral;
let work: WorkCentral;
/** Whatever a test started, stopped after it whatever happened. */
let cleanup: Array<() => Promise<unknown>> = [];

test.beforeAll(async () => {
  central = await createCentral();
  work = await fillWorkCentral(central);
});
test.afterAll(async () => {
  await central.drop();
});
test.afterEach(async () => {
  for (const stop of cleanup.reverse()) await stop().catch(() => undefined);
  cleanup = [];
});

async function receiver(options: { port?: number; host?: string } = {}): Promise<RunningReceiver> {
  const r = await startReceiver({ centralUrl: central.url, secret: TEST_SECRET, ...options });
  cleanup.push(() => r.stop());
  return r;
}

async function host(options: Parameters<typeof startHost>[0] & { pipelineApi: string }): Promise<RunningHost> {
  const h = await startHost({ workspace: 'work', central: work.consultantUrl, as: work.email, webhookSecret: TEST_SECRET, ...options });
  cleanup.push(() => h.stop());
  return h;
}

async function link(targetPort: number): Promise<Link> {
  const l = await tcpLink(targetPort);
  cleanup.push(() => l.down());
  return l;
}

/** The receiver's own record of a job: its accepted deliveries and its pg-boss queue entries. */
async function atReceiver(jobId: string): Promise<{ deliveries: number; queued: number }> {
  // No receiver has ever run on this central: it has received nothing.
  const installed = await central.admin.query(`SELECT to_regclass('ops_receiver.deliveries') IS NOT NULL AS yes`);
  if (!installed.rows[0].yes) return { deliveries: 0, queued: 0 };
  const { rows } = await central.admin.query(
    `SELECT (SELECT count(*)::int FROM ops_receiver.deliveries WHERE job_id = $1) AS deliveries,
            (SELECT count(*)::int FROM ops_receiver_queue.job WHERE id = $1) AS queued`,
    [jobId],
  );
  return rows[0] as { deliveries: number; queued: number };
}

/** How often the receiver started running a job (its log). */
function runsOf(r: RunningReceiver, jobId: string): number {
  return r
    .output()
    .split('\n')
    .filter((line) => line.includes(`job ${jobId} `) && line.includes(' running:')).length;
}

async function centralJob(jobId: string): Promise<{ status: string; requested_at: Date } | undefined> {
  const { rows } = await central.admin.query('SELECT status, requested_at FROM pipeline_jobs WHERE id = $1', [jobId]);
  return rows[0] as { status: string; requested_at: Date } | undefined;
}

/** The Pipelines screen once the Work workspace's first sync has brought the pipelines. */
async function openPipelines(page: Page, h: RunningHost): Promise<void> {
  await page.goto(`${h.url}#/pipelines`);
  await expect(page.getByTestId('pipeline-row').first()).toBeVisible({ timeout: 30_000 });
}

/** Triggers the client KPI report from its generated form; the job id from the toast. */
async function triggerKpi(page: Page, month = '2026-10'): Promise<string> {
  await page.getByRole('button', { name: 'Run Client KPI report' }).click();
  const dialog = page.getByRole('dialog', { name: 'Run Client KPI report' });
  await dialog.getByLabel('Month (required)').fill(month);
  await dialog.getByLabel('Format').selectOption('html');
  await dialog.getByLabel('Project (optional)').selectOption({ label: work.projectName });
  await dialog.getByRole('button', { name: 'Review and run…' }).click();
  await dialog.getByRole('button', { name: 'Run Client KPI report' }).click();
  await expect(dialog).toBeHidden();
  const toast = await page.getByText(new RegExp(`^Job ${UUID.source} requested$`)).textContent();
  return UUID.exec(toast ?? '')![0];
}

async function openJob(page: Page, h: RunningHost, jobId: string): Promise<void> {
  await page.goto(`${h.url}#/pipelines/jobs/${jobId}`);
  await expect(page.getByTestId('job-id')).toHaveText(jobId);
}

async function syncNow(page: Page): Promise<void> {
  await page.getByRole('link', { name: 'Sync', exact: true }).click();
  await page.getByRole('button', { name: 'Sync now' }).click();
}

test('trigger from the form → the receiver verifies and runs it → succeeded on screen after sync', async ({ page }) => {
  const r = await receiver();
  const h = await host({ pipelineApi: r.url });
  await openPipelines(page, h);
  await expect(page.getByTestId('sync-indicator')).toHaveText(/Synced/);
  const jobId = await triggerKpi(page);

  await openJob(page, h, jobId);
  await expect(page.getByTestId('job-status')).toHaveAttribute('data-status', 'succeeded', { timeout: 30_000 });
  await expect(page.getByTestId('delivery-state')).toHaveText(/^Delivered .*\(the receiver answered 202\)\.$/);
  await expect(page.getByTestId('job-result')).toBeVisible();
  await expect(page.getByTestId('job-project')).toHaveText(work.projectName);
  await lookAt(page, 'pipelines-receiver-succeeded-light');

  expect(await atReceiver(jobId)).toEqual({ deliveries: 1, queued: 1 });
  expect(runsOf(r, jobId)).toBe(1);
  expect((await centralJob(jobId))?.status).toBe('succeeded');
});

test('offline: the trigger waits with its reason, and goes exactly once when the network is back', async ({ page }) => {
  const receiverPort = await freePort(); // the receiver is not running yet: nothing answers there
  const centralLink = await link(Number(new URL(central.url).port || 5432));
  const h = await host({ pipelineApi: `http://127.0.0.1:${receiverPort}`, central: via(work.consultantUrl, centralLink.port) });
  await openPipelines(page, h);
  await expect(page.getByTestId('sync-indicator')).toHaveText(/Synced/);
  await centralLink.down(); // the laptop loses the network: no central, no pipeline API
  // The app learns it by its next sync (every 30 s; here at once).
  await syncNow(page);
  await expect(page.getByTestId('sync-indicator')).toHaveText(/Cannot connect/);

  await page.getByRole('link', { name: /^Pipelines$/ }).click();
  const jobId = await triggerKpi(page);
  const waiting = page.getByTestId('pending-row').filter({ hasText: jobId.slice(-8) });
  await expect(waiting).toContainText('waiting for the network (could not reach the pipeline API (ECONNREFUSED))');
  // The second attempt (5 s later) fails too: the next is minutes away.
  await expect(waiting.locator('td').nth(2)).toHaveText('2', { timeout: 15_000 });
  await expect(waiting).toContainText(/next attempt in [45] min/);
  await page.getByRole('heading', { name: 'Waiting to be sent' }).scrollIntoViewIfNeeded();
  await lookAt(page, 'pipelines-receiver-offline-light');
  expect(await atReceiver(jobId)).toEqual({ deliveries: 0, queued: 0 });

  // The network is back: the receiver answers and the central too; the app's next sync reaches it.
  const r = await receiver({ port: receiverPort });
  await centralLink.up();
  await syncNow(page);
  await openJob(page, h, jobId);
  await expect(page.getByTestId('delivery-state')).toHaveText(/^Delivered /, { timeout: 20_000 });
  await expect(page.getByTestId('job-status')).toHaveAttribute('data-status', 'succeeded', { timeout: 40_000 });
  expect(await atReceiver(jobId)).toEqual({ deliveries: 1, queued: 1 });
  expect(runsOf(r, jobId)).toBe(1);
});

test('a wrong secret: the receiver’s 401 is shown, the job is not delivered but not lost', async ({ page }) => {
  const r = await receiver();
  const h = await host({ pipelineApi: r.url, webhookSecret: `whsec_${crypto.randomBytes(32).toString('base64')}` });
  await openPipelines(page, h);
  await expect(page.getByTestId('sync-indicator')).toHaveText(/Synced/);
  const jobId = await triggerKpi(page);

  await openJob(page, h, jobId);
  const refused = /^not delivered: the receiver refused it \(401\): .+/;
  await expect(page.getByTestId('delivery-state')).toHaveText(refused);
  await expect(page.getByTestId('job-error')).toHaveText(refused);
  await expect(page.getByTestId('job-status')).toHaveAttribute('data-status', 'requested');
  await expect(page.getByRole('button', { name: 'Send again' })).toBeVisible();
  await lookAt(page, 'pipelines-receiver-401-light');

  // Not lost: the job reaches the central by sync, still requested; the receiver has nothing.
  await syncNow(page);
  await expect.poll(async () => (await centralJob(jobId))?.status, { timeout: 20_000 }).toBe('requested');
  expect(await atReceiver(jobId)).toEqual({ deliveries: 0, queued: 0 });
});

test('500, 500, then 202: retried on the schedule, delivered once', async ({ page }) => {
  const r = await receiver();
  // A stand-in in front of the real receiver: two 500s (the second asks for a retry in 1 s with
  // Retry-After, where the schedule would wait 5 minutes), then every request goes on to the receiver.
  const seen: Array<{ at: number; id: string; timestamp: number; body: string }> = [];
  const forward = (req: http.IncomingMessage, body: string, res: http.ServerResponse) => {
    const headers = Object.fromEntries(
      ['webhook-id', 'webhook-timestamp', 'webhook-signature', 'content-type', 'authorization']
        .filter((h) => req.headers[h] !== undefined)
        .map((h) => [h, String(req.headers[h])]),
    );
    const hasBody = req.method !== 'GET' && req.method !== 'HEAD';
    fetch(`${r.url}${req.url}`, { method: req.method, headers, body: hasBody ? body : undefined })
      .then(async (answer) => {
        res.writeHead(answer.status, { 'content-type': answer.headers.get('content-type') ?? 'application/json' }).end(await answer.text());
      })
      .catch(() => res.writeHead(502).end());
  };
  const standIn = http.createServer((req, res) => {
    const chunks: Buffer[] = [];
    req.on('data', (c: Buffer) => chunks.push(c));
    req.on('end', () => {
      const body = Buffer.concat(chunks).toString('utf8');
      // Only the deliveries are scripted; the job page's GET /runs/{id} goes through as it is.
      if (req.method !== 'POST' || !req.url?.startsWith('/pipelines/')) return forward(req, body, res);
      seen.push({ at: Date.now(), id: String(req.headers['webhook-id']), timestamp: Number(req.headers['webhook-timestamp']), body });
      if (seen.length === 1) return void res.writeHead(500, { 'content-type': 'application/json' }).end('{"error":"boom"}');
      if (seen.length === 2)
        return void res.writeHead(500, { 'content-type': 'application/json', 'retry-after': '1' }).end('{"error":"boom again"}');
      forward(req, body, res);
    });
  });
  await new Promise<void>((resolve) => standIn.listen(0, '127.0.0.1', resolve));
  cleanup.push(() => new Promise((resolve) => standIn.close(resolve)));
  const h = await host({ pipelineApi: `http://127.0.0.1:${(standIn.address() as { port: number }).port}` });
  await openPipelines(page, h);
  await expect(page.getByTestId('sync-indicator')).toHaveText(/Synced/);
  const jobId = await triggerKpi(page);

  await openJob(page, h, jobId);
  await expect(page.getByTestId('delivery-state')).toHaveText(/^next attempt in [3-5] s; the receiver answered 500: boom$/);
  await lookAt(page, 'pipelines-receiver-500-light');
  await expect(page.getByTestId('delivery-state')).toHaveText(/^Delivered .*\(the receiver answered 202\)\.$/, { timeout: 20_000 });
  await expect(page.getByTestId('job-status')).toHaveAttribute('data-status', 'succeeded', { timeout: 30_000 });

  expect(seen).toHaveLength(3);
  // The first retry after the schedule's 5 s (±10 % jitter), the second after the receiver's 1 s.
  expect(seen[1]!.at - seen[0]!.at).toBeGreaterThanOrEqual(4_400);
  expect(seen[1]!.at - seen[0]!.at).toBeLessThan(8_000);
  expect(seen[2]!.at - seen[1]!.at).toBeGreaterThanOrEqual(900);
  expect(seen[2]!.at - seen[1]!.at).toBeLessThan(4_000);
  // The same delivery each time (the job id, the same bytes), signed again at each send.
  expect(new Set(seen.map((s) => s.id))).toEqual(new Set([jobId]));
  expect(new Set(seen.map((s) => s.body)).size).toBe(1);
  expect(seen[1]!.timestamp - seen[0]!.timestamp).toBeGreaterThanOrEqual(4);
  expect(await atReceiver(jobId)).toEqual({ deliveries: 1, queued: 1 });
  expect(runsOf(r, jobId)).toBe(1);
});

test('kill -9 of the host while a delivery is in flight → restarted over the same data: one job at the receiver', async ({ page }) => {
  test.setTimeout(150_000);
  // 127.0.0.2 is loopback too; listening there lifts the receiver's Host check, so the link's port may differ.
  const r = await receiver({ host: '127.0.0.2' });
  const toReceiver = await tcpLink(r.port, { targetHost: '127.0.0.2' });
  cleanup.push(() => toReceiver.down());
  const options = { pipelineApi: `http://127.0.0.1:${toReceiver.port}`, port: await freePort(), token: crypto.randomUUID() };
  const first = await host(options);
  await openPipelines(page, first);
  await expect(page.getByTestId('sync-indicator')).toHaveText(/Synced/);

  toReceiver.holdAnswers(); // the receiver takes the delivery; its answer does not come back
  const jobId = await triggerKpi(page);
  await expect.poll(async () => (await atReceiver(jobId)).deliveries, { timeout: 15_000 }).toBe(1);
  await first.kill();
  toReceiver.release();

  const second = await host({ ...options, dataDir: first.dataDir });
  await openJob(page, second, jobId);
  // The dead host's claim lapses (60 s); then the delivery is settled by what sync brought, or sent
  // again and answered with the original job: either way it runs once.
  await expect(page.getByTestId('delivery-state')).toHaveText(/^Delivered /, { timeout: 90_000 });
  await expect(page.getByTestId('job-status')).toHaveAttribute('data-status', 'succeeded', { timeout: 30_000 });
  expect(await atReceiver(jobId)).toEqual({ deliveries: 1, queued: 1 });
  expect(runsOf(r, jobId)).toBe(1);
});

test('a delivery queued two hours ago is accepted: it is signed when sent, not when triggered', async ({ page }) => {
  const receiverPort = await freePort();
  const centralLink = await link(Number(new URL(central.url).port || 5432));
  const options = { pipelineApi: `http://127.0.0.1:${receiverPort}`, central: via(work.consultantUrl, centralLink.port) };
  const first = await host(options);
  await openPipelines(page, first);
  await expect(page.getByTestId('sync-indicator')).toHaveText(/Synced/);
  await centralLink.down();
  const jobId = await triggerKpi(page);
  await expect(page.getByTestId('pending-row').filter({ hasText: jobId.slice(-8) })).toContainText('waiting for the network');
  await first.kill();

  // Two hours pass (the laptop stays offline): the trigger and its delivery are two hours old.
  const db = new Database(path.join(first.dataDir, 'workspace.sqlite'));
  const ago = (iso: string) => new Date(Date.parse(iso) - 2 * 3_600_000).toISOString();
  const job = db.prepare('SELECT requested_at FROM pipeline_jobs WHERE id = ?').get(jobId) as { requested_at: string };
  const delivery = db
    .prepare('SELECT body, created_at, next_attempt_at, last_attempt_at FROM webhook_deliveries WHERE job_id = ?')
    .get(jobId) as {
    body: string;
    created_at: string;
    next_attempt_at: string;
    last_attempt_at: string;
  };
  const body = JSON.parse(delivery.body) as { requested_at: string };
  db.prepare('UPDATE pipeline_jobs SET requested_at = ? WHERE id = ?').run(ago(job.requested_at), jobId);
  db.prepare(
    'UPDATE webhook_deliveries SET body = ?, created_at = ?, next_attempt_at = ?, last_attempt_at = ?, claim_token = NULL, claim_until = NULL WHERE job_id = ?',
  ).run(
    JSON.stringify({ ...body, requested_at: ago(body.requested_at) }),
    ago(delivery.created_at),
    ago(delivery.next_attempt_at),
    ago(delivery.last_attempt_at),
    jobId,
  );
  db.close();

  const r = await receiver({ port: receiverPort });
  await centralLink.up();
  const second = await host({ ...options, dataDir: first.dataDir });
  await openJob(page, second, jobId);
  await expect(page.getByTestId('delivery-state')).toHaveText(/^Delivered .*\(the receiver answered 202\)\.$/, { timeout: 20_000 });
  await expect(page.getByTestId('job-status')).toHaveAttribute('data-status', 'succeeded', { timeout: 30_000 });
  expect(await atReceiver(jobId)).toEqual({ deliveries: 1, queued: 1 });
  expect(runsOf(r, jobId)).toBe(1);
  const atCentral = await centralJob(jobId);
  expect(Date.now() - atCentral!.requested_at.getTime()).toBeGreaterThan(2 * 3_600_000 - 60_000);
});
