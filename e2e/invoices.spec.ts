// The Invoices screens through the browser host on the demo workspace: the list filtered in the
// URL, an invoice's page, a draft created from a client's unbilled hours (preview: subtotal + GST
// = total, GST 10 % of the subtotal), sent, paid and seen paid in the list; another voided. Every
// screen and dialog in light and dark at 1366×768 with no serious or critical axe violation.
import { expect, test, type Page } from '@playwright/test';
import { startHost, type RunningHost } from './host';
import { lookAt, lookThrough } from './look';
import { pickDay } from './invoice-dialog';
import { dayIn, demoReady, openReplica } from './replica';

test.use({ viewport: { width: 1366, height: 768 } });

let host: RunningHost;
test.beforeAll(async () => {
  host = await startHost({ demoAnchor: '2026-11-27' });
});
test.afterAll(async () => {
  await host.stop();
});

async function openInvoices(page: Page, search = ''): Promise<void> {
  await page.goto(`${host.url}#/hours`);
  await demoReady(page);
  await page.goto(`${host.url}#/invoices${search}`);
  await expect(page.getByRole('heading', { level: 1 })).toHaveText('Invoices');
  await expect(page.getByTestId('invoices-table')).toBeVisible();
}

const cents = (text: string | null) => Math.round(Number(text!.replace(/[^0-9.-]/g, '')) * 100);

/** The client with the most unbilled billable entries, and a period that ends on the last day one started on. */
function clientWithUnbilledHours(): { id: string; name: string; from: string; to: string } {
  const db = openReplica(host);
  try {
    const rows = db
      .prepare(
        `SELECT c.id, c.name, e.started_at AS startedAt FROM time_entries e JOIN projects p ON p.id = e.project_id
           JOIN clients c ON c.id = p.client_id WHERE e.billable = 1 AND e.invoice_id IS NULL`,
      )
      .all() as { id: string; name: string; startedAt: string }[];
    const clients = new Map<string, { id: string; name: string; from: string; to: string; n: number }>();
    for (const r of rows) {
      const day = dayIn(r.startedAt);
      const c = clients.get(r.id) ?? { id: r.id, name: r.name, from: day, to: day, n: 0 };
      c.n++;
      if (day < c.from) c.from = day;
      if (day > c.to) c.to = day;
      clients.set(r.id, c);
    }
    const best = [...clients.values()].sort((a, b) => b.n - a.n)[0];
    if (!best) throw new Error('The demo has no unbilled billable hours');
    // One invoice covers at most 366 days: the last 180 days of its unbilled hours.
    const earliest = new Date(Date.parse(best.to) - 180 * 86_400_000).toISOString().slice(0, 10);
    return { ...best, from: best.from < earliest ? earliest : best.from };
  } finally {
    db.close();
  }
}

/** Chooses the client and a period that covers its unbilled hours. */
async function chooseUnbilled(page: Page): Promise<{ id: string; name: string; from: string; to: string }> {
  const client = clientWithUnbilledHours();
  const dialog = page.getByTestId('new-invoice');
  await dialog.getByLabel('Client').selectOption(client.id);
  await pickDay(page, 'First day', client.from);
  await pickDay(page, 'Last day', client.to);
  await expect(dialog.getByTestId('invoice-total')).toBeVisible();
  return client;
}

for (const theme of ['light', 'dark'] as const) {
  test(`the invoices list, an invoice and its dialogs, in ${theme}`, async ({ page }) => {
    test.setTimeout(120_000);
    await page.emulateMedia({ colorScheme: theme });
    await openInvoices(page);
    const table = page.getByTestId('invoices-table');
    await expect(table.locator('tbody tr').first()).toBeVisible();
    await lookAt(page, `invoices-list-${theme}`);
    await lookThrough(page, `invoices-list-${theme}`, 2);

    // Filter by status: the URL says so, and every row has it.
    await page.getByLabel('Status').selectOption('sent');
    await expect(page).toHaveURL(/status=sent/);
    await expect(table.getByTestId('invoice-status').first()).toBeVisible();
    for (const badge of await table.getByTestId('invoice-status').all()) await expect(badge).toHaveAttribute('data-status', 'sent');
    await lookAt(page, `invoices-list-sent-${theme}`);

    // An invoice's page: an hourly one, with entries (the demo numbers a fixed-price milestone, which
    // bills no entries, INV-YYYY-F…).
    const hourly = table
      .locator('tbody tr')
      .filter({ has: page.getByRole('link', { name: /^INV-\d{4}-\d+$/ }) })
      .first();
    const number = (await hourly.getByRole('link').textContent())!;
    await hourly.getByRole('link').click();
    await expect(page).toHaveURL(/#\/invoices\/[0-9a-f-]{36}$/);
    await expect(page.getByTestId('invoice-number')).toHaveText(number);
    await expect(page.getByRole('button', { name: 'Record payment' })).toBeVisible();
    await lookAt(page, `invoice-page-${theme}`);
    await page.getByTestId('invoice-entries').locator('summary').click();
    await lookThrough(page, `invoice-page-${theme}`, 3);

    // The payment dialog and the void confirmation, cancelled.
    await page.getByRole('button', { name: 'Record payment' }).click();
    await expect(page.getByTestId('payment-dialog')).toBeVisible();
    await lookAt(page, `invoice-pay-dialog-${theme}`);
    await page.getByRole('button', { name: 'Cancel' }).click();
    await page.getByRole('button', { name: 'Void' }).click();
    await expect(page.getByRole('alertdialog')).toBeVisible();
    await lookAt(page, `invoice-void-confirm-${theme}`);
    await page.getByRole('button', { name: 'Cancel' }).click();
    await expect(page.getByTestId('invoice-status')).toHaveAttribute('data-status', 'sent');

    // The new-invoice dialog with a preview.
    await page.goto(`${host.url}#/invoices`);
    await page.getByRole('button', { name: 'New invoice' }).click();
    const dialog = page.getByTestId('new-invoice');
    await expect(dialog).toBeVisible();
    await lookAt(page, `invoice-new-empty-${theme}`);
    await chooseUnbilled(page);
    await lookAt(page, `invoice-new-preview-${theme}`);
    await page.keyboard.press('Escape');
    await expect(dialog).toBeHidden();
  });
}

test('a draft from a client’s unbilled hours is sent, paid and listed as paid; another is voided', async ({ page }) => {
  test.setTimeout(120_000);
  await openInvoices(page);
  await page.getByRole('button', { name: 'New invoice' }).click();
  const dialog = page.getByTestId('new-invoice');
  // The period starts as last month.
  await expect(dialog.getByRole('button', { name: 'Last month' })).toHaveAttribute('aria-pressed', 'true');
  const client = await chooseUnbilled(page);

  // The preview: subtotal + GST = total, GST = round(subtotal × 10 %).
  const subtotal = cents(await dialog.getByTestId('invoice-subtotal').textContent());
  const gst = cents(await dialog.getByTestId('invoice-gst').textContent());
  const total = cents(await dialog.getByTestId('invoice-total').textContent());
  expect(subtotal).toBeGreaterThan(0);
  expect(gst).toBe(Math.round(subtotal * 0.1));
  expect(subtotal + gst).toBe(total);

  await dialog.getByLabel('Payment terms (days)').fill('30');
  await dialog.getByRole('button', { name: 'Create draft' }).click();
  await expect(page).toHaveURL(/#\/invoices\/[0-9a-f-]{36}$/);
  await expect(page.getByTestId('invoice-status')).toHaveAttribute('data-status', 'draft');
  await expect(page.getByTestId('invoice-total')).toHaveText(await moneyText(total));
  const number = (await page.getByTestId('invoice-number').textContent())!;
  expect(number).toMatch(/^INV-\d{4}-[0-9A-Z]{4}-\d{4}$/);
  await lookAt(page, 'invoice-draft-light');

  // Send (confirmed), then record a payment dated today.
  await page.getByRole('button', { name: 'Send' }).click();
  await page.getByRole('alertdialog').getByRole('button', { name: 'Mark as sent' }).click();
  await expect(page.getByTestId('invoice-status')).toHaveAttribute('data-status', 'sent');
  await page.getByRole('button', { name: 'Record payment' }).click();
  await page.getByTestId('payment-dialog').getByRole('button', { name: 'Record payment' }).click();
  await expect(page.getByTestId('payment-dialog')).toBeHidden();
  await expect(page.getByTestId('invoice-status')).toHaveAttribute('data-status', 'paid');
  await expect(page.getByTestId('invoice-paid')).not.toHaveText('Not yet');
  await expect(page.getByRole('button', { name: 'Void' })).toHaveCount(0);
  await lookAt(page, 'invoice-paid-light');
  // A tax invoice: the words, the demo business's name and ABN, GST apart, how to pay, the client.
  await expect(page.getByText('Tax invoice', { exact: true })).toBeVisible();
  await expect(page.getByTestId('invoice-supplier')).toContainText('Brisbane Pipeline Co. Pty Ltd');
  await expect(page.getByTestId('invoice-abn')).toHaveText('ABN 53 417 800 731');
  await expect(page.getByTestId('invoice-payment')).toContainText('064-000');
  await expect(page.getByTestId('invoice-payment')).toContainText(number);
  await expect(page.getByTestId('invoice-bill-to')).toContainText(client.name);
  // In a browser, Save as PDF is the print dialog's.
  await expect(page.getByRole('button', { name: 'Print / Save as PDF' })).toBeVisible();
  // Printed: the invoice alone, light, no buttons, no sidebar, no top bar, whatever the theme.
  for (const theme of ['light', 'dark'] as const) {
    await page.emulateMedia({ media: 'print', colorScheme: theme });
    await expect(page.locator('.sidebar')).toBeHidden();
    await expect(page.getByRole('button', { name: 'Print / Save as PDF' })).toBeHidden();
    await expect(page.getByTestId('invoice-abn')).toBeVisible();
    await page.screenshot({ path: `e2e/artifacts/invoice-paid-print-${theme}.png`, fullPage: true });
  }
  await page.emulateMedia({ media: 'screen', colorScheme: 'light' });

  // The same hours are billed now: the preview for the client's period is empty.
  await page.getByRole('link', { name: 'Invoices' }).first().click();
  await page.getByRole('button', { name: 'New invoice' }).click();
  await dialog.getByLabel('Client').selectOption(client.id);
  await pickDay(page, 'First day', client.from);
  await pickDay(page, 'Last day', client.to);
  await expect(dialog.getByTestId('preview-empty')).toContainText('Nothing unbilled');
  await expect(dialog.getByRole('button', { name: 'Create draft' })).toBeDisabled();
  await lookAt(page, 'invoice-new-nothing-light');
  await page.keyboard.press('Escape');

  // In the list, filtered by status, it is paid.
  await page.getByLabel('Status').selectOption('paid');
  const row = page.getByTestId('invoices-table').locator('tbody tr', { hasText: number });
  await expect(row.getByTestId('invoice-status')).toHaveAttribute('data-status', 'paid');

  // Void another (a draft or sent one), through the confirmation.
  await page.getByLabel('Status').selectOption('sent');
  const other = page.getByTestId('invoices-table').locator('tbody tr').first();
  const otherNumber = (await other.getByRole('link').textContent())!;
  await other.getByRole('link').click();
  await page.getByRole('button', { name: 'Void' }).click();
  await page.getByRole('alertdialog').getByRole('button', { name: 'Void invoice' }).click();
  await expect(page.getByTestId('invoice-status')).toHaveAttribute('data-status', 'void');
  await expect(page.getByTestId('void-note')).toBeVisible();
  await lookAt(page, 'invoice-void-light');
  await page.goto(`${host.url}#/invoices?status=void`);
  await expect(
    page.getByTestId('invoices-table').locator('tbody tr', { hasText: otherNumber }).getByTestId('invoice-status'),
  ).toHaveAttribute('data-status', 'void');
});

test('a project’s page links its invoice numbers to the invoice', async ({ page }) => {
  await openInvoices(page);
  const db = openReplica(host);
  const { projectId } = db.prepare(`SELECT project_id AS projectId FROM invoices WHERE project_id IS NOT NULL LIMIT 1`).get() as {
    projectId: string;
  };
  db.close();
  await page.goto(`${host.url}#/projects/${projectId}`);
  const link = page.getByRole('link', { name: /^INV-/ }).first();
  const number = (await link.textContent())!;
  await link.click();
  await expect(page).toHaveURL(/#\/invoices\/[0-9a-f-]{36}$/);
  await expect(page.getByTestId('invoice-number')).toHaveText(number);
});

async function moneyText(cents: number): Promise<string> {
  return new Intl.NumberFormat('en-AU', { style: 'currency', currency: 'AUD', minimumFractionDigits: 2 }).format(cents / 100);
}
