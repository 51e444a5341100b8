// Reading leads: the list (filtered in SQL) and one lead with its stage history.
import { OpsError } from '../../../shared/contract';
import type { LeadDetail, LeadEvent, LeadSummary } from '../../../shared/features/leads/types';
import type { Sqlite } from '../db/open';

export interface LeadFilter {
  stage?: string | string[];
  open?: boolean;
  source?: string;
  tier?: string;
  ownerId?: string;
  clientId?: string;
  from?: string;
  to?: string;
  closedFrom?: string;
  closedTo?: string;
  limit?: number;
  id?: string;
}

/** The day a closed lead was closed: its latest move into its current stage. */
export const CLOSED_ON_SQL = `(SELECT max(e.moved_on) FROM lead_events e WHERE e.lead_id = l.id AND e.to_stage = l.stage)`;

const SELECT = `SELECT l.id, l.company, l.contact_name AS contactName, l.contact_email AS contactEmail, l.source, l.tier,
    l.estimated_value_cents AS estimatedValueCents, l.probability,
    (l.estimated_value_cents * l.probability + 50) / 100 AS weightedValueCents,
    l.expected_close_on AS expectedCloseOn, l.owner_id AS ownerId, coalesce(o.name, '') AS ownerName, l.stage,
    l.created_on AS createdOn,
    coalesce((SELECT max(e.moved_on) FROM lead_events e WHERE e.lead_id = l.id), l.created_on) AS stageSince,
    l.client_id AS clientId, c.name AS clientName, l.project_id AS projectId, p.name AS projectName
  FROM leads l
  LEFT JOIN consultants o ON o.id = l.owner_id
  LEFT JOIN clients c ON c.id = l.client_id
  LEFT JOIN projects p ON p.id = l.project_id`;

export function listLeads(db: Sqlite, f: LeadFilter = {}): LeadSummary[] {
  const where: string[] = [];
  const params: Record<string, unknown> = {};
  const stages = f.stage === undefined ? [] : Array.isArray(f.stage) ? f.stage : [f.stage];
  if (stages.length > 0) {
    where.push(`l.stage IN (SELECT value FROM json_each(:stages))`);
    params.stages = JSON.stringify(stages);
  }
  if (f.open === true) where.push(`l.stage NOT IN ('won', 'lost')`);
  if (f.open === false) where.push(`l.stage IN ('won', 'lost')`);
  for (const [key, column] of [
    ['source', 'l.source'],
    ['tier', 'l.tier'],
    ['ownerId', 'l.owner_id'],
    ['clientId', 'l.client_id'],
    ['id', 'l.id'],
  ] as const) {
    if (f[key] !== undefined) {
      where.push(`${column} = :${key}`);
      params[key] = f[key];
    }
  }
  if (f.from) {
    where.push('l.created_on >= :from');
    params.from = f.from;
  }
  if (f.to) {
    where.push('l.created_on <= :to');
    params.to = f.to;
  }
  if (f.closedFrom || f.closedTo) {
    where.push(`l.stage IN ('won', 'lost')`);
    if (f.closedFrom) {
      where.push(`${CLOSED_ON_SQL} >= :closedFrom`);
      params.closedFrom = f.closedFrom;
    }
    if (f.closedTo) {
      where.push(`${CLOSED_ON_SQL} <= :closedTo`);
      params.closedTo = f.closedTo;
    }
  }
  params.limit = f.limit ?? 1000;
  return db
    .prepare(`${SELECT} ${where.length ? `WHERE ${where.join(' AND ')}` : ''} ORDER BY l.created_on DESC, l.id DESC LIMIT :limit`)
    .all(params) as LeadSummary[];
}

export function leadEvents(db: Sqlite, leadId: string): LeadEvent[] {
  return db
    .prepare(
      `SELECT e.id, e.from_stage AS fromStage, e.to_stage AS toStage, e.moved_on AS movedOn, e.moved_at AS movedAt,
         e.moved_by AS byId, coalesce(c.name, '') AS byName
       FROM lead_events e LEFT JOIN consultants c ON c.id = e.moved_by
       WHERE e.lead_id = ? ORDER BY e.moved_on, e.moved_at, e.id`,
    )
    .all(leadId) as LeadEvent[];
}

export function getLead(db: Sqlite, id: string): LeadDetail {
  const lead = listLeads(db, { id, limit: 1 })[0];
  if (!lead) throw new OpsError('not_found', 'No such lead in this workspace (it may have been deleted): pick one from the list.', 'id');
  return { ...lead, events: leadEvents(db, id) };
}
