// Pipelines: the pipelines a consultant may trigger, their jobs and the webhook deliveries waiting
// to go out, and the pipeline API's address and secret (the secret goes in, never out).
import { z } from 'zod';
import { defineFeature, returns } from '../../contract-kit';
import { JOB_STATUSES } from '../../domain';
import { day, dayRange, id, nestingDepth, none, nonJsonPath, storableText, unstorablePath } from '../../schemas';
import type {
  Cancelled,
  DeliveryOutcome,
  JobDetail,
  JobView,
  PipelineDashboard,
  PipelineRows,
  PipelineSettings,
  PipelineView,
  RemoteRun,
  Triggered,
} from './types';

/** The longest range the pipelines dashboard (and the rows behind it) covers: a year, leap day included. */
export const MAX_DASHBOARD_DAYS = 366;

/** The most a trigger's parameters may take as JSON: well inside the receiver's 64 kB body. */
export const MAX_PARAMS_BYTES = 16_000;
/** How deep the parameters may nest (the object itself is level 1): far more than any pipeline takes. */
export const MAX_PARAMS_DEPTH = 16;

/** A pipeline's parameters: named values (JSON), bounded; the core checks them against the pipeline's schema. */
const params = z
  .unknown()
  // Checked on the value as given: parsing into a record would drop a `__proto__` key unseen.
  .superRefine((raw, ctx) => {
    if (raw === null || typeof raw !== 'object' || Array.isArray(raw)) return;
    // First, before any check that walks the value: those recurse, and a deep one overflows the stack.
    if (nestingDepth(raw, MAX_PARAMS_DEPTH) > MAX_PARAMS_DEPTH) {
      ctx.addIssue({
        code: 'custom',
        message: `The parameters nest too deeply (at most ${MAX_PARAMS_DEPTH} levels); pass a flatter value, or a reference to the data.`,
        path: [],
      });
      return;
    }
    // From Electron's IPC, which carries more than JSON: a BigInt made JSON.stringify throw below.
    const notJson = nonJsonPath(raw);
    if (notJson !== null) {
      ctx.addIssue({
        code: 'custom',
        message: `The parameter ${notJson} is not a JSON value: give text, a number, true or false, null, a list or named values.`,
        path: [notJson.split(/[.[]/)[0]!],
      });
      return;
    }
    if (Object.hasOwn(raw, '__proto__')) {
      ctx.addIssue({ code: 'custom', message: '"__proto__" is not a parameter of any pipeline; remove it.', path: ['__proto__'] });
      return;
    }
    const bad = unstorablePath(raw);
    if (bad !== null) {
      ctx.addIssue({
        code: 'custom',
        message: `The parameter ${bad} contains a character that cannot be stored (a NUL or a broken emoji). Remove it and run again.`,
        path: [bad.split(/[.[]/)[0]!],
      });
    }
  })
  .pipe(
    z
      .record(z.string().max(100), z.unknown(), { message: 'The parameters must be a set of named values (a JSON object).' })
      .refine((value) => JSON.stringify(value).length <= MAX_PARAMS_BYTES, {
        message: `The parameters are too large (at most ${MAX_PARAMS_BYTES / 1000} kB as JSON); pass a reference to the data instead.`,
      }),
  );

const slug = z
  .string()
  .min(1)
  .max(100)
  .regex(/^[a-z0-9][a-z0-9-]*$/, 'A pipeline slug is lower-case letters, digits and dashes, e.g. backup-verify.');

const pipelineApi = storableText('The pipeline API address', z.string().max(2000)).refine(
  (value) => {
    try {
      return ['http:', 'https:'].includes(new URL(value).protocol);
    } catch {
      return false;
    }
  },
  { message: 'Enter the pipeline API as an http(s) URL, e.g. https://pipelines.example.com or http://127.0.0.1:8790.' },
);
// The receiver's rule: whsec_ and at least 16 base64 characters. The message never repeats the value.
const secret = z
  .string()
  .max(1000, 'The webhook secret is too long.')
  .regex(/^whsec_[A-Za-z0-9+/=]{16,}$/, 'The webhook secret is not a Standard Webhooks secret: it is whsec_ followed by base64.');

const jobRef = z.object({ id });
const jobWrites = ['pipeline_jobs', 'webhook_deliveries'] as const;

export const pipelinesContract = defineFeature(['pipelines', 'jobs', 'deliveries'], {
  'pipelines.list': { input: none, output: returns<PipelineView[]>() },
  'pipelines.trigger': {
    input: z
      .object({ pipelineId: id.optional(), slug: slug.optional(), params: params.default({}), projectId: id.nullable().optional() })
      .refine((v) => (v.pipelineId === undefined) !== (v.slug === undefined), {
        message: 'Name the pipeline by its id or its slug (one of them).',
        path: ['pipelineId'],
      }),
    output: returns<Triggered>(),
    touches: jobWrites,
  },
  /** Runs per day by status, success rate and p50/p95 duration and queue time per pipeline, recent failures. */
  'pipelines.dashboard': {
    input: z.object({ from: day, to: day }).superRefine(dayRange(MAX_DASHBOARD_DAYS)),
    output: returns<PipelineDashboard>(),
  },
  /**
   * The jobs behind a dashboard figure: requested in a range of local days (one day for a bar), of
   * some statuses, of one pipeline; `count` is them all (the figure), `rows` the newest `limit`.
   * `by: 'finished'`: the jobs that finished in the range instead (the scorecard's job success rate).
   */
  'pipelines.rows': {
    input: z
      .object({
        from: day,
        to: day,
        status: z.union([z.enum(JOB_STATUSES), z.array(z.enum(JOB_STATUSES)).min(1).max(JOB_STATUSES.length)]).optional(),
        pipelineId: id.optional(),
        by: z.enum(['requested', 'finished']).default('requested'),
        limit: z.number().int().min(1).max(5000).default(1000),
      })
      .strict()
      .superRefine(dayRange(MAX_DASHBOARD_DAYS)),
    output: returns<PipelineRows>(),
  },
  'pipelines.settings.get': { input: none, output: returns<PipelineSettings>() },
  'pipelines.settings.update': {
    input: z.object({ pipelineApi: pipelineApi.nullable().optional(), secret: secret.nullable().optional() }).strict(),
    output: returns<PipelineSettings>(),
    touches: ['settings'],
  },
  'jobs.list': {
    input: z
      .object({
        status: z.union([z.enum(JOB_STATUSES), z.array(z.enum(JOB_STATUSES)).max(JOB_STATUSES.length)]).optional(),
        /** A pipeline's id or slug. */
        pipeline: z.string().max(100).optional(),
        /** Requested on or after this day, in the workspace's zone. */
        from: day.optional(),
        /** Requested on or before this day, in the workspace's zone. */
        to: day.optional(),
        limit: z.number().int().min(1).max(5000).optional(),
      })
      .superRefine(dayRange())
      .optional(),
    output: returns<JobView[]>(),
  },
  'jobs.get': { input: jobRef, output: returns<JobDetail>() },
  /** The receiver's view of a delivered job right now (null: not delivered, no pipeline API, or no answer). */
  'jobs.remote': { input: jobRef, output: returns<RemoteRun | null>() },
  'jobs.cancel': { input: jobRef, output: returns<Cancelled>(), touches: jobWrites },
  'jobs.rerun': { input: jobRef, output: returns<Triggered>(), touches: jobWrites },
  'jobs.retryDelivery': { input: jobRef, output: returns<JobDetail>(), touches: ['webhook_deliveries'] },
  'deliveries.pending': { input: none, output: returns<JobView[]>() },
  /** Sends what is due now (or, in a demo with no pipeline API, hands it to the simulator). */
  'deliveries.send': {
    input: none,
    output: returns<DeliveryOutcome[]>(),
    touches: ['pipeline_jobs', 'webhook_deliveries', 'pipelines_disabled'],
  },
});
