// Command-line parsing for `ops`: flags, their environment variables, and the usage text. Every
// flag's value is checked here, before a replica is opened, so a refused command creates nothing.
import { parseArgs } from 'node:util';
import { INVOICE_STATUSES, JOB_STATUSES } from '../../shared/domain';
import { parseDollars } from '../../shared/money';
import { isTimeZone, timeZoneMessage } from '../../shared/time';

export const USAGE = `Usage: ops <command> [flags]
  (npx ops …, or npm run --silent ops -- …: without --silent npm prints its own header on stdout)

Commands:
  seed --demo [--scale N] [--anchor YYYY-MM-DD]   fill a new replica with the demo workspace
  hours start --project P [--note T]              start the timer (P: project id or exact name)
  hours switch --project P [--note T]             stop the running timer (recording its hours) and
                                                  start one on P, as one change
  hours stop [--end TIME]                         stop the timer and record the entry, ending now or at
                                                  TIME (HH:MM today, local, or an ISO instant)
  hours discard                                   drop the running timer without recording it
  hours add --project P --minutes N [--date D] [--start HH:MM] [--note T] [--billable|--no-billable]
  hours edit ID [--project P] [--minutes N] [--date D] [--start HH:MM] [--note T] [--billable|--no-billable]
  hours delete ID                                 delete one of your entries
  hours list [--from D] [--to D]                  your entries (default: this week)
  status                                          replica, outbox, last sync, running timer
  backup [--to FILE]                              a verified copy of the replica while it is in use
                                                  (default: backups/ beside it; the newest 7 are kept)
  export --to DIR [--format csv|json]            every table of the workspace into DIR (made if missing):
                                                  one CSV per table and one JSON file (default: both);
                                                  never overwrites a file
  restore FILE [--force]                          put a backup in place of the replica (quit the app
                                                  first); it takes a new client id and sends its unsent
                                                  work again; refuses over unsynced changes without --force
  central migrate                                 create or upgrade the central PostgreSQL schema
  central add-consultant EMAIL --login ROLE [--admin]
                                                  create the login (in ops_consultant; ops_admin with
                                                  --admin) and map it to that consultant; its password
                                                  from OPS_NEW_PASSWORD, else one is made up and shown once
  central remove-consultant EMAIL | --login ROLE  unmap their logins, stop them logging in, end sessions
  central purge-tombstones --keep 90d             delete tombstones older than that (d, w, m or y);
                                                  laptops last synced before then resync fully
  central status                                  schema version, who may sync, each laptop's last sync,
                                                  refusals by reason
  sync [--progress] [--batch-size N]              push the outbox, then pull; prints the counts
  pipelines list                                  the pipelines and their parameters (--json: paramsSchema)
  pipelines trigger SLUG [--param NAME=VALUE …] [--project P] [--wait [--timeout S]]
                                                  trigger a job (values as the pipeline types them;
                                                  a list as a,b,c); --wait sends it now and follows it
                                                  until it finishes (default timeout 600 s)
  pipelines deliver                               send the triggers waiting to go out; prints each outcome
  jobs list [--status S] [--pipeline SLUG] [--from D] [--to D]   pipeline jobs, newest first
  jobs show ID                                    a job: times, parameters, result, its delivery
  jobs cancel ID                                  cancel a job not yet finished
  jobs rerun ID                                   a new job with the same pipeline and parameters
  projects list [--json]                          every project: client, tier and status
  invoices list [--status S] [--client C] [--project P] [--from D] [--to D] [--overdue]
                                                  invoices, newest issued first, with days overdue
  invoices preview --client C [--project P] --from D --to D
                                                  what an invoice would bill: lines, subtotal, GST, total
  invoices milestone --project P --amount A [--due-days N]
                                                  a draft milestone of a fixed-price project's price (A ex GST)
  invoices create --client C [--project P] --from D --to D [--due-days N]
                                                  a draft invoice of those unbilled hours (due in 14 days)
  invoices send|void INV                          send a draft (locks its hours) / void it (frees them)
  invoices pay INV [--date D]                     record the payment of a sent invoice (default today)
  invoices show INV                               an invoice with its lines and hours (INV: id or number)
  kpis [--from D --to D]                          the KPI scorecard: each figure, its target, status and
                                                  trend (default: this quarter)
  clients list [--from D --to D]                  every client: status, NPS, revenue, margin, projects,
                                                  receivables; retention (default: the last 12 months)
  leads list [--stage S] [--source S] [--tier T] [--from D] [--to D]
                                                  leads, newest first (dates: the day each was created)
  leads add --company C --tier T --value DOLLARS [--contact NAME] [--email E] [--source S]
            [--probability N] [--close D] [--stage S] [--date D]
                                                  a new lead that you own (stage: discovery)
  leads move LEAD --stage S [--date D]            move a lead (LEAD: id or exact company) to a stage

Flags:
  --db PATH      replica file (OPS_DB; default: the app's own replica)
  --as EMAIL     act as this consultant (OPS_CONSULTANT)
  --central URL  the central PostgreSQL, e.g. postgres://user:pw@host/ops (OPS_CENTRAL_URL)
  --pipeline-api URL  where triggers go, e.g. http://127.0.0.1:8790 (OPS_PIPELINE_API; default: the
                 workspace's setting). The webhook secret comes from OPS_WEBHOOK_SECRET (never a flag).
  --tz ZONE      IANA time zone of dates, times and days, e.g. Australia/Sydney
                 (OPS_TZ; default: the workspace's zone)
  --json         machine-readable output on stdout (times as UTC ISO instants); errors as JSON on stderr
  -h, --help     this help`;

export interface CliArgs {
  command: string[];
  db: string | undefined;
  as: string | undefined;
  central: string | undefined;
  /** IANA time zone given with --tz or OPS_TZ (checked here); unset: the workspace's zone. */
  tz: string | undefined;
  progress: boolean;
  batchSize: number | undefined;
  json: boolean;
  help: boolean;
  demo: boolean;
  scale: number | undefined;
  anchor: string | undefined;
  project: string | undefined;
  note: string | undefined;
  minutes: number | undefined;
  date: string | undefined;
  start: string | undefined;
  end: string | undefined;
  /** Unset unless --billable or --no-billable is given (an edit then leaves it as it is). */
  billable: boolean | undefined;
  from: string | undefined;
  to: string | undefined;
  pipelineApi: string | undefined;
  /** OPS_WEBHOOK_SECRET: only from the environment (a flag would show in `ps`). Never printed. */
  webhookSecret: string | undefined;
  param: string[];
  /** A job status (`jobs list`) or an invoice status (`invoices list`). */
  status: (typeof JOB_STATUSES)[number] | (typeof INVOICE_STATUSES)[number] | undefined;
  client: string | undefined;
  overdue: boolean;
  dueDays: number | undefined;
  /** `invoices milestone --amount 3000.00`: dollars and cents, as cents. */
  amountCents: number | undefined;
  pipeline: string | undefined;
  wait: boolean;
  /** Seconds `--wait` waits. */
  timeout: number;
  /** `central add-consultant|remove-consultant --login ROLE`. */
  login: string | undefined;
  admin: boolean;
  /** `central purge-tombstones --keep 90d`, as given (checked where it is used). */
  keep: string | undefined;
  /** `backup --to FILE` (for every other command but export --to is a day). */
  backupTo: string | undefined;
  /** `export --to DIR`. */
  exportTo: string | undefined;
  /** `export --format csv|json` (unset: both). */
  format: 'csv' | 'json' | undefined;
  force: boolean;
  /** OPS_NEW_PASSWORD: the new login's password, only from the environment. Never printed. */
  newPassword: string | undefined;
  /** Leads' flags, as given (electron/cli/sales.ts checks them before a replica is opened). */
  lead: {
    stage?: string;
    company?: string;
    contact?: string;
    email?: string;
    source?: string;
    tier?: string;
    value?: string;
    probability?: string;
    close?: string;
  };
}

/** Bad command-line input (exit code 2). `usage`: also print the usage text (an unknown command or flag). */
export class UsageError extends Error {
  constructor(
    message: string,
    readonly usage = false,
  ) {
    super(message);
  }
}

const OPTIONS = {
  db: { type: 'string' },
  as: { type: 'string' },
  central: { type: 'string' },
  tz: { type: 'string' },
  progress: { type: 'boolean', default: false },
  'batch-size': { type: 'string' },
  json: { type: 'boolean', default: false },
  help: { type: 'boolean', short: 'h', default: false },
  demo: { type: 'boolean', default: false },
  scale: { type: 'string' },
  anchor: { type: 'string' },
  project: { type: 'string' },
  note: { type: 'string' },
  minutes: { type: 'string' },
  date: { type: 'string' },
  start: { type: 'string' },
  end: { type: 'string' },
  billable: { type: 'boolean' },
  from: { type: 'string' },
  to: { type: 'string' },
  'pipeline-api': { type: 'string' },
  param: { type: 'string', multiple: true },
  status: { type: 'string' },
  pipeline: { type: 'string' },
  wait: { type: 'boolean', default: false },
  timeout: { type: 'string' },
  client: { type: 'string' },
  overdue: { type: 'boolean', default: false },
  'due-days': { type: 'string' },
  login: { type: 'string' },
  admin: { type: 'boolean', default: false },
  keep: { type: 'string' },
  force: { type: 'boolean', default: false },
  format: { type: 'string' },
  amount: { type: 'string' },
  // leads (electron/cli/sales.ts checks their values)
  stage: { type: 'string' },
  company: { type: 'string' },
  contact: { type: 'string' },
  email: { type: 'string' },
  source: { type: 'string' },
  tier: { type: 'string' },
  value: { type: 'string' },
  probability: { type: 'string' },
  close: { type: 'string' },
} as const;

/**
 * `--minutes -30` as `--minutes=-30`: parseArgs refuses a value that starts with a dash as
 * "ambiguous", and a negative number is a value to check (and refuse with its own message), not a flag.
 */
function joinNegativeValues(argv: string[]): string[] {
  const out: string[] = [];
  for (let i = 0; i < argv.length; i++) {
    const arg = argv[i]!;
    const next = argv[i + 1];
    const name = arg.startsWith('--') ? arg.slice(2) : '';
    const option = OPTIONS[name as keyof typeof OPTIONS] as { type: string } | undefined;
    if (option?.type === 'string' && next !== undefined && /^-\d/.test(next)) {
      out.push(`${arg}=${next}`);
      i++;
    } else out.push(arg);
  }
  return out;
}

export function parseCli(argv: string[], env: NodeJS.ProcessEnv): CliArgs {
  let parsed;
  try {
    parsed = parseArgs({ args: joinNegativeValues(argv), allowPositionals: true, allowNegative: true, options: OPTIONS });
  } catch (error) {
    throw new UsageError((error as Error).message, true);
  }
  const { values, positionals } = parsed;
  const tz = values.tz ?? (env.OPS_TZ || undefined);
  if (tz !== undefined && !isTimeZone(tz)) throw new UsageError(`--tz (or OPS_TZ): ${timeZoneMessage(tz)}`);
  const central = values.central ?? (env.OPS_CENTRAL_URL || undefined);
  if (central !== undefined) checkCentralUrl(central);
  const from = day('--from', values.from);
  // --to is a day, except for backup (a file) and export (a folder).
  const to = positionals[0] === 'backup' || positionals[0] === 'export' ? undefined : day('--to', values.to);
  const format = values.format;
  if (format !== undefined && format !== 'csv' && format !== 'json')
    throw new UsageError(`--format “${format}” is not an export format: give --format csv or --format json (or leave it out for both).`);
  if (from && to && from > to) {
    throw new UsageError(`--from ${from} is after --to ${to}: give the earlier day with --from (the range includes both days).`);
  }
  const start = values.start;
  if (start !== undefined && !/^([01]?\d|2[0-3]):[0-5]\d$/.test(start)) {
    throw new UsageError(`--start “${start}” is not a time of day: give it as HH:MM on the 24-hour clock, e.g. --start 09:30.`);
  }
  return {
    command: positionals,
    db: values.db ?? (env.OPS_DB || undefined),
    as: values.as ?? (env.OPS_CONSULTANT || undefined),
    central,
    tz,
    progress: values.progress,
    batchSize: wholeNumber('--batch-size', values['batch-size'], 'e.g. --batch-size 5000'),
    json: values.json,
    help: values.help,
    demo: values.demo,
    scale: wholeNumber('--scale', values.scale, 'e.g. --scale 10'),
    anchor: day('--anchor', values.anchor),
    project: values.project,
    note: values.note,
    minutes: wholeNumber('--minutes', values.minutes, 'of minutes, e.g. --minutes 45'),
    date: day('--date', values.date),
    start: start === undefined ? undefined : start.padStart(5, '0'),
    end: values.end,
    billable: values.billable,
    from,
    to,
    pipelineApi: pipelineApi(values['pipeline-api'] ?? (env.OPS_PIPELINE_API || undefined)),
    webhookSecret: env.OPS_WEBHOOK_SECRET || undefined,
    param: values.param ?? [],
    status: positionals[0] === 'invoices' ? invoiceStatus(values.status) : jobStatus(values.status),
    client: values.client,
    overdue: values.overdue,
    dueDays: wholeNumber('--due-days', values['due-days'], 'of days, e.g. --due-days 30'),
    amountCents: amount(values.amount),
    pipeline: values.pipeline,
    wait: values.wait,
    timeout: timeout(values.timeout),
    login: values.login,
    admin: values.admin,
    keep: values.keep,
    backupTo: positionals[0] === 'backup' ? values.to : undefined,
    exportTo: positionals[0] === 'export' ? values.to : undefined,
    format,
    force: values.force,
    newPassword: env.OPS_NEW_PASSWORD || undefined,
    lead: {
      stage: values.stage,
      company: values.company,
      contact: values.contact,
      email: values.email,
      source: values.source,
      tier: values.tier,
      value: values.value,
      probability: values.probability,
      close: day('--close', values.close),
    },
  };
}

function amount(value: string | undefined): number | undefined {
  if (value === undefined) return undefined;
  const cents = parseDollars(value);
  if (cents === null) throw new UsageError(`--amount “${value}” is not an amount: give dollars and cents ex GST, e.g. --amount 3000.00.`);
  return cents;
}

function pipelineApi(value: string | undefined): string | undefined {
  if (value === undefined) return undefined;
  let ok = false;
  try {
    ok = ['http:', 'https:'].includes(new URL(value).protocol);
  } catch {
    ok = false;
  }
  if (!ok) {
    throw new UsageError(
      `--pipeline-api (or OPS_PIPELINE_API) “${value}” is not an http(s) URL: give one such as http://127.0.0.1:8790 or https://pipelines.example.com.`,
    );
  }
  return value;
}

function jobStatus(value: string | undefined): CliArgs['status'] {
  if (value === undefined) return undefined;
  if (!(JOB_STATUSES as readonly string[]).includes(value)) {
    throw new UsageError(`--status “${value}” is not a job status: use one of ${JOB_STATUSES.join(', ')}.`);
  }
  return value as CliArgs['status'];
}

function invoiceStatus(value: string | undefined): CliArgs['status'] {
  if (value === undefined) return undefined;
  if (!(INVOICE_STATUSES as readonly string[]).includes(value)) {
    throw new UsageError(`--status “${value}” is not an invoice status: use one of ${INVOICE_STATUSES.join(', ')}.`);
  }
  return value as CliArgs['status'];
}

function timeout(value: string | undefined): number {
  const seconds = wholeNumber('--timeout', value, 'of seconds, e.g. --timeout 120') ?? 600;
  if (seconds < 1 || seconds > 86_400) throw new UsageError(`--timeout ${seconds}: give a number of seconds from 1 to 86400.`);
  return seconds;
}

/** A day that exists on the calendar as YYYY-MM-DD (not 2026-02-30, not month 13). */
export function isCalendarDay(value: string): boolean {
  const match = /^(\d{4})-(\d{2})-(\d{2})$/.exec(value);
  if (!match) return false;
  const [year, month, dayOfMonth] = match.slice(1).map(Number) as [number, number, number];
  const date = new Date(Date.UTC(year, month - 1, dayOfMonth));
  return date.getUTCFullYear() === year && date.getUTCMonth() === month - 1 && date.getUTCDate() === dayOfMonth;
}

function day(flag: string, value: string | undefined): string | undefined {
  if (value === undefined) return undefined;
  if (!isCalendarDay(value)) {
    throw new UsageError(
      /^\d{4}-\d{2}-\d{2}$/.test(value)
        ? `${flag} ${value} is not a day on the calendar: give a date that exists, as YYYY-MM-DD (e.g. 2026-11-20).`
        : `${flag} “${value}” is not a date: give it as YYYY-MM-DD (e.g. 2026-11-20).`,
    );
  }
  return value;
}

/** A whole number (negative ones too: the core says what range it takes). */
function wholeNumber(flag: string, value: string | undefined, example: string): number | undefined {
  if (value === undefined) return undefined;
  if (!/^-?\d{1,9}$/.test(value.trim())) throw new UsageError(`${flag} “${value}” is not a whole number: give one ${example}.`);
  return Number(value);
}

/** The central's address, checked as the app's settings check it, before anything tries to connect. */
function checkCentralUrl(value: string): void {
  let url: URL | null = null;
  try {
    url = new URL(value);
  } catch {
    // not a URL at all
  }
  if (!url || !/^postgres(ql)?:$/.test(url.protocol) || !url.hostname) {
    throw new UsageError(
      `--central (or OPS_CENTRAL_URL) “${value.replace(/\/\/[^@/]*@/, '//…@')}” is not a database address: ` +
        `give a URL such as postgres://user@host:5432/ops (add ?sslmode=require off your own network).`,
    );
  }
}
