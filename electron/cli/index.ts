// Entry point of the `ops` command (bin/ops.js runs the bundle built from it). The Node version is
// checked before the command, the core and better-sqlite3 load (hence the dynamic import).
import { nodeVersionProblem } from './node-version';

const problem = nodeVersionProblem(process.versions.node);
if (problem) {
  process.stderr.write(`ops: ${problem}\n`);
  process.exitCode = 1;
} else {
  void import('./ops')
    .then(({ main }) => main(process.argv.slice(2)))
    .then((code) => {
      process.exitCode = code;
    });
}

// `ops hours list | head`: a reader that stops early is not an error.
process.stdout.on('error', (error: NodeJS.ErrnoException) => {
  if (error.code !== 'EPIPE') throw error;
  process.exit(process.exitCode ?? 0);
});
