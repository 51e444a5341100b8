// Runs Electronegativity over the Electron code and fails on its findings. Electronegativity itself
// always exits 0, so this reads its report. Each accepted finding names the reason it is safe.
import { execFileSync } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';

const ELECTRON_VERSION = '45.0.0';
const ACCEPTED = {
  // shell.openExternal is reached only for http(s) links (isExternalWebLink, unit-tested).
  OPEN_EXTERNAL_JS_CHECK: 'electron/main/window.ts',
  // The one preload exposes only the contract's channel and event names (electron/preload, tested).
  PRELOAD_JS_CHECK: 'electron/main/window.ts',
  // The CSP is composed by contentSecurityPolicy() (unit-tested); the checker cannot parse it statically.
  CSP_GLOBAL_CHECK: 'electron/main/window.ts',
};

const report = path.join(fs.mkdtempSync(path.join(os.tmpdir(), 'electronegativity-')), 'report.csv');
execFileSync(
  process.execPath,
  [
    path.resolve('node_modules/@doyensec/electronegativity/dist/index.js'),
    '-i',
    'electron',
    '-e',
    ELECTRON_VERSION,
    '-r',
    '-v',
    'false',
    '-o',
    report,
  ],
  { stdio: ['ignore', 'ignore', 'inherit'] },
);
const lines = fs.readFileSync(report, 'utf8').trim().split('\n').slice(1).filter(Boolean);
const findings = lines.map((line) => {
  const [issue, severity, confidence, file, location] = line.split(',').map((cell) => cell.replaceAll('"', ''));
  return { issue, severity, confidence, file: path.join('electron', file), location };
});
const open = findings.filter((f) => ACCEPTED[f.issue] !== f.file);
for (const f of findings) {
  const status = open.includes(f) ? 'FAIL' : 'accepted';
  console.log(`${status.padEnd(8)} ${f.issue} ${f.severity}/${f.confidence} ${f.file}:${f.location}`);
}
console.log(`Electronegativity: ${findings.length} findings, ${open.length} not accepted.`);
process.exit(open.length === 0 ? 0 : 1);
