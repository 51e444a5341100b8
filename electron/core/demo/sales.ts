// The demo's sales side (issue 13): two years of Brisbane leads across sources and stages (won ones
// are the demo's own projects, linked to their clients), NPS answers that move over time, and the
// history of two custom metrics. Deterministic like the rest of the demo: its own seeded random
// stream (the other tables' rows are unchanged by it), ids from each row's day and that stream.
import { v7 as uuidv7 } from 'uuid';
import type { ProjectTier } from '../../../shared/domain';
import { STAGE_PROBABILITY, type LeadSource, type LeadStage } from '../../../shared/features/leads/types';
import { addDays } from '../../../shared/time';
import { metricValueId } from '../kpis/value-id';
import type { Replica } from '../sync/replica';
import { FIRST_NAMES, LAST_NAMES } from './catalog';
import { SeededRandom } from './random';

export interface SalesCounts {
  leads: number;
  lead_events: number;
  client_feedback: number;
  metrics: number;
  metric_values: number;
}

const PROSPECT_PLACES = [
  'Bulimba',
  'Paddington',
  'Newstead',
  'Woolloongabba',
  'Albion',
  'Milton',
  'Spring Hill',
  'Teneriffe',
  'Hamilton',
  'Indooroopilly',
  'Chermside',
  'Carindale',
  'Nundah',
  'West End',
  'Kedron',
  'Wynnum',
];
const PROSPECT_KINDS = [
  'Analytics',
  'Logistics',
  'Fintech',
  'Medical',
  'Robotics',
  'Media',
  'Foods',
  'Labs',
  'Capital',
  'Cloud',
  'Insurance',
  'Engineering',
];
const TIER_VALUES: Record<ProjectTier, [number, number]> = {
  pipeline_mvp: [500_000, 800_000],
  devops_foundation: [1_200_000, 2_000_000],
  enterprise_cloud: [3_000_000, 6_000_000],
};
const TIERS: ProjectTier[] = ['pipeline_mvp', 'pipeline_mvp', 'devops_foundation', 'devops_foundation', 'enterprise_cloud'];
/** Where the work comes from: referrals and networking most, then content and open-source visibility. */
const SOURCES: LeadSource[] = [
  'referral',
  'referral',
  'referral',
  'networking',
  'networking',
  'content',
  'content',
  'open_source',
  'open_source',
  'other',
];
const PRAISE = [
  'Pipelines finally run themselves.',
  'Great handover and docs.',
  'Deploys went from days to minutes.',
  'Responsive and clear.',
];
const NEUTRAL = ['Good work, a little over the estimate.', 'Solid, but we needed more updates.', 'Fine; onboarding took a while.'];
const COMPLAINTS = ['Missed the first milestone.', 'Too much jargon in the reports.', 'The cut-over caused an outage.'];

const DAY_MS = 86_400_000;

export function seedSales(replica: Replica, o: { scale: number; firstDay: string; anchor: string }): SalesCounts {
  const random = new SeededRandom(20_261_313);
  const counts: SalesCounts = { leads: 0, lead_events: 0, client_feedback: 0, metrics: 0, metric_values: 0 };
  const id = (day: string, offset = 0) => uuidv7({ msecs: Date.parse(`${day}T00:00:00.000Z`) + offset, random: random.bytes(16) });
  const lastDay = addDays(o.anchor, -1);
  const dayAt = (offset: number) => addDays(o.firstDay, Math.max(0, offset));
  const offsetOf = (day: string) => Math.round((Date.parse(day) - Date.parse(o.firstDay)) / DAY_MS);
  const HISTORY = offsetOf(lastDay);

  const db = replica.db;
  const owners = db.prepare('SELECT id FROM consultants WHERE active = 1 ORDER BY id').pluck().all() as string[];
  const projects = db
    .prepare(
      `SELECT p.id, p.client_id, c.name AS client, p.tier, p.budget_cents, p.start_on, p.due_on, p.status
       FROM projects p JOIN clients c ON c.id = p.client_id ORDER BY p.id`,
    )
    .all() as Array<{
    id: string;
    client_id: string;
    client: string;
    tier: ProjectTier;
    budget_cents: number;
    start_on: string;
    due_on: string | null;
    status: string;
  }>;

  const insertLead = replica.bulkInserter('leads', [
    'id',
    'company',
    'contact_name',
    'contact_email',
    'source',
    'tier',
    'estimated_value_cents',
    'probability',
    'expected_close_on',
    'owner_id',
    'stage',
    'created_on',
    'client_id',
    'project_id',
  ]);
  const insertEvent = replica.bulkInserter('lead_events', ['id', 'lead_id', 'from_stage', 'to_stage', 'moved_on', 'moved_at', 'moved_by']);

  /** A lead and its moves: `path` the stages in order, `days` their offsets (ascending). */
  const lead = (l: {
    company: string;
    source: LeadSource;
    tier: ProjectTier;
    value: number;
    probability: number;
    path: LeadStage[];
    days: number[];
    clientId?: string;
    projectId?: string;
  }) => {
    const created = dayAt(l.days[0]!);
    const leadId = id(created, counts.leads);
    const owner = random.pick(owners);
    const first = random.pick(FIRST_NAMES);
    const last = random.pick(LAST_NAMES);
    const domain = l.company.toLowerCase().replace(/[^a-z]+/g, '');
    const stage = l.path.at(-1)!;
    const open = stage !== 'won' && stage !== 'lost';
    insertLead([
      leadId,
      l.company,
      `${first} ${last}`,
      `${first.toLowerCase()}.${last.toLowerCase()}@${domain}.com.au`,
      l.source,
      l.tier,
      l.value,
      l.probability,
      open ? dayAt(Math.min(l.days.at(-1)! + random.int(20, 75), HISTORY + 120)) : null,
      owner,
      stage,
      created,
      l.clientId ?? null,
      l.projectId ?? null,
    ]);
    l.path.forEach((to, i) => {
      const day = dayAt(l.days[i]!);
      // Moves happen in Brisbane business hours (UTC+10), in order on a day with more than one.
      const at = new Date(Date.parse(`${day}T00:00:00.000Z`) + (60 + i * 30 + random.int(0, 25)) * 60_000).toISOString();
      insertEvent([id(day, i), leadId, i === 0 ? null : l.path[i - 1]!, to, day, at, owner]);
      counts.lead_events += 1;
    });
    counts.leads += 1;
  };

  /** Stages from discovery (or straight to proposal, as referrals often are) up to `reach`, some skipped. */
  const pathTo = (reach: number, skipFirst: boolean): LeadStage[] => {
    const open: LeadStage[] = ['discovery', 'proposal', 'implementation', 'follow_up'];
    const path: LeadStage[] = [];
    for (let i = skipFirst ? 1 : 0; i <= reach; i++) if (i === reach || i <= 1 || random.chance(0.6)) path.push(open[i]!);
    return path;
  };
  const spread = (start: number, steps: number, end: number) => {
    const days = [start];
    for (let i = 1; i < steps; i++)
      days.push(Math.min(end, days[i - 1]! + Math.max(1, Math.round((end - start) / steps) + random.int(-3, 3))));
    return days;
  };

  // Won: a third of the demo's projects that started within the history (the rest came from existing
  // clients' repeat work), sold 3 to 10 weeks before they started.
  for (const p of projects) {
    const start = offsetOf(p.start_on);
    if (start < 50 || start > HISTORY || p.status === 'proposed' || !random.chance(0.35)) continue;
    const created = start - random.int(21, 70);
    const path: LeadStage[] = [...pathTo(random.int(1, 3), random.chance(0.15)), 'won'];
    const wonDay = start - random.int(2, 10);
    lead({
      company: p.client,
      source: random.pick(SOURCES),
      tier: p.tier,
      value: p.budget_cents,
      probability: 100,
      path,
      days: spread(created, path.length, wonDay),
      clientId: p.client_id,
      projectId: p.id,
    });
  }

  // Prospects: lost over the two years, and the open pipeline of the last few months.
  const prospects = 160 * o.scale;
  for (let i = 0; i < prospects; i++) {
    const recent = i % 3 === 0;
    const created = recent ? HISTORY - random.int(0, 150) : random.int(0, HISTORY - 30);
    const company = `${PROSPECT_PLACES[(i * 5) % PROSPECT_PLACES.length]!} ${PROSPECT_KINDS[i % PROSPECT_KINDS.length]!}${i >= PROSPECT_PLACES.length * PROSPECT_KINDS.length ? ` ${Math.floor(i / (PROSPECT_PLACES.length * PROSPECT_KINDS.length)) + 1}` : ''}`;
    const tier = random.pick(TIERS);
    const value = Math.round(random.int(...TIER_VALUES[tier]) / 50_000) * 50_000;
    const source = random.pick(SOURCES);
    // most lost leads are lost early
    const reach = random.pick([0, 0, 0, 1, 1, 1, 2, 3]);
    const path = pathTo(reach, reach > 0 && source === 'referral' && random.chance(0.3));
    const lost = !recent || random.chance(0.25);
    if (lost) path.push('lost');
    const end = Math.min(HISTORY, created + random.int(10, 90));
    const days = spread(created, path.length, end);
    const stage = path.at(-1)!;
    lead({
      company,
      source,
      tier,
      value,
      probability: lost ? 0 : Math.min(95, Math.max(5, STAGE_PROBABILITY[stage] + random.int(-10, 10))),
      path,
      days,
    });
  }

  // NPS answers: up to two per project that ran, from two weeks in to a month after its end. The
  // service got better over the two years, and some clients are harder to please than others.
  const insertFeedback = replica.bulkInserter('client_feedback', ['id', 'client_id', 'project_id', 'score', 'comment', 'responded_on']);
  const temper = new Map<string, number>();
  for (const p of projects) {
    if (p.status === 'proposed' || p.status === 'cancelled') continue;
    if (!temper.has(p.client_id)) temper.set(p.client_id, random.int(-15, 12) / 10);
    const from = offsetOf(p.start_on) + 14;
    const until = Math.min(HISTORY, (p.due_on ? offsetOf(p.due_on) : HISTORY) + 30);
    if (from > until) continue;
    const answers = random.int(0, 2);
    for (let k = 0; k < answers; k++) {
      const at = random.int(from, until);
      const mood = 7.4 + (2.2 * at) / Math.max(1, HISTORY) + temper.get(p.client_id)! + (random.next() - 0.5) * 5;
      const score = Math.max(0, Math.min(10, Math.round(mood)));
      const comment = random.chance(0.6) ? random.pick(score >= 9 ? PRAISE : score >= 7 ? NEUTRAL : COMPLAINTS) : '';
      const day = dayAt(at);
      insertFeedback([id(day, k), p.client_id, random.chance(0.85) ? p.id : null, score, comment, day]);
      counts.client_feedback += 1;
    }
  }

  // Two custom metrics an admin defined, with a value recorded at the end of each month.
  const insertMetric = replica.bulkInserter('metrics', ['id', 'name', 'unit', 'target', 'direction']);
  const insertValue = replica.bulkInserter('metric_values', ['id', 'metric_id', 'recorded_on', 'value']);
  const talks = id(o.firstDay, 1);
  const restore = id(o.firstDay, 2);
  insertMetric([talks, 'Conference talks and meetups', 'talks', 2, 'higher']);
  insertMetric([restore, 'Mean time to restore (client incidents)', 'h', 4, 'lower']);
  counts.metrics = 2;
  for (let m = 1; ; m++) {
    const [y, mo] = o.firstDay.split('-').map(Number) as [number, number];
    const next = new Date(Date.UTC(y, mo - 1 + m, 1)).toISOString().slice(0, 10);
    const monthEnd = addDays(next, -1);
    if (monthEnd > lastDay) break;
    const t = offsetOf(monthEnd) / Math.max(1, HISTORY);
    // A value's id comes from its metric and day (kpis/value-id.ts); the two random ids drawn
    // before that rule are still drawn, so the stream (and every value) is as it was.
    id(monthEnd, 1);
    id(monthEnd, 2);
    insertValue([metricValueId(talks, monthEnd), talks, monthEnd, Math.max(0, Math.round(0.8 + 2 * t + (random.next() - 0.5) * 2))]);
    insertValue([metricValueId(restore, monthEnd), restore, monthEnd, Math.round((7.5 - 4 * t + (random.next() - 0.5) * 2) * 10) / 10]);
    counts.metric_values += 2;
  }
  return counts;
}
