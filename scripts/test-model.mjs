// `npm run test:model -- --runs N [--seed S] [--path P]`: the model-based sync test, longer. Prints
// how many cases ran clean; a failure prints its counterexample with the seed and path that replay it.
import { spawnSync } from 'node:child_process';

const args = process.argv.slice(2);
const value = (flag) => {
  const i = args.indexOf(flag);
  return i >= 0 ? args[i + 1] : undefined;
};
const runs = Number(value('--runs') ?? 1000);
if (!Number.isInteger(runs) || runs < 1) {
  process.stderr.write('Usage: npm run test:model -- --runs N [--seed S] [--path P]  (N a whole number of cases, at least 1)\n');
  process.exit(2);
}
const env = { ...process.env, OPS_MODEL_RUNS: String(runs) };
if (value('--seed')) env.OPS_MODEL_SEED = value('--seed');
if (value('--path')) env.OPS_MODEL_PATH = value('--path');
const started = Date.now();
const result = spawnSync('npx', ['vitest', 'run', 'electron/core/sync/model.test.ts'], { stdio: 'inherit', env });
const minutes = ((Date.now() - started) / 60_000).toFixed(1);
process.stdout.write(
  result.status === 0
    ? `\n${runs} model cases ran clean in ${minutes} min.\n`
    : `\nThe model test failed (${minutes} min): see the counterexample above.\n`,
);
process.exit(result.status ?? 1);
