// Another process writing the replica (ops, while the app runs) is announced to the front ends,
// even when an API call of the app's own comes between that write and the next look.
import Database from 'better-sqlite3';
import { afterEach, describe, expect, it } from 'vitest';
import { Core } from './api';
import { replicaWithPipelines } from './pipelines/testing';

let core: Core | null = null;
afterEach(async () => {
  await core?.close();
  core = null;
});

describe('writes by another process', () => {
  it('are announced (data.changed *) even when the app queries before its watcher looks', async () => {
    const { replica } = replicaWithPipelines();
    const file = replica.db.name;
    replica.db.close();
    // No watcher interval: only the API call can notice.
    core = new Core({ dbPath: file, consultantEmail: 'alice@example.com' });
    await core.call('pipelines.list');
    const changed: string[][] = [];
    core.on('data.changed', ({ tables }) => changed.push(tables));

    const other = new Database(file);
    other.prepare(`UPDATE settings SET value = value WHERE key = 'time_zone'`).run();
    other.prepare(`INSERT INTO settings (key, value) VALUES ('external_marker', '1')`).run();
    other.close();

    await core.call('pipelines.list'); // a read of the app's own, before any watcher tick
    expect(changed).toEqual([['*']]);
    await core.call('pipelines.list'); // and once only
    expect(changed).toEqual([['*']]);
  });
});
