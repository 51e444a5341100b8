import { THEMES, type Theme } from '../../../../shared/domain';
import { useApi, useApiMutation } from '../../api/hooks';
import { CentralSettings } from './CentralSettings';

export function SettingsPage() {
  const settings = useApi('settings.get');
  const consultants = useApi('consultants.list');
  const workspace = useApi('workspace.info');
  const update = useApiMutation('settings.update');
  const switchWorkspace = useApiMutation('workspace.switch');

  return (
    <div className="page" style={{ maxWidth: 720 }}>
      <section className="card">
        <div className="card-head">
          <h2>Appearance</h2>
        </div>
        <div className="card-body row">
          <span className="muted">Theme</span>
          <div className="segmented" role="group" aria-label="Theme">
            {THEMES.map((theme: Theme) => (
              <button key={theme} type="button" aria-pressed={settings.data?.theme === theme} onClick={() => update.mutate({ theme })}>
                {theme[0]!.toUpperCase() + theme.slice(1)}
              </button>
            ))}
          </div>
        </div>
      </section>

      <section className="card">
        <div className="card-head">
          <h2>Consultant</h2>
        </div>
        <div className="card-body field">
          <span>Hours you track are recorded for</span>
          <select
            className="select"
            value={settings.data?.consultantId ?? ''}
            onChange={(e) => e.target.value && update.mutate({ consultantId: e.target.value })}
            aria-label="Consultant"
          >
            <option value="">Choose who you are…</option>
            {(consultants.data ?? []).map((c) => (
              <option key={c.id} value={c.id} disabled={!c.active}>
                {c.name} · {c.email}
                {c.active ? '' : ' (inactive)'}
              </option>
            ))}
          </select>
        </div>
      </section>

      <CentralSettings />

      <section className="card">
        <div className="card-head">
          <h2>Workspace</h2>
        </div>
        <div className="card-body" style={{ display: 'grid', gap: 'var(--space-3)' }}>
          <div className="segmented" role="group" aria-label="Workspace" style={{ justifySelf: 'start' }}>
            <button
              type="button"
              aria-pressed={workspace.data?.kind === 'demo'}
              disabled={workspace.data?.kind === 'file'}
              onClick={() => switchWorkspace.mutate({ kind: 'demo' })}
            >
              Demo
            </button>
            <button
              type="button"
              aria-pressed={workspace.data?.kind === 'empty'}
              disabled={workspace.data?.kind === 'file'}
              onClick={() => switchWorkspace.mutate({ kind: 'empty' })}
            >
              Empty
            </button>
          </div>
          <p className="muted" style={{ margin: 0 }}>
            The demo is a realistic Brisbane consultancy with two years of history. The empty workspace is filled by the first sync with
            your central database. Each keeps its own data; switching loses nothing.
          </p>
          <div className="muted num">{workspace.data?.path}</div>
        </div>
      </section>
    </div>
  );
}
