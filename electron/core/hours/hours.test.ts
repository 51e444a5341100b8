import path from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { Core } from '../api';
import { demoDataDir } from '../testing';

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
    const locked = core.replica.db
      .prepare(`SELECT e.id, e.consultant_id FROM time_entries e JOIN invoices i ON i.id = e.invoice_id WHERE i.status = 'paid' LIMIT 1`)
      .get() as { id: string; consultant_id: string };
    await core.call('settings.update', { consultantId: locked.consultant_id });
    const before = core.replica.db.prepare('SELECT minutes FROM time_entries WHERE id = ?').pluck().get(locked.id);
    for (const attempt of [
      core.invoke('entries.update', { id: locked.id, minutes: 5 }),
      core.invoke('entries.delete', { id: locked.id }),
    ]) {
      const result = await attempt;
      expect(result.ok ? null : result.error.code).toBe('locked');
    }
    expect(core.replica.db.prepare('SELECT minutes FROM time_entries WHERE id = ?').pluck().get(locked.id)).toBe(before);
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

describe('week grid and day list', () => {
  it('aggregates one consultant-week by project and day, matching the day list', async () => {
    const grid = await core.call('entries.week', { weekStart: '2026-11-09', utcOffsetMinutes: 600 });
    expect(grid.days).toHaveLength(7);
    expect(grid.totalMinutes).toBeGreaterThan(0);
    const list = await core.call('entries.list', { from: '2026-11-09', to: '2026-11-15', utcOffsetMinutes: 600 });
    expect(list.reduce((sum, e) => sum + e.minutes, 0)).toBe(grid.totalMinutes);
    expect(grid.dayTotals.reduce((a, b) => a + b, 0)).toBe(grid.totalMinutes);
    expect(grid.dayTotals[5]).toBe(0); // Saturday
  });
});
