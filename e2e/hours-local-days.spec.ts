import { expect, test, type Page } from '@playwright/test';
import { startHost, type RunningHost } from './host';
import { demoReady } from './replica';

// The workspace is set to Sydney (daylight saving) while the host runs in Brisbane (none) and the
// browser in New York: days are the workspace's, whatever either machine's zone or the offset.
test.use({ timezoneId: 'America/New_York' });

let host: RunningHost;
test.beforeEach(async () => {
  host = await startHost();
});
test.afterEach(async () => {
  await host.stop();
});

function minutes(text: string | null): number {
  const match = /^\s*(\d+):(\d{2})/.exec(text ?? '');
  return match ? Number(match[1]) * 60 + Number(match[2]) : 0;
}

/** The week's Sunday total and week total, in minutes (0 for an empty week). */
async function sundayAndWeek(page: Page): Promise<{ sunday: number; week: number }> {
  const table = page.getByRole('table', { name: 'Week timesheet' });
  if (!(await table.isVisible())) return { sunday: 0, week: 0 };
  const totals = table.locator('tfoot td');
  return { sunday: minutes(await totals.nth(7).textContent()), week: minutes(await totals.nth(8).textContent()) };
}

for (const [season, sunday] of [
  ['winter (AEST +10)', '2025-07-13'],
  ['summer (AEDT +11)', '2026-01-18'],
  ['the April change', '2025-04-06'],
  ['the October change', '2025-10-05'],
] as const) {
  test(`a Sunday-evening entry stays on Sunday in a Sydney week in ${season}`, async ({ page }) => {
    await page.goto(`${host.url}#/hours`);
    await demoReady(page);
    const project = (await page.getByLabel('Timer project').locator('option:not([value=""])').first().textContent())!.trim();
    await page.getByRole('link', { name: 'Settings' }).click();
    await page.getByLabel('Time zone').selectOption('Australia/Sydney');
    await expect(page.getByLabel('Time zone')).toHaveValue('Australia/Sydney');
    // A fresh page, so nothing on it was fetched before the zone changed.
    await page.goto(`${host.url}#/hours?view=week&day=${sunday}`);
    await page.reload();
    await expect(page.getByTestId('hours-title')).toHaveText(/^Week of/);
    await expect(page.getByRole('table', { name: 'Week timesheet' }).or(page.getByText('No hours this week yet'))).toBeVisible();
    // Read twice, a moment apart, so a week still loading is not taken for an empty one.
    let before = await sundayAndWeek(page);
    await expect
      .poll(async () => {
        const again = await sundayAndWeek(page);
        const same = again.week === before.week && again.sunday === before.sunday;
        before = again;
        return same;
      })
      .toBe(true);

    await page.getByRole('button', { name: 'New entry' }).click();
    const dialog = page.getByRole('dialog', { name: 'New time entry' });
    await dialog.getByLabel('Project').selectOption({ label: project });
    await dialog.getByLabel('Start time').fill('23:15');
    await dialog.getByLabel('End time').fill('23:45');
    await dialog.getByRole('button', { name: 'Add entry' }).click();
    await expect(dialog).toBeHidden();

    // Saving shows the entry's own day: still that Sunday, 11:15 pm Sydney time.
    await expect(page.getByTestId('hours-title')).toHaveText(/^Sunday/);
    await expect(page.getByTestId('entry-row').filter({ hasText: /11:15\s?pm–11:45\s?pm/ })).toHaveCount(1);
    await page.getByRole('button', { name: 'Week', exact: true }).click();
    await expect.poll(() => sundayAndWeek(page)).toEqual({ sunday: before.sunday + 30, week: before.week + 30 });
  });
}
