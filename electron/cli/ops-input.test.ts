// `ops` refuses bad input with a message that names the problem and the fix, and a refused command
// creates and changes nothing: dates, numbers, the central's address, replicas it cannot write,
// the timer, and seeds that fail. Real replicas, a real PostgreSQL, the real file system.
import { execFileSync } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';
import Database from 'better-sqlite3';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import type { TimeEntry } from '../../shared/domain';
import { Core } from '../core/api';
import { demoDataDir, tempDir } from '../core/testing';
import { main } from './ops';

let stdout: string;
let stderr: string;
beforeEach(() => {
  vi.spyOn(process.stdout, 'write').mockImplementation((chunk) => ((stdout += String(chunk)), true));
  vi.spyOn(process.stderr, 'write').mockImplementation((chunk) => ((stderr += String(chunk)), true));
});
afterEach(() => vi.restoreAllMocks());

async function ops(...args: string[]): Promise<number> {
  stdout = '';
  stderr = '';
  return main(args, { OPS_DATA_DIR: tempDir() });
}

const ANCHOR = '2026-11-20';
const PROJECT = 'Landing zone 332';
/**
 * A replica file of its own holding the demo data (as `ops seed --demo --db` makes), not the app's
 * demo workspace file, which is sealed and never syncs.
 */
let seeded: string | undefined;
const ownReplica = async () => {
  if (!seeded) {
    seeded = path.join(tempDir(), 'seeded.sqlite');
    expect(await ops('seed', '--demo', '--db', seeded, '--anchor', ANCHOR)).toBe(0);
  }
  const file = path.join(tempDir(), 'laptop.sqlite');
  fs.copyFileSync(seeded, file);
  return file;
};

async function entryCount(db: string): Promise<number> {
  expect(await ops('status', '--db', db, '--json')).toBe(0);
  return JSON.parse(stdout).rows.time_entries as number;
}

describe('ops dates', () => {
  it('refuses days that are not on the calendar, before opening anything', async () => {
    const db = await ownReplica();
    const before = await entryCount(db);
    expect(await ops('hours', 'add', '--db', db, '--project', PROJECT, '--minutes', '30', '--date', '2026-02-30')).toBe(2);
    expect(stderr).toContain('--date 2026-02-30 is not a day on the calendar: give a date that exists, as YYYY-MM-DD');
    expect(await ops('hours', 'list', '--db', db, '--from', '2026-13-45')).toBe(2);
    expect(stderr).toContain('--from 2026-13-45 is not a day on the calendar');
    expect(stderr).not.toContain('Invalid time value');
    expect(await ops('hours', 'list', '--db', db, '--to', 'tomorrow', '--json')).toBe(2);
    expect(JSON.parse(stderr).error.message).toContain('--to “tomorrow” is not a date: give it as YYYY-MM-DD');
    expect(await ops('hours', 'edit', '00000000-0000-4000-8000-000000000000', '--db', db, '--date', '2025-02-29')).toBe(2);
    expect(stderr).toContain('--date 2025-02-29 is not a day');
    // A leap day is a day.
    expect(await ops('hours', 'list', '--db', db, '--tz', 'UTC', '--from', '2024-02-29', '--to', '2024-02-29')).toBe(0);
    expect(await entryCount(db)).toBe(before);

    const fresh = path.join(tempDir(), 'new.sqlite');
    expect(await ops('seed', '--demo', '--db', fresh, '--anchor', '2026-02-30')).toBe(2);
    expect(stderr).toContain('--anchor 2026-02-30 is not a day');
    expect(fs.existsSync(fresh)).toBe(false);
  });

  it('the shared contract refuses them too, for every front end (here an --end instant the core checks)', async () => {
    const db = await ownReplica();
    expect(await ops('hours', 'start', '--db', db, '--project', PROJECT)).toBe(0);
    expect(await ops('hours', 'stop', '--db', db, '--end', '2026-02-30T17:30:00+10:00', '--json')).toBe(1);
    expect(JSON.parse(stderr).error).toMatchObject({
      code: 'invalid_input',
      field: 'endedAt',
      message:
        '“2026-02-30T17:30:00+10:00” is not a date and time that exists: give one such as 2026-11-22T09:00:00Z or 2026-11-22T19:00:00+10:00.',
    });
    expect(await ops('status', '--db', db)).toBe(0);
    expect(stdout).toContain(`running on ${PROJECT}`);

    const core = new Core({ dbPath: await ownReplica() });
    try {
      for (const [from, to] of [
        ['2026-02-30', '2026-03-01'],
        ['2026-13-01', '2026-13-02'],
        ['2025-02-29', '2025-03-01'],
      ]) {
        const result = await core.invoke('entries.list', { from, to, timeZone: 'UTC' });
        expect(result, `${from}`).toMatchObject({
          ok: false,
          error: { code: 'invalid_input', field: 'from', message: expect.stringContaining(`“${from}” is not a day on the calendar`) },
        });
      }
      expect(await core.invoke('entries.list', { from: '2024-02-29', to: '2024-03-01', timeZone: 'UTC' })).toMatchObject({ ok: true });
      expect(await core.invoke('entries.list', { to: '2024-03-01', timeZone: 'UTC' })).toMatchObject({
        ok: false,
        error: { field: 'from', message: 'Expected a date as YYYY-MM-DD.' },
      });
    } finally {
      await core.close();
    }
  });

  it('says so when --from is after --to, instead of listing nothing', async () => {
    const db = await ownReplica();
    expect(await ops('hours', 'list', '--db', db, '--from', '2026-11-20', '--to', '2026-11-01')).toBe(2);
    expect(stderr).toContain('--from 2026-11-20 is after --to 2026-11-01: give the earlier day with --from');
    expect(stdout).toBe('');
    expect(await ops('hours', 'list', '--db', db, '--to', '2001-01-01')).toBe(2);
    expect(stderr).toContain("--to 2001-01-01 is before this week's first day");
  });
});

describe('ops numbers and addresses', () => {
  it('--minutes -30 gets the duration rule, not "argument is ambiguous"; a non-number gets a usage message', async () => {
    const db = await ownReplica();
    const before = await entryCount(db);
    expect(await ops('hours', 'add', '--db', db, '--project', PROJECT, '--minutes', '-30')).toBe(1);
    expect(stderr).toContain('The duration must be at least 1 minute');
    expect(stderr).not.toContain('ambiguous');
    expect(await ops('hours', 'add', '--db', db, '--project', PROJECT, '--minutes', '1.5')).toBe(2);
    expect(stderr).toContain('--minutes “1.5” is not a whole number');
    expect(await ops('hours', 'add', '--db', db, '--project', PROJECT, '--minutes', '')).toBe(2);
    expect(await ops('sync', '--db', db, '--batch-size', 'lots')).toBe(2);
    expect(stderr).toContain('--batch-size “lots” is not a whole number');
    expect(await entryCount(db)).toBe(before);
  });

  it('--central notaurl is refused as an address before anything connects or is created', async () => {
    const fresh = path.join(tempDir(), 'new.sqlite');
    expect(await ops('sync', '--db', fresh, '--central', 'notaurl')).toBe(2);
    expect(stderr).toContain('--central (or OPS_CENTRAL_URL) “notaurl” is not a database address: give a URL such as postgres://');
    expect(stderr).not.toContain('ENOTFOUND');
    expect(await ops('central', 'migrate', '--central', 'https://user:secret@example.com/ops')).toBe(2);
    expect(stderr).toContain('is not a database address');
    expect(stderr).not.toContain('secret');
    expect(fs.existsSync(fresh)).toBe(false);
  });

  it('a central server that answers but lacks the database is not called offline', async () => {
    const server = new URL(process.env.OPS_TEST_DATABASE_URL ?? 'postgres://postgres@127.0.0.1:5432/test');
    server.pathname = `/ops_no_such_db_${process.pid}`;
    const db = await ownReplica();
    expect(await ops('sync', '--db', db, '--central', server.href)).toBe(1);
    expect(stderr).toContain(`answers, but database "ops_no_such_db_${process.pid}" does not exist. Check the database name`);
    expect(stderr).not.toContain('online');
    expect(await ops('central', 'migrate', '--central', server.href)).toBe(1);
    expect(stderr).toContain('does not exist. Check the database name');
    // A first sync into a new replica that fails before pulling anything leaves no replica behind.
    const fresh = path.join(tempDir(), 'new.sqlite');
    expect(await ops('sync', '--db', fresh, '--central', server.href)).toBe(1);
    expect(fs.existsSync(fresh)).toBe(false);
  });
});

describe('ops replicas it cannot write', () => {
  /**
   * Tests run as root, for whom permissions do not make a file or folder read-only: as root the
   * file or folder is made immutable (chattr +i, which root cannot write either, and which
   * access(2) reports); as anyone else, chmod does it.
   */
  function readOnly(target: string): () => void {
    if (process.getuid?.() === 0) {
      execFileSync('chattr', ['+i', target]);
      return () => execFileSync('chattr', ['-i', target]);
    }
    const mode = fs.statSync(target).mode;
    fs.chmodSync(target, fs.statSync(target).isDirectory() ? 0o555 : 0o444);
    return () => fs.chmodSync(target, mode);
  }

  function listing(dir: string): string[] {
    return fs.readdirSync(dir).sort();
  }

  it('a replica in a read-only folder is not called foreign, and is left as it was', async () => {
    const dir = demoDataDir(ANCHOR);
    const db = path.join(dir, 'demo.sqlite');
    const before = fs.readFileSync(db);
    const files = listing(dir);
    const undo = readOnly(dir);
    try {
      expect(await ops('status', '--db', db)).toBe(1);
      expect(stderr).toContain(`Cannot open the replica ${db}: the folder ${dir} is read-only`);
      expect(stderr).toContain('Make the folder writable');
      expect(stderr).not.toContain('not an Ops Console replica');
      expect(stderr).not.toContain('move that file away');
      expect(listing(dir)).toEqual(files);
    } finally {
      undo();
    }
    expect(fs.readFileSync(db).equals(before)).toBe(true);
  });

  it('a read-only replica (say, root-owned for its user) gets the reason and the fix, not SQLite text', async () => {
    const db = await ownReplica();
    const undo = readOnly(db);
    try {
      expect(await ops('hours', 'add', '--db', db, '--project', PROJECT, '--minutes', '30')).toBe(1);
      expect(stderr).toMatch(/Cannot open the replica .*: the file is (read-only|owned by)/);
      expect(stderr).not.toContain('readonly database');
    } finally {
      undo();
    }
  });

  it('a new replica in a read-only folder, or in a folder that cannot be made, is refused and nothing is created', async () => {
    const dir = tempDir();
    const undo = readOnly(dir);
    try {
      expect(await ops('status', '--db', path.join(dir, 'new.sqlite'))).toBe(1);
      expect(stderr).toContain(`Cannot create the replica ${path.join(dir, 'new.sqlite')}: the folder ${dir} is read-only`);
      expect(stderr).toContain('Choose a path in a folder you can write');
      expect(await ops('seed', '--demo', '--db', path.join(dir, 'sub', 'new.sqlite'))).toBe(1);
      expect(stderr).toContain(`the folder ${path.join(dir, 'sub')} cannot be created: ${dir} is read-only`);
      expect(stderr).not.toMatch(/EACCES|EPERM|unable to open/);
    } finally {
      undo();
    }
    expect(listing(dir)).toEqual([]);

    const file = path.join(tempDir(), 'plain.txt');
    fs.writeFileSync(file, 'not a folder');
    expect(await ops('status', '--db', path.join(file, 'new.sqlite'))).toBe(1);
    expect(stderr).toContain(`Cannot create the folder ${file} for the replica`);
    expect(stderr).toContain(`${file} is a file, not a folder`);
    expect(stderr).not.toMatch(/ENOTDIR/);
  });

  it('a file that is not SQLite at all is still called foreign', async () => {
    expect(await ops('status', '--db', path.join(__dirname, 'ops-input.test.ts'))).toBe(1);
    expect(stderr).toContain('is not an Ops Console replica');
  });
});

describe('ops leaves nothing behind when it refuses', () => {
  it('a failed seed or a refused command at a new --db path leaves no replica file or folder', async () => {
    const dir = tempDir();
    expect(await ops('seed', '--demo', '--db', path.join(dir, 'a.sqlite'), '--scale', '0')).toBe(2);
    expect(stderr).toContain('--scale 0: give a whole number from 1 to 100');
    // These fail after the replica was opened (created): it is removed again.
    expect(await ops('hours', 'add', '--db', path.join(dir, 'b', 'c.sqlite'), '--project', PROJECT, '--minutes', '30')).toBe(1);
    expect(stderr).toContain('No project is called');
    expect(await ops('hours', 'stop', '--db', path.join(dir, 'd.sqlite'))).toBe(1);
    expect(stderr).toContain('No timer is running');
    expect(fs.readdirSync(dir)).toEqual([]);
    // A seed into an existing replica fails and leaves the replica there.
    const db = await ownReplica();
    expect(await ops('seed', '--demo', '--db', db)).toBe(1);
    expect(stderr).toContain('already has data');
    expect(fs.existsSync(db)).toBe(true);
    // A command that succeeds still starts a replica at a new path.
    expect(await ops('status', '--db', path.join(dir, 'e.sqlite'))).toBe(0);
    expect(fs.readdirSync(dir)).toContain('e.sqlite');
  });
});

describe('ops hours switch', () => {
  function otherProject(db: string): string {
    const sqlite = new Database(db, { readonly: true });
    try {
      return (
        sqlite.prepare("SELECT name FROM projects WHERE status = 'active' AND name <> ? ORDER BY name LIMIT 1").get(PROJECT) as {
          name: string;
        }
      ).name;
    } finally {
      sqlite.close();
    }
  }

  it('start while a timer runs points to switch, which records the hours and starts the new timer as one change', async () => {
    const db = await ownReplica();
    const other = otherProject(db);
    expect(await ops('hours', 'switch', '--db', db, '--project', other)).toBe(1);
    expect(stderr).toContain('No timer is running, so there is nothing to switch from: start one with ops hours start');

    expect(await ops('hours', 'start', '--db', db, '--project', PROJECT)).toBe(0);
    expect(await ops('hours', 'start', '--db', db, '--project', other)).toBe(1);
    expect(stderr).toContain(`A timer is already running on “${PROJECT}”`);
    expect(stderr).toContain('ops hours switch --project');
    expect(stderr).not.toContain('or switch project.');

    const before = await entryCount(db);
    expect(await ops('hours', 'switch', '--db', db, '--project', other, '--note', 'Next', '--json')).toBe(0);
    const { stopped, timer } = JSON.parse(stdout) as { stopped: TimeEntry; timer: { projectName: string; note: string } };
    expect(stopped.projectName).toBe(PROJECT);
    expect(timer).toMatchObject({ projectName: other, note: 'Next' });
    expect(await entryCount(db)).toBe(before + 1);
    expect(await ops('status', '--db', db)).toBe(0);
    expect(stdout).toContain(`running on ${other}`);
  });
});

describe('ops prints times in the workspace zone', () => {
  it("the demo workspace's Brisbane times; --tz overrides; --json keeps UTC instants", async () => {
    // The app's own demo workspace (no --db): its zone is Australia/Brisbane, whatever this machine's is.
    const env = { OPS_DATA_DIR: demoDataDir(ANCHOR) };
    const run = async (...args: string[]) => {
      stdout = '';
      stderr = '';
      return main(args, env);
    };
    expect(await run('hours', 'start', '--project', PROJECT, '--json')).toBe(0);
    const { startedAt } = JSON.parse(stdout) as { startedAt: string };
    expect(startedAt).toMatch(/^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}\.\d{3}Z$/);
    const brisbane = new Date(startedAt).toLocaleString('en-AU', {
      timeZone: 'Australia/Brisbane',
      hour: 'numeric',
      minute: '2-digit',
    });
    expect(await run('status')).toBe(0);
    expect(stdout).toContain(`since ${new Date(startedAt).toLocaleString('en-AU', { timeZone: 'Australia/Brisbane', weekday: 'short' })}`);
    expect(stdout).toMatch(new RegExp(`Timer +running on ${PROJECT} since .*${brisbane} AEST`));
    expect(stdout).toContain('Time zone    Australia/Brisbane');
    expect(stdout).not.toContain(startedAt);

    expect(await run('status', '--tz', 'UTC')).toBe(0);
    const utc = new Date(startedAt).toLocaleString('en-AU', { timeZone: 'UTC', hour: 'numeric', minute: '2-digit' });
    expect(stdout).toMatch(new RegExp(`since .*${utc} UTC`));

    expect(await run('hours', 'discard')).toBe(0);
    expect(stdout).toContain(`running since`);
    expect(stdout).toContain(`${brisbane} AEST`);
  });
});
