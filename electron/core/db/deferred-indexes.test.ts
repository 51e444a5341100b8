import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { tempDir } from '../testing';
import { buildDeferredIndexes, deferIndexes } from './deferred-indexes';
import { addEntry, newReplica, seedTiny } from '../sync/fixtures';
import { openReplica, type Sqlite } from './open';

const secondaryIndexes = (db: Sqlite) =>
  db.prepare("SELECT name FROM sqlite_schema WHERE type = 'index' AND sql IS NOT NULL ORDER BY name").pluck().all() as string[];

describe('indexes set aside during a bulk load', () => {
  it('are dropped and remembered together, and built again when asked', () => {
    const db = openReplica(path.join(tempDir(), 'replica.sqlite'));
    const all = secondaryIndexes(db);
    db.transaction(() => deferIndexes(db, ['time_entries', 'projects'])).immediate();
    expect(secondaryIndexes(db)).toEqual(all.filter((n) => !n.startsWith('time_entries_') && n !== 'projects_client'));
    // 5 on time_entries, 1 on projects; and the 15 triggers of labour_months, billable_days,
    // project_values, billable_local_days and project_spans (0015) with their rebuild.
    expect(db.prepare('SELECT count(*) FROM deferred_indexes').pluck().get()).toBe(22);

    expect(db.transaction(() => buildDeferredIndexes(db)).immediate()).toBe(22);
    expect(secondaryIndexes(db)).toEqual(all);
    expect(db.prepare('SELECT count(*) FROM deferred_indexes').pluck().get()).toBe(0);
    // The partial index keeps its WHERE clause.
    expect(db.prepare("SELECT sql FROM sqlite_schema WHERE name = 'time_entries_invoice'").pluck().get()).toMatch(
      /WHERE invoice_id IS NOT NULL/,
    );
    db.close();
  });

  it('set an aggregate’s triggers aside too, and build the aggregate again from its table', () => {
    const replica = newReplica();
    const ids = seedTiny(replica);
    addEntry(replica, ids.alice, ids.project, 30);
    const { db } = replica;
    const months = () => db.prepare('SELECT month, project_id, consultant_id, minutes, entries FROM labour_months').all();
    db.transaction(() => deferIndexes(db, ['time_entries'])).immediate();
    addEntry(replica, ids.bob, ids.project, 45); // no trigger now: the aggregate does not see it
    expect(months()).toEqual([expect.objectContaining({ consultant_id: ids.alice, minutes: 30 })]);
    db.transaction(() => buildDeferredIndexes(db)).immediate();
    expect(months()).toHaveLength(2);
    addEntry(replica, ids.bob, ids.project, 15); // and the triggers keep it again
    expect(months()).toEqual(expect.arrayContaining([expect.objectContaining({ consultant_id: ids.bob, minutes: 60, entries: 2 })]));
    db.close();
  });

  it('stay in place when the transaction that set them aside rolls back', () => {
    const db = openReplica(path.join(tempDir(), 'replica.sqlite'));
    const all = secondaryIndexes(db);
    expect(() =>
      db.transaction(() => {
        deferIndexes(db, ['time_entries']);
        throw new Error('the load failed');
      })(),
    ).toThrow('the load failed');
    expect(secondaryIndexes(db)).toEqual(all);
    expect(db.prepare('SELECT count(*) FROM deferred_indexes').pluck().get()).toBe(0);
    db.close();
  });

  it('are built again when a replica left in the middle of a load is opened', () => {
    const file = path.join(tempDir(), 'replica.sqlite');
    const db = openReplica(file);
    const all = secondaryIndexes(db);
    db.transaction(() => deferIndexes(db, ['time_entries', 'invoices'])).immediate();
    db.close(); // as if the app stopped here

    const reopened = openReplica(file);
    expect(secondaryIndexes(reopened)).toEqual(all);
    expect(reopened.prepare('SELECT count(*) FROM deferred_indexes').pluck().get()).toBe(0);
    reopened.close();
  });

  it('are looked for without a write lock, so a replica opens while another process writes', () => {
    const file = path.join(tempDir(), 'replica.sqlite');
    const writer = openReplica(file);
    writer.exec('BEGIN IMMEDIATE'); // say, the app in the middle of a sync
    const reader = openReplica(file);
    expect(reader.prepare('SELECT count(*) FROM time_entries').pluck().get()).toBe(0);
    reader.close();
    writer.exec('ROLLBACK');
    writer.close();
  });
});
