// The projects channels through `new Core(...).invoke`, as every front end calls them: inputs
// checked before any handler runs (each refusal says what to do), the workspace's zone used, and
// nothing written by a read.
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { Core } from '../api';
import { projectsFixture, type ProjectsFixture } from './fixture';

describe('projects channels', () => {
  let core: Core;
  let f: ProjectsFixture;
  let counts: () => string;
  beforeEach(() => {
    f = projectsFixture();
    core = new Core({ dbPath: f.replica.db.name, consultantEmail: 'ann@example.com' });
    f.replica.db.close();
    counts = () =>
      JSON.stringify(
        ['projects', 'time_entries', 'invoices', 'outbox', 'settings'].map((t) =>
          core.db.prepare(`SELECT count(*) FROM ${t}`).pluck().get(),
        ),
      );
  });
  afterEach(() => core.close());

  it('refuses bad input with invalid_input and a message that says what to do, and changes nothing', async () => {
    const before = counts();
    const refusals = [
      ['projects.dashboard', { from: '2026-10-11', to: '2026-09-28' }, 'to', /after the last one.*swap them/],
      ['projects.dashboard', { from: '2020-01-01', to: '2026-10-11' }, 'from', /at most five years.*Move the first day later/],
      ['projects.dashboard', { from: '2026-02-30', to: '2026-03-01' }, 'from', /not a day on the calendar/],
      ['projects.dashboard', { from: '2026-09-28' }, 'to', /date/],
      ['projects.get', { id: 'nope' }, 'id', /not an id/],
      ['projects.rows', { figure: 'sparkline' }, 'figure', /Name the figure clicked/],
      ['projects.rows', { figure: 'completed', from: '2026-09-01', to: '2026-10-31', month: '2026-13' }, 'month', /YYYY-MM/],
      ['projects.rows', { figure: 'billableHours', from: '2026-10-31', to: '2026-09-01', consultantId: f.ids.ann }, 'to', /swap/],
      ['projects.rows', { figure: 'tierStatus', tier: 'gold' }, 'tier', /Choose a tier/],
    ] as const;
    for (const [channel, input, field, message] of refusals) {
      const result = await core.invoke(channel, input);
      expect(result, `${channel} ${JSON.stringify(input)}`).toMatchObject({ ok: false, error: { code: 'invalid_input', field } });
      if (!result.ok) expect(result.error.message).toMatch(message);
    }
    const unknown = await core.invoke('projects.get', { id: crypto.randomUUID() });
    expect(unknown).toMatchObject({ ok: false, error: { code: 'not_found', field: 'id' } });
    const notMonday = await core.invoke('projects.rows', {
      figure: 'billableHours',
      from: '2026-09-28',
      to: '2026-10-11',
      consultantId: f.ids.ann,
      week: '2026-09-29',
    });
    expect(notMonday).toMatchObject({ ok: false, error: { code: 'invalid_input', field: 'week' } });
    expect(counts()).toBe(before);
  });

  it('answers in the workspace’s zone: the dashboard, a page, the rows, the list', async () => {
    const before = counts();
    const d = await core.call('projects.dashboard', { from: '2026-09-28', to: '2026-10-11' });
    expect(d.range).toEqual({ from: '2026-09-28', to: '2026-10-11', timeZone: 'Australia/Sydney' });
    expect(d.utilization.cells.find((c) => c.consultantId === f.ids.ann && c.week === '2026-10-05')!.billableMinutes).toBe(120);
    const page = await core.call('projects.get', { id: f.ids.alpha });
    expect(page.burn.valueCents).toBe(108000);
    const rows = await core.call('projects.rows', { figure: 'burn', projectId: f.ids.alpha });
    expect(rows).toMatchObject({ kind: 'entries', amountCents: 108000, count: 2, truncated: false });
    const list = await core.call('projects.list');
    expect(list.map((p) => p.name)).toEqual(['Alpha', 'Beta', 'Foxtrot']);
    // Over 16 weeks the grid is not drawn: the dashboard leaves its cells out, projects.weekGrid has them.
    const wide = await core.call('projects.dashboard', { from: '2026-06-01', to: '2026-10-11' });
    expect(wide.utilization.weeks.length).toBe(19);
    expect(wide.utilization).toMatchObject({ cells: [], cellsIncluded: false });
    expect(d.utilization.cellsIncluded).toBe(true);
    const grid = await core.call('projects.weekGrid', { from: '2026-06-01', to: '2026-10-11' });
    expect(grid.cellsIncluded).toBe(true);
    expect(grid.cells.find((c) => c.consultantId === f.ids.ann && c.week === '2026-10-05')!.billableMinutes).toBe(120);
    expect(grid.consultants).toEqual(wide.utilization.consultants);
    expect((await core.call('projects.list', { includeArchived: true })).length).toBe(7);
    expect(counts()).toBe(before);
  });
});
