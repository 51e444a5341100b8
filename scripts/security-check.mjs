// Runs Electronegativity over the Electron code and fails on its findings. Electronegativity itself
// always exits 0, so this reads its report (SARIF: JSON, so a sample with commas or line breaks
// cannot confuse the reading). Each accepted finding names the reason it is safe.
import { execFileSync } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';

// Check against the Electron the app is built with, not a fixed version.
const ELECTRON_VERSION = JSON.parse(fs.readFileSync(path.resolve('node_modules/electron/package.json'), 'utf8')).version;
// Each accepted finding: the file it is accepted in, and why it is safe (printed with the report).
const ACCEPTED = {
  OPEN_EXTERNAL_JS_CHECK: {
    file: 'electron/main/window.ts',
    reason:
      'shell.openExternal is reached only for https links without credentials (isExternalWebLink; security.test.ts, checklist.test.ts)',
  },
  PRELOAD_JS_CHECK: {
    file: 'electron/main/window.ts',
    reason: 'the one preload exposes only invoke/on for contract channels and Save as PDF (shell.test.ts)',
  },
  CSP_GLOBAL_CHECK: {
    file: 'electron/main/window.ts',
    reason:
      'the CSP is composed by contentSecurityPolicy() and set on every response; the checker cannot read it statically (checklist.test.ts)',
  },
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
const open = findings.filter((f) => ACCEPTED[f.issue]?.file !== f.file);
for (const f of findings) {
  const accepted = !open.includes(f);
  console.log(
    `${accepted ? 'accepted' : 'FAIL    '} ${f.issue} (${f.level}) ${f.file}:${f.line}${accepted ? ` — ${ACCEPTED[f.issue].reason}` : ''}`,
  );
}
console.log(`Electronegativity ${ELECTRON_VERSION}: ${findings.length} findings, ${open.length} not accepted.`);
process.exit(open.length === 0 ? 0 : 1);
