// Presentation mode's leak test: with the demo data and the mode on, every screen, drill-down and
// dialog we can reach, every chart's tooltips hovered; nothing real may show — no client, project or
// consultant name, no email, no money figure — in the text, in any title/aria-label/alt, or in the
// document's title. Then screenshots of the main screens presenting, light and dark, at 1366×768.
import { expect, test, type Page } from '@playwright/test';
import { startHost, type RunningHost } from './host';
import { lookAt } from './look';
import { demoReady, openReplica } from './replica';

test.use({ viewport: { width: 1366, height: 768 } });

const PROJECTS = '#/projects?from=2026-10-01&to=2026-11-27';
const BILLING = '#/billing?from=2025-12-01&to=2026-11-30';
const PIPELINES = '#/pipelines/dashboard?from=2026-10-29&to=2026-11-27';

let host: RunningHost;
/** Every real name and email in the demo replica, read before the screens are visited. */
let secrets: string[] = [];
let projectId = '';
let invoiceId = '';
let jobId = '';

test.beforeAll(async () => {
  host = await startHost({ demoAnchor: '2026-11-27' });
});
test.afterAll(async () => {
  await host.stop();
});

function readSecrets(): void {
  const db = openReplica(host);
  try {
    const names = (sql: string) => (db.prepare(sql).all() as { v: string }[]).map((r) => r.v);
    secrets = [
      ...names('SELECT name AS v FROM clients'),
      ...names('SELECT name AS v FROM projects'),
      ...names('SELECT name AS v FROM consultants'),
      ...names('SELECT email AS v FROM consultants'),
      ...names('SELECT company AS v FROM leads'),
      ...names('SELECT contact_name AS v FROM leads WHERE contact_name IS NOT NULL'),
      ...names('SELECT contact_email AS v FROM leads WHERE contact_email IS NOT NULL'),
    ].filter((s) => s.trim().length > 0);
    projectId = (db.prepare("SELECT id FROM projects WHERE status = 'active' ORDER BY name LIMIT 1").get() as { id: string }).id;
    invoiceId = (db.prepare('SELECT id FROM invoices ORDER BY issued_on DESC LIMIT 1').get() as { id: string }).id;
    jobId = (
      db.prepare('SELECT id FROM pipeline_jobs WHERE project_id IS NOT NULL ORDER BY requested_at DESC LIMIT 1').get() as { id: string }
    ).id;
  } finally {
    db.close();
  }
}

/** Everything a person (or a screen reader) could get from the page, and where it came from. */
async function everythingShown(page: Page): Promise<string> {
  return page.evaluate(() => {
    const parts = [document.title, document.body.innerText];
    for (const el of document.querySelectorAll('[title], [aria-label], [alt], optgroup[label], [placeholder]')) {
      for (const attr of ['title', 'aria-label', 'alt', 'label', 'placeholder']) {
        const value = el.getAttribute(attr);
        if (value) parts.push(`${attr}=${value}`);
      }
    }
    // Fields show their values too (a note being edited).
    for (const el of document.querySelectorAll<HTMLInputElement | HTMLTextAreaElement>(
      'input:not([data-private]), textarea:not([data-private])',
    )) {
      if (el.value) parts.push(`value=${el.value}`);
    }
    return parts.join('\n');
  });
}

// A currency sign next to digits ("$1,234", "A$12", "$ 5"), or a figure with cents ("1,234.50").
const MONEY = /\$\s?-?\d|\b\d{1,3}(,\d{3})*\.\d\d\b|\bAUD\s?\d/;
const EMAIL = /[\w.+-]+@[\w-]+\.[\w.-]+/;

/** Fails naming each leak and the line it is on. */
async function expectNoLeak(page: Page, where: string): Promise<void> {
  const text = await everythingShown(page);
  const lines = text.split('\n');
  const leaks: string[] = [];
  for (const secret of secrets) {
    const line = lines.find((l) => l.includes(secret));
    if (line !== undefined) leaks.push(`name "${secret}" in: ${line.slice(0, 160)}`);
  }
  for (const pattern of [MONEY, EMAIL]) {
    const line = lines.find((l) => pattern.test(l));
    if (line !== undefined) leaks.push(`${pattern === MONEY ? 'money' : 'email'} in: ${line.slice(0, 160)}`);
  }
  expect(leaks, `leaks on ${where}`).toEqual([]);
}

/** Hovers every bar, slice and dot of the screen's charts, checking each tooltip. */
async function hoverCharts(page: Page, where: string): Promise<void> {
  const marks = page.locator('.recharts-bar-rectangle path, .recharts-sector, .recharts-dot, .recharts-rectangle');
  const count = Math.min(await marks.count(), 40);
  for (let i = 0; i < count; i++) {
    const mark = marks.nth(i);
    if (!(await mark.isVisible())) continue;
    await mark.hover({ force: true });
    await expectNoLeak(page, `${where}, hovering chart mark ${i}`);
  }
}

async function presentingOn(page: Page): Promise<void> {
  await page.goto(`${host.url}#/hours?day=2026-11-26`);
  await demoReady(page);
  if ((await page.getByRole('button', { name: 'Present', exact: true }).count()) > 0) {
    await page.keyboard.press('Control+Shift+P');
  }
  await expect(page.getByRole('status').filter({ hasText: 'Presenting: names and amounts are hidden' })).toBeVisible();
  await expect(page.getByRole('button', { name: 'Presenting', exact: true })).toHaveAttribute('aria-pressed', 'true');
}

async function visit(page: Page, hash: string, ready: () => Promise<void>, where: string): Promise<void> {
  await page.goto(`${host.url}${hash}`);
  await ready();
  await expect(page.getByText('Presenting: names and amounts are hidden')).toBeVisible();
  await expectNoLeak(page, where);
}

test('presenting, no real name, email or amount shows anywhere we can reach', async ({ page }) => {
  test.setTimeout(300_000);
  await page.goto(`${host.url}#/hours?day=2026-11-26`);
  await demoReady(page);
  readSecrets();
  expect(secrets.length).toBeGreaterThan(10);
  // The test can see a leak: before presenting, the real names and amounts are there.
  await expect(expectNoLeak(page, 'Hours, not presenting')).rejects.toThrow(/name ".+"|money in/);

  await presentingOn(page);
  await expectNoLeak(page, 'Hours (day)');
  await expect(page.getByTestId('entry-row').first()).toContainText(/Project \d+/);

  // The entry dialog (its project list too) and the delete confirmation.
  await page.getByRole('button', { name: 'New entry' }).click();
  await expect(page.getByRole('dialog', { name: 'New time entry' })).toBeVisible();
  await expectNoLeak(page, 'the new entry dialog');
  await page.keyboard.press('Escape');
  await page.getByRole('button', { name: 'Delete entry' }).first().click();
  await expect(page.getByRole('alertdialog')).toBeVisible();
  await expectNoLeak(page, 'the delete confirmation');
  await page.keyboard.press('Escape');

  // A timer running shows in the card and in the top bar; starting it toasts.
  await page.getByLabel('Timer project').selectOption({ index: 1 });
  await page.getByRole('button', { name: 'Start timer' }).click();
  await expect(page.getByTestId('timer-elapsed')).toBeVisible();
  await expect(page.locator('[data-sonner-toast]').first()).toBeVisible();
  await expectNoLeak(page, 'Hours with a timer and its toast');
  await page.getByRole('button', { name: 'Discard timer' }).click();
  await expectNoLeak(page, 'the discard confirmation');
  await page.getByRole('alertdialog').getByRole('button', { name: 'Discard timer' }).click();

  await page.getByRole('button', { name: 'Week', exact: true }).click();
  await expect(page.getByTestId('week-row').first()).toBeVisible();
  await expectNoLeak(page, 'Hours (week)');

  // Projects: the dashboard, its charts' tooltips, a drill-down, a project's page.
  await visit(page, PROJECTS, () => expect(page.getByTestId('tile-utilization')).toBeVisible(), 'Projects');
  await expect(page.locator('.recharts-bar-rectangle').first()).toBeVisible();
  await hoverCharts(page, 'Projects');
  await page.locator('.recharts-bar-rectangle path').first().click();
  await expect(page.getByTestId('drill-total')).toBeVisible();
  await expectNoLeak(page, 'a Projects drill-down');
  // Export while presenting is refused, saying why.
  await page.getByTestId('drill-down').getByRole('button', { name: /CSV/ }).click();
  await expect(page.getByText('Turn presentation mode off to export')).toBeVisible();
  await page.keyboard.press('Escape');
  await visit(page, `#/projects/${projectId}`, () => expect(page.getByTestId('tile-burn')).toBeVisible(), 'a project page');
  await hoverCharts(page, 'a project page');

  // Billing: tiles, charts and their tooltips, drill-downs.
  await visit(page, BILLING, () => expect(page.getByTestId('tile-invoiced')).toBeVisible(), 'Billing');
  await expect(page.getByRole('img', { name: /^Revenue by month:/ })).toBeVisible();
  await hoverCharts(page, 'Billing');
  await page.getByTestId('tile-receivables').click();
  await expect(page.getByTestId('drill-total')).toBeVisible();
  await expectNoLeak(page, 'the receivables drill-down');
  await page.keyboard.press('Escape');

  // Invoices: the list, the new invoice dialog, an invoice; printing is refused.
  await visit(page, '#/invoices', () => expect(page.getByRole('table', { name: 'Invoices' }).first()).toBeVisible(), 'Invoices');
  await page.getByRole('button', { name: /New invoice/ }).click();
  await expect(page.getByRole('dialog')).toBeVisible();
  await expectNoLeak(page, 'the new invoice dialog');
  await page.locator('#invoice-client').selectOption({ index: 1 });
  await expect(page.getByTestId('invoice-preview')).not.toBeEmpty();
  await expectNoLeak(page, "the new invoice dialog's preview");
  await page.keyboard.press('Escape');
  await visit(page, `#/invoices/${invoiceId}`, () => expect(page.getByTestId('invoice-number')).toBeVisible(), 'an invoice');
  await page.getByRole('button', { name: /Save as PDF/ }).click({ timeout: 10_000 });
  await expect(page.getByText('Turn presentation mode off to print')).toBeVisible();

  // Pipelines: the list, the dashboard and its tooltips and a drill-down, a job.
  await visit(page, '#/pipelines', () => expect(page.getByRole('button', { name: /^Run / }).first()).toBeVisible(), 'Pipelines');
  await page.getByRole('button', { name: /^Run / }).first().click();
  await expect(page.getByRole('dialog')).toBeVisible();
  await expectNoLeak(page, 'the run dialog');
  await page.keyboard.press('Escape');
  await visit(page, PIPELINES, () => expect(page.getByTestId('tile-runs')).toBeVisible(), 'the pipelines dashboard');
  await hoverCharts(page, 'the pipelines dashboard');
  await page.getByTestId('tile-failed').click();
  await expect(page.getByTestId('drill-total')).toBeVisible();
  await expectNoLeak(page, 'a pipelines drill-down');
  await page.keyboard.press('Escape');
  await visit(page, `#/pipelines/jobs/${jobId}`, () => expect(page.getByTestId('job-id')).toBeVisible(), 'a job');
  await expect(page.getByTestId('job-project')).toHaveText(/Project \d+/);

  // The sales screens: the scorecard and a metric's rows, clients and a client's page, the board.
  await visit(page, '#/overview', () => expect(page.locator('.page').first()).toBeVisible(), 'Overview');
  await hoverCharts(page, 'Overview');
  await visit(
    page,
    '#/clients',
    () =>
      expect(
        page
          .getByRole('link')
          .filter({ hasText: /^Client [A-Z]+$/ })
          .first(),
      ).toBeVisible(),
    'Clients',
  );
  await page
    .getByRole('link')
    .filter({ hasText: /^Client [A-Z]+$/ })
    .first()
    .click();
  await expect(page).toHaveURL(/#\/clients\/.+/);
  await expect(page.locator('.page').first()).toBeVisible();
  await expectNoLeak(page, "a client's page");
  await visit(page, '#/sales', () => expect(page.locator('.page').first()).toBeVisible(), 'the sales board');
  await visit(page, '#/sync', () => expect(page.getByRole('heading', { name: 'Sync', level: 1 })).toBeVisible(), 'Sync');
  await visit(page, '#/settings', () => expect(page.getByRole('heading', { name: 'Settings', level: 1 })).toBeVisible(), 'Settings');

  // The same pseudonyms on every screen, and again after a reload (the setting is remembered).
  await page.reload();
  await expect(page.getByText('Presenting: names and amounts are hidden')).toBeVisible();
  await expectNoLeak(page, 'Settings after a reload');

  // Turned off, the real values are back (nothing was changed, only hidden).
  await page.keyboard.press('Control+Shift+P');
  await expect(page.getByText('Presenting: names and amounts are hidden')).toBeHidden();
  await page.goto(`${host.url}#/hours?day=2026-11-26`);
  await expect(expectNoLeak(page, 'Hours after presenting')).rejects.toThrow(/name ".+"|money in/);
});

for (const theme of ['light', 'dark'] as const) {
  test(`the main screens presenting, in ${theme}`, async ({ page }) => {
    test.setTimeout(180_000);
    await page.emulateMedia({ colorScheme: theme });
    await presentingOn(page);
    const look = (name: string) => lookAt(page, `presenting-${name}-${theme}`);
    // The pseudonyms, not the mask shown while they are being worked out.
    await expect(page.getByTestId('entry-row').first()).toContainText(/Project \d+/);
    await look('hours-day');
    await page.getByRole('button', { name: 'Week', exact: true }).click();
    await expect(page.getByTestId('week-row').first()).toBeVisible();
    await look('hours-week');
    await page.goto(`${host.url}${PROJECTS}`);
    await expect(page.locator('.recharts-bar-rectangle').first()).toBeVisible();
    await page.locator('.recharts-bar-rectangle path').first().hover({ force: true });
    await look('projects');
    await page.goto(`${host.url}${BILLING}`);
    await expect(page.getByRole('img', { name: /^Revenue by month:/ })).toBeVisible();
    await look('billing');
    await page.goto(`${host.url}#/invoices`);
    await expect(page.getByRole('table', { name: 'Invoices' }).first()).toBeVisible();
    await look('invoices');
    readSecrets();
    await page.goto(`${host.url}#/invoices/${invoiceId}`);
    await expect(page.getByTestId('invoice-number')).toBeVisible();
    await look('invoice');
    await page.goto(`${host.url}${PIPELINES}`);
    await expect(page.getByTestId('tile-runs')).toBeVisible();
    await look('pipelines-dashboard');
    await page.goto(`${host.url}#/pipelines/jobs/${jobId}`);
    await expect(page.getByTestId('job-id')).toBeVisible();
    await look('job');
    await page.goto(`${host.url}#/settings`);
    await expect(page.getByRole('heading', { name: 'Settings', level: 1 })).toBeVisible();
    await look('settings');
    await page.keyboard.press('Control+Shift+P');
    await expect(page.getByText('Presenting: names and amounts are hidden')).toBeHidden();
  });
}
