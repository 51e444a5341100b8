// Where the central password lives. The Electron shell provides an OS-keychain store
// (safeStorage); the `ops` command and the browser host keep it in memory only (it comes from
// --central / OPS_CENTRAL_URL). The password is never logged and never sent to the renderer.
export interface SecretStore {
  /** keychain: encrypted by the OS; plaintext: Linux without a keyring (the user is warned). */
  readonly kind: 'keychain' | 'plaintext' | 'memory';
  get(name: string): string | null;
  set(name: string, value: string | null): void;
}

export class MemorySecretStore implements SecretStore {
  readonly kind = 'memory' as const;
  private readonly values = new Map<string, string>();

  get(name: string): string | null {
    return this.values.get(name) ?? null;
  }

  set(name: string, value: string | null): void {
    if (value === null) this.values.delete(name);
    else this.values.set(name, value);
  }
}

export const CENTRAL_PASSWORD = 'central-password';

/** Splits a connection URL into the part kept in settings and the password kept as a secret. */
export function splitCentralUrl(input: string): { url: string; password: string | null } {
  const parsed = new URL(input);
  if (parsed.protocol !== 'postgres:' && parsed.protocol !== 'postgresql:') throw new Error('not a postgres URL');
  const password = parsed.password ? decodeURIComponent(parsed.password) : null;
  parsed.password = '';
  return { url: parsed.toString(), password };
}

export function withPassword(url: string, password: string | null): string {
  if (!password) return url;
  const parsed = new URL(url);
  parsed.password = encodeURIComponent(password);
  return parsed.toString();
}
