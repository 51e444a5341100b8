// The billing figures against values computed by hand from fixture.ts (the arithmetic is in the
// comments), in the fixture's zone (Australia/Sydney, across October 2026's daylight-saving change),
// and the reconciliations: revenue by client, tier and month add up to the same total; work in
// progress + invoiced work = billable value; a drill-down's rows add up to the figure clicked.
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { BillingRows } from '../../../shared/features/billing/types';
import { deferIndexes } from '../db/deferred-indexes';
import { AMOUNT_CENTS_SQL } from '../hours/rounding';
import { billingFixture, FIXTURE_ZONE, INVOICES, type BillingFixture } from './fixture';
import { billingDashboard } from './queries/dashboard';
import { billingRows, type RowsQuery } from './queries/rows';

const OCTOBER = { from: '2026-10-01', to: '2026-10-31', timeZone: FIXTURE_ZONE, today: '2026-11-29' };

let fx: BillingFixture;
let id: (key: string) => string;
beforeEach(() => {
  fx = billingFixture();
  id = (key) => fx.ids[key]!;
});
afterEach(() => fx.replica.db.close());

const dashboard = (q: Partial<typeof OCTOBER> = {}) => billingDashboard(fx.replica.db, { ...OCTOBER, ...q });
const rows = (q: RowsQuery, zone = FIXTURE_ZONE) => billingRows(fx.replica.db, q, zone);
const numbers = (got: BillingRows) => (got.kind === 'invoices' ? got.rows.map((r) => r.number) : []);

describe('revenue', () => {
  it('invoiced (sent + paid by issue day) and paid (by payment day), ex GST, with GST apart; void and draft nowhere', () => {
    const { current, previous } = dashboard().revenue;
    // Issued in October, sent or paid: A0 1000 + A1 2000 + PL 7500 + I1 30000 + I2 10000 + I3 30600
    // + M1 400000 + G1 12345 + G2 5 + G3 14 = 493464 (V 99900 void and D 5000 draft left out).
    expect(current).toMatchObject({ from: '2026-10-01', to: '2026-10-31', invoicedCents: 493_464, invoicedCount: 10 });
    // GST as invoiced, rounded per invoice: 100 + 200 + 750 + 3000 + 1000 + 3060 + 40000 + 1235 + 1 + 1.
    expect(current.invoicedTaxCents).toBe(49_347);
    // Paid in October: R (1 Oct) 100 + Q (7 Oct) 20000 + I1 30000 + M1 400000 + I2 10000; PL paid 5 Nov.
    expect(current).toMatchObject({ paidCents: 460_100, paidTaxCents: 46_010, paidCount: 5 });
    expect(current.months).toEqual([
      {
        month: '2026-10',
        from: '2026-10-01',
        to: '2026-10-31',
        invoicedCents: 493_464,
        invoicedTaxCents: 49_347,
        invoicedCount: 10,
        paidCents: 460_100,
        paidTaxCents: 46_010,
        paidCount: 5,
      },
    ]);
    // A whole month is set against the month before: September. A31 4000, A30 3000, Q 20000 (R, 31 Aug, is not in it).
    expect(previous).toMatchObject({ from: '2026-09-01', to: '2026-09-30', invoicedCents: 27_000, invoicedTaxCents: 2_700, paidCents: 0 });
    expect(previous.months.map((m) => [m.month, m.from, m.to, m.invoicedCents])).toEqual([['2026-09', '2026-09-01', '2026-09-30', 27_000]]);
    // Any other range against as many days just before: 10–31 Oct (22 days) against 18 Sep – 9 Oct:
    // A30 (17 Sep) is out; A31 (16 Sep) too; Q (7 Sep) too; PL (10 Oct) is in the range itself; I1, M1, V (5 Oct) in it.
    const days = dashboard({ from: '2026-10-10' }).revenue.previous;
    expect(days).toMatchObject({ from: '2026-09-18', to: '2026-10-09', invoicedCents: 430_000 }); // I1 30000 + M1 400000
  });

  it('GST is the invoices’ own, half-up per invoice, not 10 % of the sum', () => {
    fx.replica.db.prepare('UPDATE time_entries SET invoice_id = NULL').run();
    fx.replica.db.prepare(`DELETE FROM invoices WHERE number NOT IN ('INV-G1', 'INV-G2', 'INV-G3')`).run();
    for (const [key, , , , , , , subtotal, tax] of INVOICES.filter(([k]) => k.startsWith('G'))) {
      expect(tax, key).toBe(Math.floor((subtotal * 10 + 50) / 100)); // the fixture itself is right
    }
    const { current } = dashboard().revenue;
    expect(current.invoicedCents).toBe(12_364);
    expect(current.invoicedTaxCents).toBe(1_237); // 1235 + 1 + 1; 10 % of 12364 would round to 1236
  });

  it('by client and by tier (invoices with no project apart)', () => {
    const d = dashboard();
    expect(d.byClient).toEqual([
      // Birch: A0 1000 + A1 2000 + I3 30600 + M1 400000; GST 100 + 200 + 3060 + 40000.
      { clientId: id('C2'), clientName: 'Birch', invoicedCents: 433_600, taxCents: 43_360, invoices: 4 },
      // Acme: PL 7500 + I1 30000 + I2 10000 + G1 12345 + G2 5 + G3 14; GST 750 + 3000 + 1000 + 1235 + 1 + 1.
      { clientId: id('C1'), clientName: 'Acme', invoicedCents: 59_864, taxCents: 5_987, invoices: 6 },
    ]);
    expect(d.byTier.map((t) => [t.tier, t.invoicedCents, t.invoices])).toEqual([
      ['devops_foundation', 17_500, 2], // P2: PL + I2
      ['enterprise_cloud', 30_600, 1], // P3: I3
      ['pipeline_mvp', 430_000, 2], // P1 I1 + F1 M1
      [null, 15_364, 5], // A0, A1, G1–G3
    ]);
  });

  it('reconciles: by month, by client and by tier add up to the same total (July–October, four months)', () => {
    const d = dashboard({ from: '2026-07-01' });
    const total = d.revenue.current.invoicedCents;
    // October 493464 + A91 8000 + A90 7000 + A61 6000 + A60 5000 + R 100 + A31 4000 + A30 3000 + Q 20000.
    expect(total).toBe(546_564);
    expect(d.revenue.current.months.map((m) => m.month)).toEqual(['2026-07', '2026-08', '2026-09', '2026-10']);
    expect(d.revenue.current.months.map((m) => m.invoicedCents)).toEqual([15_000, 11_100, 27_000, 493_464]);
    const sum = (values: number[]) => values.reduce((a, b) => a + b, 0);
    expect(sum(d.revenue.current.months.map((m) => m.invoicedCents))).toBe(total);
    expect(sum(d.byClient.map((c) => c.invoicedCents))).toBe(total);
    expect(sum(d.byTier.map((t) => t.invoicedCents))).toBe(total);
    expect(sum(d.byTier.map((t) => t.taxCents))).toBe(d.revenue.current.invoicedTaxCents);
  });
});

describe('receivables aging', () => {
  it('puts each invoice in its bucket at 0, 1, 30, 31, 60, 61, 90 and 91 days past due', () => {
    const { aging } = dashboard();
    expect(aging.asOf).toBe('2026-10-31');
    expect(aging.clients).toEqual([
      {
        clientId: id('C2'),
        clientName: 'Birch',
        // current: A0 (0 days) 1100 + I3 (due 2 Nov) 33660; 1–30: A1 2200 + A30 3300; 31–60: A31 4400 +
        // A60 5500; 61–90: A61 6600 + A90 7700; over 90: A91 8800. Totals, GST included.
        buckets: { current: 34_760, days1to30: 5_500, days31to60: 9_900, days61to90: 14_300, over90: 8_800 },
        totalCents: 73_260,
        invoices: 9,
        maxDaysPastDue: 91,
      },
      {
        clientId: id('C1'),
        clientName: 'Acme',
        // current: G1 13580 + G2 6 + G3 15 (due 3 Nov); 1–30: PL 8250 (7 days; paid only on 5 Nov).
        buckets: { current: 13_601, days1to30: 8_250, days31to60: 0, days61to90: 0, over90: 0 },
        totalCents: 21_851,
        invoices: 4,
        maxDaysPastDue: 7,
      },
    ]);
    expect(aging.totals).toEqual({ current: 48_361, days1to30: 13_750, days31to60: 9_900, days61to90: 14_300, over90: 8_800 });
    expect(aging.totalCents).toBe(95_111);
  });

  it('ages at today when the range ends in the future', () => {
    const { aging } = dashboard({ today: '2026-10-20' });
    expect(aging.asOf).toBe('2026-10-20');
    // Sent and issued by 20 Oct: A0–A91 (8), I3 (19 Oct), G1–G3 (20 Oct); paid after 20 Oct, so still
    // owed then: PL (5 Nov), I2 (30 Oct), M1 (26 Oct). I1 was paid on 20 Oct itself.
    expect(aging.invoices).toBe(8 + 1 + 3 + 3);
    expect(aging.totals.over90).toBe(0); // A91 was 80 days past due on 20 Oct
  });
});

describe('work in progress', () => {
  it('values each unbilled billable entry as an invoice would (rounded per the project, at its rate), drafts included', () => {
    const { wip } = dashboard();
    expect(wip.asOf).toBe('2026-10-31');
    expect(wip.clients).toEqual([
      {
        clientId: id('C1'),
        clientName: 'Acme',
        cents: 30_000,
        onDraftCents: 5_000,
        roundedMinutes: 110,
        projects: [
          // e7 (31 Oct 23:30 AEDT) 20 min $50 + e10 (30 Sep) 60 min $150; e8 is 1 Nov local.
          {
            projectId: id('P2'),
            projectName: 'Foundation two',
            entries: 2,
            rawMinutes: 80,
            roundedMinutes: 80,
            cents: 20_000,
            onDraftCents: 0,
          },
          // e3 10 → 15 min $50 (on draft D) + e4 7 → 15 min $50; e5 is not billable.
          {
            projectId: id('P1'),
            projectName: 'Pipeline one',
            entries: 2,
            rawMinutes: 17,
            roundedMinutes: 30,
            cents: 10_000,
            onDraftCents: 5_000,
          },
        ],
      },
      {
        clientId: id('C2'),
        clientName: 'Birch',
        cents: 9_000,
        onDraftCents: 0,
        roundedMinutes: 30,
        // e12 32 → 30 min (nearest 6) × $180; F1's entries are a fixed price's cost, not WIP.
        projects: [
          {
            projectId: id('P3'),
            projectName: 'Cloud three',
            entries: 1,
            rawMinutes: 32,
            roundedMinutes: 30,
            cents: 9_000,
            onDraftCents: 0,
          },
        ],
      },
    ]);
    expect(wip).toMatchObject({ cents: 39_000, onDraftCents: 5_000, roundedMinutes: 140 });
  });

  it('gives the same WIP while an initial sync has its indexes set aside', () => {
    fx.replica.db.transaction(() => deferIndexes(fx.replica.db, ['time_entries'])).immediate();
    expect(dashboard().wip).toMatchObject({ cents: 39_000, onDraftCents: 5_000 });
    expect(rows({ figure: 'wip', to: '2026-10-31', clientId: id('C1') }).totalCents).toBe(30_000);
  });

  it('reconciles: WIP + invoiced work = the value of every billable hourly entry', () => {
    const { wip } = dashboard();
    // Invoiced work: the sent and paid hourly invoices, I1 30000 + I2 10000 + PL 7500 + I3 30600 + Q 20000.
    const invoiced = fx.replica.db
      .prepare(
        `SELECT sum(subtotal_cents) FROM invoices i JOIN projects p ON p.id = i.project_id
         WHERE p.pricing = 'hourly' AND i.status IN ('sent', 'paid')`,
      )
      .pluck()
      .get() as number;
    expect(invoiced).toBe(98_100);
    // Billable value by hand: e1 20000 e2 10000 e3 5000 e4 5000 e6 10000 e7 5000 e9 7500 e10 15000
    // e11 30600 e12 9000 e15 20000 (e8 starts after 31 October, e5 is not billable, F1 is fixed).
    expect(wip.cents + invoiced).toBe(137_100);
    // And the same by SQL over the entries, per entry as the invoices bill them.
    const value = fx.replica.db
      .prepare(
        `SELECT sum(${AMOUNT_CENTS_SQL}) FROM time_entries e JOIN projects p ON p.id = e.project_id
         WHERE e.billable = 1 AND p.pricing = 'hourly' AND e.started_at < '2026-10-31T13:00:00.000Z'`,
      )
      .pluck()
      .get();
    expect(value).toBe(137_100);
    // Sending the draft moves its 5000 from WIP to invoiced; the sum stays.
    fx.replica.db.prepare(`UPDATE invoices SET status = 'sent' WHERE id = ?`).run(id('D'));
    expect(dashboard().wip).toMatchObject({ cents: 34_000, onDraftCents: 0 });
  });
});

describe('margin', () => {
  it('revenue − hours at cost rates − expenses per project and tier; a missing cost rate makes it null and names who', () => {
    const { margin } = dashboard();
    const project = (key: string) => margin.projects.find((p) => p.projectId === id(key))!;
    // P1: Ann 50 + 10 + 7 = 67 min × $90 = 10050; Ben 20 + 30 = 50 min × $60 = 5000 (non-billable too).
    expect(project('P1')).toMatchObject({
      revenueCents: 30_000,
      minutes: 117,
      labourCostCents: 15_050,
      expensesCents: 2_500,
      marginCents: 12_450,
      missing: null,
    });
    expect(project('P1').marginShare).toBeCloseTo(12_450 / 30_000, 12);
    // P2: Ben 40 + 30 (e9, 1 Oct local) = 70 min → 7000; Ann 20 (e7) → 3000; e8 and e10 are outside October.
    expect(project('P2')).toMatchObject({ revenueCents: 17_500, minutes: 90, labourCostCents: 10_000, marginCents: 7_500 });
    // P3: Cat has no cost rate.
    expect(project('P3')).toMatchObject({
      revenueCents: 30_600,
      minutes: 132,
      labourCostCents: null,
      marginCents: null,
      marginShare: null,
    });
    expect(project('P3').missing?.consultants).toEqual([{ id: id('cat'), name: 'Cat Roe' }]);
    expect(project('P3').missing?.message).toMatch(/No cost rate for Cat Roe/);
    // F1: Ben 240 min → 24000; M1 400000; expenses x3 5000 (x2 is September's).
    expect(project('F1')).toMatchObject({
      revenueCents: 400_000,
      labourCostCents: 24_000,
      expensesCents: 5_000,
      marginCents: 371_000,
      pricing: 'fixed',
    });
    // Invoices tied to no project, one row per client.
    const loose = margin.projects.filter((p) => p.projectId === null).map((p) => [p.clientId, p.revenueCents, p.marginCents]);
    expect(loose).toEqual([
      [id('C1'), 12_364, 12_364],
      [id('C2'), 3_000, 3_000],
    ]);
    expect(margin.tiers.map((t) => [t.tier, t.revenueCents, t.labourCostCents, t.expensesCents, t.marginCents])).toEqual([
      ['devops_foundation', 17_500, 10_000, 0, 7_500],
      ['enterprise_cloud', 30_600, null, 0, null],
      ['pipeline_mvp', 430_000, 39_050, 7_500, 383_450],
      [null, 15_364, 0, 0, 15_364],
    ]);
    expect(margin.total).toMatchObject({ revenueCents: 493_464, minutes: 579, labourCostCents: null, marginCents: null });
    expect(margin.total.missing?.consultants.map((c) => c.name)).toEqual(['Cat Roe']);
  });

  it('with every cost rate known, the margins add up: projects → tiers → total', () => {
    fx.replica.db.prepare('UPDATE consultants SET cost_rate_cents = 12000 WHERE id = ?').run(id('cat'));
    const { margin } = dashboard();
    // P3: Cat 100 min × $120 = 20000 + Ann 32 min × $90 = 4800 → 24800; 30600 − 24800 = 5800.
    expect(margin.tiers.find((t) => t.tier === 'enterprise_cloud')).toMatchObject({
      labourCostCents: 24_800,
      marginCents: 5_800,
      missing: null,
    });
    // 493464 − (15050 + 10000 + 24800 + 24000) − 7500.
    expect(margin.total).toMatchObject({ labourCostCents: 73_850, marginCents: 412_114, missing: null });
    const sum = (values: Array<number | null>) => values.reduce<number>((a, b) => a + b!, 0);
    expect(sum(margin.tiers.map((t) => t.marginCents))).toBe(412_114);
    expect(sum(margin.projects.map((p) => p.marginCents))).toBe(412_114);
  });

  it('a fixed-price package: its price against its cost to date, and the effective hourly rate', () => {
    const { fixedPrice } = dashboard();
    expect(fixedPrice).toEqual([
      {
        projectId: id('F1'),
        projectName: 'Fixed four',
        clientId: id('C2'),
        clientName: 'Birch',
        tier: 'pipeline_mvp',
        status: 'active',
        priceCents: 800_000,
        invoicedCents: 400_000,
        // Ben 240 min × $60 = 24000, Ann 120 min × $90 = 18000; expenses 10000 + 5000.
        minutes: 360,
        labourCostCents: 42_000,
        expensesCents: 15_000,
        costCents: 57_000,
        marginCents: 743_000,
        effectiveHourlyRateCents: 133_333, // $8000 / 6 h
        missing: null,
      },
    ]);
  });

  it('revenue per consultant hour: invoiced revenue ÷ hours worked', () => {
    // 493464 cents over 579 min = 9.65 h → 51136.18 c/h.
    expect(dashboard().revenuePerHour).toEqual({ revenueCents: 493_464, minutes: 579, centsPerHour: 51_136 });
  });
});

describe('local days in the zone', () => {
  it('October in Sydney starts at +10 and ends at +11 (DST); Brisbane (+10 all year) draws the line elsewhere', () => {
    const sydney = dashboard();
    const brisbane = dashboard({ timeZone: 'Australia/Brisbane' });
    // e8 (2026-10-31T13:30Z) is 1 Nov 00:30 in Sydney but 31 Oct 23:30 in Brisbane: 60 min, $150.
    expect(sydney.wip.cents).toBe(39_000);
    expect(brisbane.wip.cents).toBe(54_000);
    expect(sydney.margin.total.minutes).toBe(579);
    expect(brisbane.margin.total.minutes).toBe(639);
    // e9 (2026-09-30T14:30Z) is 1 Oct 00:30 in both; e10 (13:30Z) 30 Sep 23:30 in both.
    const p2 = (d: typeof sydney) => d.margin.projects.find((p) => p.projectId === id('P2'))!.minutes;
    expect(p2(sydney)).toBe(90);
    expect(p2(brisbane)).toBe(150);
  });
});

describe('collection', () => {
  it('share paid within 30 days of issue against the 95 % target, counting only what is decided', () => {
    const { collection } = dashboard({ from: '2026-07-01' });
    // Decided: I1 (15 days), I2 (18), M1 (21), Q (30 exactly) within; R (31 days), A30, A31, A60, A61,
    // A90, A91 (unpaid over 30 days) not. Undecided at 31 Oct: A0, A1, PL, I3, G1, G2, G3.
    expect(collection).toEqual({ paidWithin30: 4, decided: 11, share: 4 / 11, target: 0.95, undecided: 7 });
  });

  it('days sales outstanding: receivables ÷ invoiced (GST included) × days', () => {
    const { dso } = dashboard();
    // Owed at 31 Oct 95111; invoiced in October 493464 + 49347 GST = 542811; 31 days.
    expect(dso).toEqual({ days: (95_111 / 542_811) * 31, receivablesCents: 95_111, invoicedTotalCents: 542_811, spanDays: 31 });
  });
});

describe('drill-down: the rows behind a figure add up to it', () => {
  it('revenue of a month for a client, of a tier, and paid', () => {
    const d = dashboard();
    const month = d.revenue.current.months[0]!;
    const acme = rows({ figure: 'revenue', basis: 'invoiced', from: month.from, to: month.to, clientId: id('C1') });
    expect(acme.kind).toBe('invoices');
    expect(acme.totalCents).toBe(59_864);
    expect(acme.rows.reduce((s, r) => s + r.amountCents, 0)).toBe(59_864);
    expect(numbers(acme).sort()).toEqual(['INV-G1', 'INV-G2', 'INV-G3', 'INV-I1', 'INV-I2', 'INV-PL']);
    const loose = rows({ figure: 'revenue', basis: 'invoiced', from: month.from, to: month.to, tier: 'none' });
    expect(loose.totalCents).toBe(d.byTier.find((t) => t.tier === null)!.invoicedCents);
    const paid = rows({ figure: 'revenue', basis: 'paid', from: month.from, to: month.to });
    expect(paid).toMatchObject({ count: 5, totalCents: month.paidCents, truncated: false });
    const p1 = rows({ figure: 'revenue', basis: 'invoiced', from: '2026-10-01', to: '2026-10-31', projectId: id('P1') });
    expect(numbers(p1)).toEqual(['INV-I1']); // not V (void), not D (draft)
  });

  it('an aging bucket for a client, with days past due', () => {
    const got = rows({ figure: 'aging', asOf: '2026-10-31', bucket: 'days61to90', clientId: id('C2') });
    expect(got.kind === 'invoices' && got.rows.map((r) => [r.number, r.daysPastDue, r.amountCents])).toEqual([
      ['INV-A90', 90, 7_700],
      ['INV-A61', 61, 6_600],
    ]);
    expect(got.totalCents).toBe(14_300);
    const all = rows({ figure: 'aging', asOf: '2026-10-31' });
    expect(all).toMatchObject({ count: 13, totalCents: 95_111 });
  });

  it('the entries behind a project’s and a client’s WIP', () => {
    const p2 = rows({ figure: 'wip', to: '2026-10-31', projectId: id('P2') });
    expect(p2.kind === 'entries' && p2.rows.map((r) => [r.note, r.roundedMinutes, r.amountCents])).toEqual([
      ['e10', 60, 15_000],
      ['e7', 20, 5_000],
    ]);
    expect(p2.totalCents).toBe(20_000);
    const acme = rows({ figure: 'wip', to: '2026-10-31', clientId: id('C1') });
    expect(acme).toMatchObject({ count: 4, totalCents: 30_000 });
    // In Brisbane e8 is October's too.
    expect(rows({ figure: 'wip', to: '2026-10-31', projectId: id('P2') }, 'Australia/Brisbane').totalCents).toBe(35_000);
  });

  it('expenses of a tier; a truncated page still gives the whole sum', () => {
    const got = rows({ figure: 'expenses', from: '2026-10-01', to: '2026-10-31', tier: 'pipeline_mvp' });
    expect(got).toMatchObject({ kind: 'expenses', count: 2, totalCents: 7_500 });
    const page = billingRows(fx.replica.db, { figure: 'aging', asOf: '2026-10-31' }, FIXTURE_ZONE, 3);
    expect(page).toMatchObject({ count: 13, totalCents: 95_111, truncated: true });
    expect(page.rows).toHaveLength(3);
  });
});
