// The demo workspace: a deterministic two-year history of a Brisbane DevOps consultancy. The same
// scale and anchor day always produce the same rows, ids included. Rows are written like any local
// write (with outbox entries), so a first sync fills an empty central database from them.
import { v7 as uuidv7 } from 'uuid';
import { OpsError } from '../../../shared/contract';
import { gstCents } from '../../../shared/money';
import { addDays, weekStart } from '../../../shared/time';
import { buildDeferredIndexes, deferIndexes } from '../db/deferred-indexes';
import { AMOUNT_CENTS_SQL } from '../hours/rounding';
import type { Replica } from '../sync/replica';
import { writeSetting } from '../sync/replica';
import { CLIENT_PREFIXES, CLIENT_SUFFIXES, EXPENSE_CATEGORIES, FIRST_NAMES, LAST_NAMES, NOTES, PIPELINES, REGIONS, TIERS } from './catalog';
import { planRun } from '../../pipeline-server/simulator';
import { SeededRandom } from './random';
import { seedSales, type SalesCounts } from './sales';

/** The reference receiver's seed for the demo's history, so a job's story never changes between seeds. */
const DEMO_RUN_SEED = 20261120;
/** How often each demo pipeline fails: a backtest on spot instances fails more than a backup check. */
const FAILURE_RATES: Record<string, number> = {
  'strategy-sweep': 0.12,
  'xero-warehouse-sync': 0.07,
  'client-kpi-report': 0.03,
  'terraform-drift': 0.09,
  'backup-verify': 0.02,
  'cost-report': 0.04,
  'security-scan': 0.06,
  'k8s-drift': 0.05,
};

export interface SeedOptions {
  scale?: number;
  /** Last day of history (exclusive), `YYYY-MM-DD`; defaults to today (UTC). */
  anchor?: string;
}

export interface SeedCounts extends SalesCounts {
  consultants: number;
  clients: number;
  projects: number;
  time_entries: number;
  invoices: number;
  expenses: number;
  pipelines: number;
  pipeline_jobs: number;
}

/** The demo consultancy works in Brisbane: its workspace's time zone. */
export const DEMO_TIME_ZONE = 'Australia/Brisbane';
const BRISBANE_OFFSET_MS = 10 * 3_600_000; // UTC+10 all year: Queensland has no daylight saving
const HISTORY_DAYS = 730;
const DAY_MS = 86_400_000;

/** Seeds the demo in one transaction, synchronously (the `ops` command, tests). */
export function seedDemo(replica: Replica, options: SeedOptions = {}): SeedCounts {
  const seeder = demoSeeder(replica, options);
  return replica.transaction(() => {
    const steps = seeder.run();
    for (;;) {
      const step = steps.next();
      if (step.done) return step.value;
    }
  });
}

/**
 * Seeds the demo in one transaction, handing the event loop back between steps: on the app's first
 * start the window or page loads while the demo workspace is written.
 */
export async function seedDemoInSteps(replica: Replica, options: SeedOptions = {}): Promise<SeedCounts> {
  const steps = demoSeeder(replica, options).run();
  replica.db.exec('BEGIN IMMEDIATE');
  try {
    for (;;) {
      const step = steps.next();
      if (step.done) {
        replica.db.exec('COMMIT');
        return step.value;
      }
      await new Promise((resolve) => setImmediate(resolve));
    }
  } catch (error) {
    if (replica.db.inTransaction) replica.db.exec('ROLLBACK');
    throw error;
  }
}

function demoSeeder(replica: Replica, options: SeedOptions): DemoSeeder {
  const scale = options.scale ?? 1;
  if (!Number.isInteger(scale) || scale < 1 || scale > 100) {
    throw new OpsError('invalid_input', 'The scale must be a whole number from 1 to 100.', 'scale');
  }
  const anchor = options.anchor ?? new Date().toISOString().slice(0, 10);
  const existing = replica.db.prepare('SELECT count(*) AS n FROM consultants').get() as { n: number };
  if (existing.n > 0) {
    throw new OpsError('conflict', 'This replica already has data. Seed the demo into a new, empty replica (a new --db path).');
  }
  return new DemoSeeder(replica, scale, anchor);
}

class DemoSeeder {
  private readonly random = new SeededRandom(20_261_122);
  private readonly firstDay: string;
  private readonly counts: SeedCounts = {
    consultants: 0,
    clients: 0,
    projects: 0,
    time_entries: 0,
    invoices: 0,
    expenses: 0,
    pipelines: 0,
    pipeline_jobs: 0,
    leads: 0,
    lead_events: 0,
    client_feedback: 0,
    metrics: 0,
    metric_values: 0,
  };

  constructor(
    private readonly replica: Replica,
    private readonly scale: number,
    private readonly anchor: string,
  ) {
    this.firstDay = addDays(anchor, -HISTORY_DAYS);
  }

  /** The seed as steps of a few thousand rows each; the caller decides what happens in between. */
  *run(): Generator<void, SeedCounts> {
    const consultants = this.consultants();
    const clients = this.clients();
    const projects = this.projects(clients);
    const pipelines = this.pipelines();
    const invoices = this.invoices(projects);
    yield;
    // Entries arrive in bulk: their indexes and the labour aggregate's triggers are set aside and
    // built once after the last one (the invoice totals below need the indexes).
    deferIndexes(this.replica.db, ['time_entries']);
    yield* this.timeEntries(consultants, projects, invoices);
    buildDeferredIndexes(this.replica.db);
    this.totalInvoices();
    this.expenses(projects);
    yield;
    yield* this.pipelineJobs(pipelines, projects, consultants);
    Object.assign(this.counts, seedSales(this.replica, { scale: this.scale, firstDay: this.firstDay, anchor: this.anchor }));
    writeSetting(this.replica.db, 'consultant_id', consultants[0]!.id);
    writeSetting(this.replica.db, 'workspace_kind', 'demo');
    writeSetting(this.replica.db, 'time_zone', DEMO_TIME_ZONE);
    return this.counts;
  }

  /** UUIDv7 whose time part is the row's birth instant and whose random part is seeded. */
  private id(msecs: number): string {
    return uuidv7({ msecs, random: this.random.bytes(16) });
  }

  private birth(day: string): number {
    return Date.parse(`${day}T00:00:00.000Z`);
  }

  private consultants() {
    const insert = this.replica.bulkInserter('consultants', [
      'id',
      'name',
      'email',
      'default_rate_cents',
      'cost_rate_cents',
      'weekly_capacity_hours',
      'active',
    ]);
    const total = 12 * this.scale;
    const rows: DemoConsultant[] = [];
    for (let i = 0; i < total; i++) {
      const first = FIRST_NAMES[i % FIRST_NAMES.length]!;
      const last = LAST_NAMES[(i * 5 + Math.floor(i / FIRST_NAMES.length)) % LAST_NAMES.length]!;
      const suffix = i < FIRST_NAMES.length ? '' : String(Math.floor(i / FIRST_NAMES.length) + 1);
      const id = this.id(this.birth(this.firstDay) + i);
      const rate = this.random.pick([165_00, 180_00, 195_00, 210_00, 240_00]);
      // The demo's own user works full time, so every weekday of their Hours screen has entries.
      const capacity = this.random.pick([38, 38, 38, 38, 30, 24]);
      const weekly = i === 0 ? 38 : capacity;
      const active = i === total - 1 ? 0 : 1; // one alumnus, so "inactive" is visible
      insert([
        id,
        `${first} ${last === 'OBrien' ? 'O’Brien' : last}`,
        `${first}.${last}${suffix}@opsconsole.example`.toLowerCase(),
        rate,
        Math.round(rate * 0.45),
        weekly,
        active,
      ]);
      rows.push({ id, rate, capacity: weekly });
    }
    this.counts.consultants = total;
    return rows;
  }

  private clients() {
    const insert = this.replica.bulkInserter('clients', ['id', 'name', 'industry', 'region', 'nps', 'status']);
    const total = 20 * this.scale;
    const ids: string[] = [];
    for (let i = 0; i < total; i++) {
      const [suffix, industry] = CLIENT_SUFFIXES[i % CLIENT_SUFFIXES.length]!;
      const prefix = CLIENT_PREFIXES[(i * 7) % CLIENT_PREFIXES.length]!;
      const round = Math.floor(i / (CLIENT_PREFIXES.length * CLIENT_SUFFIXES.length));
      const id = this.id(this.birth(this.firstDay) + 1000 + i);
      insert([
        id,
        `${prefix} ${suffix}${round > 0 ? ` ${round + 1}` : ''}`,
        industry,
        this.random.pick(REGIONS),
        this.random.int(-20, 80),
        this.random.chance(0.85) ? 'active' : 'inactive',
      ]);
      ids.push(id);
    }
    this.counts.clients = total;
    return ids;
  }

  private projects(clients: string[]) {
    const insert = this.replica.bulkInserter('projects', [
      'id',
      'client_id',
      'name',
      'tier',
      'status',
      'budget_cents',
      'hourly_rate_cents',
      'rounding_mode',
      'rounding_step',
      'start_on',
      'due_on',
      'pricing',
    ]);
    // Enough packages to keep the team busy and no more: about 400 per scale over two years, each
    // worked for about the hours its budget buys, so burn and utilization look like a real firm's.
    const total = 400 * this.scale;
    const projects: DemoProject[] = [];
    for (let i = 0; i < total; i++) {
      const roll = this.random.next();
      const tier = roll < TIERS[0]!.share ? TIERS[0]! : roll < TIERS[0]!.share + TIERS[1]!.share ? TIERS[1]! : TIERS[2]!;
      // Starts spread over the two years and a little beyond, so some are still proposed.
      const start = Math.floor((i / total) * (HISTORY_DAYS + 45)) - this.random.int(0, 20);
      const end = start + this.random.int(tier.weeks[0] * 7, tier.weeks[1] * 7);
      const startDay = addDays(this.firstDay, Math.max(0, start));
      const dueDay = addDays(this.firstDay, Math.max(0, end));
      // Hours stop at the anchor, when the project ends, or when it was put on hold.
      let workedUntil = Math.min(end, HISTORY_DAYS);
      let status: string;
      if (start >= HISTORY_DAYS) status = 'proposed';
      else if (end < HISTORY_DAYS) {
        // A few recent ones ran late: still active past their due day, so the timeline flags them.
        if (end >= HISTORY_DAYS - 21 && this.random.chance(0.3)) {
          status = 'active';
          workedUntil = HISTORY_DAYS;
        } else status = this.random.chance(0.06) ? 'cancelled' : 'completed';
      } else if (this.random.chance(0.1)) {
        status = 'on_hold';
        workedUntil = Math.min(HISTORY_DAYS, Math.max(Math.max(0, start) + 5, HISTORY_DAYS - this.random.int(7, 30)));
      } else status = 'active';
      const budget = Math.round(this.random.int(tier.budget[0], tier.budget[1]) / 100_00) * 100_00;
      const rate = this.random.chance(0.7) ? this.random.pick([175_00, 190_00, 200_00, 220_00]) : null;
      const rounding = this.random.pick([
        ['none', 15],
        ['up', 15],
        ['nearest', 6],
        ['up', 6],
        ['nearest', 15],
      ] as const);
      const client = clients[(i * 3 + this.random.int(0, 2)) % clients.length]!;
      const id = this.id(this.birth(startDay) + i);
      // About a third of the two smaller packages are sold at a fixed price (their budget).
      const pricing = tier.tier !== 'enterprise_cloud' && i % 3 === 1 ? 'fixed' : 'hourly';
      // The hours the budget buys at a typical rate; most land within a quarter of it, some overrun.
      const overrun = this.random.chance(0.12) ? 1.1 + this.random.next() * 0.3 : 0.75 + this.random.next() * 0.35;
      const plannedMinutes = Math.round((budget / (rate ?? 195_00)) * 60 * overrun);
      insert([
        id,
        client,
        `${this.random.pick(tier.names)} ${i + 1}`,
        tier.tier,
        status,
        budget,
        rate,
        rounding[0],
        rounding[1],
        startDay,
        dueDay,
        pricing,
      ]);
      if (status !== 'proposed' && status !== 'cancelled') {
        projects.push({
          id,
          start: Math.max(0, start),
          end: Math.min(HISTORY_DAYS, Math.max(Math.max(0, start) + 1, workedUntil)),
          rate,
          billable: true,
          pricing,
          budget,
          ended: end < HISTORY_DAYS && status === 'completed',
          remainingMinutes: plannedMinutes,
        });
      }
    }
    this.counts.projects = total;
    return projects;
  }

  private pipelines() {
    const insert = this.replica.bulkInserter('pipelines', ['id', 'slug', 'name', 'description', 'params_schema', 'active']);
    const ids = PIPELINES.map((p, i) => {
      const id = this.id(this.birth(this.firstDay) + 2000 + i);
      insert([id, p.slug, p.name, p.description, JSON.stringify(p.params_schema), 1]);
      return id;
    });
    this.counts.pipelines = ids.length;
    return ids;
  }

  /**
   * One invoice per hourly project per calendar month with work (issued on the 1st of the next), for
   * months already closed; a fixed-price project is invoiced in two milestones of half its price
   * (after its first week, and after it ends), and its entries stay on no invoice.
   */
  private invoices(projects: DemoProject[]) {
    const insert = this.replica.bulkInserter('invoices', [
      'id',
      'client_id',
      'project_id',
      'number',
      'issued_on',
      'due_on',
      'status',
      'subtotal_cents',
      'tax_cents',
      'total_cents',
      'paid_on',
    ]);
    const clientOf = this.replica.db.prepare('SELECT client_id FROM projects WHERE id = ?').pluck();
    const byPeriod = new Map<string, string>(); // `${projectId}|${YYYY-MM}` → invoice id
    const currentPeriod = `${this.anchor.slice(0, 7)}-01`;
    let number = 1000;
    for (const project of projects) {
      let period = `${addDays(this.firstDay, project.start).slice(0, 7)}-01`;
      const last = addDays(this.firstDay, project.end - 1);
      while (period <= last && period < currentPeriod) {
        const next = nextMonth(period);
        const issued = next;
        const age = daysBetween(issued, this.anchor);
        const [status, paidOn] = invoiceOutcome(this.random, issued, age, age <= 31 ? 0.35 : 0);
        const id = this.id(this.birth(issued) + number);
        number += 1;
        const month = period.slice(0, 7);
        period = next;
        // A fixed-price project's weeks draw the same numbers, so the hourly ones stay as they were.
        if (project.pricing === 'fixed') continue;
        insert([
          id,
          clientOf.get(project.id) as string,
          project.id,
          `INV-${issued.slice(0, 4)}-${number}`,
          issued,
          addDays(issued, 14),
          status,
          0,
          0,
          0,
          paidOn,
        ]);
        if (status !== 'void') byPeriod.set(`${project.id}|${month}`, id);
        this.counts.invoices += 1;
      }
    }
    const milestones = new SeededRandom(20_261_123);
    let fixedNumber = 0;
    for (const project of projects) {
      if (project.pricing !== 'fixed') continue;
      const issues = [addDays(weekStart(addDays(this.firstDay, project.start)), 7)];
      if (project.ended) issues.push(addDays(weekStart(addDays(this.firstDay, project.end - 1)), 7));
      for (const [k, issued] of issues.entries()) {
        if (issued > this.anchor) continue;
        const age = daysBetween(issued, this.anchor);
        const [status, paidOn] = invoiceOutcome(milestones, issued, age, age <= 7 ? 0.5 : 0);
        const subtotal = k === 0 ? Math.round(project.budget / 2) : project.budget - Math.round(project.budget / 2);
        const tax = gstCents(subtotal);
        fixedNumber += 1;
        insert([
          uuidv7({ msecs: this.birth(issued) + fixedNumber, random: milestones.bytes(16) }),
          clientOf.get(project.id) as string,
          project.id,
          `INV-${issued.slice(0, 4)}-F${fixedNumber}`,
          issued,
          addDays(issued, 14),
          status,
          subtotal,
          tax,
          subtotal + tax,
          paidOn,
        ]);
        this.counts.invoices += 1;
      }
    }
    return byPeriod;
  }

  private *timeEntries(consultants: DemoConsultant[], projects: DemoProject[], invoices: Map<string, string>) {
    const insert = this.replica.bulkInserter('time_entries', [
      'id',
      'project_id',
      'consultant_id',
      'started_at',
      'minutes',
      'billable',
      'note',
      'rate_cents',
      'invoice_id',
    ]);
    // Projects running on each day, computed once: the loop below runs per consultant-day.
    const activeByDay: Array<typeof projects> = Array.from({ length: HISTORY_DAYS }, () => []);
    for (const project of projects) for (let d = project.start; d < project.end; d++) activeByDay[d]!.push(project);

    const firstMs = this.birth(this.firstDay);
    const retiredFrom = HISTORY_DAYS - 120; // the inactive consultant left four months ago
    for (let d = 0; d < HISTORY_DAYS; d++) {
      if (d % 10 === 9) yield;
      const dayMs = firstMs + d * DAY_MS;
      const weekday = new Date(dayMs).getUTCDay();
      if (weekday === 0 || weekday === 6) continue;
      const active = activeByDay[d]!;
      if (active.length === 0) continue;
      const day = addDays(this.firstDay, d);
      const period = day.slice(0, 7);
      consultants.forEach((consultant, c) => {
        if (c === consultants.length - 1 && d >= retiredFrom) return;
        // Leave, sick days, public holidays; never for the demo's own user, whose Hours screen shows
        // every weekday with work (the roll is still drawn, so everyone else's days stay the same).
        if (this.random.chance(0.06) && c !== 0) return;
        // A part-timer works fewer days, so their hours match their capacity.
        if (consultant.capacity < 38 && !this.random.chance(consultant.capacity / 38)) return;
        // Each consultant sticks to a few projects: choose among a stable slice of those running.
        // Brisbane office hours: from about 8 am, and done by 6 pm (whatever the machine's zone).
        let cursor = dayMs - BRISBANE_OFFSET_MS + 8 * 3_600_000 + this.random.int(0, 45) * 60_000;
        const dayEnd = dayMs - BRISBANE_OFFSET_MS + 18 * 3_600_000;
        const entries = this.random.int(6, 9);
        for (let e = 0; e < entries; e++) {
          const project = this.chooseProject(active, c);
          const minutes = this.random.int(10, 95);
          if (cursor + minutes * 60_000 > dayEnd) break;
          const billable = this.random.chance(0.88);
          const invoiceId = billable ? (invoices.get(`${project.id}|${period}`) ?? null) : null;
          insert([
            this.id(cursor),
            project.id,
            consultant.id,
            new Date(cursor).toISOString(),
            minutes,
            billable ? 1 : 0,
            this.random.pick(NOTES),
            project.rate ?? consultant.rate,
            invoiceId,
          ]);
          project.remainingMinutes -= minutes;
          cursor += (minutes + this.random.int(0, 20)) * 60_000;
          this.counts.time_entries += 1;
        }
      });
    }
  }

  /**
   * Each consultant sticks to a stable slice of the projects running (four of them), and works most
   * on the one with the most of its budgeted hours still to come: a project past its hours gets
   * little more, so burn ends near its budget, with the overruns the plan gave it.
   */
  private chooseProject(active: DemoProject[], consultant: number): DemoProject {
    let total = 0;
    const weights: number[] = [];
    for (let k = 0; k < 4; k++) {
      const weight = Math.max(active[(consultant * 3 + k) % active.length]!.remainingMinutes, 0) + 30;
      weights.push(weight);
      total += weight;
    }
    let roll = this.random.next() * total;
    for (let k = 0; k < 4; k++) {
      roll -= weights[k]!;
      if (roll < 0) return active[(consultant * 3 + k) % active.length]!;
    }
    return active[(consultant * 3 + 3) % active.length]!;
  }

  /** Hourly invoices' totals from their entries, rounded per the project's rule, computed by SQL. */
  private totalInvoices() {
    const db = this.replica.db;
    db.exec(`
      UPDATE invoices SET subtotal_cents = coalesce((
        SELECT sum(${AMOUNT_CENTS_SQL}) FROM time_entries e JOIN projects p ON p.id = e.project_id
        WHERE e.invoice_id = invoices.id), 0)
      WHERE project_id IN (SELECT id FROM projects WHERE pricing = 'hourly')`);
    const rows = db
      .prepare(`SELECT id, subtotal_cents AS subtotal FROM invoices WHERE project_id IN (SELECT id FROM projects WHERE pricing = 'hourly')`)
      .all() as Array<{ id: string; subtotal: number }>;
    const update = db.prepare('UPDATE invoices SET tax_cents = ?, total_cents = ? WHERE id = ?');
    for (const row of rows) {
      const tax = gstCents(row.subtotal);
      update.run(tax, row.subtotal + tax, row.id);
    }
  }

  private expenses(projects: Array<{ id: string; start: number; end: number }>) {
    const insert = this.replica.bulkInserter('expenses', ['id', 'project_id', 'category', 'amount_cents', 'spent_on', 'note']);
    for (const project of projects) {
      for (let d = project.start; d < project.end; d += this.random.int(10, 25)) {
        const day = addDays(this.firstDay, d);
        const category = this.random.pick(EXPENSE_CATEGORIES);
        insert([
          this.id(this.birth(day) + this.counts.expenses),
          project.id,
          category,
          this.random.int(20_00, 1_800_00),
          day,
          category === 'Travel' ? 'Flights and transfers' : '',
        ]);
        this.counts.expenses += 1;
      }
    }
  }

  private *pipelineJobs(
    pipelines: string[],
    projects: Array<{ id: string; start: number; end: number }>,
    consultants: Array<{ id: string }>,
  ) {
    const insert = this.replica.bulkInserter('pipeline_jobs', [
      'id',
      'pipeline_id',
      'project_id',
      'status',
      'params',
      'requested_by',
      'requested_at',
      'started_at',
      'finished_at',
      'error',
      'result_summary',
    ]);
    const total = 20_000 * this.scale;
    // Each job ran with its pipeline's default parameters (valid against its schema), and its
    // history is what the reference receiver's simulator would have done with it: the same steps,
    // durations, errors and summaries, at each pipeline's own failure rate.
    const paramsOf = pipelines.map((_, i) => JSON.stringify(PIPELINES[i]!.defaults));
    const firstMs = this.birth(this.firstDay);
    const span = HISTORY_DAYS * DAY_MS;
    const anchorMs = this.birth(this.anchor);
    for (let i = 0; i < total; i++) {
      if (i % 1000 === 999) yield;
      const requested = firstMs + Math.floor((i / total) * span) + this.random.int(0, 3_600_000);
      const age = anchorMs - requested;
      // Most jobs wait seconds for a worker; a few wait minutes behind a busy queue.
      const queuedMs = this.random.chance(0.05) ? this.random.int(120, 900) * 1000 : this.random.int(2, 90) * 1000;
      const project = this.random.chance(0.7) ? this.random.pick(projects).id : null;
      const id = this.id(requested);
      const index = this.random.int(0, pipelines.length - 1);
      const spec = PIPELINES[index]!;
      const plan = planRun(spec.slug, spec.defaults, id, { seed: DEMO_RUN_SEED, failureRate: FAILURE_RATES[spec.slug] ?? 0.05 });
      const steps = plan.failure ? plan.steps.slice(0, plan.failure.atStep + 1) : plan.steps;
      const runMs = steps.reduce((sum, step) => sum + step.ms, 0);
      let status: string;
      if (age < 20 * 60_000) status = this.random.pick(['queued', 'running']);
      else status = plan.failure ? 'failed' : this.random.chance(0.015) ? 'cancelled' : 'succeeded';
      const startedAt = status === 'queued' ? null : new Date(requested + queuedMs).toISOString();
      const finishedAt = status === 'queued' || status === 'running' ? null : new Date(requested + queuedMs + runMs).toISOString();
      insert([
        id,
        pipelines[index]!,
        project,
        status,
        paramsOf[index]!,
        this.random.pick(consultants).id,
        new Date(requested).toISOString(),
        startedAt,
        finishedAt,
        status === 'failed' ? plan.failure!.error : null,
        status === 'succeeded' ? plan.summary : null,
      ]);
    }
    this.counts.pipeline_jobs = total;
  }
}

interface DemoProject {
  id: string;
  start: number;
  end: number;
  rate: number | null;
  billable: boolean;
  pricing: 'hourly' | 'fixed';
  budget: number;
  ended: boolean;
  /** Minutes of work still to come before the project has used the hours its budget buys. */
  remainingMinutes: number;
}

interface DemoConsultant {
  id: string;
  rate: number;
  /** Weekly capacity in hours: a part-timer works fewer days. */
  capacity: number;
}

/**
 * What became of an invoice issued `age` days before the anchor: some of the newest are still drafts
 * being checked; most clients pay within the 14-day terms, some weeks late; an invoice is paid once
 * its payment day has come, and the odd old one was voided.
 */
function invoiceOutcome(random: SeededRandom, issued: string, age: number, draftChance: number): [string, string | null] {
  if (random.chance(draftChance)) return ['draft', null];
  const delay = random.chance(0.85) ? random.int(4, 27) : random.int(30, 95);
  if (age > 45 && random.chance(0.02)) return ['void', null];
  return delay <= age ? ['paid', addDays(issued, delay)] : ['sent', null];
}

/** The first day of the month after `day`'s. */
function nextMonth(day: string): string {
  const [y, m] = [Number(day.slice(0, 4)), Number(day.slice(5, 7))];
  return m === 12 ? `${y + 1}-01-01` : `${y}-${String(m + 1).padStart(2, '0')}-01`;
}

function daysBetween(from: string, to: string): number {
  return Math.round((Date.parse(to) - Date.parse(from)) / DAY_MS);
}
