// Stable stand-ins for real names while presenting: "Client A", "Project 7", "Consultant 3".
// Pure (no React), so the leak-prone places outside components (toasts, error messages) can use it.
import type { NameKind } from '../Name';

/** The mask every amount and every piece of free text becomes: the same width whatever it hides. */
export const MASK = '•••••';

function clientLabel(index: number): string {
  // A … Z, then AA, AB …: letters keep clients apart from numbered projects and consultants.
  let label = '';
  for (let n = index; n >= 0; n = Math.floor(n / 26) - 1) label = String.fromCharCode(65 + (n % 26)) + label;
  return label;
}

const WORDS: Record<Exclude<NameKind, 'client'>, string> = {
  project: 'Project',
  consultant: 'Consultant',
  company: 'Company',
  contact: 'Contact',
};

function label(kind: NameKind, index: number): string {
  if (kind === 'client') return `Client ${clientLabel(index)}`;
  return `${WORDS[kind]} ${index + 1}`;
}

const EMAIL = /[\w.+-]+@[\w-]+(\.[\w-]+)+/g;
// A currency sign or code next to digits, or a figure with cents: "$1,234", "AUD 12", "1,234.50".
const MONEY = /(?:[$€£¥]|\b(?:AUD|USD|EUR|GBP|NZD)\s?)\s?-?\d[\d,]*(?:\.\d+)?\s?[KMB]?\b|\b\d{1,3}(?:,\d{3})*\.\d\d\b/g;

/**
 * One session's pseudonyms. A name keeps the pseudonym it was first given for the whole session
 * (the same on every screen, and again if the mode is turned off and on); `seed` hands them out in
 * id order first, so they do not depend on which screen was opened first.
 */
export class Pseudonyms {
  private readonly byKind: Record<NameKind, Map<string, string>> = {
    client: new Map(),
    project: new Map(),
    consultant: new Map(),
    company: new Map(),
    contact: new Map(),
  };

  /** Gives each name not seen yet the next pseudonym of its kind, in the order given. */
  seed(kind: NameKind, names: readonly string[]): void {
    for (const name of names) this.of(kind, name);
  }

  of(kind: NameKind, name: string): string {
    const map = this.byKind[kind];
    let pseudonym = map.get(name);
    if (pseudonym === undefined) {
      pseudonym = label(kind, map.size);
      map.set(name, pseudonym);
    }
    return pseudonym;
  }

  /**
   * Free text that is shown anyway (a toast, an error message): every known real name becomes its
   * pseudonym (longest first, so "Acme Group" is not half-replaced by "Acme"), every email and
   * every money figure the mask.
   */
  scrub(text: string): string {
    const known: [string, string][] = [];
    for (const map of Object.values(this.byKind)) for (const [name, pseudonym] of map) if (name.trim()) known.push([name, pseudonym]);
    known.sort((a, b) => b[0].length - a[0].length);
    let out = text.replace(EMAIL, MASK);
    for (const [name, pseudonym] of known) out = out.split(name).join(pseudonym);
    return out.replace(MONEY, MASK);
  }
}
