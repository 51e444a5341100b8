// Writing leads: each write and its stage event commit together, with their outbox entries. What
// the central would refuse from this user's login (docs/sales.md) is refused here first, in words.
import { OpsError } from '../../../shared/contract';
import { TIER_LABELS, type ProjectTier } from '../../../shared/domain';
import {
  STAGE_PROBABILITY,
  type ConvertResult,
  type LeadDetail,
  type LeadSource,
  type LeadStage,
} from '../../../shared/features/leads/types';
import { zonedInstant } from '../../../shared/time';
import type { Replica } from '../sync/replica';
import { getLead } from './queries';
import { checkMove, probabilityAfterMove, projectPlan } from './rules';

/** Who is acting, and when, as a write needs it. */
export interface Actor {
  /** The consultant acting. */
  me: string;
  /** admin, consultant, or unknown (never synced: the central decides). */
  role: 'admin' | 'consultant' | 'unknown';
  today: string;
  /** Now, as a UTC instant. */
  now: string;
  timeZone: string;
}

/** The instant of a move dated `on`: now when it is today, else that day's noon in the zone. */
function movedAt(on: string, a: Actor): string {
  return on === a.today ? a.now : (zonedInstant(on, '12:00', a.timeZone) ?? a.now);
}

function consultantExists(replica: Replica, id: string): void {
  if (!replica.db.prepare('SELECT 1 FROM consultants WHERE id = ?').get(id))
    throw new OpsError('not_found', 'No consultant with that id in this workspace: pick the owner from the list.', 'ownerId');
}

function mayChange(a: Actor, ownerId: string): void {
  if (a.role === 'consultant' && ownerId !== a.me)
    throw new OpsError('forbidden', 'You can change and move only the leads you own. Ask the owner or an admin.', 'id');
}

export interface NewLead {
  company: string;
  contactName: string;
  contactEmail: string;
  source: LeadSource;
  tier: ProjectTier;
  estimatedValueCents: number;
  probability?: number;
  expectedCloseOn: string | null;
  ownerId?: string;
  stage: LeadStage;
  on?: string;
}

export function addLead(replica: Replica, input: NewLead, a: Actor): LeadDetail {
  const owner = input.ownerId ?? a.me;
  const on = input.on ?? a.today;
  if (on > a.today) throw new OpsError('invalid_input', `A lead cannot be created in the future (${on}); today is ${a.today}.`, 'on');
  if (a.role === 'consultant' && owner !== a.me)
    throw new OpsError('forbidden', 'You can create leads that you own; an admin can give one to a colleague.', 'ownerId');
  consultantExists(replica, owner);
  const id = replica.newId();
  replica.transaction(() => {
    replica.insert('leads', {
      id,
      company: input.company,
      contact_name: input.contactName,
      contact_email: input.contactEmail,
      source: input.source,
      tier: input.tier,
      estimated_value_cents: input.estimatedValueCents,
      probability: input.probability ?? STAGE_PROBABILITY[input.stage],
      expected_close_on: input.expectedCloseOn,
      owner_id: owner,
      stage: input.stage,
      created_on: on,
      client_id: null,
      project_id: null,
    });
    replica.insert('lead_events', {
      id: replica.newId(),
      lead_id: id,
      from_stage: null,
      to_stage: input.stage,
      moved_on: on,
      moved_at: movedAt(on, a),
      moved_by: a.me,
    });
  });
  return getLead(replica.db, id);
}

export interface LeadChanges {
  company?: string;
  contactName?: string;
  contactEmail?: string;
  source?: LeadSource;
  tier?: ProjectTier;
  estimatedValueCents?: number;
  probability?: number;
  expectedCloseOn?: string | null;
  ownerId?: string;
}

const COLUMNS: Record<keyof LeadChanges, string> = {
  company: 'company',
  contactName: 'contact_name',
  contactEmail: 'contact_email',
  source: 'source',
  tier: 'tier',
  estimatedValueCents: 'estimated_value_cents',
  probability: 'probability',
  expectedCloseOn: 'expected_close_on',
  ownerId: 'owner_id',
};

export function updateLead(replica: Replica, id: string, changes: LeadChanges, a: Actor): LeadDetail {
  const lead = getLead(replica.db, id);
  mayChange(a, lead.ownerId);
  if (changes.ownerId !== undefined && changes.ownerId !== lead.ownerId) {
    if (a.role === 'consultant') throw new OpsError('forbidden', 'Only an admin can give a lead to a colleague.', 'ownerId');
    consultantExists(replica, changes.ownerId);
  }
  const values: Record<string, string | number | null> = {};
  for (const [key, column] of Object.entries(COLUMNS) as Array<[keyof LeadChanges, string]>) {
    const value = changes[key];
    if (value !== undefined && value !== lead[key]) values[column] = value;
  }
  if (Object.keys(values).length > 0) replica.transaction(() => replica.update('leads', id, values));
  return getLead(replica.db, id);
}

export function moveLead(replica: Replica, id: string, to: LeadStage, on: string | undefined, a: Actor): LeadDetail {
  const lead = getLead(replica.db, id);
  mayChange(a, lead.ownerId);
  const day = on ?? a.today;
  checkMove({ stage: lead.stage, projectId: lead.projectId, lastMovedOn: lead.stageSince }, to, day, a.today);
  replica.transaction(() => {
    const probability = probabilityAfterMove(lead.stage, to, lead.probability);
    replica.update('leads', id, probability === lead.probability ? { stage: to } : { stage: to, probability });
    replica.insert('lead_events', {
      id: replica.newId(),
      lead_id: id,
      from_stage: lead.stage,
      to_stage: to,
      moved_on: day,
      moved_at: movedAt(day, a),
      moved_by: a.me,
    });
  });
  return getLead(replica.db, id);
}

export interface Conversion {
  clientId?: string;
  industry?: string;
  region?: string;
  projectName?: string;
  budgetCents?: number;
  startOn?: string;
}

/** A won lead → a project (and a client, unless an existing one is named). Admins only. */
export function convertLead(replica: Replica, id: string, c: Conversion, a: Actor): ConvertResult {
  if (a.role === 'consultant')
    throw new OpsError(
      'forbidden',
      'Only an admin can convert a lead into a client and a project (they are an admin’s to create). Ask an admin.',
    );
  const lead = getLead(replica.db, id);
  if (lead.stage !== 'won') throw new OpsError('conflict', 'Only a won lead can be converted: move it to won first.', 'id');
  if (lead.projectId) throw new OpsError('conflict', `This lead was already converted into “${lead.projectName ?? 'a project'}”.`, 'id');
  const existing = c.clientId
    ? (replica.db.prepare('SELECT id, name, status FROM clients WHERE id = ?').get(c.clientId) as
        { id: string; name: string; status: string } | undefined)
    : undefined;
  if (c.clientId && !existing)
    throw new OpsError('not_found', 'No client with that id in this workspace: pick one from the list.', 'clientId');
  const plan = projectPlan(lead.tier, lead.estimatedValueCents, c.startOn ?? a.today, c.budgetCents);
  const clientId = existing?.id ?? replica.newId();
  const clientName = existing?.name ?? lead.company;
  const projectId = replica.newId();
  const projectName = c.projectName ?? `${lead.company} ${TIER_LABELS[lead.tier]}`;
  replica.transaction(() => {
    if (!existing) {
      replica.insert('clients', {
        id: clientId,
        name: clientName,
        industry: c.industry ?? '',
        region: c.region ?? '',
        nps: null,
        status: 'active',
      });
    } else if (existing.status !== 'active') {
      replica.update('clients', clientId, { status: 'active' });
    }
    replica.insert('projects', {
      id: projectId,
      client_id: clientId,
      name: projectName,
      tier: lead.tier,
      status: 'active',
      budget_cents: plan.budgetCents,
      hourly_rate_cents: null,
      start_on: plan.startOn,
      due_on: plan.dueOn,
      // The tiers are packages: their price is the budget (docs/billing.md).
      pricing: 'fixed',
    });
    replica.update('leads', id, { client_id: clientId, project_id: projectId });
  });
  return {
    lead: getLead(replica.db, id),
    clientId,
    clientName,
    newClient: !existing,
    projectId,
    projectName,
    budgetCents: plan.budgetCents,
    startOn: plan.startOn,
    dueOn: plan.dueOn,
    package: plan.package,
  };
}
