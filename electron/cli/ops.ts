// `ops`: the command-line front end over the same core and contract as the app.
import fs from 'node:fs';
import path from 'node:path';
import { OpsError, type Input } from '../../shared/contract';
import type { TimeEntry } from '../../shared/domain';
import { formatCents } from '../../shared/money';
import {
  addDays,
  describeClockSkew,
  formatMinutes,
  localDay,
  localTime,
  machineTimeZone,
  weekStart,
  zonedInstant,
} from '../../shared/time';
import { Core, today } from '../core/api';
import type { SyncProgress } from '../../shared/domain';
import { openReplica } from '../core/db/open';
import { seedDemo } from '../core/demo/seed';
import { Replica } from '../core/sync/replica';
import { defaultDataDir } from '../core/workspace/paths';
import { activeKind } from '../core/workspace/workspaces';
import { parseCli, UsageError, USAGE, type CliArgs } from './args';
import { backup, restore } from './backup';
import { central } from './central';
import { exportData } from './export';
import { formatInstant, terminalSafe } from './format';
import { checkInvoicesCommand, invoices } from './invoices';
import { checkPipelinesCommand, jobs, pipelines } from './pipelines';
import { checkProjectsCommand, projects } from './projects';
import { checkSalesCommand, clients, kpis, leads } from './sales';
import type { Output } from './format';

export { formatInstant };

/** The flags, with the zone resolved: --tz or OPS_TZ, else the workspace's. */
type ZonedArgs = CliArgs & { tz: string };

export async function main(argv: string[], env: NodeJS.ProcessEnv = process.env): Promise<number> {
  const json = argv.includes('--json');
  let args: CliArgs;
  try {
    args = parseCli(argv, env);
  } catch (error) {
    return refuse(error, json);
  }
  const out: Output = {
    json: args.json,
    print: (value, human) => process.stdout.write(`${args.json ? JSON.stringify(value, null, 2) : terminalSafe(human())}\n`),
  };
  if (args.help || args.command.length === 0) {
    process.stdout.write(`${USAGE}\n`);
    return args.help ? 0 : 2;
  }
  try {
    await run(args, env, out);
    return 0;
  } catch (error) {
    return refuse(error, args.json);
  }
}

/** Writes an error to stderr (JSON with --json) and returns the exit code: 2 for usage, 1 otherwise. */
function refuse(error: unknown, json: boolean): number {
  if (error instanceof UsageError) {
    process.stderr.write(
      json
        ? `${JSON.stringify({ error: { code: 'invalid_input', message: error.message } })}\n`
        : error.usage
          ? `${error.message}\n\n${USAGE}\n`
          : `ops: ${error.message}\n(ops --help lists the commands and flags.)\n`,
    );
    return 2;
  }
  let message = error instanceof Error ? error.message : String(error);
  // The core's words are the same for every front end; here, who you are is a flag.
  if (error instanceof OpsError && error.field === 'consultantId') message += ' Pass --as EMAIL (or set OPS_CONSULTANT).';
  process.stderr.write(
    json
      ? `${JSON.stringify({ error: error instanceof OpsError ? { ...error.toJSON(), message } : { message } })}\n`
      : `ops: ${terminalSafe(message)}\n`,
  );
  return 1;
}

async function run(args: CliArgs, env: NodeJS.ProcessEnv, out: Output): Promise<void> {
  const [command, sub] = args.command;
  if (command === 'seed') return seed(args, env, out);
  if (command === 'central') return central(sub, args, out);
  if (command === 'backup') return backup(args, env, out);
  if (command === 'restore') return restore(args, env, out);
  if (command === 'export') return exportData(args, env, out);
  if (!['status', 'hours', 'sync', 'pipelines', 'jobs', 'projects', 'invoices', 'kpis', 'clients', 'leads'].includes(command!))
    throw new UsageError(`Unknown command “${args.command.join(' ')}”.`, true);
  if (command === 'hours') checkHoursCommand(sub);
  if (command === 'pipelines' || command === 'jobs') checkPipelinesCommand(command, sub);
  if (command === 'projects') checkProjectsCommand(sub);
  if (command === 'invoices') checkInvoicesCommand(sub);
  if (command === 'kpis' || command === 'clients' || command === 'leads') checkSalesCommand(command, sub, args);
  const batch = args.batchSize;
  const common = {
    consultantEmail: args.as,
    centralUrl: args.central,
    pipelineApi: args.pipelineApi,
    webhookSecret: args.webhookSecret,
    syncOptions: {
      batchSize: batch,
      flushRows: batch,
      pageSize: batch,
      onProgress: args.progress ? (p: SyncProgress) => process.stderr.write(`progress ${p.phase} ${p.rows}\n`) : undefined,
    },
  };
  // A refused command leaves no new replica behind: a --db path that had no file gets none.
  const created = args.db ? newFiles(args.db) : null;
  let ok = false;
  let core: Core | undefined;
  try {
    core = args.db ? new Core({ dbPath: args.db, ...common }) : new Core({ dataDir: defaultDataDir(env), ...common });
    // Days and times are the workspace's (--tz or OPS_TZ overrides); --json keeps UTC instants.
    const zone = args.tz ?? (await core.call('workspace.info')).timeZone ?? machineTimeZone();
    if (command === 'status') await status(core, out, zone);
    else if (command === 'sync') await sync(core, out);
    else if (command === 'pipelines') await pipelines(core, sub, { ...args, tz: zone }, out);
    else if (command === 'jobs') await jobs(core, sub, { ...args, tz: zone }, out);
    else if (command === 'projects') await projects(core, sub, out);
    else if (command === 'invoices') await invoices(core, sub, { ...args, tz: zone }, out);
    else if (command === 'kpis') await kpis(core, { ...args, tz: zone }, out);
    else if (command === 'clients') await clients(core, { ...args, tz: zone }, out);
    else if (command === 'leads') await leads(core, sub, { ...args, tz: zone }, out);
    else await hours(core, sub, { ...args, tz: zone }, out);
    ok = true;
  } finally {
    // …unless a first sync that failed part way already pulled rows: the next sync goes on from them.
    const keep = !ok && created && command === 'sync' && core && (await hasRows(core));
    await core?.close();
    if (!ok && !keep) created?.remove();
  }
}

async function hasRows(core: Core): Promise<boolean> {
  try {
    return Object.values((await core.call('status.get')).rows).some((n) => n > 0);
  } catch {
    return false;
  }
}

/** The files and folders a replica at `file` would create, to remove again if the command is refused. */
function newFiles(file: string): { remove(): void } | null {
  const absolute = path.resolve(file);
  if (fs.existsSync(absolute)) return null;
  let topFolder: string | null = null; // the outermost folder openReplica would create
  for (let dir = path.dirname(absolute); !fs.existsSync(dir); dir = path.dirname(dir)) topFolder = dir;
  return {
    remove() {
      // Never in the way of the error being reported: what cannot be removed was not created.
      const remove = (target: string, recursive = false) => {
        try {
          fs.rmSync(target, { force: true, recursive });
        } catch {
          // (under a file, or in a folder it cannot write)
        }
      };
      for (const suffix of ['', '-wal', '-shm', '-journal']) remove(`${absolute}${suffix}`);
      if (topFolder) remove(topFolder, true);
    },
  };
}

const HOURS_COMMANDS = ['start', 'switch', 'stop', 'discard', 'add', 'edit', 'delete', 'list'];

function checkHoursCommand(sub: string | undefined): void {
  if (!sub || !HOURS_COMMANDS.includes(sub)) {
    throw new UsageError(`Unknown hours command “${sub ?? ''}”: use ${HOURS_COMMANDS.slice(0, -1).join(', ')} or list.`, true);
  }
}

async function seed(args: CliArgs, env: NodeJS.ProcessEnv, out: Output): Promise<void> {
  if (!args.demo) throw new UsageError('seed needs --demo (the only dataset there is).');
  const scale = args.scale ?? 1;
  if (scale < 1 || scale > 100) throw new UsageError(`--scale ${scale}: give a whole number from 1 to 100 (1 ≈ a small consultancy).`);
  const dataDir = defaultDataDir(env);
  const file = args.db ?? path.join(dataDir, activeKind(dataDir) === 'demo' ? 'demo.sqlite' : 'workspace.sqlite');
  const created = newFiles(file);
  const started = performance.now();
  let ok = false;
  let db;
  try {
    db = openReplica(file);
    const counts = seedDemo(new Replica(db), { scale, anchor: args.anchor });
    const seconds = (performance.now() - started) / 1000;
    out.print({ file, scale, seconds, counts }, () =>
      [
        `Seeded the demo workspace (scale ${scale}) into ${file} in ${seconds.toFixed(1)} s:`,
        ...Object.entries(counts).map(([t, n]) => `  ${t.padEnd(14)} ${n.toLocaleString('en-AU')}`),
      ].join('\n'),
    );
    ok = true;
  } finally {
    db?.close();
    if (!ok) created?.remove();
  }
}

async function sync(core: Core, out: Output): Promise<void> {
  const status = await core.call('sync.now');
  const r = status.lastResult!;
  out.print(status, () =>
    [
      `Synced with ${status.central} in ${r.ms} ms: pushed ${r.pushed}, rejected ${r.rejected}, pulled ${r.pulled}, deleted ${r.deleted}.`,
      ...(status.rejected > 0 ? [`${status.rejected} rejected change(s) wait for you: see \`ops status\` or the Sync screen.`] : []),
      ...[status.notice, describeClockSkew(status.clockSkewMs)].filter((line): line is string => !!line),
    ].join('\n'),
  );
}

async function status(core: Core, out: Output, zone: string): Promise<void> {
  const s = await core.call('status.get');
  const info = await core.call('workspace.info');
  const syncStatus = await core.call('sync.status');
  const rejections = await core.call('sync.rejections');
  out.print({ ...s, consultant: info.consultant, sync: syncStatus, rejections }, () =>
    [
      `Replica      ${s.path} (${s.workspace} workspace, schema ${s.schemaVersion})`,
      `Consultant   ${info.consultant ? `${info.consultant.name} <${info.consultant.email}>` : 'not chosen (use --as EMAIL)'}`,
      `Rows         ${Object.entries(s.rows)
        .map(([t, n]) => `${t} ${n.toLocaleString('en-AU')}`)
        .join(', ')}`,
      `Outbox       ${s.outboxPending.toLocaleString('en-AU')} pending, ${s.outboxRejected} rejected`,
      `Central      ${syncStatus.central ?? 'not set (use --central URL)'}`,
      `Last sync    ${s.lastSyncAt ? formatInstant(s.lastSyncAt, zone) : 'never'}${s.lastSyncError ? ` (last error: ${s.lastSyncError})` : ''}`,
      ...(describeClockSkew(syncStatus.clockSkewMs) ? [`Clock        ${describeClockSkew(syncStatus.clockSkewMs)}`] : []),
      ...(syncStatus.notice ? [`Notice       ${syncStatus.notice}`] : []),
      ...rejections.map((r) => `  rejected #${r.mutationId}: ${r.summary} — ${r.reason}`),
      `Timer        ${s.timer ? `running on ${s.timer.projectName} since ${formatInstant(s.timer.startedAt, zone)}` : 'not running'}`,
      `Time zone    ${zone}`,
    ].join('\n'),
  );
}

async function hours(core: Core, sub: string | undefined, args: ZonedArgs, out: Output): Promise<void> {
  switch (sub) {
    case 'start': {
      const project = await projectId(core, args);
      const running = await core.call('timer.get');
      if (running) {
        throw new OpsError(
          'conflict',
          `A timer is already running on “${running.projectName}” since ${formatInstant(running.startedAt, args.tz)}. ` +
            `Stop it first (ops hours stop), or record its hours and move to the new project in one step with ops hours switch --project P.`,
        );
      }
      const timer = await core.call('timer.start', { projectId: project, note: args.note ?? '' });
      return out.print(
        timer,
        () => `Timer started on ${timer.projectName} (${timer.clientName}) at ${formatInstant(timer.startedAt, args.tz)}.`,
      );
    }
    case 'switch': {
      const project = await projectId(core, args);
      const running = await core.call('timer.get');
      if (!running) {
        throw new OpsError(
          'conflict',
          'No timer is running, so there is nothing to switch from: start one with ops hours start --project P.',
        );
      }
      const { stopped, timer } = await core.call('timer.switch', { projectId: project, note: args.note ?? '' });
      return out.print({ stopped, timer }, () =>
        [
          `Timer stopped: ${formatMinutes(stopped.minutes)} on ${stopped.projectName} recorded.`,
          `Timer started on ${timer.projectName} (${timer.clientName}) at ${formatInstant(timer.startedAt, args.tz)}.`,
        ].join('\n'),
      );
    }
    case 'stop': {
      const entry = await core
        .call('timer.stop', args.end === undefined ? undefined : { endedAt: endInstant(args.end, args.tz) })
        .catch((error: unknown) => {
          // The core's refusal names the end time; here that is --end, with a day when it was not today.
          if (error instanceof OpsError && error.field === 'endedAt' && /over 24 hours/.test(error.message))
            throw new OpsError(error.code, `${error.message} Give it as --end "YYYY-MM-DD HH:MM" (local time in ${args.tz}).`, error.field);
          throw error;
        });
      return out.print(entry, () => `Timer stopped: ${formatMinutes(entry.minutes)} on ${entry.projectName} recorded.`);
    }
    case 'discard': {
      const timer = await core.call('timer.discard');
      if (!timer) throw new OpsError('conflict', 'No timer is running, so there is nothing to discard.');
      const ran = formatMinutes(Math.max(0, Math.round((Date.now() - Date.parse(timer.startedAt)) / 60_000)));
      return out.print(
        timer,
        () =>
          `Discarded the timer on ${timer.projectName} (${timer.clientName}), running since ${formatInstant(timer.startedAt, args.tz)} (${ran})` +
          `${timer.note ? ` · ${timer.note}` : ''}. No hours were recorded.`,
      );
    }
    case 'add': {
      if (args.minutes === undefined) throw new UsageError('hours add needs --minutes N.');
      const entry = await core.call('entries.create', {
        projectId: await projectId(core, args),
        startedAt: localInstant(args.date ?? today(args.tz), args.start ?? '09:00', args.tz),
        minutes: args.minutes,
        billable: args.billable,
        note: args.note ?? '',
      });
      return out.print(
        entry,
        () =>
          `Added ${formatMinutes(entry.minutes)} on ${entry.projectName} (${entry.billable ? formatCents(entry.amountCents) : 'not billable'}).`,
      );
    }
    case 'edit': {
      const id = entryId(args, 'edit');
      const input: Input<'entries.update'> = { id };
      if (args.project !== undefined) input.projectId = await projectId(core, args);
      if (args.minutes !== undefined) input.minutes = args.minutes;
      if (args.date !== undefined || args.start !== undefined) {
        // A new day keeps the entry's local start time, and a new start time keeps its local day.
        const { startedAt } = await core.call('entries.get', { id });
        input.startedAt = localInstant(args.date ?? localDay(startedAt, args.tz), args.start ?? localTime(startedAt, args.tz), args.tz);
      }
      if (args.note !== undefined) input.note = args.note;
      if (args.billable !== undefined) input.billable = args.billable;
      if (Object.keys(input).length === 1) {
        throw new UsageError(
          'hours edit needs something to change: --project, --minutes, --date, --start, --note, --billable or --no-billable.',
        );
      }
      const entry = await core.call('entries.update', input);
      return out.print(entry, () => `Updated: ${entrySummary(entry, args.tz)}.`);
    }
    case 'delete': {
      const id = entryId(args, 'delete');
      const entry = await core.call('entries.get', { id });
      await core.call('entries.delete', { id });
      return out.print(entry, () => `Deleted: ${entrySummary(entry, args.tz)}.`);
    }
    case 'list': {
      const from = args.from ?? weekStart(today(args.tz));
      const to = args.to ?? addDays(from, 6);
      if (from > to) {
        throw new UsageError(
          `--to ${to} is before ${args.from ? `--from ${from}` : `this week's first day, ${from}`}: give --from too, or a later --to.`,
        );
      }
      const entries = await core.call('entries.list', { from, to, timeZone: args.tz });
      return out.print(entries, () => entryTable(entries, args.tz));
    }
    default:
      return checkHoursCommand(sub);
  }
}

/** A project given by id or exact name, checked by the core like any other input. */
async function projectId(core: Core, args: ZonedArgs): Promise<string> {
  if (!args.project) throw new UsageError('Give the project with --project (its id or exact name).');
  const projects = await core.call('projects.list', { includeArchived: true });
  const match = projects.find((p) => p.id === args.project || p.name === args.project);
  if (!match) throw new OpsError('not_found', `No project is called “${args.project}”. List them in the app, or use the project id.`);
  return match.id;
}

/** A date and wall-clock time in the `--tz` zone → a UTC instant. */
function localInstant(date: string, time: string, timeZone: string): string {
  const at = zonedInstant(date, time, timeZone);
  if (!at) throw new UsageError(`Give --date as YYYY-MM-DD and --start as HH:MM (local time in ${timeZone}; --tz to change).`);
  return at;
}

/**
 * `--end`: HH:MM today, or a day and time (`2026-11-20 17:30`, `2026-11-20T17:30`) in the `--tz`
 * zone, or a full instant with its offset (the core checks its form).
 */
function endInstant(end: string, timeZone: string): string {
  const local = /^(\d{4}-\d{2}-\d{2})[T ](\d{1,2}:\d{2})$/.exec(end);
  const at = /^\d{1,2}:\d{2}$/.test(end)
    ? zonedInstant(today(timeZone), end.padStart(5, '0'), timeZone)
    : local
      ? zonedInstant(local[1]!, local[2]!.padStart(5, '0'), timeZone)
      : /^\d{4}-\d{2}-\d{2}T/.test(end)
        ? end
        : null;
  if (!at) {
    throw new UsageError(
      `Give --end as HH:MM (today), or a day and time such as "2026-11-20 17:30" (local time in ${timeZone}; --tz to change).`,
    );
  }
  return at;
}

function entryId(args: ZonedArgs, sub: string): string {
  const id = args.command[2];
  if (!id) throw new UsageError(`hours ${sub} needs the entry's id: ops hours ${sub} ID (ids are listed by \`ops hours list\`).`);
  return id;
}

function entrySummary(e: TimeEntry, timeZone: string): string {
  const start = new Date(e.startedAt).toLocaleString('en-AU', { dateStyle: 'short', timeStyle: 'short', timeZone });
  return `${formatMinutes(e.minutes)} on ${e.projectName} from ${start} (${e.billable ? formatCents(e.amountCents) : 'not billable'})${e.note ? ` · ${e.note}` : ''}`;
}

function entryTable(entries: TimeEntry[], timeZone: string): string {
  if (entries.length === 0) return 'No entries in this period.';
  const lines = entries.map((e) =>
    [
      `${e.id}  `,
      new Date(e.startedAt).toLocaleString('en-AU', { dateStyle: 'short', timeStyle: 'short', timeZone }).padEnd(20),
      formatMinutes(e.minutes).padStart(6),
      formatMinutes(e.roundedMinutes).padStart(6),
      (e.billable ? formatCents(e.amountCents) : '—').padStart(11),
      `  ${e.projectName}`,
      e.note ? ` · ${e.note}` : '',
      e.locked ? ' (invoiced)' : '',
    ].join(''),
  );
  const total = entries.reduce((sum, e) => sum + e.minutes, 0);
  return [
    `${'Id'.padEnd(38)}${'Start'.padEnd(20)}${'Raw'.padStart(6)}${'Rnd'.padStart(6)}${'Amount'.padStart(11)}  Project`,
    ...lines,
    `${entries.length} entries, ${formatMinutes(total)} raw`,
  ].join('\n');
}
