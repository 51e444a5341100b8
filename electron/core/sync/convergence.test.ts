// Correctness 6: three replicas make random inserts, updates and deletes offline and sync in
// random orders, while another system writes directly to PostgreSQL. In the end every replica
// equals the central database row for row.
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { SeededRandom } from '../demo/random';
import { freshCentral, type TestCentral } from '../central/testing';
import { syncOnce } from './engine';
import { addEntry, centralRows, newReplica, replicaRows, seedTiny, type TinyIds } from './fixtures';
import type { Replica } from './replica';
import { discardRejection, listRejections } from './rejections';

let central: TestCentral;
beforeEach(async () => {
  central = await freshCentral();
});
afterEach(async () => {
  await central.drop();
});

const NOTES = ['review', 'deploy', 'incident', 'workshop', 'handover'];

function randomEntryId(replica: Replica, random: SeededRandom): string | undefined {
  const ids = replica.db.prepare('SELECT id FROM time_entries ORDER BY id').pluck().all() as string[];
  return ids.length ? random.pick(ids) : undefined;
}

async function randomCentralEntry(random: SeededRandom): Promise<string | undefined> {
  const { rows } = await central.admin.query<{ id: string }>('SELECT id::text AS id FROM time_entries ORDER BY id');
  return rows.length ? random.pick(rows).id : undefined;
}

describe('randomized convergence', () => {
  it.each([1, 2, 3, 4, 5])('three replicas and direct server writes converge (seed %i)', async (seed) => {
    const random = new SeededRandom(seed);
    const origin = newReplica('origin');
    const ids: TinyIds = seedTiny(origin);
    await syncOnce(origin, central.url);
    const replicas = [newReplica('r0'), newReplica('r1'), newReplica('r2')];
    for (const r of replicas) await syncOnce(r, central.url);

    for (let step = 0; step < 80; step++) {
      const roll = random.next();
      const replica = random.pick(replicas);
      if (roll < 0.25) {
        addEntry(
          replica,
          random.pick([ids.alice, ids.bob]),
          random.pick([ids.project, ids.project2]),
          random.int(1, 600),
          random.pick(NOTES),
        );
      } else if (roll < 0.5) {
        const id = randomEntryId(replica, random);
        const changes: Record<string, string | number> = random.chance(0.5)
          ? { note: `${random.pick(NOTES)} ${step}` }
          : { minutes: random.int(1, 600), billable: random.int(0, 1) };
        if (id) replica.transaction(() => replica.update('time_entries', id, changes));
      } else if (roll < 0.58) {
        const id = randomEntryId(replica, random);
        if (id) replica.transaction(() => replica.remove('time_entries', id));
      } else if (roll < 0.7) {
        const id = await randomCentralEntry(random);
        if (id && random.chance(0.8)) await central.admin.query('UPDATE time_entries SET note = $2 WHERE id = $1', [id, `server ${step}`]);
        else if (id) await central.admin.query('DELETE FROM time_entries WHERE id = $1', [id]);
      } else {
        await syncOnce(replica, central.url);
      }
    }

    for (let round = 0; round < 2; round++) for (const r of replicas) await syncOnce(r, central.url);
    // Edits of rows deleted elsewhere wait, with their values, for the user: here they discard them.
    for (const r of replicas) {
      for (const rejection of listRejections(r)) {
        expect(rejection.values).not.toBeNull();
        discardRejection(r, rejection.mutationId);
      }
    }
    for (let round = 0; round < 2; round++) for (const r of replicas) await syncOnce(r, central.url);
    const truth = await centralRows(central.admin);
    expect(truth.size).toBeGreaterThan(5);
    for (const r of replicas) expect(replicaRows(r)).toEqual(truth);
  });
});
