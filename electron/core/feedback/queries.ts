// Client feedback: recording a response, the list, and NPS per client, per tier, overall and by
// month for a range of local days (counted by SQL).
import { OpsError } from '../../../shared/contract';
import type { ProjectTier } from '../../../shared/domain';
import { DETRACTOR_MAX, PROMOTER_MIN, type FeedbackRow, type NpsReport } from '../../../shared/features/feedback/types';
import type { Sqlite } from '../db/open';
import { monthsOf } from '../kpis/periods';
import type { Replica } from '../sync/replica';
import { npsFigure, NPS_COUNTS_SQL, type NpsCounts } from './nps';

const SELECT = `SELECT f.id, f.client_id AS clientId, coalesce(c.name, '') AS clientName, f.project_id AS projectId, p.name AS projectName,
    f.score, f.comment, f.responded_on AS respondedOn
  FROM client_feedback f LEFT JOIN clients c ON c.id = f.client_id LEFT JOIN projects p ON p.id = f.project_id`;

export function getFeedback(db: Sqlite, id: string): FeedbackRow {
  const row = db.prepare(`${SELECT} WHERE f.id = ?`).get(id) as FeedbackRow | undefined;
  if (!row) throw new OpsError('not_found', 'No such response in this workspace.', 'id');
  return row;
}

export interface NewFeedback {
  clientId: string;
  projectId: string | null;
  score: number;
  comment: string;
  respondedOn?: string;
}

/** Any consultant may record a response (docs/sales.md); its project, if any, must be the client's. */
export function addFeedback(replica: Replica, input: NewFeedback, today: string): FeedbackRow {
  const day = input.respondedOn ?? today;
  if (day > today)
    throw new OpsError('invalid_input', `An answer cannot be dated in the future (${day}); today is ${today}.`, 'respondedOn');
  if (!replica.db.prepare('SELECT 1 FROM clients WHERE id = ?').get(input.clientId))
    throw new OpsError('not_found', 'No client with that id in this workspace: pick one from the list.', 'clientId');
  if (input.projectId !== null) {
    const project = replica.db.prepare('SELECT client_id FROM projects WHERE id = ?').get(input.projectId) as
      { client_id: string } | undefined;
    if (!project) throw new OpsError('not_found', 'No project with that id in this workspace: pick one from the list.', 'projectId');
    if (project.client_id !== input.clientId)
      throw new OpsError('invalid_input', 'That project is another client’s: pick one of this client’s projects, or none.', 'projectId');
  }
  const id = replica.newId();
  replica.transaction(() =>
    replica.insert('client_feedback', {
      id,
      client_id: input.clientId,
      project_id: input.projectId,
      score: input.score,
      comment: input.comment,
      responded_on: day,
    }),
  );
  return getFeedback(replica.db, id);
}

export interface FeedbackFilter {
  clientId?: string;
  projectId?: string;
  from?: string;
  to?: string;
  kind?: 'promoter' | 'passive' | 'detractor';
  limit?: number;
}

const KIND_SQL = {
  promoter: `f.score >= ${PROMOTER_MIN}`,
  passive: `f.score BETWEEN ${DETRACTOR_MAX + 1} AND ${PROMOTER_MIN - 1}`,
  detractor: `f.score <= ${DETRACTOR_MAX}`,
};

export function listFeedback(db: Sqlite, f: FeedbackFilter = {}): FeedbackRow[] {
  const where: string[] = [];
  const params: Record<string, unknown> = { limit: f.limit ?? 1000 };
  if (f.clientId) {
    where.push('f.client_id = :clientId');
    params.clientId = f.clientId;
  }
  if (f.projectId) {
    where.push('f.project_id = :projectId');
    params.projectId = f.projectId;
  }
  if (f.from) {
    where.push('f.responded_on >= :from');
    params.from = f.from;
  }
  if (f.to) {
    where.push('f.responded_on <= :to');
    params.to = f.to;
  }
  if (f.kind) where.push(KIND_SQL[f.kind]);
  return db
    .prepare(`${SELECT} ${where.length ? `WHERE ${where.join(' AND ')}` : ''} ORDER BY f.responded_on DESC, f.id DESC LIMIT :limit`)
    .all(params) as FeedbackRow[];
}

/** Responses in [from, to] counted per month (of the range's months) and per client, or all together. */
export function npsCountsByMonth(db: Sqlite, from: string, to: string, timeZone: string, clientId?: string) {
  const months = monthsOf(from, to, timeZone);
  const rows = db
    .prepare(
      `WITH m AS MATERIALIZED (
         SELECT json_extract(value, '$.period') AS month, json_extract(value, '$.from') AS d_from, json_extract(value, '$.to') AS d_to
         FROM json_each(:months)
       )
       SELECT m.month, m.d_from AS "from", m.d_to AS "to", ${NPS_COUNTS_SQL('f.score')}
       FROM m LEFT JOIN client_feedback f ON f.responded_on BETWEEN m.d_from AND m.d_to ${clientId ? 'AND f.client_id = :clientId' : ''}
       GROUP BY m.month ORDER BY m.month`,
    )
    .all(clientId ? { months: JSON.stringify(months), clientId } : { months: JSON.stringify(months) }) as Array<
    NpsCounts & { month: string; from: string; to: string }
  >;
  return rows.map(({ month, from: f, to: t, ...counts }) => ({ month, from: f, to: t, ...npsFigure(counts) }));
}

export function npsReport(db: Sqlite, from: string, to: string, timeZone: string): NpsReport {
  const overall = db
    .prepare(`SELECT ${NPS_COUNTS_SQL()} FROM client_feedback WHERE responded_on BETWEEN ? AND ?`)
    .get(from, to) as NpsCounts;
  const byClient = db
    .prepare(
      `SELECT f.client_id AS clientId, coalesce(c.name, '') AS clientName, ${NPS_COUNTS_SQL('f.score')}
       FROM client_feedback f LEFT JOIN clients c ON c.id = f.client_id
       WHERE f.responded_on BETWEEN ? AND ? GROUP BY f.client_id ORDER BY clientName, f.client_id`,
    )
    .all(from, to) as Array<NpsCounts & { clientId: string; clientName: string }>;
  const byTier = db
    .prepare(
      `SELECT p.tier, ${NPS_COUNTS_SQL('f.score')}
       FROM client_feedback f LEFT JOIN projects p ON p.id = f.project_id
       WHERE f.responded_on BETWEEN ? AND ? GROUP BY p.tier ORDER BY p.tier IS NULL, p.tier`,
    )
    .all(from, to) as Array<NpsCounts & { tier: ProjectTier | null }>;
  return {
    from,
    to,
    timeZone,
    overall: npsFigure(overall),
    byClient: byClient.map(({ clientId, clientName, ...c }) => ({ clientId, clientName, ...npsFigure(c) })),
    byTier: byTier.map(({ tier, ...c }) => ({ tier, ...npsFigure(c) })),
    months: npsCountsByMonth(db, from, to, timeZone),
  };
}
