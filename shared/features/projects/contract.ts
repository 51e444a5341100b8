// Projects: the list every picker shows, the projects dashboard, a project's page and the rows
// behind any of the dashboard's figures (drill-down). Ranges are local days of the workspace's zone.
import { z } from 'zod';
import { defineFeature, returns } from '../../contract-kit';
import { PROJECT_STATUSES, PROJECT_TIERS, type ProjectSummary } from '../../domain';
import { day, dayRange, id } from '../../schemas';
import type { ProjectPage, ProjectsDashboard, ProjectsRows, Utilization } from './types';

/** The longest range a dashboard takes: about five years (the previous period doubles it). */
export const MAX_RANGE_DAYS = 1830;

/**
 * The most weeks the projects dashboard's week grid draws (more are not readable as columns); for
 * a wider range the dashboard leaves the cells out (a year of them is ~1 MB of JSON at scale 10).
 */
export const GRID_MAX_WEEKS = 16;

const range = { from: day, to: day };
const limit = z.number().int().min(1).max(10_000).default(1000);
const tier = z.enum(PROJECT_TIERS, { message: `Choose a tier: ${PROJECT_TIERS.join(', ')}.` });
const status = z.enum(PROJECT_STATUSES, { message: `Choose a status: ${PROJECT_STATUSES.join(', ')}.` });

/** Which figure was clicked, and where: each names the rows whose amounts add up to it. */
const drill = z
  .discriminatedUnion(
    'figure',
    [
      /** A consultant's billable hours in one week of the range (or the whole range without `week`). */
      z.object({ figure: z.literal('billableHours'), ...range, consultantId: id, week: day.optional(), limit }).strict(),
      /** A project's burn: its billable entries, each at its value. */
      z.object({ figure: z.literal('burn'), projectId: id, limit }).strict(),
      /** A tier × status count (either may be left out: the tier's or the status's total). */
      z.object({ figure: z.literal('tierStatus'), tier: tier.optional(), status: status.optional(), limit }).strict(),
      /** Projects completed in the range (a month `YYYY-MM` of it, a tier). */
      z
        .object({
          figure: z.literal('completed'),
          ...range,
          month: z
            .string()
            .regex(/^\d{4}-(0[1-9]|1[0-2])$/, 'Give the month as YYYY-MM, e.g. 2026-11.')
            .optional(),
          tier: tier.optional(),
          limit,
        })
        .strict(),
      /** The timeline's overdue projects. */
      z.object({ figure: z.literal('overdue'), limit }).strict(),
    ],
    { message: 'Name the figure clicked: billableHours, burn, tierStatus, completed or overdue.' },
  )
  .superRefine(dayRange(MAX_RANGE_DAYS));

export const projectsContract = defineFeature(['projects'], {
  /** Projects for pickers and lists (open ones; `includeArchived` adds completed and cancelled). */
  'projects.list': {
    input: z.object({ includeArchived: z.boolean().default(false) }).optional(),
    output: returns<ProjectSummary[]>(),
  },
  /** Every projects-dashboard figure for a range of local days, with the period before it. */
  'projects.dashboard': {
    input: z.object(range).strict().superRefine(dayRange(MAX_RANGE_DAYS)),
    output: returns<ProjectsDashboard>(),
  },
  /** A project's page: facts, burn, margin inputs, and its entries, invoices, expenses and jobs (newest first, `limit` each). */
  'projects.get': {
    input: z.object({ id, limit: z.number().int().min(1).max(1000).default(50) }).strict(),
    output: returns<ProjectPage>(),
  },
  /** The rows behind a figure of the dashboard; their minutes and amounts add up to it. */
  'projects.rows': { input: drill, output: returns<ProjectsRows>() },
  /** Billable hours per consultant and local week with every cell, whatever the range's width (the grid's CSV). */
  'projects.weekGrid': {
    input: z.object(range).strict().superRefine(dayRange(MAX_RANGE_DAYS)),
    output: returns<Utilization>(),
  },
});
