// `npm run central:dev -- --demo` fills its central through this: a real PostgreSQL, real replicas.
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { Core } from '../api';
import { freshCentral, type TestCentral } from '../central/testing';
import { demoDataDir } from '../testing';
import { fillCentralWithDemo } from './central';

let central: TestCentral;
beforeEach(async () => {
  central = await freshCentral();
});
afterEach(async () => {
  await central.drop();
});

describe('a central database filled with the demo data', () => {
  it('holds the whole demo once, and a Work workspace fills from it by its first pull', async () => {
    const fill = await fillCentralWithDemo(central.admin, { anchor: '2026-11-20' });
    expect(fill.filled).toBe(true);
    const entries = (await central.admin.query('SELECT count(*)::int AS n FROM time_entries')).rows[0].n as number;
    expect(entries).toBe(fill.filled ? fill.counts.time_entries : -1);
    expect(await fillCentralWithDemo(central.admin)).toEqual({ filled: false, consultants: expect.any(Number) as number });
    expect((await central.admin.query('SELECT count(*)::int AS n FROM time_entries')).rows[0].n).toBe(entries);

    const core = new Core({ dataDir: demoDataDir('2026-11-20'), demoAnchor: '2026-11-20' });
    await core.call('workspace.switch', { kind: 'work' });
    await core.call('central.update', { url: central.url });
    const status = await core.call('sync.now');
    expect(status.lastResult?.pulled).toBeGreaterThan(entries);
    expect((await core.call('status.get')).rows.time_entries).toBe(entries);
    // the sales tables (issue 13) travel too
    const rows = (await core.call('status.get')).rows;
    for (const table of ['leads', 'lead_events', 'client_feedback', 'metrics', 'metric_values'] as const) {
      expect(rows[table], table).toBeGreaterThan(0);
      expect(rows[table], table).toBe(fill.filled ? fill.counts[table] : -1);
    }
    await core.close();
  }, 120_000);
});
