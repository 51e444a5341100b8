// `ops central add-consultant|remove-consultant|purge-tombstones|status` against a real PostgreSQL.
import crypto from 'node:crypto';
import pg from 'pg';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { freshCentral, type TestCentral } from '../core/central/testing';
import { testServerUrl } from '../core/central/test-database';
import { tempDir } from '../core/testing';
import { main } from './ops';

let stdout: string;
let stderr: string;
let central: TestCentral;
let role: string;

beforeEach(async () => {
  stdout = '';
  stderr = '';
  vi.spyOn(process.stdout, 'write').mockImplementation((chunk) => ((stdout += String(chunk)), true));
  vi.spyOn(process.stderr, 'write').mockImplementation((chunk) => ((stderr += String(chunk)), true));
  central = await freshCentral();
  role = `${central.name}_zara`;
  await central.admin.query(
    `INSERT INTO consultants (id, name, email, default_rate_cents, cost_rate_cents, weekly_capacity_hours, active)
     VALUES ($1, 'Zara Tran', 'zara@example.com', 19000, 9000, 38, true)`,
    [crypto.randomUUID()],
  );
});
afterEach(async () => {
  vi.restoreAllMocks();
  await central.drop();
  const server = new pg.Client({ connectionString: testServerUrl() });
  await server.connect();
  await server.query(`DROP ROLE IF EXISTS ${role}`);
  await server.end();
});

const ops = (...args: string[]) => {
  stdout = '';
  stderr = '';
  return main([...args, '--central', central.url], { OPS_DATA_DIR: tempDir() });
};

describe('ops central administration', () => {
  it('adds a consultant’s login, lists it in status, removes it; the password comes from the environment only', async () => {
    expect(
      await main(['central', 'add-consultant', 'zara@example.com', '--login', role, '--central', central.url], {
        OPS_DATA_DIR: tempDir(),
        OPS_NEW_PASSWORD: 'from-the-environment',
      }),
    ).toBe(0);
    expect(stdout).toMatch(new RegExp(`Created the login ${role} and mapped it to zara@example.com`));
    expect(stdout).not.toContain('from-the-environment');

    expect(await ops('central', 'status', '--json')).toBe(0);
    expect(JSON.parse(stdout).consultants).toEqual([
      { login: role, email: 'zara@example.com', name: 'Zara Tran', admin: false, canLogIn: true },
    ]);

    expect(await ops('central', 'remove-consultant', '--login', role)).toBe(0);
    expect(stdout).toMatch(/cannot log in/);
    expect(await ops('central', 'status', '--json')).toBe(0);
    expect(JSON.parse(stdout).consultants).toEqual([]);
  });

  it('refuses what it cannot do with a message and a non-zero exit, changing nothing', async () => {
    expect(await ops('central', 'add-consultant', 'zara@example.com')).toBe(2);
    expect(stderr).toMatch(/--login ROLE/);
    expect(await ops('central', 'add-consultant', 'zara@example.com', '--login', 'Robert"); DROP TABLE consultants; --')).toBe(1);
    expect(stderr).toMatch(/not a plain name/);
    expect(await ops('central', 'purge-tombstones')).toBe(2);
    expect(await ops('central', 'purge-tombstones', '--keep', 'forever')).toBe(2);
    expect(stderr).toMatch(/not a period/);
    expect(await ops('central', 'remove-consultant', 'nobody@example.com')).toBe(1);
    expect(stderr).toMatch(/No login is mapped/);
    expect((await central.admin.query('SELECT count(*)::int AS n FROM consultants')).rows[0].n).toBe(1);
    expect(await ops('central', 'purge-tombstones', '--keep', '90d')).toBe(0);
    expect(stdout).toMatch(/nothing purged/);
  });
});
