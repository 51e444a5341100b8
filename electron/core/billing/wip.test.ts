// Work in progress read from the aggregate (project_values less the entries started after the
// range's end, migrations/sqlite/0014) equals the same figure summed from the entries: on the billing
// fixture (drafts, a void invoice, every rounding rule) and on the demo at scale 1 for ranges ending
// on its last day, a month before (a few thousand entries after the end) and a year before (too many:
// read from the entries), after an entry moves onto a draft, a rule changes, and an invoice is voided.
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { addDays, dayStartUtc } from '../../../shared/time';
import { seedDemo } from '../demo/seed';
import { openReplica } from '../db/open';
import { tempDir } from '../testing';
import { newReplica } from '../sync/fixtures';
import { Replica } from '../sync/replica';
import { seedBillingFixture } from './fixture';
import { wipFigures } from './queries/dashboard';

const ZONE = 'Australia/Brisbane';
const both = (replica: Replica, to: string) => {
  const until = dayStartUtc(addDays(to, 1), ZONE);
  return { aggregate: wipFigures(replica.db, to, until), entries: wipFigures(replica.db, to, until, 'entries') };
};

describe('work in progress from the aggregate', () => {
  it('equals the entries on the billing fixture, whatever the range’s end', () => {
    const replica = newReplica();
    seedBillingFixture(replica);
    for (const to of ['2026-08-31', '2026-09-30', '2026-10-15', '2026-10-31', '2026-11-30', '2027-01-31']) {
      const { aggregate, entries } = both(replica, to);
      expect(aggregate, to).toEqual(entries);
    }
    expect(both(replica, '2026-11-30').aggregate.cents).toBeGreaterThan(0);
    replica.db.close();
  });

  it('equals the entries on the demo at scale 1, and after a draft, a rule change and a void', () => {
    const db = openReplica(path.join(tempDir(), 'demo.sqlite'));
    const replica = new Replica(db);
    const anchor = '2026-11-20';
    seedDemo(replica, { scale: 1, anchor });
    const check = () => {
      for (const to of [anchor, addDays(anchor, -30), addDays(anchor, -365)]) {
        const { aggregate, entries } = both(replica, to);
        expect(aggregate, to).toEqual(entries);
        expect(aggregate.cents, to).toBeGreaterThan(0);
      }
    };
    check();
    const draft = db.prepare("SELECT id FROM invoices WHERE status = 'draft' LIMIT 1").pluck().get() as string;
    const entry = db
      .prepare(
        "SELECT e.id FROM time_entries e JOIN projects p ON p.id = e.project_id WHERE e.billable = 1 AND e.invoice_id IS NULL AND p.pricing = 'hourly' ORDER BY e.started_at DESC LIMIT 1",
      )
      .pluck()
      .get() as string;
    replica.transaction(() => replica.update('time_entries', entry, { invoice_id: draft }));
    const project = db.prepare('SELECT project_id FROM time_entries WHERE id = ?').pluck().get(entry) as string;
    replica.transaction(() => replica.update('projects', project, { rounding_mode: 'nearest', rounding_step: 15 }));
    const sent = db.prepare("SELECT id FROM invoices WHERE status = 'sent' LIMIT 1").pluck().get() as string;
    replica.transaction(() => replica.update('invoices', sent, { status: 'void' }));
    check();
    db.close();
  });
});
