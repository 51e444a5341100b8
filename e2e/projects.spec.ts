// The Projects screens through the browser host on the demo workspace: the dashboard with its
// range in the URL, tiles, utilization, weekly grid, burn, timeline, tier × status and velocity; a
// drill-down whose rows add up to the figure clicked; a project's page; CSV export; every screen in
// light and dark at 1366×768 with no serious or critical axe violation.
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

const RANGE = 'from=2026-10-01&to=2026-11-27';

async function openDashboard(page: Page): Promise<void> {
  await page.goto(`${host.url}#/hours`);
  await demoReady(page);
  await page.goto(`${host.url}#/projects?${RANGE}`);
  await expect(page.getByRole('heading', { level: 1 })).toHaveText('Projects');
  await expect(page.getByTestId('tile-utilization')).toBeVisible();
}

for (const theme of ['light', 'dark'] as const) {
  test(`the projects dashboard and a project's page, in ${theme}`, async ({ page }) => {
    await page.emulateMedia({ colorScheme: theme });
    await openDashboard(page);
    await expect(page.getByTestId('range-compare')).toHaveText(/^vs /);
    await expect(page.getByTestId('timeline-row').first()).toBeVisible();
    await lookAt(page, `projects-dashboard-${theme}`);
    await lookThrough(page, `projects-dashboard-${theme}`);
    await page.setViewportSize({ width: 1920, height: 1080 });
    await lookThrough(page, `projects-dashboard-1920-${theme}`, 3);
    await page.setViewportSize({ width: 1366, height: 768 });

    await page.getByTestId('burn-table').getByRole('link').first().click();
    await expect(page).toHaveURL(/#\/projects\/[0-9a-f-]{36}$/);
    await expect(page.getByTestId('tile-burn')).toBeVisible();
    await lookAt(page, `project-page-${theme}`);
    await lookThrough(page, `project-page-${theme}`);
  });
}

test('a consultant-week drills down to entries that add up to the hours clicked', async ({ page }) => {
  await openDashboard(page);
  const cell = page.locator('.week-grid button.drill').first();
  const shown = Number((await cell.textContent())!.split(' ')[0]);
  await cell.click();
  const dialog = page.getByTestId('drill-down');
  await expect(dialog).toBeVisible();
  const total = dialog.getByTestId('drill-total');
  await expect(total).toBeVisible();
  // The total's hours equal the cell's (one decimal).
  const hours = Number((await total.locator('td').nth(1).textContent())!.replace(/[^0-9.]/g, ''));
  expect(Math.round(hours * 10) / 10).toBe(shown);
  await lookAt(page, 'projects-drill-light');
  await page.keyboard.press('Escape');
  await expect(dialog).toBeHidden();
});

test('the consultants table exports as CSV with the range on top', async ({ page }) => {
  await openDashboard(page);
  const [download] = await Promise.all([
    page.waitForEvent('download'),
    page.getByRole('button', { name: 'Export Consultants as CSV' }).click(),
  ]);
  expect(download.suggestedFilename()).toBe('projects-consultants-2026-10-01-to-2026-11-27.csv');
  const lines = fs
    .readFileSync((await download.path())!, 'utf8')
    .replace(/^\ufeff/, '')
    .split('\r\n');
  expect(lines.slice(0, 4)).toEqual(['Consultants', 'From,2026-10-01', 'To,2026-11-27', 'Time zone,Australia/Brisbane']);
  expect(lines[5]).toBe('Consultant,Capacity (h/week),Billable (minutes),Utilization,Before,Change');
  expect(lines.slice(6).filter(Boolean).length).toBe(await page.getByTestId('consultants-table').locator('tbody tr').count());
});
