// Every amount on every screen goes through here (and every chart's ticks and tooltips through
// useMoney), so presentation mode can mask money in one place. Amounts are integer cents, AUD.
import { useMemo } from 'react';
import { usePresentation } from './presentation/context';
import { MASK } from './presentation/pseudonyms';

const withCents = new Intl.NumberFormat('en-AU', { style: 'currency', currency: 'AUD', minimumFractionDigits: 2 });
const whole = new Intl.NumberFormat('en-AU', { style: 'currency', currency: 'AUD', maximumFractionDigits: 0 });
const compact = new Intl.NumberFormat('en-AU', { style: 'currency', currency: 'AUD', notation: 'compact', maximumFractionDigits: 1 });

export type MoneyStyle = 'cents' | 'whole' | 'compact';

/** "$12,345.67"; whole dollars for tiles, compact ("$12.3K") for chart axes. */
export function formatMoney(cents: number, style: MoneyStyle = 'cents'): string {
  const dollars = cents / 100;
  if (style === 'whole') return whole.format(Math.round(dollars));
  if (style === 'compact') return compact.format(dollars);
  return withCents.format(dollars);
}

/**
 * The formatter for places that need text (chart axes, tooltips, CSV headers stay raw cents).
 * While presenting every amount is the same mask: no digit count, no sign, no currency symbol.
 */
export function useMoney(): (cents: number, style?: MoneyStyle) => string {
  const { on } = usePresentation();
  return useMemo(() => (on ? () => MASK : formatMoney), [on]);
}

export function Money({ cents, style = 'cents', missing = '—' }: { cents: number | null; style?: MoneyStyle; missing?: string }) {
  const format = useMoney();
  return <span className="num money">{cents === null ? missing : format(cents, style)}</span>;
}
