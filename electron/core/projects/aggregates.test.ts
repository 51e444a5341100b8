// The projects dashboard's maintained aggregates (migrations/sqlite/0009_projects_aggregates.sql):
// `billable_days` (billable minutes per consultant and UTC day) and `project_values` (per project and
// invoice: minutes and the value as invoiced under each rounding rule) always equal a recomputation
// from the entries, after local writes of every column they depend on, after a first pull and pulled
// edits and deletes with the REAL PostgreSQL, and after an initial load set their triggers aside;
// and the figures read from them equal the same figures summed from the entries, in whole-, half-
// and quarter-hour zones across daylight-saving changes.
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { dayStartUtc, localDay, weekStart } from '../../../shared/time';
import { freshCentral, type TestCentral } from '../central/testing';
import { buildDeferredIndexes, deferIndexes } from '../db/deferred-indexes';
import { keyLocalDays, localDaysZone } from '../db/local-zone';
import { AMOUNT_CENTS_SQL, ROUNDED_MINUTES_SQL } from '../hours/rounding';
import { syncOnce } from '../sync/engine';
import { addEntry, newReplica, seedTiny, type TinyIds } from '../sync/fixtures';
import type { Replica, RowValues } from '../sync/replica';
import { dayStarts, splitSpans, weekSegments } from './buckets';
import { consultantUtilization, projectBurn, weekPieces } from './dashboard';

const RULES = [
  ['none', 15],
  ['up', 6],
  ['down', 6],
  ['nearest', 6],
  ['up', 15],
  ['down', 15],
  ['nearest', 15],
] as const;

function days(r: Replica) {
  return r.db.prepare('SELECT consultant_id, day, minutes, entries FROM billable_days ORDER BY 1, 2').all();
}
function daysFromEntries(r: Replica) {
  return r.db
    .prepare(
      `SELECT consultant_id, substr(started_at, 1, 10) AS day, sum(minutes) AS minutes, count(*) AS entries
       FROM time_entries WHERE billable = 1 GROUP BY 1, 2 ORDER BY 1, 2`,
    )
    .all();
}
const VALUE_COLUMNS = RULES.map(([mode, step]) => (mode === 'none' ? 'value_none' : `value_${mode}${step}`));
/** The billable minutes rounded under each rule but none (0014; none's are billable_minutes). */
const ROUNDED_RULES = RULES.filter(([mode]) => mode !== 'none');
const ROUNDED_COLUMNS = ROUNDED_RULES.map(([mode, step]) => `rounded_${mode}${step}`);
function values(r: Replica) {
  return r.db
    .prepare(
      `SELECT project_id, invoice_id, entries, minutes, billable_minutes, billable_entries, ${VALUE_COLUMNS.join(', ')}, ${ROUNDED_COLUMNS.join(', ')}
       FROM project_values ORDER BY 1, 2`,
    )
    .all();
}
/** The same rows, each value computed with the app's own rounding SQL under each rule. */
function valuesFromEntries(r: Replica) {
  const valueSql = RULES.map(
    ([mode, step], i) =>
      `sum(CASE WHEN e.billable = 1 THEN ${AMOUNT_CENTS_SQL.replaceAll('p.rounding_mode', `'${mode}'`).replaceAll('p.rounding_step', String(step))} ELSE 0 END) AS ${VALUE_COLUMNS[i]}`,
  );
  const roundedSql = ROUNDED_RULES.map(
    ([mode, step], i) =>
      `sum(CASE WHEN e.billable = 1 THEN ${ROUNDED_MINUTES_SQL.replaceAll('p.rounding_mode', `'${mode}'`).replaceAll('p.rounding_step', String(step))} ELSE 0 END) AS ${ROUNDED_COLUMNS[i]}`,
  );
  return r.db
    .prepare(
      `SELECT e.project_id, coalesce(e.invoice_id, '') AS invoice_id, count(*) AS entries, sum(e.minutes) AS minutes,
         sum(CASE WHEN e.billable = 1 THEN e.minutes ELSE 0 END) AS billable_minutes, sum(e.billable) AS billable_entries,
         ${valueSql.join(', ')}, ${roundedSql.join(', ')}
       FROM time_entries e GROUP BY 1, 2 ORDER BY 1, 2`,
    )
    .all();
}
function localDays(r: Replica) {
  return r.db.prepare('SELECT consultant_id, day, minutes, entries FROM billable_local_days ORDER BY 1, 2').all();
}
function localWeeks(r: Replica) {
  return r.db.prepare('SELECT consultant_id, week AS day, minutes, entries FROM billable_local_weeks ORDER BY 1, 2').all();
}
/**
 * billable_local_days (or, `weeks`, billable_local_weeks) recomputed in TypeScript: each billable
 * entry's local day (or its Monday) by the IANA rules (shared/time.ts).
 */
function localDaysFromEntries(r: Replica, zone: string, weeks = false) {
  const entries = r.db.prepare('SELECT consultant_id, started_at, minutes FROM time_entries WHERE billable = 1').all() as Array<{
    consultant_id: string;
    started_at: string;
    minutes: number;
  }>;
  const sums = new Map<string, { consultant_id: string; day: string; minutes: number; entries: number }>();
  for (const e of entries) {
    const day = weeks ? weekStart(localDay(e.started_at, zone)) : localDay(e.started_at, zone);
    const key = `${e.consultant_id}|${day}`;
    const row = sums.get(key) ?? { consultant_id: e.consultant_id, day, minutes: 0, entries: 0 };
    row.minutes += e.minutes;
    row.entries += 1;
    sums.set(key, row);
  }
  return [...sums.values()].sort((a, b) => (a.consultant_id + a.day < b.consultant_id + b.day ? -1 : 1));
}
function expectExact(r: Replica) {
  expect(days(r)).toEqual(daysFromEntries(r));
  expect(values(r)).toEqual(valuesFromEntries(r));
  const zone = localDaysZone(r.db);
  if (zone) {
    expect(localDays(r), zone).toEqual(localDaysFromEntries(r, zone));
    expect(localWeeks(r), zone).toEqual(localDaysFromEntries(r, zone, true));
  }
}

function addInvoice(r: Replica, ids: TinyIds, status = 'sent'): string {
  const id = r.newId();
  r.transaction(() =>
    r.insert('invoices', {
      id,
      client_id: ids.client,
      project_id: null,
      number: `INV-${id.slice(0, 8)}`,
      issued_on: '2026-11-25',
      due_on: '2026-12-25',
      status,
      subtotal_cents: 1000,
      tax_cents: 100,
      total_cents: 1100,
      paid_on: null,
    }),
  );
  return id;
}

describe('dayStarts and splitSpans', () => {
  it('gives the instants dayStartUtc gives, every day of three years, in whole-, half- and quarter-hour zones', () => {
    const zones = [
      'UTC',
      'Australia/Sydney',
      'Australia/Adelaide',
      'Australia/Lord_Howe',
      'Asia/Kathmandu',
      'America/New_York',
      'Pacific/Chatham',
    ];
    for (const zone of zones) {
      const at = dayStarts('2025-01-01', '2027-12-31', zone);
      for (let ms = Date.parse('2025-01-01'); ms <= Date.parse('2027-12-31'); ms += 86_400_000) {
        const day = new Date(ms).toISOString().slice(0, 10);
        expect(at(day), `${zone} ${day}`).toBe(dayStartUtc(day, zone));
      }
    }
  });

  it('reads whole UTC days from the aggregate and the partial days at the ends from the entries', () => {
    // A Sydney week (AEDT, +11): Sunday 13:00Z to Sunday 13:00Z.
    expect(splitSpans([{ label: 'w', start: '2026-11-15T13:00:00.000Z', until: '2026-11-22T13:00:00.000Z' }])).toEqual({
      days: [['w', '2026-11-16', '2026-11-22']],
      edges: [
        ['w', '2026-11-15T13:00:00.000Z', '2026-11-16T00:00:00.000Z'],
        ['w', '2026-11-22T00:00:00.000Z', '2026-11-22T13:00:00.000Z'],
      ],
    });
    // UTC: whole days only. One local day inside two UTC days: the entries only.
    expect(splitSpans([{ label: 'w', start: '2026-11-16T00:00:00.000Z', until: '2026-11-23T00:00:00.000Z' }])).toEqual({
      days: [['w', '2026-11-16', '2026-11-23']],
      edges: [],
    });
    expect(splitSpans([{ label: 'd', start: '2026-11-15T13:30:00.000Z', until: '2026-11-16T13:30:00.000Z' }])).toEqual({
      days: [],
      edges: [['d', '2026-11-15T13:30:00.000Z', '2026-11-16T13:30:00.000Z']],
    });
  });
});

describe('weekPieces', () => {
  it('reads whole Monday-to-Sunday weeks from the weekly aggregate and the days around them from the daily one', () => {
    // 2026-11-02 is a Monday.
    expect(weekPieces('p', '2026-11-02', '2026-11-15')).toEqual([['p', 'w', '2026-11-02', '2026-11-09']]);
    expect(weekPieces('p', '2026-10-31', '2026-11-18')).toEqual([
      ['p', 'd', '2026-10-31', '2026-11-01'],
      ['p', 'w', '2026-11-02', '2026-11-09'],
      ['p', 'd', '2026-11-16', '2026-11-18'],
    ]);
    expect(weekPieces('p', '2026-11-03', '2026-11-08')).toEqual([['p', 'd', '2026-11-03', '2026-11-08']]);
    expect(weekPieces('p', '2026-11-02', '2026-11-08')).toEqual([['p', 'w', '2026-11-02', '2026-11-02']]);
    expect(weekPieces('p', '2026-11-05', '2026-11-05')).toEqual([['p', 'd', '2026-11-05', '2026-11-05']]);
  });
});

describe('the aggregates stay equal to the entries after local writes', () => {
  it('inserts, and updates of every column they depend on, and deletes, and a load that sets their triggers aside', () => {
    const r = newReplica();
    const ids = seedTiny(r);
    r.db.transaction(() => keyLocalDays(r.db, 'Australia/Sydney')).immediate();
    const invoice = addInvoice(r, ids);
    const a = addEntry(r, ids.alice, ids.project, 52);
    const b = addEntry(r, ids.bob, ids.project, 7);
    const c = addEntry(r, ids.alice, ids.project2, 61);
    expectExact(r);
    const edits: Array<[string, RowValues]> = [
      [a, { started_at: '2026-11-19T23:59:00.000Z' }], // another UTC day
      [a, { started_at: '2026-11-20T12:59:00.000Z' }], // 23:59 in Sydney (AEDT, +11)
      [a, { started_at: '2026-11-20T13:00:00.000Z' }], // the next Sydney day, the same UTC day
      [b, { started_at: '2026-04-04T13:30:00.000Z' }], // 00:30 on 5 April, before the clocks go back (+11)
      [b, { started_at: '2026-04-04T14:30:00.000Z' }], // 01:30 the same day
      [a, { minutes: 83 }],
      [b, { billable: 0 }],
      [b, { minutes: 44 }], // not billable: its project's minutes change, no billable day
      [b, { billable: 1 }],
      [a, { consultant_id: ids.bob }],
      [c, { rate_cents: 12345 }],
      [c, { project_id: ids.project }],
      [a, { invoice_id: invoice }],
      [c, { invoice_id: invoice, minutes: 1 }],
      [a, { invoice_id: null, billable: 0, started_at: '2026-12-01T00:00:00.000Z' }],
    ];
    for (const [id, changes] of edits) {
      r.transaction(() => r.update('time_entries', id, changes));
      expectExact(r);
    }
    r.transaction(() => r.remove('time_entries', b));
    expectExact(r);
    r.transaction(() => r.remove('time_entries', c));
    expectExact(r);
    expect(values(r)).toHaveLength(1); // the emptied rows are gone

    // A load sets the triggers aside; writes then are not counted until the rebuild at its end.
    r.db.transaction(() => deferIndexes(r.db, ['time_entries'])).immediate();
    expect(r.db.prepare("SELECT count(*) FROM sqlite_schema WHERE type = 'trigger' AND tbl_name = 'time_entries'").pluck().get()).toBe(0);
    addEntry(r, ids.bob, ids.project2, 33);
    expect(days(r)).not.toEqual(daysFromEntries(r));
    r.db.transaction(() => buildDeferredIndexes(r.db)).immediate();
    expectExact(r);
    expect(r.db.prepare("SELECT count(*) FROM sqlite_schema WHERE type = 'trigger' AND tbl_name = 'time_entries'").pluck().get()).toBe(15);
    expect(localDays(r).length).toBeGreaterThan(0);

    // Keyed by another zone: rebuilt, and kept from then on in that zone's days.
    r.db.transaction(() => keyLocalDays(r.db, 'America/New_York')).immediate();
    expectExact(r);
    addEntry(r, ids.alice, ids.project, 12);
    r.transaction(() => r.update('time_entries', b, { started_at: '2026-11-21T04:30:00.000Z' })); // 23:30 on the 20th in New York
    expectExact(r);
    r.db.close();
  });

  it('burn reads the value under the project’s rule now: a change of rule needs no rebuild', () => {
    const r = newReplica();
    const ids = seedTiny(r);
    const invoice = addInvoice(r, ids);
    const voided = addInvoice(r, ids, 'void');
    for (const [minutes, rate, inv] of [
      [7, 19000, invoice],
      [22, 15001, null],
      [53, 19999, voided],
      [1, 333, null],
    ] as const) {
      const id = addEntry(r, ids.alice, ids.project, minutes);
      r.transaction(() => r.update('time_entries', id, { rate_cents: rate, invoice_id: inv }));
    }
    const expected = () =>
      r.db
        .prepare(
          `SELECT sum(${AMOUNT_CENTS_SQL}) AS value, sum(CASE WHEN i.status IS NOT NULL AND i.status <> 'void' THEN ${AMOUNT_CENTS_SQL} ELSE 0 END) AS billed
           FROM time_entries e JOIN projects p ON p.id = e.project_id LEFT JOIN invoices i ON i.id = e.invoice_id
           WHERE p.id = ? AND e.billable = 1`,
        )
        .get(ids.project) as { value: number; billed: number };
    const seen = new Set<number>();
    for (const [mode, step] of RULES) {
      r.transaction(() => r.update('projects', ids.project, { rounding_mode: mode, rounding_step: step }));
      const burn = projectBurn(r.db, { projectId: ids.project })[0]!;
      const { value, billed } = expected();
      expect([burn.valueCents, burn.billedCents], `${mode} ${step}`).toEqual([value, billed]);
      seen.add(value);
    }
    expect(seen.size).toBeGreaterThan(4); // the rules do give different values here
    r.db.close();
  });
});

describe('the aggregates stay equal to the entries through sync', () => {
  let central: TestCentral;
  beforeEach(async () => {
    central = await freshCentral();
  });
  afterEach(async () => {
    await central.drop();
  });

  it('after a first pull, and pulled edits and deletes', async () => {
    const a = newReplica('a');
    const ids = seedTiny(a);
    const invoice = addInvoice(a, ids);
    const first = addEntry(a, ids.alice, ids.project, 90);
    const second = addEntry(a, ids.bob, ids.project, 37);
    const third = addEntry(a, ids.alice, ids.project2, 45);
    await syncOnce(a, central.url);

    const b = newReplica('b');
    // Keyed before its first pull: the initial sync sets the triggers aside and rebuilds at its end.
    b.db.transaction(() => keyLocalDays(b.db, 'Australia/Adelaide')).immediate();
    await syncOnce(b, central.url);
    expectExact(b);
    expect(localDays(b)).toHaveLength(2); // rebuilt, not left empty
    expect(days(b)).toEqual(days(a));
    expect(values(b)).toEqual(values(a));

    a.transaction(() => {
      a.update('time_entries', first, { started_at: '2026-12-01T01:00:00.000Z', project_id: ids.project2, invoice_id: invoice });
      a.update('time_entries', second, { minutes: 75, billable: 0 });
      a.remove('time_entries', third);
    });
    a.transaction(() => a.update('projects', ids.project2, { rounding_mode: 'up', rounding_step: 15 }));
    await syncOnce(a, central.url);
    await syncOnce(b, central.url);
    expectExact(b);
    expect(values(b)).toEqual(values(a));
    expect(days(b)).toEqual([{ consultant_id: ids.alice, day: '2026-12-01', minutes: 90, entries: 1 }]);
    expect(localDays(b)).toEqual([{ consultant_id: ids.alice, day: '2026-12-01', minutes: 90, entries: 1 }]);
    expect(projectBurn(b.db, { open: true })).toEqual(projectBurn(a.db, { open: true }));
    a.db.close();
    b.db.close();
  });
});

describe('utilization from the aggregates equals the entries summed into local weeks', () => {
  const ZONES = ['UTC', 'Australia/Sydney', 'Australia/Adelaide', 'America/New_York', 'Asia/Kathmandu'];
  it('for entries at every quarter hour around the local midnights and daylight-saving changes', () => {
    const r = newReplica();
    const ids = seedTiny(r);
    // Every 15 minutes (and a minute either side) over the days around April and October 2026's changes.
    r.transaction(() => {
      let n = 0;
      for (const [from, to] of [
        ['2026-03-27', '2026-04-08'],
        ['2026-09-30', '2026-10-08'],
        ['2026-10-30', '2026-11-04'],
      ] as const) {
        for (let ms = Date.parse(`${from}T00:00:00Z`); ms < Date.parse(`${to}T00:00:00Z`); ms += 15 * 60_000) {
          for (const jitter of [-60_000, 0, 60_000]) {
            n += 1;
            r.insert('time_entries', {
              id: r.newId(),
              project_id: ids.project,
              consultant_id: n % 3 === 0 ? ids.bob : ids.alice,
              started_at: new Date(ms + jitter).toISOString(),
              minutes: 1 + (n % 17),
              billable: n % 5 === 0 ? 0 : 1,
              rate_cents: 19000,
            });
          }
        }
      }
    });
    const sumOf = (consultant: string, start: string, until: string) =>
      r.db
        .prepare(
          'SELECT coalesce(sum(minutes), 0) FROM time_entries WHERE consultant_id = ? AND billable = 1 AND started_at >= ? AND started_at < ?',
        )
        .pluck()
        .get(consultant, start, until) as number;
    for (const timeZone of ZONES) {
      for (const [from, to] of [
        ['2026-03-30', '2026-04-12'],
        ['2026-04-01', '2026-04-09'], // cut weeks at both ends
        ['2026-09-28', '2026-11-08'],
      ] as const) {
        const range = { from, to, timeZone };
        const previous = { from: '2026-03-04', to: '2026-03-31', timeZone }; // a Wednesday to a Tuesday
        for (const source of ['auto', 'utc'] as const) {
          const u = consultantUtilization(r.db, range, previous, [], { source });
          if (source === 'auto') expect(localDaysZone(r.db)).toBe(timeZone); // read from the local days
          // Without the cells (a range too long for the grid) the totals are summed another way: the same.
          const totals = consultantUtilization(r.db, range, previous, [], { source, cells: false });
          expect(totals.cells).toEqual([]);
          expect({ consultants: totals.consultants, team: totals.team }).toEqual({ consultants: u.consultants, team: u.team });
          const weeks = weekSegments(from, to, timeZone);
          expect(weeks.map((w) => [w.start, w.until])).toEqual(
            weeks.map((w) => [dayStartUtc(w.first, timeZone), dayStartUtc(addOne(w.last), timeZone)]),
          );
          for (const consultant of [ids.alice, ids.bob]) {
            for (const w of weeks) {
              const cell = u.cells.find((c) => c.consultantId === consultant && c.week === w.week);
              expect(cell?.billableMinutes ?? 0, `${timeZone} ${w.week}`).toBe(sumOf(consultant, w.start, w.until));
            }
            const prev = u.consultants.find((c) => c.consultantId === consultant)!.previous.billableMinutes;
            expect(prev).toBe(sumOf(consultant, dayStartUtc('2026-03-04', timeZone), dayStartUtc('2026-04-01', timeZone)));
          }
        }
      }
    }
    r.db.close();
  });
});

function addOne(day: string): string {
  return new Date(Date.parse(`${day}T00:00:00Z`) + 86_400_000).toISOString().slice(0, 10);
}
