// The log: a file per day in the folder it is given, old days removed, and no secret ever written.
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { logDelivery } from '../pipelines/service';
import { log, logFiles, logUncaught, pruneLogs, recentProblems, startLog, stopLog } from './log';
import { forgetSecrets, redactText, redactValue, rememberSecret } from './redact';

const dirs: string[] = [];
function tempDir(): string {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'ops-log-'));
  dirs.push(dir);
  return dir;
}

afterEach(() => {
  stopLog();
  forgetSecrets();
  for (const dir of dirs.splice(0)) fs.rmSync(dir, { recursive: true, force: true });
});

function written(dir: string): string {
  return logFiles(dir)
    .map((file) => fs.readFileSync(file, 'utf8'))
    .join('');
}

const localDay = (date: Date) =>
  `${date.getFullYear()}-${String(date.getMonth() + 1).padStart(2, '0')}-${String(date.getDate()).padStart(2, '0')}`;

describe('the log file', () => {
  it('writes one JSON line per call into a file named for the local day', async () => {
    const dir = tempDir();
    await startLog({ dir });
    log.info('Ops Console started', { versions: { node: process.versions.node } });
    log.error('Sync failed', { error: new Error('connection refused') });
    const files = logFiles(dir);
    expect(files.map((f) => path.basename(f))).toEqual([`ops-console.${localDay(new Date())}.1.log`]);
    const lines = written(dir)
      .trim()
      .split('\n')
      .map((line) => JSON.parse(line) as { level: string; msg: string; error?: { message: string } });
    expect(lines.map((l) => [l.level, l.msg])).toEqual([
      ['info', 'Ops Console started'],
      ['error', 'Sync failed'],
    ]);
    expect(lines[1]!.error!.message).toBe('connection refused');
  });

  it('never writes a secret: passwords, tokens, webhook secrets, URL passwords, Authorization headers', async () => {
    const dir = tempDir();
    await startLog({ dir });
    rememberSecret('hunter2-central-pw');
    const secrets = [
      'S3cretPassw0rd',
      'tok_9f8e7d6c5b4a',
      'whsec_MfKQ9r8GKYqrTwjUPD8ILPZIo2LaLaSw',
      'pgpass!word',
      'eyJhbGciOiJIUzI1NiJ9.payload.sig',
      'hunter2-central-pw',
      'AKIAsecretapikey',
      'dGhlIHNpZ25hdHVyZSBieXRlcyBoZXJl',
    ];
    log.error('Sync failed: could not connect to postgres://alice:pgpass!word@db.example.com:5432/ops', {
      password: 'S3cretPassw0rd',
      nested: { token: 'tok_9f8e7d6c5b4a', deeper: [{ webhookSecret: 'whsec_MfKQ9r8GKYqrTwjUPD8ILPZIo2LaLaSw' }] },
      headers: { Authorization: 'Bearer eyJhbGciOiJIUzI1NiJ9.payload.sig', 'x-api-key': 'AKIAsecretapikey' },
      error: new Error('password authentication failed; conninfo host=db password=hunter2-central-pw'),
    });
    log.warn(
      'Delivery failed: Authorization: Bearer eyJhbGciOiJIUzI1NiJ9.payload.sig sent with secret whsec_MfKQ9r8GKYqrTwjUPD8ILPZIo2LaLaSw',
    );
    log.warn('Signed webhook-signature: v1,dGhlIHNpZ25hdHVyZSBieXRlcyBoZXJl for job 1; token=tok_9f8e7d6c5b4a');
    const text = written(dir);
    for (const secret of secrets) expect(text, secret).not.toContain(secret);
    // What is not secret stays, so the line still says what happened.
    expect(text).toContain('postgres://alice:[redacted]@db.example.com:5432/ops');
    expect(text).toContain('password authentication failed');
    // And the diagnostics' reading of the log is as clean.
    const problems = JSON.stringify(recentProblems(dir));
    for (const secret of secrets) expect(problems, secret).not.toContain(secret);
    expect(recentProblems(dir).map((p) => p.level)).toEqual(['error', 'warn', 'warn']);
  });

  it('keeps the newest days only', async () => {
    const dir = tempDir();
    const today = new Date();
    const day = (back: number) => localDay(new Date(today.getFullYear(), today.getMonth(), today.getDate() - back));
    for (const back of [0, 1, 13, 14, 30]) fs.writeFileSync(path.join(dir, `ops-console.${day(back)}.1.log`), '{}\n');
    fs.writeFileSync(path.join(dir, 'notes.txt'), 'not a log');
    const removed = pruneLogs(dir, 14, today).map((f) => path.basename(f));
    expect(removed.sort()).toEqual([`ops-console.${day(14)}.1.log`, `ops-console.${day(30)}.1.log`].sort());
    expect(fs.readdirSync(dir).sort()).toEqual(
      ['notes.txt', `ops-console.${day(0)}.1.log`, `ops-console.${day(1)}.1.log`, `ops-console.${day(13)}.1.log`].sort(),
    );
    // startLog prunes the same way.
    fs.writeFileSync(path.join(dir, `ops-console.${day(20)}.1.log`), '{}\n');
    await startLog({ dir, keepDays: 2 });
    expect(logFiles(dir).map((f) => path.basename(f))).toEqual([`ops-console.${day(0)}.1.log`, `ops-console.${day(1)}.1.log`]);
  });

  it('records an uncaught error before the process goes down', async () => {
    const dir = tempDir();
    await startLog({ dir });
    const before = process.listeners('uncaughtExceptionMonitor');
    logUncaught();
    const added = process.listeners('uncaughtExceptionMonitor').filter((l) => !before.includes(l));
    expect(added).toHaveLength(1);
    try {
      // What Node calls with an uncaught error, just before it ends the process.
      for (const listener of added) listener(new TypeError("Cannot read properties of undefined (reading 'id')"), 'uncaughtException');
    } finally {
      for (const listener of added) process.off('uncaughtExceptionMonitor', listener);
    }
    expect(recentProblems(dir)).toEqual([
      expect.objectContaining({
        level: 'error',
        message: 'Uncaught error: the process stops',
        error: "Cannot read properties of undefined (reading 'id')",
      }),
    ]);
  });

  it('records webhook deliveries that did not go through, not the ones that did', async () => {
    const dir = tempDir();
    await startLog({ dir });
    const outcome = { jobId: 'j1', pipeline: 'backup-verify', httpStatus: null, nextAttemptAt: null };
    logDelivery({ ...outcome, outcome: 'delivered', httpStatus: 202, message: 'accepted' });
    logDelivery({
      ...outcome,
      outcome: 'retrying',
      httpStatus: 503,
      message: 'the receiver is busy',
      nextAttemptAt: '2026-11-29T10:00:05Z',
    });
    logDelivery({ ...outcome, outcome: 'failed', httpStatus: 400, message: 'sample_tables must be at most 50' });
    const lines = written(dir)
      .trim()
      .split('\n')
      .map((line) => JSON.parse(line) as { level: string; msg: string; httpStatus: number });
    expect(lines.map((l) => [l.level, l.msg, l.httpStatus])).toEqual([
      ['info', 'Webhook delivery failed; it is retried', 503],
      ['warn', 'Webhook delivery failed', 400],
    ]);
  });

  it('writes nothing before it is started, and never throws', () => {
    expect(() => log.error('nowhere', { error: new Error('x') })).not.toThrow();
    expect(recentProblems(null)).toEqual([]);
  });
});

describe('redaction', () => {
  it.each([
    ['postgresql://ops:p%40ss@10.0.0.1/ops?sslmode=require', 'postgresql://ops:[redacted]@10.0.0.1/ops?sslmode=require'],
    ['https://user:pw@example.com/x', 'https://user:[redacted]@example.com/x'],
    ['host=db user=ops password=abc123 dbname=ops', 'host=db user=ops password=[redacted] dbname=ops'],
    ['{"password":"abc","user":"u"}', '{"password":"[redacted]","user":"u"}'],
    ['authorization: Basic dXNlcjpwYXNz', 'authorization: [redacted]'],
    ['secret whsec_abc123DEF', 'secret whsec_[redacted]'],
    ['postgres://alice@db.example.com/ops', 'postgres://alice@db.example.com/ops'],
    ['nothing secret here: 42 rows pushed', 'nothing secret here: 42 rows pushed'],
  ])('%s', (input, expected) => {
    expect(redactText(input)).toBe(expected);
  });

  it('replaces the values of secret keys whole, at any depth, and keeps flags', () => {
    expect(redactValue({ a: { apiKey: 'k', clientSecret: 's', passwordSet: true, list: [{ token: 't' }] }, count: 3 })).toEqual({
      a: { apiKey: '[redacted]', clientSecret: '[redacted]', passwordSet: true, list: [{ token: '[redacted]' }] },
      count: 3,
    });
  });
});
