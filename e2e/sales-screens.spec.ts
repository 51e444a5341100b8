// The sales screens (issue 13) through the browser host on the demo workspace: the Overview is where
// the demo opens, every scorecard tile opens the rows behind it and they add up to it; a lead is
// created (a refused field first), then moved with the keyboard and focus follows it; the clients
// list and a client's page; an admin's custom metric. Every screen in light and dark with axe, and a
// screenshot per screenful at 1366×768 and 1920×1080.
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

const RANGE = 'from=2026-09-01&to=2026-11-27';

async function ready(page: Page): Promise<void> {
  await page.goto(`${host.url}#/hours`);
  await demoReady(page);
}

/** "$12,345.67" → 1234567; "−$5.00" → −500. */
function cents(text: string): number {
  const negative = /[−-]/.test(text);
  const n = Math.round(Number(text.replace(/[^0-9.]/g, '')) * 100);
  return negative ? -n : n;
}

async function columnTexts(table: Locator, index: number): Promise<string[]> {
  return table.locator('tbody tr').evaluateAll((rows, i) => rows.map((r) => r.children[i]?.textContent ?? ''), index);
}

/** Screenshots of every screenful at two sizes and an axe walk take a while on a busy machine. */
async function screens(page: Page, name: string): Promise<void> {
  test.setTimeout(240_000);
  await lookAt(page, name);
  await lookThrough(page, name, 4);
  await page.setViewportSize({ width: 1920, height: 1080 });
  await lookThrough(page, `${name}-1920`, 3);
  await page.setViewportSize({ width: 1366, height: 768 });
}

for (const theme of ['light', 'dark'] as const) {
  test(`the demo opens on the Overview's scorecard, in ${theme}`, async ({ page }) => {
    await page.emulateMedia({ colorScheme: theme });
    await ready(page);
    await page.goto(host.url);
    await expect(page).toHaveURL(/#\/overview/);
    await expect(page.getByRole('heading', { level: 1 })).toHaveText('Overview');
    await expect(page.getByRole('navigation', { name: 'Main' }).getByRole('link').first()).toHaveText('Overview');
    await page.goto(`${host.url}#/overview?${RANGE}`);
    await expect(page.getByTestId('scorecard').locator('.kpi')).toHaveCount(8);
    await expect(page.getByTestId('kpi-utilization').getByTestId('kpi-value')).toHaveText(/\d+ %/);
    await expect(page.getByTestId('kpi-utilization').locator('.sparkline')).toHaveAttribute(
      'aria-label',
      /^Billable utilization by week: /,
    );
    await screens(page, `overview-${theme}`);
    await page.getByTestId('kpi-revenue_quarter').getByRole('button').click();
    await expect(page.getByTestId('drill-total')).toBeVisible();
    await lookAt(page, `overview-drill-${theme}`);
  });
}

test('each scorecard tile opens the rows behind it, and they add up to the tile', async ({ page }) => {
  await ready(page);
  await page.goto(`${host.url}#/overview?${RANGE}`);
  const keys = [
    'utilization',
    'paid_within_30',
    'satisfaction',
    'nps',
    'revenue_quarter',
    'weighted_pipeline',
    'active_projects',
    'job_success',
  ];
  for (const key of keys) {
    const tile = page.getByTestId(`kpi-${key}`);
    const raw = await tile.getAttribute('data-value');
    await tile.getByRole('button').press('Enter');
    const dialog = page.getByTestId('kpi-drill');
    await expect(dialog).toBeVisible();
    await expect(page).toHaveURL(new RegExp(`open=${key}`));
    const total = dialog.getByTestId('drill-total');
    await expect(total).toBeVisible();
    const table = dialog.locator('table.table').last();
    const rows = await table.locator('tbody tr').count();
    const count = await total.getAttribute('data-count');
    switch (key) {
      case 'revenue_quarter': {
        // The invoices' ex-GST amounts add up to the footer, and the footer is the tile.
        const amounts = (await columnTexts(table, 4)).map(cents);
        expect(amounts.reduce((a, b) => a + b, 0)).toBe(Number(await total.getAttribute('data-cents')));
        expect(Number(await total.getAttribute('data-cents'))).toBe(Number(raw));
        expect(rows).toBe(Number(count));
        break;
      }
      case 'weighted_pipeline': {
        // Each lead's weighted value is rounded on its own; the total once over the sum.
        expect(Number(await total.getAttribute('data-cents'))).toBe(Number(raw));
        const amounts = (await columnTexts(table, 5)).map(cents);
        expect(Math.abs(amounts.reduce((a, b) => a + b, 0) - Number(raw))).toBeLessThanOrEqual(rows);
        expect(rows).toBe(Number(count));
        break;
      }
      case 'active_projects':
        expect(Number(count)).toBe(Number(raw));
        expect(rows).toBe(Number(count));
        break;
      case 'satisfaction':
      case 'nps': {
        // Every response is listed, and their scores make the tile: satisfied = 7 or more,
        // NPS = % promoters (9–10) − % detractors (0–6).
        expect(rows).toBe(Number(count));
        const scores = (await columnTexts(table, 3)).map(Number);
        const share = (pick: (s: number) => boolean) => scores.filter(pick).length / scores.length;
        const figure = key === 'satisfaction' ? share((s) => s >= 7) : 100 * (share((s) => s >= 9) - share((s) => s <= 6));
        expect(figure).toBeCloseTo(Number(raw), 9);
        break;
      }
      case 'paid_within_30': {
        // Every invoice issued in the range is listed: those decided and those not yet; the tile is
        // the share of the decided ones paid within 30 days.
        const attribute = async (name: string) => Number(await total.getAttribute(name));
        const decided = await attribute('data-decided');
        expect(rows).toBe(Number(count));
        expect(rows).toBe(decided + (await attribute('data-undecided')));
        expect((await attribute('data-paid-within')) / decided).toBeCloseTo(Number(raw), 9);
        break;
      }
      case 'utilization': {
        // The consultants' billable hours add up to the team's (each row rounded as shown), and the
        // team's billable minutes over its capacity are the tile.
        const minutes = Number(await total.getAttribute('data-minutes'));
        expect(minutes / Number(await total.getAttribute('data-capacity'))).toBeCloseTo(Number(raw), 9);
        const hours = (await columnTexts(table, 1)).map((t) => Number(t.replace(/[^0-9.]/g, '')));
        expect(Math.abs(hours.reduce((a, b) => a + b, 0) - minutes / 60)).toBeLessThanOrEqual(rows * 0.5);
        break;
      }
      case 'job_success':
        // The runs that finished in the range, succeeded or failed (the core's query; the newest
        // thousand listed of the 12 weeks', every one of a week's below): the succeeded over them all
        // are the tile. Its dashboard link, from the core, opens the pipelines dashboard for the range.
        expect(rows).toBe(Math.min(Number(count), 1000));
        expect(Number(await total.getAttribute('data-succeeded')) / Number(count)).toBeCloseTo(Number(raw), 9);
        await expect(dialog.getByTestId('kpi-dashboard-link')).toHaveAttribute(
          'href',
          /#\/pipelines\/dashboard\?from=2026-09-01&to=2026-11-27$/,
        );
        break;
    }
    if (key === 'nps' || key === 'satisfaction') expect(Number(count)).toBeGreaterThan(0);
    await page.keyboard.press('Escape');
    await expect(dialog).toBeHidden();
    // Focus goes back to the tile that opened it.
    await expect(tile.getByRole('button')).toBeFocused();
  }

  // A week's runs are all listed: their statuses make the job success tile (by when each finished).
  await page.goto(`${host.url}#/overview?from=2026-11-16&to=2026-11-22`);
  const tile = page.getByTestId('kpi-job_success');
  await expect(tile.getByTestId('kpi-value')).toHaveText(/\d+ %/);
  const raw = Number(await tile.getAttribute('data-value'));
  await tile.getByRole('button').click();
  const total = page.getByTestId('kpi-drill').getByTestId('drill-total');
  await expect(total).toBeVisible();
  const table = page.getByTestId('kpi-drill').locator('table.table').last();
  const statuses = await columnTexts(table, 2);
  expect(statuses.length).toBe(Number(await total.getAttribute('data-count')));
  expect(statuses.length).toBeGreaterThan(0);
  expect(statuses.filter((s) => s !== 'Succeeded' && s !== 'Failed')).toEqual([]);
  const succeeded = statuses.filter((s) => s === 'Succeeded').length;
  expect(succeeded).toBe(Number(await total.getAttribute('data-succeeded')));
  expect(succeeded / statuses.length).toBeCloseTo(raw, 9);
  await lookAt(page, 'overview-job-success-drill-light');
  await page.emulateMedia({ colorScheme: 'dark' });
  await lookAt(page, 'overview-job-success-drill-dark');
});

test('an admin defines a custom metric and records a value', async ({ page }) => {
  await ready(page);
  // The default range (this quarter) ends today, the day a value is recorded on by default.
  await page.goto(`${host.url}#/overview`);
  await page.getByRole('button', { name: 'New metric' }).click();
  const dialog = page.getByTestId('metric-dialog');
  await lookAt(page, 'overview-metric-dialog');
  await dialog.getByLabel('Name').fill('Talks given');
  await dialog.getByRole('button', { name: 'Save metric' }).click();
  // The core's message, on the field it is about; nothing saved.
  await expect(dialog.getByText('Give the target as a number.')).toBeVisible();
  await expect(dialog.getByLabel('Target')).toHaveAttribute('aria-invalid', 'true');
  await dialog.getByLabel('Target').fill('4');
  await dialog.getByRole('button', { name: 'Save metric' }).click();
  await expect(dialog).toBeHidden();
  const tile = page.getByTestId('custom-metrics').locator('.kpi', { hasText: 'Talks given' });
  await expect(tile).toBeVisible();
  await tile.getByRole('button').click();
  const drill = page.getByTestId('metric-drill');
  await drill.getByRole('button', { name: 'Record a value' }).click();
  await drill.getByLabel('Value', { exact: true }).fill('5');
  await drill.getByRole('button', { name: 'Record', exact: true }).click();
  await expect(drill.getByTestId('metric-values')).toContainText('5');
  await page.keyboard.press('Escape');
  await expect(tile.getByTestId('kpi-value')).toHaveText('5');
  await expect(tile).toContainText('On target');
});

test('a lead is created (a refused field first) and moved by keyboard, focus following it', async ({ page }) => {
  await ready(page);
  await page.goto(`${host.url}#/sales`);
  await expect(page.getByRole('heading', { level: 1 })).toHaveText('Sales pipeline');
  await page.getByTestId('new-lead').click();
  const dialog = page.getByTestId('lead-dialog');
  await dialog.getByLabel('Company').fill('Kangaroo Point Robotics');
  await dialog.getByLabel('Contact', { exact: true }).fill('Mia Chen');
  await dialog.getByLabel('Contact email').fill('mia@');
  await dialog.getByLabel('Estimated value (AUD, ex GST)').fill('14,500');
  await dialog.getByRole('button', { name: 'Add lead' }).click();
  await expect(dialog.getByLabel('Contact email')).toHaveAttribute('aria-invalid', 'true');
  await expect(dialog.getByRole('alert')).toContainText('not an email address');
  await lookAt(page, 'sales-lead-dialog-error');
  await dialog.getByLabel('Contact email').fill('mia@kprobotics.com.au');
  await dialog.getByRole('button', { name: 'Add lead' }).click();
  await expect(dialog).toBeHidden();

  const discovery = page.getByTestId('column-discovery');
  const card = discovery.getByTestId('lead-card').filter({ hasText: 'Kangaroo Point Robotics' });
  await expect(card).toContainText('$14,500');
  await expect(card).toContainText('10 %');
  const move = card.getByRole('button', { name: 'Move to… (Kangaroo Point Robotics)' });
  await move.focus();
  await page.keyboard.press('Enter');
  const menu = page.getByRole('dialog', { name: 'Move Kangaroo Point Robotics to' });
  await expect(menu).toBeVisible();
  await menu.getByRole('button', { name: 'Proposal' }).focus();
  await page.keyboard.press('Enter');
  const moved = page.getByTestId('column-proposal').getByTestId('lead-card').filter({ hasText: 'Kangaroo Point Robotics' });
  await expect(moved).toBeVisible();
  await expect(discovery.getByTestId('lead-card').filter({ hasText: 'Kangaroo Point Robotics' })).toHaveCount(0);
  await expect(moved.getByRole('button', { name: 'Move to… (Kangaroo Point Robotics)' })).toBeFocused();

  // Won, then converted into a client's project from its tier's package.
  await page.keyboard.press('Enter');
  await page.getByRole('dialog', { name: 'Move Kangaroo Point Robotics to' }).getByRole('button', { name: 'Won' }).click();
  const won = page.getByTestId('column-won').getByTestId('lead-card').filter({ hasText: 'Kangaroo Point Robotics' });
  await expect(won).toBeVisible();
  await won.getByRole('button', { name: 'Convert Kangaroo Point Robotics into a project' }).click();
  const convert = page.getByTestId('convert-dialog');
  await expect(convert.getByTestId('tier-package')).toHaveText(/Pipeline MVP: budget \$5,000–\$8,000, 2–4 weeks/);
  // The estimate ($14,500) held within the tier's range.
  await expect(convert.getByLabel('Budget (AUD, ex GST)')).toHaveValue('8000');
  await convert.getByLabel('Industry').fill('Robotics');
  await lookAt(page, 'sales-convert-dialog');
  await convert.getByRole('button', { name: 'Create the project' }).click();
  await expect(page).toHaveURL(/#\/clients\/[0-9a-f-]{36}/);
  await expect(page.locator('.client-name')).toHaveText('Kangaroo Point Robotics');
  await expect(page.getByTestId('client-projects')).toContainText('Kangaroo Point Robotics Pipeline MVP');
  await expect(page.getByTestId('client-leads')).toContainText('Won');
});

for (const theme of ['light', 'dark'] as const) {
  test(`the sales pipeline, the clients list and a client's page, in ${theme}`, async ({ page }) => {
    await page.emulateMedia({ colorScheme: theme });
    await ready(page);
    await page.goto(`${host.url}#/sales`);
    await expect(page.getByTestId('board')).toBeVisible();
    await expect(page.getByTestId('conversion-table')).toBeVisible();
    await screens(page, `sales-${theme}`);

    await page.goto(`${host.url}#/clients`);
    await expect(page.getByRole('heading', { level: 1 })).toHaveText('Clients');
    const table = page.getByTestId('clients-table');
    await expect(table.locator('tbody tr').first()).toBeVisible();
    await expect(page.getByTestId('tile-retention')).toBeVisible();
    await screens(page, `clients-${theme}`);

    await table.getByRole('link').first().click();
    await expect(page).toHaveURL(/#\/clients\/[0-9a-f-]{36}/);
    await expect(page.getByTestId('client-projects').locator('tbody tr').first()).toBeVisible();
    await screens(page, `client-page-${theme}`);
  });
}

test('a client page records feedback, and the list sorts and exports', async ({ page }) => {
  await ready(page);
  await page.goto(`${host.url}#/clients`);
  const table = page.getByTestId('clients-table');
  await table.getByRole('button', { name: 'Client', exact: true }).click();
  await expect(table.locator('th', { hasText: 'Client' })).toHaveAttribute('aria-sort', 'ascending');
  const names = await columnTexts(table, 0);
  expect(names).toEqual([...names].sort((a, b) => a.localeCompare(b)));
  const [download] = await Promise.all([
    page.waitForEvent('download'),
    page.getByRole('button', { name: 'Export Clients as CSV' }).click(),
  ]);
  expect(download.suggestedFilename()).toMatch(/^clients-all-.*\.csv$/);

  await table.getByRole('link').first().click();
  await expect(page.getByTestId('client-projects')).toBeVisible();
  const feedback = page.getByTestId('client-feedback');
  const before = await feedback.locator('tbody tr').count();
  await page.getByRole('button', { name: 'Add feedback' }).click();
  const dialog = page.getByTestId('feedback-dialog');
  await dialog.getByRole('button', { name: 'Add feedback' }).click();
  await expect(dialog.getByText('Give the score as a whole number from 0 to 10.')).toBeVisible();
  await lookAt(page, 'client-feedback-dialog');
  await dialog.getByLabel('Score').selectOption('9');
  await dialog.getByLabel('Comment').fill('The pipeline work halved our release time.');
  await dialog.getByRole('button', { name: 'Add feedback' }).click();
  await expect(dialog).toBeHidden();
  await expect(feedback.locator('tbody tr')).toHaveCount(before + 1);
  await expect(feedback).toContainText('The pipeline work halved our release time.');
});
