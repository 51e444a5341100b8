// "Refresh demo" through the browser host: from Settings, asked first (Cancel changes nothing), the
// demo is made afresh with its history ending yesterday in Brisbane; the palette offers it too.
import { expect, test } from '@playwright/test';
import { startHost, type RunningHost } from './host';
import { lookAt } from './look';
import { dayIn, demoReady, openReplica } from './replica';

test.use({ viewport: { width: 1366, height: 768 } });

let host: RunningHost;
test.beforeAll(async () => {
  host = await startHost({ demoAnchor: '2026-11-20' });
});
test.afterAll(async () => {
  await host.stop();
});

/** The newest time entry's day in Brisbane, and how many entries there are. */
function newestEntry(): { day: string; count: number } {
  const db = openReplica(host);
  try {
    const row = db.prepare('SELECT max(started_at) AS last, count(*) AS n FROM time_entries').get() as { last: string; n: number };
    return { day: dayIn(row.last), count: row.n };
  } finally {
    db.close();
  }
}

test('Refresh demo, from Settings and the palette, asks first and brings the history up to yesterday', async ({ page }) => {
  test.setTimeout(180_000);
  await page.goto(`${host.url}#/hours`);
  await demoReady(page);
  await page.goto(`${host.url}#/settings`);
  expect(newestEntry().day).toBe('2026-11-19');

  // The palette offers it, and asks first; Cancel changes nothing.
  await page.keyboard.press('Control+k');
  await page.getByPlaceholder(/Go to a screen/).fill('refresh demo');
  await page.keyboard.press('Enter');
  const confirm = page.getByRole('alertdialog', { name: 'Refresh the demo workspace?' });
  await expect(confirm).toContainText('Your Work workspace is not touched.');
  await confirm.getByRole('button', { name: 'Cancel' }).click();
  await expect(confirm).toBeHidden();
  expect(newestEntry().day).toBe('2026-11-19');

  await page.getByRole('button', { name: 'Refresh demo…' }).click();
  await expect(confirm).toBeVisible();
  await lookAt(page, 'refresh-demo-confirm');
  await confirm.getByRole('button', { name: 'Refresh demo' }).click();
  const yesterday = dayIn(new Date(Date.now() - 86_400_000).toISOString());
  await expect(page.getByText(/^The demo is fresh: its history now runs to /)).toBeVisible({ timeout: 60_000 });
  const after = newestEntry();
  expect(after.day > '2026-11-19' && after.day <= yesterday).toBe(true);
  expect(after.count).toBeGreaterThan(1000);
  // The screens show the fresh demo at once (no reload).
  await page.goto(`${host.url}#/hours?day=${after.day}`);
  await expect(page.getByTestId('entry-row').first()).toBeVisible();
});
