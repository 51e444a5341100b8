import { expect, test, type Page } from '@playwright/test';
import { startHost, type RunningHost } from './host';
import { dayIn } from './replica';

let host: RunningHost;

test.beforeEach(async () => {
  host = await startHost();
});
test.afterEach(async () => {
  await host.stop();
});

async function firstActiveProject(page: Page): Promise<string> {
  const select = page.getByLabel('Timer project');
  const label = await select.locator('option:not([value=""])').first().textContent();
  return label!.trim();
}

function seconds(elapsed: string): number {
  const [h, m, s] = elapsed.split(':').map(Number) as [number, number, number];
  return h * 3600 + m * 60 + s;
}

test('a running timer survives a reload, and stopping it records the entry in the day list and week grid', async ({ page }) => {
  await page.goto(`${host.url}#/hours`);
  const project = await firstActiveProject(page);
  await page.getByLabel('Timer project').selectOption({ label: project });
  await page.getByLabel('Timer note').fill('Pairing on the release pipeline');
  await page.getByRole('button', { name: 'Start timer' }).click();
  await expect(page.getByTestId('timer-elapsed')).toBeVisible();

  await page.waitForTimeout(3_000);
  await page.reload();
  const elapsed = page.getByTestId('timer-elapsed');
  await expect(elapsed).toBeVisible();
  await expect.poll(async () => seconds((await elapsed.textContent()) ?? '0:00:00')).toBeGreaterThanOrEqual(3);
  expect(seconds((await elapsed.textContent())!)).toBeLessThan(60);
  await expect(page.getByRole('button', { name: new RegExp(`${project}.+timer running`) })).toBeVisible();

  await page.getByRole('button', { name: 'Stop' }).click();
  await expect(page.getByRole('button', { name: 'Start timer' })).toBeVisible();
  const row = page.getByTestId('entry-row').filter({ hasText: 'Pairing on the release pipeline' });
  await expect(row).toHaveCount(1);
  await expect(row).toContainText(project);
  await expect(row).toContainText('Pairing on the release pipeline');
  await expect(row).toContainText('0:01');

  await page.getByRole('button', { name: 'Week' }).click();
  const weekRow = page.getByTestId('week-row').filter({ hasText: project });
  await expect(weekRow).toBeVisible();
  await expect(page.getByTestId('week-total')).not.toHaveText('–');
});

test('an invalid manual entry shows its message and creates nothing; a valid one appears', async ({ page }) => {
  await page.goto(`${host.url}#/hours?day=${dayIn(new Date().toISOString())}`);
  const project = await firstActiveProject(page);
  await expect(page.getByText('No entries for this day')).toBeVisible();

  await page.keyboard.press('n');
  const dialog = page.getByRole('dialog', { name: 'New time entry' });
  await expect(dialog).toBeVisible();
  await dialog.getByLabel('Project').selectOption({ label: project });
  await dialog.getByLabel('Start time').fill('14:00');
  await dialog.getByLabel('End time').fill('14:00');
  await dialog.getByRole('button', { name: 'Add entry' }).click();
  await expect(dialog.getByRole('alert')).toHaveText(/0 minutes long/i);
  await expect(dialog.getByLabel('End time')).toHaveAttribute('aria-invalid', 'true');

  await dialog.getByLabel('Note').fill('x'.repeat(2001));
  await dialog.getByLabel('End time').fill('15:30');
  await dialog.getByRole('button', { name: 'Add entry' }).click();
  await expect(dialog.getByRole('alert')).toHaveText(/at most 2000 characters/);

  await dialog.getByRole('button', { name: 'Cancel' }).click();
  await expect(page.getByText('No entries for this day')).toBeVisible();

  await page.getByRole('button', { name: 'New entry' }).click();
  await dialog.getByLabel('Project').selectOption({ label: project });
  await dialog.getByLabel('Start time').fill('14:00');
  await dialog.getByLabel('End time').fill('15:30');
  await dialog.getByRole('button', { name: 'Add entry' }).click();
  await expect(dialog).toBeHidden();
  await expect(page.getByTestId('entry-row')).toHaveCount(1);
  await expect(page.getByTestId('entry-row')).toContainText('1:30');
});
