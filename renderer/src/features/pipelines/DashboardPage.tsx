// The pipelines dashboard: runs per day by status, success rate and p50/p95 duration and queue
// time per pipeline, and the latest failures — every figure computed by SQL in the core; the range
// (local days of the workspace) lives in the URL. A bar segment, a tile or a count opens the jobs
// behind it (pipelines.rows); each segment is also a button in the chart's table, for the keyboard.
import { Link, useNavigate, useSearch } from '@tanstack/react-router';
import { useState } from 'react';
import { Bar, BarChart, CartesianGrid, ResponsiveContainer, Tooltip, XAxis, YAxis } from 'recharts';
import type { JobStatus } from '../../../../shared/domain';
import type { DayRuns } from '../../../../shared/features/pipelines/types';
import { addDays, localDay } from '../../../../shared/time';
import { useApi } from '../../api/hooks';
import { useDisplay } from '../../app/display';
import { AXIS_TICK, TOOLTIP_STYLE } from '../../ui/chart';
import { RangeBar } from '../../ui/RangeBar';
import { ExportCsvButton } from '../../ui/ExportCsvButton';
import { dashboardCsv } from './dashboard-csv';
import { formatShare } from '../../ui/figures';
import { Tile } from '../../ui/Tile';
import { PipelinesDrillDown, type PipelinesDrill } from './drill';
import { formatMs } from './format';
import { Private } from '../../ui/presentation/Private';

/**
 * The chart's series, final statuses first, in the tokens' colours; "waiting" is requested and
 * queued together, so the stack adds up to every run of the day.
 */
const SERIES: { key: string; label: string; statuses: JobStatus[]; color: string; stroke?: string }[] = [
  { key: 'succeeded', label: 'Succeeded', statuses: ['succeeded'], color: 'var(--positive)' },
  { key: 'failed', label: 'Failed', statuses: ['failed'], color: 'var(--danger)' },
  { key: 'cancelled', label: 'Cancelled', statuses: ['cancelled'], color: 'var(--text-muted)' },
  { key: 'running', label: 'Running', statuses: ['running'], color: 'var(--accent)' },
  // Not started yet: the running colour, hollow (amber would read as the failures' orange).
  { key: 'waiting', label: 'Waiting', statuses: ['requested', 'queued'], color: 'var(--accent-soft)', stroke: 'var(--accent)' },
];

const seriesCount = (d: DayRuns, series: (typeof SERIES)[number]) => series.statuses.reduce((n, s) => n + d.counts[s], 0);

// The same "94.1 %" as every other dashboard.
const percent = (rate: number | null) => formatShare(rate);

export function DashboardPage() {
  const search = useSearch({ from: '/pipelines/dashboard' });
  const navigate = useNavigate({ from: '/pipelines/dashboard' });
  const display = useDisplay();
  const to = search.to ?? display.today();
  const from = search.from && search.from <= to ? search.from : addDays(to, -29);
  const dashboard = useApi('pipelines.dashboard', { from, to });
  const data = dashboard.data;
  const [drill, setDrill] = useState<PipelinesDrill | null>(null);
  const chart = (data?.days ?? []).map((d) => ({
    date: d.day,
    day: display.dayShort(d.day),
    ...Object.fromEntries(SERIES.map((series) => [series.key, seriesCount(d, series)])),
  }));
  /** The jobs of one day (or the whole range) in one series (or all). */
  const drillRuns = (day: string | null, series: (typeof SERIES)[number] | null, count: number) => {
    const when = day ? display.dayMedium(day) : `${display.dayMedium(from)} to ${display.dayMedium(to)}`;
    const what = series ? series.label.toLowerCase() : 'runs';
    setDrill({
      title: `${series ? series.label : 'Runs'}${day ? ' on ' : ', '}${when}`,
      figure: `${count.toLocaleString()} ${count === 1 ? 'job' : 'jobs'} ${series ? what : 'requested'}, ${when}`,
      input: { from: day ?? from, to: day ?? to, ...(series ? { status: series.statuses } : {}) },
    });
  };
  const byKey = (key: string) => SERIES.find((series) => series.key === key)!;
  const csv = data ? dashboardCsv(data, display.timeZone) : null;
  const fileParts = (table: string) => ['pipelines', table, from, 'to', to];

  return (
    <div className="page">
      <div className="row toolbar">
        <Link to="/pipelines" className="btn">
          All jobs
        </Link>
        <RangeBar range={{ from, to }} onChange={(range) => void navigate({ search: range })} compare={false} />
      </div>

      {data && (
        <>
          <div className="tiles">
            <Tile
              label="Runs"
              value={data.totals.runs.toLocaleString()}
              onClick={data.totals.runs > 0 ? () => drillRuns(null, null, data.totals.runs) : undefined}
              testId="tile-runs"
            />
            <Tile
              label="Succeeded"
              value={data.totals.succeeded.toLocaleString()}
              onClick={data.totals.succeeded > 0 ? () => drillRuns(null, byKey('succeeded'), data.totals.succeeded) : undefined}
            />
            <Tile
              label="Failed"
              value={data.totals.failed.toLocaleString()}
              onClick={data.totals.failed > 0 ? () => drillRuns(null, byKey('failed'), data.totals.failed) : undefined}
              testId="tile-failed"
            />
            <Tile label="Success rate" value={percent(data.totals.successRate)} />
          </div>

          <section className="card" aria-labelledby="runs-chart">
            <div className="card-head">
              <h2 id="runs-chart">Runs per day by status</h2>
              <span className="muted">
                {display.dayMedium(from)} to {display.dayMedium(to)}
              </span>
              <ExportCsvButton table={csv!.perDay} fileParts={fileParts('per-day')} />
            </div>
            <div
              className="card-body chart"
              role="img"
              aria-label={`Runs per day by status, ${data.totals.runs} runs in all; the table under the chart has each day's figures.`}
            >
              <ResponsiveContainer width="100%" height={240}>
                <BarChart data={chart} margin={{ top: 8, right: 8, bottom: 0, left: 0 }}>
                  <CartesianGrid strokeDasharray="3 3" stroke="var(--border)" vertical={false} />
                  <XAxis dataKey="day" tick={AXIS_TICK} minTickGap={24} />
                  <YAxis allowDecimals={false} tick={AXIS_TICK} width={40} />
                  <Tooltip contentStyle={TOOLTIP_STYLE} />
                  {SERIES.map((series) => (
                    <Bar
                      key={series.key}
                      dataKey={series.key}
                      name={series.label}
                      stackId="runs"
                      fill={series.color}
                      stroke={series.stroke}
                      isAnimationActive={false}
                      cursor="pointer"
                      onClick={(bar) => {
                        const entry = bar.payload as Record<string, unknown> | undefined;
                        const count = Number(entry?.[series.key] ?? 0);
                        if (typeof entry?.date === 'string' && count > 0) drillRuns(entry.date, series, count);
                      }}
                    />
                  ))}
                </BarChart>
              </ResponsiveContainer>
              {/* The legend in HTML, in the stack's order, with each swatch drawn as its bar is (waiting is hollow). */}
              <ul className="chart-legend" aria-hidden>
                {SERIES.map((series) => (
                  <li key={series.key}>
                    <span className="chart-swatch" style={{ background: series.color, borderColor: series.stroke ?? series.color }} />
                    {series.label}
                  </li>
                ))}
              </ul>
            </div>
            <RunsPerDayTable days={data.days} onDrill={drillRuns} />
          </section>

          <section className="card" aria-labelledby="per-pipeline">
            <div className="card-head">
              <h2 id="per-pipeline">Per pipeline</h2>
              <span className="muted">p50 and p95 are the middle and the 95th percentile of the runs in the range</span>
              <ExportCsvButton table={csv!.perPipeline} fileParts={fileParts('per-pipeline')} />
            </div>
            <div className="table-scroll">
              <table className="table" aria-labelledby="per-pipeline">
                <thead>
                  <tr>
                    <th>Pipeline</th>
                    <th className="right">Runs</th>
                    <th className="right">Success rate</th>
                    <th className="right">Duration p50</th>
                    <th className="right">p95</th>
                    <th className="right">Queue p50</th>
                    <th className="right">p95</th>
                  </tr>
                </thead>
                <tbody>
                  {data.pipelines.map((p) => (
                    <tr key={p.pipelineId} data-testid="dashboard-pipeline">
                      <td>
                        <Link to="/pipelines" search={{ pipeline: p.slug }}>
                          {p.name}
                        </Link>
                      </td>
                      <td className="right num">
                        {p.runs === 0 ? (
                          0
                        ) : (
                          <button
                            type="button"
                            className="drill"
                            onClick={() =>
                              setDrill({
                                title: `${p.name}: runs`,
                                figure: `${p.runs.toLocaleString()} ${p.runs === 1 ? 'job' : 'jobs'} requested, ${display.dayMedium(from)} to ${display.dayMedium(to)}`,
                                input: { from, to, pipelineId: p.pipelineId },
                              })
                            }
                          >
                            {p.runs}
                            <span className="sr-only">: the jobs behind {p.name}'s runs</span>
                          </button>
                        )}
                      </td>
                      <td className="right num">{percent(p.successRate)}</td>
                      <td className="right num">{formatMs(p.p50DurationMs)}</td>
                      <td className="right num">{formatMs(p.p95DurationMs)}</td>
                      <td className="right num">{formatMs(p.p50QueueMs)}</td>
                      <td className="right num">{formatMs(p.p95QueueMs)}</td>
                    </tr>
                  ))}
                </tbody>
              </table>
            </div>
          </section>

          <section className="card" aria-labelledby="recent-failures">
            <div className="card-head">
              <h2 id="recent-failures">Recent failures</h2>
              <ExportCsvButton table={csv!.failures} fileParts={fileParts('recent-failures')} />
            </div>
            {data.recentFailures.length === 0 ? (
              <div className="empty">No failed runs in this range.</div>
            ) : (
              <ul className="failure-list">
                {data.recentFailures.map((f) => (
                  <li key={f.jobId}>
                    <Link to="/pipelines/jobs/$jobId" params={{ jobId: f.jobId }}>
                      {f.pipelineName}
                    </Link>{' '}
                    <span className="muted">
                      {display.dayShort(localDay(f.finishedAt, display.timeZone))}, {display.clock(f.finishedAt)}
                    </span>
                    <div className="error-text">
                      <Private text={f.error} />
                    </div>
                  </li>
                ))}
              </ul>
            )}
          </section>
        </>
      )}
      {!data && <div className="empty">Loading the dashboard…</div>}
      <PipelinesDrillDown drill={drill} onClose={() => setDrill(null)} />
    </div>
  );
}

/** The chart's figures as a table (folded away): each count a button, so every bar segment is a keyboard away. */
function RunsPerDayTable({
  days,
  onDrill,
}: {
  days: DayRuns[];
  onDrill: (day: string, series: (typeof SERIES)[number], count: number) => void;
}) {
  const display = useDisplay();
  return (
    <details className="chart-table" data-testid="runs-per-day-table">
      <summary>The chart as a table</summary>
      <div className="table-scroll">
        <table className="table" aria-label="Runs per day by status">
          <thead>
            <tr>
              <th>Day</th>
              {SERIES.map((series) => (
                <th key={series.key} className="right">
                  {series.label}
                </th>
              ))}
            </tr>
          </thead>
          <tbody>
            {days.map((d) => (
              <tr key={d.day}>
                <th scope="row">{display.dayMedium(d.day)}</th>
                {SERIES.map((series) => {
                  const count = seriesCount(d, series);
                  return (
                    <td key={series.key} className="right num">
                      {count === 0 ? (
                        <span className="muted">0</span>
                      ) : (
                        <button type="button" className="drill" onClick={() => onDrill(d.day, series, count)}>
                          {count}
                          <span className="sr-only">
                            : the {series.label.toLowerCase()} jobs of {display.dayMedium(d.day)}
                          </span>
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
    </details>
  );
}
