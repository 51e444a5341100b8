// The Pipelines screens through the browser host, on the demo workspace's in-process simulator (no
// network): trigger from the generated form → the job and its id at once → a final status on its
// page → Re-run makes a new job; a bad value is refused in the form with the field named; every
// screen and dialog in light and dark at 1366×768, with no serious or critical axe violation.
import fs from 'node:fs';
import { expect, test, type Page } from '@playwright/test';
import { startHost, type RunningHost } from './host';
import { lookAt } from './look';
import { demoReady } from './replica';

test.use({ viewport: { width: 1366, height: 768 } });

let host: RunningHost;
test.beforeAll(async () => {
  host = await startHost({ demoAnchor: '2026-11-27' });
});
test.afterAll(async () => {
  await host.stop();
});

const check = (page: Page, name: string, theme: string) => lookAt(page, `${name}-${theme}`);

const UUID = /[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}/;

async function openPipelines(page: Page): Promise<void> {
  await page.goto(`${host.url}#/hours`);
  await demoReady(page);
  await page.getByRole('link', { name: /^Pipelines$/ }).click();
  await expect(page.getByRole('heading', { level: 1 })).toHaveText('Pipelines');
  await expect(page.getByTestId('pipeline-row').first()).toBeVisible();
}

test('trigger from the form → the job with its id → a final status → Re-run makes a new job', async ({ page }) => {
  test.setTimeout(240_000);
  await openPipelines(page);

  // The client KPI report is the shortest simulated run (tens of seconds).
  await page.getByRole('button', { name: 'Run Client KPI report' }).click();
  const dialog = page.getByRole('dialog', { name: 'Run Client KPI report' });
  await expect(dialog).toBeVisible();
  const month = dialog.getByLabel('Month (required)');
  await month.fill('2026-10');
  await dialog.getByLabel('Format').selectOption('html');
  await dialog.getByLabel('Project (optional)').selectOption({ index: 1 });
  const projectName = (await dialog.getByLabel('Project (optional)').locator('option:checked').textContent())!;
  await dialog.getByRole('button', { name: 'Review and run…' }).click();
  await expect(dialog.getByTestId('trigger-confirm')).toHaveText(/^Run Client KPI report with month: 2026-10; format: html;/);
  await expect(dialog.getByTestId('trigger-confirm')).toContainText(`for ${projectName}?`);
  await dialog.getByRole('button', { name: 'Run Client KPI report' }).click();
  await expect(dialog).toBeHidden();

  // The job id at once (a toast), and the new job highlighted in the list.
  // (in the toast: the new row's own "Job 1a2b3c4d just requested" matches the words too)
  const toastText = await page
    .locator('[data-sonner-toast]')
    .getByText(/^Job .* requested$/)
    .textContent();
  const jobId = UUID.exec(toastText ?? '')![0];
  const row = page.locator(`[data-testid="job-row"][data-job-id="${jobId}"]`);
  await expect(row).toBeVisible();
  await expect(row).toHaveAttribute('aria-current', 'true');
  await expect(page).toHaveURL(new RegExp(`job=${jobId}`));
  await expect(row.getByTestId('job-status')).toHaveText(/Requested|Queued|Running/);
  await row.scrollIntoViewIfNeeded();
  await page.screenshot({ path: 'e2e/artifacts/pipelines-new-job-light.png' });

  // Its page: the id, the parameters as sent, then a final status by itself (events and polling).
  await row.getByRole('link').first().click();
  await expect(page.getByTestId('job-id')).toHaveText(jobId);
  await expect(page.getByRole('table', { name: 'Parameters' })).toContainText('html');
  await expect(page.getByTestId('job-project')).toHaveText(projectName);
  await expect(page.getByRole('list', { name: 'Timeline' })).toContainText('Requested');
  await page.screenshot({ path: 'e2e/artifacts/pipelines-job-live-light.png' });
  await expect(page.getByTestId('job-status')).toHaveAttribute('data-status', /succeeded|failed/, { timeout: 150_000 });
  await expect(page.getByTestId('delivery-state')).toContainText(/delivered/i);
  await expect(page.getByRole('button', { name: 'Cancel job' })).toHaveCount(0);

  // Re-run: a new job with the same parameters, through the confirmation dialog.
  await page.getByRole('button', { name: 'Re-run' }).click();
  await page.getByRole('alertdialog').getByRole('button', { name: 'Re-run' }).click();
  await expect(page.getByTestId('job-id')).not.toHaveText(jobId);
  await expect(page.getByTestId('job-id')).toHaveText(UUID);
  await expect(page.getByRole('table', { name: 'Parameters' })).toContainText('html');

  // Cancel it while not finished, through the confirmation dialog.
  await page.getByRole('button', { name: 'Cancel job' }).click();
  await page.getByRole('alertdialog').getByRole('button', { name: 'Cancel job' }).click();
  await expect(page.getByTestId('job-status')).toHaveAttribute('data-status', 'cancelled');
});

test('a bad value is refused in the form, with the field named; filters live in the URL', async ({ page }) => {
  await openPipelines(page);
  await page.getByRole('button', { name: 'Run Strategy parameter sweep' }).click();
  const dialog = page.getByRole('dialog', { name: 'Run Strategy parameter sweep' });
  const grid = dialog.getByLabel('Grid size');
  await expect(grid).toHaveValue('64'); // the schema's default
  await grid.fill('1000');
  await expect(dialog.getByText('Grid size must be at most 512')).toBeVisible();
  await expect(grid).toHaveAttribute('aria-invalid', 'true');
  await dialog.getByLabel('From').fill('yesterday');
  await expect(dialog.getByText('From: “yesterday” is not in the expected form (see the hint)')).toBeVisible();
  await expect(dialog.locator('#param-from-hint')).toHaveText('A day, YYYY-MM-DD'); // the schema's description as the hint
  await dialog.getByRole('button', { name: 'Review and run…' }).click();
  await expect(dialog.getByTestId('trigger-confirm')).toHaveCount(0); // refused: still the form
  await expect(dialog.getByLabel('From')).toBeFocused(); // the first field in error, in the schema's order
  await grid.fill('128');
  await dialog.getByLabel('From').fill('2022-01-01');
  await expect(dialog.getByTestId('field-error')).toHaveCount(0);

  await page.keyboard.press('Escape');
  await expect(dialog).toBeHidden();

  await page.getByLabel('Status').selectOption('failed');
  await expect(page).toHaveURL(/status=failed/);
  await expect(page.getByTestId('job-row').first()).toBeVisible();
  for (const badge of await page.getByTestId('job-row').getByTestId('job-status').all()) await expect(badge).toHaveText('Failed');
  await page.reload();
  await expect(page.getByLabel('Status')).toHaveValue('failed');
});

for (const theme of ['light', 'dark'] as const) {
  test(`pipelines screens and dialogs in ${theme}: no serious or critical axe violation`, async ({ page }) => {
    await page.emulateMedia({ colorScheme: theme });
    await openPipelines(page);
    await expect(page.locator('html')).toHaveAttribute('data-theme', theme);
    await expect(page.getByTestId('job-row').first()).toBeVisible();
    await check(page, 'pipelines', theme);
    await page.getByRole('heading', { name: 'Jobs', level: 2 }).scrollIntoViewIfNeeded();
    await check(page, 'pipelines-jobs', theme);

    await page.getByRole('button', { name: 'Run Xero → warehouse sync' }).click();
    const dialog = page.getByRole('dialog');
    await expect(dialog).toBeVisible();
    await dialog.getByLabel('Since').fill('last week');
    await check(page, 'pipelines-trigger', theme);
    await dialog.getByLabel('Since').fill('');
    await dialog.getByRole('button', { name: 'Review and run…' }).click();
    await expect(dialog.getByTestId('trigger-confirm')).toBeVisible();
    await check(page, 'pipelines-trigger-confirm', theme);
    await page.keyboard.press('Escape');

    await page.getByLabel('Status').selectOption('failed');
    await page.getByTestId('job-row').first().getByRole('link').first().click();
    await expect(page.getByTestId('job-id')).toBeVisible();
    await expect(page.getByTestId('job-error')).toBeVisible();
    await check(page, 'pipelines-job', theme);
  });
}

for (const theme of ['light', 'dark'] as const) {
  test(`the dashboard: its range in the URL, a row per pipeline a click from its jobs, in ${theme}`, async ({ page }) => {
    await page.emulateMedia({ colorScheme: theme });
    await openPipelines(page);
    await page.getByRole('link', { name: 'Dashboard' }).click();
    await expect(page.getByRole('heading', { level: 1 })).toHaveText('Pipelines dashboard');
    // The demo's history ends on its anchor day: a range that holds it.
    await page.goto(`${host.url}#/pipelines/dashboard?from=2026-10-29&to=2026-11-27`);
    await expect(page.getByTestId('dashboard-pipeline')).toHaveCount(8);
    await expect(page.getByRole('img', { name: /Runs per day by status, \d+ runs in all/ })).toBeVisible();
    await expect(page.locator('.recharts-bar-rectangle').first()).toBeVisible();
    await check(page, 'pipelines-dashboard', theme);
    await page.reload();
    await expect(page.getByRole('button', { name: /^First day: .*29 Oct 2026/ })).toBeVisible();
    await page.getByTestId('dashboard-pipeline').first().getByRole('link').click();
    await expect(page).toHaveURL(/#\/pipelines\?pipeline=[a-z0-9-]+/);
  });
}

test('the dashboard exports each table as CSV, with its range on top and the same figures as the screen', async ({ page }) => {
  await openPipelines(page);
  await page.goto(`${host.url}#/pipelines/dashboard?from=2026-10-29&to=2026-11-27`);
  await expect(page.getByTestId('dashboard-pipeline')).toHaveCount(8);
  const [download] = await Promise.all([
    page.waitForEvent('download'),
    page.getByRole('button', { name: 'Export Pipelines: per pipeline as CSV' }).click(),
  ]);
  expect(download.suggestedFilename()).toBe('pipelines-per-pipeline-2026-10-29-to-2026-11-27.csv');
  const lines = fs
    .readFileSync((await download.path())!, 'utf8')
    .replace(/^\ufeff/, '')
    .split('\r\n');
  expect(lines.slice(0, 4)).toEqual(['Pipelines: per pipeline', 'From,2026-10-29', 'To,2026-11-27', 'Time zone,Australia/Brisbane']);
  expect(lines[5]).toMatch(/^Pipeline,Slug,Runs,/);
  // One line per row on screen, each with the screen's run count.
  // (A count is a button whose name goes on, unseen, with what it opens: "42: the jobs behind …".)
  const screenRuns = (await page.getByTestId('dashboard-pipeline').locator('td:nth-child(2)').allTextContents()).map(
    (t) => t.split(':')[0],
  );
  const fileRows = lines.slice(6).filter(Boolean);
  expect(fileRows).toHaveLength(8);
  expect(fileRows.map((l) => l.split(',')[2])).toEqual(screenRuns);

  const [failures] = await Promise.all([
    page.waitForEvent('download'),
    page.getByRole('button', { name: 'Export Pipelines: recent failures as CSV' }).click(),
  ]);
  const failureLines = fs.readFileSync((await failures.path())!, 'utf8').split('\r\n');
  expect(failureLines[5]).toBe('Finished (local),Pipeline,Job id,Error');
  expect(failureLines.slice(6).filter(Boolean).length).toBe(await page.locator('.failure-list > li').count());
});
