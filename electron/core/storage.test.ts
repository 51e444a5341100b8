// A full disk and a read-only data folder, through the Core (every front end's way in) and the
// browser host's HTTP API: a clear message saying what happened and what to do, nothing saved
// before lost or half-written, reads going on, and writes working again without a restart once
// space is back. The full disk is real SQLite behaviour: PRAGMA max_page_count caps the file on
// this connection, and an insert that needs a new page fails with SQLITE_FULL as on a full disk.
// Read-only: these tests may run as root, for whom chmod does not stop writes, so the connection is
// made read-only with PRAGMA query_only (SQLite answers SQLITE_READONLY, as for a read-only file).
import fs from 'node:fs';
import path from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { ApiError } from '../../shared/contract';
import { startWebHost, type WebHost } from '../web/host';
import { Core } from './api';
import { demoDataDir, tempDir } from './testing';

const ANCHOR = '2026-11-20';
let core: Core;
let projectId: string;
let dataDir: string;

beforeEach(async () => {
  dataDir = demoDataDir(ANCHOR);
  core = new Core({ dataDir, demoAnchor: ANCHOR });
  const projects = await core.call('projects.list');
  projectId = projects.find((p) => p.status === 'active' && p.roundingMode === 'none')!.id;
});
afterEach(() => core.close());

const entry = (i: number) => ({
  projectId,
  startedAt: `2026-11-19T${String(i % 24).padStart(2, '0')}:00:00Z`,
  minutes: 30,
  note: `Disk test ${i} ${'x'.repeat(1500)}`,
});

/** Creates entries until the disk is full; returns the ids of those saved and the error of the first refused. */
async function fillTheDisk(): Promise<{ saved: string[]; error: ApiError }> {
  // A little room left (20 pages of 16 KiB), so some writes fit before it is full.
  core.db.pragma(`max_page_count = ${(core.db.pragma('page_count', { simple: true }) as number) + 20}`);
  const saved: string[] = [];
  for (let i = 0; i < 5000; i++) {
    const result = await core.invoke<'entries.create'>('entries.create', entry(i));
    if (!result.ok) return { saved, error: result.error };
    saved.push(result.value.id);
  }
  throw new Error('the capped file never filled up');
}

/** Every read a screen makes on opening, through the core. */
async function readsWork(): Promise<void> {
  for (const [channel, input] of [
    ['projects.list', undefined],
    ['entries.week', { weekStart: '2026-11-16', timeZone: 'Australia/Brisbane' }],
    ['entries.list', { from: '2026-11-16', to: '2026-11-22', timeZone: 'Australia/Brisbane' }],
    ['status.get', undefined],
    ['timer.get', undefined],
    ['consultants.list', undefined],
    ['sync.status', undefined],
    ['workspace.info', undefined],
    ['jobs.list', {}],
    ['deliveries.pending', undefined],
    ['pipelines.list', undefined],
  ] as const) {
    const result = await core.invoke(channel, input);
    expect(result.ok ? 'ok' : `${channel}: ${result.error.message}`).toBe('ok');
  }
}

describe('a full disk', () => {
  it('refuses the write with what happened and what to do; what was saved stays; reads go on; writes work again when space returns', async () => {
    const outboxBefore = (await core.call('status.get')).outboxPending;
    const { saved, error } = await fillTheDisk();
    expect(saved.length).toBeGreaterThan(0); // the room left took some first

    expect(error.code).toBe('storage');
    expect(error.message).toContain('Not saved: the disk holding your data');
    expect(error.message).toContain(dataDir);
    expect(error.message).toContain('is full. Free some space on it, then try again (no restart needed).');
    expect(error.message).toContain('Everything saved before is kept');
    expect(error.message).not.toMatch(/SQLITE|Something went wrong/);

    // Every write reported saved is there, with its one outbox mutation; the refused one left nothing.
    for (const id of saved) expect((await core.call('entries.get', { id })).id).toBe(id);
    const notes = core.db.prepare("SELECT count(*) FROM time_entries WHERE note LIKE 'Disk test %'").pluck().get();
    expect(notes).toBe(saved.length);
    expect((await core.call('status.get')).outboxPending).toBe(outboxBefore + saved.length);
    await readsWork();
    // Still full: refused again, the same way.
    expect((await core.invoke('entries.create', entry(1))).ok).toBe(false);

    // Space returns (the cap is lifted): the next write succeeds, no restart.
    core.db.pragma('max_page_count = 1073741823');
    const again = await core.call('entries.create', entry(1));
    expect((await core.call('entries.get', { id: again.id })).note).toContain('Disk test 1');
    expect(core.db.pragma('integrity_check', { simple: true })).toBe('ok');
    expect(core.db.pragma('foreign_key_check')).toEqual([]);
  });

  it('the browser host answers the refused write with the same message (HTTP 200, ok: false), and reads with data', async () => {
    const staticDir = tempDir();
    fs.writeFileSync(path.join(staticDir, 'index.html'), '<!doctype html><title>Ops Console</title>');
    const host: WebHost = await startWebHost({ core, staticDir });
    const post = async (channel: string, body: unknown) => {
      const response = await fetch(`http://127.0.0.1:${host.port}/api/invoke/${channel}`, {
        method: 'POST',
        headers: { Authorization: `Bearer ${host.token}`, 'Content-Type': 'application/json' },
        body: JSON.stringify(body),
      });
      return { status: response.status, body: (await response.json()) as { ok: boolean; error?: ApiError; value?: unknown } };
    };
    try {
      await fillTheDisk();
      const refused = await post('entries.create', entry(7));
      expect(refused.status).toBe(200);
      expect(refused.body.ok).toBe(false);
      expect(refused.body.error!.code).toBe('storage');
      expect(refused.body.error!.message).toMatch(/^Not saved: the disk holding your data \(.+\) is full\. Free some space/);
      const week = await post('entries.week', { weekStart: '2026-11-16', timeZone: 'Australia/Brisbane' });
      expect(week.body.ok).toBe(true);

      core.db.pragma('max_page_count = 1073741823');
      expect((await post('entries.create', entry(7))).body.ok).toBe(true);
    } finally {
      await host.close();
    }
  });
});

describe('a read-only data folder', () => {
  it('refuses writes with what to check; reads go on; writes work again once it is writable', async () => {
    const saved = (await core.call('entries.create', entry(2))).id;
    const before = (await core.call('status.get')).outboxPending;
    // (query_only stands in for the folder turning read-only under the running app: see the top.)
    core.db.pragma('query_only = ON');
    for (const [channel, input] of [
      ['entries.create', entry(3)],
      ['timer.start', { projectId }],
      ['entries.delete', { id: saved }],
    ] as const) {
      const result = await core.invoke(channel, input);
      expect(result.ok).toBe(false);
      if (result.ok) continue;
      expect(result.error.code).toBe('storage');
      expect(result.error.message).toContain(`Not saved: the data folder ${dataDir} cannot be written`);
      expect(result.error.message).toContain("Check the folder's permissions and that the disk is mounted read-write");
    }
    await readsWork();
    expect((await core.call('entries.get', { id: saved })).id).toBe(saved);
    expect((await core.call('status.get')).outboxPending).toBe(before);

    core.db.pragma('query_only = OFF');
    await core.call('entries.create', entry(3));
    expect((await core.call('status.get')).outboxPending).toBe(before + 1);
  });
});
