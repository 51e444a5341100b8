// The per-project rounding rule as SQL over a time entry `e` joined to its project `p`. Raw
// minutes are always stored; this is only ever computed, for display, totals and invoices.
export const ROUNDED_MINUTES_SQL = `(CASE p.rounding_mode
  WHEN 'up' THEN ((e.minutes + p.rounding_step - 1) / p.rounding_step) * p.rounding_step
  WHEN 'down' THEN (e.minutes / p.rounding_step) * p.rounding_step
  WHEN 'nearest' THEN ((e.minutes + p.rounding_step / 2) / p.rounding_step) * p.rounding_step
  ELSE e.minutes END)`;

/** Billed amount of an entry in whole cents, half-up: rounded minutes × hourly rate / 60. */
export const AMOUNT_CENTS_SQL = `((${ROUNDED_MINUTES_SQL} * e.rate_cents + 30) / 60)`;
