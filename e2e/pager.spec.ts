// A long dashboard table shows 50 rows at a time with a pager: Next and Last move through every
// row, a new sort starts from the first rows, and the CSV still holds every row. The demo's
// 12-month margin-by-project table is long enough at scale 1 (its length is read, never pinned).
import fs from 'node:fs';
import { expect, test } from '@playwright/test';
import { startHost, type RunningHost } from './host';

test.use({ viewport: { width: 1366, height: 768 } });

let host: RunningHost;
test.beforeAll(async () => {
  host = await startHost({ demoAnchor: '2026-11-27' });
});
test.afterAll(async () => {
  await host.stop();
});

test('a long table pages by 50 rows; sorting starts again from the first page; the CSV has every row', async ({ page }) => {
  await page.goto(`${host.url}#/billing?from=2025-12-01&to=2026-11-30`);
  const table = page.getByTestId('margin-by-project');
  const pager = table.getByRole('navigation', { name: 'Margin by project: pages' });
  await expect(pager).toBeVisible({ timeout: 30_000 });
  const status = pager.locator('span');
  const total = Number(/of ([\d,]+)/.exec((await status.textContent()) ?? '')![1]!.replace(/,/g, ''));
  expect(total).toBeGreaterThan(50);
  await expect(status).toHaveText(new RegExp(`^Rows 1–50 of ${total.toLocaleString('en-AU')}`));
  const rows = table.locator('tbody tr');
  await expect(rows).toHaveCount(50);
  const firstOnPageOne = await rows.first().locator('td').first().textContent();

  await pager.getByRole('button', { name: 'Next' }).click();
  await expect(status).toHaveText(new RegExp(`^Rows 51–${Math.min(100, total)} of`));
  await expect(rows.first().locator('td').first()).not.toHaveText(firstOnPageOne!);
  await pager.getByRole('button', { name: 'Last' }).click();
  const lastCount = total % 50 === 0 ? 50 : total % 50;
  await expect(rows).toHaveCount(lastCount);
  await expect(pager.getByRole('button', { name: 'Next' })).toBeDisabled();

  // A new order starts from its first rows.
  await table.getByRole('button', { name: 'Project', exact: true }).click();
  await expect(status).toHaveText(/^Rows 1–50 of/);
  await expect(pager.getByRole('button', { name: 'Previous' })).toBeDisabled();

  const download = page.waitForEvent('download');
  await table.getByRole('button', { name: /Export Margin by project as CSV/ }).click();
  const csv = fs.readFileSync((await (await download).path())!, 'utf8');
  // The filters above, the header, then one line per row (names hold no line breaks).
  const lines = csv.trim().split(/\r?\n/);
  const header = lines.findIndex((l) => l.startsWith('Project,'));
  expect(lines.length - header - 1).toBe(total);
});
