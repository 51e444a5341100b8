// `npm run serve`: starts the browser host over the app's replica and prints its URL.
import path from 'node:path';
import { parseArgs } from 'node:util';
import { Core } from '../core/api';
import { defaultDataDir } from '../core/workspace/paths';
import { startWebHost } from './host';

async function main(): Promise<void> {
  const { values } = parseArgs({
    options: {
      db: { type: 'string' },
      'data-dir': { type: 'string' },
      as: { type: 'string' },
      port: { type: 'string' },
      token: { type: 'string' },
      'demo-anchor': { type: 'string' },
      central: { type: 'string' },
    },
  });
  const db = values.db ?? process.env.OPS_DB;
  const core = new Core({
    ...(db ? { dbPath: db } : { dataDir: values['data-dir'] ?? defaultDataDir() }),
    consultantEmail: values.as ?? process.env.OPS_CONSULTANT,
    demoAnchor: values['demo-anchor'],
    watchIntervalMs: 1000,
    seedInBackground: true,
    centralUrl: values.central ?? process.env.OPS_CENTRAL_URL,
  });
  core.startAutoSync();
  const host = await startWebHost({
    core,
    staticDir: path.join(__dirname, '..', 'renderer'),
    port: values.port ? Number(values.port) : undefined,
    token: values.token ?? process.env.OPS_SERVE_TOKEN,
  });
  process.stdout.write(`Ops Console is served at ${host.url}\n(loopback only; the token in the URL is required. Ctrl+C stops.)\n`);
  // Close the replica before exiting: it checkpoints the WAL, so the next start opens a tidy file.
  const stop = () =>
    void host
      .close()
      .then(() => core.close())
      .then(() => process.exit(0));
  process.on('SIGINT', stop);
  process.on('SIGTERM', stop);
}

main().catch((error: unknown) => {
  process.stderr.write(`ops serve: ${error instanceof Error ? error.message : String(error)}\n`);
  process.exit(1);
});
