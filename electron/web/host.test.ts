import fs from 'node:fs';
import http from 'node:http';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { Core } from '../core/api';
import { demoDataDir, tempDir } from '../core/testing';
import { startWebHost, type WebHost } from './host';

let core: Core;
let host: WebHost;
const base = () => `http://127.0.0.1:${host.port}`;

beforeAll(async () => {
  core = new Core({ dataDir: demoDataDir('2026-11-20') });
  const staticDir = tempDir();
  fs.writeFileSync(path.join(staticDir, 'index.html'), '<!doctype html><title>Ops Console</title>');
  host = await startWebHost({ core, staticDir });
});
afterAll(async () => {
  await host.close();
  core.close();
});

function post(channel: string, body: unknown, token = host.token) {
  return fetch(`${base()}/api/invoke/${channel}`, {
    method: 'POST',
    headers: { Authorization: `Bearer ${token}`, 'Content-Type': 'application/json' },
    body: JSON.stringify(body),
  });
}

/** A raw request, so the test controls the Host header exactly as an attacker's page could. */
function rawGet(pathname: string, hostHeader: string): Promise<number> {
  return new Promise((resolve, reject) => {
    http
      .get({ host: '127.0.0.1', port: host.port, path: pathname, headers: { Host: hostHeader } }, (res) => resolve(res.statusCode ?? 0))
      .on('error', reject);
  });
}

describe('browser host', () => {
  it('answers contract calls with the per-run token', async () => {
    const response = await post('timer.get', null);
    expect(await response.json()).toEqual({ ok: true, value: null });
  });

  it('says in Server-Timing how long the core and the JSON took (what devtools and the benchmark read)', async () => {
    const response = await post('workspace.info', null);
    expect(response.headers.get('server-timing')).toMatch(/^core;dur=\d+\.\d, json;dur=\d+\.\d$/);
  });

  it('refuses API calls without the right token', async () => {
    expect((await post('timer.get', null, 'wrong')).status).toBe(401);
    expect((await fetch(`${base()}/api/invoke/timer.get`, { method: 'POST' })).status).toBe(401);
    expect((await fetch(`${base()}/api/events`)).status).toBe(401);
    expect((await fetch(`${base()}/api/ping`, { headers: { Authorization: 'Bearer wrong' } })).status).toBe(401);
  });

  it("answers the page's reconnect probe with its token", async () => {
    expect((await fetch(`${base()}/api/ping`, { headers: { Authorization: `Bearer ${host.token}` } })).status).toBe(200);
  });

  it('refuses requests addressed to another host name (DNS rebinding)', async () => {
    expect(await rawGet('/', `evil.example:${host.port}`)).toBe(421);
    expect(await rawGet('/', `127.0.0.1:${host.port}`)).toBe(200);
  });

  it('validates input in the core, whatever the front end', async () => {
    const result = (await (await post('entries.create', { projectId: 'nope', startedAt: 'soon' })).json()) as {
      ok: boolean;
      error: { code: string };
    };
    expect(result.ok).toBe(false);
    expect(result.error.code).toBe('invalid_input');
    expect((await (await post('entries.create', '{not json')).json()) as { ok: boolean }).toMatchObject({ ok: false });
  });

  it('serves the renderer with a strict CSP and never files outside it', async () => {
    const page = await fetch(`${base()}/`);
    expect(page.headers.get('content-security-policy')).toContain("script-src 'self'");
    expect(await page.text()).toContain('Ops Console');
    const traversal = await fetch(`${base()}/..%2f..%2f..%2fetc%2fpasswd`);
    expect(await traversal.text()).not.toContain('root:');
  });

  it('refuses a call from a page of another origin, even with the token, and never answers CORS', async () => {
    const call = (headers: Record<string, string>, method = 'POST') =>
      fetch(`${base()}/api/invoke/timer.get`, {
        method,
        headers: { Authorization: `Bearer ${host.token}`, 'Content-Type': 'application/json', ...headers },
        body: method === 'POST' ? 'null' : undefined,
      });
    for (const headers of <Array<Record<string, string>>>[
      { Origin: 'https://evil.example' },
      { Origin: `http://127.0.0.1:${host.port + 1}` },
      { Origin: 'null' }, // a sandboxed frame or a file: page
      { 'Sec-Fetch-Site': 'cross-site' },
      { 'Sec-Fetch-Site': 'same-site' },
    ]) {
      const response = await call(headers);
      expect(response.status, JSON.stringify(headers)).toBe(403);
      expect(response.headers.get('access-control-allow-origin')).toBeNull();
    }
    const preflight = await call({ Origin: 'https://evil.example', 'Access-Control-Request-Method': 'POST' }, 'OPTIONS');
    expect(preflight.status).toBe(403);
    expect(preflight.headers.get('access-control-allow-origin')).toBeNull();
    // The page itself: same origin, by either loopback name.
    for (const origin of [`http://127.0.0.1:${host.port}`, `http://localhost:${host.port}`]) {
      const response = await call({ Origin: origin, 'Sec-Fetch-Site': 'same-origin' });
      expect(response.status).toBe(200);
      expect(response.headers.get('access-control-allow-origin')).toBeNull();
    }
  });

  it('refuses an oversized body with 413 and closes that connection cleanly, so the next request works', async () => {
    const agent = new http.Agent({ keepAlive: true, maxSockets: 1 });
    const request = (body: string) =>
      new Promise<{ status: number; text: string }>((resolve, reject) => {
        const req = http.request(
          {
            host: '127.0.0.1',
            port: host.port,
            path: '/api/invoke/timer.get',
            method: 'POST',
            agent,
            headers: {
              Authorization: `Bearer ${host.token}`,
              'Content-Type': 'application/json',
              'Content-Length': Buffer.byteLength(body),
            },
          },
          (res) => {
            let text = '';
            res.on('data', (chunk) => (text += chunk));
            res.on('end', () => resolve({ status: res.statusCode ?? 0, text }));
          },
        );
        req.on('error', reject);
        req.end(body);
      });
    try {
      const big = await request(JSON.stringify({ note: 'x'.repeat(2 * 1024 * 1024) }));
      expect(big.status).toBe(413);
      expect(JSON.parse(big.text).error.message).toMatch(/larger than 1 MB/);
      // The same agent, the same keep-alive pool: this used to fail with ECONNRESET.
      for (let i = 0; i < 3; i++) expect((await request('null')).status).toBe(200);
    } finally {
      agent.destroy();
    }
  });

  it('streams core events to the page', async () => {
    const controller = new AbortController();
    const response = await fetch(`${base()}/api/events?token=${host.token}`, { signal: controller.signal });
    const reader = response.body!.getReader();
    const project = (await core.call('projects.list'))[0]!;
    await post('timer.start', { projectId: project.id });
    let text = '';
    while (!text.includes('event: timer.changed')) text += new TextDecoder().decode((await reader.read()).value);
    expect(text).toContain(project.name);
    controller.abort();
    await post('timer.discard', null);
  });
});
