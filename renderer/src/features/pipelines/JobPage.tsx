// A job's page: its timeline in the workspace's zone, parameters, result and error, its delivery,
// and Re-run / Cancel / Send again through the app's confirmation dialog.
import { Link, useNavigate, useParams } from '@tanstack/react-router';
import { ArrowLeft, Ban, RotateCcw, Send } from 'lucide-react';
import { toast } from 'sonner';
import type { JobDetail } from '../../../../shared/features/pipelines/types';
import { useApi, useApiMutation } from '../../api/hooks';
import { useDisplay } from '../../app/display';
import { useConfirm } from '../../ui/confirm';
import { formatMs, isFinished, shortId } from './format';
import { usePollWhile } from './poll';
import { StatusBadge } from './StatusBadge';
import { dayAndTime } from './when';
import { Private, Scrubbed } from '../../ui/presentation/Private';
import { Name } from '../../ui/Name';

export function JobPage() {
  const { jobId } = useParams({ from: '/pipelines/jobs/$jobId' });
  const job = useApi('jobs.get', { id: jobId });
  usePollWhile(!!job.data && !isFinished(job.data.status), ['jobs.get', 'jobs.remote']);
  if (!job.data) return <div className="page muted">Loading…</div>;
  return <JobView job={job.data} />;
}

function JobView({ job }: { job: JobDetail }) {
  const display = useDisplay();
  const confirm = useConfirm();
  const navigate = useNavigate();
  const finished = isFinished(job.status);
  const rerun = useApiMutation('jobs.rerun', {
    onSuccess: (t) => {
      toast.success(`Job ${t.jobId} requested`, { description: `A re-run of ${shortId(job.id)} with the same parameters.` });
      void navigate({ to: '/pipelines/jobs/$jobId', params: { jobId: t.jobId } });
    },
  });
  const cancel = useApiMutation('jobs.cancel', { onSuccess: (c) => toast.success(c.message) });
  const retry = useApiMutation('jobs.retryDelivery', { onSuccess: () => toast.success('Sending it now.') });

  const askRerun = async () => {
    const ok = await confirm({
      title: `Re-run ${job.pipelineName}?`,
      body: 'A new job with the same parameters and project. This one stays as it is.',
      confirmLabel: 'Re-run',
    });
    if (ok) rerun.mutate({ id: job.id });
  };
  const askCancel = async () => {
    const delivered = job.delivery?.status === 'delivered' || job.status !== 'requested';
    const ok = await confirm({
      title: `Cancel job ${shortId(job.id)}?`,
      body: delivered
        ? 'The pipeline is asked to stop the run; what it already did stays done.'
        : 'It has not been sent yet: it will never be sent.',
      confirmLabel: 'Cancel job',
      danger: true,
    });
    if (ok) cancel.mutate({ id: job.id });
  };

  const d = job.delivery;
  const steps: { label: string; at: string | null; note?: string }[] = [
    { label: 'Requested', at: job.requestedAt, note: job.requestedByName ? `by ${job.requestedByName}` : undefined },
    // Only a job sent from this laptop has a delivery to show.
    ...(d ? [{ label: 'Delivered', at: d.deliveredAt }] : []),
    {
      label: 'Started',
      at: job.startedAt,
      note: job.queueMs !== null && job.startedAt ? `after ${formatMs(job.queueMs)} in the queue` : undefined,
    },
    {
      label: finished ? `Finished: ${job.status}` : 'Finished',
      at: job.finishedAt,
      note: job.durationMs !== null && job.finishedAt ? `ran ${formatMs(job.durationMs)}` : undefined,
    },
  ];
  const params = Object.entries(job.params);
  // Ahead of sync, the receiver says how far a delivered run has got (null when it cannot say).
  const remote = useApi('jobs.remote', { id: job.id }, { enabled: !finished && d?.status === 'delivered', errors: 'inline' });
  const live = !finished && remote.data && !isFinished(remote.data.status) ? remote.data : null;

  return (
    <div className="page">
      <div className="row">
        <Link to="/pipelines" className="btn">
          <ArrowLeft size={14} aria-hidden /> All jobs
        </Link>
      </div>
      <section className="card" aria-labelledby="job-heading">
        <div className="card-head">
          <h2 id="job-heading">
            {job.pipelineName} <span className="muted num">job {shortId(job.id)}</span>
          </h2>
          <StatusBadge status={job.status} />
          <div style={{ flex: 1 }} />
          {!finished && (
            <button type="button" className="btn btn-danger" onClick={() => void askCancel()} disabled={cancel.isPending}>
              <Ban size={14} aria-hidden /> Cancel job
            </button>
          )}
          {(d?.status === 'failed' || d?.status === 'pending') && (
            <button type="button" className="btn" onClick={() => retry.mutate({ id: job.id })} disabled={retry.isPending}>
              <Send size={14} aria-hidden /> {d.status === 'failed' ? 'Send again' : 'Send now'}
            </button>
          )}
          <button type="button" className="btn btn-primary" onClick={() => void askRerun()} disabled={rerun.isPending}>
            <RotateCcw size={14} aria-hidden /> Re-run
          </button>
        </div>
        <div className="card-body job-body">
          <dl className="job-facts">
            <dt>Job id</dt>
            <dd className="num" data-testid="job-id">
              {job.id}
            </dd>
            <dt>Project</dt>
            <dd data-testid="job-project">{job.projectName ? <Name kind="project" name={job.projectName} /> : 'None'}</dd>
            {!finished && (
              <>
                <dt>Now</dt>
                <dd data-testid="job-now">
                  {live ? <LiveProgress progress={live.progress} step={live.step ?? live.status} /> : (job.resultSummary ?? nowText(job))}
                </dd>
              </>
            )}
          </dl>
          <ol className="timeline" aria-label="Timeline">
            {steps.map((s) => (
              <li key={s.label} className={s.at ? 'done' : 'todo'}>
                <span className="timeline-label">{s.label}</span>
                <span className="muted">{s.at ? dayAndTime(display, s.at) : 'Not yet'}</span>
                {s.note && (
                  <span className="muted">
                    {' '}
                    · <Scrubbed text={s.note} />
                  </span>
                )}
              </li>
            ))}
          </ol>
          {job.error && (
            <div className="form-error" role="alert" data-testid="job-error">
              <Private text={job.error} />
            </div>
          )}
          {finished && job.resultSummary && (
            <div className="notice notice-info" data-testid="job-result">
              <Private text={job.resultSummary} />
            </div>
          )}
        </div>
      </section>

      <section className="card" aria-labelledby="params-heading">
        <div className="card-head">
          <h2 id="params-heading">Parameters</h2>
          <span className="muted">As sent, with the pipeline’s defaults filled in.</span>
        </div>
        {params.length === 0 ? (
          <div className="empty">No parameters.</div>
        ) : (
          <table className="table params-table" aria-label="Parameters">
            <tbody>
              {params.map(([name, value]) => (
                <tr key={name}>
                  <th scope="row" style={{ width: 220 }}>
                    {name}
                  </th>
                  <td className="num">
                    <Private text={typeof value === 'string' ? value : JSON.stringify(value)} />
                  </td>
                </tr>
              ))}
            </tbody>
          </table>
        )}
      </section>

      <section className="card" aria-labelledby="delivery-heading">
        <div className="card-head">
          <h2 id="delivery-heading">Delivery</h2>
        </div>
        {!d ? (
          <div className="empty">This job was triggered elsewhere: this laptop did not send it.</div>
        ) : (
          <div className="card-body">
            <p style={{ margin: 0 }} data-testid="delivery-state">
              {/* The screen's own time format (12/24 h) for the delivered time. */}
              {d.status === 'delivered' && d.deliveredAt
                ? `Delivered ${dayAndTime(display, d.deliveredAt)}${d.lastStatus ? ` (the receiver answered ${d.lastStatus})` : ''}.`
                : d.state}
            </p>
            <dl className="job-facts">
              <dt>Attempts</dt>
              <dd className="num">{d.attempts}</dd>
              <dt>Last attempt</dt>
              <dd>{dayAndTime(display, d.lastAttemptAt)}</dd>
              <dt>Last answer</dt>
              <dd>{d.lastStatus || d.lastAnswer ? `${d.lastStatus ?? ''} ${d.lastAnswer ?? ''}`.trim() : '—'}</dd>
              {d.lastError && (
                <>
                  <dt>Why</dt>
                  <dd>{d.lastError}</dd>
                </>
              )}
              {d.status === 'pending' && (
                <>
                  <dt>Expires</dt>
                  <dd>{dayAndTime(display, d.expiresAt)}</dd>
                </>
              )}
            </dl>
          </div>
        )}
      </section>
    </div>
  );
}

/** What an unfinished job is waiting for, in a few words (the Delivery section says why). */
function nowText(job: JobDetail): string {
  if (job.status !== 'requested') return 'Waiting to start';
  switch (job.delivery?.status) {
    case 'failed':
      return 'Not delivered: the receiver refused it (see Delivery)';
    case 'expired':
      return 'Expired before it could be sent: re-run it';
    case 'disabled':
      return 'Not sent: the pipeline is disabled';
    case 'delivered':
      return 'Delivered; waiting for the pipeline to report';
    case undefined:
      return 'Waiting for the laptop that sent it';
    default:
      return 'Waiting to be sent';
  }
}

/** The receiver's live progress of a run, before sync brings the job's own status. */
function LiveProgress({ progress, step }: { progress: number; step: string }) {
  const value = Math.min(100, Math.max(0, Math.round(progress)));
  return (
    <span className="live-progress">
      <progress max={100} value={value} aria-label={`Progress: ${value} %`} />
      <span className="num">{value} %</span>
      <span className="muted">{step}</span>
    </span>
  );
}
