import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { freshCentral, type TestCentral } from '../central/testing';
import { syncOnce } from './engine';
import { addEntry, centralRows, newReplica, replicaRows, seedTiny } from './fixtures';

let central: TestCentral;
beforeEach(async () => {
  central = await freshCentral();
});
afterEach(async () => {
  await central.drop();
});

describe('sync round trip', () => {
  it('pushes one replica and fills an empty one from the central database', async () => {
    const a = newReplica('a');
    const ids = seedTiny(a);
    addEntry(a, ids.alice, ids.project, 90, 'Pairing');
    const first = await syncOnce(a, central.url);
    expect(first.pushed).toBe(6);
    expect(first.rejected).toBe(0);
    expect(a.db.prepare('SELECT count(*) FROM outbox').pluck().get()).toBe(0);

    const b = newReplica('b');
    const pulled = await syncOnce(b, central.url);
    expect(pulled.pulled).toBe(6);
    expect(replicaRows(b)).toEqual(replicaRows(a));
    expect(await centralRows(central.admin)).toEqual(replicaRows(a));

    // A second sync with nothing new moves nothing.
    expect(await syncOnce(b, central.url)).toMatchObject({ pushed: 0, pulled: 0 });
  });
});
