import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { contentSecurityPolicy } from '../core/security';
import {
  allowedOrigin,
  APP_ORIGIN,
  devServerUrl,
  isAllowedNavigation,
  isAllowedPermission,
  isExternalWebLink,
  isTrustedSender,
  resolveAppAsset,
} from './security';

describe('navigation and senders', () => {
  const origin = allowedOrigin(undefined);
  it('allows only the app origin', () => {
    expect(origin).toBe(APP_ORIGIN);
    expect(isAllowedNavigation('app://ops/index.html#/hours', origin)).toBe(true);
    expect(isAllowedNavigation('https://evil.example/', origin)).toBe(false);
    expect(isAllowedNavigation('app://other/index.html', origin)).toBe(false);
    expect(isAllowedNavigation('file:///etc/passwd', origin)).toBe(false);
    expect(isAllowedNavigation('not a url', origin)).toBe(false);
  });
  it('uses the dev server origin during development only', () => {
    expect(allowedOrigin('http://localhost:5173/')).toBe('http://localhost:5173');
  });
  it('trusts only the top frame of the app', () => {
    expect(isTrustedSender({ url: 'app://ops/index.html', parent: null }, origin)).toBe(true);
    expect(isTrustedSender({ url: 'app://ops/index.html', parent: {} }, origin)).toBe(false);
    expect(isTrustedSender({ url: 'https://evil.example/', parent: null }, origin)).toBe(false);
    expect(isTrustedSender(null, origin)).toBe(false);
  });
  it.each([
    ['clipboard-sanitized-write', 'app://ops/index.html#/settings', true],
    ['clipboard-sanitized-write', 'https://evil.example/', false],
    ['clipboard-sanitized-write', undefined, false],
    ['clipboard-read', 'app://ops/index.html', false],
    ['media', 'app://ops/index.html', false],
    ['notifications', 'app://ops/index.html', false],
    ['openExternal', 'app://ops/index.html', false],
  ] as const)('permission %s from %s: %s', (permission, url, allowed) => {
    expect(isAllowedPermission(permission, url, origin)).toBe(allowed);
  });
  it('opens only https links externally', () => {
    expect(isExternalWebLink('https://example.com')).toBe(true);
    expect(isExternalWebLink('file:///etc/passwd')).toBe(false);
    expect(isExternalWebLink('smb://host/share')).toBe(false);
    expect(isExternalWebLink('http://example.com')).toBe(false);
    expect(isExternalWebLink('https://user:secret@example.com/')).toBe(false);
    expect(isExternalWebLink('ms-settings:')).toBe(false);
    expect(isExternalWebLink('not a url')).toBe(false);
  });
  it('loads a dev server only unpackaged and only from this machine', () => {
    expect(devServerUrl(false, 'http://localhost:5173/')).toBe('http://localhost:5173/');
    expect(devServerUrl(false, 'http://127.0.0.1:5173/')).toBe('http://127.0.0.1:5173/');
    expect(devServerUrl(true, 'http://localhost:5173/')).toBeUndefined();
    expect(devServerUrl(false, 'https://evil.example/')).toBeUndefined();
    expect(devServerUrl(false, 'file:///tmp/index.html')).toBeUndefined();
    expect(devServerUrl(false, 'garbage')).toBeUndefined();
    expect(devServerUrl(false, undefined)).toBeUndefined();
  });
});

describe('app protocol', () => {
  const root = path.resolve('/app/out/renderer');
  it('serves files from the renderer build', () => {
    expect(resolveAppAsset(root, 'app://ops/')).toBe(path.join(root, 'index.html'));
    expect(resolveAppAsset(root, 'app://ops/assets/index.js')).toBe(path.join(root, 'assets/index.js'));
  });
  it('cannot be steered outside it', () => {
    expect(resolveAppAsset(root, 'app://ops/../../etc/passwd')).toBe(path.join(root, 'etc/passwd'));
    expect(resolveAppAsset(root, 'app://ops/%2e%2e/%2e%2e/etc/passwd')).toBe(path.join(root, 'etc/passwd'));
    expect(resolveAppAsset(root, 'app://ops/..%2f..%2fetc%2fpasswd')).toBe(path.join(root, 'etc/passwd'));
    expect(resolveAppAsset(root, 'app://other/index.html')).toBeNull();
    expect(resolveAppAsset(root, 'file:///etc/passwd')).toBeNull();
    expect(resolveAppAsset(root, 'app://ops/%E0%A4%A')).toBeNull();
  });
});

describe('content security policy', () => {
  it('allows only the app’s own scripts in production', () => {
    const csp = contentSecurityPolicy();
    expect(csp).toContain("script-src 'self'");
    expect(csp).not.toMatch(/script-src[^;]*unsafe/);
    expect(csp).toContain("object-src 'none'");
    expect(csp).toContain("frame-ancestors 'none'");
  });
});
