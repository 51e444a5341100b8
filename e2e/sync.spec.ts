import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { expect, test, type Page } from '@playwright/test';
import Database from 'better-sqlite3';
import { createCentral, type E2eCentral } from './central';
import { ops, startHost, type RunningHost } from './host';

let central: E2eCentral;
let host: RunningHost | undefined;

test.beforeEach(async () => {
  central = await createCentral();
});
test.afterEach(async () => {
  await host?.stop();
  host = undefined;
  await central.drop();
});

/** Fills the central with the demo data on purpose, as `npm run central:dev -- --demo` does; returns its entry count. */
function fillCentralWithDemo(url: string): number {
  const db = path.join(fs.mkdtempSync(path.join(os.tmpdir(), 'ops-e2e-fill-')), 'demo.sqlite');
  const seeded = JSON.parse(ops('seed', '--demo', '--db', db, '--anchor', '2026-11-07', '--json')) as { counts: { time_entries: number } };
  ops('sync', '--db', db, '--central', url);
  fs.rmSync(path.dirname(db), { recursive: true, force: true });
  return seeded.counts.time_entries;
}

async function centralEntries(): Promise<number> {
  return (await central.admin.query('SELECT count(*)::int AS n FROM time_entries')).rows[0].n as number;
}

async function setTheme(page: Page, theme: 'Light' | 'Dark') {
  await page.getByRole('link', { name: 'Settings' }).click();
  await page.getByRole('group', { name: 'Theme' }).getByRole('button', { name: theme }).click();
}

test('the demo workspace never syncs; the Work workspace connects in Settings and fills by its first pull', async ({ page }) => {
  await page.setViewportSize({ width: 1366, height: 768 });
  const seeded = fillCentralWithDemo(central.url);
  host = await startHost({ demoAnchor: '2026-11-21' });
  await page.goto(`${host.url}#/hours`);
  await expect(page.getByTestId('sync-indicator')).toHaveText(/Demo: never syncs/);

  // Sync and Settings say why, and offer the switch; there is no form to type a central into.
  await page.getByRole('link', { name: 'Sync', exact: true }).click();
  await expect(page.getByTestId('sealed-notice')).toContainText('never syncs');
  await setTheme(page, 'Light');
  await page.getByRole('link', { name: 'Sync', exact: true }).click();
  await page.screenshot({ path: 'e2e/artifacts/sync-demo-sealed-light.png' });
  await setTheme(page, 'Dark');
  await page.getByRole('link', { name: 'Sync', exact: true }).click();
  await page.screenshot({ path: 'e2e/artifacts/sync-demo-sealed-dark.png' });
  await page.getByRole('link', { name: 'Settings' }).click();
  await expect(page.getByLabel('Host')).toHaveCount(0);
  await expect(page.getByTestId('central-card').getByTestId('sealed-notice')).toBeVisible();
  await page.getByTestId('central-card').scrollIntoViewIfNeeded();
  await page.screenshot({ path: 'e2e/artifacts/settings-demo-central-dark.png' });
  await setTheme(page, 'Light');
  await page.getByTestId('central-card').scrollIntoViewIfNeeded();
  await page.screenshot({ path: 'e2e/artifacts/settings-demo-central-light.png' });

  await page.getByRole('button', { name: 'Switch to Work workspace' }).click();
  await expect(page.getByRole('group', { name: 'Workspace' }).getByRole('button', { name: 'Work' })).toHaveAttribute(
    'aria-pressed',
    'true',
  );
  await expect(page.getByTestId('sync-indicator')).toHaveText(/Sync not set up/);
  // The Sync screen's way to Settings is a real, styled link.
  await page.getByRole('link', { name: 'Sync', exact: true }).click();
  const setUp = page.getByRole('link', { name: 'Set up in Settings → Central' });
  await expect(setUp).toHaveClass(/btn/);
  await setUp.click();

  const url = new URL(central.url);
  await page.getByLabel('Host').fill(url.hostname);
  await expect(page.getByLabel('SSL mode')).toHaveValue('disable'); // a server on this computer
  await page.getByLabel('Port').fill(url.port || '5432');
  await page.getByLabel('Database').fill(central.name);
  await page.getByLabel('User').fill(decodeURIComponent(url.username));
  await page.getByRole('button', { name: 'Test connection' }).click();
  await expect(page.getByTestId('central-result')).toHaveText(/Connected to .*schema version \d+/);

  await page.getByLabel('SSL mode').selectOption('require');
  await page.getByRole('button', { name: 'Test connection' }).click();
  await expect(page.getByTestId('central-result')).toHaveText(
    /does not support SSL: choose SSL mode disable for a server on this computer/,
  );
  await page.getByLabel('SSL mode').selectOption('disable');

  await page.getByLabel('Database').fill('no_such_database_here');
  await page.getByRole('button', { name: 'Test connection' }).click();
  await expect(page.getByTestId('central-result')).toHaveText(
    /answers, but database "no_such_database_here" does not exist. Check the database name/,
  );
  await page.getByLabel('Database').fill(central.name);
  await page.getByTestId('central-card').getByRole('button', { name: 'Save', exact: true }).click();
  await expect(page.getByTestId('central-result')).toHaveText('Saved. Sync starts on its own.');
  await page.getByTestId('central-card').scrollIntoViewIfNeeded();
  await page.screenshot({ path: 'e2e/artifacts/settings-work-central-light.png' });

  await expect(page.getByTestId('sync-indicator')).toHaveText(/Synced/, { timeout: 30_000 });
  await page.getByRole('link', { name: 'Sync', exact: true }).click();
  await expect(page.getByTestId('sync-last-attempt')).toContainText(/pulled [\d,]+/);
  // The central holds what was put there on purpose, and not one row of the app's demo workspace.
  expect(await centralEntries()).toBe(seeded);
});

test('a failed sync shows its own reason (a wrong port), not an earlier success, and only in its workspace', async ({ page }) => {
  await page.setViewportSize({ width: 1366, height: 768 });
  fillCentralWithDemo(central.url);
  host = await startHost({ demoAnchor: '2026-11-21' });
  await page.goto(`${host.url}#/hours`);
  await page.getByRole('link', { name: 'Settings' }).click();
  await page.getByRole('group', { name: 'Workspace' }).getByRole('button', { name: 'Work' }).click();
  const url = new URL(central.url);
  await page.getByLabel('Host').fill(url.hostname);
  await page.getByLabel('Port').fill(url.port || '5432');
  await page.getByLabel('Database').fill(central.name);
  await page.getByLabel('User').fill(decodeURIComponent(url.username));
  await page.getByTestId('central-card').getByRole('button', { name: 'Save', exact: true }).click();
  await expect(page.getByTestId('sync-indicator')).toHaveText(/Synced/, { timeout: 30_000 });

  await page.getByLabel('Port').fill('9');
  await page.getByTestId('central-card').getByRole('button', { name: 'Save', exact: true }).click();
  await page.getByRole('link', { name: 'Sync', exact: true }).click();
  await page.getByRole('button', { name: 'Sync now' }).click();
  await expect(page.getByTestId('sync-error')).toHaveText(/nothing answers at 127\.0\.0\.1:9\. Check the host and port/);
  await expect(page.getByTestId('sync-last-attempt')).toContainText('failed');
  await expect(page.getByTestId('sync-last-attempt')).not.toContainText('pushed');
  await expect(page.getByTestId('sync-indicator')).toHaveText(/Cannot connect/);
  await expect(page.getByText('Not connected')).toBeVisible();
  await page.screenshot({ path: 'e2e/artifacts/sync-failed-light.png' });
  await setTheme(page, 'Dark');
  await page.getByRole('link', { name: 'Sync', exact: true }).click();
  await expect(page.getByTestId('sync-error')).toBeVisible();
  await page.screenshot({ path: 'e2e/artifacts/sync-failed-dark.png' });

  // The other workspace has its own (no) outcome.
  await page.getByRole('link', { name: 'Settings' }).click();
  await page.getByRole('group', { name: 'Workspace' }).getByRole('button', { name: 'Demo' }).click();
  await page.getByRole('link', { name: 'Sync', exact: true }).click();
  await expect(page.getByTestId('sealed-notice')).toBeVisible();
  await expect(page.getByTestId('sync-error')).toHaveCount(0);
  await expect(page.getByTestId('sync-indicator')).toHaveText(/Demo: never syncs/);
});

test('a rejected change is shown with its reason, and Retry sends it again', async ({ page }) => {
  const db = path.join(fs.mkdtempSync(path.join(os.tmpdir(), 'ops-e2e-sync-')), 'laptop.sqlite');
  ops('seed', '--demo', '--db', db, '--anchor', '2026-11-21');
  ops('sync', '--db', db, '--central', central.url);
  const status = JSON.parse(ops('status', '--db', db, '--json')) as { consultant: { id: string; email: string } };
  const project = (
    JSON.parse(ops('hours', 'list', '--db', db, '--from', '2026-11-20', '--to', '2026-11-20', '--json')) as Array<{ projectName: string }>
  )[0]!.projectName;
  ops('hours', 'add', '--db', db, '--project', project, '--minutes', '42', '--date', '2026-11-21', '--note', 'Written for someone else');

  // Sync as a different consultant's login: row-level security refuses Mia's entry.
  const other = (await central.admin.query('SELECT id FROM consultants WHERE id <> $1 ORDER BY email LIMIT 1', [status.consultant.id]))
    .rows[0].id as string;
  expect(ops('sync', '--db', db, '--central', await central.consultantUrl(other))).toContain('rejected 1');

  host = await startHost({ db, central: central.url });
  await page.goto(`${host.url}#/sync`);
  const row = page.getByTestId('rejection-row');
  await expect(row).toHaveCount(1);
  await expect(row).toContainText('42 min');
  await expect(row).toContainText('only your own time entries');
  await page.screenshot({ path: 'e2e/artifacts/sync-rejected.png', fullPage: true });

  await row.getByRole('button', { name: 'Retry' }).click();
  await expect(page.getByTestId('rejection-row')).toHaveCount(0, { timeout: 30_000 });
  await expect(page.getByTestId('sync-indicator')).toHaveText(/Synced/);
  const { rows } = await central.admin.query(`SELECT count(*)::int AS n FROM time_entries WHERE note = 'Written for someone else'`);
  expect(rows[0].n).toBe(1);
});

test('an offline edit of an entry deleted elsewhere is kept with its values, and Restore brings it back', async ({ page }) => {
  await page.setViewportSize({ width: 1366, height: 768 });
  const db = path.join(fs.mkdtempSync(path.join(os.tmpdir(), 'ops-e2e-sync-')), 'laptop.sqlite');
  ops('seed', '--demo', '--db', db, '--anchor', '2026-11-21');
  ops('sync', '--db', db, '--central', central.url);
  const [entry] = JSON.parse(ops('hours', 'list', '--db', db, '--from', '2026-11-20', '--to', '2026-11-20', '--json')) as Array<{
    id: string;
  }>;
  // Billing deletes the entry centrally while the laptop, offline, edits it.
  await central.admin.query('DELETE FROM time_entries WHERE id = $1', [entry!.id]);
  ops('hours', 'edit', entry!.id, '--db', db, '--note', 'Edited offline: O’Brien workshop');
  expect(ops('sync', '--db', db, '--central', central.url)).toContain('rejected 1');

  host = await startHost({ db, central: central.url });
  await page.goto(`${host.url}#/sync`);
  const row = page.getByTestId('rejection-row');
  await expect(row).toHaveCount(1);
  await expect(row).toContainText('Edited offline: O’Brien workshop');
  await expect(row).toContainText('deleted on another device');
  await expect(row.getByRole('button', { name: 'Retry' })).toHaveCount(0);
  await page.screenshot({ path: 'e2e/artifacts/sync-restore.png' });
  await page.getByRole('link', { name: 'Settings' }).click();
  await page.getByRole('group', { name: 'Theme' }).getByRole('button', { name: 'Dark' }).click();
  await page.getByRole('link', { name: 'Sync', exact: true }).click();
  await expect(page.getByTestId('rejection-row')).toHaveCount(1);
  await page.screenshot({ path: 'e2e/artifacts/sync-restore-dark.png' });

  await page.getByTestId('rejection-row').getByRole('button', { name: 'Restore' }).click();
  await expect(page.getByTestId('rejection-row')).toHaveCount(0, { timeout: 30_000 });
  await expect(async () => {
    const { rows } = await central.admin.query(
      `SELECT count(*)::int AS n FROM time_entries WHERE note = 'Edited offline: O’Brien workshop'`,
    );
    expect(rows[0].n).toBe(1);
  }).toPass({ timeout: 30_000 });
});

test('the Sync screen says when this computer’s clock is off', async ({ page }) => {
  await page.setViewportSize({ width: 1366, height: 768 });
  const db = path.join(fs.mkdtempSync(path.join(os.tmpdir(), 'ops-e2e-sync-')), 'laptop.sqlite');
  ops('seed', '--demo', '--db', db, '--anchor', '2026-11-21');
  ops('sync', '--db', db, '--central', central.url);
  // The last sync measured this laptop's clock a day behind the central database's (the central's is
  // a day later); now it is offline. (A kept offset that would put now before the replica's last
  // stamp is dropped as stale at start, so "ahead" cannot be staged this way with a right clock.)
  const replica = new Database(db);
  replica.prepare("UPDATE settings SET value = ? WHERE key = 'clock_offset_ms'").run(String(86_400_000));
  replica.close();
  host = await startHost({ db, central: 'postgres://nobody@127.0.0.1:9/offline' });
  await page.goto(`${host.url}#/sync`);
  await expect(page.getByTestId('clock-skew')).toHaveText(/clock is 1 day behind the central database/);
  await page.screenshot({ path: 'e2e/artifacts/sync-clock.png' });
});
