// One valid input per API channel, drawn from a demo workspace's own rows, for the fuzz tests
// (docs/fuzzing.md): each is accepted as it is, and mutated field by field it must be accepted or
// refused cleanly. The type names every channel of the contract, so a new channel without an example
// is a compile error here (and the coverage test says which one at run time).
import type { Channel, Input } from '../../../shared/contract';
import type { Core } from '../api';

export type Examples = { [C in Channel]: Input<C> };

/** The demo's days the examples' ranges cover (the demo is seeded with this anchor). */
export const FUZZ_ANCHOR = '2026-11-20';

function one<T>(core: Core, sql: string, ...params: unknown[]): T {
  const row = core.db.prepare(sql).get(...params) as Record<string, T> | undefined;
  if (!row) throw new Error(`The demo has no row for the fuzz example: ${sql}`);
  return Object.values(row)[0]!;
}

/** Valid inputs, each naming real rows of `core`'s demo workspace. */
export function validExamples(core: Core): Examples {
  const me = one<string>(core, "SELECT value FROM settings WHERE key = 'consultant_id'");
  const project = one<string>(core, "SELECT id FROM projects WHERE status = 'active' AND pricing = 'hourly' ORDER BY id LIMIT 1");
  const fixed = one<string>(core, "SELECT id FROM projects WHERE status = 'active' AND pricing = 'fixed' ORDER BY id LIMIT 1");
  const client = one<string>(core, 'SELECT client_id FROM projects WHERE id = ?', project);
  const entry = one<string>(
    core,
    'SELECT id FROM time_entries WHERE consultant_id = ? AND invoice_id IS NULL ORDER BY started_at DESC LIMIT 1',
    me,
  );
  const draft = one<string>(core, "SELECT id FROM invoices WHERE status = 'draft' ORDER BY id LIMIT 1");
  const sent = one<string>(core, "SELECT id FROM invoices WHERE status = 'sent' ORDER BY id LIMIT 1");
  const paid = one<string>(core, "SELECT id FROM invoices WHERE status = 'paid' ORDER BY id LIMIT 1");
  const lead = one<string>(core, "SELECT id FROM leads WHERE stage = 'discovery' ORDER BY id LIMIT 1");
  const pipeline = one<string>(core, "SELECT id FROM pipelines WHERE slug = 'backup-verify'");
  const job = one<string>(core, "SELECT id FROM pipeline_jobs WHERE status = 'succeeded' ORDER BY id LIMIT 1");
  const mine = one<string>(
    core,
    "SELECT id FROM pipeline_jobs ORDER BY requested_by = ? AND status IN ('requested', 'queued', 'running') DESC, id LIMIT 1",
    me,
  );
  const metric = one<string>(core, 'SELECT id FROM metrics ORDER BY id LIMIT 1');
  const range = { from: '2026-10-01', to: FUZZ_ANCHOR };
  const missing = '01900000-0000-7000-8000-000000000000'; // a UUIDv7 no row has
  return {
    'workspace.info': undefined,
    'workspace.refreshDemo': undefined, // its schema only (run.ts: SCHEMA_ONLY)
    'workspace.switch': { kind: 'demo' },
    'settings.get': undefined,
    'settings.update': { theme: 'dark', textScale: 1.25, timeZone: 'Australia/Brisbane', consultantId: me },
    'status.get': undefined,
    'consultants.list': undefined,
    'timer.get': undefined,
    'timer.start': { projectId: project, note: 'fuzz' },
    'timer.switch': { projectId: project, note: 'switched' },
    // Left out: now (a time given must be after the timer's start, which is now). The key stays, so
    // the fuzz tests put hostile values in it.
    'timer.stop': { endedAt: undefined },
    'timer.discard': undefined,
    'entries.list': { ...range, timeZone: 'Australia/Brisbane', consultantId: me, projectId: project, billable: true },
    'entries.week': { weekStart: '2026-11-16', timeZone: 'UTC', consultantId: me },
    'entries.get': { id: entry },
    'entries.create': { projectId: project, startedAt: '2026-11-18T22:00:00Z', minutes: 45, billable: true, note: 'fuzz entry' },
    'entries.update': { id: entry, minutes: 30, note: 'updated', billable: false },
    'entries.delete': { id: entry },
    'central.get': undefined,
    'central.update': { url: null, password: null },
    // Port 1 on loopback: nothing listens, so a test that gets this far fails at once.
    'central.test': { url: 'postgres://fuzz@127.0.0.1:1/none', password: null },
    'sync.status': undefined,
    'sync.now': undefined,
    'sync.rejections': undefined,
    'sync.retry': { mutationId: 1 },
    'sync.discard': { mutationId: 1 },
    'sync.restore': { mutationId: 1 },
    'pipelines.list': undefined,
    'pipelines.dashboard': range,
    'pipelines.rows': { ...range, status: ['failed', 'succeeded'], pipelineId: pipeline, limit: 10 },
    'pipelines.trigger': { slug: 'backup-verify', params: { database: 'billing', sample_tables: 3 }, projectId: project },
    'pipelines.settings.get': undefined,
    'pipelines.settings.update': { pipelineApi: null, secret: null },
    'jobs.list': { status: 'failed', pipeline: 'backup-verify', ...range, limit: 20 },
    'jobs.get': { id: job },
    'jobs.remote': { id: job },
    'jobs.cancel': { id: mine }, // the fuzz tests point it at the job pipelines.trigger made
    'jobs.rerun': { id: job },
    'jobs.retryDelivery': { id: job },
    'deliveries.pending': undefined,
    'deliveries.send': undefined,
    'projects.list': { includeArchived: true },
    'projects.dashboard': range,
    'projects.get': { id: project, limit: 5 },
    'projects.rows': { figure: 'billableHours', ...range, consultantId: me, week: '2026-11-16', limit: 10 },
    'projects.weekGrid': range,
    'invoices.preview': { clientId: client, projectId: project, ...range },
    'invoices.create': { clientId: client, projectId: project, ...range, dueInDays: 30 },
    'invoices.milestone': { projectId: fixed, amountCents: 100_00, dueInDays: 7 },
    'invoices.send': { id: draft },
    'invoices.pay': { id: sent, paidOn: '2026-11-28' },
    'invoices.void': { id: paid === draft ? missing : draft },
    'invoices.get': { id: paid },
    'invoices.list': { status: ['sent', 'paid'], clientId: client, ...range, overdue: false, limit: 50 },
    'billing.dashboard': range,
    'billing.rows': { figure: 'revenue', basis: 'invoiced', ...range, clientId: client, tier: 'pipeline_mvp' },
    'leads.list': { stage: ['discovery', 'won'], open: false, source: 'referral', tier: 'pipeline_mvp', ...range, limit: 20 },
    'leads.get': { id: lead },
    'leads.add': {
      company: 'Fuzz Pty Ltd',
      contactName: 'A. Tester',
      contactEmail: 'a@fuzz.example',
      source: 'referral',
      tier: 'pipeline_mvp',
      estimatedValueCents: 25_000_00,
      probability: 40,
      expectedCloseOn: '2026-12-15',
      ownerId: me,
      stage: 'proposal',
      on: '2026-11-20',
    },
    'leads.update': { id: lead, company: 'Renamed Pty Ltd', probability: 55, expectedCloseOn: null },
    'leads.move': { id: lead, stage: 'won', on: '2026-11-21' },
    // The lead leads.move won (every won lead of the demo is converted already).
    'leads.convert': {
      id: lead,
      industry: 'Retail',
      region: 'QLD',
      projectName: 'Fuzz project',
      budgetCents: 50_000_00,
      startOn: '2026-12-01',
    },
    'leads.dashboard': range,
    'feedback.add': { clientId: client, projectId: project, score: 9, comment: 'Great', respondedOn: '2026-11-19' },
    'feedback.list': { clientId: client, ...range, kind: 'promoter', limit: 10 },
    'feedback.nps': range,
    'clients.list': { ...range, status: 'active' },
    'clients.get': { ...range, id: client },
    'kpis.scorecard': range,
    'metrics.list': {},
    'metrics.define': { name: 'Fuzz metric', unit: '%', target: 90, direction: 'higher' },
    'metrics.record': { metricId: metric, recordedOn: '2026-11-19', value: 87.5 },
    'diagnostics.get': {},
    'export.json': {},
  };
}
