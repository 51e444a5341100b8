// The KPI scorecard and the admins' custom metrics. Built-in figures are computed from the data;
// custom metrics are defined, and their values recorded, by admins only (docs/sales.md).
import { z } from 'zod';
import { defineFeature, returns } from '../../contract-kit';
import { day, id, storableText } from '../../schemas';
import { salesRange } from '../leads/range';
import { METRIC_DIRECTIONS, type CustomMetric, type Scorecard } from './types';

const number = (what: string) =>
  z
    .number({ message: `Give ${what} as a number.` })
    .refine(Number.isFinite, `Give ${what} as a finite number.`)
    .refine((v) => Math.abs(v) <= 1e12, `${what[0]!.toUpperCase()}${what.slice(1)} is out of range (at most a trillion either way).`);

export const kpisContract = defineFeature(['kpis', 'metrics'], {
  /** Every built-in KPI against its target with its trend over the range, and the custom metrics. */
  'kpis.scorecard': { input: salesRange({}), output: returns<Scorecard>() },
  /** The custom metrics with all their values. */
  'metrics.list': { input: z.object({}).strict().optional(), output: returns<CustomMetric[]>() },
  /** Defines a custom metric, or changes one (`id`). Admins only. */
  'metrics.define': {
    input: z
      .object({
        id: id.optional(),
        name: storableText('The name', z.string().trim().min(1, 'Give the metric a name.').max(100, 'A name is at most 100 characters.')),
        unit: storableText('The unit', z.string().trim().max(20, 'A unit is at most 20 characters (%, h, AUD…).')).default(''),
        target: number('the target'),
        direction: z.enum(METRIC_DIRECTIONS, { message: 'Say which way is better: higher or lower.' }),
      })
      .strict(),
    output: returns<CustomMetric>(),
    touches: ['metrics'],
  },
  /** Records a custom metric's value on a day (replacing that day's value). Admins only. */
  'metrics.record': {
    input: z.object({ metricId: id, recordedOn: day.optional(), value: number('the value') }).strict(),
    output: returns<CustomMetric>(),
    touches: ['metric_values'],
  },
});
