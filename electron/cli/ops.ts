// `ops`: the command-line front end over the same core and contract as the app.
import path from 'node:path';
import { OpsError } from '../../shared/contract';
import type { TimeEntry } from '../../shared/domain';
import { formatCents } from '../../shared/money';
import { addDays, formatMinutes, localUtcOffsetMinutes, weekStart } from '../../shared/time';
import { Core, today } from '../core/api';
import { connectCentral, describeUrl } from '../core/central/connection';
import { migrateCentral } from '../core/central/migrate';
import type { SyncProgress } from '../../shared/domain';
import { openReplica } from '../core/db/open';
import { seedDemo } from '../core/demo/seed';
import { Replica } from '../core/sync/replica';
import { defaultDataDir } from '../core/workspace/paths';
import { activeKind } from '../core/workspace/workspaces';
import { parseCli, UsageError, USAGE, type CliArgs } from './args';

interface Output {
  json: boolean;
  print(value: unknown, human: () => string): void;
}

export async function main(argv: string[], env: NodeJS.ProcessEnv = process.env): Promise<number> {
  let args: CliArgs;
  try {
    args = parseCli(argv, env);
  } catch (error) {
    process.stderr.write(`${(error as Error).message}\n`);
    return 2;
  }
  const out: Output = {
    json: args.json,
    print: (value, human) => process.stdout.write(`${args.json ? JSON.stringify(value, null, 2) : human()}\n`),
  };
  if (args.help || args.command.length === 0) {
    process.stdout.write(`${USAGE}\n`);
    return args.help ? 0 : 2;
  }
  try {
    await run(args, env, out);
    return 0;
  } catch (error) {
    if (error instanceof UsageError) {
      process.stderr.write(`${error.message}\n\n${USAGE}\n`);
      return 2;
    }
    const message = error instanceof Error ? error.message : String(error);
    process.stderr.write(
      args.json ? `${JSON.stringify({ error: error instanceof OpsError ? error.toJSON() : { message } })}\n` : `ops: ${message}\n`,
    );
    return 1;
  }
}

async function run(args: CliArgs, env: NodeJS.ProcessEnv, out: Output): Promise<void> {
  const [command, sub] = args.command;
  if (command === 'seed') return seed(args, env, out);
  if (command === 'central') return central(sub, args, out);
  if (command !== 'status' && command !== 'hours' && command !== 'sync')
    throw new UsageError(`Unknown command “${args.command.join(' ')}”.`);
  const batch = args['batch-size'] ? Number(args['batch-size']) : undefined;
  const common = {
    consultantEmail: args.as,
    centralUrl: args.central,
    syncOptions: {
      batchSize: batch,
      flushRows: batch,
      pageSize: batch,
      onProgress: args.progress ? (p: SyncProgress) => process.stderr.write(`progress ${p.phase} ${p.rows}\n`) : undefined,
    },
  };
  const core = args.db ? new Core({ dbPath: args.db, ...common }) : new Core({ dataDir: defaultDataDir(env), ...common });
  try {
    if (command === 'status') return await status(core, out);
    if (command === 'sync') return await sync(core, out);
    return await hours(core, sub, args, out);
  } finally {
    await core.close();
  }
}

async function seed(args: CliArgs, env: NodeJS.ProcessEnv, out: Output): Promise<void> {
  if (!args.demo) throw new UsageError('seed needs --demo (the only dataset there is).');
  const scale = args.scale === undefined ? 1 : Number(args.scale);
  const dataDir = defaultDataDir(env);
  const file = args.db ?? path.join(dataDir, activeKind(dataDir) === 'demo' ? 'demo.sqlite' : 'workspace.sqlite');
  const started = performance.now();
  const db = openReplica(file);
  try {
    const counts = seedDemo(new Replica(db), { scale, anchor: args.anchor });
    const seconds = (performance.now() - started) / 1000;
    out.print({ file, scale, seconds, counts }, () =>
      [
        `Seeded the demo workspace (scale ${scale}) into ${file} in ${seconds.toFixed(1)} s:`,
        ...Object.entries(counts).map(([t, n]) => `  ${t.padEnd(14)} ${n.toLocaleString('en-AU')}`),
      ].join('\n'),
    );
  } finally {
    db.close();
  }
}

async function central(sub: string | undefined, args: CliArgs, out: Output): Promise<void> {
  if (sub !== 'migrate') throw new UsageError(`Unknown central command “${sub ?? ''}”: use central migrate.`);
  if (!args.central) throw new UsageError('central migrate needs the database: --central URL (or OPS_CENTRAL_URL).');
  const client = await connectCentral(args.central);
  try {
    const result = await migrateCentral(client);
    out.print(result, () =>
      result.applied.length === 0
        ? `The central schema at ${describeUrl(args.central!)} is up to date (version ${result.to}).`
        : `Migrated ${describeUrl(args.central!)} from version ${result.from} to ${result.to}: ${result.applied.join(', ')}.`,
    );
  } finally {
    await client.end();
  }
}

async function sync(core: Core, out: Output): Promise<void> {
  const status = await core.call('sync.now');
  const r = status.lastResult!;
  out.print(status, () =>
    [
      `Synced with ${status.central} in ${r.ms} ms: pushed ${r.pushed}, rejected ${r.rejected}, pulled ${r.pulled}, deleted ${r.deleted}.`,
      ...(status.rejected > 0 ? [`${status.rejected} rejected change(s) wait for you: see \`ops status\` or the Sync screen.`] : []),
    ].join('\n'),
  );
}

async function status(core: Core, out: Output): Promise<void> {
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
      `Last sync    ${s.lastSyncAt ?? 'never'}${s.lastSyncError ? ` (last error: ${s.lastSyncError})` : ''}`,
      ...rejections.map((r) => `  rejected #${r.mutationId}: ${r.summary} — ${r.reason}`),
      `Timer        ${s.timer ? `running on ${s.timer.projectName} since ${s.timer.startedAt}` : 'not running'}`,
    ].join('\n'),
  );
}

async function hours(core: Core, sub: string | undefined, args: CliArgs, out: Output): Promise<void> {
  switch (sub) {
    case 'start': {
      const timer = await core.call('timer.start', { projectId: await projectId(core, args), note: args.note ?? '' });
      return out.print(timer, () => `Timer started on ${timer.projectName} (${timer.clientName}) at ${timer.startedAt}.`);
    }
    case 'stop': {
      const entry = await core.call('timer.stop');
      return out.print(entry, () => `Timer stopped: ${formatMinutes(entry.minutes)} on ${entry.projectName} recorded.`);
    }
    case 'add': {
      if (args.minutes === undefined) throw new UsageError('hours add needs --minutes N.');
      const entry = await core.call('entries.create', {
        projectId: await projectId(core, args),
        startedAt: localInstant(args.date ?? today(), args.start ?? '09:00'),
        minutes: Number(args.minutes),
        billable: args.billable,
        note: args.note ?? '',
      });
      return out.print(
        entry,
        () =>
          `Added ${formatMinutes(entry.minutes)} on ${entry.projectName} (${entry.billable ? formatCents(entry.amountCents) : 'not billable'}).`,
      );
    }
    case 'list': {
      const from = args.from ?? weekStart(today());
      const entries = await core.call('entries.list', { from, to: args.to ?? addDays(from, 6), utcOffsetMinutes: localUtcOffsetMinutes() });
      return out.print(entries, () => entryTable(entries));
    }
    default:
      throw new UsageError(`Unknown hours command “${sub ?? ''}”: use start, stop, add or list.`);
  }
}

/** A project given by id or exact name, checked by the core like any other input. */
async function projectId(core: Core, args: CliArgs): Promise<string> {
  if (!args.project) throw new UsageError('Give the project with --project (its id or exact name).');
  const projects = await core.call('projects.list', { includeArchived: true });
  const match = projects.find((p) => p.id === args.project || p.name === args.project);
  if (!match) throw new OpsError('not_found', `No project is called “${args.project}”. List them in the app, or use the project id.`);
  return match.id;
}

function localInstant(date: string, time: string): string {
  const at = new Date(`${date}T${time}:00`);
  if (!/^\d{4}-\d{2}-\d{2}$/.test(date) || !/^\d{2}:\d{2}$/.test(time) || Number.isNaN(at.getTime())) {
    throw new UsageError('Give --date as YYYY-MM-DD and --start as HH:MM (local time).');
  }
  return at.toISOString();
}

function entryTable(entries: TimeEntry[]): string {
  if (entries.length === 0) return 'No entries in this period.';
  const lines = entries.map((e) =>
    [
      new Date(e.startedAt).toLocaleString('en-AU', { dateStyle: 'short', timeStyle: 'short' }).padEnd(20),
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
    `${'Start'.padEnd(20)}${'Raw'.padStart(6)}${'Rnd'.padStart(6)}${'Amount'.padStart(11)}  Project`,
    ...lines,
    `${entries.length} entries, ${formatMinutes(total)} raw`,
  ].join('\n');
}
