// Amounts are typed in dollars ("12,000", "12000.50", "$8k" is not accepted) and sent in cents.

/** "12,000.5" → 1200050; "" → null (not given); anything else → NaN (say so on the field). */
export function dollarsToCents(text: string): number | null {
  const t = text.trim().replace(/^\$/, '').replace(/,/g, '');
  if (t === '') return null;
  if (!/^\d+(\.\d{1,2})?$/.test(t)) return Number.NaN;
  const [whole, fraction = ''] = t.split('.') as [string, string?];
  return Number(whole) * 100 + Number(fraction.padEnd(2, '0'));
}

/** 1200050 → "12000.50"; whole dollars without decimals. */
export function centsToDollars(cents: number): string {
  return cents % 100 === 0 ? String(cents / 100) : (cents / 100).toFixed(2);
}
