// The demo workspace is sealed: its made-up rows never reach a central database, whichever way sync
// is asked for. Real SQLite files, a real PostgreSQL.
import fs from 'node:fs';
import path from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { Core } from '../api';
import { cuttableLink, freshCentral, type TestCentral } from '../central/testing';
import { demoDataDir, tempDir } from '../testing';
import { writeSetting } from './replica';
import { syncOnce } from './engine';
import { newReplica, seedTiny } from './fixtures';
import { seedDemo } from '../demo/seed';

let central: TestCentral;
beforeEach(async () => {
  central = await freshCentral();
});
afterEach(async () => {
  await central.drop();
});

const ANCHOR = '2026-11-20';
const centralCount = async (table: string) => (await central.admin.query(`SELECT count(*)::int AS n FROM ${table}`)).rows[0].n as number;

describe('the sealed demo workspace', () => {
  it('refuses central.update and sync.now with a message that says to switch, and changes nothing', async () => {
    const core = new Core({ dataDir: demoDataDir(ANCHOR), demoAnchor: ANCHOR });
    expect(await core.call('workspace.info')).toMatchObject({ kind: 'demo', sealed: true, name: 'Demo' });
    const update = await core.invoke('central.update', { url: central.url });
    expect(update.ok ? null : update.error.message).toMatch(/demo workspace never syncs.*Switch to the Work workspace/);
    expect((await core.call('central.get')).url).toBeNull();
    const now = await core.invoke('sync.now');
    expect(now.ok ? null : now.error.message).toMatch(/demo workspace never syncs/);
    expect((await core.call('sync.status')).sealed).toBe(true);
    expect(await centralCount('time_entries')).toBe(0);
    await core.close();
  });

  it('never syncs by itself, even with a central set up by an older version or given on the command line', async () => {
    const dataDir = demoDataDir(ANCHOR);
    let core = new Core({ dataDir, demoAnchor: ANCHOR });
    writeSetting(core.replica.db, 'central_url', central.url); // what the bug left behind
    await core.close();
    core = new Core({ dataDir, demoAnchor: ANCHOR, centralUrl: central.url });
    core.startAutoSync({ intervalMs: 50 });
    await new Promise((resolve) => setTimeout(resolve, 1500));
    const status = await core.call('sync.status');
    expect(status).toMatchObject({ sealed: true, lastAttemptAt: null, lastResult: null });
    expect(await centralCount('consultants')).toBe(0);
    expect(await centralCount('time_entries')).toBe(0);
    // Disconnecting the stale address is allowed.
    await core.close();
    core = new Core({ dataDir, demoAnchor: ANCHOR });
    expect((await core.call('central.update', { url: null })).url).toBeNull();
    await core.close();
  });

  it('stays sealed when its file is opened directly (ops --db …/demo.sqlite)', async () => {
    const core = new Core({ dbPath: path.join(demoDataDir(ANCHOR), 'demo.sqlite'), centralUrl: central.url });
    const now = await core.invoke('sync.now');
    expect(now.ok ? null : now.error.message).toMatch(/demo workspace never syncs/);
    expect(await centralCount('time_entries')).toBe(0);
    await core.close();
  });

  it('stays sealed under any other name: a copy, a symlink, a restored backup', async () => {
    const demo = path.join(demoDataDir(ANCHOR), 'demo.sqlite');
    const elsewhere = tempDir();
    const copy = path.join(elsewhere, 'laptop.sqlite');
    fs.copyFileSync(demo, copy);
    const link = path.join(elsewhere, 'link.sqlite');
    fs.symlinkSync(demo, link);
    for (const file of [copy, link]) {
      const core = new Core({ dbPath: file, centralUrl: central.url });
      expect((await core.call('workspace.info')).sealed).toBe(true);
      const now = await core.invoke('sync.now');
      expect(now.ok ? null : now.error.message).toMatch(/demo workspace never syncs/);
      await core.close();
    }
    expect(await centralCount('time_entries')).toBe(0);
  });

  it('seals demo data seeded into the Work workspace by hand (ops seed --demo with Work open)', async () => {
    const dataDir = demoDataDir(ANCHOR);
    let core = new Core({ dataDir, demoAnchor: ANCHOR });
    await core.call('workspace.switch', { kind: 'work' });
    await core.call('central.update', { url: central.url });
    seedDemo(core.replica, { anchor: ANCHOR });
    await core.close();
    core = new Core({ dataDir, demoAnchor: ANCHOR });
    expect(await core.call('workspace.info')).toMatchObject({ kind: 'work', sealed: true });
    const now = await core.invoke('sync.now');
    expect(now.ok ? null : now.error.message).toMatch(/demo workspace never syncs/);
    expect(await centralCount('time_entries')).toBe(0);
    await core.close();
  });
});

describe('the Work workspace', () => {
  it('switching waits for a running sync, so the sync finishes in its own workspace', async () => {
    const origin = newReplica('origin');
    seedTiny(origin);
    await syncOnce(origin, central.url);
    const core = new Core({ dataDir: demoDataDir(ANCHOR), demoAnchor: ANCHOR });
    await core.call('workspace.switch', { kind: 'work' });
    await core.call('central.update', { url: central.url });
    const syncing = core.invoke('sync.now');
    const switched = await core.invoke('workspace.switch', { kind: 'demo' });
    expect((await syncing).ok).toBe(true);
    expect(switched.ok).toBe(true);
    expect((await core.call('workspace.switch', { kind: 'work' })).counts.projects).toBe(2);
    await core.close();
  });

  it('starts empty, fills by its first pull, and the scheduler resumes after switching back from the demo', async () => {
    const origin = newReplica('origin');
    seedTiny(origin);
    await syncOnce(origin, central.url);
    const core = new Core({ dataDir: demoDataDir(ANCHOR), demoAnchor: ANCHOR });
    core.startAutoSync({ intervalMs: 600_000, listen: false });
    await core.call('workspace.switch', { kind: 'work' });
    await core.call('central.update', { url: central.url });
    const status = await core.call('sync.now');
    expect(status).toMatchObject({ sealed: false, lastError: null, online: true, lastResult: { pulled: expect.any(Number) as number } });
    expect((await core.call('workspace.info')).counts).toMatchObject({ consultants: 2, projects: 2 });

    await core.call('workspace.switch', { kind: 'demo' });
    expect(await core.call('sync.status')).toMatchObject({ sealed: true, configured: false, lastResult: null, online: null });
    await core.call('workspace.switch', { kind: 'work' });
    expect((await core.call('sync.status')).lastResult).not.toBeNull();
    expect(await centralCount('consultants')).toBe(2); // nothing of the demo's
    await core.close();
  });
});

describe('a failed sync', () => {
  it('shows its own reason, not the counts of an earlier success, and only in its own workspace', async () => {
    const core = new Core({ dataDir: demoDataDir(ANCHOR), demoAnchor: ANCHOR });
    await core.call('workspace.switch', { kind: 'work' });
    await core.call('central.update', { url: central.url });
    expect((await core.call('sync.now')).lastResult).not.toBeNull();

    const wrongPort = new URL(central.url);
    wrongPort.port = '9';
    await core.call('central.update', { url: wrongPort.toString() });
    const failed = await core.invoke('sync.now');
    expect(failed.ok ? null : failed.error.message).toMatch(/nothing answers at 127\.0\.0\.1:9\. Check the host and port/);
    const status = await core.call('sync.status');
    expect(status.online).toBe(false);
    expect(status.lastResult).toBeNull();
    expect(status.lastError).toMatch(/nothing answers at 127\.0\.0\.1:9/);
    expect(Date.now() - Date.parse(status.lastAttemptAt!)).toBeLessThan(10_000);

    await core.call('workspace.switch', { kind: 'demo' });
    expect(await core.call('sync.status')).toMatchObject({ online: null, lastError: null, lastResult: null, lastAttemptAt: null });
    await core.close();
  });

  it('a connection lost since the last sync (the network dropped) is offline too, not just a failed sync', async () => {
    const link = await cuttableLink(central.url);
    const core = new Core({ dataDir: demoDataDir(ANCHOR), demoAnchor: ANCHOR });
    await core.call('workspace.switch', { kind: 'work' });
    await core.call('central.update', { url: link.url });
    expect((await core.call('sync.now')).online).toBe(true);

    await link.cut();
    const failed = await core.invoke('sync.now');
    expect(failed.ok ? null : failed.error.message).toMatch(/Connection terminated/);
    expect((await core.call('sync.status')).online).toBe(false);
    await core.close();
  });

  it('names the SSL problem: SSL mode require against a server on this computer without SSL', async () => {
    const core = new Core({ dataDir: demoDataDir(ANCHOR), demoAnchor: ANCHOR });
    await core.call('workspace.switch', { kind: 'work' });
    const url = new URL(central.url);
    url.searchParams.set('sslmode', 'require');
    const test = await core.call('central.test', { url: url.toString() });
    expect(test).toEqual({
      ok: false,
      message: expect.stringMatching(/the server does not support SSL: choose SSL mode disable for a server on this computer/) as string,
    });
    await core.call('central.update', { url: url.toString() });
    const failed = await core.invoke('sync.now');
    expect(failed.ok ? null : failed.error.message).toMatch(/does not support SSL/);
    expect((await core.call('sync.status')).lastError).toMatch(/does not support SSL/);
    await core.close();
  });
});
