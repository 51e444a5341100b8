// Entry point of `npm run serve`. The Node version is checked before the core and better-sqlite3
// load (hence the dynamic import): on Node 20 they die with a segmentation fault and no word.
import { nodeVersionProblem } from '../cli/node-version';

const problem = nodeVersionProblem(process.versions.node);
if (problem) {
  process.stderr.write(`ops serve: ${problem}\n`);
  process.exitCode = 1;
} else {
  void import('./serve-main')
    .then(({ main }) => main())
    .catch((error: unknown) => {
      process.stderr.write(`ops serve: ${error instanceof Error ? error.message : String(error)}\n`);
      process.exit(1);
    });
}
