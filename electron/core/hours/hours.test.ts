import path from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { isStorableText } from '../../../shared/contract';
import { Core } from '../api';
import { demoDataDir } from '../testing';
import { assertPlausibleStart } from './rules';
import { startTimer } from './timer';

const ANCHOR = '2026-11-20'; // a Friday; the demo history ends the day before
let core: Core;
let projectId: string;

beforeEach(async () => {
  core = new Core({ dataDir: demoDataDir(ANCHOR), demoAnchor: ANCHOR });
  const projects = await core.call('projects.list');
  projectId = projects.find((p) => p.status === 'active' && p.roundingMode === 'none')!.id;
});
afterEach(() => core.close());

async function outboxSize() {
  return (await core.call('status.get')).outboxPending;
}

describe('manual entries', () => {
  it('creates an entry with the rate snapshotted and records one outbox mutation', async () => {
    const before = await outboxSize();
    const entry = await core.call('entries.create', { projectId, startedAt: '2026-11-19T23:00:00Z', minutes: 90, note: 'Pipeline review' });
    expect(entry.minutes).toBe(90);
    expect(entry.rateCents).toBeGreaterThan(0);
    expect(entry.amountCents).toBe(Math.round((90 * entry.rateCents) / 60));
    expect(await outboxSize()).toBe(before + 1);
  });

  it.each([
    [{ minutes: 0 }, 'at least 1 minute'],
    [{ minutes: -5 }, 'at least 1 minute'],
    [{ minutes: 1441 }, 'at most 24 hours'],
    [{ minutes: 12.5 }, 'whole number'],
    [{ endedAt: '2026-11-19T22:00:00Z' }, 'end time is before the start'],
    [{ endedAt: '2026-11-19T23:00:00Z' }, '0 minutes long: the end time is the same as the start'],
    [{ startedAt: '2030-01-01T09:00:00Z', minutes: 30 }, 'more than a day ahead'],
    [{ endedAt: '2026-11-21T23:30:00Z' }, 'at most 24 hours'],
    [{ minutes: 30, note: 'x'.repeat(2001) }, 'at most 2000 characters'],
    [{ minutes: 30, projectId: '0190e3c4-0000-7000-8000-000000000000' }, 'does not exist'],
  ])('refuses %o with a message and changes nothing', async (bad, message) => {
    const before = await core.call('status.get');
    const result = await core.invoke('entries.create', { projectId, startedAt: '2026-11-19T23:00:00Z', ...bad });
    expect(result.ok).toBe(false);
    if (!result.ok) expect(result.error.message).toContain(message);
    const after = await core.call('status.get');
    expect(after.rows.time_entries).toBe(before.rows.time_entries);
    expect(after.outboxPending).toBe(before.outboxPending);
  });

  it('refuses hours on an archived project', async () => {
    const archived = (await core.call('projects.list', { includeArchived: true })).find((p) => p.archived)!;
    const result = await core.invoke('entries.create', { projectId: archived.id, startedAt: '2026-11-19T23:00:00Z', minutes: 30 });
    expect(result.ok ? null : result.error.message).toMatch(/can no longer be logged/);
  });

  it('edits and deletes its own entry, stamping only the changed column', async () => {
    const entry = await core.call('entries.create', { projectId, startedAt: '2026-11-19T23:00:00Z', minutes: 30 });
    const edited = await core.call('entries.update', { id: entry.id, minutes: 45, note: '' });
    expect(edited.minutes).toBe(45);
    const clocks = core.replica.db.prepare('SELECT _clocks FROM time_entries WHERE id = ?').pluck().get(entry.id) as string;
    expect(Object.keys(JSON.parse(clocks))).toEqual(['minutes']);
    await core.call('entries.delete', { id: entry.id });
    const result = await core.invoke('entries.update', { id: entry.id, minutes: 10 });
    expect(result.ok ? null : result.error.code).toBe('not_found');
  });

  it('locks entries on a sent or paid invoice', async () => {
    const db = core.replica.db;
    const entryOn = (status: string) =>
      db
        .prepare(
          `SELECT e.id, e.consultant_id FROM time_entries e JOIN invoices i ON i.id = e.invoice_id WHERE i.status = ? ORDER BY e.id LIMIT 1`,
        )
        .get(status) as { id: string; consultant_id: string } | undefined;
    const row = (id: string) => db.prepare('SELECT minutes, note FROM time_entries WHERE id = ?').get(id);
    for (const status of ['sent', 'paid']) {
      const locked = entryOn(status);
      expect(locked, `an entry on a ${status} invoice`).toBeDefined();
      await core.call('settings.update', { consultantId: locked!.consultant_id });
      const before = row(locked!.id);
      expect(before).toBeDefined();
      const attempts = {
        minutes: () => core.invoke('entries.update', { id: locked!.id, minutes: 5 }),
        note: () => core.invoke('entries.update', { id: locked!.id, note: 'Changed after invoicing' }),
        delete: () => core.invoke('entries.delete', { id: locked!.id }),
      };
      for (const [what, attempt] of Object.entries(attempts)) {
        const result = await attempt();
        expect(result.ok ? null : result.error.code, `${what} on a ${status} invoice`).toBe('locked');
      }
      expect(row(locked!.id), status).toEqual(before);
    }
    // A draft invoice does not lock its entries: the lock is the invoice's status, not the link.
    const draft = entryOn('draft');
    expect(draft).toBeDefined();
    await core.call('settings.update', { consultantId: draft!.consultant_id });
    expect((await core.call('entries.update', { id: draft!.id, minutes: 5 })).minutes).toBe(5);
  });
});

describe('rounding', () => {
  it.each([
    ['none', 15, 7, 7],
    ['up', 15, 16, 30],
    ['up', 6, 1, 6],
    ['down', 15, 29, 15],
    ['nearest', 15, 7, 0],
    ['nearest', 15, 8, 15],
    ['nearest', 6, 3, 6],
    ['nearest', 6, 2, 0],
  ])('%s to %i: %i raw minutes show as %i', async (mode, step, raw, rounded) => {
    core.replica.db.prepare('UPDATE projects SET rounding_mode = ?, rounding_step = ? WHERE id = ?').run(mode, step, projectId);
    const entry = await core.call('entries.create', { projectId, startedAt: '2026-11-19T23:00:00Z', minutes: raw });
    expect(entry.minutes).toBe(raw);
    expect(entry.roundedMinutes).toBe(rounded);
  });
});

describe('timer', () => {
  it('persists a running timer across reopening the replica', async () => {
    const timer = await core.call('timer.start', { projectId, note: 'On site' });
    const dataDir = path.dirname(core.replica.db.name);
    core.close();
    core = new Core({ dataDir, demoAnchor: ANCHOR });
    expect(await core.call('timer.get')).toEqual(timer);
    const again = await core.invoke('timer.start', { projectId });
    expect(again.ok ? null : again.error.message).toMatch(/already running/);
  });

  it('stop records an entry of the elapsed minutes; switch stops and starts in one step', async () => {
    const now = Date.now();
    await core.call('timer.start', { projectId, note: 'Deploy' });
    core.replica.db.prepare('UPDATE running_timer SET started_at = ?').run(new Date(now - 50 * 60_000).toISOString());
    const other = (await core.call('projects.list')).find((p) => p.id !== projectId)!;
    const { stopped, timer } = await core.call('timer.switch', { projectId: other.id, note: '' });
    expect(stopped.minutes).toBe(50);
    expect(stopped.note).toBe('Deploy');
    expect(timer.projectId).toBe(other.id);
    const entry = await core.call('timer.stop');
    expect(entry.minutes).toBe(1); // under a minute still records the minimum whole minute
    expect(await core.call('timer.get')).toBeNull();
  });

  it('refuses to guess a timer that ran over 24 hours', async () => {
    await core.call('timer.start', { projectId });
    core.replica.db.prepare('UPDATE running_timer SET started_at = ?').run(new Date(Date.now() - 30 * 3_600_000).toISOString());
    const result = await core.invoke('timer.stop');
    expect(result.ok ? null : result.error.message).toMatch(/over 24 hours/);
    expect(await core.call('timer.get')).not.toBeNull();
  });
});

describe('storable text', () => {
  const NUL = 'before\u0000after';
  const LONE_HIGH = 'broken \uD83D emoji';
  const LONE_LOW = '\uDE00 broken emoji';
  const LONE_AT_END = 'cut off \uD83D';

  it.each([
    ['plain text', 'Pipeline review', true],
    ['a whole emoji', 'Deploy 😀 done', true],
    ['an empty string', '', true],
    ['a NUL', NUL, false],
    ['a lone high surrogate', LONE_HIGH, false],
    ['a lone low surrogate', LONE_LOW, false],
    ['a high surrogate at the end', LONE_AT_END, false],
    ['two high surrogates', '\uD83D\uD83D\uDE00', false],
  ])('%s is storable: %s', (_name, text, storable) => {
    expect(isStorableText(text)).toBe(storable);
  });

  it.each([NUL, LONE_HIGH, LONE_LOW, LONE_AT_END])('refuses a note with %j on every hours channel, changing nothing', async (bad) => {
    const entry = await core.call('entries.create', { projectId, startedAt: '2026-11-19T23:00:00Z', minutes: 30, note: 'kept' });
    const before = await core.call('status.get');
    const attempts = [
      core.invoke('entries.create', { projectId, startedAt: '2026-11-19T23:00:00Z', minutes: 30, note: bad }),
      core.invoke('entries.update', { id: entry.id, note: bad }),
      core.invoke('timer.start', { projectId, note: bad }),
    ];
    for (const result of await Promise.all(attempts)) {
      expect(result.ok ? null : result.error).toEqual({
        code: 'invalid_input',
        field: 'note',
        message: 'The note contains a character that cannot be stored (a NUL or a broken emoji). Remove it and save again.',
      });
    }
    const after = await core.call('status.get');
    expect(after.rows.time_entries).toBe(before.rows.time_entries);
    expect(after.outboxPending).toBe(before.outboxPending);
    expect((await core.call('entries.get', { id: entry.id })).note).toBe('kept');
    expect(await core.call('timer.get')).toBeNull();
  });

  it('refuses a central address or password that cannot be stored', async () => {
    const before = await core.call('central.get');
    const url = await core.invoke('central.update', { url: 'postgres://me@db.example.com/ops\u0000' });
    expect(url.ok ? null : url.error.message).toMatch(/^The central database address contains a character that cannot be stored/);
    const password = await core.invoke('central.update', { url: 'postgres://me@db.example.com/ops', password: LONE_LOW });
    expect(password.ok ? null : password.error.message).toMatch(/^The password contains a character that cannot be stored/);
    expect(await core.call('central.get')).toEqual(before);
  });

  it('keeps a whole emoji as written', async () => {
    const entry = await core.call('entries.create', { projectId, startedAt: '2026-11-19T23:00:00Z', minutes: 30, note: 'Deploy 😀' });
    expect((await core.call('entries.get', { id: entry.id })).note).toBe('Deploy 😀');
  });
});

describe('start time bounds', () => {
  const now = new Date('2026-11-20T03:00:00Z');
  const check = (startedAt: string, at = now) => {
    try {
      assertPlausibleStart(startedAt, at);
      return 'ok';
    } catch (error) {
      return (error as Error).message;
    }
  };

  it.each([
    ['a start in the past', '2026-11-19T23:00:00Z', 'ok'],
    ['exactly a day ahead', '2026-11-21T03:00:00Z', 'ok'],
    ['a day and a minute ahead', '2026-11-21T03:01:00Z', 'more than a day ahead'],
    ['a start next year', '2027-11-20T03:00:00Z', 'more than a day ahead'],
    ['the first instant of 2000', '2000-01-01T00:00:00Z', 'ok'],
    ['the last minute of 1999', '1999-12-31T23:59:00Z', 'years 2000 to 2100'],
    ['a start in 1970', '1970-01-01T00:00:00Z', 'years 2000 to 2100'],
  ])('%s (%s): %s', (_name, startedAt, expected) => {
    expect(check(startedAt)).toContain(expected);
  });

  it('allows the year 2100 and refuses 2101, whatever the clock says', () => {
    const late = new Date('2100-12-31T12:00:00Z');
    expect(check('2100-12-31T23:59:00Z', late)).toBe('ok');
    expect(check('2101-01-01T00:00:00Z', late)).toContain('years 2000 to 2100');
  });

  it.each([
    ['three days ahead', () => new Date(Date.now() + 3 * 86_400_000).toISOString(), 'more than a day ahead'],
    ['in 1999', () => '1999-06-01T00:00:00Z', 'years 2000 to 2100'],
    ['in 2101', () => '2101-06-01T00:00:00Z', 'years 2000 to 2100'],
  ])('refuses an entry starting %s on create and edit, changing nothing', async (_name, startedAt, message) => {
    const entry = await core.call('entries.create', { projectId, startedAt: '2026-11-19T23:00:00Z', minutes: 30 });
    const before = await core.call('status.get');
    const created = await core.invoke('entries.create', { projectId, startedAt: startedAt(), minutes: 30 });
    const updated = await core.invoke('entries.update', { id: entry.id, startedAt: startedAt() });
    for (const result of [created, updated]) {
      expect(result.ok ? null : result.error.message).toContain(message);
      expect(result.ok ? null : result.error.field).toBe('startedAt');
    }
    const after = await core.call('status.get');
    expect(after.rows.time_entries).toBe(before.rows.time_entries);
    expect(after.outboxPending).toBe(before.outboxPending);
    expect((await core.call('entries.get', { id: entry.id })).startedAt).toBe(entry.startedAt);
  });

  it('refuses to start a timer when the computer clock is in another century', async () => {
    const consultantId = (await core.call('workspace.info')).consultant!.id;
    expect(() => startTimer(core.replica, consultantId, projectId, '', new Date('2150-01-01T00:00:00Z'))).toThrow(/years 2000 to 2100/);
    expect(startTimer(core.replica, consultantId, projectId, '', now).startedAt).toBe(now.toISOString());
  });
});

describe('timer discard and entries.get', () => {
  it('discard returns the timer it dropped and records nothing; with no timer it returns null', async () => {
    const before = await core.call('status.get');
    const timer = await core.call('timer.start', { projectId, note: 'Wrong project' });
    expect(await core.call('timer.discard')).toEqual(timer);
    expect(await core.call('timer.get')).toBeNull();
    expect(await core.call('timer.discard')).toBeNull();
    expect((await core.call('status.get')).rows.time_entries).toBe(before.rows.time_entries);
  });

  it('entries.get returns one entry, or says it no longer exists', async () => {
    const entry = await core.call('entries.create', { projectId, startedAt: '2026-11-19T23:00:00Z', minutes: 30 });
    expect(await core.call('entries.get', { id: entry.id })).toEqual(entry);
    await core.call('entries.delete', { id: entry.id });
    const gone = await core.invoke('entries.get', { id: entry.id });
    expect(gone.ok ? null : gone.error.code).toBe('not_found');
  });
});

describe('week grid and day list', () => {
  it('aggregates one consultant-week by project and day, matching the day list', async () => {
    const grid = await core.call('entries.week', { weekStart: '2026-11-09', timeZone: 'Australia/Brisbane' });
    expect(grid.days).toHaveLength(7);
    expect(grid.totalMinutes).toBeGreaterThan(0);
    const list = await core.call('entries.list', { from: '2026-11-09', to: '2026-11-15', timeZone: 'Australia/Brisbane' });
    expect(list.reduce((sum, e) => sum + e.minutes, 0)).toBe(grid.totalMinutes);
    expect(grid.dayTotals.reduce((a, b) => a + b, 0)).toBe(grid.totalMinutes);
    expect(grid.dayTotals[5]).toBe(0); // Saturday
  });
});
