// The pipelines dashboard: runs per day by status, success rate and p50/p95 duration and queue
// time per pipeline, and the latest failures — every figure computed by SQL in the core; the range
// (local days of the workspace) lives in the URL.
import { Link, useNavigate, useSearch } from '@tanstack/react-router';
import { Bar, BarChart, CartesianGrid, Legend, ResponsiveContainer, Tooltip, XAxis, YAxis } from 'recharts';
import { addDays, localDay } from '../../../../shared/time';
import { useApi } from '../../api/hooks';
import { useDisplay } from '../../app/display';
import { AXIS_TICK, TOOLTIP_STYLE } from '../../ui/chart';
import { RangeBar } from '../../ui/RangeBar';
import { ExportCsvButton } from '../../ui/ExportCsvButton';
import { dashboardCsv } from './dashboard-csv';
import { Tile } from '../../ui/Tile';
import { formatMs, statusLabel } from './format';

/** The chart's series: final statuses first, in the tokens' colours. */
const SERIES = [
  { status: 'succeeded', color: 'var(--positive)' },
  { status: 'failed', color: 'var(--danger)' },
  { status: 'cancelled', color: 'var(--text-muted)' },
  { status: 'running', color: 'var(--accent)' },
] as const;

const percent = (rate: number | null) => (rate === null ? '—' : `${Math.round(rate * 1000) / 10}%`);

export function DashboardPage() {
  const search = useSearch({ from: '/pipelines/dashboard' });
  const navigate = useNavigate({ from: '/pipelines/dashboard' });
  const display = useDisplay();
  const to = search.to ?? display.today();
  const from = search.from && search.from <= to ? search.from : addDays(to, -29);
  const dashboard = useApi('pipelines.dashboard', { from, to });
  const data = dashboard.data;
  const chart = (data?.days ?? []).map((d) => ({ day: display.dayShort(d.day), ...d.counts }));
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
            <Tile label="Runs" value={data.totals.runs.toLocaleString()} />
            <Tile label="Succeeded" value={data.totals.succeeded.toLocaleString()} />
            <Tile label="Failed" value={data.totals.failed.toLocaleString()} />
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
              aria-label={`Runs per day by status, ${data.totals.runs} runs in all; the table below has the figures per pipeline.`}
            >
              <ResponsiveContainer width="100%" height={240}>
                <BarChart data={chart} margin={{ top: 8, right: 8, bottom: 0, left: 0 }}>
                  <CartesianGrid strokeDasharray="3 3" stroke="var(--border)" vertical={false} />
                  <XAxis dataKey="day" tick={AXIS_TICK} minTickGap={24} />
                  <YAxis allowDecimals={false} tick={AXIS_TICK} width={40} />
                  <Tooltip contentStyle={TOOLTIP_STYLE} />
                  <Legend formatter={(value: string) => statusLabel(value)} />
                  {SERIES.map((s) => (
                    <Bar key={s.status} dataKey={s.status} stackId="runs" fill={s.color} isAnimationActive={false} />
                  ))}
                </BarChart>
              </ResponsiveContainer>
            </div>
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
                      <td className="right num">{p.runs}</td>
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
                    <div className="error-text">{f.error}</div>
                  </li>
                ))}
              </ul>
            )}
          </section>
        </>
      )}
      {!data && <div className="empty">Loading the dashboard…</div>}
    </div>
  );
}
