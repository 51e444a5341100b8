// Failures of the browser host are visible: a stopped host, a restarted one (same or new token), a
// missing token, a read that fails. The page says what happened and what to do, and heals by itself.
import { spawnSync } from 'node:child_process';
import crypto from 'node:crypto';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { expect, test, type Page } from '@playwright/test';
import { storageError } from '../electron/core/db/storage';
import { startHost, type HostOptions, type RunningHost } from './host';
import { lookAt } from './look';

test.use({ viewport: { width: 1366, height: 768 } });

let dataDir: string;
const running = new Set<RunningHost>();

test.beforeEach(() => {
  dataDir = fs.mkdtempSync(path.join(os.tmpdir(), 'ops-e2e-failures-'));
});
test.afterEach(async () => {
  for (const host of running) await host.stop();
  running.clear();
  fs.rmSync(dataDir, { recursive: true, force: true });
});

/** A host over this test's data directory (kept across restarts), on a fixed token unless given. */
async function start(options: HostOptions = {}): Promise<RunningHost> {
  const host = await startHost({ dataDir, demoAnchor: '2026-11-21', ...options });
  running.add(host);
  return host;
}
async function stop(host: RunningHost): Promise<void> {
  running.delete(host);
  await host.stop();
}

const banner = (page: Page) => page.getByTestId('connection-banner');
const toasts = (page: Page) => page.locator('[data-sonner-toast]');

/** The theme for a screenshot, as the app's theme hook sets it (that hook is gone when an error replaced the app). */
async function setTheme(page: Page, theme: 'light' | 'dark'): Promise<void> {
  await page.emulateMedia({ colorScheme: theme });
  await page.evaluate((t) => (document.documentElement.dataset.theme = t), theme);
}

/** Waits until the Hours screen has loaded everything it asks for on opening. */
async function loaded(page: Page): Promise<void> {
  await expect(page.getByText('Demo workspace')).toBeVisible();
  await expect(page.getByLabel('Timer project').locator('option:not([value=""])').first()).toBeAttached();
  await expect(page.getByTestId('entry-row').first().or(page.getByText('No entries for this day'))).toBeVisible();
}

/** Today in the browser's zone (Brisbane, as in playwright.config). */
function todayInBrisbane(): string {
  return new Intl.DateTimeFormat('en-CA', { timeZone: 'Australia/Brisbane' }).format(new Date());
}

/** Adds an entry with the built `ops` command straight into the replica, as the CLI would while the host is down. */
function addEntryWithCli(project: string, note: string): void {
  const result = spawnSync(
    process.execPath,
    [
      path.join(__dirname, '..', 'out', 'node', 'ops.js'),
      'hours',
      'add',
      '--project',
      project,
      '--minutes',
      '45',
      '--date',
      todayInBrisbane(),
      '--start',
      '09:00',
      '--note',
      note,
    ],
    { encoding: 'utf8', env: { ...process.env, OPS_DATA_DIR: dataDir, TZ: 'Australia/Brisbane' } },
  );
  if (result.status !== 0) throw new Error(`ops hours add failed:\n${result.stderr}`);
}

async function firstProject(page: Page): Promise<string> {
  const label = await page.getByLabel('Timer project').locator('option:not([value=""])').first().textContent();
  return label!.trim();
}

test('a stopped host is announced once and a failed write says nothing was saved; back on the same port and token, the page reconnects and refreshes by itself', async ({
  page,
}) => {
  const token = `e2e-${crypto.randomBytes(8).toString('hex')}`;
  const first = await start({ token });
  await page.goto(`${first.url}#/hours?day=${todayInBrisbane()}`);
  await loaded(page);
  const project = await firstProject(page);
  await expect(page.getByText('No entries for this day')).toBeVisible();

  await stop(first);
  await expect(banner(page)).toHaveCount(1);
  await expect(banner(page)).toHaveAttribute('role', 'alert');
  await expect(banner(page)).toContainText('The Ops Console host is not answering');
  await expect(banner(page)).toContainText('npm run serve');

  // A write while the host is gone: its toast says what happened, that nothing was saved and what to do.
  await page.getByLabel('Timer project').selectOption({ label: project });
  await page.getByRole('button', { name: 'Start timer' }).click();
  await expect(toasts(page)).toHaveCount(1);
  await expect(toasts(page)).toContainText('Not saved: the Ops Console host is not answering');
  await expect(toasts(page)).not.toContainText('Failed to fetch');
  await expect(banner(page)).toHaveCount(1); // still the one announcement, not one per failure
  await setTheme(page, 'light');
  await lookAt(page, 'host-stopped-light');
  await setTheme(page, 'dark');
  await lookAt(page, 'host-stopped-dark');

  // Meanwhile the CLI changes the replica; the page must show it once the host is back, with no reload.
  addEntryWithCli(project, 'Logged from the command line while the host was down');
  const second = await start({ token, port: first.port });
  expect(second.port).toBe(first.port);
  await expect(banner(page)).toContainText('Reconnected');
  await expect(banner(page)).toHaveAttribute('role', 'status');
  await expect(page.getByTestId('entry-row')).toContainText('Logged from the command line while the host was down');
  await setTheme(page, 'light');
  await lookAt(page, 'host-reconnected-light');
  // And calls work again: the timer starts.
  await page.getByRole('button', { name: 'Start timer' }).click();
  await expect(page.getByTestId('timer-elapsed')).toBeVisible();
});

test('while the host is stopped, a screen that needs new data shows the host message instead of an empty day, and comes back by itself', async ({
  page,
}) => {
  const token = `e2e-${crypto.randomBytes(8).toString('hex')}`;
  const first = await start({ token });
  await page.goto(`${first.url}#/hours?day=2026-11-19`);
  await loaded(page);
  await expect(page.getByTestId('entry-row').first()).toBeVisible();

  await stop(first);
  await expect(banner(page)).toContainText('not answering');
  await page.getByRole('button', { name: 'Previous day' }).click();
  await expect(page).toHaveURL(/day=2026-11-18/);
  const error = page.getByTestId('query-error');
  await expect(error).toBeVisible();
  await expect(error).toContainText('npm run serve');
  await expect(error).toContainText('this page reconnects by itself');
  await expect(page.getByText('No entries for this day')).toHaveCount(0);
  await expect(page.getByText('Failed to fetch')).toHaveCount(0);
  await expect(page.getByRole('navigation', { name: 'Main' })).toBeVisible(); // only the screen is replaced
  await expect(banner(page)).toHaveCount(1);
  await setTheme(page, 'light');
  await lookAt(page, 'host-stopped-screen-light');
  await setTheme(page, 'dark');
  await lookAt(page, 'host-stopped-screen-dark');

  // Back: the screen loads the day it could not load, with no click.
  await start({ token, port: first.port });
  await expect(error).toBeHidden();
  await expect(banner(page)).toContainText('Reconnected');
  await expect(page.getByTestId('entry-row').first()).toBeVisible();
  await expect(page.getByRole('navigation', { name: 'Main' })).toBeVisible();
});

test('a host restarted with a new token: the page says its token is no longer valid and which URL to open', async ({ page }) => {
  const first = await start({ token: `e2e-${crypto.randomBytes(8).toString('hex')}` });
  await page.goto(`${first.url}#/hours?day=2026-11-19`);
  await loaded(page);

  await stop(first);
  const second = await start({ port: first.port }); // mints a new token, as `npm run serve` does
  expect(second.token).not.toBe(first.token);
  await expect(banner(page)).toHaveAttribute('role', 'alert');
  await expect(banner(page)).toContainText('This page’s access token is no longer valid');
  await expect(banner(page)).toContainText('Open the URL that npm run serve printed');
  await setTheme(page, 'light');
  await lookAt(page, 'host-token-stale-light');
  await setTheme(page, 'dark');
  await lookAt(page, 'host-token-stale-dark');

  // Opening the printed URL is the cure.
  await page.goto(`${second.url}#/hours?day=2026-11-19`);
  await loaded(page);
  await expect(banner(page)).toHaveCount(0);
  await expect(page.getByTestId('query-error')).toHaveCount(0);
});

test('a page opened without the token says so instead of showing an empty app', async ({ page }) => {
  const host = await start();
  await page.goto(`http://127.0.0.1:${host.port}/`);
  await expect(banner(page)).toContainText('This page has no access token');
  await expect(page.getByTestId('query-error')).toContainText('no access token');
  await expect(page.getByText('No entries for this day')).toHaveCount(0);
});

test('a read the core refuses shows its error and Try again, not "No entries"', async ({ page }) => {
  const host = await start();
  let failing = true;
  await page.route('**/api/invoke/entries.list', (route) =>
    failing
      ? route.fulfill({
          contentType: 'application/json',
          body: JSON.stringify({ ok: false, error: { code: 'internal', message: 'The replica could not be read (disk I/O error).' } }),
        })
      : route.fallback(),
  );
  await page.goto(`${host.url}#/hours?day=2026-11-19`);
  const error = page.getByTestId('query-error');
  await expect(error).toContainText('The replica could not be read (disk I/O error).');
  await expect(page.getByRole('navigation', { name: 'Main' })).toBeVisible();
  await expect(page.getByText('No entries for this day')).toHaveCount(0);
  await expect(banner(page)).toHaveCount(0); // the host is fine: no connection announcement
  await setTheme(page, 'light');
  await lookAt(page, 'query-error-light');
  await setTheme(page, 'dark');
  await lookAt(page, 'query-error-dark');

  failing = false;
  await error.getByRole('button', { name: 'Try again' }).click();
  await expect(page.getByTestId('entry-row').first()).toBeVisible();
});

test('a write the disk refuses (full): the toast says what happened and what to do, the day keeps its entries, and the next try after space returns saves', async ({
  page,
}) => {
  const host = await start();
  // The core's own words for SQLITE_FULL (electron/core/storage.test.ts makes a real file full;
  // here the answer is the host's, so the screen can be looked at).
  const full = storageError({ code: 'SQLITE_FULL' }, path.join(dataDir, 'demo.sqlite'))!.toJSON();
  let diskFull = true;
  await page.route('**/api/invoke/timer.start', (route) =>
    diskFull ? route.fulfill({ contentType: 'application/json', body: JSON.stringify({ ok: false, error: full }) }) : route.fallback(),
  );
  await page.goto(`${host.url}#/hours?day=2026-11-19`);
  // The first start seeds the demo workspace, which takes a while on a busy machine.
  await expect(page.getByText('Demo workspace')).toBeVisible({ timeout: 60_000 });
  await loaded(page);
  const entries = await page.getByTestId('entry-row').count();
  expect(entries).toBeGreaterThan(0);

  await page.getByLabel('Timer project').selectOption({ label: await firstProject(page) });
  await page.getByRole('button', { name: 'Start timer' }).click();
  await expect(toasts(page)).toHaveCount(1);
  await expect(toasts(page)).toContainText(`Not saved: the disk holding your data (${dataDir}) is full. Free some space on it`);
  await expect(toasts(page)).toContainText('Everything saved before is kept');
  await expect(page.getByTestId('entry-row')).toHaveCount(entries); // reads go on
  await expect(banner(page)).toHaveCount(0); // the host is fine
  await toasts(page).hover(); // the toast stays while the pointer is on it: both screenshots show it
  await setTheme(page, 'light');
  await lookAt(page, 'disk-full-light');
  await setTheme(page, 'dark');
  await expect(toasts(page)).toHaveCount(1);
  await lookAt(page, 'disk-full-dark');

  diskFull = false;
  await page.getByRole('button', { name: 'Start timer' }).click();
  await expect(page.getByTestId('timer-elapsed')).toBeVisible();
});
