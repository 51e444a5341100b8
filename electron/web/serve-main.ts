// `npm run serve`: starts the browser host over the app's replica and prints its URL.
// --port N (default: any free port), --token T or OPS_SERVE_TOKEN (default: a new one each run);
// --pipeline-api URL or OPS_PIPELINE_API, and OPS_WEBHOOK_SECRET, for this session's triggers.
import path from 'node:path';
import { parseArgs } from 'node:util';
import { Core } from '../core/api';
import { startAppLog } from '../core/log/app-log';
import { defaultDataDir } from '../core/workspace/paths';
import { startWebHost } from './host';

export async function main(): Promise<void> {
  const { values } = parseArgs({
    options: {
      db: { type: 'string' },
      'data-dir': { type: 'string' },
      as: { type: 'string' },
      port: { type: 'string' },
      token: { type: 'string' },
      'demo-anchor': { type: 'string' },
      central: { type: 'string' },
      'pipeline-api': { type: 'string' },
    },
  });
  const port = values.port === undefined ? undefined : Number(values.port);
  if (port !== undefined && !(Number.isInteger(port) && port > 0 && port < 65536))
    throw new Error(`--port takes a port number (1–65535), not “${values.port}”.`);
  const pipelineApi = values['pipeline-api'] ?? (process.env.OPS_PIPELINE_API || undefined);
  if (pipelineApi !== undefined && !/^https?:\/\/[^\s/]+/.test(pipelineApi))
    throw new Error(`--pipeline-api (or OPS_PIPELINE_API) takes an http(s) URL such as http://127.0.0.1:8790, not “${pipelineApi}”.`);
  const db = values.db ?? process.env.OPS_DB;
  const dataDir = values['data-dir'] ?? defaultDataDir();
  // The log goes in the data folder's logs/ (beside the replica file, with --db); problems also to stderr.
  await startAppLog({ dir: path.join(db ? path.dirname(path.resolve(db)) : dataDir, 'logs'), frontEnd: 'browser host', echo: 'ops serve' });
  const core = new Core({
    ...(db ? { dbPath: db } : { dataDir }),
    consultantEmail: values.as ?? process.env.OPS_CONSULTANT,
    demoAnchor: values['demo-anchor'],
    watchIntervalMs: 1000,
    seedInBackground: true,
    centralUrl: values.central ?? process.env.OPS_CENTRAL_URL,
    // The host keeps no secrets between runs: the webhook secret comes from the environment only.
    pipelineApi,
    webhookSecret: process.env.OPS_WEBHOOK_SECRET || undefined,
  });
  core.startAutoSync();
  core.startDailyBackups();
  const host = await startWebHost({
    core,
    staticDir: path.join(__dirname, '..', 'renderer'),
    port,
    // A fixed token (tests, a presenter's bookmark) survives a restart; by default each run mints one,
    // and pages opened with the old one say so.
    token: values.token ?? process.env.OPS_SERVE_TOKEN,
  }).catch(async (error: unknown) => {
    await core.close();
    if ((error as { code?: string }).code === 'EADDRINUSE')
      throw new Error(`port ${port} is in use (another \`npm run serve\`?). Stop it, or pick another with --port N.`);
    throw error;
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
