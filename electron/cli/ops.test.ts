import path from 'node:path';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { tempDir } from '../core/testing';
import { main } from './ops';

let stdout: string;
let stderr: string;
beforeEach(() => {
  stdout = '';
  stderr = '';
  vi.spyOn(process.stdout, 'write').mockImplementation((chunk) => ((stdout += String(chunk)), true));
  vi.spyOn(process.stderr, 'write').mockImplementation((chunk) => ((stderr += String(chunk)), true));
});
afterEach(() => vi.restoreAllMocks());

const env = { OPS_DATA_DIR: tempDir() };

async function ops(...args: string[]): Promise<number> {
  stdout = '';
  stderr = '';
  return main(args, env);
}

describe('ops', () => {
  const db = path.join(tempDir(), 'replica.sqlite');

  it('seeds the demo, logs hours and lists them as JSON', async () => {
    expect(await ops('seed', '--demo', '--db', db, '--anchor', '2026-11-20', '--json')).toBe(0);
    expect(JSON.parse(stdout).counts.time_entries).toBeGreaterThan(30_000);

    expect(await ops('status', '--db', db, '--json')).toBe(0);
    const status = JSON.parse(stdout);
    const consultant = status.consultant.email as string;

    const project = 'Landing zone 67';
    expect(
      await ops(
        'hours',
        'add',
        '--db',
        db,
        '--as',
        consultant,
        '--project',
        project,
        '--minutes',
        '45',
        '--date',
        '2026-11-21',
        '--note',
        'From the CLI',
        '--no-billable',
        '--json',
      ),
    ).toBe(0);
    const added = JSON.parse(stdout);
    expect(added).toMatchObject({ minutes: 45, billable: false, note: 'From the CLI', projectName: project });

    expect(await ops('hours', 'list', '--db', db, '--from', '2026-11-21', '--to', '2026-11-21', '--json')).toBe(0);
    expect(JSON.parse(stdout).map((e: { id: string }) => e.id)).toEqual([added.id]);

    expect(await ops('hours', 'start', '--db', db, '--project', project)).toBe(0);
    expect(stdout).toContain('Timer started');
    expect(await ops('status', '--db', db)).toBe(0);
    expect(stdout).toContain(`running on ${project}`);
    expect(await ops('hours', 'stop', '--db', db)).toBe(0);
    expect(stdout).toContain('Timer stopped');
  });

  it('explains bad input on stderr with a non-zero exit and changes nothing', async () => {
    await ops('status', '--db', db, '--json');
    const before = JSON.parse(stdout).rows.time_entries;
    expect(await ops('hours', 'add', '--db', db, '--project', 'Landing zone 67', '--minutes', '0')).toBe(1);
    expect(stderr).toContain('at least 1 minute');
    expect(await ops('hours', 'add', '--db', db, '--project', 'No such project', '--minutes', '30')).toBe(1);
    expect(stderr).toContain('No project is called');
    expect(await ops('hours', 'add', '--db', db, '--project', 'Landing zone 67', '--minutes', '30', '--as', 'nobody@example.com')).toBe(1);
    expect(stderr).toContain('No consultant with the email');
    expect(await ops('hours', 'stop', '--db', db)).toBe(1);
    expect(stderr).toContain('No timer is running');
    await ops('status', '--db', db, '--json');
    expect(JSON.parse(stdout).rows.time_entries).toBe(before);
  });

  it('prints usage for unknown commands and flags (exit 2)', async () => {
    expect(await ops('frobnicate')).toBe(2);
    expect(stderr).toContain('Usage: npm run ops');
    expect(await ops('hours', 'add', '--frob')).toBe(2);
    expect(await ops('--help')).toBe(0);
  });

  it('refuses a file that is not a replica', async () => {
    expect(await ops('status', '--db', path.join(__dirname, 'ops.test.ts'))).toBe(1);
    expect(stderr).toContain('is not an Ops Console replica');
  });

  it('starts an empty replica at a new path', async () => {
    const fresh = path.join(tempDir(), 'new.sqlite');
    expect(await ops('status', '--db', fresh, '--json')).toBe(0);
    expect(JSON.parse(stdout).rows.time_entries).toBe(0);
  });
});
