import path from 'node:path';
import Database from 'better-sqlite3';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import type { TimeEntry } from '../../shared/domain';
import { demoDataDir, tempDir } from '../core/testing';
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

    const project = 'Landing zone 332';
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
    // A demo replica of this test's own, not the one the test above seeded.
    const own = path.join(demoDataDir('2026-11-20'), 'demo.sqlite');
    expect(await ops('status', '--db', own, '--json')).toBe(0);
    const before = JSON.parse(stdout).rows.time_entries;
    expect(before).toBeGreaterThan(30_000);
    expect(await ops('hours', 'add', '--db', own, '--project', 'Landing zone 332', '--minutes', '0')).toBe(1);
    expect(stderr).toContain('at least 1 minute');
    expect(await ops('hours', 'add', '--db', own, '--project', 'No such project', '--minutes', '30')).toBe(1);
    expect(stderr).toContain('No project is called');
    expect(await ops('hours', 'add', '--db', own, '--project', 'Landing zone 332', '--minutes', '30', '--as', 'nobody@example.com')).toBe(
      1,
    );
    expect(stderr).toContain('No consultant with the email');
    expect(await ops('hours', 'stop', '--db', own)).toBe(1);
    expect(stderr).toContain('No timer is running');
    expect(await ops('status', '--db', own, '--json')).toBe(0);
    expect(JSON.parse(stdout).rows.time_entries).toBe(before);
  });

  it('prints usage for unknown commands and flags (exit 2)', async () => {
    expect(await ops('frobnicate')).toBe(2);
    expect(stderr).toContain('Usage: ops <command>');
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

describe('ops hours edit, delete, stop --end and discard', () => {
  const ANCHOR = '2026-11-20';
  const PROJECT = 'Landing zone 332';

  /** A replica of this test's own: a copy of the demo workspace, touched by no other test. */
  function ownReplica(): string {
    return path.join(demoDataDir(ANCHOR), 'demo.sqlite');
  }

  async function addEntry(db: string, ...extra: string[]): Promise<TimeEntry> {
    const args = ['hours', 'add', '--db', db, '--tz', 'UTC', '--project', PROJECT, '--minutes', '45', '--date', '2026-11-18'];
    expect(await ops(...args, '--start', '09:30', '--note', 'Original', ...extra, '--json')).toBe(0);
    return JSON.parse(stdout) as TimeEntry;
  }

  async function entryCount(db: string): Promise<number> {
    expect(await ops('status', '--db', db, '--json')).toBe(0);
    return JSON.parse(stdout).rows.time_entries as number;
  }

  /** Moves the running timer's start, as a clock change or a forgotten timer would. */
  function setTimerStart(db: string, startedAt: string): void {
    const sqlite = new Database(db);
    try {
      expect(sqlite.prepare('UPDATE running_timer SET started_at = ?').run(startedAt).changes).toBe(1);
    } finally {
      sqlite.close();
    }
  }

  it('edit changes only the fields given; a new --start keeps the day and a new --date keeps the time', async () => {
    const db = ownReplica();
    const entry = await addEntry(db);
    expect(entry.startedAt).toBe('2026-11-18T09:30:00.000Z');

    expect(await ops('hours', 'edit', entry.id, '--db', db, '--tz', 'UTC', '--minutes', '90', '--start', '10:15', '--json')).toBe(0);
    const edited = JSON.parse(stdout) as TimeEntry;
    expect(edited).toMatchObject({ id: entry.id, minutes: 90, startedAt: '2026-11-18T10:15:00.000Z', note: 'Original', billable: true });

    expect(
      await ops('hours', 'edit', entry.id, '--db', db, '--tz', 'UTC', '--date', '2026-11-17', '--note', 'Moved', '--no-billable'),
    ).toBe(0);
    expect(stdout).toMatch(/^Updated: 1:30 on Landing zone 332 .*not billable.* · Moved\.\n$/);
    expect(await ops('hours', 'list', '--db', db, '--tz', 'UTC', '--from', '2026-11-17', '--to', '2026-11-18', '--json')).toBe(0);
    const listed = (JSON.parse(stdout) as TimeEntry[]).find((e) => e.id === entry.id);
    expect(listed).toMatchObject({ minutes: 90, startedAt: '2026-11-17T10:15:00.000Z', note: 'Moved', billable: false });
  });

  it('edit refuses bad input with a message on stderr and changes nothing', async () => {
    const db = ownReplica();
    const entry = await addEntry(db);
    expect(await ops('hours', 'edit', entry.id, '--db', db, '--minutes', '0')).toBe(1);
    expect(stderr).toContain('at least 1 minute');
    expect(await ops('hours', 'edit', entry.id, '--db', db, '--note', 'bad\u0000note', '--json')).toBe(1);
    expect(JSON.parse(stderr).error).toMatchObject({ code: 'invalid_input', field: 'note' });
    expect(stderr).toContain('cannot be stored (a NUL or a broken emoji). Remove it');
    expect(await ops('hours', 'edit', entry.id, '--db', db, '--date', '2101-01-01')).toBe(1);
    expect(stderr).toContain('years 2000 to 2100');
    expect(await ops('hours', 'edit', '--db', db, '--minutes', '30')).toBe(2);
    expect(stderr).toContain("hours edit needs the entry's id");
    expect(await ops('hours', 'edit', entry.id, '--db', db)).toBe(2);
    expect(stderr).toContain('needs something to change');
    expect(await ops('hours', 'list', '--db', db, '--tz', 'UTC', '--from', '2026-11-18', '--to', '2026-11-18', '--json')).toBe(0);
    expect((JSON.parse(stdout) as TimeEntry[]).find((e) => e.id === entry.id)).toEqual(entry);
  });

  it('add refuses a note that cannot be stored and a start more than a day ahead', async () => {
    const db = ownReplica();
    const before = await entryCount(db);
    expect(await ops('hours', 'add', '--db', db, '--project', PROJECT, '--minutes', '30', '--note', 'half \uD83D emoji')).toBe(1);
    expect(stderr).toContain('ops: The note contains a character that cannot be stored');
    const ahead = new Date(Date.now() + 3 * 86_400_000).toISOString().slice(0, 10);
    expect(await ops('hours', 'add', '--db', db, '--tz', 'UTC', '--project', PROJECT, '--minutes', '30', '--date', ahead)).toBe(1);
    expect(stderr).toContain('more than a day ahead');
    expect(await entryCount(db)).toBe(before);
  });

  it('delete removes the entry, prints what it removed, and says so when it is already gone', async () => {
    const db = ownReplica();
    const entry = await addEntry(db);
    const before = await entryCount(db);
    expect(await ops('hours', 'delete', entry.id, '--db', db, '--json')).toBe(0);
    expect(JSON.parse(stdout)).toEqual(entry);
    expect(await entryCount(db)).toBe(before - 1);
    expect(await ops('hours', 'delete', entry.id, '--db', db)).toBe(1);
    expect(stderr).toContain('no longer exists');
    expect(await ops('hours', 'delete', '--db', db)).toBe(2);
    expect(stderr).toContain("hours delete needs the entry's id");
  });

  it('stop --end saves a timer left running over 24 hours, which plain stop cannot', async () => {
    const db = ownReplica();
    expect(await ops('hours', 'start', '--db', db, '--project', PROJECT, '--note', 'Forgotten')).toBe(0);
    setTimerStart(db, '2026-11-16T22:00:00.000Z');
    const before = await entryCount(db);
    expect(await ops('hours', 'stop', '--db', db)).toBe(1);
    expect(stderr).toContain('over 24 hours');
    expect(await ops('hours', 'stop', '--db', db, '--end', '5pm')).toBe(2);
    expect(stderr).toContain('Give --end as HH:MM');

    expect([await ops('hours', 'stop', '--db', db, '--end', '2026-11-17T16:30:00+10:00', '--json'), stderr]).toEqual([0, '']);
    const entry = JSON.parse(stdout) as TimeEntry;
    expect(entry).toMatchObject({ startedAt: '2026-11-16T22:00:00.000Z', minutes: 8 * 60 + 30, note: 'Forgotten', projectName: PROJECT });
    expect(await entryCount(db)).toBe(before + 1);
    expect(await ops('status', '--db', db)).toBe(0);
    expect(stdout).toContain('Timer        not running');
  });

  it('stop --end HH:MM ends the timer at that time today in the --tz zone', async () => {
    const db = ownReplica();
    expect(await ops('hours', 'start', '--db', db, '--project', PROJECT)).toBe(0);
    // Today in Brisbane (UTC+10, no daylight saving), read as the command will read it.
    let day = '';
    let code = 1;
    for (let attempt = 0; attempt < 2 && code !== 0; attempt++) {
      day = new Date(Date.now() + 10 * 3_600_000).toISOString().slice(0, 10);
      setTimerStart(db, new Date(`${day}T07:00:00+10:00`).toISOString());
      code = await ops('hours', 'stop', '--db', db, '--tz', 'Australia/Brisbane', '--end', '9:45', '--json');
      // (a second try only if Brisbane's midnight passed between reading the day and stopping)
    }
    expect(code).toBe(0);
    expect(JSON.parse(stdout)).toMatchObject({ startedAt: new Date(`${day}T07:00:00+10:00`).toISOString(), minutes: 165 });
  });

  it('discard drops the running timer, prints it, and records nothing', async () => {
    const db = ownReplica();
    const before = await entryCount(db);
    expect(await ops('hours', 'start', '--db', db, '--project', PROJECT, '--note', 'Wrong project', '--json')).toBe(0);
    const timer = JSON.parse(stdout);
    expect(await ops('hours', 'discard', '--db', db, '--json')).toBe(0);
    expect(JSON.parse(stdout)).toEqual(timer);
    expect(await ops('hours', 'discard', '--db', db)).toBe(1);
    expect(stderr).toContain('No timer is running, so there is nothing to discard');
    expect(await ops('hours', 'start', '--db', db, '--project', PROJECT)).toBe(0);
    expect(await ops('hours', 'discard', '--db', db)).toBe(0);
    expect(stdout).toMatch(/^Discarded the timer on Landing zone 332 .*No hours were recorded\.\n$/);
    expect(await entryCount(db)).toBe(before);
    expect(await ops('status', '--db', db)).toBe(0);
    expect(stdout).toContain('Timer        not running');
  });
});
