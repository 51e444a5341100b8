// Settings: the workspace's time zone, and the user's clock format and text size, which stay the
// same in every workspace.
import { expect, test } from '@playwright/test';
import { startHost, type RunningHost } from './host';

let host: RunningHost | undefined;
test.afterEach(async () => {
  await host?.stop();
  host = undefined;
});

test('shows the workspace time zone, and keeps the clock format and text size across workspaces', async ({ page }) => {
  await page.setViewportSize({ width: 1366, height: 768 });
  host = await startHost({ demoAnchor: '2026-11-21' });
  await page.goto(`${host.url}#/hours`);
  await page.getByRole('link', { name: 'Settings' }).click();
  const zone = page.getByLabel('Time zone');
  await expect(zone).toHaveValue('Australia/Brisbane');

  const clock = page.getByRole('group', { name: 'Clock' });
  await expect(clock.getByRole('button', { name: /Automatic/ })).toHaveAttribute('aria-pressed', 'true');
  await clock.getByRole('button', { name: /24-hour/ }).click();
  await expect(clock.getByRole('button', { name: /24-hour/ })).toHaveAttribute('aria-pressed', 'true');
  await expect(clock.getByRole('button', { name: /24-hour/ })).toContainText('15:30');
  await expect(clock.getByRole('button', { name: /12-hour/ })).toContainText(/3:30\s?pm/i);
  await page.getByRole('group', { name: 'Theme' }).getByRole('button', { name: 'Light' }).click();
  await page.screenshot({ path: 'e2e/artifacts/settings-light.png', fullPage: true });
  await page.getByRole('group', { name: 'Theme' }).getByRole('button', { name: 'Dark' }).click();
  await page.screenshot({ path: 'e2e/artifacts/settings-dark.png', fullPage: true });

  const size = page.getByRole('group', { name: 'Text size' });
  await size.getByRole('button', { name: '125%' }).click();
  await expect(size.getByRole('button', { name: '125%' })).toHaveAttribute('aria-pressed', 'true');
  // The app's sizes are in rem: the root font size scales them all (16 px at 100%).
  await expect.poll(() => page.evaluate(() => getComputedStyle(document.documentElement).fontSize)).toBe('20px');

  // Work: its own zone (the machine's when it was made), the same user settings.
  await page.getByRole('group', { name: 'Workspace' }).getByRole('button', { name: 'Work' }).click();
  await expect(page.getByRole('group', { name: 'Workspace' }).getByRole('button', { name: 'Work' })).toHaveAttribute(
    'aria-pressed',
    'true',
  );
  await expect(zone).toHaveValue('Australia/Brisbane'); // the host runs with TZ=Australia/Brisbane
  await zone.selectOption('Europe/Berlin');
  await expect(zone).toHaveValue('Europe/Berlin');
  await expect(clock.getByRole('button', { name: /24-hour/ })).toHaveAttribute('aria-pressed', 'true');
  await expect(size.getByRole('button', { name: '125%' })).toHaveAttribute('aria-pressed', 'true');
  await page.screenshot({ path: 'e2e/artifacts/settings-work-125-dark.png', fullPage: true });
  await size.getByRole('button', { name: '100%' }).click();

  // Each workspace keeps its zone; a restart keeps everything.
  await page.getByRole('group', { name: 'Workspace' }).getByRole('button', { name: 'Demo' }).click();
  await expect(zone).toHaveValue('Australia/Brisbane');
  await page.reload();
  await page.getByRole('link', { name: 'Settings' }).click();
  await expect(page.getByRole('group', { name: 'Clock' }).getByRole('button', { name: /24-hour/ })).toHaveAttribute('aria-pressed', 'true');
});
