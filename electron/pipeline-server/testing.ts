// Test helpers for the reference receiver: signed requests as an app sends them.
export { ensureDemoPipelines } from './demo';
import crypto from 'node:crypto';
import { Webhook } from 'standardwebhooks';

export const TEST_SECRET = `whsec_${Buffer.from('ops-console-test-secret-32-bytes').toString('base64')}`;

export interface SignOptions {
  secret?: string;
  id?: string;
  /** Seconds since the epoch (default now). */
  timestamp?: number;
}

/** Standard Webhooks headers for `body`, as the app signs a delivery when it sends it. */
export function signedHeaders(body: string, options: SignOptions = {}): Record<string, string> {
  const id = options.id ?? `msg_${crypto.randomUUID()}`;
  const at = new Date((options.timestamp ?? Math.floor(Date.now() / 1000)) * 1000);
  return {
    'webhook-id': id,
    'webhook-timestamp': String(Math.floor(at.getTime() / 1000)),
    'webhook-signature': new Webhook(options.secret ?? TEST_SECRET).sign(id, at, body),
    'content-type': 'application/json',
  };
}

export interface Delivery {
  job_id: string;
  pipeline: string;
  params: Record<string, unknown>;
  requested_by: string | null;
  requested_at: string;
  project_id?: string | null;
}

/** POSTs a delivery, signed (unless `sign` says otherwise); the answer's status and JSON. */
export async function deliver(
  baseUrl: string,
  delivery: Delivery,
  sign: SignOptions = {},
): Promise<{ status: number; body: Record<string, unknown> }> {
  const text = JSON.stringify(delivery);
  const res = await fetch(`${baseUrl}/pipelines/${encodeURIComponent(delivery.pipeline)}/runs`, {
    method: 'POST',
    headers: signedHeaders(text, { id: delivery.job_id, ...sign }),
    body: text,
  });
  return { status: res.status, body: (await res.json()) as Record<string, unknown> };
}

/** Polls `check` until it returns something other than undefined/false, or fails after `ms`. */
export async function waitFor<T>(check: () => Promise<T | undefined | false>, ms = 20_000, what = 'the condition'): Promise<T> {
  const until = Date.now() + ms;
  for (;;) {
    const value = await check();
    if (value !== undefined && value !== false) return value;
    if (Date.now() > until) throw new Error(`Timed out after ${ms} ms waiting for ${what}`);
    await new Promise((resolve) => setTimeout(resolve, 50));
  }
}
