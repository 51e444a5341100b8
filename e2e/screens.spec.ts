// Every screen and dialog, light and dark, at a projector's 1366×768: screenshots to look at
// (e2e/artifacts) and an axe check that finds no serious or critical accessibility violation.
import { expect, test, type Page } from '@playwright/test';
import { startHost, type RunningHost } from './host';
import { lookAt } from './look';
import { dayIn, demoReady, editableEntry, openReplica } from './replica';

test.use({ viewport: { width: 1366, height: 768 } });

let host: RunningHost;
test.beforeAll(async () => {
  host = await startHost({ demoAnchor: '2026-11-27' });
});
test.afterAll(async () => {
  await host.stop();
});

async function demoReadyOnSettings(page: Page): Promise<void> {
  await expect(page.getByRole('heading', { name: 'Settings', level: 1 })).toBeVisible({ timeout: 60_000 });
}

const check = (page: Page, name: string, theme: string) => lookAt(page, `${name}-${theme}`);

for (const theme of ['light', 'dark'] as const) {
  test(`every screen and dialog in ${theme}: no serious or critical axe violation`, async ({ page }) => {
    test.setTimeout(120_000);
    await page.emulateMedia({ colorScheme: theme });
    await page.goto(`${host.url}#/hours?day=2026-11-26`);
    await demoReady(page);
    await expect(page.locator('html')).toHaveAttribute('data-theme', theme);
    await expect(page.getByTestId('entry-row').first()).toBeVisible();
    await check(page, 'hours-day', theme);

    // A focused control shows its ring, 3 px and solid, not clipped by its group.
    await page.getByRole('button', { name: 'Week', exact: true }).focus();
    await page.keyboard.press('Tab');
    await page.keyboard.press('Shift+Tab');
    const ring = await page.evaluate(() => {
      const el = document.activeElement as HTMLElement;
      const style = getComputedStyle(el);
      return {
        name: el.textContent,
        width: style.outlineWidth,
        style: style.outlineStyle,
        clip: getComputedStyle(el.parentElement!).overflow,
      };
    });
    expect(ring).toEqual({ name: 'Week', width: '3px', style: 'solid', clip: 'visible' });
    await page.screenshot({ path: `e2e/artifacts/focus-ring-${theme}.png`, clip: { x: 216, y: 150, width: 700, height: 80 } });

    // A running timer, with the pointer on Stop: the label keeps its contrast under hover, and
    // starting it moved nothing below it.
    const toolbarTop = async () => (await page.getByRole('group', { name: 'View' }).boundingBox())!.y;
    const before = await toolbarTop();
    await page.getByLabel('Timer project').selectOption({ index: 1 });
    await page.getByRole('button', { name: 'Start timer' }).click();
    await expect(page.getByTestId('timer-elapsed')).toBeVisible();
    expect(await toolbarTop()).toBe(before);
    await page.getByRole('button', { name: 'Stop', exact: true }).hover();
    await check(page, 'hours-timer', theme);
    await page.getByRole('button', { name: 'Discard timer' }).click();
    await page.getByRole('alertdialog').getByRole('button', { name: 'Discard timer' }).click();
    await expect(page.getByRole('button', { name: 'Start timer' })).toBeVisible();

    await page.getByRole('button', { name: 'Week', exact: true }).click();
    await expect(page.getByTestId('week-row').first()).toBeVisible();
    await check(page, 'hours-week', theme);

    await page.getByRole('button', { name: 'New entry' }).click();
    await expect(page.getByRole('dialog', { name: 'New time entry' })).toBeVisible();
    await check(page, 'entry-dialog', theme);
    await page
      .getByRole('dialog')
      .getByRole('button', { name: /^Date:/ })
      .click();
    await check(page, 'date-picker', theme);
    await page.keyboard.press('Escape');
    await page.keyboard.press('Escape');

    const db = openReplica(host);
    const entry = editableEntry(db);
    db.close();
    await page.goto(`${host.url}#/hours?day=${dayIn(entry.started_at)}`);
    await page.getByRole('button', { name: 'Delete entry' }).first().click();
    await expect(page.getByRole('alertdialog')).toBeVisible();
    await check(page, 'confirm-dialog', theme);
    await page.getByRole('button', { name: 'Cancel' }).click();

    // Past, invoiced days: locked entries keep their invoice badge on one line.
    await page.goto(`${host.url}#/hours?day=2026-09-15`);
    await expect(page.getByTestId('entry-row').first()).toBeVisible();
    const badge = page.getByTitle(/^On invoice/).first();
    await expect(badge).toBeVisible();
    expect((await badge.boundingBox())!.height).toBeLessThan(32); // one line, not "INV-/2026-/1887"
    await check(page, 'hours-invoiced', theme);

    for (const [link, name] of [
      ['Sync', 'sync'],
      ['Settings', 'settings'],
      ['Projects', 'projects'],
    ] as const) {
      await page.getByRole('link', { name: new RegExp(`^${link}( soon)?$`) }).click();
      await expect(page.getByRole('heading', { level: 1 })).toHaveText(link);
      await check(page, name, theme);
    }
    await page.goto(`${host.url}#/no-such-screen`);
    await expect(page.getByText('There is no screen at this address')).toBeVisible();
    await check(page, 'not-found', theme);
  });
}

test('README pictures: a day with the timer running, and an entry across midnight', async ({ page }) => {
  await page.goto(`${host.url}#/hours?day=2026-11-26`);
  await demoReady(page);
  await page.getByLabel('Timer project').selectOption({ index: 2 });
  await page.getByLabel('Timer note').fill('Pairing on the release pipeline');
  await page.getByRole('button', { name: 'Start timer' }).click();
  await expect(page.getByTestId('timer-elapsed')).toBeVisible();
  await page.mouse.move(0, 0);
  await page.screenshot({ path: 'e2e/artifacts/readme-hours-day.png' });
  await page.keyboard.press('n');
  const dialog = page.getByRole('dialog', { name: 'New time entry' });
  await dialog.getByLabel('Project').selectOption({ index: 2 });
  await dialog.getByLabel('Start time').fill('22:19');
  await dialog.getByLabel('End time').fill('00:03');
  await dialog.getByLabel('Note').fill('Production cutover: DNS switch and smoke tests');
  await expect(dialog.getByTestId('entry-duration')).toContainText('ends the next day');
  await page.screenshot({ path: 'e2e/artifacts/readme-entry-dialog.png' });
  await page.keyboard.press('Escape');
  await page.getByRole('button', { name: 'Discard timer' }).click();
  await page.getByRole('alertdialog').getByRole('button', { name: 'Discard timer' }).click();
  await page.getByRole('button', { name: 'Week', exact: true }).click();
  await expect(page.getByTestId('week-row').first()).toBeVisible();
  await page.screenshot({ path: 'e2e/artifacts/readme-hours-week.png' });
});

test('at 150 % text on 1366×768 the hours screens fit: nothing runs off the side, the timer keeps its controls', async ({ page }) => {
  await page.goto(`${host.url}#/settings`);
  await demoReadyOnSettings(page);
  await page.getByRole('group', { name: 'Text size' }).getByRole('button', { name: '150%' }).click();
  await expect(page.locator('html')).toHaveAttribute('style', /font-size: 24px/);
  for (const view of ['day', 'week']) {
    await page.goto(`${host.url}#/hours?day=2026-11-05&view=${view}`);
    await expect(page.getByTestId('hours-title')).toBeVisible();
    await page.screenshot({ path: `e2e/artifacts/text-150-hours-${view}.png` });
    const main = await page.locator('.main').evaluate((el) => ({ scroll: el.scrollWidth, visible: el.clientWidth }));
    expect(main.scroll, `hours ${view} runs off the side`).toBeLessThanOrEqual(main.visible);
    expect((await page.getByLabel('Timer project').boundingBox())!.width).toBeGreaterThan(140);
  }
  await page.goto(`${host.url}#/settings`);
  await page.getByRole('group', { name: 'Text size' }).getByRole('button', { name: '100%' }).click();
  await expect(page.locator('html')).toHaveAttribute('style', /font-size: 16px/);
});

test('at 1920×1080 the hours screen uses the width', async ({ page }) => {
  await page.setViewportSize({ width: 1920, height: 1080 });
  await page.goto(`${host.url}#/hours?day=2026-11-26`);
  await demoReady(page);
  await expect(page.getByTestId('entry-row').first()).toBeVisible();
  await page.screenshot({ path: 'e2e/artifacts/hours-day-1920.png' });
});
