// `ops --tz ZONE` (or OPS_TZ): local dates, times and days of that zone, whatever zone the process
// runs in.
import path from 'node:path';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { demoDataDir, tempDir } from '../core/testing';
import { main } from './ops';

let stdout: string;
let stderr: string;
beforeEach(() => {
  vi.spyOn(process.stdout, 'write').mockImplementation((chunk) => ((stdout += String(chunk)), true));
  vi.spyOn(process.stderr, 'write').mockImplementation((chunk) => ((stderr += String(chunk)), true));
});
afterEach(() => vi.restoreAllMocks());

const db = path.join(demoDataDir('2026-11-20'), 'demo.sqlite');

async function ops(env: NodeJS.ProcessEnv, ...args: string[]): Promise<number> {
  stdout = '';
  stderr = '';
  return main([...args, '--db', db], { OPS_DATA_DIR: tempDir(), ...env });
}

async function listDay(day: string, ...zone: string[]): Promise<string[]> {
  expect(await ops({}, 'hours', 'list', '--from', day, '--to', day, ...zone, '--json')).toBe(0);
  return (JSON.parse(stdout) as { id: string }[]).map((e) => e.id);
}

describe('ops --tz', () => {
  it('reads --date and --start in the zone and lists its local days, across both Sydney changes', async () => {
    const add = async (date: string, start: string, ...zone: string[]) => {
      const code = await ops(
        {},
        'hours',
        'add',
        '--project',
        'Landing zone 332',
        '--minutes',
        '20',
        '--date',
        date,
        '--start',
        start,
        ...zone,
        '--json',
      );
      expect(code, stderr).toBe(0);
      return JSON.parse(stdout) as { id: string; startedAt: string };
    };
    const winter = await add('2025-07-13', '23:30', '--tz', 'Australia/Sydney');
    expect(winter.startedAt).toBe('2025-07-13T13:30:00.000Z');
    const summer = await add('2026-01-18', '23:30', '--tz', 'Australia/Sydney');
    expect(summer.startedAt).toBe('2026-01-18T12:30:00.000Z');
    const april = await add('2025-04-06', '23:30', '--tz', 'Australia/Sydney');
    expect(april.startedAt).toBe('2025-04-06T13:30:00.000Z');
    const october = await add('2025-10-05', '23:30', '--tz', 'Australia/Sydney');
    expect(october.startedAt).toBe('2025-10-05T12:30:00.000Z');
    const brisbane = await add('2026-01-18', '23:30', '--tz', 'Australia/Brisbane');
    expect(brisbane.startedAt).toBe('2026-01-18T13:30:00.000Z');

    expect(await listDay('2025-07-13', '--tz', 'Australia/Sydney')).toContain(winter.id);
    expect(await listDay('2025-04-06', '--tz', 'Australia/Sydney')).toContain(april.id);
    expect(await listDay('2025-04-07', '--tz', 'Australia/Sydney')).not.toContain(april.id);
    expect(await listDay('2025-10-05', '--tz', 'Australia/Sydney')).toContain(october.id);
    expect(await listDay('2025-10-06', '--tz', 'Australia/Sydney')).not.toContain(october.id);
    const sydneySunday = await listDay('2026-01-18', '--tz', 'Australia/Sydney');
    expect(sydneySunday).toContain(summer.id);
    expect(sydneySunday).not.toContain(brisbane.id); // 00:30 on Monday in Sydney
    expect(await listDay('2026-01-18', '--tz', 'Australia/Brisbane')).toEqual(expect.arrayContaining([summer.id, brisbane.id]));

    // OPS_TZ stands in for --tz, and the table shows times in the zone.
    expect(await ops({ OPS_TZ: 'Australia/Sydney' }, 'hours', 'list', '--from', '2026-01-18', '--to', '2026-01-18')).toBe(0);
    expect(stdout).toContain('18/1/26, 11:30 pm');
  });

  it('refuses an unknown zone with a usage message and changes nothing', async () => {
    expect(await ops({}, 'status', '--json')).toBe(0);
    const before = JSON.parse(stdout).rows.time_entries;
    expect(await ops({}, 'hours', 'add', '--project', 'Landing zone 332', '--minutes', '20', '--tz', 'Mars/Olympus')).toBe(2);
    expect(stderr).toContain('“Mars/Olympus” is not a time zone');
    expect(stderr).toContain('Australia/Sydney');
    expect(await ops({ OPS_TZ: '+10:00' }, 'hours', 'list')).toBe(2);
    expect(stderr).toContain('OPS_TZ');
    expect(await ops({}, 'status', '--json')).toBe(0);
    expect(JSON.parse(stdout).rows.time_entries).toBe(before);
  });
});
