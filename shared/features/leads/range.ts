// The range of local days the sales figures (leads, feedback, clients, KPIs) are drawn for: first
// ≤ last, at most about five years. One definition so every sales channel refuses alike.
import { z } from 'zod';
import { day } from '../../schemas';

export const MAX_SALES_RANGE_DAYS = 1830;

const span = (from: string, to: string) => Math.round((Date.parse(to) - Date.parse(from)) / 86_400_000) + 1;

/** `{from, to, ...extra}`, strict, with the order and length checks. */
export function salesRange<T extends z.ZodRawShape>(extra: T) {
  return z
    .object({ from: day, to: day, ...extra })
    .strict()
    .superRefine((v, ctx) => {
      const { from, to } = v as { from: string; to: string };
      if (from > to)
        ctx.addIssue({ code: 'custom', message: `The first day (${from}) is after the last one (${to}): swap them.`, path: ['to'] });
      else if (span(from, to) > MAX_SALES_RANGE_DAYS)
        ctx.addIssue({ code: 'custom', message: `Choose at most five years (${MAX_SALES_RANGE_DAYS} days).`, path: ['from'] });
    });
}
