// NPS and satisfaction against hand-computed values: no responses is no score (null, not 0), all
// passives is 0, a mix; per client, per tier (responses with no project apart) and by month.
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { salesReplica } from '../leads/fixture';
import type { TinyIds } from '../sync/fixtures';
import type { Replica } from '../sync/replica';
import { npsFigure } from './nps';
import { addFeedback, npsReport } from './queries';

const ZONE = 'Australia/Brisbane';

describe('npsFigure', () => {
  it('is null with no responses, 0 with only passives, and % promoters − % detractors otherwise', () => {
    expect(npsFigure({ responses: 0, promoters: 0, passives: 0, detractors: 0 })).toMatchObject({ nps: null, satisfaction: null });
    expect(npsFigure({ responses: 3, promoters: 0, passives: 3, detractors: 0 })).toMatchObject({ nps: 0, satisfaction: 1 });
    expect(npsFigure({ responses: 5, promoters: 3, passives: 1, detractors: 1 })).toMatchObject({ nps: 40, satisfaction: 0.8 });
    expect(npsFigure({ responses: 3, promoters: 0, passives: 0, detractors: 3 })).toMatchObject({ nps: -100, satisfaction: 0 });
  });
});

describe('the NPS report', () => {
  let replica: Replica;
  let ids: TinyIds;
  const add = (score: number, respondedOn: string, projectId: string | null = null) =>
    addFeedback(replica, { clientId: ids.client, projectId, score, comment: '', respondedOn }, '2026-11-20');
  beforeEach(() => {
    ({ replica, ids } = salesReplica(ZONE));
  });
  afterEach(() => replica.db.close());

  it('counts promoters (9–10), passives (7–8) and detractors (0–6) overall, per client, per tier and per month', () => {
    // September: all passives. October: 10, 9, 9 (promoters), 7 (passive), 3 (detractor).
    add(7, '2026-09-03', ids.project);
    add(8, '2026-09-10', ids.project);
    add(7, '2026-09-30');
    add(10, '2026-10-01', ids.project);
    add(9, '2026-10-02', ids.project2);
    add(9, '2026-10-15');
    add(7, '2026-10-20');
    add(3, '2026-10-31', ids.project);
    add(0, '2026-11-01'); // outside the range
    const r = npsReport(replica.db, '2026-08-01', '2026-10-31', ZONE);
    expect(r.overall).toEqual({ responses: 8, promoters: 3, passives: 4, detractors: 1, nps: 25, satisfaction: 7 / 8 });
    expect(r.months.map((m) => [m.month, m.responses, m.nps, m.satisfaction])).toEqual([
      ['2026-08', 0, null, null],
      ['2026-09', 3, 0, 1],
      ['2026-10', 5, 40, 0.8],
    ]);
    expect(r.byClient).toHaveLength(1);
    expect(r.byClient[0]).toMatchObject({ clientId: ids.client, clientName: 'Moreton Freight', responses: 8, nps: 25 });
    // both projects are Pipeline MVPs: 7, 8, 10, 9, 3 → 2 promoters, 2 passives, 1 detractor; no project: 7, 9, 7
    expect(r.byTier).toEqual([
      { tier: 'pipeline_mvp', responses: 5, promoters: 2, passives: 2, detractors: 1, nps: 20, satisfaction: 0.8 },
      { tier: null, responses: 3, promoters: 1, passives: 2, detractors: 0, nps: (100 * 1) / 3, satisfaction: 1 },
    ]);
  });

  it('has no score at all for a range with no responses', () => {
    add(10, '2026-10-01');
    const r = npsReport(replica.db, '2026-01-01', '2026-01-31', ZONE);
    expect(r.overall).toEqual({ responses: 0, promoters: 0, passives: 0, detractors: 0, nps: null, satisfaction: null });
    expect(r.byClient).toEqual([]);
    expect(r.months[0]).toMatchObject({ responses: 0, nps: null });
  });
});
