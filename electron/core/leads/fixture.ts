// A small sales workspace for tests: seedTiny's consultants, client and projects in a given zone,
// and leads written with their whole stage history (as a replica would hold them after sync).
import type { LeadSource, LeadStage } from '../../../shared/features/leads/types';
import type { ProjectTier } from '../../../shared/domain';
import { newReplica, seedTiny, type TinyIds } from '../sync/fixtures';
import { writeSetting, type Replica } from '../sync/replica';

export function salesReplica(timeZone: string, name = 'sales'): { replica: Replica; ids: TinyIds } {
  const replica = newReplica(name);
  const ids = seedTiny(replica);
  replica.transaction(() => {
    writeSetting(replica.db, 'time_zone', timeZone);
    writeSetting(replica.db, 'consultant_id', ids.alice);
  });
  return { replica, ids };
}

export interface LeadSpec {
  company?: string;
  source: LeadSource;
  tier: ProjectTier;
  value: number;
  probability: number;
  /** The stages entered, in order, with their days: the first is the lead's creation. */
  history: Array<[LeadStage, string]>;
  owner: string;
}

export function insertLead(replica: Replica, spec: LeadSpec): string {
  const id = replica.newId();
  const [first] = spec.history;
  replica.transaction(() => {
    replica.insert('leads', {
      id,
      company: spec.company ?? `Lead ${id.slice(-4)}`,
      contact_name: '',
      contact_email: '',
      source: spec.source,
      tier: spec.tier,
      estimated_value_cents: spec.value,
      probability: spec.probability,
      expected_close_on: null,
      owner_id: spec.owner,
      stage: spec.history.at(-1)![0],
      created_on: first![1],
      client_id: null,
      project_id: null,
    });
    spec.history.forEach(([stage, day], i) =>
      replica.insert('lead_events', {
        id: replica.newId(),
        lead_id: id,
        from_stage: i === 0 ? null : spec.history[i - 1]![0],
        to_stage: stage,
        moved_on: day,
        moved_at: `${day}T0${i}:00:00.000Z`,
        moved_by: spec.owner,
      }),
    );
  });
  return id;
}
