import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { Core } from '../api';
import { freshCentral, type TestCentral } from '../central/testing';
import { tempDir } from '../testing';
import { syncOnce } from './engine';
import { addEntry, centralRows, newReplica, seedTiny } from './fixtures';

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
