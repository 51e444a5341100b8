// The browser host: the same renderer and the same contract over HTTP on loopback, for end-to-end
// tests in a real browser and for presenting from any browser. Every API request needs the
// per-run token; the Host header must be loopback, which defeats DNS-rebinding attacks; a call from a
// page of another origin is refused even with a leaked token, and no CORS header is ever sent.
import crypto from 'node:crypto';
import fs from 'node:fs';
import http from 'node:http';
import path from 'node:path';
import { EVENT_NAMES } from '../../shared/contract';
import type { Core } from '../core/api';
import { contentSecurityPolicy } from '../core/security';

export interface WebHostOptions {
  core: Core;
  /** Built renderer (index.html and assets). */
  staticDir: string;
  token?: string;
  port?: number;
}

export interface WebHost {
  url: string;
  token: string;
  port: number;
  close(): Promise<void>;
}

const MAX_BODY_BYTES = 1024 * 1024;
/** An oversized body up to this is read to its end, so its client gets the 413 rather than a reset. */
const MAX_DRAINED_BYTES = 16 * 1024 * 1024;
const CONTENT_TYPES: Record<string, string> = {
  '.html': 'text/html; charset=utf-8',
  '.js': 'text/javascript; charset=utf-8',
  '.css': 'text/css; charset=utf-8',
  '.svg': 'image/svg+xml',
  '.png': 'image/png',
  '.ico': 'image/x-icon',
  '.woff2': 'font/woff2',
  '.json': 'application/json',
};

export async function startWebHost(options: WebHostOptions): Promise<WebHost> {
  const token = options.token ?? crypto.randomBytes(24).toString('base64url');
  const staticDir = path.resolve(options.staticDir);
  const streams = new Set<http.ServerResponse>();
  let port = 0;

  const server = http.createServer((req, res) => {
    setSecurityHeaders(res);
    if (!isLoopbackHost(req.headers.host, port)) return sendJson(res, 421, { message: 'This host only answers on 127.0.0.1.' });
    const url = URL.parse(req.url ?? '/', 'http://127.0.0.1');
    // `//%`, `//a:b`: read as a host name, not a path; `new URL` threw, an uncaught exception that stopped the host.
    if (!url) return sendJson(res, 400, { message: 'The address is not valid.' });
    if (url.pathname.startsWith('/api/')) {
      if (!isSameOrigin(req, port))
        return sendJson(res, 403, {
          message: 'Calls from another site are refused: open Ops Console from the URL `npm run serve` printed.',
        });
      if (!hasToken(req, url, token))
        return sendJson(res, 401, { message: 'Missing or wrong token: open the URL that `npm run serve` printed.' });
      // The page's reconnect probe: the host answers, and takes this token.
      if (url.pathname === '/api/ping' && req.method === 'GET') return sendJson(res, 200, { ok: true });
      if (url.pathname === '/api/events' && req.method === 'GET') return openEventStream(options.core, res, streams);
      const channel = /^\/api\/invoke\/([\w.]+)$/.exec(url.pathname)?.[1];
      if (channel && req.method === 'POST')
        return void invoke(options.core, channel, req, res).catch(() => {
          // The client went away mid-request (its upload cut off): no one is left to answer, and an
          // unhandled rejection would stop the host for every other page.
          if (!res.headersSent) res.destroy();
        });
      return sendJson(res, 404, { message: 'No such API route.' });
    }
    if (req.method !== 'GET' && req.method !== 'HEAD') return sendJson(res, 405, { message: 'Method not allowed.' });
    serveStatic(staticDir, url.pathname, res);
  });

  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(options.port ?? 0, '127.0.0.1', () => resolve());
  });
  port = (server.address() as { port: number }).port;

  return {
    url: `http://127.0.0.1:${port}/?token=${token}`,
    token,
    port,
    close: () =>
      new Promise((resolve) => {
        for (const stream of streams) stream.end();
        server.close(() => resolve());
        server.closeAllConnections();
      }),
  };
}

function setSecurityHeaders(res: http.ServerResponse): void {
  res.setHeader('X-Content-Type-Options', 'nosniff');
  res.setHeader('Referrer-Policy', 'no-referrer');
  res.setHeader('X-Frame-Options', 'DENY');
  res.setHeader('Cross-Origin-Opener-Policy', 'same-origin');
  res.setHeader('Cross-Origin-Resource-Policy', 'same-origin');
}

/**
 * The browser says where a call comes from: `Origin` on every POST and cross-origin request, and
 * `Sec-Fetch-Site` on every request of a current browser. Either naming another site refuses the
 * call; a client that sends neither (the CLI's tests, curl) is not a browser page.
 */
export function isSameOrigin(req: http.IncomingMessage, port: number): boolean {
  const origin = req.headers.origin;
  if (origin !== undefined && origin !== `http://127.0.0.1:${port}` && origin !== `http://localhost:${port}`) return false;
  const site = req.headers['sec-fetch-site'];
  return site === undefined || site === 'same-origin' || site === 'none';
}

export function isLoopbackHost(host: string | undefined, port: number): boolean {
  return host === `127.0.0.1:${port}` || host === `localhost:${port}`;
}

function hasToken(req: http.IncomingMessage, url: URL, token: string): boolean {
  const header = req.headers.authorization;
  // EventSource cannot send headers, so the event stream takes the token as a query parameter.
  const given = header?.startsWith('Bearer ') ? header.slice(7) : url.pathname === '/api/events' ? url.searchParams.get('token') : null;
  if (!given) return false;
  const a = Buffer.from(given);
  const b = Buffer.from(token);
  return a.length === b.length && crypto.timingSafeEqual(a, b);
}

async function invoke(core: Core, channel: string, req: http.IncomingMessage, res: http.ServerResponse): Promise<void> {
  let body = '';
  let size = 0;
  const declared = Number(req.headers['content-length'] ?? 0);
  if (declared > MAX_DRAINED_BYTES) return refuseTooLarge(req, res, true);
  for await (const chunk of req) {
    size += (chunk as Buffer).length;
    if (size > MAX_DRAINED_BYTES) return refuseTooLarge(req, res, true);
    if (size > MAX_BODY_BYTES) continue; // read on to the end, keeping nothing
    body += chunk;
  }
  if (size > MAX_BODY_BYTES) return refuseTooLarge(req, res, false);
  let input: unknown;
  try {
    input = body ? JSON.parse(body) : undefined;
  } catch {
    return sendJson(res, 400, { ok: false, error: { code: 'invalid_input', message: 'The request body is not valid JSON.' } });
  }
  const began = performance.now();
  const result = await core.invoke(channel, input);
  const answered = performance.now();
  const text = JSON.stringify(result);
  // Where a call's time goes, for the browser's devtools and the benchmark: the core, then the JSON.
  res.setHeader('Server-Timing', `core;dur=${(answered - began).toFixed(1)}, json;dur=${(performance.now() - answered).toFixed(1)}`);
  sendJsonText(res, 200, text);
}

/**
 * 413, and the connection closed once the answer is out, so the client's next request opens a fresh
 * one instead of failing on this one. A body too large even to drain is cut off after the answer.
 */
function refuseTooLarge(req: http.IncomingMessage, res: http.ServerResponse, cutOff: boolean): void {
  res.setHeader('Connection', 'close');
  sendJson(res, 413, {
    ok: false,
    error: { code: 'invalid_input', message: `The request is larger than ${MAX_BODY_BYTES / 1024 / 1024} MB: send less at a time.` },
  });
  if (cutOff) res.on('finish', () => req.socket.destroySoon());
}

function openEventStream(core: Core, res: http.ServerResponse, streams: Set<http.ServerResponse>): void {
  res.writeHead(200, { 'Content-Type': 'text/event-stream', 'Cache-Control': 'no-store', Connection: 'keep-alive' });
  res.write(': connected\n\n');
  streams.add(res);
  const unsubscribe = EVENT_NAMES.map((name) =>
    core.on(name, (payload) => res.write(`event: ${name}\ndata: ${JSON.stringify(payload)}\n\n`)),
  );
  const heartbeat = setInterval(() => res.write(': ping\n\n'), 25_000).unref();
  res.on('close', () => {
    clearInterval(heartbeat);
    unsubscribe.forEach((off) => off());
    streams.delete(res);
  });
}

function serveStatic(root: string, pathname: string, res: http.ServerResponse): void {
  let decoded: string;
  try {
    decoded = decodeURIComponent(pathname);
  } catch {
    // `%E0%A4%A`, a lone `%`: thrown here, it was an uncaught exception that stopped the host.
    return sendJson(res, 400, { message: 'The address is not valid: a % in it is not followed by a character code.' });
  }
  const relative = decoded.replace(/^\/+/, '');
  let file = path.resolve(root, relative || 'index.html');
  // Never outside the renderer build; unknown paths get the app (client-side routes).
  if (!file.startsWith(root + path.sep) || !fs.existsSync(file) || fs.statSync(file).isDirectory()) file = path.join(root, 'index.html');
  if (!fs.existsSync(file)) return sendJson(res, 503, { message: 'The renderer is not built: run `npm run build:web`.' });
  const type = CONTENT_TYPES[path.extname(file)] ?? 'application/octet-stream';
  res.setHeader('Content-Type', type);
  if (type.startsWith('text/html')) {
    res.setHeader('Content-Security-Policy', contentSecurityPolicy());
    res.setHeader('Cache-Control', 'no-store');
  } else {
    res.setHeader('Cache-Control', 'public, max-age=31536000, immutable');
  }
  fs.createReadStream(file).pipe(res);
}

function sendJson(res: http.ServerResponse, status: number, body: unknown): void {
  sendJsonText(res, status, JSON.stringify(body));
}

function sendJsonText(res: http.ServerResponse, status: number, text: string): void {
  res.writeHead(status, { 'Content-Type': 'application/json; charset=utf-8', 'Cache-Control': 'no-store' });
  res.end(text);
}
