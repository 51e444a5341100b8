// Presentation mode's leak test: with the demo data and the mode on, every screen, drill-down and
// dialog we can reach, every chart's tooltips hovered; nothing real may show — no client, project or
// consultant name, no email, no money figure — in the text, in any title/aria-label/alt, or in the
// document's title; typed into a dialog's field, a real name shows as dots. Then every screen
// presenting at 1280×720 and 1366×768, light and dark: a screenshot, axe (no serious or critical
// violation) and nothing pushed sideways out of view.
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
let clientId = '';

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
    clientId = (db.prepare('SELECT id FROM clients ORDER BY name LIMIT 1').get() as { id: string }).id;
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
    // Fields show their values too (a note being edited), unless they really show as dots.
    for (const el of document.querySelectorAll<HTMLInputElement | HTMLTextAreaElement>('input, textarea')) {
      const dots = getComputedStyle(el).getPropertyValue('-webkit-text-security') === 'disc';
      if (el.value && !dots && el.type !== 'checkbox' && el.type !== 'radio') parts.push(`value=${el.value}`);
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
  // Feedback typed on a client's page shows as dots.
  await page.getByRole('button', { name: 'Add feedback' }).click();
  await page.getByRole('dialog').locator('textarea').fill(`${secrets[0]} paid $12,400.00`);
  await expectNoLeak(page, 'the feedback dialog, a real name typed');
  await page.keyboard.press('Escape');

  // The sales board; a lead's dialog (its company, contact, email and value) and a new lead typed in.
  await visit(page, '#/sales', () => expect(page.getByTestId('board')).toBeVisible(), 'the sales board');
  await page
    .getByRole('button', { name: /^Edit Company \d+$/ })
    .first()
    .click();
  const leadDialog = page.getByTestId('lead-dialog');
  await expect(leadDialog.getByLabel('Company')).not.toHaveValue('');
  await expectNoLeak(page, "a lead's dialog");
  await page.keyboard.press('Escape');
  await page.getByTestId('new-lead').click();
  await leadDialog.getByLabel('Company').fill(secrets[0]!);
  await leadDialog.getByLabel('Contact', { exact: true }).fill('Mia Chen');
  await leadDialog.getByLabel('Contact email').fill('mia@kprobotics.com.au');
  await leadDialog.getByLabel('Estimated value (AUD, ex GST)').fill('14,500.00');
  await expectNoLeak(page, 'the new lead dialog, a real name typed');
  await page.keyboard.press('Escape');

  // The Overview's metric dialogs: a new metric's target, a metric's own dialog and a value recorded.
  await visit(page, '#/overview', () => expect(page.getByRole('button', { name: 'New metric' })).toBeVisible(), 'Overview (metrics)');
  await page.getByRole('button', { name: 'New metric' }).click();
  const metricDialog = page.getByTestId('metric-dialog');
  await metricDialog.getByLabel('Target').fill('12,400.00');
  await expectNoLeak(page, 'the new metric dialog, a target typed');
  await page.keyboard.press('Escape');
  const customMetric = page.getByTestId('custom-metrics').locator('.kpi').first();
  if ((await customMetric.count()) > 0) {
    await customMetric.getByRole('button').first().click();
    const drill = page.getByTestId('metric-drill');
    await expectNoLeak(page, "a custom metric's rows");
    await drill.getByRole('button', { name: 'Record a value' }).click();
    await drill.getByLabel(/^Value/).fill('12,400.00');
    await expectNoLeak(page, 'a value being recorded');
    await drill.getByTestId('record-value').getByRole('button', { name: 'Cancel' }).click();
    await drill.getByRole('button', { name: 'Edit the metric' }).click();
    await expect(metricDialog.getByLabel('Target')).not.toHaveValue('');
    await expectNoLeak(page, "a custom metric's dialog");
    await page.keyboard.press('Escape');
  }
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

const SIZES = [
  { width: 1280, height: 720 },
  { width: 1366, height: 768 },
] as const;

/** Every screen, with what shows it has loaded (the pseudonyms, not the mask shown while they are worked out). */
function screens(page: Page): { name: string; hash: () => string; ready: () => Promise<void> }[] {
  const h1 = (name: string) => () => expect(page.getByRole('heading', { name, level: 1 })).toBeVisible();
  return [
    {
      name: 'hours-day',
      hash: () => '#/hours?day=2026-11-26',
      ready: () => expect(page.getByTestId('entry-row').first()).toContainText(/Project \d+/),
    },
    {
      name: 'hours-week',
      hash: () => '#/hours?day=2026-11-26&view=week',
      ready: () => expect(page.getByTestId('week-row').first()).toContainText(/Project \d+/),
    },
    { name: 'projects', hash: () => PROJECTS, ready: () => expect(page.locator('.recharts-bar-rectangle').first()).toBeVisible() },
    { name: 'project', hash: () => `#/projects/${projectId}`, ready: () => expect(page.getByTestId('tile-burn')).toBeVisible() },
    { name: 'billing', hash: () => BILLING, ready: () => expect(page.getByRole('img', { name: /^Revenue by month:/ })).toBeVisible() },
    {
      name: 'invoices',
      hash: () => '#/invoices',
      ready: () => expect(page.getByRole('table', { name: 'Invoices' }).first()).toBeVisible(),
    },
    { name: 'invoice', hash: () => `#/invoices/${invoiceId}`, ready: () => expect(page.getByTestId('invoice-number')).toBeVisible() },
    {
      name: 'pipelines',
      hash: () => '#/pipelines',
      ready: () => expect(page.getByRole('button', { name: /^Run / }).first()).toBeVisible(),
    },
    { name: 'pipelines-dashboard', hash: () => PIPELINES, ready: () => expect(page.getByTestId('tile-runs')).toBeVisible() },
    {
      name: 'job',
      hash: () => `#/pipelines/jobs/${jobId}`,
      ready: () => expect(page.getByTestId('job-project')).toHaveText(/Project \d+/),
    },
    {
      name: 'overview',
      hash: () => '#/overview?from=2026-09-01&to=2026-11-27',
      ready: () => expect(page.getByTestId('scorecard').locator('.kpi')).toHaveCount(8),
    },
    {
      name: 'clients',
      hash: () => '#/clients',
      ready: () => expect(page.getByRole('link', { name: /^Client [A-Z]+$/ }).first()).toBeVisible(),
    },
    { name: 'client', hash: () => `#/clients/${clientId}`, ready: () => expect(page.locator('.client-name')).toHaveText(/Client [A-Z]+/) },
    { name: 'sales', hash: () => '#/sales', ready: () => expect(page.getByTestId('board')).toBeVisible() },
    { name: 'sync', hash: () => '#/sync', ready: h1('Sync') },
    { name: 'settings', hash: () => '#/settings', ready: h1('Settings') },
  ];
}

// Axe at both sizes in light, and in dark at 1366×768 (colours do not change with the size);
// screenshots and the sideways check at both sizes in both themes. One page per theme; the routes
// change by hash, so the app is not reloaded between screens.
for (const theme of ['light', 'dark'] as const) {
  test(`every screen presenting in ${theme}, at 1280×720 and 1366×768: looked at, axe, nothing pushed out of view`, async ({ page }) => {
    test.setTimeout(480_000);
    await page.emulateMedia({ colorScheme: theme });
    await presentingOn(page);
    readSecrets();
    for (const size of SIZES) {
      await page.setViewportSize(size);
      for (const screen of screens(page)) {
        const where = `${screen.name} at ${size.width}×${size.height} in ${theme}`;
        await page.evaluate((hash) => (window.location.hash = hash), screen.hash());
        await screen.ready();
        await expect(page.getByText('Presenting: names and amounts are hidden')).toBeVisible();
        // The pseudonyms are worked out (the sidebar names the user by one) and nothing is still loading.
        await expect(page.locator('.sidebar-foot')).toContainText(/Consultant \d+/);
        await expect(page.getByText('Loading…')).toHaveCount(0);
        // Nothing is pushed sideways out of view: the page does not scroll sideways, and neither
        // does the top bar or the banner (tables scroll inside their own frames).
        const sideways = await page.evaluate(() =>
          ['html', 'body', '.shell', '.main', '.topbar', '.presentation-banner']
            .map((selector) => [selector, document.querySelector(selector)] as const)
            .filter(([, el]) => el && el.scrollWidth > el.clientWidth + 1)
            .map(([selector, el]) => `${selector} ${el!.scrollWidth} > ${el!.clientWidth}`),
        );
        expect(sideways, where).toEqual([]);
        const name = `presenting-${screen.name}-${size.width}-${theme}`;
        if (theme === 'light' || size.width === 1366) await lookAt(page, name);
        else await page.screenshot({ path: `e2e/artifacts/${name}.png` });
      }
    }
    await page.keyboard.press('Control+Shift+P');
    await expect(page.getByText('Presenting: names and amounts are hidden')).toBeHidden();
  });
}
