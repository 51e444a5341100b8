// The per-project rounding rule as SQL over a time entry `e` joined to its project `p`. Raw
// minutes are always stored; this is only ever computed, for display, totals and invoices.
export const ROUNDED_MINUTES_SQL = `(CASE p.rounding_mode
  WHEN 'up' THEN ((e.minutes + p.rounding_step - 1) / p.rounding_step) * p.rounding_step
  WHEN 'down' THEN (e.minutes / p.rounding_step) * p.rounding_step
  WHEN 'nearest' THEN ((e.minutes + p.rounding_step / 2) / p.rounding_step) * p.rounding_step
  ELSE e.minutes END)`;

/** Billed amount of an entry in whole cents, half-up: rounded minutes × hourly rate / 60. */
export const AMOUNT_CENTS_SQL = `((${ROUNDED_MINUTES_SQL} * e.rate_cents + 30) / 60)`;

/**
 * The value column of `project_values v` for the rounding rule of its project `p`: the same
 * figure as AMOUNT_CENTS_SQL summed over the entries (a rule's step is 6 or 15).
 */
export const VALUE_OF_RULE_SQL = `(CASE p.rounding_mode
  WHEN 'up' THEN CASE p.rounding_step WHEN 6 THEN v.value_up6 ELSE v.value_up15 END
  WHEN 'down' THEN CASE p.rounding_step WHEN 6 THEN v.value_down6 ELSE v.value_down15 END
  WHEN 'nearest' THEN CASE p.rounding_step WHEN 6 THEN v.value_nearest6 ELSE v.value_nearest15 END
  ELSE v.value_none END)`;

/** The rounded-minutes column of `project_values v` for the rule of its project `p` (0014), as ROUNDED_MINUTES_SQL summed. */
export const ROUNDED_OF_RULE_SQL = `(CASE p.rounding_mode
  WHEN 'up' THEN CASE p.rounding_step WHEN 6 THEN v.rounded_up6 ELSE v.rounded_up15 END
  WHEN 'down' THEN CASE p.rounding_step WHEN 6 THEN v.rounded_down6 ELSE v.rounded_down15 END
  WHEN 'nearest' THEN CASE p.rounding_step WHEN 6 THEN v.rounded_nearest6 ELSE v.rounded_nearest15 END
  ELSE v.billable_minutes END)`;
