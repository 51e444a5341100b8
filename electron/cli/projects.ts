// `ops projects list`: every project (open and archived) with its client, tier and status, through
// the same channel as the app's pickers.
import type { ProjectSummary } from '../../shared/domain';
import type { Core } from '../core/api';
import { UsageError } from './args';
import type { Output } from './format';

export const PROJECTS_COMMANDS = ['list'];

/** Refuses an unknown subcommand before a replica is opened. */
export function checkProjectsCommand(sub: string | undefined): void {
  if (!sub || !PROJECTS_COMMANDS.includes(sub)) throw new UsageError(`Unknown projects command “${sub ?? ''}”: use list.`, true);
}

export async function projects(core: Core, sub: string | undefined, out: Output): Promise<void> {
  if (sub === 'list') {
    const list = await core.call('projects.list', { includeArchived: true });
    return out.print(list, () => projectTable(list));
  }
}

export function projectTable(list: ProjectSummary[]): string {
  if (list.length === 0) return 'No projects in this workspace (they come from the central database by sync).';
  const width = (f: (p: ProjectSummary) => string, min: number) => Math.max(min, ...list.map((p) => f(p).length)) + 2;
  const name = width((p) => p.name, 7);
  const client = width((p) => p.clientName, 6);
  return [
    `${'Project'.padEnd(name)}${'Client'.padEnd(client)}${'Tier'.padEnd(19)}Status`,
    ...list.map((p) => `${p.name.padEnd(name)}${p.clientName.padEnd(client)}${p.tier.padEnd(19)}${p.status}`),
  ].join('\n');
}
