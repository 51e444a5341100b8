// The Electron security checklist as pure, tested functions. Nothing here imports electron, so
// every rule runs under plain Node in the unit tests.
import path from 'node:path';

/** The renderer is served from this custom scheme in production; nothing else is trusted. */
export const APP_SCHEME = 'app';
export const APP_HOST = 'ops';
export const APP_ORIGIN = `${APP_SCHEME}://${APP_HOST}`;

/** The one origin the window may show: the app protocol, or the dev server during `npm start`. */
export function allowedOrigin(devServerUrl: string | undefined): string {
  return devServerUrl ? new URL(devServerUrl).origin : APP_ORIGIN;
}

function originOf(url: string): string | null {
  try {
    const parsed = new URL(url);
    // URL gives "null" as the origin of non-special schemes; rebuild it for app://.
    return parsed.protocol === `${APP_SCHEME}:` ? `${APP_SCHEME}://${parsed.host}` : parsed.origin;
  } catch {
    return null;
  }
}

/** In-app navigation only (hash routes); anything else is refused. */
export function isAllowedNavigation(url: string, origin: string): boolean {
  return originOf(url) === origin;
}

/** IPC is answered only for the app's own top-level frame. */
export function isTrustedSender(frame: { url: string; parent: unknown } | null | undefined, origin: string): boolean {
  return !!frame && frame.parent === null && originOf(frame.url) === origin;
}

/**
 * The one permission the window may have: writing plain text to the clipboard (Settings → Copy
 * diagnostics), asked by the app's own page. Reading the clipboard, the camera, notifications,
 * anything else, and any other page: refused.
 */
export function isAllowedPermission(permission: string, requestingUrl: string | undefined, origin: string): boolean {
  return permission === 'clipboard-sanitized-write' && !!requestingUrl && originOf(requestingUrl) === origin;
}

/**
 * Links the user clicks open in the system browser, but only plain https links: no file:, smb:,
 * custom schemes (which could start another program), no plain http, no user:password@ in the URL.
 */
export function isExternalWebLink(url: string): boolean {
  try {
    const parsed = new URL(url);
    return parsed.protocol === 'https:' && parsed.username === '' && parsed.password === '';
  } catch {
    return false;
  }
}

/**
 * The dev server to load instead of the app protocol: only during `npm start` (never in the
 * installed app, whatever the environment says) and only on this machine.
 */
export function devServerUrl(isPackaged: boolean, envUrl: string | undefined): string | undefined {
  if (isPackaged || !envUrl) return undefined;
  try {
    const url = new URL(envUrl);
    const local = ['localhost', '127.0.0.1', '[::1]'].includes(url.hostname);
    return local && (url.protocol === 'http:' || url.protocol === 'https:') ? envUrl : undefined;
  } catch {
    return undefined;
  }
}

/**
 * Maps an app:// request to a file inside the renderer build, or null. A request can never reach
 * outside the build folder (no `..`, no absolute paths, no other hosts).
 */
export function resolveAppAsset(rendererRoot: string, requestUrl: string): string | null {
  let url: URL;
  try {
    url = new URL(requestUrl);
  } catch {
    return null;
  }
  if (url.protocol !== `${APP_SCHEME}:` || url.host !== APP_HOST) return null;
  let pathname: string;
  try {
    pathname = decodeURIComponent(url.pathname);
  } catch {
    return null;
  }
  const root = path.resolve(rendererRoot);
  const file = path.resolve(root, `.${path.posix.normalize(`/${pathname}`)}`);
  if (file !== root && !file.startsWith(root + path.sep)) return null;
  return file === root ? path.join(root, 'index.html') : file;
}
