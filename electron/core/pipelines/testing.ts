// Test helpers for the app side of pipelines: a replica with the demo pipelines, and a tiny real
// HTTP server that answers with a script (500, 500, 202; a 429 with Retry-After; a huge body).
import http from 'node:http';
import type { AddressInfo } from 'node:net';
import { Webhook } from 'standardwebhooks';
import { PIPELINES } from '../demo/catalog';
import { newReplica, seedTiny, type TinyIds } from '../sync/fixtures';
import type { Replica } from '../sync/replica';

/** A replica (a real file) with the tiny workspace and the demo catalog's pipelines; slug → id. */
export function replicaWithPipelines(name = 'laptop'): { replica: Replica; ids: TinyIds; pipelines: Record<string, string> } {
  const replica = newReplica(name);
  const ids = seedTiny(replica);
  const pipelines: Record<string, string> = {};
  replica.transaction(() => {
    for (const p of PIPELINES) {
      const id = replica.newId();
      pipelines[p.slug] = id;
      replica.insert('pipelines', {
        id,
        slug: p.slug,
        name: p.name,
        description: p.description,
        params_schema: JSON.stringify(p.params_schema),
        active: 1,
      });
    }
  });
  return { replica, ids, pipelines };
}

export interface ScriptedAnswer {
  status: number;
  headers?: Record<string, string>;
  /** A string, or an object sent as JSON. */
  body?: string | object;
  /** Waits this long before answering. */
  delayMs?: number;
  /** Never answers (until the server closes). */
  hang?: boolean;
}

export interface ReceivedRequest {
  method: string;
  url: string;
  headers: http.IncomingHttpHeaders;
  body: string;
  /** Whether the signature is `secret`'s over this id, timestamp and body. */
  verified: boolean;
  at: number;
}

export interface ScriptedServer {
  url: string;
  requests: ReceivedRequest[];
  close(): Promise<void>;
}

/**
 * A real HTTP server on loopback answering each request with the next scripted answer (the last
 * one repeats). Every request is recorded and its Standard Webhooks signature checked.
 */
export async function scriptedServer(script: ScriptedAnswer[], secret: string): Promise<ScriptedServer> {
  const requests: ReceivedRequest[] = [];
  const webhook = new Webhook(secret);
  const server = http.createServer((req, res) => {
    const chunks: Buffer[] = [];
    req.on('data', (c: Buffer) => chunks.push(c));
    req.on('end', () => {
      const body = Buffer.concat(chunks).toString('utf8');
      // The signature over id.timestamp.body, whatever the timestamp (tests run at injected times;
      // the real receiver's ±5-minute window is tested against it).
      const id = String(req.headers['webhook-id']);
      const timestamp = Number(req.headers['webhook-timestamp']);
      const verified =
        Number.isInteger(timestamp) &&
        String(req.headers['webhook-signature'])
          .split(' ')
          .includes(webhook.sign(id, new Date(timestamp * 1000), body));
      requests.push({ method: req.method ?? '', url: req.url ?? '', headers: req.headers, body, verified, at: Date.now() });
      const answer = script[Math.min(requests.length - 1, script.length - 1)]!;
      if (answer.hang) return;
      const send = () => {
        const text = typeof answer.body === 'string' ? answer.body : answer.body === undefined ? '' : JSON.stringify(answer.body);
        res.writeHead(answer.status, {
          'content-type': typeof answer.body === 'object' ? 'application/json' : 'text/plain',
          ...answer.headers,
        });
        res.end(text);
      };
      if (answer.delayMs) setTimeout(send, answer.delayMs);
      else send();
    });
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;
  return {
    url: `http://127.0.0.1:${port}`,
    requests,
    close: () =>
      new Promise<void>((resolve) => {
        server.closeAllConnections();
        server.close(() => resolve());
      }),
  };
}

/** A URL where nothing listens (a port that was free a moment ago). */
export async function deadUrl(): Promise<string> {
  const server = http.createServer();
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;
  await new Promise<void>((resolve) => server.close(() => resolve()));
  return `http://127.0.0.1:${port}`;
}

export function deliveryRow(replica: Replica, jobId: string): Record<string, unknown> {
  return replica.db.prepare('SELECT * FROM webhook_deliveries WHERE job_id = ?').get(jobId) as Record<string, unknown>;
}

export function jobStatus(replica: Replica, jobId: string): string {
  return replica.db.prepare('SELECT status FROM pipeline_jobs WHERE id = ?').pluck().get(jobId) as string;
}
