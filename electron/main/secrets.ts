// The OS keychain behind the core's secret store: values are encrypted with safeStorage and kept
// in a file in the app's data folder. Where Linux has no keyring, safeStorage falls back to a
// fixed key ("basic_text"): the store says so, and Settings warns the user.
import { safeStorage } from 'electron';
import fs from 'node:fs';
import path from 'node:path';
import type { SecretStore } from '../core/central/secrets';

export class KeychainSecretStore implements SecretStore {
  readonly kind: SecretStore['kind'];
  private readonly file: string;
  private readonly memory = new Map<string, string>();

  constructor(dataDir: string, platform: NodeJS.Platform = process.platform) {
    this.file = path.join(dataDir, 'secrets.json');
    if (!safeStorage.isEncryptionAvailable()) this.kind = 'memory';
    else if (platform === 'linux' && safeStorage.getSelectedStorageBackend() === 'basic_text') this.kind = 'plaintext';
    else this.kind = 'keychain';
  }

  private read(): Record<string, string> {
    try {
      return JSON.parse(fs.readFileSync(this.file, 'utf8')) as Record<string, string>;
    } catch {
      return {};
    }
  }

  get(name: string): string | null {
    if (this.kind === 'memory') return this.memory.get(name) ?? null;
    const stored = this.read()[name];
    return stored ? safeStorage.decryptString(Buffer.from(stored, 'base64')) : null;
  }

  set(name: string, value: string | null): void {
    if (this.kind === 'memory') {
      if (value === null) this.memory.delete(name);
      else this.memory.set(name, value);
      return;
    }
    const all = this.read();
    if (value === null) delete all[name];
    else all[name] = safeStorage.encryptString(value).toString('base64');
    fs.mkdirSync(path.dirname(this.file), { recursive: true });
    fs.writeFileSync(this.file, JSON.stringify(all), { mode: 0o600 });
  }
}
