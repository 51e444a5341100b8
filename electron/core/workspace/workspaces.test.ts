import { describe, expect, it } from 'vitest';
import { Core } from '../api';
import { demoDataDir, tempDir } from '../testing';

describe('workspaces', () => {
  it('opens the demo on first start, switches to an empty one and back without losing anything', async () => {
    const dataDir = demoDataDir('2026-11-20');
    let core = new Core({ dataDir, demoAnchor: '2026-11-20' });
    const demo = await core.call('workspace.info');
    expect(demo.kind).toBe('demo');
    expect(demo.consultant?.name).toBeTruthy();
    const project = (await core.call('projects.list'))[0]!;
    const entry = await core.call('entries.create', { projectId: project.id, startedAt: '2026-11-20T01:00:00Z', minutes: 20 });

    const empty = await core.call('workspace.switch', { kind: 'empty' });
    expect(empty).toMatchObject({ kind: 'empty', counts: { consultants: 0, projects: 0, timeEntries: 0 } });
    const refused = await core.invoke('entries.create', { projectId: project.id, startedAt: '2026-11-20T01:00:00Z', minutes: 20 });
    expect(refused.ok ? null : refused.error.message).toMatch(/Choose who you are/);

    // The choice is remembered across restarts.
    core.close();
    core = new Core({ dataDir, demoAnchor: '2026-11-20' });
    expect((await core.call('workspace.info')).kind).toBe('empty');

    await core.call('workspace.switch', { kind: 'demo' });
    const back = await core.call('entries.list', { from: '2026-11-20', to: '2026-11-20', timeZone: 'UTC', projectId: project.id });
    expect(back.map((e) => e.id)).toContain(entry.id);
    core.close();
  });

  it('cannot switch when a replica file was opened directly', async () => {
    const core = new Core({ dbPath: `${demoDataDir('2026-11-20')}/demo.sqlite` });
    const result = await core.invoke('workspace.switch', { kind: 'empty' });
    expect(result.ok ? null : result.error.code).toBe('unsupported');
    core.close();
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
