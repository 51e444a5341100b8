// A small invoicing workspace for tests: seedTiny's client (two projects) in Brisbane's zone, a
// second client, and a way to log hours at a given instant and rate.
import { newReplica, seedTiny, type TinyIds } from '../sync/fixtures';
import { writeSetting, type Replica } from '../sync/replica';

export interface InvoicingIds extends TinyIds {
  otherClient: string;
  otherProject: string;
}

export const ZONE = 'Australia/Brisbane';

export function invoicingReplica(name = 'invoicing', replica: Replica = newReplica(name)): { replica: Replica; ids: InvoicingIds } {
  const tiny = seedTiny(replica);
  const ids: InvoicingIds = { ...tiny, otherClient: replica.newId(), otherProject: replica.newId() };
  replica.transaction(() => {
    writeSetting(replica.db, 'time_zone', ZONE);
    // Pipeline MVP rounds each entry up to 15 minutes; Landing zone does not round.
    replica.update('projects', ids.project, { rounding_mode: 'up', rounding_step: 15 });
    replica.insert('clients', {
      id: ids.otherClient,
      name: 'Other Co',
      industry: 'Retail',
      region: 'Gold Coast',
      nps: 10,
      status: 'active',
    });
    replica.insert('projects', {
      id: ids.otherProject,
      client_id: ids.otherClient,
      name: 'Other work',
      tier: 'devops_foundation',
      status: 'active',
      budget_cents: 100000,
      hourly_rate_cents: 15000,
      rounding_mode: 'none',
      rounding_step: 15,
      start_on: '2026-01-05',
      due_on: null,
    });
  });
  return { replica, ids };
}

export function logHours(
  replica: Replica,
  values: { project: string; consultant: string; startedAt: string; minutes: number; rateCents: number; billable?: boolean; note?: string },
): string {
  const id = replica.newId();
  replica.transaction(() =>
    replica.insert('time_entries', {
      id,
      project_id: values.project,
      consultant_id: values.consultant,
      started_at: new Date(values.startedAt).toISOString(),
      minutes: values.minutes,
      billable: values.billable === false ? 0 : 1,
      note: values.note ?? '',
      rate_cents: values.rateCents,
      invoice_id: null,
    }),
  );
  return id;
}
