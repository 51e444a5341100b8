// Each screen's last search params (day, view, filters), so coming back through the sidebar
// returns to where you were, as Back and reload already do through the URL.
import { useRouter } from '@tanstack/react-router';
import { useCallback, useEffect } from 'react';

const memory = new Map<string, Record<string, unknown>>();

export function useLastSearch(): (path: string) => Record<string, unknown> {
  const router = useRouter();
  useEffect(() => {
    const remember = () => {
      const { pathname, search } = router.state.location;
      memory.set(pathname, search as Record<string, unknown>);
    };
    remember();
    return router.subscribe('onResolved', remember);
  }, [router]);
  return useCallback((path: string) => rememberedSearch(path), []);
}

/** The search params `path` had when last shown ({} if never): for links and redirects to it. */
export function rememberedSearch(path: string): Record<string, unknown> {
  return memory.get(path) ?? {};
}
