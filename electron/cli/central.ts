// `ops central …`: the central database's schema and administration, as its owner.
import { type OpsError } from '../../shared/contract';
import { addConsultant, centralStatus, parseKeep, purgeTombstones, removeConsultant } from '../core/central/admin';
import { connectCentral, describeUrl, type Central } from '../core/central/connection';
import { migrateCentral } from '../core/central/migrate';
import { UsageError, type CliArgs } from './args';
import type { Output } from './format';

const SUBCOMMANDS = 'central migrate, add-consultant, remove-consultant, purge-tombstones or status';

export async function central(sub: string | undefined, args: CliArgs, out: Output): Promise<void> {
  const run = COMMANDS[sub ?? ''];
  if (!run) throw new UsageError(`Unknown central command “${sub ?? ''}”: use ${SUBCOMMANDS}.`, true);
  if (!args.central) throw new UsageError(`central ${sub} needs the database: --central URL (or OPS_CENTRAL_URL), as its owner.`);
  const client = await connectCentral(args.central);
  try {
    await run(client, args, out);
  } finally {
    await client.end();
  }
}

const COMMANDS: Record<string, (client: Central, args: CliArgs, out: Output) => Promise<void>> = {
  async migrate(client, args, out) {
    const result = await migrateCentral(client);
    out.print(result, () =>
      result.applied.length === 0
        ? `The central schema at ${describeUrl(args.central!)} is up to date (version ${result.to}).`
        : `Migrated ${describeUrl(args.central!)} from version ${result.from} to ${result.to}: ${result.applied.join(', ')}.`,
    );
  },

  async 'add-consultant'(client, args, out) {
    const email = args.command[2];
    if (!email || !args.login) throw new UsageError('Usage: ops central add-consultant EMAIL --login ROLE [--admin]');
    const added = await addConsultant(client, { email, login: args.login, password: args.newPassword, admin: args.admin });
    out.print(added, () =>
      [
        `${added.createdLogin ? 'Created the login' : 'The login'} ${added.login} ${added.createdLogin ? 'and mapped it' : 'is now mapped'} to ${added.email}${added.admin ? ', an admin' : ''}.`,
        added.generatedPassword
          ? `Its password (shown this once; give it to them over a safe channel): ${added.generatedPassword}`
          : added.createdLogin
            ? 'Its password is the one in OPS_NEW_PASSWORD.'
            : args.newPassword
              ? 'Its password is now the one in OPS_NEW_PASSWORD.'
              : 'Its password is unchanged.',
      ].join('\n'),
    );
  },

  async 'remove-consultant'(client, args, out) {
    const email = args.command[2];
    if (!email && !args.login) throw new UsageError('Usage: ops central remove-consultant EMAIL | --login ROLE');
    const removed = await removeConsultant(client, { email, login: args.login });
    out.print(
      removed,
      () => `Removed ${removed.logins.join(', ')}: no longer mapped, cannot log in, open sessions ended. Their data stays.`,
    );
  },

  async 'purge-tombstones'(client, args, out) {
    if (!args.keep) throw new UsageError('Usage: ops central purge-tombstones --keep 90d (days, weeks, months or years)');
    let days: number;
    try {
      days = parseKeep(args.keep);
    } catch (error) {
      throw new UsageError((error as OpsError).message);
    }
    const result = await purgeTombstones(client, days);
    out.print(result, () =>
      result.purged === 0
        ? `No tombstone is older than ${days} days: nothing purged.`
        : `Purged ${result.purged} tombstone${result.purged === 1 ? '' : 's'} older than ${days} days. A laptop last synced before then resyncs fully on its next sync.`,
    );
  },

  async status(client, args, out) {
    const status = await centralStatus(client);
    out.print(status, () => {
      const lines = [
        `Central      ${describeUrl(args.central!)}, schema version ${status.version}`,
        `Tombstones   ${status.tombstones}${status.oldestTombstone ? `, the oldest from ${status.oldestTombstone.slice(0, 10)}` : ''}`,
        `Logins       ${status.consultants.length === 0 ? 'none mapped yet: ops central add-consultant EMAIL --login ROLE' : ''}`,
        ...status.consultants.map(
          (c) => `  ${c.login}  ${c.name} <${c.email}>${c.admin ? '  admin' : ''}${c.canLogIn ? '' : '  (cannot log in)'}`,
        ),
        `Laptops      ${status.clients.length === 0 ? 'none has synced yet' : ''}`,
        ...status.clients.map((c) => `  ${c.clientId}  ${c.login}  last push ${c.lastSyncAt}, mutation ${c.lastMutation}`),
        `Refused      ${status.rejections.length === 0 ? 'nothing' : ''}`,
        ...status.rejections.map((r) => `  ${r.count} × ${r.reason} (last ${r.lastAt})`),
      ];
      return lines.join('\n');
    });
  },
};
