// Clients: retention across a year boundary in the workspace's zone (an hour logged at 1 a.m. on
// New Year's Day in Brisbane is the new year's, though it is still 31 December in UTC), and the
// list's figures against hand-computed values.
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { salesReplica } from '../leads/fixture';
import type { TinyIds } from '../sync/fixtures';
import type { Replica } from '../sync/replica';
import { clientsOverview, retention } from './queries';

describe('clients', () => {
  let replica: Replica;
  let ids: TinyIds;
  const clients: Record<string, string> = {};
  const project: Record<string, string> = {};
  const log = (who: string, startedAt: string, minutes = 60) =>
    replica.transaction(() =>
      replica.insert('time_entries', {
        id: replica.newId(),
        project_id: project[who]!,
        consultant_id: ids.alice,
        started_at: startedAt,
        minutes,
        billable: 1,
        note: '',
        rate_cents: 19000,
        invoice_id: null,
      }),
    );
  beforeEach(() => {
    ({ replica, ids } = salesReplica('Australia/Brisbane'));
    replica.transaction(() => {
      for (const name of ['Aurora', 'Banksia', 'Cassowary']) {
        clients[name] = replica.newId();
        project[name] = replica.newId();
        replica.insert('clients', { id: clients[name]!, name, industry: 'Logistics', region: 'Brisbane', nps: null, status: 'active' });
        replica.insert('projects', {
          id: project[name]!,
          client_id: clients[name]!,
          name: `${name} work`,
          tier: 'devops_foundation',
          status: name === 'Cassowary' ? 'completed' : 'active',
          budget_cents: 1_500_000,
          hourly_rate_cents: 19000,
          start_on: '2025-01-01',
          due_on: null,
        });
      }
    });
    log('Aurora', '2025-12-31T15:00:00.000Z'); // 1 January 2026, 01:00 in Brisbane
    log('Banksia', '2025-12-31T13:00:00.000Z'); // 31 December 2025, 23:00 in Brisbane
    log('Banksia', '2026-06-01T00:00:00.000Z');
    log('Cassowary', '2025-03-03T00:00:00.000Z');
  });
  afterEach(() => replica.db.close());

  it('counts retention by the workspace zone’s year, across the boundary', () => {
    const r = retention(replica.db, 2026, 'Australia/Brisbane');
    expect(r).toMatchObject({ year: 2026, activeLastYear: 2, activeThisYear: 2, retained: 1, rate: 0.5 });
    expect(r.lapsed.map((c) => c.name)).toEqual(['Cassowary']);
    expect(r.gained.map((c) => c.name)).toEqual(['Aurora']);
    // In UTC the same hour is 2025's: Aurora is 2025's only.
    expect(retention(replica.db, 2026, 'UTC')).toMatchObject({ activeLastYear: 3, activeThisYear: 1, retained: 1 });
    // No client was active in 2020: no rate, not 0 %.
    expect(retention(replica.db, 2021, 'Australia/Brisbane')).toMatchObject({ activeLastYear: 0, rate: null });
  });

  it('gives each client its money to date, margin, projects and feedback, summed by SQL', () => {
    const invoice = (client: string, status: string, subtotal: number) =>
      replica.transaction(() =>
        replica.insert('invoices', {
          id: replica.newId(),
          client_id: client,
          project_id: null,
          number: `INV-${subtotal}`,
          issued_on: '2026-06-01',
          due_on: '2026-06-15',
          status,
          subtotal_cents: subtotal,
          tax_cents: subtotal / 10,
          total_cents: subtotal + subtotal / 10,
          paid_on: status === 'paid' ? '2026-06-10' : null,
        }),
      );
    invoice(clients.Banksia!, 'paid', 100_000);
    invoice(clients.Banksia!, 'sent', 50_000);
    invoice(clients.Banksia!, 'draft', 70_000);
    replica.transaction(() =>
      replica.insert('client_feedback', {
        id: replica.newId(),
        client_id: clients.Banksia!,
        project_id: null,
        score: 6,
        comment: '',
        responded_on: '2026-06-02',
      }),
    );
    const o = clientsOverview(replica.db, { from: '2026-01-01', to: '2026-06-30', today: '2026-11-20', timeZone: 'Australia/Brisbane' });
    const banksia = o.clients.find((c) => c.name === 'Banksia')!;
    // labour: 2 h × Alice's cost rate $90 = $180; revenue: sent + paid, ex GST
    expect(banksia).toMatchObject({
      revenueCents: 150_000,
      receivablesCents: 55_000,
      marginCents: 150_000 - 18_000,
      activeProjects: 1,
      projectCount: 1,
      lastWorkedOn: '2026-06-01',
      feedback: { responses: 1, detractors: 1, nps: -100, satisfaction: 0 },
    });
    expect(banksia.npsTrend.map((m) => m.nps)).toEqual([null, null, null, null, null, -100]);
    expect(o.clients.find((c) => c.name === 'Cassowary')).toMatchObject({ activeProjects: 0, revenueCents: 0, marginCents: -9_000 });
    expect(o.totals).toMatchObject({ revenueCents: 150_000, receivablesCents: 55_000 });
  });
});
