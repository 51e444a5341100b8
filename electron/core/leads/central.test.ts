// Sales against a REAL central PostgreSQL with real login roles: a lead moved offline on one laptop
// appears moved on another after both sync; the central decides who may write leads, their events,
// feedback and metrics (docs/sales.md), for a modified app's pushes and for psql alike; and a
// replica that learnt its login is no admin refuses admin-only writes at once.
import pg from 'pg';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { freshCentral, type TestCentral } from '../central/testing';
import { Core } from '../api';
import { syncOnce } from '../sync/engine';
import { newReplica, replicaRows, centralRows, seedTiny, type TinyIds } from '../sync/fixtures';
import { listRejections } from '../sync/rejections';
import type { Replica } from '../sync/replica';
import { centralRole } from '../sync/role';
import { addLead, moveLead, type Actor } from './writes';

let central: TestCentral;
let ids: TinyIds;
let aliceUrl: string;
let bobUrl: string;

beforeEach(async () => {
  central = await freshCentral();
  const admin = newReplica('admin');
  ids = seedTiny(admin);
  await syncOnce(admin, central.url);
  admin.db.close();
  aliceUrl = await central.consultantUrl(ids.alice);
  bobUrl = await central.consultantUrl(ids.bob);
});
afterEach(async () => {
  await central.drop();
});

const actor = (replica: Replica, me: string, today = '2026-11-20'): Actor => ({
  me,
  role: centralRole(replica.db, false),
  today,
  now: `${today}T02:00:00.000Z`,
  timeZone: 'Australia/Brisbane',
});

async function laptop(name: string, url: string): Promise<Replica> {
  const replica = newReplica(name);
  await syncOnce(replica, url);
  return replica;
}

const newLead = {
  company: 'Moreton Freight',
  contactName: 'Sam',
  contactEmail: '',
  source: 'referral',
  tier: 'pipeline_mvp',
  estimatedValueCents: 650_000,
  expectedCloseOn: null,
  stage: 'discovery',
} as const;

describe('a lead moved offline', () => {
  it('appears moved, with its event, on a second laptop after both sync', async () => {
    const a = await laptop('a', aliceUrl);
    const b = await laptop('b', bobUrl);
    expect(centralRole(a.db, false)).toBe('consultant');
    const lead = addLead(a, newLead, actor(a, ids.alice, '2026-11-18'));
    await syncOnce(a, aliceUrl);
    await syncOnce(b, bobUrl);
    expect(b.db.prepare('SELECT stage FROM leads WHERE id = ?').pluck().get(lead.id)).toBe('discovery');

    // Offline on A: two moves, the second skipping a stage.
    moveLead(a, lead.id, 'proposal', '2026-11-19', actor(a, ids.alice, '2026-11-20'));
    moveLead(a, lead.id, 'follow_up', undefined, actor(a, ids.alice, '2026-11-20'));
    expect(b.db.prepare('SELECT stage FROM leads WHERE id = ?').pluck().get(lead.id)).toBe('discovery');

    expect(await syncOnce(a, aliceUrl)).toMatchObject({ rejected: 0 });
    await syncOnce(b, bobUrl);
    expect(b.db.prepare('SELECT stage, probability FROM leads WHERE id = ?').get(lead.id)).toEqual({ stage: 'follow_up', probability: 10 });
    expect(
      b.db
        .prepare('SELECT from_stage, to_stage, moved_on, moved_by FROM lead_events WHERE lead_id = ? ORDER BY moved_on, moved_at')
        .all(lead.id),
    ).toEqual([
      { from_stage: null, to_stage: 'discovery', moved_on: '2026-11-18', moved_by: ids.alice },
      { from_stage: 'discovery', to_stage: 'proposal', moved_on: '2026-11-19', moved_by: ids.alice },
      { from_stage: 'proposal', to_stage: 'follow_up', moved_on: '2026-11-20', moved_by: ids.alice },
    ]);
    expect(replicaRows(b)).toEqual(await centralRows(central.admin, { asConsultant: true }));
  });
});

describe('who may write sales data (the central decides)', () => {
  /** A modified app: writes straight into its replica, skipping the local checks, then pushes. */
  async function pushRaw(replica: Replica, url: string, write: () => void) {
    replica.transaction(write);
    const result = await syncOnce(replica, url);
    return { result, reasons: listRejections(replica).map((r) => r.reason) };
  }

  it('lets a consultant create and move their own leads and record feedback, nothing more', async () => {
    const a = await laptop('a', aliceUrl);
    const b = await laptop('b', bobUrl);
    const bobLead = addLead(b, { ...newLead, company: 'Bob’s lead' }, actor(b, ids.bob));
    await syncOnce(b, bobUrl);
    await syncOnce(a, aliceUrl);

    const ownLead = a.newId();
    const row = (id: string, owner: string, extra: Record<string, string | number | null> = {}) => ({
      id,
      company: 'Raw Co',
      contact_name: '',
      contact_email: '',
      source: 'content',
      tier: 'devops_foundation',
      estimated_value_cents: 1_500_000,
      probability: 20,
      expected_close_on: null,
      owner_id: owner,
      stage: 'discovery',
      created_on: '2026-11-20',
      client_id: null,
      project_id: null,
      ...extra,
    });
    // Her own lead, its creation event and a feedback answer: accepted.
    let out = await pushRaw(a, aliceUrl, () => {
      a.insert('leads', row(ownLead, ids.alice));
      a.insert('lead_events', {
        id: a.newId(),
        lead_id: ownLead,
        from_stage: null,
        to_stage: 'discovery',
        moved_on: '2026-11-20',
        moved_at: '2026-11-20T01:00:00.000Z',
        moved_by: ids.alice,
      });
      a.insert('client_feedback', {
        id: a.newId(),
        client_id: ids.client,
        project_id: ids.project,
        score: 9,
        comment: 'Great',
        responded_on: '2026-11-20',
      });
    });
    expect(out.result.rejected).toBe(0);

    // Each of these is refused, visibly, with its reason; nothing reaches the central.
    const feedbackId = a.db.prepare('SELECT id FROM client_feedback').pluck().get() as string;
    const metric = a.newId();
    const eventId = a.db.prepare('SELECT id FROM lead_events WHERE lead_id = ?').pluck().get(ownLead) as string;
    const refused: Array<[string, () => void, RegExp]> = [
      ['a lead owned by a colleague', () => a.insert('leads', row(a.newId(), ids.bob)), /create leads that you own/],
      ['moving a colleague’s lead', () => a.update('leads', bobLead.id, { stage: 'proposal' }), /only the leads you own/],
      ['giving her lead away', () => a.update('leads', ownLead, { owner_id: ids.bob }), /only an admin can give a lead/],
      [
        'converting her lead',
        () => a.update('leads', ownLead, { client_id: ids.client }),
        /only an admin can give a lead to a colleague or convert/,
      ],
      [
        'an event under a colleague’s name',
        () =>
          a.insert('lead_events', {
            id: a.newId(),
            lead_id: ownLead,
            from_stage: 'discovery',
            to_stage: 'proposal',
            moved_on: '2026-11-20',
            moved_at: '2026-11-20T02:00:00.000Z',
            moved_by: ids.bob,
          }),
        /under your own name/,
      ],
      [
        'a move of a colleague’s lead',
        () =>
          a.insert('lead_events', {
            id: a.newId(),
            lead_id: bobLead.id,
            from_stage: 'discovery',
            to_stage: 'won',
            moved_on: '2026-11-20',
            moved_at: '2026-11-20T02:00:00.000Z',
            moved_by: ids.alice,
          }),
        /move only the leads you own/,
      ],
      [
        'changing a recorded answer',
        () => a.update('client_feedback', feedbackId, { score: 10 }),
        /only an admin can change or delete feedback/,
      ],
      [
        'defining a metric',
        () => a.insert('metrics', { id: metric, name: 'Talks', unit: '', target: 2, direction: 'higher' }),
        /only an admin can define metrics/,
      ],
      ['deleting a move', () => a.remove('lead_events', eventId), /history is kept as it was/],
    ];
    for (const [what, write, reason] of refused) {
      const before = listRejections(a).length;
      out = await pushRaw(a, aliceUrl, write);
      expect(out.result.rejected, what).toBe(1);
      expect(out.reasons.slice(before)[0], what).toMatch(reason);
    }
    const { rows } = await central.admin.query(
      `SELECT (SELECT count(*)::int FROM leads) AS leads, (SELECT count(*)::int FROM metrics) AS metrics,
              (SELECT stage FROM leads WHERE id = $1) AS bob_stage, (SELECT owner_id::text FROM leads WHERE id = $2) AS owner,
              (SELECT score FROM client_feedback WHERE id = $3) AS score`,
      [bobLead.id, ownLead, feedbackId],
    );
    expect(rows[0]).toEqual({ leads: 2, metrics: 0, bob_stage: 'discovery', owner: ids.alice, score: 9 });
  });

  it('gives a hostile consultant with psql no direct write on any sales table', async () => {
    const psql = new pg.Client({ connectionString: aliceUrl });
    await psql.connect();
    try {
      const attempts = [
        `INSERT INTO leads (id, company, source, tier, estimated_value_cents, probability, owner_id, stage, created_on, _hlc)
         VALUES (gen_random_uuid(), 'X', 'other', 'pipeline_mvp', 1, 1, '${ids.alice}', 'discovery', '2026-11-20', 'x')`,
        `UPDATE leads SET stage = 'won'`,
        `DELETE FROM lead_events`,
        `INSERT INTO client_feedback (id, client_id, score, responded_on, _hlc) VALUES (gen_random_uuid(), '${ids.client}', 10, '2026-11-20', 'x')`,
        `INSERT INTO metrics (id, name, target, direction, _hlc) VALUES (gen_random_uuid(), 'M', 1, 'higher', 'x')`,
        `UPDATE metric_values SET value = 0`,
      ];
      for (const sql of attempts) await expect(psql.query(sql), sql).rejects.toThrow(/permission denied/);
      // …while reading all of it, as the dashboards need.
      await expect(psql.query('SELECT count(*) FROM leads, lead_events, client_feedback, metrics, metric_values')).resolves.toBeTruthy();
    } finally {
      await psql.end();
    }
  });

  it('refuses admin-only writes at once on a replica that learnt its login is a consultant; an admin’s go through', async () => {
    const a = await laptop('a', aliceUrl);
    const path = a.db.name;
    a.db.close();
    const core = new Core({ dbPath: path, consultantEmail: 'alice@example.com' });
    try {
      await expect(core.call('metrics.define', { name: 'Talks', target: 2, direction: 'higher' })).rejects.toMatchObject({
        code: 'forbidden',
        message: expect.stringMatching(/Only an admin can define metrics/),
      });
      expect(core.db.prepare('SELECT count(*) FROM outbox').pluck().get()).toBe(0);
      const scorecard = await core.call('kpis.scorecard', { from: '2026-11-01', to: '2026-11-20' });
      expect(scorecard.canEditMetrics).toBe(false);
    } finally {
      await core.close();
    }

    const admin = await laptop('hq', central.url);
    expect(centralRole(admin.db, false)).toBe('admin');
    const adminCore = new Core({ dbPath: admin.db.name, consultantEmail: 'bob@example.com', centralUrl: central.url });
    admin.db.close();
    try {
      const m = await adminCore.call('metrics.define', { name: 'Talks', unit: 'talks', target: 2, direction: 'higher' });
      await adminCore.call('metrics.record', { metricId: m.id, recordedOn: '2026-11-02', value: 3 });
      await adminCore.call('sync.now');
    } finally {
      await adminCore.close();
    }
    const { rows } = await central.admin.query('SELECT m.name, v.value FROM metrics m JOIN metric_values v ON v.metric_id = m.id');
    expect(rows).toEqual([{ name: 'Talks', value: 3 }]);
  });
});
