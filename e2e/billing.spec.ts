// The Billing dashboard through the browser host on the demo workspace: tiles, revenue by month
// against the period before, by client and tier, aging, work in progress, margins; drill-downs
// whose rows add up to the figure clicked; CSV; light and dark at 1366×768 with axe.
import fs from 'node:fs';
import { expect, test, type Page } from '@playwright/test';
import { startHost, type RunningHost } from './host';
import { lookAt, lookThrough } from './look';
import { demoReady } from './replica';

test.use({ viewport: { width: 1366, height: 768 } });

let host: RunningHost;
test.beforeAll(async () => {
  host = await startHost({ demoAnchor: '2026-11-27' });
});
test.afterAll(async () => {
  await host.stop();
});

const RANGE = 'from=2025-12-01&to=2026-11-30';

async function openBilling(page: Page): Promise<void> {
  await page.goto(`${host.url}#/hours`);
  await demoReady(page);
  await page.getByRole('link', { name: /^Billing$/ }).click();
  await expect(page.getByRole('heading', { level: 1 })).toHaveText('Billing');
  await page.goto(`${host.url}#/billing?${RANGE}`);
  await expect(page.getByTestId('tile-invoiced')).toBeVisible();
}

const cents = (text: string | null) => Math.round(Number((text ?? '').replace(/[^0-9.-]/g, '')) * 100);

for (const theme of ['light', 'dark'] as const) {
  test(`the billing dashboard, in ${theme}`, async ({ page }) => {
    await page.emulateMedia({ colorScheme: theme });
    await openBilling(page);
    await expect(page.getByRole('img', { name: /^Revenue by month:/ })).toBeVisible();
    await expect(page.getByTestId('aging').locator('tbody tr').first()).toBeVisible();
    await lookAt(page, `billing-${theme}`);
    await lookThrough(page, `billing-${theme}`);
    await page.setViewportSize({ width: 1920, height: 1080 });
    await lookThrough(page, `billing-1920-${theme}`, 3);
  });
}

test('receivables and a client’s revenue drill down to invoices that add up to the figure', async ({ page }) => {
  await openBilling(page);
  await page.getByTestId('tile-receivables').click();
  const dialog = page.getByTestId('drill-down');
  await expect(dialog.getByTestId('drill-total')).toBeVisible();
  const tile = cents(await page.getByTestId('tile-receivables').locator('.tile-value').textContent());
  const total = cents(await dialog.getByTestId('drill-total').locator('td').last().textContent());
  // The tile shows whole dollars; the rows' total is to the cent.
  expect(Math.abs(total - tile)).toBeLessThanOrEqual(50);
  await lookAt(page, 'billing-drill-light');
  await page.keyboard.press('Escape');

  const cell = page.getByTestId('revenue-by-client').locator('tbody tr').first().locator('button.drill');
  const shown = cents((await cell.textContent())!.split(':')[0]!);
  await cell.click();
  const clientTotal = cents(await dialog.getByTestId('drill-total').locator('td').last().textContent());
  expect(Math.abs(clientTotal - shown)).toBeLessThanOrEqual(50);
});

test('the aging table exports as CSV with the range and the aging day on top', async ({ page }) => {
  await openBilling(page);
  const [download] = await Promise.all([
    page.waitForEvent('download'),
    page.getByRole('button', { name: 'Export Receivables aging as CSV' }).click(),
  ]);
  const lines = fs
    .readFileSync((await download.path())!, 'utf8')
    .replace(/^\ufeff/, '')
    .split('\r\n');
  expect(lines.slice(0, 3)).toEqual(['Receivables aging', 'From,2025-12-01', 'To,2026-11-30']);
  // The aging day is the range's last day, or today when that is later than today.
  expect(lines[5]).toMatch(/^As of,\d{4}-\d{2}-\d{2}$/);
  expect(lines.find((l) => l.startsWith('Client,'))).toBe(
    'Client,Current (cents),1–30 days (cents),31–60 days (cents),61–90 days (cents),90+ days (cents),Total (cents)',
  );
});
