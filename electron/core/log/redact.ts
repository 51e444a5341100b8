// What may never reach a log file or the diagnostics text: passwords, tokens, webhook secrets,
// connection-string passwords, Authorization headers. Two nets: values under a secret-sounding key
// are replaced whole, and text is scrubbed of the shapes secrets take (and of the exact secrets the
// core was given this session), wherever in a message they hide.

import type { SecretStore } from '../central/secrets';

export const REDACTED = '[redacted]';

/** Keys whose values are secrets whatever they hold. */
const SECRET_KEY = /pass(word|wd|phrase)?$|secret|token|authori[sz]ation|cookie|api[-_]?key|credential|private[-_]?key|^pwd$/i;

/** The exact secrets this process was given (the central password, the webhook secret). */
const known = new Set<string>();

/** Remember a secret so any text that holds it is scrubbed (short values are too common to mask safely). */
export function rememberSecret(value: string | null | undefined): void {
  if (value && value.length >= 4) known.add(value);
}

/** The password in a connection URL, if it has one. */
export function centralPassword(url: string | undefined): string | null {
  if (!url) return null;
  try {
    const password = new URL(url).password;
    return password ? decodeURIComponent(password) : null;
  } catch {
    return null;
  }
}

/** The store, with every secret read from it or put in it remembered (so scrubbed from the log). */
export function rememberingSecrets(store: SecretStore): SecretStore {
  return {
    get kind() {
      return store.kind;
    },
    get(name) {
      const value = store.get(name);
      rememberSecret(value);
      return value;
    },
    set(name, value) {
      rememberSecret(value);
      store.set(name, value);
    },
  };
}

/** Test helper: forget the remembered secrets. */
export function forgetSecrets(): void {
  known.clear();
}

const PATTERNS: [RegExp, string][] = [
  // scheme://user:password@host → scheme://user:[redacted]@host (postgres, http, amqp …)
  [/\b([a-z][a-z0-9+.-]*:\/\/[^\s:/@]*):[^\s@/]*@/gi, `$1:${REDACTED}@`],
  // Authorization: Bearer …, Basic …; and a bare "Bearer xyz"
  [/\b(authorization\s*[:=]\s*)("?)[^\r\n"]*\2/gi, `$1$2${REDACTED}$2`],
  [/\b(bearer|basic)\s+[A-Za-z0-9._~+/=-]{8,}/gi, `$1 ${REDACTED}`],
  // Standard Webhooks secrets (whsec_…) and signatures (v1,<base64>)
  [/\bwhsec_[A-Za-z0-9+/=_-]+/g, `whsec_${REDACTED}`],
  [/\bv1,[A-Za-z0-9+/=]{16,}/g, `v1,${REDACTED}`],
  // key=value and "key": "value" pairs (libpq conninfo, query strings, JSON in a message)
  [
    /\b((?:password|passwd|pwd|secret|token|api[-_]?key|access[-_]?token|refresh[-_]?token|client[-_]?secret)\s*[=:]\s*)("?)(?:[^\s&;,"']+)\2/gi,
    `$1$2${REDACTED}$2`,
  ],
  [/("(?:password|passwd|secret|token|apiKey|api_key|authorization)"\s*:\s*)"(?:[^"\\]|\\.)*"/gi, `$1"${REDACTED}"`],
];

/** The text with every secret-shaped part replaced. */
export function redactText(text: string): string {
  let out = text;
  for (const secret of known) out = out.split(secret).join(REDACTED);
  for (const [pattern, replacement] of PATTERNS) out = out.replace(pattern, replacement);
  return out;
}

/** A deep copy of `value` safe to write down: secret keys' values replaced, every string scrubbed. */
export function redactValue(value: unknown, depth = 0): unknown {
  if (typeof value === 'string') return redactText(value);
  if (value === null || typeof value !== 'object') return value;
  if (depth > 8) return '[too deep]';
  if (value instanceof Error) return redactValue(errorFields(value), depth);
  if (Array.isArray(value)) return value.map((item) => redactValue(item, depth + 1));
  const out: Record<string, unknown> = {};
  for (const [key, item] of Object.entries(value)) {
    out[key] =
      SECRET_KEY.test(key) && item !== null && item !== undefined && typeof item !== 'boolean' ? REDACTED : redactValue(item, depth + 1);
  }
  return out;
}

/** An error as plain fields (its own enumerable ones, such as a pg error's code, kept). */
function errorFields(error: Error): Record<string, unknown> {
  const { name, message, stack } = error;
  const extra: Record<string, unknown> = {};
  for (const [key, value] of Object.entries(error)) if (typeof value !== 'object' || value === null) extra[key] = value;
  const cause = (error as { cause?: unknown }).cause;
  return { name, message, ...extra, stack, ...(cause !== undefined ? { cause } : {}) };
}
