// Presentation mode (docs/presentation.md): the setting, and what every screen masks with while it
// is on. Money.tsx and Name.tsx read it, so a screen that renders through them is masked for free.
import { createContext, useCallback, useContext, useEffect, useMemo, type ReactNode } from 'react';
import { toast } from 'sonner';
import type { NameKind } from '../Name';
import { useApi, useApiMutation } from '../../api/hooks';
import { MASK } from './pseudonyms';
import { REFUSE_EXPORT, REFUSE_PRINT, sessionPseudonyms, setPresenting } from './state';

export interface Presentation {
  on: boolean;
  toggle(): void;
  /** A real name, or its pseudonym while presenting (the mask until the pseudonyms are ready). */
  name(kind: NameKind, name: string): string;
  /** Free text that may hold names (notes, job parameters and errors, a host): the mask while presenting. */
  text(text: string): string;
  /** Text shown anyway (a toast, a message): known names become pseudonyms, emails and amounts the mask. */
  scrub(text: string): string;
  /** False (and a toast saying why) while presenting: exports and printing are refused. */
  allowExport(kind?: 'export' | 'print'): boolean;
}

const off: Presentation = {
  on: false,
  toggle: () => undefined,
  name: (_kind, name) => name,
  text: (text) => text,
  scrub: (text) => text,
  allowExport: () => true,
};

const PresentationContext = createContext<Presentation>(off);

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

export function usePresentation(): Presentation {
  return useContext(PresentationContext);
}
