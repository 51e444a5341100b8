// The maintained aggregate `labour_months` (minutes per UTC month, project and consultant, and their
// cost at the consultant's cost rate now): always
// equal to grouping the entries, after local writes and after sync pulls (a fresh replica's first
// pull, then edits that move an entry across months and projects, a delete, and cost rates changed
// here or pulled), with the REAL
// PostgreSQL; and how a range is split between it and the entries.
import path from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { addDays } from '../../../shared/time';
import { openReplica } from '../db/open';
import { seedDemo } from '../demo/seed';
import { tempDir } from '../testing';
import { freshCentral, type TestCentral } from '../central/testing';
import { buildDeferredIndexes, deferIndexes } from '../db/deferred-indexes';
import { syncOnce } from '../sync/engine';
import { addEntry, newReplica, seedTiny } from '../sync/fixtures';
import { Replica } from '../sync/replica';
import { seedBillingFixture } from './fixture';
import { labourParams, labourPlan } from './queries/labour';
import { billingDashboard } from './queries/dashboard';

function aggregate(replica: Replica) {
  return replica.db.prepare('SELECT month, project_id, consultant_id, minutes, entries, cost60 FROM labour_months ORDER BY 1, 2, 3').all();
}
/** `labour_project_months` (0013) equals labour_months summed per project and month, and so the entries. */
function expectProjectMonths(replica: Replica) {
  const derived = replica.db
    .prepare('SELECT month, project_id, minutes, cost60, uncosted, consultants FROM labour_project_months ORDER BY 1, 2')
    .all();
  const summed = replica.db
    .prepare(
      `SELECT substr(e.started_at, 1, 7) AS month, e.project_id, sum(e.minutes) AS minutes,
         coalesce(sum(e.minutes * k.cost_rate_cents), 0) AS cost60,
         count(DISTINCT CASE WHEN k.cost_rate_cents IS NULL THEN k.id END) AS uncosted, count(DISTINCT k.id) AS consultants
       FROM time_entries e JOIN consultants k ON k.id = e.consultant_id GROUP BY 1, 2 ORDER BY 1, 2`,
    )
    .all();
  expect(derived).toEqual(summed);
}

/** The same rows from the entries, the cost at each consultant's cost rate now. */
function grouped(replica: Replica) {
  return replica.db
    .prepare(
      `SELECT substr(e.started_at, 1, 7) AS month, e.project_id, e.consultant_id, sum(e.minutes) AS minutes, count(*) AS entries,
         sum(e.minutes) * k.cost_rate_cents AS cost60
       FROM time_entries e JOIN consultants k ON k.id = e.consultant_id GROUP BY 1, 2, 3 ORDER BY 1, 2, 3`,
    )
    .all();
}

describe('labourParams', () => {
  it('reads whole UTC months from the aggregate and the ends from the entries', () => {
    // October in Sydney: 2026-09-30T14:00Z to 2026-10-31T13:00Z: no whole UTC month inside, two ends.
    expect(labourParams('2026-09-30T14:00:00.000Z', '2026-10-31T13:00:00.000Z')).toEqual({
      fullFrom: '2026-10',
      fullTo: '2026-10',
      at: '2026-09-30T14:00:00.000Z',
      edgeFrom: '2026-10-01T00:00:00.000Z',
      edgeTo: '2026-10-01T00:00:00.000Z',
      until: '2026-10-31T13:00:00.000Z',
    });
    // Inside one UTC month: its entries only.
    expect(labourParams('2026-10-05T00:00:00.000Z', '2026-10-20T00:00:00.000Z')).toMatchObject({
      fullFrom: '',
      fullTo: '',
      edgeFrom: '2026-10-20T00:00:00.000Z',
      edgeTo: '2026-10-20T00:00:00.000Z',
    });
    // A year in Brisbane: December to October whole, the ends of November 2025 and 2026 one by one.
    expect(labourParams('2025-11-20T14:00:00.000Z', '2026-11-20T14:00:00.000Z')).toMatchObject({
      fullFrom: '2025-12',
      fullTo: '2026-11',
      edgeFrom: '2025-12-01T00:00:00.000Z',
      edgeTo: '2026-11-01T00:00:00.000Z',
    });
    // Starting exactly at a month's first instant takes that month whole; December rolls the year.
    expect(labourParams('2026-01-01T00:00:00.000Z', '2026-03-01T00:00:00.000Z')).toMatchObject({ fullFrom: '2026-01', fullTo: '2026-03' });
    expect(labourParams('2025-12-15T00:00:00.000Z', '2026-02-10T00:00:00.000Z')).toMatchObject({ fullFrom: '2026-01', fullTo: '2026-02' });
    expect(labourParams(null, '2026-02-10T00:00:00.000Z')).toMatchObject({ fullFrom: '0000-01', fullTo: '2026-02' });
  });

  it('gives the same labour as the entries for ranges cut anywhere (the fixture, Sydney)', () => {
    const replica = newReplica();
    seedBillingFixture(replica);
    const minutes = (from: string, to: string) =>
      billingDashboard(replica.db, { from, to, timeZone: 'Australia/Sydney', today: '2026-12-31' }).margin.total.minutes;
    // All 15 entries, 899 min: July–October whole from the aggregate, the ends from the entries.
    expect(minutes('2026-07-01', '2026-11-30')).toBe(899);
    // September: e10 (30 Sep 23:30 local) 60, e14 120, e15 80.
    expect(minutes('2026-09-01', '2026-09-30')).toBe(60 + 120 + 80);
    expect(minutes('2026-10-01', '2026-10-31')).toBe(579);
    expect(minutes('2026-11-01', '2026-11-30')).toBe(60);
    replica.db.close();
  });
});

/** The margin and fixed-price figures with labour's partial months read each way: all equal; the entries' answer. */
function expectSameEitherWay(replica: Replica, q: { from: string; to: string; timeZone: string; today: string }) {
  const entries = billingDashboard(replica.db, { ...q, labourEnds: 'entries' });
  for (const labourEnds of ['complement', 'fewest'] as const) {
    const other = billingDashboard(replica.db, { ...q, labourEnds });
    expect({ q, labourEnds, margin: other.margin, fixedPrice: other.fixedPrice }).toEqual({
      q,
      labourEnds,
      margin: entries.margin,
      fixedPrice: entries.fixedPrice,
    });
  }
  return entries;
}

describe("the partial months at a range's ends", () => {
  it('reads the fewest entries: the month less what lies outside the range when that is less', () => {
    const replica = newReplica();
    seedBillingFixture(replica);
    // 10 September – 30 October in Sydney: September's entries before the 10th (1) are fewer than
    // those after (3), October's after the 30th (2) fewer than those before (9): both months whole,
    // less those.
    expect(labourPlan(replica.db, '2026-09-09T14:00:00.000Z', '2026-10-30T13:00:00.000Z')).toEqual({
      fullFrom: '2026-09',
      fullTo: '2026-11',
      r1From: '2026-09-01T00:00:00.000Z',
      r1To: '2026-09-09T14:00:00.000Z',
      r1Sign: -1,
      r2From: '2026-10-30T13:00:00.000Z',
      r2To: '2026-11-01T00:00:00.000Z',
      r2Sign: -1,
      at: '2026-09-09T14:00:00.000Z',
      until: '2026-10-30T13:00:00.000Z',
    });
    // From 21 September: 2 entries inside, 2 before: as many, so the entries inside.
    expect(labourPlan(replica.db, '2026-09-20T14:00:00.000Z', '2026-10-30T13:00:00.000Z')).toMatchObject({
      fullFrom: '2026-10',
      r1From: '2026-09-20T14:00:00.000Z',
      r1To: '2026-10-01T00:00:00.000Z',
      r1Sign: 1,
      r2Sign: -1,
    });
    replica.db.close();
  });

  it('gives the same margin and fixed-price figures read either way, for ranges cut anywhere, in three zones', () => {
    const replica = newReplica();
    seedBillingFixture(replica);
    const days = [
      '2026-06-20',
      '2026-09-10',
      '2026-10-30',
      '2026-08-31',
      '2026-09-01',
      '2026-09-21',
      '2026-09-30',
      '2026-10-01',
      '2026-10-07',
      '2026-10-15',
      '2026-10-31',
      '2026-11-01',
      '2026-11-30',
      '2026-12-15',
    ];
    let compared = 0;
    for (const timeZone of ['Australia/Sydney', 'Australia/Brisbane', 'UTC'])
      for (const from of days)
        for (const to of days) {
          if (to < from) continue;
          expectSameEitherWay(replica, { from, to, timeZone, today: '2026-12-31' });
          compared += 2;
        }
    expect(compared).toBe(3 * 105 * 2);
    // Cat (no cost rate) worked on P3 on 14 October only: outside 15 Oct – 30 Nov, read as October
    // less its first fortnight, so no figure there is missing a rate.
    const cut = billingDashboard(replica.db, {
      from: '2026-10-15',
      to: '2026-11-30',
      timeZone: 'Australia/Sydney',
      today: '2026-12-31',
      labourEnds: 'complement',
    });
    expect(cut.margin.total.missing).toBeNull();
    replica.db.close();
  });
});

describe('the partial months on the demo', () => {
  it('give the same margin and fixed-price figures read either way at scale 1, in two zones', () => {
    const replica = new Replica(openReplica(path.join(tempDir(), 'demo.sqlite')));
    const anchor = '2026-11-20';
    seedDemo(replica, { scale: 1, anchor });
    for (const timeZone of ['Australia/Brisbane', 'Australia/Sydney'])
      for (const [from, to] of [
        [addDays(anchor, -364), anchor], // a year to the last day: the last month whole less nothing
        [addDays(anchor, -89), anchor],
        ['2026-07-01', '2026-09-30'], // a quarter: whole months in the zone, cut in UTC
        [addDays(anchor, -400), addDays(anchor, -40)],
      ] as const) {
        const entries = expectSameEitherWay(replica, { from, to, timeZone, today: anchor });
        expect(entries.margin.total.minutes).toBeGreaterThan(0);
      }
    replica.db.close();
  });
});

describe('labour_project_months through a load', () => {
  it('lags while a load has the triggers aside, and is rebuilt equal to the entries at its end', () => {
    const a = newReplica('a');
    const ids = seedTiny(a);
    addEntry(a, ids.alice, ids.project, 90);
    a.db.transaction(() => deferIndexes(a.db, ['time_entries'])).immediate();
    addEntry(a, ids.bob, ids.project, 30);
    addEntry(a, ids.alice, ids.project2, 45);
    a.transaction(() => a.update('consultants', ids.bob, { cost_rate_cents: 7_000 }));
    a.db.transaction(() => buildDeferredIndexes(a.db)).immediate();
    expect(aggregate(a)).toEqual(grouped(a));
    expectProjectMonths(a);
    addEntry(a, ids.bob, ids.project2, 15);
    expectProjectMonths(a);
    a.db.close();
  });
});

describe('labour_months stays equal to the entries', () => {
  let central: TestCentral;
  beforeEach(async () => {
    central = await freshCentral();
  });
  afterEach(async () => {
    await central.drop();
  });

  it('after local writes, a first pull, and pulled edits and deletes', async () => {
    const a = newReplica('a');
    const ids = seedTiny(a);
    const first = addEntry(a, ids.alice, ids.project, 90);
    const second = addEntry(a, ids.bob, ids.project, 30);
    const third = addEntry(a, ids.alice, ids.project2, 45);
    expect(aggregate(a)).toEqual(grouped(a));
    expectProjectMonths(a);
    expect(aggregate(a)).toHaveLength(3);
    // A consultant's cost rate changes, is taken away, and comes back: their rows' cost follows.
    for (const rate of [12_345, null, 9_100]) {
      a.transaction(() => a.update('consultants', ids.bob, { cost_rate_cents: rate }));
      expect(aggregate(a)).toEqual(grouped(a));
      expectProjectMonths(a);
    }
    expect(aggregate(a).find((r) => (r as { consultant_id: string }).consultant_id === ids.bob)).toMatchObject({ cost60: 30 * 9_100 });
    await syncOnce(a, central.url);

    const b = newReplica('b');
    await syncOnce(b, central.url);
    expect(aggregate(b)).toEqual(grouped(b));
    expectProjectMonths(b);
    expect(aggregate(b)).toEqual(aggregate(a));

    // Move one entry to another month and project, lengthen another, delete the third.
    a.transaction(() => {
      a.update('time_entries', first, { started_at: '2026-12-01T01:00:00.000Z', project_id: ids.project2 });
      a.update('time_entries', second, { minutes: 75 });
      a.remove('time_entries', third);
    });
    expect(aggregate(a)).toEqual(grouped(a));
    expectProjectMonths(a);
    a.transaction(() => a.update('consultants', ids.alice, { cost_rate_cents: 15_000 })); // pulled by b
    await syncOnce(a, central.url);
    await syncOnce(b, central.url);
    expect(grouped(b)).toEqual(grouped(a));
    expect(aggregate(b)).toEqual(grouped(b));
    expectProjectMonths(b);
    expect(aggregate(b)).toEqual([
      expect.objectContaining({ month: '2026-11', project_id: ids.project, consultant_id: ids.bob, minutes: 75, entries: 1 }),
      expect.objectContaining({
        month: '2026-12',
        project_id: ids.project2,
        consultant_id: ids.alice,
        minutes: 90,
        entries: 1,
        cost60: 90 * 15_000,
      }),
    ]);
    a.db.close();
    b.db.close();
  });
});
