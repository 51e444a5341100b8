// The billing channels through `new Core(...).invoke`, as every front end calls them: the workspace's
// zone, input refused with a clear message on the right field and nothing changed, and on the demo
// workspace the figures reconciling with each other and with their drill-downs.
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { Core } from '../api';
import { demoDataDir } from '../testing';
import { billingFixture, FIXTURE_ZONE } from './fixture';

/** Every synced and local table's content, to show a refused call changed nothing. */
function snapshot(core: Core): string {
  const tables = core.db
    .prepare(`SELECT name FROM sqlite_schema WHERE type = 'table' AND name NOT LIKE 'sqlite_%' ORDER BY name`)
    .pluck()
    .all() as string[];
  return JSON.stringify(
    tables.map((t) => (core.db.prepare(`SELECT * FROM "${t}"`).all() as unknown[]).map((r) => JSON.stringify(r)).sort()),
  );
}

describe('billing channels (the hand-computed fixture)', () => {
  let core: Core;
  let ids: Record<string, string>;
  beforeEach(() => {
    const fx = billingFixture();
    ids = fx.ids;
    core = new Core({ dbPath: fx.replica.db.name });
    fx.replica.db.close();
  });
  afterEach(() => core.close());

  it('answers in the workspace zone and its figures match the unit tests', async () => {
    const d = await core.call('billing.dashboard', { from: '2026-10-01', to: '2026-10-31' });
    expect(d.range).toMatchObject({ timeZone: FIXTURE_ZONE, days: 31 });
    expect(d.revenue.current.invoicedCents).toBe(493_464);
    expect(d.wip.cents).toBe(39_000); // e8 is 1 November in Sydney
    const rows = await core.call('billing.rows', { figure: 'wip', to: d.wip.asOf, clientId: ids.C1 });
    expect(rows.totalCents).toBe(d.wip.clients.find((c) => c.clientId === ids.C1)!.cents);
  });

  it('refuses bad input with invalid_input on the field, and changes nothing', async () => {
    const before = snapshot(core);
    const refusals: Array<[string, unknown, string, RegExp]> = [
      [
        'billing.dashboard',
        { from: '2026-10-31', to: '2026-10-01' },
        'to',
        /^The first day \(2026-10-31\) is after the last one \(2026-10-01\): swap them/,
      ],
      ['billing.dashboard', { from: '2025-01-01', to: '2026-10-31' }, 'from', /at most a year/],
      ['billing.dashboard', { from: '2026-02-30', to: '2026-03-31' }, 'from', /not a day on the calendar/],
      ['billing.dashboard', { from: '2026-10-01' }, 'to', /YYYY-MM-DD/],
      ['billing.dashboard', { from: '2026-10-01', to: '2026-10-31', zone: 'UTC' }, '', /zone/],
      ['billing.rows', { figure: 'profit', from: '2026-10-01', to: '2026-10-31' }, 'figure', /revenue, aging, wip or expenses/],
      ['billing.rows', { figure: 'revenue', basis: 'owed', from: '2026-10-01', to: '2026-10-31' }, 'basis', /invoiced .* or paid/],
      ['billing.rows', { figure: 'revenue', basis: 'paid', from: '2026-10-31', to: '2026-10-01' }, 'to', /after the last/],
      ['billing.rows', { figure: 'aging', asOf: '2026-10-31', bucket: '91+' }, 'bucket', /aging bucket is one of/],
      ['billing.rows', { figure: 'wip', to: '2026-10-31', projectId: 'P1' }, 'projectId', /not an id/],
      ['billing.rows', { figure: 'expenses', from: '2026-10-01', to: '2026-10-31', tier: 'gold' }, 'tier', /tier is one of/],
    ];
    for (const [channel, input, field, message] of refusals) {
      const result = await core.invoke(channel, input);
      expect(result, `${channel} ${JSON.stringify(input)}`).toMatchObject({ ok: false, error: { code: 'invalid_input' } });
      if (result.ok) continue;
      if (field) expect(result.error.field, JSON.stringify(input)).toBe(field);
      expect(result.error.message, JSON.stringify(input)).toMatch(message);
    }
    expect(snapshot(core)).toBe(before);
  });
});

describe('billing channels on the demo workspace', () => {
  let core: Core;
  beforeEach(async () => {
    core = new Core({ dataDir: demoDataDir('2026-11-20') });
    await core.ready;
  });
  afterEach(() => core.close());

  it('reconciles over a year of demo data: months, clients and tiers; aging, WIP and revenue with their rows', async () => {
    const d = await core.call('billing.dashboard', { from: '2025-11-21', to: '2026-11-20' });
    const sum = (values: number[]) => values.reduce((a, b) => a + b, 0);
    const total = d.revenue.current.invoicedCents;
    expect(total).toBeGreaterThan(0);
    expect(d.revenue.current.months).toHaveLength(13);
    expect(sum(d.byClient.map((c) => c.invoicedCents))).toBe(total);
    expect(sum(d.byTier.map((t) => t.invoicedCents))).toBe(total);
    expect(d.margin.total.revenueCents).toBe(total);
    expect(sum(d.margin.projects.map((p) => p.revenueCents))).toBe(total);
    // The demo's consultants have cost rates: every margin is known.
    expect(d.margin.total.missing).toBeNull();
    expect(sum(d.margin.projects.map((p) => p.marginCents!))).toBe(d.margin.total.marginCents);
    expect(d.fixedPrice.length).toBeGreaterThan(5);
    expect(d.fixedPrice.every((f) => f.effectiveHourlyRateCents === null || f.effectiveHourlyRateCents > 0)).toBe(true);
    expect(d.collection.share).not.toBeNull();
    expect(d.dso.days).toBeGreaterThan(0);

    const month = d.revenue.current.months[5]!;
    const monthRows = await core.call('billing.rows', { figure: 'revenue', basis: 'invoiced', from: month.from, to: month.to });
    expect(monthRows.totalCents).toBe(month.invoicedCents);
    expect(sum(monthRows.rows.map((r) => r.amountCents))).toBe(month.invoicedCents);
    const client = d.aging.clients[0]!;
    const agingRows = await core.call('billing.rows', { figure: 'aging', asOf: d.aging.asOf, clientId: client.clientId });
    expect(agingRows.totalCents).toBe(client.totalCents);
    const wipClient = d.wip.clients[0]!;
    const wipRows = await core.call('billing.rows', { figure: 'wip', to: d.wip.asOf, clientId: wipClient.clientId });
    expect(sum(wipRows.rows.map((r) => r.amountCents))).toBe(wipClient.cents);

    // WIP + invoiced work = billable value, over the demo's hourly entries up to the range's end.
    const until = '2026-11-20T14:00:00.000Z'; // 21 Nov 00:00 in Brisbane
    const billed = core.db
      .prepare(
        `SELECT coalesce(sum(CASE WHEN i.status IN ('sent', 'paid') THEN a.cents END), 0) AS invoiced, sum(a.cents) AS value
         FROM (SELECT e.invoice_id, ((CASE p.rounding_mode
                 WHEN 'up' THEN ((e.minutes + p.rounding_step - 1) / p.rounding_step) * p.rounding_step
                 WHEN 'down' THEN (e.minutes / p.rounding_step) * p.rounding_step
                 WHEN 'nearest' THEN ((e.minutes + p.rounding_step / 2) / p.rounding_step) * p.rounding_step
                 ELSE e.minutes END) * e.rate_cents + 30) / 60 AS cents
               FROM time_entries e JOIN projects p ON p.id = e.project_id
               WHERE e.billable = 1 AND p.pricing = 'hourly' AND e.started_at < ?) a
         LEFT JOIN invoices i ON i.id = a.invoice_id`,
      )
      .get(until) as { invoiced: number; value: number };
    expect(d.wip.cents).toBeGreaterThan(0);
    expect(d.wip.cents + billed.invoiced).toBe(billed.value);
  });
});
