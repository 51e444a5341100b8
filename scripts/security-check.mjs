// Runs Electronegativity over the Electron code and fails on its findings. Electronegativity itself
// always exits 0, so this reads its report (SARIF: JSON, so a sample with commas or line breaks
// cannot confuse the reading). Each accepted finding names the reason it is safe.
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

const report = path.join(fs.mkdtempSync(path.join(os.tmpdir(), 'electronegativity-')), 'report.sarif');
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
  { stdio: ['ignore', 'ignore', 'ignore'] },
);
if (!fs.existsSync(report)) {
  console.error('Electronegativity wrote no report: the security check could not run.');
  process.exit(1);
}
const results = JSON.parse(fs.readFileSync(report, 'utf8')).runs.flatMap((run) => run.results ?? []);
const findings = results.map((r) => {
  const location = r.locations?.[0]?.physicalLocation;
  return {
    issue: r.ruleId,
    level: r.level,
    file: path.join('electron', location?.artifactLocation?.uri ?? '?'),
    line: location?.region?.startLine ?? 0,
  };
});
const open = findings.filter((f) => ACCEPTED[f.issue] !== f.file);
for (const f of findings) console.log(`${open.includes(f) ? 'FAIL    ' : 'accepted'} ${f.issue} (${f.level}) ${f.file}:${f.line}`);
console.log(`Electronegativity: ${findings.length} findings, ${open.length} not accepted.`);
process.exit(open.length === 0 ? 0 : 1);
