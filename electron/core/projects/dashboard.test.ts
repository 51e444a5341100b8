// Every projects figure against values computed by hand from fixture.ts (Sydney, across both of
// its 2026 daylight-saving changes), and the drill-downs adding up to the figures they open.
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { localDay } from '../../../shared/time';
import { bucketSql, localDaySqlOf, weekSegments } from './buckets';
import { consultantUtilization, projectsDashboard } from './dashboard';
import { projectsFixture, RANGE, TODAY, ZONE, type ProjectsFixture } from './fixture';
import { projectPage, projectRows } from './queries';

let f: ProjectsFixture;
beforeEach(() => {
  f = projectsFixture();
});
afterEach(() => f.replica.db.close());

const previous = { from: '2026-09-14', to: '2026-09-27', timeZone: ZONE };

describe('the projects dashboard (hand-computed)', () => {
  it('counts projects by tier and status, and flags the overdue and the missing', () => {
    const d = projectsDashboard(f.replica.db, RANGE, TODAY);
    expect(d.previousRange).toEqual(previous);
    const count = (tier: string, status: string) => d.tiers.find((t) => t.tier === tier && t.status === status)!.count;
    expect(d.tiers).toHaveLength(15);
    expect(count('pipeline_mvp', 'active')).toBe(1);
    expect(count('pipeline_mvp', 'completed')).toBe(2);
    expect(count('devops_foundation', 'on_hold')).toBe(1);
    expect(count('enterprise_cloud', 'proposed')).toBe(1);
    expect(d.tiers.reduce((n, t) => n + t.count, 0)).toBe(7);

    expect(d.timeline.map((t) => [t.name, t.dueOn, t.overdue, t.daysOverdue])).toEqual([
      ['Alpha', '2026-10-15', true, 5],
      ['Beta', null, false, 0],
    ]);
    expect(projectsDashboard(f.replica.db, RANGE, '2026-10-15').timeline[0]!.overdue).toBe(false); // due today is not overdue
    expect(d.missing.map((m) => [m.kind, m.name]).sort()).toEqual(
      [
        ['no_budget', 'Beta'],
        ['no_capacity', 'Zed Zero'],
        ['no_completion_day', 'Echo'],
        ['no_due_date', 'Beta'],
      ].sort(),
    );
  });

  it('burns the billable value (billed + unbilled, at the snapshotted rate) against the budget, past 100 %', () => {
    const [alpha, beta] = projectsDashboard(f.replica.db, RANGE, TODAY).burn;
    // Alpha: 300 min × $120 = 60000 (on the sent invoice) + 240 × $120 = 48000; 60 min not billable.
    expect(alpha).toMatchObject({
      name: 'Alpha',
      minutes: 600,
      billableMinutes: 540,
      valueCents: 108000,
      billedCents: 60000,
      unbilledCents: 48000,
      budgetCents: 100000,
      flagged: true,
      overBudget: true,
    });
    expect(alpha!.burn).toBeCloseTo(1.08, 12);
    // Beta: no budget → no percent, but its value is shown: 90 × $100 + 30 × $100.
    expect(beta).toMatchObject({ name: 'Beta', valueCents: 20000, budgetCents: null, burn: null, flagged: false });
  });

  it('utilization per consultant-week: part-time capacity, zero capacity, the October DST week, the previous period', () => {
    const u = projectsDashboard(f.replica.db, RANGE, TODAY).utilization;
    expect(u.target).toBe(0.8);
    expect(u.weeks).toEqual([
      { week: '2026-09-28', first: '2026-09-28', last: '2026-10-04', workdays: 5 },
      { week: '2026-10-05', first: '2026-10-05', last: '2026-10-11', workdays: 5 },
    ]);
    const cell = (who: string, week: string) => u.cells.find((c) => c.consultantId === who && c.week === week);
    // Ann (38 h = 2280 min a week): 300 min on Wed 30 Sep; 120 min at 00:30 on Mon 5 Oct AEDT (Sunday on a +10 clock).
    expect(cell(f.ids.ann, '2026-09-28')).toEqual({
      consultantId: f.ids.ann,
      week: '2026-09-28',
      billableMinutes: 300,
      capacityMinutes: 2280,
      utilization: 300 / 2280,
    });
    expect(cell(f.ids.ann, '2026-10-05')!.billableMinutes).toBe(120);
    // Pat (24 h = 1440 min): 90 min at 00:30 on the range's first day; 240 + 60 the next week.
    expect(cell(f.ids.pat, '2026-09-28')).toMatchObject({ billableMinutes: 90, capacityMinutes: 1440, utilization: 90 / 1440 });
    expect(cell(f.ids.pat, '2026-10-05')).toMatchObject({ billableMinutes: 300, capacityMinutes: 1440, utilization: 300 / 1440 });
    // Zed: capacity 0 → no utilization, not a division by zero.
    expect(cell(f.ids.zed, '2026-10-05')).toMatchObject({ billableMinutes: 30, capacityMinutes: 0, utilization: null });

    const ann = u.consultants.find((c) => c.consultantId === f.ids.ann)!;
    expect(ann).toMatchObject({ billableMinutes: 420, capacityMinutes: 4560, utilization: 420 / 4560 });
    // Previous period (14–27 Sep, 10 weekdays): 180 min on Delta.
    expect(ann.previous).toEqual({ billableMinutes: 180, capacityMinutes: 4560, utilization: 180 / 4560 });
    // The alumnus: hours shown, no capacity, out of the team's figure.
    const old = u.consultants.find((c) => c.consultantId === f.ids.old)!;
    expect(old).toMatchObject({
      active: false,
      billableMinutes: 0,
      utilization: null,
      previous: { billableMinutes: 60, capacityMinutes: 0 },
    });
    expect(u.team).toEqual({
      billableMinutes: 840,
      capacityMinutes: 7440,
      utilization: 840 / 7440,
      previous: { billableMinutes: 180, capacityMinutes: 7440, utilization: 180 / 7440 },
    });
  });

  it('cuts a week at the edges of the range and prorates its capacity by its weekdays', () => {
    const u = consultantUtilization(
      f.replica.db,
      { from: '2026-09-30', to: '2026-10-06', timeZone: ZONE },
      { from: '2026-09-23', to: '2026-09-29', timeZone: ZONE },
    );
    expect(u.weeks.map((w) => w.workdays)).toEqual([3, 2]);
    const pat = u.cells.filter((c) => c.consultantId === f.ids.pat);
    // Pat, 24 h: Wed–Fri = 24 × 60 × 3 / 5 = 864; Mon–Tue = 576. The 00:30 Monday entry is before the range.
    expect(pat.map((c) => [c.week, c.billableMinutes, c.capacityMinutes])).toEqual([
      ['2026-09-28', 0, 864],
      ['2026-10-05', 240, 576],
    ]);
  });

  it('puts an entry at 23:30 on the 25-hour Sunday of April in its own week', () => {
    const u = consultantUtilization(
      f.replica.db,
      { from: '2026-03-30', to: '2026-04-12', timeZone: ZONE },
      { from: '2026-03-16', to: '2026-03-29', timeZone: ZONE },
    );
    const ann = u.cells.filter((c) => c.consultantId === f.ids.ann && c.billableMinutes > 0);
    expect(ann.map((c) => [c.week, c.billableMinutes])).toEqual([['2026-03-30', 45]]);
  });

  it('velocity: completed per month, average days by tier, on-time share, and the previous period', () => {
    const v = projectsDashboard(f.replica.db, RANGE, TODAY).velocity;
    // Gamma: 1 Aug → 5 Oct (its last entry, 00:30 AEDT) = 65 days, due 10 Oct: on time.
    // Hotel: 1 Sep → 8 Oct = 37 days, due 8 Oct: on time (on the due day counts).
    expect(v).toMatchObject({
      completed: 2,
      averageDaysByTier: { pipeline_mvp: null, devops_foundation: 37, enterprise_cloud: 65 },
      averageDays: 51,
      onTime: 2,
      withDueDay: 2,
      onTimeShare: 1,
      months: [
        { month: '2026-09', completed: 0 },
        { month: '2026-10', completed: 2 },
      ],
    });
    // Delta: 1 Jul → 20 Sep = 81 days, due 31 Aug: late. Echo has no entries: no completion day.
    expect(v.previous).toEqual({
      completed: 1,
      averageDaysByTier: { pipeline_mvp: 81, devops_foundation: null, enterprise_cloud: null },
      averageDays: 81,
      onTime: 0,
      withDueDay: 1,
      onTimeShare: 0,
    });
    expect(v.completionRule).toMatch(/last time entry/);
  });
});

describe('drill-down rows add up to the figure clicked', () => {
  it('billable hours of a consultant-week', () => {
    const u = projectsDashboard(f.replica.db, RANGE, TODAY).utilization;
    for (const cell of u.cells) {
      const rows = projectRows(
        f.replica.db,
        { figure: 'billableHours', ...RANGE, consultantId: cell.consultantId, week: cell.week, limit: 1000 },
        ZONE,
        TODAY,
      );
      if (rows.kind !== 'entries') throw new Error('entries expected');
      expect(rows.minutes, `${cell.consultantId} ${cell.week}`).toBe(cell.billableMinutes);
      expect(rows.rows.reduce((n, r) => n + r.minutes, 0)).toBe(cell.billableMinutes);
    }
    const pat = projectRows(
      f.replica.db,
      { figure: 'billableHours', ...RANGE, consultantId: f.ids.pat, week: '2026-10-05', limit: 1000 },
      ZONE,
      TODAY,
    );
    expect(pat.rows.map((r) => 'id' in r && r.id)).toEqual([f.ids.e2, f.ids.hotelLast]);
    expect(pat.kind === 'entries' && pat.rows[0]!.day).toBe('2026-10-06');
    const whole = projectRows(f.replica.db, { figure: 'billableHours', ...RANGE, consultantId: f.ids.ann, limit: 1 }, ZONE, TODAY);
    expect(whole).toMatchObject({ kind: 'entries', count: 2, minutes: 420, truncated: true });
  });

  it('a project’s burn', () => {
    const alpha = projectsDashboard(f.replica.db, RANGE, TODAY).burn[0]!;
    const rows = projectRows(f.replica.db, { figure: 'burn', projectId: f.ids.alpha, limit: 1000 }, ZONE, TODAY);
    if (rows.kind !== 'entries') throw new Error('entries expected');
    expect(rows.amountCents).toBe(alpha.valueCents);
    expect(rows.rows.reduce((n, r) => n + r.amountCents, 0)).toBe(108000);
    expect(rows.rows.map((r) => [r.id, r.amountCents, r.invoiceId])).toEqual([
      [f.ids.e1, 60000, f.ids.inv1],
      [f.ids.e2, 48000, null],
    ]);
  });

  it('a tier × status count, the completed and the overdue', () => {
    const d = projectsDashboard(f.replica.db, RANGE, TODAY);
    const done = projectRows(f.replica.db, { figure: 'tierStatus', tier: 'pipeline_mvp', status: 'completed', limit: 1000 }, ZONE, TODAY);
    expect(done.count).toBe(d.tiers.find((t) => t.tier === 'pipeline_mvp' && t.status === 'completed')!.count);
    expect(done.rows.map((r) => 'name' in r && [r.name, r.completedOn])).toEqual([
      ['Echo', null],
      ['Delta', '2026-09-20'],
    ]);
    const completed = projectRows(f.replica.db, { figure: 'completed', ...RANGE, month: '2026-10', limit: 1000 }, ZONE, TODAY);
    expect(completed.count).toBe(d.velocity.months[1]!.completed);
    expect(completed.rows.map((r) => 'name' in r && [r.name, r.completedOn])).toEqual([
      ['Gamma', '2026-10-05'],
      ['Hotel', '2026-10-08'],
    ]);
    const overdue = projectRows(f.replica.db, { figure: 'overdue', limit: 1000 }, ZONE, TODAY);
    expect(overdue.rows.map((r) => 'name' in r && r.name)).toEqual(d.timeline.filter((t) => t.overdue).map((t) => t.name));
  });
});

describe('the project page', () => {
  it('margin with expenses, and no margin where a consultant has no cost rate', () => {
    const gamma = projectPage(f.replica.db, f.ids.gamma, 50, ZONE, TODAY);
    // Value 120 × $150 + 45 × $150 = 30000 + 11250; labour 165 min × $90 = 24750; expenses 5000.
    expect(gamma.margin).toEqual({
      valueCents: 41250,
      invoicedCents: 0,
      paidCents: 0,
      labourCostCents: 24750,
      minutesWithoutCostRate: 0,
      expensesCents: 5000,
      marginCents: 11500,
      marginShare: 11500 / 41250,
    });
    expect(gamma.project).toMatchObject({ status: 'completed', completedOn: '2026-10-05', overdue: false });
    expect(gamma.expenses).toMatchObject({ count: 1, totalCents: 5000 });

    const alpha = projectPage(f.replica.db, f.ids.alpha, 2, ZONE, TODAY);
    expect(alpha.margin).toMatchObject({
      valueCents: 108000,
      invoicedCents: 60000,
      labourCostCents: null,
      minutesWithoutCostRate: 240,
      marginCents: null,
    });
    expect(alpha.missing).toEqual([expect.objectContaining({ kind: 'no_cost_rate', id: f.ids.pat })]);
    expect(alpha.entries).toMatchObject({ count: 3, minutes: 600, billableMinutes: 540 });
    expect(alpha.entries.rows.map((r) => r.id)).toEqual([f.ids.e3, f.ids.e2]); // newest first, limited
    expect(alpha.invoices.byStatus).toEqual([
      { status: 'sent', count: 1, totalCents: 66000 },
      { status: 'void', count: 1, totalCents: 109989 },
    ]);
    expect(alpha.project.overdue).toBe(true);
  });
});

describe('local periods in SQL', () => {
  it('names the local day and week of instants across both changes, as Intl does', () => {
    const db = f.replica.db;
    const start = '2026-03-01T00:00:00.000Z';
    const until = '2026-11-01T00:00:00.000Z';
    const day = localDaySqlOf(':at', start, until, ZONE);
    const segments = weekSegments('2026-03-02', '2026-10-25', ZONE);
    const week = bucketSql(
      ':at',
      [...segments.map((s) => s.start), segments.at(-1)!.until],
      segments.map((s) => s.week),
    );
    const stmt = db.prepare(`SELECT ${day} AS day, ${week} AS week`);
    for (let ms = Date.parse('2026-03-02T00:00:00Z'); ms < Date.parse('2026-10-25T00:00:00Z'); ms += 37 * 60_000 + 13_000) {
      const at = new Date(ms).toISOString();
      const got = stmt.get({ at }) as { day: string; week: string };
      const expected = localDay(at, ZONE);
      expect(got.day, at).toBe(expected);
      const weekday = (new Date(`${expected}T00:00:00Z`).getUTCDay() + 6) % 7;
      expect(got.week, at).toBe(new Date(Date.parse(`${expected}T00:00:00Z`) - weekday * 86_400_000).toISOString().slice(0, 10));
    }
  });
});
