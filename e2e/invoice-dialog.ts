// Driving the new-invoice dialog's calendars, shared by the invoice specs.
import { expect, type Page } from '@playwright/test';

const MONTHS = ['January', 'February', 'March', 'April', 'May', 'June', 'July', 'August', 'September', 'October', 'November', 'December'];

/** Picks a day in a DateField's calendar, moving month by month to it. */
export async function pickDay(page: Page, field: string, day: string): Promise<void> {
  const [y, m, d] = day.split('-').map(Number) as [number, number, number];
  await page.getByRole('button', { name: new RegExp(`^${field}: `) }).click();
  const calendar = page.getByRole('dialog', { name: `${field} calendar` });
  const target = calendar.getByRole('button', { name: new RegExp(`\\b${d} ${MONTHS[m - 1]} ${y}`) });
  for (let i = 0; i < 24 && !(await target.isVisible()); i++) {
    const shown = (await calendar.locator('.rdp-caption_label').first().textContent())!;
    const [monthName, year] = shown.split(' ') as [string, string];
    const before = Number(year) * 12 + MONTHS.indexOf(monthName) < y * 12 + m - 1;
    await calendar.getByRole('button', { name: before ? /next month/i : /previous month/i }).click();
  }
  await target.click();
  await expect(calendar).toBeHidden();
}
