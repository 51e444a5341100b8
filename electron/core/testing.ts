// Test helpers: real SQLite files in throwaway directories.
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { Core } from './api';

const made: string[] = [];

/**
 * Removes every directory `tempDir` made in this test file: a full run makes thousands of replicas,
 * some of 80 MB. Called after each test file (vitest.setup.ts).
 */
export function removeTempDirs(): void {
  for (const dir of made.splice(0)) fs.rmSync(dir, { recursive: true, force: true });
  templates.clear();
}

export function tempDir(prefix = 'ops-test-'): string {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), prefix));
  made.push(dir);
  return dir;
}

const templates = new Map<string, string>();

/**
 * A fresh data directory holding the demo workspace for `anchor`. The demo is seeded once per test
 * process and copied, so each test gets its own real file without paying for the seed again.
 */
export function demoDataDir(anchor: string): string {
  let template = templates.get(anchor);
  if (!template) {
    template = tempDir('ops-demo-template-');
    new Core({ dataDir: template, demoAnchor: anchor }).close(); // close checkpoints the WAL into the file
    templates.set(anchor, template);
  }
  const dir = tempDir();
  for (const file of fs.readdirSync(template)) fs.copyFileSync(path.join(template, file), path.join(dir, file));
  return dir;
}
