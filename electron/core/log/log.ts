// The app's log: one file per day in the data folder's `logs/` (pino, rolled by pino-roll), the
// newest `keepDays` kept, every line scrubbed of secrets first (redact.ts). The desktop app and the
// browser host start it; until then (the `ops` command, tests) lines go nowhere. Nothing here ever
// throws at a caller: a log that cannot be written never stops the app.
import fs from 'node:fs';
import path from 'node:path';
import pino, { type Logger } from 'pino';
import pinoRoll from 'pino-roll';
import { redactText, redactValue } from './redact';

export type LogLevel = 'info' | 'warn' | 'error';
export type LogFields = Record<string, unknown>;

export interface LogOptions {
  /** The folder of the log files (the data folder's `logs/`). */
  dir: string;
  /** How many days of files to keep, today's included (default 14). */
  keepDays?: number;
  /** Also write warnings and errors to stderr, as one line each (the browser host in a terminal). */
  echo?: string;
}

/** `ops-console.2026-11-29.1.log`: the day (the machine's local day), then pino-roll's number. */
const BASE = 'ops-console';
const FILE = /^ops-console\.(\d{4}-\d{2}-\d{2})\.\d+\.log$/;
export const DEFAULT_KEEP_DAYS = 14;

let logger: Logger | null = null;
let stream: { end(): void; flushSync?(): void } | null = null;
let current: { dir: string; echo?: string } | null = null;

/** Where this process writes its log (null: it does not). */
export function logDir(): string | null {
  return current?.dir ?? null;
}

/** Starts writing the log to `dir`; removes the files older than `keepDays`. A second call restarts it. */
export async function startLog(options: LogOptions): Promise<void> {
  stopLog();
  const keep = options.keepDays ?? DEFAULT_KEEP_DAYS;
  fs.mkdirSync(options.dir, { recursive: true });
  pruneLogs(options.dir, keep);
  // Synchronous writes: a line logged just before a crash is on disk when the process dies.
  const roll = await pinoRoll({
    file: path.join(options.dir, BASE),
    extension: '.log',
    frequency: 'daily',
    dateFormat: 'yyyy-MM-dd',
    mkdir: true,
    sync: true,
    limit: { count: Math.max(1, keep - 1), removeOtherLogFiles: true },
  });
  stream = roll;
  logger = pino(
    {
      base: { pid: process.pid },
      timestamp: pino.stdTimeFunctions.isoTime,
      formatters: { level: (label) => ({ level: label }) },
    },
    roll,
  );
  current = { dir: options.dir, echo: options.echo };
}

/** Stops writing (the file is flushed and closed). */
export function stopLog(): void {
  try {
    stream?.flushSync?.();
    stream?.end();
  } catch {
    // a stream already closed
  }
  logger = null;
  stream = null;
  current = null;
}

function write(level: LogLevel, message: string, fields?: LogFields): void {
  if (!logger && !current?.echo) return;
  try {
    const text = redactText(message);
    const safe = fields ? (redactValue(fields) as LogFields) : undefined;
    logger?.[level](safe ?? {}, text);
    if (current?.echo && level !== 'info') {
      const detail = safe?.error && typeof safe.error === 'object' ? ` (${String((safe.error as { message?: unknown }).message)})` : '';
      process.stderr.write(`${current.echo}: ${text}${detail}\n`);
    }
  } catch {
    // never let the log break the caller
  }
}

/** The one logger every part of the app writes through. `fields.error` may be an Error. */
export const log = {
  info: (message: string, fields?: LogFields) => write('info', message, fields),
  warn: (message: string, fields?: LogFields) => write('warn', message, fields),
  error: (message: string, fields?: LogFields) => write('error', message, fields),
};

/** Logs what would otherwise only crash the process (and lets it crash as before). */
export function logUncaught(): void {
  process.on('uncaughtExceptionMonitor', (error, origin) => log.error('Uncaught error: the process stops', { origin, error }));
}

/** The log files in `dir`, newest day first. */
export function logFiles(dir: string): string[] {
  let names: string[];
  try {
    names = fs.readdirSync(dir);
  } catch {
    return [];
  }
  return names
    .filter((name) => FILE.test(name))
    .sort((a, b) => b.localeCompare(a, 'en', { numeric: true }))
    .map((name) => path.join(dir, name));
}

/** Removes the files of days before the newest `keepDays` (today counts as one). */
export function pruneLogs(dir: string, keepDays: number, today = new Date()): string[] {
  const first = new Date(today.getFullYear(), today.getMonth(), today.getDate() - (keepDays - 1));
  const cutoff = `${first.getFullYear()}-${String(first.getMonth() + 1).padStart(2, '0')}-${String(first.getDate()).padStart(2, '0')}`;
  const removed: string[] = [];
  for (const file of logFiles(dir)) {
    const day = FILE.exec(path.basename(file))![1]!;
    if (day < cutoff) {
      try {
        fs.rmSync(file);
        removed.push(file);
      } catch {
        // in use elsewhere or already gone: the next start tries again
      }
    }
  }
  return removed;
}

export interface LogProblem {
  time: string;
  level: 'warn' | 'error';
  message: string;
  /** The error's message, when the line carried one. */
  error?: string;
}

/** The newest warnings and errors in the log files of `dir` (newest last), at most `limit`. */
export function recentProblems(dir: string | null = logDir(), limit = 20): LogProblem[] {
  if (!dir) return [];
  stream?.flushSync?.();
  const found: LogProblem[] = [];
  // The tail of the newest few files is plenty: the log holds little but problems and starts.
  for (const file of logFiles(dir).slice(0, 3)) {
    const lines = tail(file, 256 * 1024)
      .split('\n')
      .reverse();
    for (const line of lines) {
      const problem = parseProblem(line);
      if (problem) found.push(problem);
      if (found.length >= limit) return found.reverse();
    }
  }
  return found.reverse();
}

function tail(file: string, bytes: number): string {
  try {
    const fd = fs.openSync(file, 'r');
    try {
      const size = fs.fstatSync(fd).size;
      const length = Math.min(size, bytes);
      const buffer = Buffer.alloc(length);
      fs.readSync(fd, buffer, 0, length, size - length);
      return buffer.toString('utf8');
    } finally {
      fs.closeSync(fd);
    }
  } catch {
    return '';
  }
}

function parseProblem(line: string): LogProblem | null {
  if (!line.includes('"level":"warn"') && !line.includes('"level":"error"')) return null;
  try {
    const entry = JSON.parse(line) as { time?: unknown; level?: unknown; msg?: unknown; error?: { message?: unknown } };
    if (entry.level !== 'warn' && entry.level !== 'error') return null;
    const error = typeof entry.error?.message === 'string' ? entry.error.message : undefined;
    // Scrubbed again on the way out: a file written by an older version may hold what this one hides.
    return {
      time: String(entry.time),
      level: entry.level,
      message: redactText(String(entry.msg ?? '')),
      ...(error ? { error: redactText(error) } : {}),
    };
  } catch {
    return null;
  }
}
