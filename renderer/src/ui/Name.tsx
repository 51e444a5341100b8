// Every client, project, consultant, company and contact name on every screen goes through here (and chart labels
// through useNames), so presentation mode can replace them with stable pseudonyms in one place.
import { useMemo } from 'react';
import { usePresentation } from './presentation/context';

/** company and contact: a lead's, before it is a client (masked alike). */
export type NameKind = 'client' | 'project' | 'consultant' | 'company' | 'contact';

/** A real name, or while presenting its pseudonym for the session ("Client A", "Project 7"). */
export function useNames(): (kind: NameKind, name: string | null | undefined) => string {
  const presentation = usePresentation();
  return useMemo(() => (kind: NameKind, name: string | null | undefined) => (name ? presentation.name(kind, name) : '—'), [presentation]);
}

export function Name({ kind, name }: { kind: NameKind; name: string | null | undefined }) {
  const names = useNames();
  return <span className={`name name-${kind}`}>{names(kind, name)}</span>;
}
