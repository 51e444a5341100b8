import { useMemo } from 'react';
import { TEXT_SCALES, THEMES, TIME_FORMATS, type Theme, type TimeFormat } from '../../../../shared/domain';
import { useApi, useApiMutation } from '../../api/hooks';
import { formatWallClock, resolveHour12 } from '../../app/display-format';
import { useNames } from '../../ui/Name';
import { usePresentation } from '../../ui/presentation/context';
import { CentralSettings } from './CentralSettings';
import { CompanySettings } from './CompanySettings';
import { useRefreshDemo } from './refresh-demo';
import { SupportSettings } from './SupportSettings';
import { WorkspaceSwitch } from './WorkspaceSwitch';

const TIME_FORMAT_LABELS: Record<TimeFormat, string> = { auto: 'Automatic', '24h': '24-hour', '12h': '12-hour' };

/** 1.125 → "112.5%". */
const percent = (scale: number) => `${scale * 100}%`;

/** Every IANA zone this browser knows, with the current one kept even if it is an alias. */
function zoneNames(current: string | undefined): string[] {
  const zones = typeof Intl.supportedValuesOf === 'function' ? Intl.supportedValuesOf('timeZone') : [];
  return current && !zones.includes(current) ? [current, ...zones] : zones;
}

/** What a clock time looks like in a format (3:30 pm, 15:30), written as the app writes it. */
function sample(format: TimeFormat): string {
  return formatWallClock('15:30', { hour12: resolveHour12(format) });
}

export function SettingsPage() {
  const settings = useApi('settings.get');
  const consultants = useApi('consultants.list');
  const workspace = useApi('workspace.info');
  const update = useApiMutation('settings.update');
  const zones = useMemo(() => zoneNames(workspace.data?.timeZone), [workspace.data?.timeZone]);
  const w = workspace.data;
  const names = useNames();
  const presentation = usePresentation();
  const refreshDemo = useRefreshDemo();
  // Only the desktop app sees displays come and go (the browser host cannot).
  const desktop = typeof window !== 'undefined' && !!window.opsDesktop;

  return (
    <div className="page settings-page">
      <section className="card">
        <div className="card-head">
          <h2>Appearance</h2>
          <span className="muted">Yours: they stay the same in every workspace.</span>
        </div>
        <div className="card-body settings-rows">
          <span className="muted">Theme</span>
          <div className="segmented" role="group" aria-label="Theme">
            {THEMES.map((theme: Theme) => (
              <button key={theme} type="button" aria-pressed={settings.data?.theme === theme} onClick={() => update.mutate({ theme })}>
                {theme[0]!.toUpperCase() + theme.slice(1)}
              </button>
            ))}
          </div>
          <span className="muted">Clock</span>
          <div className="segmented" role="group" aria-label="Clock">
            {TIME_FORMATS.map((format) => (
              <button
                key={format}
                type="button"
                aria-pressed={settings.data?.timeFormat === format}
                onClick={() => update.mutate({ timeFormat: format })}
                title={`Times look like ${sample(format)}`}
              >
                {TIME_FORMAT_LABELS[format]} <span className="settings-sample">{sample(format)}</span>
              </button>
            ))}
          </div>
          <span className="muted">Text size</span>
          <div className="segmented" role="group" aria-label="Text size">
            {TEXT_SCALES.map((scale) => (
              <button
                key={scale}
                type="button"
                aria-pressed={settings.data?.textScale === scale}
                onClick={() => update.mutate({ textScale: scale })}
              >
                {percent(scale)}
              </button>
            ))}
          </div>
          <span className="muted">Presentation</span>
          <label className="row">
            <input type="checkbox" checked={presentation.on} onChange={presentation.toggle} data-testid="presentation-setting" />
            Hide names and amounts (Ctrl/⌘⇧P)
          </label>
          <span />
          <p className="muted settings-help">
            For showing the app on a client’s screen: clients, projects and consultants get stand-in names, amounts and notes are masked,
            and exports and printing are off until you turn it off.
          </p>
          {desktop && (
            <>
              <span />
              <label className="row">
                <input
                  type="checkbox"
                  checked={settings.data?.presentOnSecondDisplay ?? true}
                  onChange={(e) => update.mutate({ presentOnSecondDisplay: e.target.checked })}
                  data-testid="present-on-second-display"
                />
                Turn it on when a second display is connected
              </label>
            </>
          )}
        </div>
      </section>

      <section className="card">
        <div className="card-head">
          <h2>Workspace</h2>
          <span className="muted">Each keeps its own data; switching loses nothing.</span>
        </div>
        <div className="card-body settings-rows">
          <span className="muted">Open</span>
          <WorkspaceSwitch />
          <span />
          <p className="muted settings-help">
            {w?.kind === 'file'
              ? 'This session opened a replica file directly, so it cannot switch workspaces.'
              : 'Demo is a made-up Brisbane consultancy with two years of history, for trying things and presenting; it never syncs. Work is your company’s data: it starts empty and fills by its first sync with your central database.'}
          </p>
          <label className="muted" htmlFor="workspace-time-zone">
            Time zone
          </label>
          <select
            id="workspace-time-zone"
            className="select settings-zone"
            value={w?.timeZone ?? ''}
            onChange={(e) => e.target.value && update.mutate({ timeZone: e.target.value })}
            aria-describedby="workspace-time-zone-help"
          >
            {zones.map((zone) => (
              <option key={zone} value={zone}>
                {zone.replace(/_/g, ' ')}
              </option>
            ))}
          </select>
          <span />
          <p id="workspace-time-zone-help" className="muted settings-help">
            This workspace’s days and weeks are days in this zone{w?.kind === 'demo' ? ' (the demo consultancy works in Brisbane)' : ''}.
          </p>
          <span className="muted">File</span>
          <div className="muted num settings-path">{w?.path}</div>
          {w && w.kind !== 'file' && (
            <>
              <span className="muted">Demo</span>
              <div className="row">
                <button type="button" className="btn" onClick={() => void refreshDemo.refresh()} disabled={refreshDemo.pending}>
                  {refreshDemo.pending ? 'Refreshing the demo…' : 'Refresh demo…'}
                </button>
              </div>
              <span />
              <p className="muted settings-help">
                Makes the demo afresh with its history ending yesterday, so it never shows a month-old week. Work is not touched.
              </p>
            </>
          )}
        </div>
      </section>

      <section className="card">
        <div className="card-head">
          <h2>Consultant</h2>
        </div>
        <div className="card-body field">
          <span>Hours you track in this workspace are recorded for</span>
          <select
            className="select"
            value={settings.data?.consultantId ?? ''}
            onChange={(e) => e.target.value && update.mutate({ consultantId: e.target.value })}
            aria-label="Consultant"
          >
            <option value="">{(consultants.data ?? []).length === 0 ? 'No consultants yet: sync first' : 'Choose who you are…'}</option>
            {(consultants.data ?? []).map((c) => (
              <option key={c.id} value={c.id} disabled={!c.active}>
                {names('consultant', c.name)}
                {presentation.on ? '' : ` · ${c.email}`}
                {c.active ? '' : ' (inactive)'}
              </option>
            ))}
          </select>
        </div>
      </section>

      <CompanySettings />

      <CentralSettings />

      <SupportSettings />
    </div>
  );
}
