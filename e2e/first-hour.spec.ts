// The first hour with the app, as a new consultant meets it: each test is one defect that lost work
// or left a dead end, and fails if it comes back.
import { expect, test, type Page } from '@playwright/test';
import Database from 'better-sqlite3';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { ops, startHost, type RunningHost } from './host';
import { currentConsultant, dayIn, demoReady, editableEntry, openReplica } from './replica';

let host: RunningHost;
test.beforeEach(async () => {
  host = await startHost();
});
test.afterEach(async () => {
  await host.stop();
});

async function open(page: Page, hash = '#/hours'): Promise<void> {
  await page.goto(`${host.url}${hash}`);
  await demoReady(page);
}

async function firstProject(page: Page): Promise<string> {
  return (await page.getByLabel('Timer project').locator('option:not([value=""])').first().textContent())!.trim();
}

test('an entry on a completed project opens and saves; a damaged row shows the screen’s error, and the rest of the app works', async ({
  page,
}) => {
  await open(page);
  const db = openReplica(host);
  const entry = editableEntry(db);
  db.prepare("UPDATE projects SET status = 'completed' WHERE id = ?").run(entry.project_id);
  db.prepare("UPDATE time_entries SET note = 'Before the fix' WHERE id = ?").run(entry.id);
  await page.goto(`${host.url}#/hours?day=${dayIn(entry.started_at)}`);

  await page.getByTestId('entry-row').filter({ hasText: 'Before the fix' }).getByRole('button', { name: 'Edit entry' }).click();
  const dialog = page.getByRole('dialog', { name: 'Edit time entry' });
  await expect(dialog.getByLabel('Project')).toHaveValue(entry.project_id);
  await expect(dialog).toContainText('This project is completed');
  await dialog.getByLabel('Note').fill('After the fix');
  await dialog.getByRole('button', { name: 'Save changes' }).click();
  await expect(dialog).toBeHidden();
  await expect(page.getByTestId('entry-row').filter({ hasText: 'After the fix' })).toHaveCount(1);

  // A row no screen can draw (a start time that is not a time) must not blank the window.
  db.prepare('UPDATE time_entries SET started_at = ? WHERE id = ?').run(`${entry.started_at}x`, entry.id);
  await expect(page.getByRole('alert').filter({ hasText: 'This screen ran into a problem' })).toBeVisible();
  await expect(page.getByRole('navigation', { name: 'Main' })).toBeVisible();
  db.prepare('UPDATE time_entries SET started_at = ? WHERE id = ?').run(entry.started_at, entry.id);
  db.close();
  await page.getByRole('button', { name: 'Reload this screen' }).click();
  await expect(page.getByTestId('entry-row').filter({ hasText: 'After the fix' })).toHaveCount(1);
  await page.getByRole('link', { name: 'Settings' }).click();
  await expect(page.getByRole('heading', { name: 'Settings', level: 1 })).toBeVisible();
});

test('an entry across midnight saves (and saves again after a note edit); a duration can replace the end; zero minutes says so', async ({
  page,
}) => {
  await open(page);
  const project = await firstProject(page);
  await page.keyboard.press('n');
  const dialog = page.getByRole('dialog', { name: 'New time entry' });
  await dialog.getByLabel('Project').selectOption({ label: project });
  await dialog.getByLabel('Start time').fill('10:00');
  await dialog.getByLabel('End time').fill('10:00');
  await dialog.getByRole('button', { name: 'Add entry' }).click();
  await expect(dialog.getByRole('alert')).toHaveText(/0 minutes long: the end time is the same as the start time/);

  await dialog.getByLabel('Start time').fill('22:19');
  await dialog.getByLabel('End time').fill('00:03');
  await expect(dialog.getByTestId('entry-duration')).toHaveText(/Duration 1:44 · ends the next day/);
  await dialog.getByLabel('Note').fill('Cutover night');
  await dialog.getByRole('button', { name: 'Add entry' }).click();
  await expect(dialog).toBeHidden();
  const row = page.getByTestId('entry-row').filter({ hasText: 'Cutover night' });
  await expect(row).toContainText('1:44');
  await expect(row.getByTitle('Ends the next day')).toBeVisible();

  await row.getByRole('button', { name: 'Edit entry' }).click();
  const edit = page.getByRole('dialog', { name: 'Edit time entry' });
  await expect(edit.getByTestId('entry-duration')).toHaveText(/ends the next day/);
  await edit.getByLabel('Note').fill('Cutover night, rollback rehearsed');
  await edit.getByRole('button', { name: 'Save changes' }).click();
  await expect(edit).toBeHidden();
  await expect(page.getByTestId('entry-row').filter({ hasText: 'rollback rehearsed' })).toContainText('1:44');

  await page.keyboard.press('n');
  await dialog.getByLabel('Project').selectOption({ label: project });
  await dialog.getByLabel('Start time').fill('7am');
  await dialog.getByRole('button', { name: 'Enter a duration instead' }).click();
  await dialog.getByLabel('Duration').fill('1h30');
  await dialog.getByLabel('Note').fill('Typed as a duration');
  await dialog.getByRole('button', { name: 'Add entry' }).click();
  await expect(dialog).toBeHidden();
  await expect(page.getByTestId('entry-row').filter({ hasText: 'Typed as a duration' })).toContainText('1:30');
});

test('a saved entry on another day is shown where it went; days after tomorrow cannot be picked', async ({ page }) => {
  await open(page, '#/hours?day=2026-11-25');
  const project = await firstProject(page);
  await page.getByRole('button', { name: 'New entry' }).click();
  const dialog = page.getByRole('dialog', { name: 'New time entry' });
  await dialog.getByLabel('Project').selectOption({ label: project });
  await dialog.getByRole('button', { name: /^Date:/ }).click();
  // The calendar opens on the day shown; one day back with the keyboard.
  await page.keyboard.press('ArrowLeft');
  await page.keyboard.press('Enter');
  await expect(dialog.getByRole('button', { name: /^Date:/ })).toHaveAccessibleName(/Tue,? 24 Nov 2026/);
  await dialog.getByLabel('Note').fill('Moved a day');
  await dialog.getByRole('button', { name: 'Add entry' }).click();
  await expect(dialog).toBeHidden();
  await expect(page.getByTestId('hours-title')).toHaveText(/24 November 2026/);
  await expect(page).toHaveURL(/day=2026-11-24/);
  await expect(page.getByTestId('entry-row').filter({ hasText: 'Moved a day' })).toHaveClass(/row-highlight/);
  await expect(page.getByText(/Entry added/)).toBeVisible();

  await page.goto(`${host.url}#/hours`);
  await page.getByRole('button', { name: 'New entry' }).click();
  await dialog.getByRole('button', { name: /^Date:/ }).click();
  const today = dayIn(new Date().toISOString());
  const inTwoDays = dayIn(new Date(Date.now() + 2 * 86_400_000).toISOString());
  await expect(page.locator(`[data-day="${today}"]`)).not.toHaveAttribute('data-disabled');
  await expect(page.locator(`[data-day="${inTwoDays}"]`)).toHaveAttribute('data-disabled', 'true');
});

test('a timer left running for two days stops at the real end time given in a dialog', async ({ page }) => {
  await open(page);
  const project = await firstProject(page);
  await page.getByLabel('Timer project').selectOption({ label: project });
  await page.getByRole('button', { name: 'Start timer' }).click();
  await expect(page.getByTestId('timer-elapsed')).toBeVisible();

  // Started two days ago at 08:00 Brisbane time: over the 24 hours one entry can hold.
  const twoDaysAgo = dayIn(new Date(Date.now() - 2 * 86_400_000).toISOString());
  const db = openReplica(host);
  db.prepare('UPDATE running_timer SET started_at = ?').run(new Date(`${twoDaysAgo}T08:00:00+10:00`).toISOString());
  db.close();
  await expect(page.getByTestId('timer-sub')).toContainText('8:00', { timeout: 10_000 });

  await page.getByRole('button', { name: 'Stop', exact: true }).click();
  const dialog = page.getByRole('dialog', { name: 'When did you stop working?' });
  await expect(dialog).toBeVisible();
  await expect(dialog.getByTestId('stop-duration')).toHaveText('9:00'); // the first guess: 17:00 that day
  await dialog.getByLabel('Stopped at').fill('17:45');
  await expect(dialog.getByTestId('stop-duration')).toHaveText('9:45');
  await dialog.getByRole('button', { name: 'Stop and record' }).click();
  await expect(dialog).toBeHidden();
  await expect(page.getByRole('button', { name: 'Start timer' })).toBeVisible();
  await expect(page).toHaveURL(new RegExp(`day=${twoDaysAgo}`));
  await expect(page.getByTestId('entry-row').filter({ hasText: project }).filter({ hasText: '9:45' })).toHaveCount(1);
});

test('the view, day, consultant and filters survive leaving the screen, reload and Back', async ({ page }) => {
  await open(page, '#/hours?day=2026-11-25');
  const me = currentConsultant(openReplica(host));
  await page.getByRole('button', { name: 'Week', exact: true }).click();
  await page.getByRole('button', { name: 'Previous week' }).click();
  await expect(page.getByTestId('hours-title')).toHaveText(/Week of .*16 Nov 2026/);
  await page.getByLabel('Consultant shown').selectOption({ index: 1 });
  const other = await page.getByLabel('Consultant shown').inputValue();
  expect(other).not.toBe(me);

  await page.getByRole('link', { name: 'Settings' }).click();
  await page.getByRole('link', { name: /Hours/ }).click();
  const expectPlace = async () => {
    await expect(page.getByRole('button', { name: 'Week', exact: true })).toHaveAttribute('aria-pressed', 'true');
    await expect(page.getByTestId('hours-title')).toHaveText(/Week of .*16 Nov 2026/);
    await expect(page.getByLabel('Consultant shown')).toHaveValue(other);
  };
  await expectPlace();
  await page.reload();
  await expectPlace();
  await page.goBack(); // before the reload: Settings
  await page.goBack(); // before Settings: the same place
  await page.goBack(); // before choosing the consultant: my own hours
  await expect(page.getByLabel('Consultant shown')).toHaveValue('');
  await expect(page.getByTestId('hours-title')).toHaveText(/Week of .*16 Nov 2026/);
});

test('a filter that hides every entry says so and offers to clear it', async ({ page }) => {
  await open(page, '#/hours?day=2001-01-01&billable=no'); // a day before any demo history
  await expect(page.getByText('No entries on this day match the filters.')).toBeVisible();
  await expect(page.getByText('Start the timer')).toHaveCount(0);
  await page.getByRole('button', { name: 'Clear filters' }).click();
  await expect(page).not.toHaveURL(/billable=/);
});

test('T and N work from any screen; T with no project chosen shows the picker', async ({ page }) => {
  await open(page);
  await page.getByRole('link', { name: 'Settings' }).click();
  await page.keyboard.press('n');
  await expect(page.getByRole('dialog', { name: 'New time entry' })).toBeVisible();
  await page.keyboard.press('Escape');
  await page.keyboard.press('t');
  await expect(page).toHaveURL(/#\/hours/);
  await expect(page.getByLabel('Timer project')).toBeFocused();
  await page.getByLabel('Timer project').selectOption({ label: await firstProject(page) });
  await page.getByRole('link', { name: 'Sync', exact: true }).click();
  await page.keyboard.press('t');
  await expect(page.getByRole('button', { name: /timer running/ })).toBeVisible();
  await page.keyboard.press('t');
  await expect(page.getByRole('button', { name: /timer running/ })).toBeHidden();
  await expect(page.getByText(/^Recorded \d+:\d{2} on /)).toBeVisible();
});

test('delete asks in the app’s own dialog and offers Undo', async ({ page }) => {
  await open(page);
  const db = openReplica(host);
  const entry = editableEntry(db);
  db.prepare("UPDATE time_entries SET note = 'Delete me' WHERE id = ?").run(entry.id);
  db.close();
  await page.goto(`${host.url}#/hours?day=${dayIn(entry.started_at)}`);
  const row = page.getByTestId('entry-row').filter({ hasText: 'Delete me' });
  await row.getByRole('button', { name: 'Delete entry' }).click();
  const confirm = page.getByRole('alertdialog', { name: 'Delete this entry?' });
  await confirm.getByRole('button', { name: 'Cancel' }).click();
  await expect(row).toHaveCount(1);
  await row.getByRole('button', { name: 'Delete entry' }).click();
  await confirm.getByRole('button', { name: 'Delete entry' }).click();
  await expect(row).toHaveCount(0);
  await page.getByRole('button', { name: 'Undo' }).click();
  await expect(page.getByTestId('entry-row').filter({ hasText: 'Delete me' })).toHaveCount(1);
});

test('on a day with no hours yet the screen opens on this week’s latest day with hours, and says so', async ({ page }) => {
  await host.stop();
  host = await startHost({ demoAnchor: '2026-11-29' }); // a Sunday: the demo consultant works weekdays
  await page.clock.setFixedTime(new Date('2026-11-29T00:30:00Z')); // Sunday 10:30 in Brisbane
  await open(page);
  await expect(page.getByTestId('landing-note')).toContainText('your latest day with hours this week');
  await expect(page.getByTestId('hours-title')).not.toHaveText(/Sunday/);
  await expect(page.getByTestId('entry-row').first()).toBeVisible();
  await page.getByRole('button', { name: 'Show today' }).click();
  await expect(page.getByTestId('hours-title')).toHaveText(/Sunday,? 29 November 2026/);
  await expect(page.getByText('No entries for this day')).toBeVisible();
});

test('a workspace with no consultant chosen asks who you are on Hours, and T and N say so too', async ({ page }) => {
  await host.stop();
  const db = path.join(fs.mkdtempSync(path.join(os.tmpdir(), 'ops-e2e-db-')), 'work.sqlite');
  ops('seed', '--demo', '--db', db, '--anchor', '2026-11-20');
  const replica = new Database(db);
  replica.prepare("DELETE FROM settings WHERE key = 'consultant_id'").run();
  replica.close();
  host = await startHost({ db });
  await page.goto(`${host.url}#/hours`);
  await expect(page.getByRole('heading', { name: 'Whose hours are these?' })).toBeVisible();
  await page.keyboard.press('t');
  await expect(page.getByText('Choose who you are first: the timer records your hours.')).toBeVisible();
  await page.keyboard.press('n');
  await expect(page.getByRole('dialog', { name: 'New time entry' })).toHaveCount(0);
  await page.getByLabel('I am').selectOption({ index: 1 });
  await expect(page.getByLabel('Timer project')).toBeVisible();
  await expect(page.getByRole('heading', { name: 'Whose hours are these?' })).toHaveCount(0);
  fs.rmSync(path.dirname(db), { recursive: true, force: true });
});
