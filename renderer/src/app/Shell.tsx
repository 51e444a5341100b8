import { Link, Outlet, useMatches, useNavigate } from '@tanstack/react-router';
import { useEffect } from 'react';
import { Toaster } from 'sonner';
import { invoke } from '../api/client';
import { useApi } from '../api/hooks';
import { HoursCommandsProvider } from '../features/hours/commands';
import { Palette } from '../features/palette/Palette';
import { AsOf } from '../ui/AsOf';
import { TimerBadge } from '../features/hours/TimerBadge';
import { SyncIndicator } from '../features/sync/SyncIndicator';
import { ConfirmProvider } from '../ui/confirm';
import { Name } from '../ui/Name';
import { PresentationBanner, PresentationToggle } from '../ui/presentation/controls';
import { PresentationProvider } from '../ui/presentation/provider';
import { DisplayProvider } from './display';
import { BrandIcon, NAV } from './nav';
import { useLastSearch } from './last-search';
import { useTextScale, useTheme } from './theme';

/** The frame around every screen: sidebar, top bar, the screen itself, toasts and app-wide dialogs. */
export function Shell() {
  // The network is back: sync at once rather than at the next interval.
  useEffect(() => {
    const online = () => void invoke('sync.now').catch(() => undefined);
    window.addEventListener('online', online);
    return () => window.removeEventListener('online', online);
  }, []);
  const settings = useApi('settings.get');
  const workspace = useApi('workspace.info');
  useTheme(settings.data?.theme);
  useTextScale(settings.data?.textScale);
  const matches = useMatches();
  const title = [...matches].reverse().find((m) => m.staticData.title)?.staticData.title ?? 'Ops Console';
  useEffect(() => {
    document.title = `${title} · Ops Console`;
  }, [title]);
  const lastSearch = useLastSearch();
  const navigate = useNavigate();

  return (
    <DisplayProvider>
      <PresentationProvider>
        <ConfirmProvider>
          <HoursCommandsProvider>
            <div className="shell">
              <nav className="sidebar" aria-label="Main">
                <div className="brand">
                  <span className="brand-mark" aria-hidden>
                    <BrandIcon size={14} />
                  </span>
                  Ops Console
                </div>
                {NAV.map((item) => (
                  <Link
                    key={item.to}
                    to={item.to}
                    search={lastSearch(item.to) as never}
                    className="nav-link"
                    activeOptions={{ includeSearch: false }}
                  >
                    <item.icon size={16} aria-hidden />
                    {item.label}
                    {!item.ready && <span className="soon">soon</span>}
                  </Link>
                ))}
                <div className="sidebar-foot">
                  <SyncIndicator />
                  {workspace.data && (
                    <div className="sidebar-who">
                      <span>
                        {workspace.data.kind === 'demo'
                          ? 'Demo workspace'
                          : workspace.data.kind === 'file'
                            ? 'Replica file'
                            : 'Work workspace'}
                      </span>
                      <span>
                        {workspace.data.consultant ? (
                          <Name kind="consultant" name={workspace.data.consultant.name} />
                        ) : (
                          'No consultant chosen'
                        )}
                      </span>
                    </div>
                  )}
                </div>
              </nav>
              <main className="main">
                <PresentationBanner />
                <header className="topbar">
                  <h1>{title}</h1>
                  <div className="spacer" />
                  <AsOf />
                  <PresentationToggle />
                  <TimerBadge onOpen={() => void navigate({ to: '/hours', search: lastSearch('/hours') as never })} />
                </header>
                <Outlet />
              </main>
            </div>
            <Palette />
          </HoursCommandsProvider>
        </ConfirmProvider>
        <Toaster position="bottom-right" theme={settings.data?.theme ?? 'system'} richColors closeButton />
      </PresentationProvider>
    </DisplayProvider>
  );
}
