// Invoicing moves the dashboards, read on screen through the browser host on the demo: one hourly
// project's unbilled hours invoiced from the new-invoice dialog; as the draft is created, sent,
// voided, created again, sent and paid, Billing's figures for the issue month (work in progress of
// the client, invoiced, receivables, paid — each read to the cent from its drill-down) and the
// project's billed value on Projects move by the invoice's own subtotal or total, and voiding puts
// them back. Then a fixed-price project's milestone: the dialog's amount, the invoice's line, and
// the project's billed (milestones) on Projects.
import { expect, test, type Locator, type Page } from '@playwright/test';
import { startHost, type RunningHost } from './host';
import { pickDay } from './invoice-dialog';
import { lookAt } from './look';
import { dayIn, demoReady, openReplica } from './replica';

test.use({ viewport: { width: 1366, height: 768 } });

let host: RunningHost;
test.beforeAll(async () => {
  host = await startHost({ demoAnchor: '2026-11-27' });
});
test.afterAll(async () => {
  await host.stop();
});

const cents = (text: string | null) => Math.round(Number((text ?? '').replace(/[^0-9.-]/g, '')) * 100);

interface Target {
  clientId: string;
  clientName: string;
  projectId: string;
  projectName: string;
  from: string;
  to: string;
}

/** The open hourly project with the most unbilled billable entries, and a period of at most 180 days ending on its last one. */
function hourlyTarget(): Target {
  const db = openReplica(host);
  try {
    const project = db
      .prepare(
        `SELECT p.id AS projectId, p.name AS projectName, c.id AS clientId, c.name AS clientName, max(e.started_at) AS last
         FROM time_entries e JOIN projects p ON p.id = e.project_id JOIN clients c ON c.id = p.client_id
         WHERE e.billable = 1 AND e.invoice_id IS NULL AND p.pricing = 'hourly' AND p.status IN ('active', 'on_hold')
         GROUP BY p.id ORDER BY count(*) DESC LIMIT 1`,
      )
      .get() as Omit<Target, 'from' | 'to'> & { last: string };
    const to = dayIn(project.last);
    const from = new Date(Date.parse(to) - 170 * 86_400_000).toISOString().slice(0, 10);
    return { ...project, from, to };
  } finally {
    db.close();
  }
}

/** Today in the demo's zone, and its month: the invoice is issued today. */
function issueMonth(): { from: string; to: string } {
  const today = dayIn(new Date().toISOString());
  const [y, m] = today.split('-').map(Number) as [number, number];
  const last = new Date(Date.UTC(y, m, 0)).getUTCDate();
  return { from: `${today.slice(0, 7)}-01`, to: `${today.slice(0, 7)}-${String(last).padStart(2, '0')}` };
}

/** Opens a figure's drill-down and reads its rows' total, to the cent. */
async function drillTotal(page: Page, opener: Locator): Promise<number> {
  if ((await opener.count()) === 0) return 0; // no row: nothing there
  await opener.click();
  const dialog = page.getByTestId('drill-down');
  const total = dialog.getByTestId('drill-total').locator('td').last();
  await expect(total).toBeVisible();
  const value = cents(await total.textContent());
  await page.keyboard.press('Escape');
  await expect(dialog).toBeHidden();
  return value;
}

interface Figures {
  wip: number;
  invoiced: number;
  receivables: number;
  paid: number;
  billed: number;
}

async function billingFigures(page: Page, t: Target): Promise<Omit<Figures, 'billed'>> {
  const month = issueMonth();
  await page.goto(`${host.url}#/billing?from=${month.from}&to=${month.to}`);
  await expect(page.getByTestId('tile-invoiced')).toBeVisible();
  const wipRow = page.getByTestId('wip').locator('tbody tr', { hasText: t.clientName });
  return {
    wip: await drillTotal(page, wipRow.locator('button.drill')),
    invoiced: await drillTotal(page, page.getByTestId('tile-invoiced')),
    receivables: await drillTotal(page, page.getByTestId('tile-receivables')),
    paid: await drillTotal(page, page.getByTestId('tile-paid')),
  };
}

/** The project's billed value in the Projects burn table (whole dollars, as shown). */
async function billedOnProjects(page: Page, projectName: string): Promise<number> {
  await page.goto(`${host.url}#/projects`);
  const row = page.getByTestId('burn-table').locator('tbody tr', { hasText: projectName });
  await expect(row).toHaveCount(1);
  const header = page.getByTestId('burn-table').locator('thead th');
  const column = (await header.allTextContents()).findIndex((h) => h.startsWith('Billed'));
  expect(column).toBeGreaterThan(0);
  return cents(await row.locator('td').nth(column).textContent());
}

async function figures(page: Page, t: Target): Promise<Figures> {
  return { ...(await billingFigures(page, t)), billed: await billedOnProjects(page, t.projectName) };
}

async function openInvoice(page: Page, id: string): Promise<{ subtotal: number; total: number }> {
  await page.goto(`${host.url}#/invoices/${id}`);
  await expect(page.getByTestId('invoice-total')).toBeVisible();
  return {
    subtotal: cents(await page.getByTestId('invoice-subtotal').textContent()),
    total: cents(await page.getByTestId('invoice-total').textContent()),
  };
}

async function createFromDialog(page: Page, t: Target): Promise<string> {
  await page.goto(`${host.url}#/invoices`);
  await page.getByRole('button', { name: 'New invoice' }).click();
  const dialog = page.getByTestId('new-invoice');
  await dialog.getByLabel('Client').selectOption(t.clientId);
  await dialog.getByLabel('Project').selectOption(t.projectId);
  await pickDay(page, 'First day', t.from);
  await pickDay(page, 'Last day', t.to);
  await expect(dialog.getByTestId('invoice-total')).toBeVisible();
  await dialog.getByRole('button', { name: 'Create draft' }).click();
  await expect(page).toHaveURL(/#\/invoices\/[0-9a-f-]{36}$/);
  await expect(page.getByTestId('invoice-status')).toHaveAttribute('data-status', 'draft');
  return page.url().split('/').pop()!;
}

async function act(page: Page, id: string, action: 'send' | 'void' | 'pay'): Promise<void> {
  await page.goto(`${host.url}#/invoices/${id}`);
  if (action === 'send') {
    await page.getByRole('button', { name: 'Send' }).click();
    await page.getByRole('alertdialog').getByRole('button', { name: 'Mark as sent' }).click();
    await expect(page.getByTestId('invoice-status')).toHaveAttribute('data-status', 'sent');
  } else if (action === 'void') {
    await page.getByRole('button', { name: 'Void' }).click();
    await page.getByRole('alertdialog').getByRole('button', { name: 'Void invoice' }).click();
    await expect(page.getByTestId('invoice-status')).toHaveAttribute('data-status', 'void');
  } else {
    await page.getByRole('button', { name: 'Record payment' }).click();
    await page.getByTestId('payment-dialog').getByRole('button', { name: 'Record payment' }).click();
    await expect(page.getByTestId('invoice-status')).toHaveAttribute('data-status', 'paid');
  }
}

/** Whole-dollar figures on Projects: two roundings apart from the exact change at most. */
const DOLLAR = 100;

test('creating, sending, voiding, sending again and paying an invoice moves the dashboards by its amounts', async ({ page }) => {
  test.setTimeout(240_000);
  await page.goto(`${host.url}#/hours`);
  await demoReady(page);
  const t = hourlyTarget();

  const start = await figures(page, t);
  expect(start.wip).toBeGreaterThan(0);

  // A draft: still work in progress, not revenue, not owed; on Projects it counts as billed.
  const first = await createFromDialog(page, t);
  const a = await openInvoice(page, first);
  expect(a.subtotal).toBeGreaterThan(0);
  const drafted = await figures(page, t);
  expect({ ...drafted, billed: 0 }).toEqual({ ...start, billed: 0 });
  expect(Math.abs(drafted.billed - start.billed - a.subtotal)).toBeLessThanOrEqual(DOLLAR);

  // Sent: out of work in progress, invoiced in the issue month, owed with GST.
  await act(page, first, 'send');
  const sent = await figures(page, t);
  expect(sent.wip).toBe(start.wip - a.subtotal);
  expect(sent.invoiced).toBe(start.invoiced + a.subtotal);
  expect(sent.receivables).toBe(start.receivables + a.total);
  expect(sent.paid).toBe(start.paid);

  // Voided: every figure back where it started.
  await act(page, first, 'void');
  const voided = await figures(page, t);
  expect({ ...voided, billed: 0 }).toEqual({ ...start, billed: 0 });
  expect(Math.abs(voided.billed - start.billed)).toBeLessThanOrEqual(DOLLAR);

  // The same hours again, sent and paid today: paid revenue rises, receivables fall back.
  const second = await createFromDialog(page, t);
  const b = await openInvoice(page, second);
  expect(b).toEqual(a);
  await act(page, second, 'send');
  await act(page, second, 'pay');
  const paid = await figures(page, t);
  expect(paid.wip).toBe(start.wip - b.subtotal);
  expect(paid.invoiced).toBe(start.invoiced + b.subtotal);
  expect(paid.receivables).toBe(start.receivables);
  expect(paid.paid).toBe(start.paid + b.subtotal);
  expect(Math.abs(paid.billed - start.billed - b.subtotal)).toBeLessThanOrEqual(DOLLAR);
});

test('a fixed-price project bills a milestone from the dialog; Projects counts it as billed', async ({ page }) => {
  test.setTimeout(120_000);
  await page.goto(`${host.url}#/hours`);
  await demoReady(page);
  const db = openReplica(host);
  const fixed = db
    .prepare(
      `SELECT p.id AS projectId, p.name AS projectName, c.id AS clientId, p.budget_cents AS price,
         p.budget_cents - (SELECT coalesce(sum(subtotal_cents), 0) FROM invoices i WHERE i.project_id = p.id AND i.status <> 'void') AS remaining
       FROM projects p JOIN clients c ON c.id = p.client_id
       WHERE p.pricing = 'fixed' AND p.status IN ('active', 'on_hold') ORDER BY remaining DESC LIMIT 1`,
    )
    .get() as { projectId: string; projectName: string; clientId: string; price: number; remaining: number };
  db.close();
  expect(fixed.remaining).toBeGreaterThan(100000);
  const before = await billedOnProjects(page, fixed.projectName);

  await page.goto(`${host.url}#/invoices`);
  await page.getByRole('button', { name: 'New invoice' }).click();
  const dialog = page.getByTestId('new-invoice');
  await dialog.getByLabel('Client').selectOption(fixed.clientId);
  await dialog.getByLabel('Project').selectOption(fixed.projectId);
  // The period gives way to the amount; more than is left is refused before it is sent.
  await expect(dialog.getByLabel('Milestone amount (ex GST)')).toBeVisible();
  await expect(dialog.getByRole('group', { name: 'Period' })).toHaveCount(0);
  await dialog.getByLabel('Milestone amount (ex GST)').fill(((fixed.remaining + 1) / 100).toFixed(2));
  await expect(dialog.getByText('That is more than is left of the price.')).toBeVisible();
  await expect(dialog.getByRole('button', { name: 'Create milestone draft' })).toBeDisabled();
  await dialog.getByLabel('Milestone amount (ex GST)').fill('1,000.00');
  await expect(dialog.getByTestId('invoice-subtotal')).toHaveText('$1,000.00');
  await expect(dialog.getByTestId('invoice-gst')).toHaveText('$100.00');
  await expect(dialog.getByTestId('invoice-total')).toHaveText('$1,100.00');
  await lookAt(page, 'invoice-new-milestone-light');
  await page.emulateMedia({ colorScheme: 'dark' });
  await lookAt(page, 'invoice-new-milestone-dark');
  await page.emulateMedia({ colorScheme: 'light' });
  await dialog.getByRole('button', { name: 'Create milestone draft' }).click();
  await expect(page).toHaveURL(/#\/invoices\/[0-9a-f-]{36}$/);
  await expect(page.getByTestId('milestone-line')).toContainText('Fixed-price milestone');
  await expect(page.getByTestId('invoice-total')).toHaveText('$1,100.00');
  await lookAt(page, 'invoice-milestone-light');

  const after = await billedOnProjects(page, fixed.projectName);
  expect(Math.abs(after - before - 100000)).toBeLessThanOrEqual(DOLLAR);
  // Its page says what its burn and billed mean.
  await page.goto(`${host.url}#/projects/${fixed.projectId}`);
  await expect(page.getByText('Fixed price', { exact: true })).toBeVisible();
  await expect(page.getByText(/milestones invoiced/)).toBeVisible();
  await lookAt(page, 'project-fixed-price-light');
});

test('Settings → Business refuses a wrong ABN with a clear message, saves a right one, and invoices show it', async ({ page }) => {
  test.setTimeout(120_000);
  await page.goto(`${host.url}#/hours`);
  await demoReady(page);
  await page.goto(`${host.url}#/settings`);
  const card = page.getByTestId('company-card');
  await expect(card.getByLabel('ABN')).toHaveValue('53 417 800 731');
  for (const theme of ['light', 'dark'] as const) {
    await page.emulateMedia({ colorScheme: theme });
    await card.scrollIntoViewIfNeeded();
    await lookAt(page, `settings-business-${theme}`);
  }
  await page.emulateMedia({ colorScheme: 'light' });
  await card.getByLabel('ABN').fill('53 417 800 732');
  await card.getByLabel('Business name').fill('Renamed Consulting Pty Ltd');
  await card.getByRole('button', { name: 'Save business details' }).click();
  await expect(card.getByRole('alert')).toContainText('not a valid ABN');
  await expect(card.getByLabel('ABN')).toHaveAttribute('aria-invalid', 'true');
  await lookAt(page, 'settings-business-error-light');
  await page.reload();
  await expect(card.getByLabel('Business name')).toHaveValue('Brisbane Pipeline Co. Pty Ltd'); // nothing saved

  await card.getByLabel('Business name').fill('Renamed Consulting Pty Ltd');
  await card.getByLabel('ABN').fill('51824753556');
  await card.getByRole('button', { name: 'Save business details' }).click();
  await expect(card.getByRole('status')).toContainText('Saved');
  await expect(card.getByLabel('ABN')).toHaveValue('51 824 753 556');

  const db = openReplica(host);
  const id = db.prepare(`SELECT id FROM invoices WHERE status = 'sent' LIMIT 1`).pluck().get() as string;
  db.close();
  await page.goto(`${host.url}#/invoices/${id}`);
  await expect(page.getByTestId('invoice-supplier')).toContainText('Renamed Consulting Pty Ltd');
  await expect(page.getByTestId('invoice-abn')).toHaveText('ABN 51 824 753 556');
});
