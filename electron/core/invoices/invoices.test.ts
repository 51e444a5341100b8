// The invoices channels through `Core.invoke`, as every front end calls them, on a small replica
// in Brisbane's zone: the preview's rounding and GST, create, every transition and its refusals,
// the locks on hours, voiding giving hours back, the list's filters and days overdue.
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { Channel } from '../../../shared/contract';
import { gstCents } from '../../../shared/money';
import { addDays, localDay } from '../../../shared/time';
import { Core } from '../api';
import { replicaTag } from './numbering';
import { totalsOf } from './queries';
import { invoicingReplica, logHours, ZONE, type InvoicingIds } from './testing';

let core: Core;
let ids: InvoicingIds;
let today: string;
/** Entries of the tiny client in March 2026 (Brisbane days). */
let e: Record<'up7' | 'up16' | 'landing' | 'landingOtherRate' | 'lastMinute' | 'nextDay' | 'unbillable' | 'bobs', string>;

beforeEach(() => {
  const { replica, ids: made } = invoicingReplica();
  ids = made;
  const r = (
    project: string,
    startedAt: string,
    minutes: number,
    rateCents: number,
    more: { billable?: boolean; consultant?: string } = {},
  ) => logHours(replica, { project, consultant: more.consultant ?? ids.alice, startedAt, minutes, rateCents, billable: more.billable });
  e = {
    up7: r(ids.project, '2026-03-02T00:00:00Z', 7, 19000), // → 15 min → $47.50
    up16: r(ids.project, '2026-03-03T00:00:00Z', 16, 19000), // → 30 min → $95.00
    landing: r(ids.project2, '2026-03-04T00:00:00Z', 50, 12345), // 50 min at $123.45 → 10287.5 → 10288
    landingOtherRate: r(ids.project2, '2026-03-05T00:00:00Z', 60, 20000), // $200.00
    lastMinute: r(ids.project2, '2026-03-31T13:59:00Z', 1, 6000), // 23:59 on 31 March in Brisbane: in March → 100 c
    nextDay: r(ids.project2, '2026-03-31T14:00:00Z', 60, 6000), // 00:00 on 1 April in Brisbane: not in March
    unbillable: r(ids.project, '2026-03-10T00:00:00Z', 60, 19000, { billable: false }),
    bobs: r(ids.project, '2026-03-11T00:00:00Z', 45, 19000, { consultant: ids.bob }), // 45 min → $142.50
  };
  r(ids.otherProject, '2026-03-12T00:00:00Z', 60, 15000); // another client's
  core = new Core({ dbPath: replica.db.name, consultantEmail: 'alice@example.com' });
  replica.db.close();
  today = localDay(new Date().toISOString(), ZONE);
});
afterEach(() => core.close());

const march = () => ({ clientId: ids.client, from: '2026-03-01', to: '2026-03-31' });
const count = (sql: string) => core.db.prepare(sql).pluck().get() as number;
const outbox = () => count('SELECT count(*) FROM outbox');

async function refused(channel: Channel, input: unknown, code: string, message: RegExp, field?: string) {
  const before = { outbox: outbox(), invoices: count('SELECT count(*) FROM invoices') };
  const result = await core.invoke(channel, input);
  expect(result).toMatchObject({ ok: false, error: { code, message: expect.stringMatching(message), ...(field ? { field } : {}) } });
  expect({ outbox: outbox(), invoices: count('SELECT count(*) FROM invoices') }).toEqual(before);
}

describe('GST', () => {
  it.each([
    [12344, 1234], // 1234.4
    [12345, 1235], // 1234.5: half goes up
    [12346, 1235],
    [5, 1], // 0.5 of a cent
    [4, 0],
    [15, 2], // 1.5
    [25, 3], // 2.5 (half-up, not half-even)
    [0, 0],
    [99_999_995, 10_000_000], // 9999999.5
  ])('on a subtotal of %i cents is %i cents', (subtotal, tax) => {
    expect(gstCents(subtotal)).toBe(tax);
    const line = { amountCents: subtotal } as Parameters<typeof totalsOf>[0][number];
    expect(totalsOf([line])).toEqual({ subtotalCents: subtotal, taxCents: tax, totalCents: subtotal + tax });
  });
});

describe('invoices.preview', () => {
  it('groups the unbilled billable hours per project and rate, rounded entry by entry, with GST on the subtotal', async () => {
    const before = outbox();
    const preview = await core.call('invoices.preview', march());
    expect(preview).toMatchObject({ clientName: 'Moreton Freight', projectId: null, from: '2026-03-01', to: '2026-03-31', timeZone: ZONE });
    expect(preview.lines).toEqual([
      expect.objectContaining({
        projectName: 'Landing zone',
        rateCents: 20000,
        entryCount: 1,
        minutes: 60,
        roundedMinutes: 60,
        hours: 1,
        amountCents: 20000,
      }),
      expect.objectContaining({
        projectName: 'Landing zone',
        rateCents: 12345,
        entryCount: 1,
        minutes: 50,
        roundedMinutes: 50,
        amountCents: 10288,
      }),
      expect.objectContaining({
        projectName: 'Landing zone',
        rateCents: 6000,
        entryCount: 1,
        minutes: 1,
        roundedMinutes: 1,
        amountCents: 100,
      }),
      // 7 → 15, 16 → 30 and 45 → 45 (rounded up to 15 each, not the 68 minutes of the sum → 75)
      expect.objectContaining({
        projectName: 'Pipeline MVP',
        rateCents: 19000,
        roundingMode: 'up',
        roundingStep: 15,
        entryCount: 3,
        minutes: 68,
        roundedMinutes: 90,
        hours: 1.5,
        amountCents: 4750 + 9500 + 14250,
      }),
    ]);
    const subtotal = 20000 + 10288 + 100 + 28500; // 58888
    expect(preview).toMatchObject({ entryCount: 6, subtotalCents: subtotal, taxCents: 5889, totalCents: subtotal + 5889 });
    expect(outbox()).toBe(before);
  });

  it('takes only the project asked for, and the local days of the workspace zone', async () => {
    const preview = await core.call('invoices.preview', { ...march(), projectId: ids.project2, to: '2026-03-04' });
    expect(preview.lines.map((l) => [l.rateCents, l.entryCount])).toEqual([[12345, 1]]);
    const april = await core.call('invoices.preview', { ...march(), projectId: ids.project2, from: '2026-04-01', to: '2026-04-01' });
    expect(april.lines.map((l) => [l.minutes, l.amountCents])).toEqual([[60, 6000]]);
  });

  it('refuses what it cannot mean, saying what to do', async () => {
    await refused(
      'invoices.preview',
      { ...march(), from: '2026-04-01' },
      'invalid_input',
      /^The first day \(2026-04-01\) is after the last one \(2026-03-31\): swap them/,
      'to',
    );
    await refused(
      'invoices.preview',
      { ...march(), from: '2025-01-01' },
      'invalid_input',
      /^Choose at most a year \(366 days\); 2025-01-01 to 2026-03-31 is \d+ days/,
      'from',
    );
    await refused('invoices.preview', { ...march(), to: '2026-02-30' }, 'invalid_input', /not a day on the calendar/, 'to');
    await refused('invoices.preview', { ...march(), clientId: crypto.randomUUID() }, 'not_found', /client does not exist/, 'clientId');
    await refused(
      'invoices.preview',
      { ...march(), projectId: ids.otherProject },
      'invalid_input',
      /another client's project/,
      'projectId',
    );
    await refused('invoices.preview', { ...march(), extra: 1 }, 'invalid_input', /./);
  });
});

describe('invoices.create', () => {
  it('makes a draft with the hours attached, the totals stored, issued today and due in 14 days, numbered per replica', async () => {
    const invoice = await core.call('invoices.create', march());
    const tag = replicaTag(core.replica.clientId);
    expect(invoice).toMatchObject({
      number: `INV-${today.slice(0, 4)}-${tag}-0001`,
      status: 'draft',
      issuedOn: today,
      dueOn: addDays(today, 14),
      paidOn: null,
      subtotalCents: 58888,
      taxCents: 5889,
      totalCents: 64777,
      entryCount: 6,
      daysOverdue: null,
      firstDay: '2026-03-02',
      lastDay: '2026-03-31',
      projectId: null,
    });
    expect(invoice.entries.map((x) => x.id).sort()).toEqual([e.up7, e.up16, e.landing, e.landingOtherRate, e.lastMinute, e.bobs].sort());
    expect(invoice.entries.find((x) => x.id === e.bobs)).toMatchObject({ consultantName: 'Bob', roundedMinutes: 45, amountCents: 14250 });
    expect(count(`SELECT count(*) FROM time_entries WHERE invoice_id = '${invoice.id}'`)).toBe(6);
    // Each write is in the outbox: the invoice and each entry attached.
    expect(count(`SELECT count(*) FROM outbox WHERE table_name = 'invoices' AND row_id = '${invoice.id}'`)).toBe(1);
    // The same hours are never billed twice; the next invoice of this replica takes the next number.
    expect((await core.call('invoices.preview', march())).entryCount).toBe(0);
    const april = await core.call('invoices.create', { ...march(), from: '2026-04-01', to: '2026-04-30', dueInDays: 30 });
    expect(april).toMatchObject({ number: `INV-${today.slice(0, 4)}-${tag}-0002`, dueOn: addDays(today, 30), projectId: ids.project2 });
  });

  it('refuses a period with nothing to bill, and changes nothing', async () => {
    await refused('invoices.create', { ...march(), from: '2026-05-01', to: '2026-05-31' }, 'invalid_input', /nothing to invoice/);
    await refused('invoices.create', { ...march(), dueInDays: -1 }, 'invalid_input', /cannot be negative/, 'dueInDays');
  });
});

describe('transitions', () => {
  it('draft → sent locks the hours; sent → paid with a paid day; each refused step says why', async () => {
    const draft = await core.call('invoices.create', march());
    await refused('invoices.pay', { id: draft.id }, 'conflict', /still a draft: send it before/);
    // A draft's hours can still be edited; sending fixes the totals from what is there.
    await core.call('entries.update', { id: e.up7, minutes: 20 }); // → 30 min → $95.00 (+$47.50)
    await core.call('entries.update', { id: e.lastMinute, billable: false }); // no longer billable: taken off at send
    const sent = await core.call('invoices.send', { id: draft.id });
    expect(sent).toMatchObject({ status: 'sent', subtotalCents: 58888 + 4750 - 100, entryCount: 5, daysOverdue: 0 });
    expect(sent.taxCents).toBe(gstCents(58888 + 4750 - 100));
    expect(count(`SELECT count(*) FROM time_entries WHERE id = '${e.lastMinute}' AND invoice_id IS NULL`)).toBe(1);

    await refused('entries.update', { id: e.up16, note: 'changed' }, 'locked', /locked/);
    await refused('entries.delete', { id: e.up16 }, 'locked', /locked/);
    await refused('invoices.send', { id: draft.id }, 'conflict', /already been sent/);
    await refused('invoices.pay', { id: draft.id, paidOn: addDays(today, -1) }, 'invalid_input', /cannot have been paid before/, 'paidOn');
    await refused('invoices.pay', { id: draft.id, paidOn: addDays(today, 1) }, 'invalid_input', /after today/, 'paidOn');

    const paid = await core.call('invoices.pay', { id: draft.id });
    expect(paid).toMatchObject({ status: 'paid', paidOn: today, daysOverdue: null });
    await refused('invoices.pay', { id: draft.id }, 'conflict', /already paid \(on/);
    await refused('invoices.void', { id: draft.id }, 'conflict', /paid, so it cannot be voided/);
    await refused('entries.delete', { id: e.landing }, 'locked', /locked/);
    await refused('invoices.send', { id: crypto.randomUUID() }, 'not_found', /does not exist/, 'id');
  });

  it('void gives the hours back: unlocked, billable again, on the next invoice', async () => {
    const invoice = await core.call('invoices.create', march());
    await core.call('invoices.send', { id: invoice.id });
    const voided = await core.call('invoices.void', { id: invoice.id });
    expect(voided).toMatchObject({ status: 'void', entryCount: 0, lines: [], subtotalCents: 58888 });
    expect(count('SELECT count(*) FROM time_entries WHERE invoice_id IS NOT NULL')).toBe(0);
    // The void is written before the hours are released (the order the central checks them in).
    const order = core.db
      .prepare(
        `SELECT table_name FROM outbox WHERE mutation_id > (SELECT max(mutation_id) FROM outbox WHERE table_name = 'invoices') - 1 ORDER BY mutation_id`,
      )
      .pluck()
      .all();
    expect(order[0]).toBe('invoices');
    expect(order.slice(1)).toEqual(Array(6).fill('time_entries'));
    expect((await core.call('entries.update', { id: e.up16, note: 'editable again' })).note).toBe('editable again');
    await refused('invoices.void', { id: invoice.id }, 'conflict', /already void/);
    await refused('invoices.send', { id: invoice.id }, 'conflict', /void, so it cannot be sent/);
    await refused('invoices.pay', { id: invoice.id }, 'conflict', /void, so it cannot be paid/);
    expect((await core.call('invoices.preview', march())).subtotalCents).toBe(58888);
    const again = await core.call('invoices.create', march());
    expect(again.entryCount).toBe(6);
    expect(again.number).not.toBe(invoice.number);
  });

  it('voids a draft, and refuses to send a draft whose hours are all gone', async () => {
    const one = await core.call('invoices.create', { ...march(), projectId: ids.project2, from: '2026-04-01', to: '2026-04-01' });
    await core.call('entries.delete', { id: e.nextDay });
    await refused('invoices.send', { id: one.id }, 'conflict', /no billable hours left/);
    expect((await core.call('invoices.void', { id: one.id })).status).toBe('void');
  });
});

describe('invoices.list and invoices.get', () => {
  it('filters by status, client, project and issue days; days overdue for sent invoices as of today', async () => {
    const a = await core.call('invoices.create', { ...march(), projectId: ids.project });
    const b = await core.call('invoices.create', { ...march(), projectId: ids.project2 });
    await core.call('invoices.send', { id: b.id });
    // b was issued 40 days ago, due 26 days ago (as if made then).
    core.replica.transaction(() => core.replica.update('invoices', b.id, { issued_on: addDays(today, -40), due_on: addDays(today, -26) }));
    const other = await core.call('invoices.create', { clientId: ids.otherClient, from: '2026-03-01', to: '2026-03-31' });

    const all = await core.call('invoices.list');
    expect(all.map((i) => i.number)).toEqual([other.number, a.number, b.number]); // newest issued first, then by number (desc)
    expect(all.find((i) => i.id === b.id)).toMatchObject({ status: 'sent', daysOverdue: 26, projectName: 'Landing zone', entryCount: 3 });
    expect(all.find((i) => i.id === a.id)).toMatchObject({ daysOverdue: null, projectName: 'Pipeline MVP' });
    expect((await core.call('invoices.list', { status: 'draft' })).map((i) => i.id).sort()).toEqual([a.id, other.id].sort());
    expect((await core.call('invoices.list', { status: ['sent', 'paid'] })).map((i) => i.id)).toEqual([b.id]);
    expect((await core.call('invoices.list', { clientId: ids.otherClient })).map((i) => i.id)).toEqual([other.id]);
    expect((await core.call('invoices.list', { projectId: ids.project })).map((i) => i.id)).toEqual([a.id]);
    expect((await core.call('invoices.list', { overdue: true })).map((i) => i.id)).toEqual([b.id]);
    expect((await core.call('invoices.list', { to: addDays(today, -1) })).map((i) => i.id)).toEqual([b.id]);
    expect((await core.call('invoices.list', { from: today, limit: 1 })).map((i) => i.id)).toEqual([other.id]);
    await refused('invoices.list', { from: today, to: addDays(today, -1) }, 'invalid_input', /after the last/, 'to');
    await refused('invoices.list', { status: 'overdue' }, 'invalid_input', /./, 'status');

    const detail = await core.call('invoices.get', { id: b.id });
    expect(detail.lines.map((l) => l.rateCents)).toEqual([20000, 12345, 6000]);
    expect(detail.entries.map((x) => x.day)).toEqual(['2026-03-04', '2026-03-05', '2026-03-31']);
    await refused('invoices.get', { id: crypto.randomUUID() }, 'not_found', /does not exist/);
  });
});
