// The command palette (Ctrl/⌘K) and the shortcuts dialog (?) through the browser host on the demo:
// a project found by its name and opened with Enter, actions from the keyboard alone, recent picks
// first, focus back where it was, and both dialogs in light and dark with no serious axe violation.
import { expect, test, type Page } from '@playwright/test';
import { startHost, type RunningHost } from './host';
import { lookAt } from './look';
import { demoReady, openReplica } from './replica';

test.use({ viewport: { width: 1366, height: 768 } });

let host: RunningHost;
test.beforeAll(async () => {
  host = await startHost({ demoAnchor: '2026-11-27' });
});
test.afterAll(async () => {
  await host.stop();
});

/** A project whose name no other project shares, read from the replica (no demo name pinned here). */
function someProject(): { id: string; name: string } {
  const db = openReplica(host);
  try {
    return db.prepare('SELECT min(id) AS id, name FROM projects GROUP BY name HAVING count(*) = 1 ORDER BY name DESC LIMIT 1').get() as {
      id: string;
      name: string;
    };
  } finally {
    db.close();
  }
}

async function ready(page: Page, hash = '#/hours'): Promise<void> {
  await page.goto(`${host.url}${hash}`);
  await demoReady(page);
}

const palette = (page: Page) => page.getByRole('dialog', { name: 'Command palette' });
const search = (page: Page) => page.getByLabel('Search screens, records and actions');

async function openPalette(page: Page): Promise<void> {
  await page.keyboard.press('Control+k');
  await expect(palette(page)).toBeVisible();
  await expect(search(page)).toBeFocused();
}

test("Ctrl+K, a project's name and Enter open its page; it comes first next time", async ({ page }) => {
  await ready(page);
  const project = someProject();
  await openPalette(page);
  await search(page).fill(project.name);
  await expect(page.getByTestId('palette-item').first()).toContainText(project.name);
  await page.keyboard.press('Enter');
  await expect(palette(page)).toBeHidden();
  await expect(page).toHaveURL(new RegExp(`#/projects/${project.id}`));
  await expect(page.getByRole('heading', { level: 1 })).toHaveText('Project');

  // Recent picks first, before anything typed.
  await openPalette(page);
  const first = page.getByTestId('palette-item').first();
  await expect(first).toContainText(project.name);
  await expect(page.getByRole('group', { name: 'Recent' })).toContainText(project.name);
});

test('actions from the keyboard alone: go to Billing, trigger form, new invoice; Escape gives focus back', async ({ page }) => {
  await ready(page);
  await openPalette(page);
  await page.keyboard.type('billing');
  await page.keyboard.press('Enter');
  await expect(page.getByRole('heading', { level: 1 })).toHaveText('Billing');

  await openPalette(page);
  await page.keyboard.type('create an invoice');
  await page.keyboard.press('Enter');
  await expect(page.getByRole('dialog', { name: /invoice/i })).toBeVisible();
  await expect(page).toHaveURL(/#\/invoices/);
  await page.keyboard.press('Escape');
  await expect(page.getByRole('dialog')).toHaveCount(0);
  await expect(page).not.toHaveURL(/new=yes/);

  await openPalette(page);
  await page.keyboard.type('run ');
  const runItem = page.getByTestId('palette-item').first();
  const label = (await runItem.locator('.palette-label').textContent())!;
  expect(label).toMatch(/^Run /);
  await page.keyboard.press('Enter');
  await expect(page.getByRole('dialog', { name: label })).toBeVisible();
  await page.keyboard.press('Escape');
  await expect(page.getByRole('dialog')).toHaveCount(0);
  await expect(page).not.toHaveURL(/run=/);

  // Escape closes the palette and focus returns to what had it.
  const target = page.getByRole('link', { name: 'Settings' });
  await target.focus();
  await openPalette(page);
  await page.keyboard.press('Escape');
  await expect(palette(page)).toBeHidden();
  await expect(target).toBeFocused();
});

test('? lists the shortcuts (not while typing); Escape closes and gives focus back', async ({ page }) => {
  await ready(page);
  const note = page.getByLabel('Timer note');
  await note.focus();
  await page.keyboard.type('?');
  await expect(page.getByRole('dialog')).toHaveCount(0);
  await expect(note).toHaveValue('?');
  await note.fill('');

  const target = page.getByRole('link', { name: 'Billing' });
  await target.focus();
  await page.keyboard.press('?');
  const dialog = page.getByRole('dialog', { name: 'Keyboard shortcuts' });
  await expect(dialog).toBeVisible();
  const rows = dialog.getByTestId('shortcut-row');
  await expect(rows.filter({ hasText: 'command palette' })).toContainText('K');
  await expect(rows.filter({ hasText: /^T/ }).first()).toContainText('timer');
  await expect(rows.filter({ hasText: /^N/ }).first()).toContainText('New time entry');
  await page.keyboard.press('Escape');
  await expect(dialog).toBeHidden();
  await expect(target).toBeFocused();
});

for (const theme of ['light', 'dark'] as const) {
  test(`the palette and the shortcuts in ${theme}: focus shown, no serious or critical axe violation`, async ({ page }) => {
    await page.emulateMedia({ colorScheme: theme });
    await ready(page);
    await page.getByRole('link', { name: 'Overview' }).click();
    await expect(page.getByRole('heading', { level: 1 })).toHaveText('Overview');
    await expect(page.locator('html')).toHaveAttribute('data-theme', theme);
    await openPalette(page);
    await expect(page.getByRole('group', { name: 'Projects' }).getByTestId('palette-item').first()).toBeVisible();
    await expect(page.locator('.palette-item[data-selected="true"]')).toHaveCount(1);
    await lookAt(page, `palette-${theme}`);
    await page.keyboard.type('pipe');
    await expect(page.getByTestId('palette-item').first()).toBeVisible();
    await lookAt(page, `palette-typed-${theme}`);
    await page.keyboard.press('Escape');
    await page.keyboard.press('?');
    await expect(page.getByRole('dialog', { name: 'Keyboard shortcuts' })).toBeVisible();
    await lookAt(page, `shortcuts-${theme}`);
  });
}

test('while presenting, the palette shows and matches pseudonyms only', async ({ page }) => {
  await ready(page);
  const project = someProject();
  await openPalette(page);
  await page.keyboard.type('presentation mode on');
  await page.keyboard.press('Enter');
  await expect(page.getByRole('button', { name: 'Presenting', exact: true })).toBeVisible();
  try {
    await openPalette(page);
    await expect(page.getByRole('group', { name: 'Projects' }).getByTestId('palette-item').first()).toBeVisible();
    await expect(palette(page)).not.toContainText(project.name);
    await search(page).fill(project.name);
    await expect(palette(page)).not.toContainText(project.name);
    await search(page).fill('presentation mode off');
    await page.keyboard.press('Enter');
    await expect(page.getByRole('button', { name: 'Present', exact: true })).toBeVisible();
  } finally {
    // The setting outlives the page: leave it off for the tests after this one.
    if (await page.getByRole('button', { name: 'Presenting', exact: true }).isVisible())
      await page.getByRole('button', { name: 'Presenting', exact: true }).click();
  }
});

// Last: it changes the theme setting the tests above rely on.
test('toggle theme from the palette by keyboard', async ({ page }) => {
  await page.emulateMedia({ colorScheme: 'light' });
  await ready(page);
  await expect(page.locator('html')).toHaveAttribute('data-theme', 'light');
  await openPalette(page);
  await page.keyboard.type('theme');
  await page.keyboard.press('Enter');
  await expect(page.locator('html')).toHaveAttribute('data-theme', 'dark');
  await openPalette(page);
  await page.keyboard.type('theme');
  await page.keyboard.press('Enter');
  await expect(page.locator('html')).toHaveAttribute('data-theme', 'light');
});
