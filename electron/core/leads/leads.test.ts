// The sales pipeline against hand-computed values: the open pipeline's value raw and weighted,
// conversion between stages with leads that skipped one, win rates by source and tier, the sales
// cycle and the month-end history; the rules of a move and of a conversion; and every input checked
// through the core, with nothing changed by a refused call.
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { Core } from '../api';
import type { TinyIds } from '../sync/fixtures';
import type { Replica } from '../sync/replica';
import { leadsDashboard } from './dashboard';
import { insertLead } from './fixture';
import { salesReplica } from './fixture';
import { checkMove, probabilityAfterMove, projectPlan, weightedCents } from './rules';

const ZONE = 'Australia/Brisbane';

/** Six leads created in March 2026 (docs/sales.md works this example through). */
function sixLeads(replica: Replica, owner: string) {
  return {
    l1: insertLead(replica, {
      source: 'referral',
      tier: 'pipeline_mvp',
      value: 600_001,
      probability: 50,
      owner,
      history: [
        ['discovery', '2026-03-01'],
        ['proposal', '2026-03-05'],
      ],
    }),
    l2: insertLead(replica, {
      source: 'content',
      tier: 'devops_foundation',
      value: 1_500_001,
      probability: 25,
      owner,
      history: [['discovery', '2026-03-02']],
    }),
    // skipped proposal and follow-up
    l3: insertLead(replica, {
      source: 'referral',
      tier: 'enterprise_cloud',
      value: 4_000_000,
      probability: 100,
      owner,
      history: [
        ['discovery', '2026-03-01'],
        ['implementation', '2026-03-10'],
        ['won', '2026-04-10'],
      ],
    }),
    l4: insertLead(replica, {
      source: 'content',
      tier: 'pipeline_mvp',
      value: 500_000,
      probability: 0,
      owner,
      history: [
        ['discovery', '2026-03-03'],
        ['proposal', '2026-03-08'],
        ['lost', '2026-03-20'],
      ],
    }),
    // created at proposal (skipped discovery), then skipped implementation
    l5: insertLead(replica, {
      source: 'networking',
      tier: 'devops_foundation',
      value: 1_200_000,
      probability: 70,
      owner,
      history: [
        ['proposal', '2026-03-04'],
        ['follow_up', '2026-03-25'],
      ],
    }),
    l6: insertLead(replica, {
      source: 'open_source',
      tier: 'pipeline_mvp',
      value: 800_000,
      probability: 100,
      owner,
      history: [
        ['discovery', '2026-03-06'],
        ['proposal', '2026-03-07'],
        ['implementation', '2026-03-08'],
        ['follow_up', '2026-03-09'],
        ['won', '2026-03-16'],
      ],
    }),
  };
}

describe('the pipeline dashboard (hand-computed)', () => {
  let replica: Replica;
  let ids: TinyIds;
  beforeEach(() => {
    ({ replica, ids } = salesReplica(ZONE));
    sixLeads(replica, ids.alice);
  });
  afterEach(() => replica.db.close());
  const dashboard = (from: string, to: string) => leadsDashboard(replica.db, { from, to, timeZone: ZONE, today: '2026-11-20' });

  it('values the open pipeline raw and weighted by probability, half-up once over the sum', () => {
    const d = dashboard('2026-03-01', '2026-04-30');
    // open: l1 600,001 × 50 %, l2 1,500,001 × 25 %, l5 1,200,000 × 70 % = 300,000.5 + 375,000.25 + 840,000 = 1,515,000.75
    expect(d.pipeline).toMatchObject({ openLeads: 3, valueCents: 3_300_002, weightedCents: 1_515_001 });
    expect(d.pipeline.byStage).toEqual([
      { stage: 'discovery', leads: 1, valueCents: 1_500_001, weightedCents: 375_000 },
      { stage: 'proposal', leads: 1, valueCents: 600_001, weightedCents: 300_001 },
      { stage: 'implementation', leads: 0, valueCents: 0, weightedCents: 0 },
      { stage: 'follow_up', leads: 1, valueCents: 1_200_000, weightedCents: 840_000 },
    ]);
  });

  it('counts a lead that skipped a stage as having passed it', () => {
    // furthest funnel stage reached: l1 proposal, l2 discovery, l3 won, l4 proposal (then lost), l5 follow-up, l6 won
    expect(dashboard('2026-03-01', '2026-03-31').conversion).toEqual([
      { from: 'discovery', to: 'proposal', reached: 6, advanced: 5, rate: 5 / 6 },
      { from: 'proposal', to: 'implementation', reached: 5, advanced: 3, rate: 3 / 5 },
      { from: 'implementation', to: 'follow_up', reached: 3, advanced: 3, rate: 1 },
      { from: 'follow_up', to: 'won', reached: 3, advanced: 2, rate: 2 / 3 },
    ]);
    // no lead created in the range: no rate, not 0 %
    expect(dashboard('2026-05-01', '2026-05-31').conversion[0]).toEqual({
      from: 'discovery',
      to: 'proposal',
      reached: 0,
      advanced: 0,
      rate: null,
    });
  });

  it('gives win rates by the day a lead closed, by source and tier, and the sales cycle of the won', () => {
    const d = dashboard('2026-03-01', '2026-04-30');
    expect(d.winRate).toEqual({ won: 2, lost: 1, rate: 2 / 3, wonValueCents: 4_800_000 });
    expect(d.winRateBySource).toEqual([
      { source: 'content', won: 0, lost: 1, rate: 0, wonValueCents: 0 },
      { source: 'open_source', won: 1, lost: 0, rate: 1, wonValueCents: 800_000 },
      { source: 'referral', won: 1, lost: 0, rate: 1, wonValueCents: 4_000_000 },
    ]);
    expect(d.winRateByTier).toEqual([
      { tier: 'enterprise_cloud', won: 1, lost: 0, rate: 1, wonValueCents: 4_000_000 },
      { tier: 'pipeline_mvp', won: 1, lost: 1, rate: 0.5, wonValueCents: 800_000 },
    ]);
    // l3: 1 March → 10 April = 40 days; l6: 6 → 16 March = 10 days
    expect(d.cycle).toEqual({ won: 2, averageDays: 25, medianDays: 25 });
    expect(dashboard('2026-03-01', '2026-03-31').winRate).toEqual({ won: 1, lost: 1, rate: 0.5, wonValueCents: 800_000 });
    expect(dashboard('2026-06-01', '2026-06-30')).toMatchObject({
      winRate: { won: 0, lost: 0, rate: null },
      cycle: { won: 0, averageDays: null, medianDays: null },
    });
  });

  it('replays the stage history for the pipeline open at each month end', () => {
    expect(dashboard('2026-03-01', '2026-04-30').months).toEqual([
      // 31 March: l1, l2, l3 (implementation until 10 April) and l5 open
      {
        month: '2026-03',
        from: '2026-03-01',
        to: '2026-03-31',
        created: 6,
        won: 1,
        lost: 1,
        wonValueCents: 800_000,
        openValueCents: 7_300_002,
        weightedCents: 5_515_001,
      },
      {
        month: '2026-04',
        from: '2026-04-01',
        to: '2026-04-30',
        created: 0,
        won: 1,
        lost: 0,
        wonValueCents: 4_000_000,
        openValueCents: 3_300_002,
        weightedCents: 1_515_001,
      },
    ]);
  });
});

describe('the rules of a move and of a conversion', () => {
  const lead = { stage: 'proposal' as const, projectId: null, lastMovedOn: '2026-03-05' };
  it('refuses the same stage, a converted lead, a day in the future or before the last move', () => {
    expect(() => checkMove(lead, 'proposal', '2026-03-06', '2026-11-20')).toThrow(/already at Proposal/);
    expect(() => checkMove({ ...lead, stage: 'won', projectId: 'p' }, 'lost', '2026-03-06', '2026-11-20')).toThrow(/converted/);
    expect(() => checkMove(lead, 'won', '2026-11-21', '2026-11-20')).toThrow(/future/);
    expect(() => checkMove(lead, 'won', '2026-03-04', '2026-11-20')).toThrow(/last move was on 2026-03-05/);
    expect(() => checkMove(lead, 'discovery', '2026-03-05', '2026-11-20')).not.toThrow();
  });
  it('sets the odds on closing and reopening, and keeps the owner’s otherwise', () => {
    expect(probabilityAfterMove('proposal', 'won', 40)).toBe(100);
    expect(probabilityAfterMove('proposal', 'lost', 40)).toBe(0);
    expect(probabilityAfterMove('lost', 'proposal', 0)).toBe(30);
    expect(probabilityAfterMove('discovery', 'implementation', 40)).toBe(40);
    expect(weightedCents(600_001, 50)).toBe(300_001);
    expect(weightedCents(1_500_001, 25)).toBe(375_000);
  });
  it('starts a project from its tier: the estimate within the budget range, the longest timeline', () => {
    expect(projectPlan('pipeline_mvp', 1_000_000, '2026-11-23')).toMatchObject({ budgetCents: 800_000, dueOn: '2026-12-21' });
    expect(projectPlan('devops_foundation', 100, '2026-11-23')).toMatchObject({ budgetCents: 1_200_000, dueOn: '2027-01-18' });
    expect(projectPlan('enterprise_cloud', 4_500_000, '2026-11-23')).toMatchObject({ budgetCents: 4_500_000, dueOn: '2027-03-15' });
    expect(projectPlan('enterprise_cloud', 4_500_000, '2026-11-23', 7_000_000).budgetCents).toBe(7_000_000);
  });
});

/** Every table's content, to show a refused call changed nothing. */
function snapshot(core: Core): string {
  const tables = core.db
    .prepare(`SELECT name FROM sqlite_schema WHERE type = 'table' AND name NOT LIKE 'sqlite_%' ORDER BY name`)
    .pluck()
    .all() as string[];
  return JSON.stringify(
    tables.map((t) => (core.db.prepare(`SELECT * FROM "${t}"`).all() as unknown[]).map((r) => JSON.stringify(r)).sort()),
  );
}

describe('leads through the core', () => {
  let core: Core;
  let ids: TinyIds;
  beforeEach(() => {
    const fx = salesReplica(ZONE);
    ids = fx.ids;
    core = new Core({ dbPath: fx.replica.db.name });
    fx.replica.db.close();
  });
  afterEach(() => core.close());

  const valid = { company: 'Moreton Freight', tier: 'pipeline_mvp', estimatedValueCents: 600_000, expectedCloseOn: null };

  it('refuses every bad input on its field, and changes nothing', async () => {
    const lead = await core.call('leads.add', valid);
    const before = snapshot(core);
    const cases: Array<[string, unknown, string, RegExp]> = [
      ['leads.add', { ...valid, company: 'Acme\u0000' }, 'company', /cannot be stored/],
      ['leads.add', { ...valid, contactName: 'Zoë \uD83D' }, 'contactName', /cannot be stored/],
      ['leads.add', { ...valid, company: '   ' }, 'company', /cannot be empty/],
      ['leads.add', { ...valid, company: 'x'.repeat(201) }, 'company', /at most 200/],
      ['leads.add', { ...valid, probability: 101 }, 'probability', /at most 100/],
      ['leads.add', { ...valid, probability: 12.5 }, 'probability', /whole percent/],
      ['leads.add', { ...valid, estimatedValueCents: -1 }, 'estimatedValueCents', /negative/],
      ['leads.add', { ...valid, estimatedValueCents: 1e13 }, 'estimatedValueCents', /more than \$100M/],
      ['leads.add', { ...valid, source: 'cold_call' }, 'source', /open_source, content/],
      ['leads.add', { ...valid, tier: 'platinum' }, 'tier', /A tier is one of/],
      ['leads.add', { ...valid, stage: 'negotiation' }, 'stage', /A stage is one of/],
      ['leads.add', { ...valid, contactEmail: 'not-an-email' }, 'contactEmail', /not an email/],
      ['leads.add', { ...valid, expectedCloseOn: '2026-02-30' }, 'expectedCloseOn', /not a day on the calendar/],
      ['leads.add', { ...valid, on: '2099-01-01' }, 'on', /future/],
      ['leads.add', { ...valid, extra: 1 }, '', /./],
      ['leads.move', { id: lead.id, stage: 'negotiation' }, 'stage', /A stage is one of/],
      ['leads.move', { id: lead.id, stage: 'discovery' }, 'stage', /already at Discovery call/],
      ['leads.move', { id: '019346de-6400-77de-b0eb-000000000000', stage: 'won' }, 'id', /No such lead/],
      ['leads.update', { id: lead.id }, '', /Nothing to change/],
      ['leads.update', { id: lead.id, company: 'A\u0000' }, 'company', /cannot be stored/],
      ['leads.convert', { id: lead.id }, 'id', /move it to won first/],
      ['leads.dashboard', { from: '2026-03-31', to: '2026-03-01' }, 'to', /after the last one/],
      ['feedback.add', { clientId: ids.client, score: 11 }, 'score', /0 to 10/],
      ['feedback.add', { clientId: ids.client, score: 7.5 }, 'score', /whole number/],
      ['feedback.add', { clientId: ids.client, score: 8, comment: 'ok \uDC00' }, 'comment', /cannot be stored/],
      ['feedback.add', { clientId: ids.client, score: 8, respondedOn: '2099-01-01' }, 'respondedOn', /future/],
      ['feedback.add', { clientId: ids.client, projectId: lead.id, score: 8 }, 'projectId', /No project/],
      ['metrics.define', { name: 'M\u0000', target: 1, direction: 'higher' }, 'name', /cannot be stored/],
      ['metrics.define', { name: 'M', target: Number.NaN, direction: 'higher' }, 'target', /number/],
      ['metrics.define', { name: 'M', target: 1, direction: 'up' }, 'direction', /higher or lower/],
      ['metrics.record', { metricId: lead.id, value: 1 }, 'metricId', /No such metric/],
      ['kpis.scorecard', { from: '2020-01-01', to: '2026-11-20' }, 'from', /at most five years/],
    ];
    for (const [channel, input, field, message] of cases) {
      const result = await core.invoke(channel, input);
      expect(result.ok, `${channel} ${JSON.stringify(input)}`).toBe(false);
      if (!result.ok) {
        if (field) expect(result.error.field, `${channel} ${JSON.stringify(input)}`).toBe(field);
        expect(result.error.message, `${channel} ${JSON.stringify(input)}`).toMatch(message);
      }
    }
    expect(snapshot(core)).toBe(before);
  });

  it('moves a lead with an event per move, and converts a won lead into a new client’s project', async () => {
    const lead = await core.call('leads.add', { ...valid, source: 'referral', on: '2026-03-01' });
    expect(lead).toMatchObject({ stage: 'discovery', probability: 10, ownerId: ids.alice, createdOn: '2026-03-01' });
    await core.call('leads.move', { id: lead.id, stage: 'implementation', on: '2026-03-10' });
    const won = await core.call('leads.move', { id: lead.id, stage: 'won', on: '2026-04-01' });
    expect(won.events.map((e) => [e.fromStage, e.toStage, e.movedOn])).toEqual([
      [null, 'discovery', '2026-03-01'],
      ['discovery', 'implementation', '2026-03-10'],
      ['implementation', 'won', '2026-04-01'],
    ]);
    const converted = await core.call('leads.convert', { id: lead.id, startOn: '2026-04-06', region: 'Brisbane' });
    expect(converted).toMatchObject({
      newClient: true,
      clientName: 'Moreton Freight',
      budgetCents: 600_000,
      startOn: '2026-04-06',
      dueOn: '2026-05-04',
    });
    expect(
      core.db.prepare('SELECT tier, status, budget_cents, pricing, due_on FROM projects WHERE id = ?').get(converted.projectId),
    ).toEqual({
      tier: 'pipeline_mvp',
      status: 'active',
      budget_cents: 600_000,
      pricing: 'fixed',
      due_on: '2026-05-04',
    });
    expect((await core.call('leads.get', { id: lead.id })).projectId).toBe(converted.projectId);
    await expect(core.call('leads.move', { id: lead.id, stage: 'lost' })).rejects.toThrow(/converted/);
    await expect(core.call('leads.convert', { id: lead.id })).rejects.toThrow(/already converted/);
  });
});
