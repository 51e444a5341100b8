// The reference pipeline receiver as a real child process (the built `npm run pipeline-server`
// bundle), a small Work central for it, and a TCP link that can be cut or can hold back answers (a
// network going down, an answer lost in flight). Nothing here answers in place of the receiver,
// the host or PostgreSQL: the link only forwards bytes, or stops forwarding them.
import { spawn, type ChildProcess } from 'node:child_process';
import crypto from 'node:crypto';
import net from 'node:net';
import path from 'node:path';
import { ensureDemoPipelines } from '../electron/pipeline-server/testing';
import type { E2eCentral } from './central';

export { TEST_SECRET } from '../electron/pipeline-server/testing';

export interface RunningReceiver {
  url: string;
  port: number;
  /** What it printed (its log: accepted deliveries, runs). */
  output(): string;
  stop(): Promise<void>;
}

/** Starts `node out/node/pipeline-server.js` against `centralUrl`, with the secret in OPS_WEBHOOK_SECRET. */
export async function startReceiver(options: {
  centralUrl: string;
  secret: string;
  port?: number;
  /** Listen address (`--host`; default 127.0.0.1). */
  host?: string;
  speed?: number;
}): Promise<RunningReceiver> {
  const args = [
    path.join(__dirname, '..', 'out', 'node', 'pipeline-server.js'),
    '--central',
    options.centralUrl,
    '--port',
    String(options.port ?? 0),
    '--speed',
    String(options.speed ?? 100),
    '--seed',
    '7',
    '--failure-rate',
    '0',
    ...(options.host ? ['--host', options.host] : []),
  ];
  const child: ChildProcess = spawn(process.execPath, args, {
    stdio: ['ignore', 'pipe', 'pipe'],
    env: { ...process.env, OPS_WEBHOOK_SECRET: options.secret },
  });
  let output = '';
  const url = await new Promise<string>((resolve, reject) => {
    const timer = setTimeout(() => reject(new Error(`The pipeline receiver did not start:\n${output}`)), 30_000);
    const onData = (chunk: Buffer) => {
      output += chunk.toString();
      const match = /Pipeline receiver: (http:\/\/\S+)/.exec(output);
      if (match) {
        clearTimeout(timer);
        resolve(match[1]!);
      }
    };
    child.stdout!.on('data', onData);
    child.stderr!.on('data', onData);
    child.once('exit', (code) => reject(new Error(`The pipeline receiver exited (${code}):\n${output}`)));
  });
  const exited = new Promise<void>((resolve) => child.once('exit', () => resolve()));
  return {
    url,
    port: Number(new URL(url).port),
    output: () => output,
    stop: async () => {
      if (child.exitCode === null && child.signalCode === null) child.kill('SIGTERM');
      await exited;
    },
  };
}

/** A port nothing listens on now (the OS picks it, then it is closed again). */
/**
 * A port that is free now and stays free while nothing listens on it: chosen below the kernel's
 * ephemeral range (32768–60999 on Linux), so no outgoing connection of this or a parallel test can
 * take it as its local port in the meantime (CI once met EADDRINUSE when a receiver started on a
 * port freed 30 s earlier by `listen(0)`).
 */
export async function freePort(): Promise<number> {
  for (let attempt = 0; attempt < 50; attempt++) {
    const port = 20_000 + crypto.randomInt(12_000);
    if (await canListen(port)) return port;
  }
  throw new Error('no free port between 20000 and 32000 after 50 tries');
}

function canListen(port: number): Promise<boolean> {
  return new Promise((resolve) => {
    const server = net.createServer();
    server.once('error', () => resolve(false));
    server.listen(port, '127.0.0.1', () => server.close(() => resolve(true)));
  });
}

export interface Link {
  port: number;
  /** Connections opened through it so far. */
  connections: number;
  /** Bytes from the target are kept back (an answer lost in flight) until `release`. */
  holdAnswers(): void;
  release(): void;
  /** Cuts every connection and stops listening: nothing answers at `port`. */
  down(): Promise<void>;
  /** Listens at the same port again. */
  up(): Promise<void>;
}

/** A TCP link from 127.0.0.1:port to targetHost:targetPort. */
export async function tcpLink(targetPort: number, { port = 0, targetHost = '127.0.0.1' } = {}): Promise<Link> {
  let server: net.Server | null = null;
  const sockets = new Set<net.Socket>();
  let holding = false;
  const held: Array<() => void> = [];
  const link: Link = {
    port,
    connections: 0,
    holdAnswers: () => void (holding = true),
    release: () => {
      holding = false;
      for (const flush of held.splice(0)) flush();
    },
    down: async () => {
      for (const socket of sockets) socket.destroy();
      sockets.clear();
      const s = server;
      server = null;
      if (s) await new Promise<void>((resolve) => s.close(() => resolve()));
    },
    up: async () => {
      const s = net.createServer((client) => {
        link.connections += 1;
        const target = net.connect(targetPort, targetHost);
        sockets.add(client).add(target);
        client.pipe(target);
        target.on('data', (chunk: Buffer) => {
          if (holding) held.push(() => !client.destroyed && client.write(chunk));
          else client.write(chunk);
        });
        target.on('end', () => (holding ? held.push(() => client.end()) : client.end()));
        const close = () => {
          client.destroy();
          target.destroy();
          sockets.delete(client);
          sockets.delete(target);
        };
        client.on('error', close).on('close', close);
        target.on('error', close).on('close', () => (holding ? held.push(close) : close()));
      });
      await new Promise<void>((resolve, reject) => {
        s.once('error', reject);
        s.listen(link.port, '127.0.0.1', () => resolve());
      });
      link.port = (s.address() as net.AddressInfo).port;
      server = s;
    },
  };
  await link.up();
  return link;
}

export interface WorkCentral {
  consultantId: string;
  email: string;
  projectName: string;
  /** The consultant's own login (row-level security applies), as the host connects. */
  consultantUrl: string;
}

/**
 * What a company's central holds before anyone triggers: a consultant, a client and a project
 * (written by an admin, stamped by the central's triggers like any direct write) and the demo
 * catalog's pipelines.
 */
export async function fillWorkCentral(central: E2eCentral): Promise<WorkCentral> {
  const { admin } = central;
  const consultant = await admin.query<{ id: string }>(
    `INSERT INTO consultants (id, name, email, default_rate_cents, cost_rate_cents, weekly_capacity_hours)
     VALUES (gen_random_uuid(), 'Mia Chen', 'mia@example.com', 18000, 9000, 38) RETURNING id`,
  );
  const client = await admin.query<{ id: string }>(
    `INSERT INTO clients (id, name, industry, region, nps, status)
     VALUES (gen_random_uuid(), 'Moreton Freight', 'Logistics', 'Brisbane CBD', 40, 'active') RETURNING id`,
  );
  await admin.query(
    `INSERT INTO projects (id, client_id, name, tier, status, budget_cents, start_on)
     VALUES (gen_random_uuid(), $1, 'Pipeline MVP', 'pipeline_mvp', 'active', 4000000, '2026-01-05')`,
    [client.rows[0]!.id],
  );
  await ensureDemoPipelines(admin);
  const consultantId = consultant.rows[0]!.id;
  return { consultantId, email: 'mia@example.com', projectName: 'Pipeline MVP', consultantUrl: await central.consultantUrl(consultantId) };
}

/** The same URL through another port (a link). */
export function via(url: string, port: number): string {
  const u = new URL(url);
  u.port = String(port);
  return u.toString();
}
