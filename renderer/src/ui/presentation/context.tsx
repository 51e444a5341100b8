// Presentation mode (docs/presentation.md): the setting, and what every screen masks with while it
// is on. Money.tsx and Name.tsx read it, so a screen that renders through them is masked for free.
// No API imports here: Money, Name and the export buttons read this without pulling in the client
// (the provider that talks to the core is provider.tsx).
import { createContext, useContext } from 'react';
import type { NameKind } from '../Name';

export interface Presentation {
  on: boolean;
  toggle(): void;
  /** Why it is on when the app turned it on by itself (a second display was connected). */
  reason?: string;
  /** A real name, or its pseudonym while presenting (the mask until the pseudonyms are ready). */
  name(kind: NameKind, name: string): string;
  /** Free text that may hold names (notes, job parameters and errors, a host): the mask while presenting. */
  text(text: string): string;
  /** Text shown anyway (a toast, a message): known names become pseudonyms, emails and amounts the mask. */
  scrub(text: string): string;
  /** False (and a toast saying why) while presenting: exports and printing are refused. */
  allowExport(kind?: 'export' | 'print'): boolean;
}

export const off: Presentation = {
  on: false,
  toggle: () => undefined,
  name: (_kind, name) => name,
  text: (text) => text,
  scrub: (text) => text,
  allowExport: () => true,
};

export const PresentationContext = createContext<Presentation>(off);

export function usePresentation(): Presentation {
  return useContext(PresentationContext);
}
