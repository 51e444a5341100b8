// `ops kpis`, `ops clients list` and `ops leads list|add|move`: the scorecard, the clients and the
// sales pipeline through the same channels as the app. A lead is named by its id or its exact
// company; values are given in dollars and travel in cents.
import { OpsError } from '../../shared/contract';
import { PROJECT_TIERS, type ProjectTier } from '../../shared/domain';
import type { ClientsOverview } from '../../shared/features/clients/types';
import type { KpiTile, Scorecard } from '../../shared/features/kpis/types';
import { LEAD_SOURCES, LEAD_STAGES, type LeadSource, type LeadStage, type LeadSummary } from '../../shared/features/leads/types';
import { formatCents } from '../../shared/money';
import { monthStart, quickRange } from '../../shared/ranges';
import { today } from '../core/api';
import type { Core } from '../core/api';
import { UsageError, type CliArgs } from './args';
import type { Output } from './format';

type Args = CliArgs & { tz: string };

export const LEADS_COMMANDS = ['list', 'add', 'move'];
export const CLIENTS_COMMANDS = ['list'];

function oneOf<T extends string>(flag: string, value: string | undefined, allowed: readonly T[]): T | undefined {
  if (value === undefined) return undefined;
  if (!(allowed as readonly string[]).includes(value)) throw new UsageError(`${flag} “${value}” is not one of ${allowed.join(', ')}.`);
  return value as T;
}

/** Dollars as typed (6500, 6,500 or 6500.50) → cents. */
export function dollarsToCents(flag: string, value: string): number {
  const plain = value.trim().replace(/^\$/, '').replace(/,/g, '');
  if (!/^\d{1,9}(\.\d{1,2})?$/.test(plain))
    throw new UsageError(`${flag} “${value}” is not an amount in dollars: give one such as 6500 or 6500.50.`);
  const [whole, cents = ''] = plain.split('.');
  return Number(whole) * 100 + Number(cents.padEnd(2, '0'));
}

/** Refuses an unknown subcommand, or a flag's bad value, before a replica is opened. */
export function checkSalesCommand(command: string, sub: string | undefined, args: CliArgs): void {
  if (command === 'kpis') {
    if (sub !== undefined) throw new UsageError(`\`ops kpis\` takes no subcommand (got “${sub}”).`, true);
    return;
  }
  if (command === 'clients') {
    if (!sub || !CLIENTS_COMMANDS.includes(sub)) throw new UsageError(`Unknown clients command “${sub ?? ''}”: use list.`, true);
    return;
  }
  if (!sub || !LEADS_COMMANDS.includes(sub)) throw new UsageError(`Unknown leads command “${sub ?? ''}”: use list, add or move.`, true);
  const l = args.lead;
  oneOf('--stage', l.stage, LEAD_STAGES);
  oneOf('--source', l.source, LEAD_SOURCES);
  oneOf('--tier', l.tier, PROJECT_TIERS);
  if (l.value !== undefined) dollarsToCents('--value', l.value);
  if (l.probability !== undefined && !/^\d{1,3}$/.test(l.probability.trim()))
    throw new UsageError(`--probability “${l.probability}” is not a whole percent: give one from 0 to 100, e.g. --probability 40.`);
  if (sub === 'add') {
    const missing = [!l.company && '--company', !l.tier && '--tier', l.value === undefined && '--value'].filter(Boolean);
    if (missing.length > 0)
      throw new UsageError(
        `ops leads add needs ${missing.join(', ')} (e.g. --company "Moreton Freight" --tier pipeline_mvp --value 6500).`,
      );
  }
  if (sub === 'move') {
    if (args.command.length < 3)
      throw new UsageError(
        'ops leads move needs the lead (its id or exact company) and --stage, e.g. ops leads move "Moreton Freight" --stage proposal.',
      );
    if (!l.stage) throw new UsageError(`ops leads move needs --stage: one of ${LEAD_STAGES.join(', ')}.`);
  }
}

export async function kpis(core: Core, args: Args, out: Output): Promise<void> {
  const now = today(args.tz);
  const range = args.from && args.to ? { from: args.from, to: args.to } : quickRange('quarter', now);
  const card = await core.call('kpis.scorecard', { from: args.from ?? range.from, to: args.to ?? range.to });
  out.print(card, () => scorecardText(card));
}

function figure(t: Pick<KpiTile, 'unit'>, value: number | null): string {
  if (value === null) return '—';
  switch (t.unit) {
    case 'ratio':
      return `${(value * 100).toFixed(1)} %`;
    case 'cents':
      return formatCents(Math.round(value));
    case 'score':
      return value.toFixed(0);
    default:
      return String(value);
  }
}

const MARK = { met: '✓', missed: '✗', none: ' ' } as const;

export function scorecardText(card: Scorecard): string {
  const rows = card.tiles.map((t) => {
    const against = t.target !== null ? `target ${figure(t, t.target)}` : t.previous !== null ? `before ${figure(t, t.previous)}` : '';
    const trend = t.trend.map((p) => figure(t, p.value)).join(' ');
    const parts = t.breakdown ? ` (${t.breakdown.map((b) => `${b.tier} ${b.value}`).join(', ')})` : '';
    return `${MARK[t.status]} ${t.label.padEnd(30)}${figure(t, t.value).padStart(14)}  ${against.padEnd(24)}${parts}${trend ? `\n    by ${card.granularity}: ${trend}` : ''}${t.missing ? `\n    ${t.missing}` : ''}`;
  });
  const custom = card.custom.map(
    (m) =>
      `${MARK[m.status]} ${m.name.padEnd(30)}${(m.value === null ? '—' : `${m.value} ${m.unit}`.trim()).padStart(14)}  target ${m.target} ${m.unit} (${m.direction} is better)`,
  );
  return [
    `KPI scorecard ${card.from} – ${card.to} (${card.timeZone})`,
    ...rows,
    ...(custom.length ? ['', 'Custom metrics:', ...custom] : []),
  ].join('\n');
}

export async function clients(core: Core, args: Args, out: Output): Promise<void> {
  const now = today(args.tz);
  const from = args.from ?? monthStart(now, -11);
  const list = await core.call('clients.list', { from, to: args.to ?? now });
  out.print(list, () => clientsText(list));
}

export function clientsText(o: ClientsOverview): string {
  if (o.clients.length === 0) return 'No clients in this workspace (they come from the central database by sync).';
  const name = Math.max(6, ...o.clients.map((c) => c.name.length)) + 2;
  const pct = (x: number | null) => (x === null ? '—' : `${Math.round(x * 100)} %`);
  const nps = (x: number | null) => (x === null ? '—' : x.toFixed(0));
  const r = o.retention;
  return [
    `${'Client'.padEnd(name)}${'Status'.padEnd(10)}${'NPS'.padStart(5)}${'Satisf.'.padStart(9)}${'Revenue'.padStart(14)}${'Margin'.padStart(14)}${'Active'.padStart(8)}${'Owed'.padStart(14)}`,
    ...o.clients.map(
      (c) =>
        `${c.name.padEnd(name)}${c.status.padEnd(10)}${nps(c.feedback.nps).padStart(5)}${pct(c.feedback.satisfaction).padStart(9)}${formatCents(c.revenueCents).padStart(14)}${(c.marginCents === null ? '—' : formatCents(c.marginCents)).padStart(14)}${String(c.activeProjects).padStart(8)}${formatCents(c.receivablesCents).padStart(14)}`,
    ),
    '',
    `Feedback ${o.from} – ${o.to}: NPS ${nps(o.totals.feedback.nps)}, satisfaction ${pct(o.totals.feedback.satisfaction)} (${o.totals.feedback.responses} responses)`,
    `Retention ${r.year}: ${r.retained} of ${r.activeLastYear} clients active in ${r.year - 1} are active in ${r.year} (${pct(r.rate)})`,
    ...(o.missing ? [o.missing] : []),
  ].join('\n');
}

/** A lead by its id or its exact company (unique among leads). */
async function findLead(core: Core, ref: string): Promise<string> {
  if (/^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i.test(ref)) return ref;
  const matches = (await core.call('leads.list', { limit: 10_000 })).filter((l) => l.company === ref);
  if (matches.length === 0)
    throw new OpsError('not_found', `No lead for the company “${ref}”: check the spelling (ops leads list), or give its id.`);
  if (matches.length > 1)
    throw new OpsError('conflict', `${matches.length} leads are for “${ref}”: give the id of the one you mean (ops leads list).`);
  return matches[0]!.id;
}

export async function leads(core: Core, sub: string | undefined, args: Args, out: Output): Promise<void> {
  const l = args.lead;
  if (sub === 'list') {
    const list = await core.call('leads.list', {
      stage: l.stage as LeadStage | undefined,
      source: l.source as LeadSource | undefined,
      tier: l.tier as ProjectTier | undefined,
      from: args.from,
      to: args.to,
    });
    return out.print(list, () => leadsText(list));
  }
  if (sub === 'add') {
    const lead = await core.call('leads.add', {
      company: l.company,
      tier: l.tier,
      estimatedValueCents: dollarsToCents('--value', l.value!),
      contactName: l.contact,
      contactEmail: l.email,
      source: l.source,
      probability: l.probability === undefined ? undefined : Number(l.probability),
      expectedCloseOn: l.close ?? null,
      stage: l.stage,
      on: args.date,
    });
    return out.print(
      lead,
      () => `Added lead ${lead.id}: ${lead.company}, ${lead.stage}, ${formatCents(lead.estimatedValueCents)} at ${lead.probability} %.`,
    );
  }
  const id = await findLead(core, args.command[2]!);
  const lead = await core.call('leads.move', { id, stage: l.stage, on: args.date });
  const last = lead.events.at(-1)!;
  out.print(lead, () => `Moved ${lead.company} from ${last.fromStage} to ${last.toStage} on ${last.movedOn}.`);
}

export function leadsText(list: LeadSummary[]): string {
  if (list.length === 0) return 'No leads match.';
  const company = Math.max(7, ...list.map((l) => l.company.length)) + 2;
  const owner = Math.max(5, ...list.map((l) => l.ownerName.length)) + 2;
  return [
    `${'Created'.padEnd(12)}${'Company'.padEnd(company)}${'Stage'.padEnd(16)}${'Source'.padEnd(13)}${'Tier'.padEnd(19)}${'Value'.padStart(13)}${'Prob.'.padStart(7)}  ${'Owner'.padEnd(owner)}Id`,
    ...list.map(
      (l) =>
        `${l.createdOn.padEnd(12)}${l.company.padEnd(company)}${l.stage.padEnd(16)}${l.source.padEnd(13)}${l.tier.padEnd(19)}${formatCents(l.estimatedValueCents).padStart(13)}${`${l.probability} %`.padStart(7)}  ${l.ownerName.padEnd(owner)}${l.id}`,
    ),
  ].join('\n');
}
