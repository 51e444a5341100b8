// LISTEN/NOTIFY across a network that drops and comes back, with a real PostgreSQL.
import { afterEach, beforeEach, expect, it } from 'vitest';
import { cuttableLink, freshCentral, type TestCentral } from '../central/testing';
import { waitFor } from '../../pipeline-server/testing';
import { ChangeListener } from './listener';

let central: TestCentral;
beforeEach(async () => {
  central = await freshCentral();
});
afterEach(async () => {
  await central.drop();
});

it('listens again as soon as it is woken when the central is back, not at its next retry', async () => {
  const link = await cuttableLink(central.url);
  let pokes = 0;
  const listener = new ChangeListener(link.url, () => void (pokes += 1), 600_000);
  await listener.start();
  await central.admin.query(`NOTIFY ops_changes, 'projects'`);
  await waitFor(async () => pokes === 1, 5_000, 'the first poke');

  await link.cut();
  await new Promise((resolve) => setTimeout(resolve, 200)); // it notices the connection is gone
  await link.restore();
  listener.wake(); // a sync reached the central again
  // (a poke comes 200 ms after the last of a burst of notifications)
  for (let i = 0; i < 10 && pokes < 2; i++) {
    await central.admin.query(`NOTIFY ops_changes, 'projects'`);
    await new Promise((resolve) => setTimeout(resolve, 500));
  }
  expect(pokes).toBe(2);
  await listener.stop();
});
