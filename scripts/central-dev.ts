// `npm run central:dev`: a local central PostgreSQL for demos with no network at all. It starts
// the server, creates and migrates the `ops` database, and prints the URL for the apps.
// `npm run central:dev -- --demo` also fills it with the demo data (once), so two app instances
// (each in its Work workspace) can sync the demo consultancy through it.
import path from 'node:path';
import { parseArgs } from 'node:util';
import pg from 'pg';
import { connectCentral } from '../electron/core/central/connection';
import { migrateCentral } from '../electron/core/central/migrate';
import { fillCentralWithDemo } from '../electron/core/demo/central';
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
  const { hostname, port: urlPort, pathname } = new URL(url);
  process.stdout.write(
    [
      `Central PostgreSQL is running (data in ${dir}, schema version ${result.to}).`,
      ...(demo ? [`  ${demo}`] : []),
      `  URL: ${url}`,
      `  In the app: Settings → Workspace → Work, then Settings → Central: host ${hostname}, port ${urlPort}, database ${pathname.slice(1)},`,
      `  user postgres, password postgres, SSL mode disable.`,
      `  Try: npm run ops -- sync --db /tmp/laptop.sqlite --central '${url}'`,
      'Ctrl+C stops it; the data stays for next time.',
      '',
    ].join('\n'),
  );
  const stop = () => void server.stop().then(() => process.exit(0));
  process.on('SIGINT', stop);
  process.on('SIGTERM', stop);
}

main().catch((error: unknown) => {
  process.stderr.write(`central:dev: ${error instanceof Error ? error.message : String(error)}\n`);
  process.exit(1);
});
