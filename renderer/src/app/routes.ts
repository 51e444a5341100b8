// Screens of the app, in sidebar order. Hash routes keep the renderer loadable from file and
// custom-protocol URLs alike.
import { useCallback, useEffect, useState } from 'react';

export const ROUTES = [
  { id: 'hours', label: 'Hours', ready: true },
  { id: 'projects', label: 'Projects', ready: false },
  { id: 'billing', label: 'Billing', ready: false },
  { id: 'pipelines', label: 'Pipelines', ready: false },
  { id: 'sync', label: 'Sync', ready: true },
  { id: 'settings', label: 'Settings', ready: true },
] as const;
export type RouteId = (typeof ROUTES)[number]['id'];

function current(): RouteId {
  const id = window.location.hash.replace(/^#\/?/, '');
  return ROUTES.some((r) => r.id === id) ? (id as RouteId) : 'hours';
}

export function useRoute(): [RouteId, (id: RouteId) => void] {
  const [route, setRoute] = useState<RouteId>(current);
  useEffect(() => {
    const onChange = () => setRoute(current());
    window.addEventListener('hashchange', onChange);
    return () => window.removeEventListener('hashchange', onChange);
  }, []);
  const navigate = useCallback((id: RouteId) => {
    window.location.hash = `/${id}`;
  }, []);
  return [route, navigate];
}
