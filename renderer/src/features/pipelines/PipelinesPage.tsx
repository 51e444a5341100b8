// Pipelines: each pipeline with its last run and a Run button (the trigger dialog), the jobs with
// live status and filters in the URL, and the deliveries still waiting to go out.
import { Link, useNavigate, useSearch } from '@tanstack/react-router';
import { Play } from 'lucide-react';
import { useEffect, useState } from 'react';
import { toast } from 'sonner';
import type { JobView, PipelineView, Triggered } from '../../../../shared/features/pipelines/types';
import { QueryError, useApi } from '../../api/hooks';
import { useDisplay } from '../../app/display';
import { formatMs, isFinished, JOB_STATUSES, shortId, statusLabel } from './format';
import { usePollWhile } from './poll';
import type { PipelinesSearch } from './route';
import { StatusBadge } from './StatusBadge';
import { TriggerDialog } from './TriggerDialog';
import { dayAndTime } from './when';
import { Private } from '../../ui/presentation/Private';
import { Name } from '../../ui/Name';

export function PipelinesPage() {
  const search = useSearch({ from: '/pipelines' });
  const navigate = useNavigate({ from: '/pipelines' });
  const setSearch = (patch: Partial<PipelinesSearch>) => void navigate({ search: (prev) => ({ ...prev, ...patch }) });
  const pipelines = useApi('pipelines.list');
  const [running, setRunning] = useState<PipelineView | null>(null);
  // ?run=slug (from the command palette) opens that pipeline's form too; closing it leaves the URL.
  const fromUrl = search.run ? (pipelines.data?.find((p) => p.slug === search.run) ?? null) : null;
  const shownForm = running ?? fromUrl;
  const closeForm = () => {
    setRunning(null);
    if (search.run) setSearch({ run: undefined });
  };

  const onTriggered = (t: Triggered) => {
    setRunning(null);
    toast.success(`Job ${t.jobId} requested`, { description: 'It is in the list below; its status changes as it runs.' });
    // Clear the filters that could hide the new job, and highlight it.
    void navigate({ search: { job: t.jobId } });
  };

  if (!pipelines.data) return <div className="page muted">Loading…</div>;
  return (
    <div className="page">
      <section className="card" aria-labelledby="pipelines-heading">
        <div className="card-head">
          <h2 id="pipelines-heading">Pipelines</h2>
          <span className="muted">Run one with its parameters; it is sent when the pipeline API can be reached.</span>
          <span className="spacer" />
          <Link to="/pipelines/dashboard" className="btn">
            Dashboard
          </Link>
        </div>
        {pipelines.data.length === 0 ? (
          <div className="empty">No pipelines in this workspace yet: they arrive by sync from the central database.</div>
        ) : (
          <table className="table" aria-label="Pipelines">
            <thead>
              <tr>
                <th>Pipeline</th>
                <th>Last run</th>
                <th style={{ width: 110 }} />
              </tr>
            </thead>
            <tbody>
              {pipelines.data.map((p) => (
                <tr key={p.id} data-testid="pipeline-row" data-slug={p.slug}>
                  <td>
                    <div style={{ fontWeight: 600 }}>{p.name}</div>
                    <div className="cell-sub muted">{p.description}</div>
                    {!p.active && <div className="cell-sub error-text">Switched off at the central: it cannot be run.</div>}
                    {p.disabledHere && <div className="cell-sub error-text">{p.disabledHere.reason}</div>}
                  </td>
                  <td>
                    <LastRun pipeline={p} />
                  </td>
                  <td className="right">
                    <button
                      type="button"
                      className="btn"
                      onClick={() => setRunning(p)}
                      disabled={!p.active || !!p.disabledHere}
                      aria-label={`Run ${p.name}`}
                    >
                      <Play size={13} aria-hidden /> Run
                    </button>
                  </td>
                </tr>
              ))}
            </tbody>
          </table>
        )}
      </section>

      <PendingDeliveries />
      <Jobs search={search} setSearch={setSearch} pipelines={pipelines.data} />

      {shownForm && <TriggerDialog pipeline={shownForm} onClose={closeForm} onTriggered={onTriggered} />}
    </div>
  );
}

function LastRun({ pipeline }: { pipeline: PipelineView }) {
  const display = useDisplay();
  const last = useApi('jobs.list', { pipeline: pipeline.id, limit: 1 }, { errors: 'inline' });
  if (last.error) return <span className="error-text">Could not read its last run</span>;
  if (!last.data) return <span className="muted">Loading…</span>;
  const job = last.data[0];
  if (!job) return <span className="muted">Never run</span>;
  return (
    <span className="row" style={{ flexWrap: 'nowrap' }}>
      <StatusBadge status={job.status} />
      <Link to="/pipelines/jobs/$jobId" params={{ jobId: job.id }} className="muted">
        <span className="sr-only">Last run of {pipeline.name}: </span>
        {dayAndTime(display, job.requestedAt)}
      </Link>
    </span>
  );
}

function PendingDeliveries() {
  const display = useDisplay();
  const pending = useApi('deliveries.pending', undefined, { errors: 'inline' });
  usePollWhile((pending.data?.length ?? 0) > 0, ['deliveries.pending']);
  return (
    <section className="card" aria-labelledby="deliveries-heading">
      <div className="card-head">
        <h2 id="deliveries-heading">Waiting to be sent</h2>
        <span className="muted">Triggers kept on this laptop until the pipeline API takes them.</span>
      </div>
      {pending.error ? (
        <div className="card-body">
          <QueryError error={pending.error} onRetry={() => void pending.refetch()} what="the deliveries waiting to be sent" />
        </div>
      ) : !pending.data ? (
        <div className="empty">Loading…</div>
      ) : pending.data.length === 0 ? (
        <div className="empty" data-testid="no-pending">
          Nothing waiting: every trigger has been sent.
        </div>
      ) : (
        <table className="table" aria-label="Deliveries waiting to be sent">
          <thead>
            <tr>
              <th>Job</th>
              <th>State</th>
              <th>Attempts</th>
              <th>Last answer</th>
              <th>Expires</th>
            </tr>
          </thead>
          <tbody>
            {pending.data.map((job) => (
              <tr key={job.id} data-testid="pending-row">
                <td>
                  <Link to="/pipelines/jobs/$jobId" params={{ jobId: job.id }} className="num" title={job.id}>
                    {shortId(job.id)}
                  </Link>{' '}
                  <span className="cell-sub muted">{job.pipelineName}</span>
                </td>
                <td>{job.delivery?.state ?? '—'}</td>
                <td className="num">{job.delivery?.attempts ?? 0}</td>
                <td className="muted">
                  {job.delivery?.lastStatus ? `${job.delivery.lastStatus}: ` : ''}
                  {job.delivery?.lastAnswer ?? job.delivery?.lastError ?? '—'}
                </td>
                <td className="muted">{dayAndTime(display, job.delivery?.expiresAt)}</td>
              </tr>
            ))}
          </tbody>
        </table>
      )}
    </section>
  );
}

function Jobs({
  search,
  setSearch,
  pipelines,
}: {
  search: PipelinesSearch;
  setSearch: (patch: Partial<PipelinesSearch>) => void;
  pipelines: PipelineView[];
}) {
  const display = useDisplay();
  const jobs = useApi('jobs.list', { status: search.status, pipeline: search.pipeline, limit: 100 });
  const list: JobView[] = jobs.data ?? [];
  usePollWhile(
    list.some((j) => !isFinished(j.status)),
    ['jobs.list', 'deliveries.pending'],
  );
  const highlighted = search.job;
  useEffect(() => {
    if (!highlighted || !jobs.data) return;
    document.querySelector(`[data-job-id="${highlighted}"]`)?.scrollIntoView({ block: 'nearest' });
  }, [highlighted, jobs.data]);

  return (
    <section className="card" aria-labelledby="jobs-heading">
      <div className="card-head">
        <h2 id="jobs-heading">Jobs</h2>
        <div style={{ flex: 1 }} />
        <label className="row">
          <span className="muted">Status</span>
          <select
            className="select"
            value={search.status ?? ''}
            onChange={(e) => setSearch({ status: (e.target.value || undefined) as PipelinesSearch['status'], job: undefined })}
          >
            <option value="">All statuses</option>
            {JOB_STATUSES.map((s) => (
              <option key={s} value={s}>
                {statusLabel(s)}
              </option>
            ))}
          </select>
        </label>
        <label className="row">
          <span className="muted">Pipeline</span>
          <select
            className="select"
            value={search.pipeline ?? ''}
            onChange={(e) => setSearch({ pipeline: e.target.value || undefined, job: undefined })}
          >
            <option value="">All pipelines</option>
            {pipelines.map((p) => (
              <option key={p.id} value={p.slug}>
                {p.name}
              </option>
            ))}
          </select>
        </label>
      </div>
      {!jobs.data ? (
        <div className="empty">Loading…</div>
      ) : list.length === 0 ? (
        <div className="empty">
          {search.status || search.pipeline ? 'No jobs match these filters.' : 'No jobs yet: run a pipeline above.'}
        </div>
      ) : (
        <div className="table-scroll">
          <table className="table" aria-label="Jobs">
            <thead>
              <tr>
                <th>Job</th>
                <th>Pipeline</th>
                <th>Status</th>
                <th>Requested</th>
                <th className="right">Queue</th>
                <th className="right">Duration</th>
                <th>By</th>
              </tr>
            </thead>
            <tbody>
              {list.map((job) => (
                <tr
                  key={job.id}
                  data-testid="job-row"
                  data-job-id={job.id}
                  className={job.id === highlighted ? 'row-highlight' : undefined}
                  aria-current={job.id === highlighted ? 'true' : undefined}
                >
                  <td>
                    <Link to="/pipelines/jobs/$jobId" params={{ jobId: job.id }} className="num" title={job.id}>
                      <span className="sr-only">Job </span>
                      {shortId(job.id)}
                    </Link>
                    {job.id === highlighted && <span className="cell-sub muted"> just requested</span>}
                  </td>
                  <td>{job.pipelineName}</td>
                  <td>
                    <StatusBadge status={job.status} />
                    {job.status === 'running' && job.resultSummary && (
                      <div className="cell-sub muted">
                        <Private text={job.resultSummary} />
                      </div>
                    )}
                  </td>
                  <td className="muted nowrap">{dayAndTime(display, job.requestedAt)}</td>
                  <td className="right num">{formatMs(job.queueMs)}</td>
                  <td className="right num">{formatMs(job.durationMs)}</td>
                  <td>{job.requestedByName ? <Name kind="consultant" name={job.requestedByName} /> : '—'}</td>
                </tr>
              ))}
            </tbody>
          </table>
        </div>
      )}
    </section>
  );
}
