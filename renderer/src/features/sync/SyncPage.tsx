import { Link } from '@tanstack/react-router';
import { ArchiveRestore, RefreshCw, RotateCcw, Undo2 } from 'lucide-react';
import type { SyncStatus } from '../../../../shared/domain';
import { describeClockSkew } from '../../../../shared/time';
import { useApi, useApiMutation } from '../../api/hooks';
import { ago, count, duration, progressText } from './format';
import { Tile } from '../../ui/Tile';
import { useConfirm } from '../../ui/confirm';
import { SealedNotice } from '../settings/WorkspaceSwitch';
import { Scrubbed } from '../../ui/presentation/Private';

/** The last attempt's own outcome: its counts when it worked, that it failed (the reason is shown above) when not. */
function lastAttempt(s: SyncStatus): string {
  if (!s.lastAttemptAt) return 'No attempt yet.';
  const when = `Last attempt ${ago(s.lastAttemptAt)}`;
  if (s.lastError) return `${when}: failed (the reason is above). Your changes are kept here and go on a later sync.`;
  const r = s.lastResult;
  if (!r) return `${when}.`;
  return `${when}: pushed ${count(r.pushed)}, pulled ${count(r.pulled)}, deleted ${count(r.deleted)}, rejected ${count(r.rejected)} in ${duration(r.ms)}.`;
}

export function SyncPage() {
  const confirm = useConfirm();
  const status = useApi('sync.status');
  const rejections = useApi('sync.rejections');
  // A failed sync's reason is shown on this page (and kept): no toast repeating it.
  const syncNow = useApiMutation('sync.now', { toastErrors: false });
  const retry = useApiMutation('sync.retry');
  const discard = useApiMutation('sync.discard');
  const restore = useApiMutation('sync.restore');
  const s = status.data;
  if (!s) return null;

  if (s.sealed) {
    return (
      <div className="page">
        <section className="card coming">
          <SealedNotice title="The demo workspace never syncs" />
        </section>
      </div>
    );
  }

  if (!s.configured) {
    return (
      <div className="page">
        <section className="card coming">
          <h2>Sync is not set up</h2>
          <p className="muted" style={{ margin: 0 }}>
            Everything you do is saved in this laptop’s replica and waits in the outbox ({count(s.pending)} changes now). Add your central
            database in Settings to send it and receive everyone else’s.
          </p>
          <div className="row">
            <Link className="btn btn-primary" to="/settings">
              Set up in Settings → Central
            </Link>
          </div>
        </section>
      </div>
    );
  }

  const list = rejections.data ?? [];
  return (
    <div className="page">
      <div className="tiles">
        <Tile label="Connection" value={s.online === false ? 'Not connected' : s.online ? 'Connected' : 'Not tried yet'} />
        <Tile label="Last successful sync" value={ago(s.lastSyncAt)} />
        <Tile label="Pending changes" value={count(s.pending)} />
        <Tile label="Rejected changes" value={String(s.rejected)} />
      </div>

      <section className="card">
        <div className="card-head">
          <h2>Central database</h2>
          <span className="muted num">{s.central}</span>
          <div style={{ flex: 1 }} />
          <button
            type="button"
            className="btn btn-primary"
            onClick={() => syncNow.mutate(undefined)}
            disabled={s.syncing || syncNow.isPending}
          >
            <RefreshCw size={14} /> {s.syncing || syncNow.isPending ? 'Syncing…' : 'Sync now'}
          </button>
        </div>
        <div className="card-body" style={{ display: 'grid', gap: 'var(--space-2)' }}>
          {s.lastError && (
            <div className="form-error" role="alert" data-testid="sync-error">
              <Scrubbed text={s.lastError} />
            </div>
          )}
          {describeClockSkew(s.clockSkewMs) && (
            <div className="form-error" role="alert" data-testid="clock-skew">
              {describeClockSkew(s.clockSkewMs)}
            </div>
          )}
          {s.notice && (
            <div role="status" data-testid="sync-notice">
              <Scrubbed text={s.notice} />
            </div>
          )}
          {s.syncing && s.progress && (
            <div role="status" data-testid="sync-progress">
              Syncing now: {progressText(s.progress)}. You can keep working meanwhile.
            </div>
          )}
          <div className="muted" data-testid="sync-last-attempt">
            Syncs by itself every 30 seconds, when the network comes back and when the central database reports changes. {lastAttempt(s)}
          </div>
        </div>
      </section>

      <section className="card">
        <div className="card-head">
          <h2>Rejected changes</h2>
          <span className="muted">Kept, with their values, until you retry, restore or discard them; they never block other changes.</span>
        </div>
        {list.length === 0 ? (
          <div className="empty">No rejected changes.</div>
        ) : (
          <table className="table" aria-label="Rejected changes">
            <thead>
              <tr>
                <th>Change</th>
                <th>Why it was refused</th>
                <th style={{ width: 110 }}>When</th>
                <th style={{ width: 190 }} />
              </tr>
            </thead>
            <tbody>
              {list.map((r) => (
                <tr key={r.mutationId} data-testid="rejection-row">
                  <td>
                    <Scrubbed text={r.summary} />
                  </td>
                  <td className="muted">{r.reason}</td>
                  <td className="muted">{ago(r.rejectedAt)}</td>
                  <td className="right">
                    <span className="row" style={{ justifyContent: 'flex-end', flexWrap: 'nowrap' }}>
                      {r.restorable ? (
                        <button type="button" className="btn" onClick={() => restore.mutate({ mutationId: r.mutationId })}>
                          <ArchiveRestore size={13} /> Restore
                        </button>
                      ) : (
                        !r.deletedElsewhere && (
                          <button type="button" className="btn" onClick={() => retry.mutate({ mutationId: r.mutationId })}>
                            <RotateCcw size={13} /> Retry
                          </button>
                        )
                      )}
                      <button
                        type="button"
                        className="btn btn-danger"
                        onClick={() =>
                          void confirm({
                            title: 'Discard this change?',
                            body: 'The central version comes back on the next sync.',
                            confirmLabel: 'Discard change',
                            danger: true,
                          }).then((yes) => yes && discard.mutate({ mutationId: r.mutationId }))
                        }
                      >
                        <Undo2 size={13} /> Discard
                      </button>
                    </span>
                  </td>
                </tr>
              ))}
            </tbody>
          </table>
        )}
      </section>
    </div>
  );
}
