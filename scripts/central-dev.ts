// `npm run central:dev`: a local central PostgreSQL for demos with no network at all. It starts
// the server, creates and migrates the `ops` database, and prints the URL for the apps.
import path from 'node:path';
import pg from 'pg';
import { connectCentral } from '../electron/core/central/connection';
import { migrateCentral } from '../electron/core/central/migrate';
import { startEmbeddedPostgres } from './embedded-postgres';

async function main() {
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
  await central.end();
  process.stdout.write(
    [
      `Central PostgreSQL is running (data in ${dir}, schema version ${result.to}).`,
      `  URL: ${url}`,
      `  Try: npm run ops -- sync --central '${url}'`,
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
