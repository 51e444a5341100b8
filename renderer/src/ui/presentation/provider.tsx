// Presentation mode's provider: reads the setting, hands out the session's pseudonyms in id order,
// and listens for Ctrl/⌘⇧P. What it provides is in context.tsx.
import { useCallback, useEffect, useMemo, type ReactNode } from 'react';
import { toast } from 'sonner';
import { useApi, useApiMutation } from '../../api/hooks';
import { off, PresentationContext, type Presentation } from './context';
import { MASK } from './pseudonyms';
import { REFUSE_EXPORT, REFUSE_PRINT, sessionPseudonyms, setPresenting } from './state';

export function PresentationProvider({ children }: { children: ReactNode }) {
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

  const value = useMemo<Presentation>(
    () =>
      on
        ? {
            on,
            toggle,
            name: (kind, name) => (ready ? sessionPseudonyms.of(kind, name) : MASK),
            text: (text) => (text.trim() ? MASK : text),
            scrub: (text) => sessionPseudonyms.scrub(text),
            allowExport: (kind = 'export') => {
              toast.info(kind === 'print' ? REFUSE_PRINT : REFUSE_EXPORT);
              return false;
            },
          }
        : { ...off, toggle },
    [on, ready, toggle],
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
