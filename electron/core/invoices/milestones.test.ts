// Fixed-price projects through `Core.invoke`: their hours are never billed by the hour (the
// preview leaves them out and names the project; creating an hourly invoice for one is refused
// with what to do), a milestone bills an amount of the price (GST on top, never more than is left),
// sends, pays and voids like any invoice, and the Projects burn counts milestones as billed.
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { gstCents } from '../../../shared/money';
import { localDay } from '../../../shared/time';
import { Core } from '../api';
import { invoicingReplica, logHours, ZONE, type InvoicingIds } from './testing';

let core: Core;
let ids: InvoicingIds;
let today: string;
const PRICE = 600000; // seedTiny's Pipeline MVP budget: $6,000.00

beforeEach(() => {
  const { replica, ids: made } = invoicingReplica('milestones');
  ids = made;
  // Pipeline MVP is sold at a fixed price; Landing zone stays hourly.
  replica.transaction(() => replica.update('projects', ids.project, { pricing: 'fixed', budget_cents: PRICE }));
  logHours(replica, { project: ids.project, consultant: ids.alice, startedAt: '2026-03-02T00:00:00Z', minutes: 120, rateCents: 19000 });
  logHours(replica, { project: ids.project2, consultant: ids.alice, startedAt: '2026-03-04T00:00:00Z', minutes: 60, rateCents: 15000 });
  core = new Core({ dbPath: replica.db.name, consultantEmail: 'alice@example.com' });
  replica.db.close();
  today = localDay(new Date().toISOString(), ZONE);
});
afterEach(() => core.close());

const march = { from: '2026-03-01', to: '2026-03-31' };
const count = (sql: string) => core.db.prepare(sql).pluck().get() as number;

describe('hours of a fixed-price project', () => {
  it('are left out of the preview, which names the project and what is left of its price', async () => {
    const preview = await core.call('invoices.preview', { clientId: ids.client, ...march });
    expect(preview.lines.map((l) => l.projectId)).toEqual([ids.project2]);
    expect(preview.subtotalCents).toBe(15000);
    expect(preview.fixedPrice).toEqual([
      {
        projectId: ids.project,
        projectName: expect.any(String),
        priceCents: PRICE,
        invoicedCents: 0,
        remainingCents: PRICE,
        minutesInPeriod: 120,
      },
    ]);
  });

  it('are refused as an hourly invoice, with what to do, and nothing is written', async () => {
    const before = count('SELECT count(*) FROM outbox');
    const result = await core.invoke('invoices.create', { clientId: ids.client, projectId: ids.project, ...march });
    expect(result).toMatchObject({
      ok: false,
      error: { code: 'invalid_input', field: 'projectId', message: expect.stringMatching(/fixed-price.*milestone/) },
    });
    expect(count('SELECT count(*) FROM outbox')).toBe(before);
    expect(count(`SELECT count(*) FROM time_entries WHERE invoice_id IS NOT NULL`)).toBe(0);
  });

  it('are not billed with the client’s other hours; with only fixed-price hours the refusal says so', async () => {
    const invoice = await core.call('invoices.create', { clientId: ids.client, ...march });
    expect(invoice.entries.map((e) => e.projectId)).toEqual([ids.project2]);
    expect(invoice.milestone).toBeNull();
    const result = await core.invoke('invoices.create', { clientId: ids.client, ...march });
    expect(result).toMatchObject({
      ok: false,
      error: { code: 'invalid_input', message: expect.stringMatching(/fixed-price work .*milestone/) },
    });
  });
});

describe('a milestone', () => {
  it('bills an amount of the price with GST, sends, pays and voids; the remaining price follows', async () => {
    const half = PRICE / 2 + 1; // $3,000.01: GST 300.001 → $300.00
    const draft = await core.call('invoices.milestone', { projectId: ids.project, amountCents: half, dueInDays: 7 });
    expect(draft).toMatchObject({
      status: 'draft',
      clientId: ids.client,
      projectId: ids.project,
      subtotalCents: half,
      taxCents: gstCents(half),
      totalCents: half + gstCents(half),
      issuedOn: today,
      lines: [],
      entries: [],
      milestone: { projectId: ids.project, priceCents: PRICE },
    });
    expect(draft.number).toMatch(/^INV-\d{4}-[0-9A-Z]{4}-0001$/);
    const left = await core.call('invoices.preview', { clientId: ids.client, ...march });
    expect(left.fixedPrice[0]).toMatchObject({ invoicedCents: half, remainingCents: PRICE - half });

    const sent = await core.call('invoices.send', { id: draft.id });
    expect(sent).toMatchObject({ status: 'sent', subtotalCents: half, totalCents: half + gstCents(half) });
    const paid = await core.call('invoices.pay', { id: draft.id });
    expect(paid).toMatchObject({ status: 'paid', paidOn: today });

    // The rest of the price, and not a cent more.
    const over = await core.invoke('invoices.milestone', { projectId: ids.project, amountCents: PRICE - half + 1 });
    expect(over).toMatchObject({
      ok: false,
      error: { code: 'invalid_input', field: 'amountCents', message: expect.stringMatching(/\$2,999\.99 of \$6,000\.00/) },
    });
    const rest = await core.call('invoices.milestone', { projectId: ids.project, amountCents: PRICE - half });
    const full = await core.invoke('invoices.milestone', { projectId: ids.project, amountCents: 1 });
    expect(full).toMatchObject({ ok: false, error: { message: expect.stringMatching(/already fully invoiced/) } });
    // Voiding gives the amount back to the price.
    await core.call('invoices.void', { id: rest.id });
    const again = await core.call('invoices.preview', { clientId: ids.client, projectId: ids.project, ...march });
    expect(again.fixedPrice[0]).toMatchObject({ invoicedCents: half, remainingCents: PRICE - half });
    expect(again.lines).toEqual([]);
  });

  it('is refused for an hourly project, an unknown one and a bad amount', async () => {
    const hourly = await core.invoke('invoices.milestone', { projectId: ids.project2, amountCents: 1000 });
    expect(hourly).toMatchObject({ ok: false, error: { code: 'invalid_input', message: expect.stringMatching(/billed by the hour/) } });
    const unknown = await core.invoke('invoices.milestone', { projectId: ids.otherClient, amountCents: 1000 });
    expect(unknown).toMatchObject({ ok: false, error: { code: 'not_found' } });
    for (const amountCents of [0, -5, 10.5, 2_000_000_000]) {
      const bad = await core.invoke('invoices.milestone', { projectId: ids.project, amountCents });
      expect(bad, String(amountCents)).toMatchObject({ ok: false, error: { code: 'invalid_input', field: 'amountCents' } });
    }
    expect(count('SELECT count(*) FROM invoices')).toBe(0);
  });

  it('is what the Projects burn counts as billed for a fixed-price project; its hours stay the value', async () => {
    const burnOf = async () => (await core.call('projects.get', { id: ids.project })).burn;
    const before = await burnOf();
    expect(before).toMatchObject({ pricing: 'fixed', valueCents: 38000, billedCents: 0, unbilledCents: PRICE, budgetCents: PRICE });
    const m = await core.call('invoices.milestone', { projectId: ids.project, amountCents: 250000 });
    expect(await burnOf()).toMatchObject({ valueCents: 38000, billedCents: 250000, unbilledCents: PRICE - 250000 });
    await core.call('invoices.void', { id: m.id });
    expect(await burnOf()).toMatchObject({ valueCents: 38000, billedCents: 0, unbilledCents: PRICE });
  });
});
