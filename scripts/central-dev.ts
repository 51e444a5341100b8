// `npm run central:dev`: a local central PostgreSQL for demos with no network at all. It starts
// the server, creates and migrates the `ops` database, and prints the URL for the apps.
// `npm run central:dev -- --demo` also fills it with the demo data (once), so two app instances
// (each in its Work workspace) can sync the demo consultancy through it, and starts the reference
// pipeline receiver beside it, so triggered pipelines run with no network too.
import fs from 'node:fs';
import path from 'node:path';
import { parseArgs } from 'node:util';
import pg from 'pg';
import { connectCentral } from '../electron/core/central/connection';
import { migrateCentral } from '../electron/core/central/migrate';
import { fillCentralWithDemo } from '../electron/core/demo/central';
import { newWebhookSecret, startPipelineServer, type PipelineServer } from '../electron/pipeline-server';
import { startEmbeddedPostgres } from './embedded-postgres';

async function main() {
  const { values } = parseArgs({ options: { demo: { type: 'boolean', default: false }, anchor: { type: 'string' } } });
  const dir = process.env.OPS_CENTRAL_DEV_DIR ?? path.resolve('.central-dev');
  const port = Number(process.env.OPS_CENTRAL_DEV_PORT ?? 54329);
  const server = await startEmbeddedPostgres({ dir, port });
  const admin = new pg.Client({ connectionString: server.url });
  await admin.connect();
  const exists = await admin.query("SELECT 1 FROM pg_database WHERE datname = 'ops'");
  if (exists.rowCount === 0) await admin.query('CREATE DATABASE ops');
  await admin.end();
  const url = server.url.replace(/\/postgres$/, '/ops');
  const central = await connectCentral(url);
  const result = await migrateCentral(central);
  let demo = '';
  if (values.demo) {
    process.stdout.write('Filling the central database with the demo data…\n');
    const fill = await fillCentralWithDemo(central, { anchor: values.anchor });
    demo = fill.filled
      ? `Filled with the demo data in ${(fill.ms / 1000).toFixed(1)} s: ${fill.counts.consultants} consultants, ${fill.counts.time_entries.toLocaleString('en-AU')} time entries.`
      : `It already holds data (${fill.consultants} consultants), so the demo data was not added again.`;
  }
  await central.end();
  let receiver: PipelineServer | null = null;
  let receiverLines: string[] = [];
  if (values.demo) {
    // The secret is written to a file (mode 0600), never printed: terminals are projected.
    const secretFile = path.join(dir, 'webhook-secret');
    let secret = process.env.OPS_WEBHOOK_SECRET;
    if (!secret) {
      if (!fs.existsSync(secretFile)) fs.writeFileSync(secretFile, newWebhookSecret(), { mode: 0o600 });
      secret = fs.readFileSync(secretFile, 'utf8').trim();
    }
    receiver = await startPipelineServer({
      centralUrl: url,
      secret,
      port: Number(process.env.OPS_PIPELINE_PORT ?? 8790),
      speed: 1,
      log: (line) => process.stdout.write(`pipeline-server: ${line}\n`),
    });
    receiverLines = [
      `  Pipeline API: ${receiver.url} (webhook secret ${process.env.OPS_WEBHOOK_SECRET ? 'from OPS_WEBHOOK_SECRET' : `in ${secretFile}`})`,
    ];
  }
  const { hostname, port: urlPort, pathname } = new URL(url);
  process.stdout.write(
    [
      `Central PostgreSQL is running (data in ${dir}, schema version ${result.to}).`,
      ...(demo ? [`  ${demo}`] : []),
      ...receiverLines,
      `  URL: ${url}`,
      `  In the app: Settings → Workspace → Work, then Settings → Central: host ${hostname}, port ${urlPort}, database ${pathname.slice(1)},`,
      `  user postgres, password postgres, SSL mode disable.`,
      `  Try: npx ops sync --db /tmp/laptop.sqlite --central '${url}'`,
      'Ctrl+C stops it; the data stays for next time.',
      '',
    ].join('\n'),
  );
  const stop = () => void (receiver ? receiver.stop() : Promise.resolve()).then(() => server.stop()).then(() => process.exit(0));
  process.on('SIGINT', stop);
  process.on('SIGTERM', stop);
}

main().catch((error: unknown) => {
  process.stderr.write(`central:dev: ${error instanceof Error ? error.message : String(error)}\n`);
  process.exit(1);
});
