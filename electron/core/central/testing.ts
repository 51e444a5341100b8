// Test harness for the real PostgreSQL: each test gets a fresh, migrated database and drops it.
import net from 'node:net';
import { connectCentral, type Central } from './connection';
import { migrateCentral } from './migrate';
import { createTestDatabase, type TestDatabase } from './test-database';

export type TestCentral = TestDatabase<Central>;

export function freshCentral(): Promise<TestCentral> {
  return createTestDatabase(
    'ops_test',
    async (url) => {
      const client = await connectCentral(url);
      await migrateCentral(client);
      await client.end();
    },
    connectCentral,
  );
}

export interface CuttableLink {
  /** `url` through the link. */
  url: string;
  /** The network drops: every connection through it is cut and nothing answers at its port. */
  cut(): Promise<void>;
  /** The network is back, at the same port. */
  restore(): Promise<void>;
}

/** A TCP link to the central database at `url` that can be cut, as a laptop's network is. */
export async function cuttableLink(url: string): Promise<CuttableLink> {
  const target = new URL(url);
  const sockets = new Set<net.Socket>();
  let server: net.Server | null = null;
  const listen = (port: number) =>
    new Promise<number>((resolve, reject) => {
      const s = net.createServer((client) => {
        const upstream = net.connect(Number(target.port || 5432), target.hostname);
        sockets.add(client).add(upstream);
        client.pipe(upstream).pipe(client);
        client.on('error', () => upstream.destroy()).on('close', () => upstream.destroy());
        upstream.on('error', () => client.destroy()).on('close', () => client.destroy());
      });
      s.once('error', reject);
      s.listen(port, '127.0.0.1', () => {
        server = s;
        resolve((s.address() as net.AddressInfo).port);
      });
    });
  const port = await listen(0);
  const via = new URL(url);
  via.hostname = '127.0.0.1';
  via.port = String(port);
  return {
    url: via.toString(),
    cut: () =>
      new Promise<void>((resolve) => {
        const s = server;
        server = null;
        for (const socket of sockets) socket.destroy();
        sockets.clear();
        if (s) s.close(() => resolve());
        else resolve();
      }),
    restore: async () => void (await listen(port)),
  };
}
