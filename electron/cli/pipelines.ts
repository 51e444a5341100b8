// `ops pipelines …` and `ops jobs …`: list pipelines, trigger one (and wait for it), send what is
// waiting, and list, show, cancel and re-run jobs — through the same channels as the app.
import { OpsError } from '../../shared/contract';
import type { JobStatus } from '../../shared/domain';
import type { DeliveryOutcome, JobDetail, JobView, PipelineView, RemoteRun } from '../../shared/features/pipelines/types';
import type { Core } from '../core/api';
import { duration } from '../core/pipelines/queries';
import { UsageError, type CliArgs } from './args';
import { formatInstant, terminalSafe } from './format';
import type { Output } from './format';

type Args = CliArgs & { tz: string };

export const PIPELINES_COMMANDS = ['list', 'trigger', 'deliver'];
export const JOBS_COMMANDS = ['list', 'show', 'cancel', 'rerun'];
const FINAL = ['succeeded', 'failed', 'cancelled'];

/** Refuses an unknown subcommand before a replica is opened. */
export function checkPipelinesCommand(command: string, sub: string | undefined): void {
  const known = command === 'pipelines' ? PIPELINES_COMMANDS : JOBS_COMMANDS;
  if (!sub || !known.includes(sub)) {
    throw new UsageError(`Unknown ${command} command “${sub ?? ''}”: use ${known.slice(0, -1).join(', ')} or ${known.at(-1)}.`, true);
  }
}

export async function pipelines(core: Core, sub: string | undefined, args: Args, out: Output): Promise<void> {
  switch (sub) {
    case 'list': {
      const list = await core.call('pipelines.list');
      return out.print(list, () => pipelineTable(list));
    }
    case 'trigger':
      return trigger(core, args, out);
    case 'deliver': {
      const outcomes = await core.call('deliveries.send');
      return out.print(outcomes, () =>
        outcomes.length === 0 ? 'Nothing is waiting to be sent.' : outcomes.map((o) => outcomeLine(o, args.tz)).join('\n'),
      );
    }
  }
}

export async function jobs(core: Core, sub: string | undefined, args: Args, out: Output): Promise<void> {
  if (sub === 'list') {
    const list = await core.call('jobs.list', {
      status: args.status as JobStatus | undefined, // job statuses only, unless the command is invoices
      pipeline: args.pipeline,
      from: args.from,
      to: args.to,
    });
    return out.print(list, () => jobTable(list, args.tz));
  }
  const id = args.command[2];
  if (!id) throw new UsageError(`jobs ${sub} needs the job's id: ops jobs ${sub} ID (ids are listed by \`ops jobs list\`).`);
  switch (sub) {
    case 'show': {
      const job = await core.call('jobs.get', { id });
      // Ahead of sync: where the receiver has it now (null when not delivered or not reachable).
      const remote = job.delivery?.status === 'delivered' ? await core.call('jobs.remote', { id }) : null;
      return out.print({ ...job, remote }, () => jobDetail(job, args.tz, remote));
    }
    case 'cancel': {
      const cancelled = await core.call('jobs.cancel', { id });
      return out.print(cancelled, () => `Job ${id}: ${cancelled.message}`);
    }
    case 'rerun': {
      const triggered = await core.call('jobs.rerun', { id });
      return out.print(
        triggered,
        () =>
          `Re-ran job ${id} as job ${triggered.jobId} (${triggered.pipeline}), requested ${formatInstant(triggered.requestedAt, args.tz)}.`,
      );
    }
  }
}

async function trigger(core: Core, args: Args, out: Output): Promise<void> {
  const slug = args.command[2];
  if (!slug)
    throw new UsageError('pipelines trigger needs the pipeline: ops pipelines trigger SLUG --param k=v … (slugs: ops pipelines list).');
  const pipeline = (await core.call('pipelines.list')).find((p) => p.slug === slug || p.id === slug);
  if (!pipeline) throw new OpsError('not_found', `There is no pipeline “${slug}” in this workspace. List them with ops pipelines list.`);
  const params = parseParams(args.param, pipeline);
  const projectId = args.project ? await findProject(core, args.project) : undefined;
  const triggered = await core.call('pipelines.trigger', { pipelineId: pipeline.id, params, projectId }).catch((error: unknown) => {
    // The core names the parameter as `params.NAME`; here it is --param NAME=….
    if (error instanceof OpsError && error.field?.startsWith('params'))
      throw new OpsError(
        error.code,
        `${error.message} Fix it with --param NAME=VALUE (ops pipelines list shows each parameter).`,
        error.field,
      );
    throw error;
  });
  if (!args.wait) {
    return out.print(
      triggered,
      () =>
        `Triggered ${pipeline.name}: job ${triggered.jobId}, requested ${formatInstant(triggered.requestedAt, args.tz)}.\n` +
        `It is sent when the pipeline API can be reached (ops pipelines deliver sends it now; ops jobs show ${triggered.jobId}).`,
    );
  }
  if (!out.json) process.stdout.write(terminalSafe(`Triggered ${pipeline.name}: job ${triggered.jobId}.\n`));
  const job = await waitFor(core, triggered.jobId, args, out);
  if (out.json) out.print(job, () => '');
  if (job.status !== 'succeeded') {
    throw new OpsError(
      'conflict',
      FINAL.includes(job.status)
        ? `Job ${job.id} ${job.status}${job.error ? `: ${job.error}` : '.'}`
        : `Job ${job.id} is still ${job.status} after ${args.timeout} s; it goes on: see ops jobs show ${job.id}.`,
    );
  }
}

/** Sends the trigger now, then follows the job until it finishes (or `--timeout`), printing each change. */
async function waitFor(core: Core, jobId: string, args: Args, out: Output): Promise<JobDetail & { step?: string | null }> {
  const say = (line: string) => {
    if (!out.json) process.stdout.write(`${terminalSafe(line)}\n`);
  };
  const settings = await core.call('pipelines.settings.get');
  if (settings.simulated) core.startPipelines(); // the demo's simulator runs the job in this process
  const deadline = Date.now() + args.timeout * 1000;
  let last = '';
  for (;;) {
    let job = await core.call('jobs.get', { id: jobId });
    if (!settings.simulated && job.delivery?.status === 'pending' && (job.delivery.nextAttemptAt ?? '') <= new Date().toISOString()) {
      for (const outcome of await core.call('deliveries.send')) if (outcome.jobId === jobId) say(outcomeLine(outcome, args.tz));
      job = await core.call('jobs.get', { id: jobId });
    }
    const delivery = job.delivery?.status;
    if (delivery && ['failed', 'disabled', 'expired', 'cancelled'].includes(delivery) && job.status === 'requested') {
      throw new OpsError(
        'conflict',
        `Job ${jobId} was not delivered: ${job.delivery!.state}. Fix the cause, then retry it in the app or re-run it.`,
      );
    }
    // Ahead of sync: the receiver says where the job is now.
    const remote = delivery === 'delivered' && !settings.simulated ? await core.call('jobs.remote', { id: jobId }) : null;
    const status = remote && rank(remote.status) > rank(job.status) ? remote.status : job.status;
    const step = remote ? remote.step : job.status === 'running' ? job.resultSummary : null;
    // A line per status and per step (not per percentage), at the zone's clock time.
    const key = `${status}${step ? ` — ${step.replace(/\s*\(\d+\s*%\)$/, '')}` : ''}`;
    if (key !== last) {
      say(`${clockTime(args.tz)}  ${status}${step ? ` — ${step}` : ''}`);
      last = key;
    }
    if (FINAL.includes(status)) {
      const merged = remote
        ? {
            ...job,
            status,
            error: remote.error,
            resultSummary: remote.resultSummary,
            startedAt: remote.startedAt,
            finishedAt: remote.finishedAt,
          }
        : job;
      if (merged.resultSummary && status === 'succeeded') say(merged.resultSummary);
      return merged;
    }
    if (Date.now() >= deadline) return { ...job, status };
    await new Promise((resolve) => setTimeout(resolve, 300));
  }
}

const clockTime = (timeZone: string) =>
  new Date().toLocaleTimeString('en-AU', { timeZone, hour: 'numeric', minute: '2-digit', second: '2-digit', timeZoneName: 'short' });

const rank = (status: string) => ['requested', 'queued', 'running'].indexOf(status) + (FINAL.includes(status) ? 10 : 0);

/** `--param k=v`, each value read as the pipeline's schema types it. */
export function parseParams(given: string[], pipeline: PipelineView): Record<string, unknown> {
  const properties = (pipeline.paramsSchema.properties ?? {}) as Record<string, { type?: string | string[]; items?: { type?: string } }>;
  // No prototype: a name like toString or __proto__ is an ordinary key (the core then refuses it).
  const params = Object.create(null) as Record<string, unknown>;
  for (const pair of given) {
    const eq = pair.indexOf('=');
    if (eq <= 0) throw new UsageError(`--param “${pair}” is not NAME=VALUE: give each parameter as --param grid_size=64.`);
    const name = pair.slice(0, eq);
    const raw = pair.slice(eq + 1);
    if (Object.hasOwn(params, name)) throw new UsageError(`--param ${name} is given twice: give each parameter once.`);
    const schema = Object.hasOwn(properties, name) ? properties[name] : undefined;
    // An unknown name goes as text: the core says it is not a parameter of this pipeline.
    params[name] = schema ? typed(name, raw, schema) : raw;
  }
  return params;
}

function typed(name: string, raw: string, schema: { type?: string | string[]; items?: { type?: string } }): unknown {
  const type = Array.isArray(schema.type) ? schema.type.find((t) => t !== 'null') : schema.type;
  const bad = (what: string, example: string) =>
    new UsageError(`--param ${name}=${raw}: ${name} takes ${what}; give it as --param ${name}=${example}.`);
  switch (type) {
    case 'integer':
      if (!/^-?\d{1,15}$/.test(raw.trim())) throw bad('a whole number', '64');
      return Number(raw);
    case 'number':
      if (raw.trim() === '' || !Number.isFinite(Number(raw))) throw bad('a number', '0.5');
      return Number(raw);
    case 'boolean':
      if (/^(true|yes|1)$/i.test(raw)) return true;
      if (/^(false|no|0)$/i.test(raw)) return false;
      throw bad('true or false', 'true');
    case 'array':
      return raw === '' ? [] : raw.split(',').map((item) => typed(`${name} item`, item.trim(), schema.items ?? { type: 'string' }));
    case 'object':
      try {
        return JSON.parse(raw) as unknown;
      } catch {
        throw bad('a JSON object', '\'{"key":"value"}\'');
      }
    default:
      return raw;
  }
}

async function findProject(core: Core, project: string): Promise<string> {
  const projects = await core.call('projects.list', { includeArchived: true });
  const match = projects.find((p) => p.id === project || p.name === project);
  if (!match) throw new OpsError('not_found', `No project is called “${project}”. List them in the app, or use the project id.`);
  return match.id;
}

function describeParam(name: string, s: Record<string, unknown>, required: boolean): string {
  const type = Array.isArray(s.type) ? s.type.join('|') : String(s.type ?? 'any');
  const items = s.items as { type?: string; enum?: unknown[] } | undefined;
  const parts = [`${name}: ${type === 'array' && items?.type ? `${items.type}[] (comma list)` : type}`];
  if (required) parts.push('required');
  if (s.enum) parts.push(`one of ${(s.enum as unknown[]).join(', ')}`);
  if (items?.enum) parts.push(`each one of ${items.enum.join(', ')}`);
  if (s.minimum !== undefined || s.maximum !== undefined) parts.push(`${s.minimum ?? '…'} to ${s.maximum ?? '…'}`);
  if (s.default !== undefined) parts.push(`default ${JSON.stringify(s.default)}`);
  if (typeof s.description === 'string' && s.description) parts.push(s.description);
  return parts.join(', ');
}

function pipelineTable(list: PipelineView[]): string {
  if (list.length === 0) return 'No pipelines in this workspace (they come from the central database by sync).';
  return list
    .map((p) => {
      const properties = (p.paramsSchema.properties ?? {}) as Record<string, Record<string, unknown>>;
      const required = (p.paramsSchema.required ?? []) as string[];
      const state = !p.active ? ' (inactive)' : p.disabledHere ? ` (disabled here: ${p.disabledHere.reason})` : '';
      return [
        `${p.slug}  ${p.name}${state}`,
        ...(p.description ? [`  ${p.description}`] : []),
        ...Object.entries(properties).map(([name, s]) => `  --param ${describeParam(name, s, required.includes(name))}`),
      ].join('\n');
    })
    .join('\n\n');
}

function jobTable(list: JobView[], zone: string): string {
  if (list.length === 0) return 'No pipeline jobs match.';
  const when = (iso: string) => new Date(iso).toLocaleString('en-AU', { dateStyle: 'short', timeStyle: 'short', timeZone: zone });
  return [
    `${'Id'.padEnd(38)}${'Requested'.padEnd(20)}${'Status'.padEnd(11)}${'Queue'.padStart(10)}${'Ran'.padStart(12)}  Pipeline · by`,
    ...list.map(
      (j) =>
        `${j.id}  ${when(j.requestedAt).padEnd(20)}${j.status.padEnd(11)}${(j.queueMs === null ? '—' : duration(j.queueMs)).padStart(10)}` +
        `${(j.durationMs === null ? '—' : duration(j.durationMs)).padStart(12)}  ${j.pipelineName}${j.requestedByName ? ` · ${j.requestedByName}` : ''}`,
    ),
    `${list.length} job(s); times in ${zone}`,
  ].join('\n');
}

function jobDetail(j: JobDetail, zone: string, remote: RemoteRun | null): string {
  const when = (iso: string | null) => (iso ? formatInstant(iso, zone) : '—');
  return [
    `Job          ${j.id}`,
    `Pipeline     ${j.pipelineName} (${j.pipeline})`,
    `Status       ${j.status}`,
    `Requested    ${when(j.requestedAt)}${j.requestedByName ? ` by ${j.requestedByName}` : ''}`,
    `Started      ${when(j.startedAt)}${j.queueMs !== null ? ` (queued ${duration(j.queueMs)})` : ''}`,
    `Finished     ${when(j.finishedAt)}${j.durationMs !== null ? ` (ran ${duration(j.durationMs)})` : ''}`,
    ...(j.projectName ? [`Project      ${j.projectName}`] : []),
    `Parameters   ${Object.entries(j.params)
      .map(([k, v]) => `${k}=${Array.isArray(v) ? v.join(',') : typeof v === 'object' ? JSON.stringify(v) : String(v)}`)
      .join(' ')}`,
    ...(j.resultSummary ? [`Result       ${j.resultSummary}`] : []),
    ...(j.error ? [`Error        ${j.error}`] : []),
    ...(j.delivery ? [`Delivery     ${j.delivery.state} (attempts ${j.delivery.attempts})`] : []),
    ...(remote
      ? [
          `Receiver     ${remote.status} (${remote.progress} %)${remote.step ? ` — ${remote.step}` : ''}` +
            `${remote.finishedAt ? `, finished ${when(remote.finishedAt)}` : ''}${remote.error ? `: ${remote.error}` : ''}` +
            (remote.status !== j.status ? ' (the replica learns it at the next sync)' : ''),
        ]
      : []),
  ].join('\n');
}

function outcomeLine(o: DeliveryOutcome, zone: string): string {
  return (
    `${o.jobId}  ${o.pipeline}  ${o.outcome}${o.httpStatus ? ` (${o.httpStatus})` : ''}: ${o.message}` +
    (o.nextAttemptAt ? `; next attempt ${formatInstant(o.nextAttemptAt, zone)}` : '')
  );
}
