// The sales pipeline's figures, all summed by SQL over leads and lead_events: the open pipeline's
// value (raw and weighted), conversion between funnel stages (a lead that skipped a stage but went
// further counts as having passed it), win rates by source and tier, the sales cycle, and month by
// month history. Definitions: docs/sales.md.
import type { ProjectTier } from '../../../shared/domain';
import {
  FUNNEL_STAGES,
  OPEN_LEAD_STAGES,
  type LeadsDashboard,
  type LeadSource,
  type LeadStage,
  type WinRate,
} from '../../../shared/features/leads/types';
import type { Sqlite } from '../db/open';
import { monthsOf } from '../kpis/periods';
import { CLOSED_ON_SQL } from './queries';

/** A funnel stage's place (discovery 0 … won 4); lost has none. */
export const FUNNEL_ORDINAL_SQL = (column: string) =>
  `(CASE ${column} ${FUNNEL_STAGES.map((s, i) => `WHEN '${s}' THEN ${i}`).join(' ')} END)`;
const OPEN_SQL = `(${OPEN_LEAD_STAGES.map((s) => `'${s}'`).join(', ')})`;

export interface LeadsQuery {
  from: string;
  to: string;
  timeZone: string;
  today: string;
}

const rate = (won: number, lost: number) => (won + lost > 0 ? won / (won + lost) : null);

export function pipelineValue(db: Sqlite): LeadsDashboard['pipeline'] {
  const rows = db
    .prepare(
      `SELECT stage, count(*) AS leads, sum(estimated_value_cents) AS value, sum(estimated_value_cents * probability) AS weighted100
       FROM leads WHERE stage IN ${OPEN_SQL} GROUP BY stage`,
    )
    .all() as Array<{ stage: LeadStage; leads: number; value: number; weighted100: number }>;
  const by = new Map(rows.map((r) => [r.stage, r]));
  const half = (x: number) => Math.floor((x + 50) / 100);
  const total100 = rows.reduce((s, r) => s + r.weighted100, 0);
  return {
    openLeads: rows.reduce((s, r) => s + r.leads, 0),
    valueCents: rows.reduce((s, r) => s + r.value, 0),
    weightedCents: half(total100),
    byStage: OPEN_LEAD_STAGES.map((stage) => {
      const r = by.get(stage);
      return { stage, leads: r?.leads ?? 0, valueCents: r?.value ?? 0, weightedCents: half(r?.weighted100 ?? 0) };
    }),
  };
}

/** Among leads created in [from, to]: how many reached each funnel stage or went past it. */
export function conversion(db: Sqlite, from: string, to: string): LeadsDashboard['conversion'] {
  const reach = FUNNEL_STAGES.map((_, i) => `coalesce(sum(reached >= ${i}), 0) AS r${i}`).join(', ');
  const row = db
    .prepare(
      `WITH l AS (
         SELECT l.id, max(${FUNNEL_ORDINAL_SQL('e.to_stage')}) AS reached
         FROM leads l JOIN lead_events e ON e.lead_id = l.id
         WHERE l.created_on BETWEEN ? AND ? GROUP BY l.id
       )
       SELECT ${reach} FROM l`,
    )
    .get(from, to) as Record<string, number>;
  return FUNNEL_STAGES.slice(0, -1).map((stage, i) => {
    const reached = row[`r${i}`] ?? 0;
    const advanced = row[`r${i + 1}`] ?? 0;
    return { from: stage, to: FUNNEL_STAGES[i + 1]!, reached, advanced, rate: reached > 0 ? advanced / reached : null };
  });
}

type Closed = { key: string | null; won: number; lost: number; wonValue: number };

function winRates(db: Sqlite, from: string, to: string, by: 'source' | 'tier' | null): Closed[] {
  const key = by ? `l.${by}` : 'NULL';
  return db
    .prepare(
      `SELECT ${key} AS key, coalesce(sum(l.stage = 'won'), 0) AS won, coalesce(sum(l.stage = 'lost'), 0) AS lost,
         coalesce(sum(CASE WHEN l.stage = 'won' THEN l.estimated_value_cents END), 0) AS wonValue
       FROM leads l WHERE l.stage IN ('won', 'lost') AND ${CLOSED_ON_SQL} BETWEEN ? AND ?
       GROUP BY 1 ORDER BY 1`,
    )
    .all(from, to) as Closed[];
}

const toWinRate = (c: Closed | undefined): WinRate => ({
  won: c?.won ?? 0,
  lost: c?.lost ?? 0,
  rate: rate(c?.won ?? 0, c?.lost ?? 0),
  wonValueCents: c?.wonValue ?? 0,
});

/** Leads won in the range: whole days from creation to the won move; average and median by SQL. */
function cycle(db: Sqlite, from: string, to: string): LeadsDashboard['cycle'] {
  const row = db
    .prepare(
      `WITH w AS (
         SELECT CAST(julianday(${CLOSED_ON_SQL}) - julianday(l.created_on) AS INTEGER) AS days
         FROM leads l WHERE l.stage = 'won' AND ${CLOSED_ON_SQL} BETWEEN ? AND ?
       ),
       o AS (SELECT days, row_number() OVER (ORDER BY days) AS n, count(*) OVER () AS total FROM w)
       SELECT (SELECT count(*) FROM w) AS won, (SELECT avg(days) FROM w) AS average,
         (SELECT avg(days) FROM o WHERE n IN ((total + 1) / 2, (total + 2) / 2)) AS median`,
    )
    .get(from, to) as { won: number; average: number | null; median: number | null };
  return { won: row.won, averageDays: row.average, medianDays: row.median };
}

/** Month by month: created, won and lost, and the pipeline open at each month's end (by stage history). */
export function leadMonths(db: Sqlite, q: LeadsQuery): LeadsDashboard['months'] {
  const months = monthsOf(q.from, q.to, q.timeZone);
  const rows = db
    .prepare(
      `WITH m AS MATERIALIZED (
         SELECT json_extract(value, '$.period') AS month, json_extract(value, '$.from') AS d_from, json_extract(value, '$.to') AS d_to
         FROM json_each(:months)
       ),
       -- each lead's stage at each month's end: its last event on or before that day
       at_end AS (
         SELECT m.month, l.estimated_value_cents AS value, l.probability,
           (SELECT e.to_stage FROM lead_events e WHERE e.lead_id = l.id AND e.moved_on <= m.d_to
            ORDER BY e.moved_on DESC, e.moved_at DESC, e.id DESC LIMIT 1) AS stage
         FROM m JOIN leads l ON l.created_on <= m.d_to
       ),
       open AS (
         SELECT month, sum(value) AS value, sum(value * probability) AS weighted100 FROM at_end WHERE stage IN ${OPEN_SQL} GROUP BY month
       ),
       created AS (SELECT m.month, count(l.id) AS n FROM m JOIN leads l ON l.created_on BETWEEN m.d_from AND m.d_to GROUP BY m.month),
       closed AS (
         SELECT m.month, sum(l.stage = 'won') AS won, sum(l.stage = 'lost') AS lost,
           sum(CASE WHEN l.stage = 'won' THEN l.estimated_value_cents ELSE 0 END) AS won_value
         FROM m JOIN leads l ON l.stage IN ('won', 'lost') AND ${CLOSED_ON_SQL} BETWEEN m.d_from AND m.d_to GROUP BY m.month
       )
       SELECT m.month, m.d_from AS "from", m.d_to AS "to", coalesce(created.n, 0) AS created, coalesce(closed.won, 0) AS won,
         coalesce(closed.lost, 0) AS lost, coalesce(closed.won_value, 0) AS wonValueCents,
         coalesce(open.value, 0) AS openValueCents, (coalesce(open.weighted100, 0) + 50) / 100 AS weightedCents
       FROM m LEFT JOIN open ON open.month = m.month LEFT JOIN created ON created.month = m.month LEFT JOIN closed ON closed.month = m.month
       ORDER BY m.month`,
    )
    .all({ months: JSON.stringify(months) }) as LeadsDashboard['months'];
  return rows;
}

export function leadsDashboard(db: Sqlite, q: LeadsQuery): LeadsDashboard {
  const bySource = winRates(db, q.from, q.to, 'source');
  const byTier = winRates(db, q.from, q.to, 'tier');
  return {
    range: { from: q.from, to: q.to, timeZone: q.timeZone, today: q.today },
    pipeline: pipelineValue(db),
    conversion: conversion(db, q.from, q.to),
    winRate: toWinRate(winRates(db, q.from, q.to, null)[0]),
    winRateBySource: bySource.map((c) => ({ source: c.key as LeadSource, ...toWinRate(c) })),
    winRateByTier: byTier.map((c) => ({ tier: c.key as ProjectTier, ...toWinRate(c) })),
    cycle: cycle(db, q.from, q.to),
    months: leadMonths(db, q),
  };
}
