import fs from 'node:fs';
import path from 'node:path';
import { describe, expect, it, vi } from 'vitest';
import { tempDir } from '../core/testing';

const safeStorage = vi.hoisted(() => ({
  available: true,
  backend: 'gnome_libsecret',
  isEncryptionAvailable: () => safeStorage.available,
  getSelectedStorageBackend: () => safeStorage.backend,
  encryptString: (value: string) => Buffer.from(`enc:${[...value].reverse().join('')}`),
  decryptString: (buffer: Buffer) => [...buffer.toString().slice(4)].reverse().join(''),
}));
vi.mock('electron', () => ({ safeStorage }));
const { KeychainSecretStore } = await import('./secrets');

describe('keychain secret store', () => {
  it('keeps the password encrypted on disk, never in clear', () => {
    const dir = tempDir();
    const store = new KeychainSecretStore(dir, 'linux');
    expect(store.kind).toBe('keychain');
    store.set('central-password', 's3cret-pw');
    expect(fs.readFileSync(path.join(dir, 'secrets.json'), 'utf8')).not.toContain('s3cret-pw');
    expect(new KeychainSecretStore(dir, 'linux').get('central-password')).toBe('s3cret-pw');
    store.set('central-password', null);
    expect(store.get('central-password')).toBeNull();
  });

  it('says so when Linux falls back to plain text, and keeps secrets in memory when there is no encryption', () => {
    safeStorage.backend = 'basic_text';
    expect(new KeychainSecretStore(tempDir(), 'linux').kind).toBe('plaintext');
    safeStorage.available = false;
    const dir = tempDir();
    const store = new KeychainSecretStore(dir, 'linux');
    expect(store.kind).toBe('memory');
    store.set('central-password', 'pw');
    expect(store.get('central-password')).toBe('pw');
    expect(fs.existsSync(path.join(dir, 'secrets.json'))).toBe(false);
  });
});
