import { useQueryClient } from '@tanstack/react-query';
import { BarChart3, Clock, FolderKanban, Receipt, RefreshCw, Settings, Workflow } from 'lucide-react';
import { Toaster } from 'sonner';
import { useEffect } from 'react';
import { invoke, subscribe } from '../api/client';
import { useApi, useCoreEvents } from '../api/hooks';
import { ComingPage } from '../features/coming/ComingPage';
import { HoursPage } from '../features/hours/HoursPage';
import { TimerBadge } from '../features/hours/TimerBadge';
import { SettingsPage } from '../features/settings/SettingsPage';
import { SyncIndicator } from '../features/sync/SyncIndicator';
import { SyncPage } from '../features/sync/SyncPage';
import { ROUTES, useRoute, type RouteId } from './routes';
import { useTheme } from './theme';

const ICONS: Record<RouteId, typeof Clock> = {
  hours: Clock,
  projects: FolderKanban,
  billing: Receipt,
  pipelines: Workflow,
  sync: RefreshCw,
  settings: Settings,
};

export function App() {
  const client = useQueryClient();
  useCoreEvents(client);
  const [route, navigate] = useRoute();
  // The network is back: sync at once rather than at the next interval.
  useEffect(() => {
    const online = () => void invoke('sync.now').catch(() => undefined);
    window.addEventListener('online', online);
    return () => window.removeEventListener('online', online);
  }, []);
  useEffect(() => subscribe('app.command', ({ command }) => command === 'go-hours' && navigate('hours')), [navigate]);
  const settings = useApi('settings.get');
  const workspace = useApi('workspace.info');
  useTheme(settings.data?.theme);
  const title = ROUTES.find((r) => r.id === route)!.label;

  return (
    <>
      <div className="shell">
        <nav className="sidebar" aria-label="Main">
          <div className="brand">
            <span className="brand-mark" aria-hidden>
              <BarChart3 size={14} />
            </span>
            Ops Console
          </div>
          {ROUTES.map((r) => {
            const Icon = ICONS[r.id];
            return (
              <a key={r.id} href={`#/${r.id}`} className="nav-link" aria-current={route === r.id ? 'page' : undefined}>
                <Icon size={16} aria-hidden />
                {r.label}
                {!r.ready && <span className="soon">soon</span>}
              </a>
            );
          })}
          <div className="sidebar-foot">
            <SyncIndicator />
            {workspace.data && (
              <>
                <span>
                  {workspace.data.kind === 'demo' ? 'Demo workspace' : workspace.data.kind === 'empty' ? 'Empty workspace' : 'Replica file'}
                </span>
                <span>{workspace.data.consultant?.name ?? 'No consultant chosen'}</span>
              </>
            )}
          </div>
        </nav>
        <main className="main">
          <header className="topbar">
            <h1>{title}</h1>
            <div className="spacer" />
            <TimerBadge onOpen={() => navigate('hours')} />
          </header>
          {route === 'hours' && <HoursPage />}
          {route === 'settings' && <SettingsPage />}
          {route === 'sync' && <SyncPage />}
          {!['hours', 'settings', 'sync'].includes(route) && <ComingPage route={route} />}
        </main>
      </div>
      <Toaster position="bottom-right" theme={settings.data?.theme ?? 'system'} richColors closeButton />
    </>
  );
}
