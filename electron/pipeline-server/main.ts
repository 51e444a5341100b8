// `npm run pipeline-server -- [flags]`: the reference pipeline receiver from the command line.
import { parseArgs } from 'node:util';
import { startPipelineServer } from './index';

const HELP = `Usage: npm run pipeline-server -- [options]

Receives signed pipeline triggers (Standard Webhooks), queues them in the central PostgreSQL
(pg-boss) and runs simulated pipelines, writing their progress into the central pipeline_jobs.

  --central URL        central PostgreSQL (env OPS_CENTRAL_URL), a login that may write pipeline jobs
  --secret whsec_...   webhook secret (env OPS_WEBHOOK_SECRET; prefer the environment: flags show in ps)
  --port N             port (default 8790; 0 picks a free one)
  --host ADDRESS       listen address (default 127.0.0.1; anything else also accepts any Host header)
  --speed N            simulated time runs N times faster (default 1; tests use 100)
  --seed N             seed of the simulations, for repeatable runs
  --failure-rate R     share of runs that fail, 0 to 1 (default 0.1)
  --concurrency N      jobs run at once (default 4)
`;

async function main() {
  const { values } = parseArgs({
    options: {
      central: { type: 'string' },
      secret: { type: 'string' },
      port: { type: 'string' },
      host: { type: 'string' },
      speed: { type: 'string' },
      seed: { type: 'string' },
      'failure-rate': { type: 'string' },
      concurrency: { type: 'string' },
      help: { type: 'boolean', short: 'h' },
    },
  });
  if (values.help) return void process.stdout.write(HELP);
  const centralUrl = values.central ?? process.env.OPS_CENTRAL_URL;
  const secret = values.secret ?? process.env.OPS_WEBHOOK_SECRET;
  if (!centralUrl) throw new Error('Give the central database: --central URL or OPS_CENTRAL_URL (npm run central:dev prints one).');
  if (!secret) throw new Error('Give the webhook secret: OPS_WEBHOOK_SECRET=whsec_... (the same one the apps use).');
  const number = (name: string, value: string | undefined, min: number, max: number): number | undefined => {
    if (value === undefined) return undefined;
    const n = Number(value);
    if (!Number.isFinite(n) || n < min || n > max) throw new Error(`--${name} must be a number from ${min} to ${max}.`);
    return n;
  };
  const server = await startPipelineServer({
    centralUrl,
    secret,
    port: number('port', values.port, 0, 65535) ?? 8790,
    host: values.host,
    speed: number('speed', values.speed, 0.01, 10_000),
    seed: number('seed', values.seed, 0, 2 ** 31),
    failureRate: number('failure-rate', values['failure-rate'], 0, 1),
    concurrency: number('concurrency', values.concurrency, 1, 64),
    log: (line) => process.stdout.write(`${new Date().toISOString()} ${line}\n`),
  });
  process.stdout.write(
    [
      `Pipeline receiver: ${server.url}`,
      `  Apps: --pipeline-api ${server.url} with the same OPS_WEBHOOK_SECRET`,
      'Ctrl+C stops it; queued jobs wait in the central database for next time.',
      '',
    ].join('\n'),
  );
  const stop = () => void server.stop().then(() => process.exit(0));
  process.on('SIGINT', stop);
  process.on('SIGTERM', stop);
}

main().catch((error: unknown) => {
  const message = error instanceof Error ? error.message : String(error);
  process.stderr.write(`pipeline-server: ${message.replace(/postgres(ql)?:\/\/\S+/g, '[central]')}\n`);
  process.exit(1);
});
