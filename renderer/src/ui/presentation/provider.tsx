// Presentation mode's provider: reads the setting, hands out the session's pseudonyms in id order,
// and listens for Ctrl/⌘⇧P. What it provides is in context.tsx.
import { useCallback, useEffect, useMemo, useState, type ReactNode } from 'react';
import { toast } from 'sonner';
import { subscribe } from '../../api/client';
import { useApi, useApiMutation } from '../../api/hooks';
import { off, PresentationContext, type Presentation } from './context';
import { MASK } from './pseudonyms';
import { REFUSE_EXPORT, REFUSE_PRINT, sessionPseudonyms, setPresenting } from './state';

/** What the desktop app said it did: it turned the mode on because a second display was connected. */
export const SECOND_DISPLAY_NOTICE = 'Presentation mode turned on: a second display was connected';

// Listened for from the moment the bundle runs (before React has mounted anything), so a notice the
// desktop app sends as the window finishes loading is not lost; the provider shows it once mounted.
let pendingNotice = false;
const noticeListeners = new Set<() => void>();
try {
  subscribe('app.command', ({ command }) => {
    if (command !== 'presenting-second-display') return;
    pendingNotice = true;
    for (const listener of noticeListeners) listener();
  });
} catch {
  // No transport in this context (a unit test rendering without the app's bridge): no notices.
}

function useSecondDisplayNotice(): boolean {
  const [shown, setShown] = useState(false);
  useEffect(() => {
    const show = () => {
      if (!pendingNotice) return;
      pendingNotice = false;
      setShown(true);
      toast.info(SECOND_DISPLAY_NOTICE);
    };
    noticeListeners.add(show);
    show();
    return () => void noticeListeners.delete(show);
  }, []);
  return shown;
}

export function PresentationProvider({ children }: { children: ReactNode }) {
  const autoOn = useSecondDisplayNotice();
  const settings = useApi('settings.get');
  const on = settings.data?.presentation ?? false;
  const update = useApiMutation('settings.update');
  // Pseudonyms in id order, so "Client A" is the same client whichever screen was opened first.
  const projects = useApi('projects.list', { includeArchived: true }, { enabled: on });
  const consultants = useApi('consultants.list', undefined, { enabled: on });
  const ready = projects.data !== undefined && consultants.data !== undefined;
  if (on && ready) {
    const byId = <T extends { id: string }>(rows: T[]) => [...rows].sort((a, b) => (a.id < b.id ? -1 : 1));
    const clients = new Map<string, string>();
    for (const p of [...projects.data].sort((a, b) => (a.clientId < b.clientId ? -1 : 1))) clients.set(p.clientId, p.clientName);
    sessionPseudonyms.seed('client', [...clients.values()]);
    sessionPseudonyms.seed(
      'project',
      byId(projects.data).map((p) => p.name),
    );
    sessionPseudonyms.seed(
      'consultant',
      byId(consultants.data).map((c) => c.name),
    );
  }
  setPresenting(on);

  useEffect(() => {
    document.documentElement.toggleAttribute('data-presenting', on);
  }, [on]);

  const { mutate } = update;
  const toggle = useCallback(() => mutate({ presentation: !on }), [mutate, on]);
  // The desktop app's View → Start / Stop Presenting.
  useEffect(() => subscribe('app.command', ({ command }) => command === 'toggle-presentation' && toggle()), [toggle]);

  const value = useMemo<Presentation>(
    () =>
      on
        ? {
            on,
            toggle,
            reason: autoOn ? SECOND_DISPLAY_NOTICE : undefined,
            name: (kind, name) => (ready ? sessionPseudonyms.of(kind, name) : MASK),
            text: (text) => (text.trim() ? MASK : text),
            scrub: (text) => sessionPseudonyms.scrub(text),
            allowExport: (kind = 'export') => {
              toast.info(kind === 'print' ? REFUSE_PRINT : REFUSE_EXPORT);
              return false;
            },
          }
        : { ...off, toggle },
    [on, ready, toggle, autoOn],
  );

  // Ctrl/⌘⇧P from anywhere (also inside a field: it is no character anyone types).
  useEffect(() => {
    const onKey = (event: KeyboardEvent) => {
      if ((event.ctrlKey || event.metaKey) && event.shiftKey && !event.altKey && event.key.toLowerCase() === 'p') {
        event.preventDefault();
        toggle();
      }
    };
    window.addEventListener('keydown', onKey);
    return () => window.removeEventListener('keydown', onKey);
  }, [toggle]);

  return <PresentationContext.Provider value={value}>{children}</PresentationContext.Provider>;
}
