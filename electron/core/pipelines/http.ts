// One signed request to the pipeline API (Standard Webhooks), with a timeout and a bounded read of
// the answer. The secret signs; it never appears in a result, an error or a log line.
import { Webhook } from 'standardwebhooks';
import { OpsError } from '../../../shared/contract';

export type FetchLike = (url: string, init: RequestInit) => Promise<Response>;

/** The most of an answer that is read (the rest is discarded unread). */
export const MAX_ANSWER_BYTES = 64 * 1024;
/** The most of a receiver's reason that is kept and shown. */
export const MAX_REASON_CHARS = 500;
export const DEFAULT_TIMEOUT_MS = 15_000;

export type Answer =
  | { kind: 'answer'; status: number; retryAfter: string | null; json: unknown; reason: string | null; truncated: boolean }
  | { kind: 'network'; error: string };

export interface SignedRequest {
  url: string;
  /** `webhook-id`: the job id. */
  id: string;
  body: string;
  /** POST (default), or GET with an empty body (a job's status). */
  method?: 'POST' | 'GET';
  secret: string;
  /** The signing time (the receiver accepts ±5 minutes of its clock). */
  at: Date;
  fetch?: FetchLike;
  timeoutMs?: number;
}

/** A `Webhook` for the secret, or a refusal that does not repeat it. */
export function webhookFor(secret: string | undefined | null): Webhook {
  if (!secret) {
    throw new OpsError(
      'unsupported',
      'No webhook secret is set, so triggers cannot be signed. Set it in Settings (the app) or OPS_WEBHOOK_SECRET (ops).',
    );
  }
  const invalid = () =>
    new OpsError('invalid_input', 'The webhook secret is not a valid Standard Webhooks secret (whsec_ followed by base64).');
  // The receiver's rule: whsec_ and at least 16 base64 characters.
  if (!/^whsec_[A-Za-z0-9+/=]{16,}$/.test(secret)) throw invalid();
  try {
    return new Webhook(secret);
  } catch {
    throw invalid();
  }
}

/** The pipeline API's address: an http(s) URL, or a refusal that says what is wrong with it. */
export function checkPipelineApi(url: string | undefined | null): URL {
  let parsed: URL | null = null;
  try {
    parsed = url ? new URL(url) : null;
  } catch {
    parsed = null;
  }
  if (!parsed || !['http:', 'https:'].includes(parsed.protocol)) {
    throw new OpsError(
      'invalid_input',
      `The pipeline API address ${url ? `“${url}” ` : ''}is not an http(s) URL (for example https://pipelines.example.com or http://127.0.0.1:8790). Fix it in Settings or with --pipeline-api.`,
    );
  }
  return parsed;
}

export async function sendSigned(request: SignedRequest): Promise<Answer> {
  const webhook = webhookFor(request.secret);
  const timestamp = new Date(Math.floor(request.at.getTime() / 1000) * 1000);
  const headers = {
    'content-type': 'application/json',
    'webhook-id': request.id,
    'webhook-timestamp': String(timestamp.getTime() / 1000),
    'webhook-signature': webhook.sign(request.id, timestamp, request.body),
  };
  const timeoutMs = request.timeoutMs ?? DEFAULT_TIMEOUT_MS;
  const controller = new AbortController();
  const timer = setTimeout(() => controller.abort(new Error(`no answer within ${timeoutMs / 1000} s`)), timeoutMs);
  try {
    const response = await (request.fetch ?? fetch)(request.url, {
      method: request.method ?? 'POST',
      headers,
      body: request.method === 'GET' ? undefined : request.body,
      signal: controller.signal,
      // A redirect is an answer to show, not to follow with a signed body to another address.
      redirect: 'manual',
    });
    const { text, truncated } = await readBounded(response);
    let json: unknown = undefined;
    try {
      json = text ? JSON.parse(text) : undefined;
    } catch {
      json = undefined;
    }
    return {
      kind: 'answer',
      status: response.status,
      retryAfter: response.headers.get('retry-after'),
      json,
      reason: reasonOf(json, text, truncated),
      truncated,
    };
  } catch (error) {
    return { kind: 'network', error: networkReason(error, controller.signal) };
  } finally {
    clearTimeout(timer);
  }
}

async function readBounded(response: Response): Promise<{ text: string; truncated: boolean }> {
  if (!response.body) return { text: '', truncated: false };
  const reader = response.body.getReader();
  const chunks: Uint8Array[] = [];
  let size = 0;
  let truncated = false;
  for (;;) {
    const { done, value } = await reader.read();
    if (done) break;
    if (size + value.byteLength > MAX_ANSWER_BYTES) {
      chunks.push(value.subarray(0, MAX_ANSWER_BYTES - size));
      truncated = true;
      await reader.cancel().catch(() => undefined);
      break;
    }
    chunks.push(value);
    size += value.byteLength;
  }
  return { text: Buffer.concat(chunks).toString('utf8'), truncated };
}

// Control characters (a terminal escape in an answer must not reach a terminal or a screen).
// C0, DEL, C1 (with CSI) and direction overrides: a receiver's words shown on screen and in a terminal.
// eslint-disable-next-line no-control-regex
const CONTROL = /[\u0000-\u001f\u007f-\u009f\u061c\u200e\u200f\u202a-\u202e\u2066-\u2069]+/g;

/** The receiver's own words: its JSON `message` or `error` (with its `reasons`), else its text; bounded. */
export function reasonOf(json: unknown, text: string, truncated = false): string | null {
  let reason: string | null = null;
  if (typeof json === 'object' && json !== null && !Array.isArray(json)) {
    const body = json as Record<string, unknown>;
    const main = [body.message, body.error].find((v) => typeof v === 'string' && v.trim()) as string | undefined;
    // (a reason the message already says is not said twice)
    const reasons = Array.isArray(body.reasons) ? body.reasons.filter((r): r is string => typeof r === 'string' && !main?.includes(r)) : [];
    if (main || reasons.length > 0) reason = [main, reasons.length > 0 ? reasons.join('; ') : undefined].filter(Boolean).join(': ');
  }
  if (reason === null && json === undefined) {
    // Not JSON: the text, as long as it looks like words (an HTML error page says little).
    const plain = text
      .replace(/<[^>]*>/g, ' ')
      .replace(CONTROL, ' ')
      .replace(/\s+/g, ' ')
      .trim();
    reason = plain || null;
    if (truncated && reason) reason += ' …';
  }
  if (reason === null) return null;
  const clean = reason.replace(CONTROL, ' ').trim();
  return clean.length > MAX_REASON_CHARS ? `${clean.slice(0, MAX_REASON_CHARS - 1)}…` : clean;
}

function networkReason(error: unknown, signal: AbortSignal): string {
  if (signal.aborted) return signal.reason instanceof Error ? signal.reason.message : 'no answer in time';
  const cause = (error as { cause?: { code?: string; message?: string } }).cause;
  const code = cause?.code ?? (error as { code?: string }).code;
  const message = cause?.message ?? (error instanceof Error ? error.message : String(error));
  return code ? `could not reach the pipeline API (${code})` : `could not reach the pipeline API (${message})`;
}

/** An HTTP date as RFC 9110 sends it: `Sun, 06 Nov 1994 08:49:37 GMT`. */
const HTTP_DATE = /^[A-Z][a-z]{2}, \d{2} [A-Z][a-z]{2} \d{4} \d{2}:\d{2}:\d{2} GMT$/;

/**
 * `Retry-After` as milliseconds from `now`: delay-seconds or an HTTP date; null if absent or
 * anything else (`-5` or a bare `1` read as a year by Date.parse would mean "at once").
 */
export function retryAfterMs(value: string | null, now: Date): number | null {
  if (value === null) return null;
  const text = value.trim();
  if (/^\d{1,9}$/.test(text)) return Number(text) * 1000;
  if (!HTTP_DATE.test(text)) return null;
  const at = Date.parse(text);
  if (Number.isNaN(at)) return null;
  return Math.max(0, at - now.getTime());
}
