// Command-line parsing for `ops`: flags, their environment variables, and the usage text.
import { parseArgs } from 'node:util';
import { isTimeZone, machineTimeZone, timeZoneMessage } from '../../shared/time';

export const USAGE = `Usage: npm run ops -- <command> [flags]

Commands:
  seed --demo [--scale N] [--anchor YYYY-MM-DD]   fill the replica with the demo workspace
  hours start --project P [--note T]              start the timer (P: project id or exact name)
  hours stop [--end TIME]                         stop the timer and record the entry, ending now or at
                                                  TIME (HH:MM today, local, or an ISO instant)
  hours discard                                   drop the running timer without recording it
  hours add --project P --minutes N [--date D] [--start HH:MM] [--note T] [--billable|--no-billable]
  hours edit ID [--project P] [--minutes N] [--date D] [--start HH:MM] [--note T] [--billable|--no-billable]
  hours delete ID                                 delete one of your entries
  hours list [--from D --to D]                    your entries (default: this week)
  status                                          replica, outbox, last sync, running timer
  central migrate                                 create or upgrade the central PostgreSQL schema
  sync [--progress] [--batch-size N]             push the outbox, then pull; prints the counts

Flags:
  --db PATH      replica file (OPS_DB; default: the app's own replica)
  --as EMAIL     act as this consultant (OPS_CONSULTANT)
  --central URL  the central PostgreSQL, e.g. postgres://user:pw@host/ops (OPS_CENTRAL_URL)
  --tz ZONE      IANA time zone of dates, times and days, e.g. Australia/Sydney (OPS_TZ; default: this machine's)
  --json         machine-readable output
  -h, --help     this help`;

export interface CliArgs {
  command: string[];
  db: string | undefined;
  as: string | undefined;
  central: string | undefined;
  /** IANA time zone for local dates and times (--tz, OPS_TZ, else the machine's); checked here. */
  tz: string;
  progress: boolean;
  'batch-size': string | undefined;
  json: boolean;
  help: boolean;
  demo: boolean;
  scale: string | undefined;
  anchor: string | undefined;
  project: string | undefined;
  note: string | undefined;
  minutes: string | undefined;
  date: string | undefined;
  start: string | undefined;
  end: string | undefined;
  /** Unset unless --billable or --no-billable is given (an edit then leaves it as it is). */
  billable: boolean | undefined;
  from: string | undefined;
  to: string | undefined;
}

export class UsageError extends Error {}

export function parseCli(argv: string[], env: NodeJS.ProcessEnv): CliArgs {
  let parsed;
  try {
    parsed = parseArgs({
      args: argv,
      allowPositionals: true,
      allowNegative: true,
      options: {
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
      },
    });
  } catch (error) {
    throw new UsageError(`${(error as Error).message}\n\n${USAGE}`);
  }
  const { values, positionals } = parsed;
  const tz = values.tz ?? (env.OPS_TZ || machineTimeZone());
  if (!isTimeZone(tz)) throw new UsageError(`--tz (or OPS_TZ): ${timeZoneMessage(tz)}`);
  return {
    ...values,
    command: positionals,
    db: values.db ?? env.OPS_DB,
    as: values.as ?? env.OPS_CONSULTANT,
    central: values.central ?? env.OPS_CENTRAL_URL,
    tz,
  } as CliArgs;
}
