// Every dashboard screen through the browser host on the demo workspace, in light and dark at
// 1366×768 and 1920×1080 (a screenshot per screenful, axe at each size), and the drill-downs from
// the charts: a bar segment of the pipelines chart and a consultant's utilization bar open the rows
// behind them, as many (or as much) as the figure clicked, and each is also a keyboard away.
// Demo names and counts are read from the screen, never pinned (the seed changes).
import { expect, test, type Locator, type Page } from '@playwright/test';
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

const SIZES = [
  { width: 1366, height: 768 },
  { width: 1920, height: 1080 },
] as const;

const PROJECTS = '#/projects?from=2026-10-01&to=2026-11-27';
const BILLING = '#/billing?from=2025-12-01&to=2026-11-30';
const PIPELINES = '#/pipelines/dashboard?from=2026-10-29&to=2026-11-27';

async function open(page: Page, hash: string, ready: Locator): Promise<void> {
  await page.goto(`${host.url}${hash}`);
  await expect(ready).toBeVisible();
}

async function start(page: Page): Promise<void> {
  await page.goto(`${host.url}#/hours`);
  await demoReady(page);
}

/** A number as shown ("1,234", "250 h", "12.5 h"). */
const number = (text: string | null) => Number((text ?? '').replace(/[^0-9.]/g, ''));

for (const theme of ['light', 'dark'] as const) {
  for (const size of SIZES) {
    const at = `${size.width}-${theme}`;
    test(`every dashboard screen at ${size.width}×${size.height} in ${theme}`, async ({ page }) => {
      test.setTimeout(240_000); // five screens, each looked at screenful by screenful, with axe
      await page.setViewportSize(size);
      await page.emulateMedia({ colorScheme: theme });
      await start(page);

      await open(page, PROJECTS, page.getByTestId('tile-utilization'));
      await expect(page.locator('.recharts-bar-rectangle').first()).toBeVisible();
      await lookAt(page, `dash-projects-${at}`);
      await lookThrough(page, `dash-projects-${at}`, 8);
      await page.locator('.recharts-bar-rectangle path').first().click();
      await expect(page.getByTestId('drill-total')).toBeVisible();
      await lookAt(page, `dash-projects-drill-${at}`);
      await page.keyboard.press('Escape');

      await page.getByTestId('burn-table').getByRole('link').first().click();
      await expect(page.getByTestId('tile-burn')).toBeVisible();
      await lookAt(page, `dash-project-page-${at}`);
      await lookThrough(page, `dash-project-page-${at}`, 6);

      await open(page, BILLING, page.getByTestId('tile-invoiced'));
      await expect(page.getByRole('img', { name: /^Revenue by month:/ })).toBeVisible();
      await lookAt(page, `dash-billing-${at}`);
      await lookThrough(page, `dash-billing-${at}`, 8);
      await page.getByTestId('tile-receivables').click();
      await expect(page.getByTestId('drill-total')).toBeVisible();
      await lookAt(page, `dash-billing-drill-${at}`);
      await page.keyboard.press('Escape');

      await open(page, PIPELINES, page.getByTestId('tile-runs'));
      await expect(page.locator('.recharts-bar-rectangle').first()).toBeVisible();
      await lookAt(page, `dash-pipelines-${at}`);
      await lookThrough(page, `dash-pipelines-${at}`, 4);
      await page.getByTestId('runs-per-day-table').locator('summary').click();
      await lookAt(page, `dash-pipelines-table-${at}`);
      await page.getByTestId('tile-failed').click();
      await expect(page.getByTestId('drill-total')).toBeVisible();
      await lookAt(page, `dash-pipelines-drill-${at}`);
    });
  }
}

/** The pipelines chart's bar segments of one series (0 succeeded, 1 failed, … in the chart's order). */
const segments = (page: Page, series: number) => page.locator('.recharts-bar').nth(series).locator('path.recharts-rectangle');

test('a bar segment of the pipelines chart opens its jobs: that day, that status, as many as the chart shows', async ({ page }) => {
  await start(page);
  await open(page, PIPELINES, page.getByTestId('tile-runs'));
  const failed = segments(page, 1);
  await expect(failed.first()).toBeVisible();
  // The tallest failed segment: the day with the most failures.
  const heights = await failed.evaluateAll((paths) => paths.map((p) => p.getBoundingClientRect().height));
  const tallest = heights.indexOf(Math.max(...heights));
  await failed.nth(tallest).click({ force: true });

  const dialog = page.getByTestId('drill-down');
  const title = (await dialog.getByRole('heading').first().textContent())!;
  expect(title).toMatch(/^Failed on /);
  const day = title.replace(/^Failed on /, '');
  const total = dialog.getByTestId('drill-total');
  await expect(total).toHaveText(/^\d+ jobs?$/);
  const count = number(await total.textContent());
  expect(count).toBeGreaterThan(0);
  // Every row listed (the list is not cut short here): each failed, each requested on that day.
  const rows = dialog.locator('tbody tr');
  await expect(rows).toHaveCount(count);
  for (const status of await rows.getByTestId('job-status').allTextContents()) expect(status).toBe('Failed');
  await page.keyboard.press('Escape');

  // The chart's table says the same figure for that day, and its button opens the same rows.
  await page.getByTestId('runs-per-day-table').locator('summary').click();
  const row = page.getByTestId('runs-per-day-table').locator('tbody tr', { has: page.getByRole('rowheader', { name: day, exact: true }) });
  const cell = row.locator('td').nth(1);
  expect(number((await cell.textContent())!.split(':')[0]!)).toBe(count);
  await cell.getByRole('button').focus();
  await page.keyboard.press('Enter');
  await expect(dialog.getByRole('heading').first()).toHaveText(title);
  await expect(total).toHaveText(`${count} ${count === 1 ? 'job' : 'jobs'}`);
  await page.keyboard.press('Escape');
});

test('a day’s stack adds up to its runs, and the Runs tile opens every job of the range', async ({ page }) => {
  await start(page);
  await open(page, PIPELINES, page.getByTestId('tile-runs'));
  const runs = number(await page.getByTestId('tile-runs').locator('.tile-value').textContent());
  await page.getByTestId('tile-runs').click();
  const total = page.getByTestId('drill-down').getByTestId('drill-total');
  await expect(total).toHaveText(/jobs$/);
  expect(number(await total.textContent())).toBe(runs);
  await page.keyboard.press('Escape');
  // The chart's table: the columns of all days add up to the tile (waiting jobs included).
  await page.getByTestId('runs-per-day-table').locator('summary').click();
  const cells = await page.getByTestId('runs-per-day-table').locator('tbody td').allTextContents();
  expect(cells.reduce((n, t) => n + number(t.split(':')[0]!), 0)).toBe(runs);
});

test('a consultant’s utilization bar opens the entries behind their billable hours, which add up to them', async ({ page }) => {
  await start(page);
  await open(page, PROJECTS, page.getByTestId('tile-utilization'));
  const chart = page.locator('section', { has: page.getByRole('heading', { name: 'Utilization by consultant' }) });
  const bars = chart.locator('.recharts-bar-rectangle path');
  await expect(bars.first()).toBeVisible();
  // The ticks are round percentages, and the target line says what it is.
  const ticks = (await chart.locator('svg text').allTextContents()).filter((t) => /^\d+ %$/.test(t));
  expect(ticks.slice(0, 5)).toEqual(['0 %', '25 %', '50 %', '75 %', '100 %']);
  expect(ticks.every((t) => Number.parseInt(t, 10) % 25 === 0)).toBe(true);
  await expect(chart.locator('svg').getByText('80 % target', { exact: true })).toBeVisible();

  await bars.nth(2).click();
  const dialog = page.getByTestId('drill-down');
  const title = (await dialog.getByRole('heading').first().textContent())!;
  const name = title.replace(/: billable hours$/, '');
  const total = dialog.getByTestId('drill-total');
  await expect(total).toBeVisible();
  const hours = number(await total.locator('td').nth(1).textContent());
  // The consultant's Billable cell in the table (rounded to the hour there).
  const tableRow = page.getByTestId('consultants-table').locator('tbody tr', { hasText: name });
  const billableCell = tableRow.locator('td').nth(2);
  expect(Math.round(hours)).toBe(number((await billableCell.textContent())!.split(':')[0]!));
  // The rows listed add up to the total (to the minute: each row shows hours to one decimal).
  const count = number(await total.locator('td').first().textContent());
  const rowHours = (await dialog.locator('tbody tr td:nth-child(3)').allTextContents()).map(number);
  expect(rowHours).toHaveLength(count);
  expect(Math.abs(rowHours.reduce((a, b) => a + b, 0) - hours)).toBeLessThan(0.05 * count + 0.1);
  await page.keyboard.press('Escape');

  // The keyboard's way to the same rows: the table's Billable cell.
  await billableCell.getByRole('button').focus();
  await page.keyboard.press('Enter');
  await expect(dialog.getByRole('heading').first()).toHaveText(title);
  expect(number(await total.locator('td').nth(1).textContent())).toBe(hours);
});

// Opened by its address (a bookmark, the desktop app's start), a dashboard's figures are asked for
// first, by its route's loader before the first render, and the screen takes that answer rather than
// asking again (the loader's key is the screen's); the shell's reads leave with it.
test('a dashboard opened by its address asks for its figures first, and once', async ({ browser }) => {
  const screens = [
    { hash: PROJECTS, channel: 'projects.dashboard', ready: 'tile-utilization' },
    { hash: BILLING, channel: 'billing.dashboard', ready: 'tile-invoiced' },
    { hash: PIPELINES, channel: 'pipelines.dashboard', ready: 'tile-runs' },
    { hash: '#/overview?from=2026-09-01&to=2026-11-27', channel: 'kpis.scorecard', ready: 'kpi-utilization' },
    { hash: '#/clients?from=2026-09-01&to=2026-11-27&status=active', channel: 'clients.list', ready: 'clients-table' },
  ];
  for (const screen of screens) {
    const context = await browser.newContext({ viewport: { width: 1366, height: 768 } });
    const page = await context.newPage();
    const calls: string[] = [];
    page.on('request', (request) => {
      const match = /\/api\/invoke\/([\w.]+)/.exec(request.url());
      if (match) calls.push(match[1]!);
    });
    await page.goto(`${host.url}${screen.hash}`);
    await expect(page.getByTestId(screen.ready).first()).toBeVisible();
    expect(calls[0], screen.hash).toBe(screen.channel);
    expect(
      calls.filter((c) => c === screen.channel),
      screen.hash,
    ).toHaveLength(1);
    for (const shell of ['sync.status', 'timer.get', 'workspace.info', 'settings.get'])
      expect(
        calls.filter((c) => c === shell),
        `${screen.hash}: ${shell}`,
      ).toHaveLength(1);
    await context.close();
  }
});
