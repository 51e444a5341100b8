import { describe, expect, it } from 'vitest';
import { z } from 'zod';
import { billingContract } from './features/billing/contract';
import { invoicesContract } from './features/invoices/contract';
import { pipelinesContract } from './features/pipelines/contract';
import { projectsContract } from './features/projects/contract';
import { day, dayRange, daysInRange } from './schemas';

const issues = (schema: z.ZodType, value: unknown) => {
  const result = schema.safeParse(value);
  return result.success ? [] : result.error.issues.map((i) => ({ path: i.path.join('.'), message: i.message }));
};

describe('dayRange: the one check of a range of local days', () => {
  const year = z.object({ from: day, to: day }).superRefine(dayRange(366));

  it('counts both ends, on the calendar (a DST change or a leap day is one day)', () => {
    expect(daysInRange('2026-11-01', '2026-11-01')).toBe(1);
    expect(daysInRange('2026-04-01', '2026-04-30')).toBe(30);
    expect(daysInRange('2024-01-01', '2024-12-31')).toBe(366);
  });

  it('takes a range up to the limit, both ends included, and refuses a day more, naming the first day', () => {
    expect(issues(year, { from: '2024-01-01', to: '2024-12-31' })).toEqual([]);
    expect(issues(year, { from: '2024-01-01', to: '2025-01-01' })).toEqual([
      { path: 'from', message: 'Choose at most a year (366 days); 2024-01-01 to 2025-01-01 is 367 days. Move the first day later.' },
    ]);
  });

  it('refuses a reversed range on the last day, with both days and what to do', () => {
    expect(issues(year, { from: '2026-11-02', to: '2026-11-01' })).toEqual([
      { path: 'to', message: 'The first day (2026-11-02) is after the last one (2026-11-01): swap them, or choose the last day again.' },
    ]);
  });

  it('leaves an open-ended filter alone, and has no limit when given none', () => {
    const open = z.object({ from: day.optional(), to: day.optional() }).superRefine(dayRange());
    expect(issues(open, { from: '2026-11-02' })).toEqual([]);
    expect(issues(open, { from: '2000-01-01', to: '2026-11-01' })).toEqual([]);
    expect(issues(open, { from: '2026-11-02', to: '2026-11-01' })).toHaveLength(1);
  });

  it('is what every dashboard, rows and invoice channel says', () => {
    const reversed = { from: '2026-11-02', to: '2026-11-01' };
    const client = '0193a000-0000-7000-8000-000000000001';
    const inputs: [z.ZodType, unknown][] = [
      [projectsContract['projects.dashboard'].input, reversed],
      [projectsContract['projects.rows'].input, { figure: 'billableHours', consultantId: client, ...reversed }],
      [billingContract['billing.dashboard'].input, reversed],
      [billingContract['billing.rows'].input, { figure: 'expenses', ...reversed }],
      [invoicesContract['invoices.preview'].input, { clientId: client, ...reversed }],
      [invoicesContract['invoices.list'].input, reversed],
      [pipelinesContract['pipelines.dashboard'].input, reversed],
      [pipelinesContract['pipelines.rows'].input, reversed],
      [pipelinesContract['jobs.list'].input, reversed],
    ];
    for (const [schema, value] of inputs) {
      expect(issues(schema, value)).toEqual([
        { path: 'to', message: 'The first day (2026-11-02) is after the last one (2026-11-01): swap them, or choose the last day again.' },
      ]);
    }
    expect(issues(projectsContract['projects.dashboard'].input, { from: '2020-01-01', to: '2026-10-11' })[0]!.message).toMatch(
      /^Choose at most five years \(1830 days\); 2020-01-01 to 2026-10-11 is 2476 days/,
    );
  });
});

describe('day: the days the app works with (found by fuzzing: year 0 and 9999 broke the dashboards)', () => {
  it('takes 1970-01-01 to 2999-12-31 and refuses days outside with what to do', () => {
    for (const value of ['1970-01-01', '2026-11-20', '2999-12-31']) expect(day.safeParse(value).success, value).toBe(true);
    for (const value of ['0000-01-01', '0001-01-01', '1969-12-31', '3000-01-01', '9999-12-31']) {
      expect(day.safeParse(value).error?.issues[0]?.message, value).toBe(
        `“${value}” is outside the days Ops Console works with (1970-01-01 to 2999-12-31): give a day in that span.`,
      );
    }
  });
});
