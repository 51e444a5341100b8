// A small consultancy in Sydney for the projects dashboard's tests, every figure computed by hand
// in projects.test.ts. Sydney's clocks go forward on Sunday 2026-10-04 (02:00 AEST → 03:00 AEDT)
// and back on Sunday 2026-04-05 (03:00 AEDT → 02:00 AEST); entries sit on both sides.
import { newReplica } from '../sync/fixtures';
import { writeSetting, type Replica } from '../sync/replica';

export const ZONE = 'Australia/Sydney';
/** The range most tests use: two whole local weeks, the first holding the October change. */
export const RANGE = { from: '2026-09-28', to: '2026-10-11', timeZone: ZONE };
export const TODAY = '2026-10-20';

export interface ProjectsFixture {
  replica: Replica;
  ids: Record<'ann' | 'pat' | 'zed' | 'old' | 'client' | 'alpha' | 'beta' | 'gamma' | 'delta' | 'echo' | 'foxtrot' | 'hotel', string> &
    Record<'inv1' | 'void1' | 'e1' | 'e2' | 'e3' | 'gammaLast' | 'gammaApril' | 'betaEdge' | 'deltaLast' | 'hotelLast' | 'zedBeta', string>;
}

export function projectsFixture(): ProjectsFixture {
  const replica = newReplica('projects');
  const id = () => replica.newId();
  const ids = Object.fromEntries(
    [
      'ann',
      'pat',
      'zed',
      'old',
      'client',
      'alpha',
      'beta',
      'gamma',
      'delta',
      'echo',
      'foxtrot',
      'hotel',
      'inv1',
      'void1',
      'e1',
      'e2',
      'e3',
      'gammaLast',
      'gammaApril',
      'betaEdge',
      'deltaLast',
      'hotelLast',
      'zedBeta',
    ].map((k) => [k, id()]),
  ) as ProjectsFixture['ids'];
  replica.transaction(() => {
    const consultant = (key: 'ann' | 'pat' | 'zed' | 'old', name: string, capacity: number, cost: number | null, active = 1) =>
      replica.insert('consultants', {
        id: ids[key],
        name,
        email: `${key}@example.com`,
        default_rate_cents: 15000,
        cost_rate_cents: cost,
        weekly_capacity_hours: capacity,
        active,
      });
    consultant('ann', 'Ann Full', 38, 9000);
    consultant('pat', 'Pat Part', 24, null); // part-time; no cost rate on this replica
    consultant('zed', 'Zed Zero', 0, 9000); // no capacity
    consultant('old', 'Old Alumnus', 38, 9000, 0); // left
    replica.insert('clients', {
      id: ids.client,
      name: 'Moreton Freight',
      industry: 'Logistics',
      region: 'Sydney',
      nps: 40,
      status: 'active',
    });
    const project = (
      key: keyof ProjectsFixture['ids'],
      name: string,
      tier: string,
      status: string,
      budget: number,
      start: string,
      due: string | null,
    ) =>
      replica.insert('projects', {
        id: ids[key],
        client_id: ids.client,
        name,
        tier,
        status,
        budget_cents: budget,
        hourly_rate_cents: 12000,
        rounding_mode: 'none',
        rounding_step: 15,
        start_on: start,
        due_on: due,
      });
    project('alpha', 'Alpha', 'pipeline_mvp', 'active', 100000, '2026-09-01', '2026-10-15');
    project('beta', 'Beta', 'devops_foundation', 'on_hold', 0, '2026-09-15', null);
    project('gamma', 'Gamma', 'enterprise_cloud', 'completed', 500000, '2026-08-01', '2026-10-10');
    project('delta', 'Delta', 'pipeline_mvp', 'completed', 300000, '2026-07-01', '2026-08-31');
    project('echo', 'Echo', 'pipeline_mvp', 'completed', 300000, '2026-06-01', '2026-07-31');
    project('foxtrot', 'Foxtrot', 'enterprise_cloud', 'proposed', 900000, '2026-12-01', '2027-06-30');
    project('hotel', 'Hotel', 'devops_foundation', 'completed', 200000, '2026-09-01', '2026-10-08'); // done on its due day
    const invoice = (key: 'inv1' | 'void1', status: string, subtotal: number) =>
      replica.insert('invoices', {
        id: ids[key],
        client_id: ids.client,
        project_id: ids.alpha,
        number: key.toUpperCase(),
        issued_on: '2026-10-05',
        due_on: '2026-10-19',
        status,
        subtotal_cents: subtotal,
        tax_cents: Math.round(subtotal / 10),
        total_cents: subtotal + Math.round(subtotal / 10),
        paid_on: null,
      });
    invoice('inv1', 'sent', 60000);
    invoice('void1', 'void', 99990);
    const entry = (
      key: keyof ProjectsFixture['ids'],
      who: 'ann' | 'pat' | 'zed' | 'old',
      on: 'alpha' | 'beta' | 'gamma' | 'delta' | 'hotel',
      startedAt: string,
      minutes: number,
      rate: number,
      billable = 1,
      invoice: string | null = null,
    ) =>
      replica.insert('time_entries', {
        id: ids[key],
        project_id: ids[on],
        consultant_id: ids[who],
        started_at: startedAt,
        minutes,
        billable,
        note: key,
        rate_cents: rate,
        invoice_id: invoice,
      });
    // Local times in Sydney: AEST is +10, AEDT (from 2026-10-04 02:00) +11.
    entry('e1', 'ann', 'alpha', '2026-09-29T23:00:00.000Z', 300, 12000, 1, ids.inv1); // Wed 30 Sep 09:00 AEST; 60000 billed
    entry('e2', 'pat', 'alpha', '2026-10-05T22:00:00.000Z', 240, 12000); // Tue 6 Oct 09:00 AEDT; 48000 unbilled
    entry('e3', 'ann', 'alpha', '2026-10-06T22:00:00.000Z', 60, 12000, 0); // not billable
    entry('gammaLast', 'ann', 'gamma', '2026-10-04T13:30:00.000Z', 120, 15000); // Mon 5 Oct 00:30 AEDT (a +10 clock says Sun 4 Oct)
    entry('gammaApril', 'ann', 'gamma', '2026-04-05T13:30:00.000Z', 45, 15000); // Sun 5 Apr 23:30 AEST (a +11 clock says Mon 6 Apr)
    entry('betaEdge', 'pat', 'beta', '2026-09-27T14:30:00.000Z', 90, 10000); // Mon 28 Sep 00:30 AEST: the range's first half hour
    entry('zedBeta', 'zed', 'beta', '2026-10-07T00:00:00.000Z', 30, 10000);
    entry('deltaLast', 'ann', 'delta', '2026-09-20T00:00:00.000Z', 180, 10000); // previous period
    entry('hotelLast', 'pat', 'hotel', '2026-10-08T00:00:00.000Z', 60, 10000);
    replica.insert('time_entries', {
      id: replica.newId(),
      project_id: ids.delta,
      consultant_id: ids.old,
      started_at: '2026-09-15T00:00:00.000Z',
      minutes: 60,
      billable: 1,
      note: 'alumnus',
      rate_cents: 10000,
      invoice_id: null,
    });
    replica.insert('expenses', {
      id: replica.newId(),
      project_id: ids.gamma,
      category: 'Travel',
      amount_cents: 5000,
      spent_on: '2026-09-10',
      note: '',
    });
    writeSetting(replica.db, 'time_zone', ZONE);
  });
  return { replica, ids };
}
