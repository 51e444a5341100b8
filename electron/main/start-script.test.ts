// `npm start` (scripts/start.mjs) where the Electron binary is missing says so and offers the browser.
import { spawnSync } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { tempDir } from '../core/testing';

const script = path.resolve('scripts', 'start.mjs');

function startIn(electron: { installed: boolean; pathTxt?: string; binary?: boolean }) {
  const root = tempDir();
  const dir = path.join(root, 'node_modules', 'electron');
  if (electron.installed) {
    fs.mkdirSync(path.join(dir, 'dist'), { recursive: true });
    fs.writeFileSync(path.join(dir, 'package.json'), '{"name":"electron"}');
    if (electron.pathTxt) fs.writeFileSync(path.join(dir, 'path.txt'), electron.pathTxt);
    if (electron.binary) fs.writeFileSync(path.join(dir, 'dist', electron.pathTxt!), '');
  }
  return spawnSync(process.execPath, [script], { cwd: root, env: { ...process.env, OPS_START_CHECK_ONLY: '1' }, encoding: 'utf8' });
}

describe('npm start', () => {
  it('says the Electron binary is missing and offers npm run serve, when its download was skipped', () => {
    const run = startIn({ installed: true });
    expect(run.status).toBe(1);
    expect(run.stderr).toMatch(/Electron binary is missing/);
    expect(run.stderr).toMatch(/npm run serve/);
    expect(run.stderr).not.toMatch(/uninstall/);
  });

  it('says so too when path.txt names a binary that is not there', () => {
    const run = startIn({ installed: true, pathTxt: 'electron' });
    expect(run.status).toBe(1);
    expect(run.stderr).toMatch(/npm run serve/);
  });

  it('asks for npm install when Electron is not installed at all', () => {
    const run = startIn({ installed: false });
    expect(run.status).toBe(1);
    expect(run.stderr).toMatch(/npm install/);
  });

  it('goes on to electron-vite when the binary is there', () => {
    const run = startIn({ installed: true, pathTxt: 'electron', binary: true });
    expect(run.stderr).toBe('');
    expect(run.status).toBe(0);
  });
});
