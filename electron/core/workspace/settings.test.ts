// A workspace's time zone (in its replica) and the user's own settings (beside the workspaces),
// under several zones of the machine.
import fs from 'node:fs';
import path from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { Core } from '../api';
import { demoDataDir, tempDir } from '../testing';

const ANCHOR = '2026-11-20';
const machineZone = process.env.TZ;
afterEach(() => {
  if (machineZone === undefined) delete process.env.TZ;
  else process.env.TZ = machineZone;
});

describe('the workspace time zone', () => {
  for (const zone of ['America/New_York', 'Europe/Berlin', 'UTC', 'Australia/Brisbane']) {
    it(`is Brisbane's for the demo, and the machine's for a new Work workspace (machine in ${zone})`, async () => {
      process.env.TZ = zone;
      const core = new Core({ dataDir: demoDataDir(ANCHOR), demoAnchor: ANCHOR });
      expect((await core.call('workspace.info')).timeZone).toBe('Australia/Brisbane');
      expect((await core.call('workspace.switch', { kind: 'work' })).timeZone).toBe(zone);
      process.env.TZ = 'Asia/Tokyo'; // the zone was chosen when the workspace was made; it stays
      await core.call('workspace.switch', { kind: 'demo' });
      expect((await core.call('workspace.switch', { kind: 'work' })).timeZone).toBe(zone);
      await core.close();
    });
  }

  for (const zone of ['America/New_York', 'Asia/Kolkata', 'UTC']) {
    it(`is the default zone of every query's local days, whatever the machine's (${zone}), and can be changed`, async () => {
      process.env.TZ = zone;
      const core = new Core({ dataDir: demoDataDir(ANCHOR), demoAnchor: ANCHOR });
      const project = (await core.call('projects.list'))[0]!;
      // 09:30 on Saturday 21 November in Brisbane; still Friday the 20th in New York and in UTC.
      const entry = await core.call('entries.create', {
        projectId: project.id,
        startedAt: '2026-11-20T23:30:00Z',
        minutes: 30,
        note: 'tz',
      });
      const onDay = async (day: string) =>
        (await core.call('entries.list', { from: day, to: day, projectId: project.id })).some((e) => e.id === entry.id);
      expect(await onDay('2026-11-21')).toBe(true);
      expect(await onDay('2026-11-20')).toBe(false);
      const week = await core.call('entries.week', { weekStart: '2026-11-16' });
      const row = week.rows.find((r) => r.projectId === project.id)!;
      expect(row.minutes[5]).toBeGreaterThanOrEqual(30); // Saturday

      await core.call('settings.update', { timeZone: 'America/Los_Angeles' });
      expect((await core.call('workspace.info')).timeZone).toBe('America/Los_Angeles');
      expect(await onDay('2026-11-20')).toBe(true);
      expect(await onDay('2026-11-21')).toBe(false);
      // An explicit zone still wins.
      expect(
        (await core.call('entries.list', { from: '2026-11-21', to: '2026-11-21', timeZone: 'Australia/Brisbane' })).some(
          (e) => e.id === entry.id,
        ),
      ).toBe(true);
      await core.close();
    });
  }

  it('refuses a zone that is not an IANA name, with a message, and keeps the old one', async () => {
    const core = new Core({ dataDir: demoDataDir(ANCHOR), demoAnchor: ANCHOR });
    for (const bad of ['+10:00', 'Brisbane', 'AEST']) {
      const result = await core.invoke('settings.update', { timeZone: bad });
      expect(result.ok ? null : result.error).toMatchObject({ code: 'invalid_input', field: 'timeZone' });
    }
    expect((await core.call('workspace.info')).timeZone).toBe('Australia/Brisbane');
    await core.close();
  });
});

describe("the user's settings", () => {
  it('stores theme, clock format and text size, and keeps them when switching workspace and restarting', async () => {
    const dataDir = demoDataDir(ANCHOR);
    let core = new Core({ dataDir, demoAnchor: ANCHOR });
    expect(await core.call('settings.get')).toMatchObject({ theme: 'system', timeFormat: 'auto', textScale: 1 });
    const saved = await core.call('settings.update', { theme: 'dark', timeFormat: '24h', textScale: 1.25 });
    expect(saved).toMatchObject({ theme: 'dark', timeFormat: '24h', textScale: 1.25 });
    await core.call('workspace.switch', { kind: 'work' });
    expect(await core.call('settings.get')).toMatchObject({ theme: 'dark', timeFormat: '24h', textScale: 1.25, consultantId: null });
    await core.call('settings.update', { timeFormat: '12h' });
    await core.close();
    core = new Core({ dataDir, demoAnchor: ANCHOR });
    await core.call('workspace.switch', { kind: 'demo' });
    const settings = await core.call('settings.get');
    expect(settings).toMatchObject({ theme: 'dark', timeFormat: '12h', textScale: 1.25 });
    expect(settings.consultantId).not.toBeNull(); // the consultant is the workspace's
    expect(JSON.parse(fs.readFileSync(path.join(dataDir, 'user-settings.json'), 'utf8'))).toEqual({
      theme: 'dark',
      timeFormat: '12h',
      textScale: 1.25,
      presentation: false,
      presentOnSecondDisplay: true,
    });
    await core.close();
  });

  it('remembers presentation mode across workspaces and restarts, and refuses anything but true or false', async () => {
    const dataDir = demoDataDir(ANCHOR);
    let core = new Core({ dataDir, demoAnchor: ANCHOR });
    expect((await core.call('settings.get')).presentation).toBe(false);
    expect((await core.call('settings.update', { presentation: true })).presentation).toBe(true);
    const bad = await core.invoke('settings.update', { presentation: 'yes' } as never);
    expect(bad.ok ? null : bad.error).toMatchObject({ code: 'invalid_input', field: 'presentation' });
    await core.call('workspace.switch', { kind: 'work' });
    expect((await core.call('settings.get')).presentation).toBe(true);
    await core.close();
    core = new Core({ dataDir, demoAnchor: ANCHOR });
    expect((await core.call('settings.get')).presentation).toBe(true);
    expect((await core.call('settings.update', { presentation: false })).presentation).toBe(false);
    await core.close();
    core = new Core({ dataDir, demoAnchor: ANCHOR });
    expect((await core.call('settings.get')).presentation).toBe(false);
    await core.close();
  });

  it('turns presentation on for a second display unless told not to, remembered, and refuses anything but true or false', async () => {
    const dataDir = demoDataDir(ANCHOR);
    let core = new Core({ dataDir, demoAnchor: ANCHOR });
    expect((await core.call('settings.get')).presentOnSecondDisplay).toBe(true);
    const bad = await core.invoke('settings.update', { presentOnSecondDisplay: 'no' } as never);
    expect(bad.ok ? null : bad.error).toMatchObject({ code: 'invalid_input', field: 'presentOnSecondDisplay' });
    expect((await core.call('settings.get')).presentOnSecondDisplay).toBe(true);
    expect(await core.call('settings.update', { presentOnSecondDisplay: false })).toMatchObject({
      presentOnSecondDisplay: false,
      presentation: false,
    });
    await core.close();
    core = new Core({ dataDir, demoAnchor: ANCHOR });
    expect((await core.call('settings.get')).presentOnSecondDisplay).toBe(false);
    await core.close();
    // A session on a replica file keeps it in the replica's settings.
    const file = core.workspace.path;
    core = new Core({ dbPath: file });
    expect((await core.call('settings.update', { presentOnSecondDisplay: false })).presentOnSecondDisplay).toBe(false);
    await core.close();
    core = new Core({ dbPath: file });
    expect((await core.call('settings.get')).presentOnSecondDisplay).toBe(false);
    await core.close();
  });

  it('refuses a text size or clock format it does not offer, saying which it does, and changes nothing', async () => {
    const core = new Core({ dataDir: demoDataDir(ANCHOR), demoAnchor: ANCHOR });
    const scale = await core.invoke('settings.update', { theme: 'dark', textScale: 3 });
    expect(scale.ok ? null : scale.error).toMatchObject({
      field: 'textScale',
      message: 'Choose a text size of 100%, 112.5%, 125%, 137.5%, 150%.',
    });
    const format = await core.invoke('settings.update', { timeFormat: '25h' });
    expect(format.ok ? null : format.error.field).toBe('timeFormat');
    expect(await core.call('settings.get')).toMatchObject({ theme: 'system', timeFormat: 'auto', textScale: 1 });
    await core.close();
  });

  it('starts from the theme an older version kept in the replica, and ignores a broken settings file', async () => {
    const dataDir = demoDataDir(ANCHOR);
    let core = new Core({ dataDir, demoAnchor: ANCHOR });
    core.replica.db.prepare("INSERT INTO settings (key, value) VALUES ('theme', 'light')").run();
    expect((await core.call('settings.get')).theme).toBe('light');
    await core.close();
    fs.writeFileSync(path.join(dataDir, 'user-settings.json'), '{"theme": "neon", "textScale": 1.5');
    core = new Core({ dataDir, demoAnchor: ANCHOR });
    expect(await core.call('settings.get')).toMatchObject({ theme: 'light', textScale: 1 });
    expect((await core.call('settings.update', { textScale: 1.5 })).textScale).toBe(1.5);
    await core.close();
  });

  it('keeps them in the replica when a file is opened directly (--db)', async () => {
    const file = path.join(tempDir(), 'laptop.sqlite');
    let core = new Core({ dbPath: file });
    await core.call('settings.update', { theme: 'light', timeFormat: '24h', textScale: 1.125, presentation: true });
    await core.close();
    core = new Core({ dbPath: file });
    expect(await core.call('settings.get')).toMatchObject({ theme: 'light', timeFormat: '24h', textScale: 1.125, presentation: true });
    expect((await core.call('workspace.info')).timeZone).toBe(Intl.DateTimeFormat().resolvedOptions().timeZone);
    await core.close();
  });
});
