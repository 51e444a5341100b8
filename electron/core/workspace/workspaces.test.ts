import fs from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { Core } from '../api';
import { demoDataDir, tempDir } from '../testing';

describe('workspaces', () => {
  it('opens the demo on first start, switches to Work (empty at first) and back without losing anything', async () => {
    const dataDir = demoDataDir('2026-11-20');
    let core = new Core({ dataDir, demoAnchor: '2026-11-20' });
    const demo = await core.call('workspace.info');
    expect(demo.kind).toBe('demo');
    expect(demo.consultant?.name).toBeTruthy();
    const project = (await core.call('projects.list'))[0]!;
    const entry = await core.call('entries.create', { projectId: project.id, startedAt: '2026-11-20T01:00:00Z', minutes: 20 });

    const work = await core.call('workspace.switch', { kind: 'work' });
    expect(work).toMatchObject({ kind: 'work', name: 'Work', sealed: false, counts: { consultants: 0, projects: 0 } });
    expect(work.path).toMatch(/workspace\.sqlite$/);
    const refused = await core.invoke('entries.create', { projectId: project.id, startedAt: '2026-11-20T01:00:00Z', minutes: 20 });
    expect(refused.ok ? null : refused.error.message).toMatch(/Choose who you are/);

    // The choice is remembered across restarts.
    core.close();
    core = new Core({ dataDir, demoAnchor: '2026-11-20' });
    expect((await core.call('workspace.info')).kind).toBe('work');

    await core.call('workspace.switch', { kind: 'demo' });
    const back = await core.call('entries.list', { from: '2026-11-20', to: '2026-11-20', timeZone: 'UTC', projectId: project.id });
    expect(back.map((e) => e.id)).toContain(entry.id);
    core.close();
  });

  it('cannot switch when a replica file was opened directly', async () => {
    const core = new Core({ dbPath: `${demoDataDir('2026-11-20')}/demo.sqlite` });
    const result = await core.invoke('workspace.switch', { kind: 'work' });
    expect(result.ok ? null : result.error.code).toBe('unsupported');
    core.close();
  });
});

describe('the Work workspace under its earlier name', () => {
  it('opens workspace.sqlite when active-workspace says empty, and still takes kind empty from older callers', async () => {
    const dataDir = demoDataDir('2026-11-20');
    let core = new Core({ dataDir, demoAnchor: '2026-11-20' });
    await core.call('workspace.switch', { kind: 'work' });
    const project = { id: core.replica.newId() };
    core.replica.transaction(() =>
      core.replica.insert('consultants', {
        id: project.id,
        name: 'Kept',
        email: 'kept@example.com',
        default_rate_cents: 1,
        cost_rate_cents: 1,
        weekly_capacity_hours: 38,
        active: 1,
      }),
    );
    await core.close();
    fs.writeFileSync(path.join(dataDir, 'active-workspace'), 'empty');
    core = new Core({ dataDir, demoAnchor: '2026-11-20' });
    expect(await core.call('workspace.info')).toMatchObject({ kind: 'work', counts: { consultants: 1 } });
    await core.call('workspace.switch', { kind: 'demo' });
    expect(await core.call('workspace.switch', { kind: 'empty' })).toMatchObject({ kind: 'work', counts: { consultants: 1 } });
    const bad = await core.invoke('workspace.switch', { kind: 'production' });
    expect(bad.ok ? null : bad.error.message).toBe('Choose the workspace: demo or work.');
    await core.close();
  });
});

describe('first start', () => {
  it('seeds the demo in steps: the event loop keeps running, and calls answer once it is ready', async () => {
    const core = new Core({ dataDir: tempDir(), demoAnchor: '2026-11-20', seedInBackground: true });
    let ticks = 0;
    const ticker = setInterval(() => ticks++, 0);
    const projects = await core.call('projects.list');
    clearInterval(ticker);
    expect(projects.length).toBeGreaterThan(10);
    expect(ticks).toBeGreaterThan(3); // timers ran while the seed was being written
    expect((await core.call('status.get')).rows.time_entries).toBeGreaterThan(30_000);
    await core.close();
  });
});
