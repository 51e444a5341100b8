// "Refresh demo": the demo workspace made afresh, its history ending yesterday in the demo's zone
// (whatever the machine's zone), the old demo's rows gone, and the Work workspace never touched.
import crypto from 'node:crypto';
import fs from 'node:fs';
import path from 'node:path';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { Core } from '../api';
import { demoDataDir, tempDir } from '../testing';

const OLD_ANCHOR = '2026-11-20';
const machineZone = process.env.TZ;
afterEach(() => {
  vi.useRealTimers();
  if (machineZone === undefined) delete process.env.TZ;
  else process.env.TZ = machineZone;
});

const hash = (file: string) => crypto.createHash('sha256').update(fs.readFileSync(file)).digest('hex');

/** The first and last local days (in the workspace's zone) that have time entries. */
async function entryDays(core: Core): Promise<{ first: string; last: string }> {
  const zone = (await core.call('workspace.info')).timeZone;
  const rows = core.db.prepare('SELECT min(started_at) AS first, max(started_at) AS last FROM time_entries').get() as {
    first: string;
    last: string;
  };
  const day = (iso: string) => new Intl.DateTimeFormat('en-CA', { timeZone: zone }).format(new Date(iso));
  return { first: day(rows.first), last: day(rows.last) };
}

describe('refreshing the demo', () => {
  // 15:00 UTC on 10 March: already 11 March in Brisbane, still the 10th in New York, Berlin and UTC.
  for (const zone of ['America/New_York', 'Europe/Berlin', 'UTC', 'Australia/Brisbane']) {
    it(`anchors it to today in the demo's zone and replaces the old demo's data (machine in ${zone})`, async () => {
      process.env.TZ = zone;
      const core = new Core({ dataDir: demoDataDir(OLD_ANCHOR), demoAnchor: OLD_ANCHOR });
      expect((await entryDays(core)).last).toBe('2026-11-19');
      const typed = await core.call('entries.create', {
        projectId: (await core.call('projects.list'))[0]!.id,
        startedAt: '2026-11-19T23:00:00Z',
        minutes: 15,
        note: 'typed into the old demo',
      });
      vi.useFakeTimers({ toFake: ['Date'] });
      vi.setSystemTime(new Date('2026-03-10T15:00:00Z'));

      const refreshed = await core.call('workspace.refreshDemo');

      expect(refreshed).toMatchObject({ anchor: '2026-03-11', timeZone: 'Australia/Brisbane' });
      expect(refreshed.timeEntries).toBeGreaterThan(1000);
      const info = await core.call('workspace.info');
      expect(info).toMatchObject({ kind: 'demo', sealed: true, timeZone: 'Australia/Brisbane' });
      expect(info.consultant).not.toBeNull();
      // History up to yesterday in Brisbane; nothing of the old demo (its November, the typed entry).
      const days = await entryDays(core);
      expect(days.last).toBe('2026-03-10');
      expect(days.first < '2024-03-20').toBe(true);
      expect((await core.invoke('entries.get', { id: typed.id })).ok).toBe(false);
      expect(core.db.prepare("SELECT count(*) AS n FROM time_entries WHERE started_at >= '2026-03-11'").get()).toEqual({ n: 0 });
      await core.close();
    });
  }

  it("keeps a zone the user chose for the demo, and anchors to that zone's today", async () => {
    process.env.TZ = 'UTC';
    const core = new Core({ dataDir: demoDataDir(OLD_ANCHOR), demoAnchor: OLD_ANCHOR });
    await core.call('settings.update', { timeZone: 'America/Los_Angeles' });
    vi.useFakeTimers({ toFake: ['Date'] });
    vi.setSystemTime(new Date('2026-03-10T05:00:00Z')); // 9 March, 22:00 in Los Angeles
    expect(await core.call('workspace.refreshDemo')).toMatchObject({ anchor: '2026-03-09', timeZone: 'America/Los_Angeles' });
    // The demo's people work Brisbane hours, which are the day before in Los Angeles.
    const last = (await entryDays(core)).last;
    expect(last < '2026-03-09' && last >= '2026-03-04').toBe(true);
    await core.close();
  });

  it('never touches the Work workspace, whichever workspace is open', async () => {
    const dataDir = demoDataDir(OLD_ANCHOR);
    const core = new Core({ dataDir, demoAnchor: OLD_ANCHOR });
    await core.call('workspace.switch', { kind: 'work' });
    await core.call('settings.update', { timeZone: 'Europe/Berlin' }); // something of Work's own
    await core.call('workspace.switch', { kind: 'demo' });
    const work = path.join(dataDir, 'workspace.sqlite');
    const demo = path.join(dataDir, 'demo.sqlite');
    const workBefore = hash(work);
    const workTime = fs.statSync(work).mtimeMs;

    // With the demo open: it is refreshed and stays open.
    await core.call('workspace.refreshDemo');
    expect((await core.call('workspace.info')).kind).toBe('demo');
    expect((await entryDays(core)).last > '2026-11-19').toBe(true);
    expect(hash(work)).toBe(workBefore);
    expect(fs.statSync(work).mtimeMs).toBe(workTime);

    // With Work open: Work stays open and unchanged; the demo file (closed) is made afresh.
    await core.call('workspace.switch', { kind: 'work' });
    const workOpen = hash(work);
    const demoBefore = hash(demo);
    vi.useFakeTimers({ toFake: ['Date'] });
    vi.setSystemTime(new Date('2026-01-15T03:00:00Z'));
    expect(await core.call('workspace.refreshDemo')).toMatchObject({ anchor: '2026-01-15' });
    expect(await core.call('workspace.info')).toMatchObject({ kind: 'work', timeZone: 'Europe/Berlin' });
    expect(hash(work)).toBe(workOpen);
    expect(hash(demo)).not.toBe(demoBefore);
    expect(fs.existsSync(`${demo}.fresh`)).toBe(false);
    await core.call('workspace.switch', { kind: 'demo' });
    expect((await entryDays(core)).last).toBe('2026-01-14');
    await core.close();
  });

  it('is refused for a replica file opened directly, changing nothing', async () => {
    const dir = tempDir();
    const file = path.join(dir, 'laptop.sqlite');
    const core = new Core({ dbPath: file });
    const result = await core.invoke('workspace.refreshDemo');
    expect(result.ok ? null : result.error).toMatchObject({ code: 'unsupported', message: expect.stringContaining('--db') });
    expect(fs.readdirSync(dir).filter((f) => f.includes('demo'))).toEqual([]);
    await core.close();
  });
});
