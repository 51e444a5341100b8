// Who may call the receiver: whoever holds the webhook secret. Deliveries and cancels are signed
// per Standard Webhooks (checked by the `standardwebhooks` library: HMAC-SHA256 over
// `id.timestamp.body`, timestamp within ±5 minutes); GET /runs/{id} takes either a signature (over
// an empty body) or the secret itself as a bearer token, so a developer can poll with curl.
import crypto from 'node:crypto';
import type { IncomingHttpHeaders } from 'node:http';
import { Webhook, WebhookVerificationError } from 'standardwebhooks';

export class Verifier {
  private readonly webhook: Webhook;
  private readonly secretDigest: Buffer;

  constructor(secret: string) {
    if (!/^whsec_[A-Za-z0-9+/=]{16,}$/.test(secret)) {
      throw new Error('The webhook secret must look like whsec_<base64> (Standard Webhooks); set OPS_WEBHOOK_SECRET or --secret.');
    }
    this.webhook = new Webhook(secret);
    this.secretDigest = digest(secret);
  }

  /** Null when the request is signed with the secret; otherwise why not, in words. */
  checkSignature(headers: IncomingHttpHeaders, body: Buffer): string | null {
    const id = one(headers['webhook-id']);
    const timestamp = one(headers['webhook-timestamp']);
    const signature = one(headers['webhook-signature']);
    if (!id || !timestamp || !signature) {
      return 'The request is not signed: it needs the webhook-id, webhook-timestamp and webhook-signature headers (Standard Webhooks).';
    }
    try {
      // (the body is parsed by the caller, so malformed JSON is a 400, not a signature problem)
      this.webhook.verify(body, { 'webhook-id': id, 'webhook-timestamp': timestamp, 'webhook-signature': signature }, { jsonParse: false });
      return null;
    } catch (error) {
      if (!(error instanceof WebhookVerificationError)) throw error;
      switch (error.message) {
        case 'Message timestamp too old':
        case 'Message timestamp too new':
          return `The signature's timestamp is more than 5 minutes from the receiver's time (${error.message.toLowerCase()}): check the sender's clock, and sign when sending, not when queueing.`;
        case 'Invalid Signature Headers':
          return 'The webhook-timestamp header is not a Unix time in seconds.';
        default:
          return 'The signature does not match: the request was signed with another secret, or changed on the way.';
      }
    }
  }

  /** Whether `Authorization: Bearer <secret>` carries the secret (compared in constant time). */
  checkBearer(headers: IncomingHttpHeaders): boolean {
    const match = /^Bearer\s+(\S+)$/i.exec(headers.authorization ?? '');
    return match !== null && crypto.timingSafeEqual(digest(match[1]!), this.secretDigest);
  }
}

function digest(value: string): Buffer {
  return crypto.createHash('sha256').update(value).digest();
}

function one(value: string | string[] | undefined): string | undefined {
  return Array.isArray(value) ? value[0] : value;
}

/** A new Standard Webhooks secret (24 random bytes), for a demo that has none set. */
export function newWebhookSecret(): string {
  return `whsec_${crypto.randomBytes(24).toString('base64')}`;
}
