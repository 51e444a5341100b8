// Money is integer cents everywhere; formatting is the only place a decimal point appears.

export const GST_RATE_PERCENT = 10;

const aud = new Intl.NumberFormat('en-AU', { style: 'currency', currency: 'AUD' });

export function formatCents(cents: number): string {
  return aud.format(cents / 100);
}

/** Amount for a number of minutes at an hourly rate, rounded half-up to whole cents. */
export function amountForMinutes(minutes: number, hourlyRateCents: number): number {
  return Math.round((minutes * hourlyRateCents) / 60);
}

export function gstCents(subtotalCents: number): number {
  return Math.round((subtotalCents * GST_RATE_PERCENT) / 100);
}

/** "3,000.50", "$3000" → 300050 cents; null when it is not an amount of dollars and cents. */
export function parseDollars(text: string): number | null {
  const plain = text.replace(/[$,\s]/g, '');
  if (!/^\d+(\.\d{1,2})?$/.test(plain)) return null;
  const [whole, fraction = ''] = plain.split('.') as [string, string?];
  return Number(whole) * 100 + Number(fraction.padEnd(2, '0'));
}
