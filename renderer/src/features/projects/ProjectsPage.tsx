// The projects dashboard: tiles with the period before, utilization against the 80 % target,
// billable hours per consultant and week, budget burn, the timeline of open projects, projects by
// tier and status, and velocity. Every figure comes from the core's SQL; a click on one opens the
// rows behind it. The range (local days of the workspace) lives in the URL.
import { Link, useNavigate, useSearch } from '@tanstack/react-router';
import { useState } from 'react';
import { Bar, BarChart, CartesianGrid, ReferenceLine, ResponsiveContainer, Tooltip, XAxis, YAxis } from 'recharts';
import { PROJECT_STATUSES, PROJECT_STATUS_LABELS, PROJECT_TIERS, TIER_LABELS } from '../../../../shared/domain';
import type { ConsultantPeriod, ProjectBurn, ProjectsDashboard } from '../../../../shared/features/projects/types';
import { quickRange } from '../../../../shared/ranges';
import { useApi } from '../../api/hooks';
import { useDisplay } from '../../app/display';
import { DataTable, PAGE_ROWS } from '../../ui/DataTable';
import { formatChange, formatHours, formatShare } from '../../ui/figures';
import { Money } from '../../ui/Money';
import { Name, useNames } from '../../ui/Name';
import { PrintButton } from '../../ui/PrintButton';
import { RangeBar } from '../../ui/RangeBar';
import { resolveRange } from '../../ui/range-search';
import { AXIS_TICK, monthLabel, nameLines, percentTicks, TOOLTIP_STYLE } from '../../ui/chart';
import { Tile } from '../../ui/Tile';
import { ProjectsDrillDown, type ProjectsDrill } from './drill';
import { Timeline } from './Timeline';
import { WeekGrid } from './WeekGrid';
import { Scrubbed } from '../../ui/presentation/Private';

export function ProjectsPage() {
  const search = useSearch({ from: '/projects' });
  const navigate = useNavigate({ from: '/projects' });
  const display = useDisplay();
  const { from, to } = resolveRange(search, quickRange('quarter', display.today()));
  const dashboard = useApi('projects.dashboard', { from, to });
  const [drill, setDrill] = useState<ProjectsDrill | null>(null);

  return (
    <div className="page">
      <div className="row toolbar">
        <RangeBar range={{ from, to }} onChange={(range) => void navigate({ search: range })} />
        <PrintButton />
      </div>
      {dashboard.data ? <Figures data={dashboard.data} onDrill={setDrill} /> : <div className="empty">Loading the projects dashboard…</div>}
      <ProjectsDrillDown drill={drill} onClose={() => setDrill(null)} />
    </div>
  );
}

function Figures({ data, onDrill }: { data: ProjectsDashboard; onDrill: (drill: ProjectsDrill) => void }) {
  const display = useDisplay();
  const names = useNames();
  const { range, utilization: u, velocity: v } = data;
  const filters: [string, string][] = [
    ['From', range.from],
    ['To', range.to],
    ['Time zone', range.timeZone],
  ];
  const fileParts = (table: string) => ['projects', table, range.from, 'to', range.to];
  const open = data.tiers.filter((t) => t.status === 'active' || t.status === 'on_hold').reduce((n, t) => n + t.count, 0);
  const overdue = data.timeline.filter((p) => p.overdue).length;
  const flagged = data.burn.filter((p) => p.flagged).length;
  const previousLabel = `${display.dayShort(data.previousRange.from)} – ${display.dayShort(data.previousRange.to)}`;
  const chart = u.consultants
    .filter((c) => c.utilization !== null)
    .map((c) => ({ consultant: c, name: names('consultant', c.name), utilization: Math.round((c.utilization ?? 0) * 1000) / 10 }));
  const ticks = percentTicks(Math.max(0, ...chart.map((c) => c.utilization)));
  /** The entries behind a consultant's billable hours in the range: the chart's bar and the table's cell open the same. */
  const drillBillable = (c: ConsultantPeriod) =>
    onDrill({
      title: `${names('consultant', c.name)}: billable hours`,
      figure: `${formatHours(c.billableMinutes)} billable from ${display.dayMedium(range.from)} to ${display.dayMedium(range.to)} (${formatShare(c.utilization)} of capacity)`,
      input: { figure: 'billableHours', consultantId: c.consultantId, from: range.from, to: range.to },
    });

  return (
    <>
      <div className="tiles tiles-6">
        <Tile
          label="Open projects"
          value={open}
          compare="active and on hold"
          onClick={() =>
            onDrill({ title: 'Active projects', figure: `${open} open projects`, input: { figure: 'tierStatus', status: 'active' } })
          }
        />
        <Tile
          label="Team utilization"
          value={formatShare(u.team.utilization)}
          compare={`target ${formatShare(u.target, 0)} · ${formatChange(u.team.utilization, u.team.previous.utilization, 'points') ?? 'no earlier figure'}`}
          tone={u.team.utilization === null ? 'neutral' : u.team.utilization >= u.target ? 'positive' : 'negative'}
          testId="tile-utilization"
        />
        <Tile
          label="Billable hours"
          value={formatHours(u.team.billableMinutes)}
          compare={`${formatHours(u.team.previous.billableMinutes)} before`}
        />
        <Tile
          label="Budgets past 80 %"
          value={flagged}
          compare={`of ${data.burn.length} open projects`}
          tone={flagged > 0 ? 'negative' : 'neutral'}
        />
        <Tile
          label="Overdue"
          value={overdue}
          tone={overdue > 0 ? 'negative' : 'neutral'}
          onClick={() =>
            onDrill({ title: 'Overdue projects', figure: `${overdue} open projects past their due day`, input: { figure: 'overdue' } })
          }
          testId="tile-overdue"
        />
        <Tile
          label="Completed"
          value={v.completed}
          compare={`${v.previous.completed} in ${previousLabel} · on time ${formatShare(v.onTimeShare, 0)}`}
          onClick={() =>
            onDrill({
              title: 'Completed projects',
              figure: `${v.completed} completed from ${range.from} to ${range.to}`,
              input: { figure: 'completed', from: range.from, to: range.to },
            })
          }
          testId="tile-completed"
        />
      </div>

      {data.missing.length > 0 && (
        <details className="notice notice-warning" data-testid="missing-inputs">
          <summary>
            {data.missing.length} {data.missing.length === 1 ? 'figure lacks' : 'figures lack'} an input and{' '}
            {data.missing.length === 1 ? 'is' : 'are'} left out
          </summary>
          <ul>
            {data.missing.map((m) => (
              <li key={`${m.kind}-${m.id}`}>
                <Scrubbed text={m.message} />
              </li>
            ))}
          </ul>
        </details>
      )}

      <section className="card" aria-labelledby="utilization-chart">
        <div className="card-head">
          <h2 id="utilization-chart">Utilization by consultant</h2>
          <span className="muted">
            billable hours ÷ capacity (part-time capacity counted), the line is the {formatShare(u.target, 0)} target
          </span>
        </div>
        <div
          className="card-body chart"
          role="img"
          aria-label={`Utilization by consultant against the ${formatShare(u.target, 0)} target; the Consultants table below has the figures, and each consultant's billable hours open the entries behind them.`}
        >
          <ResponsiveContainer width="100%" height={240}>
            {/* The right margin holds the target line's label, the bottom two lines of names. */}
            <BarChart data={chart} margin={{ top: 12, right: 84, bottom: 4, left: 4 }}>
              <CartesianGrid strokeDasharray="3 3" stroke="var(--border)" vertical={false} />
              <XAxis dataKey="name" interval={0} height={40} tick={<NameTick />} />
              <YAxis
                tick={AXIS_TICK}
                width={52}
                ticks={ticks}
                domain={[0, ticks[ticks.length - 1]!]}
                tickFormatter={(v: number) => `${v} %`}
              />
              <Tooltip
                contentStyle={TOOLTIP_STYLE}
                cursor={{ fill: 'var(--accent-soft)' }}
                formatter={(value) => [`${String(value)} %`, 'Utilization']}
              />
              <ReferenceLine
                y={u.target * 100}
                stroke="var(--warning)"
                strokeDasharray="6 3"
                label={{ value: `${formatShare(u.target, 0)} target`, fill: 'var(--warning)', fontSize: 12, position: 'right' }}
              />
              <Bar
                dataKey="utilization"
                fill="var(--accent)"
                isAnimationActive={false}
                cursor="pointer"
                onClick={(bar) => {
                  const entry = bar.payload as (typeof chart)[number] | undefined;
                  if (entry && entry.consultant.billableMinutes > 0) drillBillable(entry.consultant);
                }}
              />
            </BarChart>
          </ResponsiveContainer>
        </div>
      </section>

      <DataTable<ConsultantPeriod>
        pageSize={PAGE_ROWS}
        title="Consultants"
        note={`compared with ${previousLabel}`}
        rows={u.consultants}
        rowKey={(c) => c.consultantId}
        filters={filters}
        fileParts={fileParts('consultants')}
        testId="consultants-table"
        initialSort={[{ id: 'utilization', desc: true }]}
        columns={[
          { id: 'name', header: 'Consultant', value: (c) => c.name, cell: (c) => <Name kind="consultant" name={c.name} /> },
          {
            id: 'capacity',
            header: 'Capacity / week',
            value: (c) => c.weeklyCapacityHours,
            csvHeader: 'Capacity (h/week)',
            cell: (c) => `${c.weeklyCapacityHours} h`,
            align: 'right',
          },
          {
            id: 'billable',
            header: 'Billable',
            value: (c) => c.billableMinutes,
            csvHeader: 'Billable (minutes)',
            cell: (c) => formatHours(c.billableMinutes),
            align: 'right',
            onDrill: drillBillable,
            drillLabel: (c) => `Entries behind ${names('consultant', c.name)}'s ${formatHours(c.billableMinutes)} billable`,
          },
          {
            id: 'utilization',
            header: 'Utilization',
            value: (c) => c.utilization,
            cell: (c) => formatShare(c.utilization),
            align: 'right',
          },
          {
            id: 'previous',
            header: 'Before',
            value: (c) => c.previous.utilization,
            cell: (c) => formatShare(c.previous.utilization),
            align: 'right',
          },
          { id: 'change', header: 'Change', value: (c) => formatChange(c.utilization, c.previous.utilization, 'points'), align: 'right' },
        ]}
      />

      <WeekGrid utilization={u} filters={filters} fileParts={fileParts('billable-hours-per-week')} onDrill={onDrill} range={range} />

      <DataTable<ProjectBurn>
        pageSize={PAGE_ROWS}
        title="Budget burn"
        note="value of all billable hours (billed + unbilled) against the budget; a fixed-price project's hours against its price, its billed = milestones invoiced; past 80 % flagged"
        rows={data.burn}
        rowKey={(p) => p.projectId}
        filters={filters}
        fileParts={fileParts('budget-burn')}
        testId="burn-table"
        initialSort={[{ id: 'burn', desc: true }]}
        columns={[
          {
            id: 'project',
            header: 'Project',
            value: (p) => p.name,
            cell: (p) => (
              <Link to="/projects/$projectId" params={{ projectId: p.projectId }}>
                <Name kind="project" name={p.name} />
              </Link>
            ),
          },
          { id: 'client', header: 'Client', value: (p) => p.clientName, cell: (p) => <Name kind="client" name={p.clientName} /> },
          { id: 'tier', header: 'Tier', value: (p) => TIER_LABELS[p.tier] },
          { id: 'pricing', header: 'Pricing', value: (p) => (p.pricing === 'fixed' ? 'Fixed price' : 'Hourly') },
          {
            id: 'hours',
            header: 'Billable',
            value: (p) => p.billableMinutes,
            csvHeader: 'Billable (minutes)',
            cell: (p) => formatHours(p.billableMinutes),
            align: 'right',
          },
          {
            id: 'value',
            header: 'Value',
            value: (p) => p.valueCents,
            csvHeader: 'Value (cents)',
            cell: (p) => <Money cents={p.valueCents} style="whole" />,
            align: 'right',
            onDrill: (p) =>
              onDrill({
                title: `${names('project', p.name)}: billable entries`,
                figure: `Value of all billable hours`,
                input: { figure: 'burn', projectId: p.projectId },
              }),
            drillLabel: (p) => `Entries behind ${names('project', p.name)}'s value`,
          },
          {
            id: 'billed',
            header: 'Billed',
            value: (p) => p.billedCents,
            csvHeader: 'Billed (cents)',
            cell: (p) => (
              <span title={p.pricing === 'fixed' ? 'Milestones invoiced (not void), ex GST' : 'Value of hours on invoices (not void)'}>
                <Money cents={p.billedCents} style="whole" />
                {p.pricing === 'fixed' ? <span className="muted"> milestones</span> : null}
              </span>
            ),
            align: 'right',
          },
          {
            id: 'budget',
            header: 'Budget',
            value: (p) => p.budgetCents,
            csvHeader: 'Budget (cents)',
            cell: (p) => <Money cents={p.budgetCents} style="whole" missing="no budget" />,
            align: 'right',
          },
          {
            id: 'burn',
            header: 'Burn',
            value: (p) => p.burn,
            csvHeader: 'Burn (share)',
            cell: (p) => <BurnBar burn={p.burn} flagged={p.flagged} />,
            align: 'right',
          },
        ]}
      />

      <Timeline
        timeline={data.timeline}
        today={data.today}
        onDrillOverdue={() =>
          onDrill({ title: 'Overdue projects', figure: 'Open projects past their due day', input: { figure: 'overdue' } })
        }
      />

      <div className="two-columns">
        <section className="card" aria-labelledby="tier-status">
          <div className="card-head">
            <h2 id="tier-status">Projects by tier and status</h2>
            <span className="muted">now</span>
          </div>
          <div className="table-scroll">
            <table className="table" aria-labelledby="tier-status">
              <thead>
                <tr>
                  <th>Tier</th>
                  {PROJECT_STATUSES.map((s) => (
                    <th key={s} className="right">
                      {PROJECT_STATUS_LABELS[s]}
                    </th>
                  ))}
                </tr>
              </thead>
              <tbody>
                {PROJECT_TIERS.map((tier) => (
                  <tr key={tier}>
                    <th scope="row">{TIER_LABELS[tier]}</th>
                    {PROJECT_STATUSES.map((status) => {
                      const count = data.tiers.find((t) => t.tier === tier && t.status === status)?.count ?? 0;
                      return (
                        <td key={status} className="right num">
                          {count === 0 ? (
                            <span className="muted">0</span>
                          ) : (
                            <button
                              type="button"
                              className="drill"
                              aria-label={`${count} ${TIER_LABELS[tier]} projects ${PROJECT_STATUS_LABELS[status].toLowerCase()}`}
                              onClick={() =>
                                onDrill({
                                  title: `${TIER_LABELS[tier]}: ${PROJECT_STATUS_LABELS[status].toLowerCase()}`,
                                  figure: `${count} projects`,
                                  input: { figure: 'tierStatus', tier, status },
                                })
                              }
                            >
                              {count}
                            </button>
                          )}
                        </td>
                      );
                    })}
                  </tr>
                ))}
              </tbody>
            </table>
          </div>
        </section>

        <section className="card" aria-labelledby="velocity">
          <div className="card-head">
            <h2 id="velocity">Velocity</h2>
            <span className="muted" title={v.completionRule}>
              completed per month; a project is done on its last entry’s day
            </span>
          </div>
          <div className="card-body chart" role="img" aria-label={`Projects completed per month: ${v.completed} in the range.`}>
            <ResponsiveContainer width="100%" height={160}>
              <BarChart data={v.months} margin={{ top: 8, right: 8, bottom: 0, left: 0 }}>
                <CartesianGrid strokeDasharray="3 3" stroke="var(--border)" vertical={false} />
                <XAxis dataKey="month" tick={AXIS_TICK} tickFormatter={(month: string) => monthLabel(month)} />
                <YAxis allowDecimals={false} tick={AXIS_TICK} width={32} />
                <Tooltip contentStyle={TOOLTIP_STYLE} />
                <Bar
                  dataKey="completed"
                  fill="var(--positive)"
                  // A short range has few months: bars of a readable width, not slabs.
                  maxBarSize={72}
                  isAnimationActive={false}
                  cursor="pointer"
                  onClick={(bar) => {
                    const entry = bar.payload as { month?: string; completed?: number } | undefined;
                    if (entry?.month) {
                      onDrill({
                        title: `Completed in ${monthLabel(entry.month)}`,
                        figure: `${entry.completed ?? 0} projects`,
                        input: { figure: 'completed', from: range.from, to: range.to, month: entry.month },
                      });
                    }
                  }}
                />
              </BarChart>
            </ResponsiveContainer>
          </div>
          <table className="table" aria-label="Average duration by tier">
            <thead>
              <tr>
                <th>Tier</th>
                <th className="right">Average duration</th>
                <th className="right">Before</th>
              </tr>
            </thead>
            <tbody>
              {PROJECT_TIERS.map((tier) => (
                <tr key={tier}>
                  <th scope="row">{TIER_LABELS[tier]}</th>
                  <td className="right num">{days(v.averageDaysByTier[tier])}</td>
                  <td className="right num">{days(v.previous.averageDaysByTier[tier])}</td>
                </tr>
              ))}
              <tr>
                <th scope="row">On time</th>
                <td className="right num">
                  {formatShare(v.onTimeShare, 0)}{' '}
                  <span className="muted">
                    ({v.onTime} of {v.withDueDay})
                  </span>
                </td>
                <td className="right num">{formatShare(v.previous.onTimeShare, 0)}</td>
              </tr>
            </tbody>
          </table>
        </section>
      </div>
    </>
  );
}

const days = (n: number | null) => (n === null ? '—' : `${Math.round(n)} days`);

function BurnBar({ burn, flagged }: { burn: number | null; flagged: boolean }) {
  if (burn === null) return <span className="muted">—</span>;
  const width = Math.min(100, burn * 100);
  return (
    <span className={`burn ${burn > 1 ? 'burn-over' : flagged ? 'burn-flagged' : ''}`}>
      <span className="burn-track" aria-hidden>
        <span className="burn-fill" style={{ width: `${width}%` }} />
      </span>
      <span className="num">{formatShare(burn, 0)}</span>
    </span>
  );
}

/** A consultant's name under their bar, on up to two centred lines (recharts passes the position and value). */
function NameTick({ x, y, payload }: { x?: number; y?: number; payload?: { value: string } }) {
  return (
    <text x={x} y={y} textAnchor="middle" fill={AXIS_TICK.fill} fontSize={AXIS_TICK.fontSize}>
      {nameLines(payload?.value ?? '').map((line, i) => (
        <tspan key={i} x={x} dy={14}>
          {line}
        </tspan>
      ))}
    </text>
  );
}
