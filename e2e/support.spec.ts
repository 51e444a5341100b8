// Settings → Support and data, through the browser host: Copy diagnostics puts the text on the
// clipboard, Export all data downloads one JSON file, the host writes its log in the data folder,
// and presentation mode refuses both.
import fs from 'node:fs';
import path from 'node:path';
import { expect, test, type Page } from '@playwright/test';
import { startHost, type RunningHost } from './host';
import { lookAt } from './look';

let host: RunningHost | undefined;
test.afterEach(async () => {
  await host?.stop();
  host = undefined;
});

async function openSupport(page: Page, url: string): Promise<void> {
  await page.goto(`${url}#/hours`);
  await page.getByRole('link', { name: 'Settings' }).click();
  // The first start seeds the demo: the screen has its data once that is done.
  await expect(page.getByLabel('Time zone')).toHaveValue('Australia/Brisbane', { timeout: 30_000 });
  await page.getByTestId('support-card').scrollIntoViewIfNeeded();
}

test('copies diagnostics and exports all data; refused while presenting', async ({ page, context }) => {
  await page.setViewportSize({ width: 1366, height: 768 });
  host = await startHost({ demoAnchor: '2026-11-21' });
  await context.grantPermissions(['clipboard-read', 'clipboard-write'], { origin: new URL(host.url).origin });
  await openSupport(page, host.url);
  const card = page.getByTestId('support-card');

  // Copy diagnostics: the clipboard holds the text, a toast says so.
  await card.getByRole('button', { name: 'Copy diagnostics' }).click();
  await expect(page.getByText('Diagnostics copied.')).toBeVisible();
  const copied = await page.evaluate(() => navigator.clipboard.readText());
  expect(copied).toContain('Ops Console diagnostics');
  expect(copied).toContain('workspace: demo');
  expect(copied).toContain('quick_check: ok');
  expect(copied).toContain('this workspace never syncs');
  expect(copied).toContain(`Log: ${path.join(host.dataDir, 'logs')}`);

  // The host's log: today's file in the data folder's logs/, starting with the versions.
  const logs = fs.readdirSync(path.join(host.dataDir, 'logs'));
  expect(logs).toHaveLength(1);
  expect(logs[0]).toMatch(/^ops-console\.\d{4}-\d{2}-\d{2}\.1\.log$/);
  const first = JSON.parse(fs.readFileSync(path.join(host.dataDir, 'logs', logs[0]!), 'utf8').split('\n')[0]!) as {
    msg: string;
    frontEnd: string;
    versions: { node: string };
  };
  expect(first.msg).toBe('Ops Console started');
  expect(first.frontEnd).toBe('browser host');

  // Export all data: one JSON file with every table.
  const downloading = page.waitForEvent('download');
  await card.getByRole('button', { name: 'Export all data (JSON)' }).click();
  const download = await downloading;
  expect(download.suggestedFilename()).toMatch(/^ops-console-export-\d{8}T\d{6}Z\.json$/);
  const exported = JSON.parse(fs.readFileSync((await download.path())!, 'utf8')) as {
    workspace: string;
    tables: Record<string, { rows: unknown[] }>;
  };
  expect(exported.workspace).toBe('demo');
  expect(exported.tables.time_entries!.rows.length).toBeGreaterThan(1000);
  expect(Object.keys(exported.tables)).toEqual(expect.arrayContaining(['clients', 'projects', 'invoices', 'expenses', 'leads', 'metrics']));
  await expect(page.getByText(/^Exported [\d,]+ rows as ops-console-export-/)).toBeVisible();

  await page.getByRole('group', { name: 'Theme' }).getByRole('button', { name: 'Light' }).click();
  await card.scrollIntoViewIfNeeded();
  await lookAt(page, 'settings-support-light');
  await page.getByRole('group', { name: 'Theme' }).getByRole('button', { name: 'Dark' }).click();
  await card.scrollIntoViewIfNeeded();
  await lookAt(page, 'settings-support-dark');

  // Presenting: both are refused with a message; the clipboard keeps what it had, nothing downloads.
  await page.evaluate(() => navigator.clipboard.writeText('kept'));
  await page.getByTestId('presentation-setting').click(); // the setting is saved, then shown
  await expect(page.locator('html')).toHaveAttribute('data-presenting', '');
  let downloads = 0;
  page.on('download', () => downloads++);
  await card.getByRole('button', { name: 'Copy diagnostics' }).click();
  await expect(page.getByText('Turn presentation mode off to copy diagnostics')).toBeVisible();
  await card.getByRole('button', { name: 'Export all data (JSON)' }).click();
  await expect(page.getByText('Turn presentation mode off to export')).toBeVisible();
  expect(await page.evaluate(() => navigator.clipboard.readText())).toBe('kept');
  expect(downloads).toBe(0);
  await page.getByTestId('presentation-setting').click();
  await expect(page.locator('html')).not.toHaveAttribute('data-presenting', '');
});
