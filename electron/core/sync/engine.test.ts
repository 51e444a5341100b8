import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { SyncStatus } from '../../../shared/domain';
import { Core } from '../api';
import { freshCentral, type TestCentral } from '../central/testing';
import { tempDir } from '../testing';
import { syncOnce } from './engine';
import { addEntry, centralRows, newReplica, replicaRows, seedTiny } from './fixtures';

let central: TestCentral;
beforeEach(async () => {
  central = await freshCentral();
});
afterEach(async () => {
  await central.drop();
});

describe('central schema version', () => {
  it('stops with “update the app” on a newer central schema, changing nothing on either side', async () => {
    const replica = newReplica();
    const ids = seedTiny(replica);
    await syncOnce(replica, central.url);
    addEntry(replica, ids.alice, ids.project, 20);
    await central.admin.query('UPDATE _schema_meta SET version = 99');
    const before = await centralRows(central.admin);

    await expect(syncOnce(replica, central.url)).rejects.toThrow(/newer schema .*Update the app/);
    expect(replica.db.prepare('SELECT count(*) FROM outbox WHERE rejected_at IS NULL').pluck().get()).toBe(1);
    expect(await centralRows(central.admin)).toEqual(before);
    expect(replica.db.prepare('SELECT last_error FROM sync_state').pluck().get()).toMatch(/Update the app/);
  });

  it('asks for `central migrate` on a database without the schema', async () => {
    await central.admin.query('DROP TABLE _schema_meta CASCADE');
    await expect(syncOnce(newReplica(), central.url)).rejects.toThrow(/central migrate/);
  });
});

describe('secrets', () => {
  it('keeps the password out of settings, status, errors and everything the renderer gets', async () => {
    const core = new Core({ dbPath: `${tempDir()}/r.sqlite` });
    const secretUrl = central.url.replace('postgres@', 'postgres:hunter2-secret@');
    await core.call('central.update', { url: secretUrl });
    const answers: unknown[] = [
      await core.call('central.get'),
      await core.call('sync.status'),
      await core.call('status.get'),
      await core.call('workspace.info'),
      await core.call('central.test'),
    ];
    await core.call('central.update', { url: secretUrl.replace(central.name, 'missing_db') });
    answers.push(await core.invoke('sync.now'), await core.call('sync.status'));
    const text = JSON.stringify(answers);
    expect(text).not.toContain('hunter2');
    expect(text).toContain('missing_db'); // the error names the database, not the password
    expect(core.replica.db.prepare('SELECT group_concat(value) FROM settings').pluck().get()).not.toContain('hunter2');
    await core.close();
  });
});

describe('another central database', () => {
  it('refuses while changes for the first one wait, then mirrors the other database exactly', async () => {
    const replica = newReplica();
    const ids = seedTiny(replica);
    await syncOnce(replica, central.url);
    const other = await freshCentral();
    try {
      const origin = newReplica('origin');
      seedTiny(origin);
      await syncOnce(origin, other.url);

      const unpushed = addEntry(replica, ids.alice, ids.project, 25, 'made before the switch');
      await expect(syncOnce(replica, other.url)).rejects.toThrow(/unsynced change\(s\) made against another central database/);
      expect(replica.db.prepare('SELECT count(*) FROM outbox WHERE row_id = ?').pluck().get(unpushed)).toBe(1);

      await syncOnce(replica, central.url); // sent where it belongs
      const result = await syncOnce(replica, other.url);
      expect(result.full).toBe(true);
      expect(replicaRows(replica)).toEqual(await centralRows(other.admin));
    } finally {
      await other.drop();
    }
  });
});

describe('progress of a running sync', () => {
  it('reaches the screens while a first sync fills a new laptop, and clears when it is done', async () => {
    const source = newReplica('source');
    const ids = seedTiny(source);
    for (let i = 0; i < 60; i++) addEntry(source, ids.alice, ids.project, 10 + i);
    await syncOnce(source, central.url);

    const core = new Core({ dbPath: `${tempDir()}/laptop.sqlite`, syncOptions: { pageSize: 5, flushRows: 5 } });
    await core.call('central.update', { url: central.url });
    const seen: SyncStatus[] = [];
    const stop = core.on('sync.changed', (status) => seen.push(status));
    const done = await core.call('sync.now');
    stop();

    const reports = seen.filter((s) => s.syncing && s.progress);
    expect(reports[0]?.progress).toEqual({ phase: 'pull', rows: 5 });
    expect(done).toMatchObject({ syncing: false, progress: null });
    expect(done.lastResult?.pulled).toBe(65);
    await core.close();
  });
});
