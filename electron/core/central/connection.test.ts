import { describe, expect, it } from 'vitest';
import { defaultSslMode, isLoopbackHost } from '../../../shared/central';
import { connectFailure, connectProblem } from './connection';

const url = 'postgres://mia@db.example.com:6543/ops?sslmode=require';

describe('connection problems in words', () => {
  it('names SSL and certificate problems, not "check that you are online"', () => {
    const local = 'postgres://postgres@127.0.0.1:54329/ops?sslmode=require';
    expect(connectProblem(new Error('The server does not support SSL connections'), local)).toBe(
      'the server does not support SSL: choose SSL mode disable for a server on this computer.',
    );
    expect(connectProblem(new Error('The server does not support SSL connections'), url)).toMatch(/^the server does not support SSL\. Ask/);
    expect(connectProblem(Object.assign(new Error('self-signed certificate'), { code: 'DEPTH_ZERO_SELF_SIGNED_CERT' }), url)).toMatch(
      /self-signed/,
    );
    expect(connectProblem(Object.assign(new Error('certificate has expired'), { code: 'CERT_HAS_EXPIRED' }), url)).toMatch(/has expired/);
    expect(
      connectProblem(
        Object.assign(new Error("Hostname/IP does not match certificate's altnames"), { code: 'ERR_TLS_CERT_ALTNAME_INVALID' }),
        url,
      ),
    ).toMatch(/certificate is not for db\.example\.com/);
    for (const reason of [
      connectFailure(url, Object.assign(new Error('connect ECONNREFUSED'), { code: 'ECONNREFUSED' })),
      connectFailure(url, Object.assign(new Error('password authentication failed for user "mia"'), { code: '28P01' })),
      connectFailure(url, Object.assign(new Error('database "ops" does not exist'), { code: '3D000' })),
      connectFailure(url, new Error('The server does not support SSL connections')),
    ])
      expect(reason).not.toMatch(/online/);
    expect(connectProblem(Object.assign(new Error('x'), { code: 'ECONNREFUSED' }), url)).toBe(
      'nothing answers at db.example.com:6543. Check the host and port, and that the server is running.',
    );
  });

  it('never repeats a password from the address', () => {
    expect(connectProblem(new Error('bad postgres://mia:hunter2@db.example.com/ops'), url)).not.toContain('hunter2');
  });

  it('suggests no SSL for this computer and SSL elsewhere', () => {
    for (const host of ['localhost', '127.0.0.1', '127.1.2.3', '::1', '[::1]', 'app.localhost'])
      expect(defaultSslMode(host)).toBe('disable');
    for (const host of ['db.example.com', '10.0.0.5', '', '128.0.0.1', 'localhost.example.com'])
      expect(defaultSslMode(host)).toBe('require');
    expect(isLoopbackHost(' LOCALHOST ')).toBe(true);
  });
});
