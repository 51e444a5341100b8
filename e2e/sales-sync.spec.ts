// A lead moved offline on one laptop appears moved on another after both sync (issue 13), through a
// real throwaway central: laptop A is the `ops` command on its own replica, laptop B the browser
// host on another, its Sales pipeline board in Chromium.
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { expect, test, type Page } from '@playwright/test';
import { createCentral, type E2eCentral } from './central';
import { ops, startHost, type RunningHost } from './host';
import { lookAt } from './look';

let central: E2eCentral;
let host: RunningHost | undefined;
let dir: string;

test.beforeEach(async () => {
  central = await createCentral();
  dir = fs.mkdtempSync(path.join(os.tmpdir(), 'ops-e2e-sales-sync-'));
});
test.afterEach(async () => {
  await host?.stop();
  host = undefined;
  await central.drop();
  fs.rmSync(dir, { recursive: true, force: true });
});

async function syncNow(page: Page): Promise<void> {
  await page.getByRole('link', { name: 'Sync', exact: true }).click();
  const before = await page.getByTestId('sync-last-attempt').textContent();
  await page.getByRole('button', { name: 'Sync now' }).click();
  await expect(page.getByTestId('sync-last-attempt')).not.toHaveText(before ?? '', { timeout: 60_000 });
  await expect(page.getByTestId('sync-last-attempt')).not.toContainText('failed');
  await page.getByRole('link', { name: 'Sales pipeline' }).click();
}

test('a lead moved offline on one laptop appears moved on another after both sync', async ({ page }) => {
  test.setTimeout(300_000);
  await page.setViewportSize({ width: 1366, height: 768 });
  const a = path.join(dir, 'a.sqlite');
  const b = path.join(dir, 'b.sqlite');
  ops('seed', '--demo', '--db', a, '--anchor', '2026-11-21');
  ops('leads', 'add', '--db', a, '--company', 'Offline Move Pty', '--tier', 'pipeline_mvp', '--value', '6500');
  ops('sync', '--db', a, '--central', central.url);
  ops('sync', '--db', b, '--central', central.url);

  host = await startHost({ db: b, central: central.url });
  await page.goto(`${host.url}#/sales`);
  const card = (stage: string) => page.getByTestId(`column-${stage}`).getByTestId('lead-card').filter({ hasText: 'Offline Move Pty' });
  await expect(card('discovery')).toHaveCount(1);

  // Laptop A, offline: the move is only in its replica. B syncs and still has it in discovery.
  const moved = ops('leads', 'move', 'Offline Move Pty', '--stage', 'proposal', '--db', a, '--json');
  expect(JSON.parse(moved)).toMatchObject({ stage: 'proposal' });
  await syncNow(page);
  await expect(card('discovery')).toHaveCount(1);
  await expect(card('proposal')).toHaveCount(0);

  // A syncs; B's next sync brings the move, and the lead's history with it.
  expect(ops('sync', '--db', a, '--central', central.url)).toMatch(/pushed [1-9]/);
  await syncNow(page);
  await expect(card('proposal')).toHaveCount(1);
  await expect(card('discovery')).toHaveCount(0);
  const events = await central.admin.query(
    `SELECT e.from_stage, e.to_stage FROM lead_events e JOIN leads l ON l.id = e.lead_id WHERE l.company = 'Offline Move Pty' ORDER BY e.moved_at`,
  );
  expect(events.rows).toEqual([
    { from_stage: null, to_stage: 'discovery' },
    { from_stage: 'discovery', to_stage: 'proposal' },
  ]);
  await card('proposal').scrollIntoViewIfNeeded();
  await lookAt(page, 'sales-moved-on-another-laptop-light');
});
