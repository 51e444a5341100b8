// A small billing workspace whose every figure is computed by hand in billing.test.ts (the comments
// there show the arithmetic). Zone Australia/Sydney: daylight saving starts on 4 October 2026, so
// October's local days run from 2026-09-30T14:00Z (+10) to 2026-10-31T13:00Z (+11).
//
// Consultants: Ann (cost $90/h), Ben ($60/h), Cat (no cost rate: a consultant's replica).
// Clients: Acme (C1), Birch (C2).
// Projects: P1 Acme pipeline_mvp hourly $200/h rounded up to 15 min; P2 Acme devops_foundation
// hourly $150/h no rounding; P3 Birch enterprise_cloud hourly $180/h nearest 6 min; F1 Birch
// pipeline_mvp FIXED at $8,000.
import path from 'node:path';
import { openReplica } from '../db/open';
import { Replica, writeSetting } from '../sync/replica';
import { tempDir } from '../testing';

export const FIXTURE_ZONE = 'Australia/Sydney';

export interface BillingFixture {
  replica: Replica;
  ids: Record<string, string>;
}

type Inv = [
  key: string,
  client: string,
  project: string | null,
  status: string,
  issued: string,
  due: string,
  paid: string | null,
  subtotal: number,
  tax: number,
];

/** Invoices: key, client, project, status, issued, due, paid, subtotal, tax (total = subtotal + tax). */
export const INVOICES: Inv[] = [
  // Aging edges at 2026-10-31: 0, 1, 30, 31, 60, 61, 90, 91 days past due (Birch, no project).
  ['A0', 'C2', null, 'sent', '2026-10-17', '2026-10-31', null, 1000, 100],
  ['A1', 'C2', null, 'sent', '2026-10-16', '2026-10-30', null, 2000, 200],
  ['A30', 'C2', null, 'sent', '2026-09-17', '2026-10-01', null, 3000, 300],
  ['A31', 'C2', null, 'sent', '2026-09-16', '2026-09-30', null, 4000, 400],
  ['A60', 'C2', null, 'sent', '2026-08-18', '2026-09-01', null, 5000, 500],
  ['A61', 'C2', null, 'sent', '2026-08-17', '2026-08-31', null, 6000, 600],
  ['A90', 'C2', null, 'sent', '2026-07-19', '2026-08-02', null, 7000, 700],
  ['A91', 'C2', null, 'sent', '2026-07-18', '2026-08-01', null, 8000, 800],
  // Paid after 31 October: still owed on that day (7 days past due).
  ['PL', 'C1', 'P2', 'paid', '2026-10-10', '2026-10-24', '2026-11-05', 7500, 750],
  // Void and draft: never revenue, never owed.
  ['V', 'C1', 'P1', 'void', '2026-10-05', '2026-10-19', null, 99900, 9990],
  ['D', 'C1', 'P1', 'draft', '2026-10-28', '2026-11-11', null, 5000, 500],
  ['I1', 'C1', 'P1', 'paid', '2026-10-05', '2026-10-19', '2026-10-20', 30000, 3000],
  ['I2', 'C1', 'P2', 'paid', '2026-10-12', '2026-10-26', '2026-10-30', 10000, 1000],
  ['I3', 'C2', 'P3', 'sent', '2026-10-19', '2026-11-02', null, 30600, 3060],
  // The fixed-price package's first milestone, half its price.
  ['M1', 'C2', 'F1', 'paid', '2026-10-05', '2026-10-19', '2026-10-26', 400000, 40000],
  // GST to the cent, half-up per invoice: 1234.5 → 1235, 0.5 → 1, 1.4 → 1 (10 % of their sum, 1236.4, would give 1236).
  ['G1', 'C1', null, 'sent', '2026-10-20', '2026-11-03', null, 12345, 1235],
  ['G2', 'C1', null, 'sent', '2026-10-20', '2026-11-03', null, 5, 1],
  ['G3', 'C1', null, 'sent', '2026-10-20', '2026-11-03', null, 14, 1],
  // September: paid exactly 30 days after issue (within), and 31 days after (not).
  ['Q', 'C1', 'P2', 'paid', '2026-09-07', '2026-09-21', '2026-10-07', 20000, 2000],
  ['R', 'C1', null, 'paid', '2026-08-31', '2026-09-14', '2026-10-01', 100, 10],
];

type Entry = [
  key: string,
  consultant: string,
  project: string,
  startedAt: string,
  minutes: number,
  billable: 0 | 1,
  invoice: string | null,
];

/** Entries: key, consultant, project, start (UTC), minutes, billable, invoice. Rates are the project's. */
export const ENTRIES: Entry[] = [
  ['e1', 'ann', 'P1', '2026-10-05T00:00:00.000Z', 50, 1, 'I1'], // up 15 → 60 min → $200.00
  ['e2', 'ben', 'P1', '2026-10-06T00:00:00.000Z', 20, 1, 'I1'], // → 30 min → $100.00
  ['e3', 'ann', 'P1', '2026-10-27T00:00:00.000Z', 10, 1, 'D'], // → 15 min → $50.00, on the draft
  ['e4', 'ann', 'P1', '2026-10-29T00:00:00.000Z', 7, 1, null], // → 15 min → $50.00
  ['e5', 'ben', 'P1', '2026-10-29T02:00:00.000Z', 30, 0, null], // not billable: cost only
  ['e6', 'ben', 'P2', '2026-10-08T00:00:00.000Z', 40, 1, 'I2'], // $100.00
  ['e7', 'ann', 'P2', '2026-10-31T12:30:00.000Z', 20, 1, null], // 31 Oct 23:30 AEDT: October; $50.00
  ['e8', 'ann', 'P2', '2026-10-31T13:30:00.000Z', 60, 1, null], // 1 Nov 00:30 AEDT: November (at +10 it would be October)
  ['e9', 'ben', 'P2', '2026-09-30T14:30:00.000Z', 30, 1, 'PL'], // 1 Oct 00:30 AEST: October; $75.00
  ['e10', 'ann', 'P2', '2026-09-30T13:30:00.000Z', 60, 1, null], // 30 Sep 23:30 AEST: September; $150.00
  ['e11', 'cat', 'P3', '2026-10-14T00:00:00.000Z', 100, 1, 'I3'], // nearest 6 → 102 min → $306.00
  ['e12', 'ann', 'P3', '2026-10-15T00:00:00.000Z', 32, 1, null], // nearest 6 → 30 min → $90.00
  ['e13', 'ben', 'F1', '2026-10-07T00:00:00.000Z', 240, 1, null], // fixed price: cost, not WIP
  ['e14', 'ann', 'F1', '2026-09-20T00:00:00.000Z', 120, 1, null],
  ['e15', 'ben', 'P2', '2026-09-03T00:00:00.000Z', 80, 1, 'Q'], // $200.00
];

/** Expenses: key, project, day, cents. */
export const EXPENSES: Array<[string, string, string, number]> = [
  ['x1', 'P1', '2026-10-10', 2500],
  ['x2', 'F1', '2026-09-25', 10000],
  ['x3', 'F1', '2026-10-12', 5000],
  ['x4', 'P3', '2026-11-02', 7777], // after October
];

export function seedBillingFixture(replica: Replica): Record<string, string> {
  const ids: Record<string, string> = {};
  const idOf = (key: string) => (ids[key] ??= replica.newId());
  replica.transaction(() => {
    for (const [key, name, cost] of [
      ['ann', 'Ann Lee', 9000],
      ['ben', 'Ben Ng', 6000],
      ['cat', 'Cat Roe', null],
    ] as const) {
      replica.insert('consultants', {
        id: idOf(key),
        name,
        email: `${key}@example.com`,
        default_rate_cents: 18000,
        cost_rate_cents: cost,
        weekly_capacity_hours: 38,
        active: 1,
      });
    }
    for (const [key, name] of [
      ['C1', 'Acme'],
      ['C2', 'Birch'],
    ] as const) {
      replica.insert('clients', { id: idOf(key), name, industry: 'Retail', region: 'Sydney', nps: 30, status: 'active' });
    }
    const projects = [
      ['P1', 'C1', 'Pipeline one', 'pipeline_mvp', 'hourly', 20000, 'up', 15, 600000],
      ['P2', 'C1', 'Foundation two', 'devops_foundation', 'hourly', 15000, 'none', 15, 1500000],
      ['P3', 'C2', 'Cloud three', 'enterprise_cloud', 'hourly', 18000, 'nearest', 6, 4000000],
      ['F1', 'C2', 'Fixed four', 'pipeline_mvp', 'fixed', 20000, 'none', 15, 800000],
    ] as const;
    for (const [key, client, name, tier, pricing, rate, mode, step, budget] of projects) {
      replica.insert('projects', {
        id: idOf(key),
        client_id: idOf(client),
        name,
        tier,
        status: 'active',
        budget_cents: budget,
        hourly_rate_cents: rate,
        rounding_mode: mode,
        rounding_step: step,
        start_on: '2026-07-01',
        due_on: '2026-11-30',
        pricing,
      });
    }
    for (const [key, client, project, status, issued, due, paid, subtotal, tax] of INVOICES) {
      replica.insert('invoices', {
        id: idOf(key),
        client_id: idOf(client),
        project_id: project ? idOf(project) : null,
        number: `INV-${key}`,
        issued_on: issued,
        due_on: due,
        status,
        subtotal_cents: subtotal,
        tax_cents: tax,
        total_cents: subtotal + tax,
        paid_on: paid,
      });
    }
    const rates: Record<string, number> = Object.fromEntries(projects.map((p) => [p[0], p[5]]));
    for (const [key, consultant, project, startedAt, minutes, billable, invoice] of ENTRIES) {
      replica.insert('time_entries', {
        id: idOf(key),
        project_id: idOf(project),
        consultant_id: idOf(consultant),
        started_at: startedAt,
        minutes,
        billable,
        note: key,
        rate_cents: rates[project]!,
        invoice_id: invoice ? idOf(invoice) : null,
      });
    }
    for (const [key, project, day, cents] of EXPENSES) {
      replica.insert('expenses', {
        id: idOf(key),
        project_id: idOf(project),
        category: 'Travel',
        amount_cents: cents,
        spent_on: day,
        note: key,
      });
    }
    writeSetting(replica.db, 'time_zone', FIXTURE_ZONE);
    writeSetting(replica.db, 'consultant_id', idOf('ann'));
  });
  return ids;
}

/** The fixture in a new replica file. */
export function billingFixture(): BillingFixture {
  const replica = new Replica(openReplica(path.join(tempDir('ops-billing-'), 'billing.sqlite')));
  return { replica, ids: seedBillingFixture(replica) };
}
