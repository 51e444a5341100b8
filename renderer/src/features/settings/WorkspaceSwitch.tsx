import { useApi, useApiMutation } from '../../api/hooks';

/** Demo or Work: the two workspaces of the app (a replica file opened with --db cannot switch). */
export function WorkspaceSwitch() {
  const workspace = useApi('workspace.info');
  const switchWorkspace = useApiMutation('workspace.switch');
  const kind = workspace.data?.kind;
  return (
    <div className="segmented" role="group" aria-label="Workspace">
      <button
        type="button"
        aria-pressed={kind === 'demo'}
        disabled={kind === 'file' || switchWorkspace.isPending}
        onClick={() => switchWorkspace.mutate({ kind: 'demo' })}
      >
        Demo
      </button>
      <button
        type="button"
        aria-pressed={kind === 'work'}
        disabled={kind === 'file' || switchWorkspace.isPending}
        onClick={() => switchWorkspace.mutate({ kind: 'work' })}
      >
        Work
      </button>
    </div>
  );
}

/** Why the demo workspace does not sync, with the way out: shown on the Sync and Settings screens. */
export function SealedNotice({ title }: { title?: string }) {
  const switchWorkspace = useApiMutation('workspace.switch');
  return (
    <div className="sealed-notice" data-testid="sealed-notice">
      {title && <h2>{title}</h2>}
      <p className="muted">
        The demo workspace is made-up data for trying the app and presenting it. It never syncs, so none of it can reach a real central
        database. To connect to your company’s central database, switch to your Work workspace: it starts empty and fills by its first sync.
        The demo stays here, unchanged, for when you switch back.
      </p>
      <div className="row">
        <button
          type="button"
          className="btn btn-primary"
          disabled={switchWorkspace.isPending}
          onClick={() => switchWorkspace.mutate({ kind: 'work' })}
        >
          {switchWorkspace.isPending ? 'Switching…' : 'Switch to Work workspace'}
        </button>
      </div>
    </div>
  );
}
