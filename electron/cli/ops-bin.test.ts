// The `ops` command as a user starts it: bin/ops.js (npx ops, npm run --silent ops) in a real
// process, its stdout, its build-when-stale, and its refusal of a Node too old for better-sqlite3.
import { spawnSync, type SpawnSyncReturns } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { tempDir } from '../core/testing';

const ROOT = path.resolve(__dirname, '../..');
const LAUNCHER = path.join(ROOT, 'bin', 'ops.js');
const BUNDLE = path.join(ROOT, 'out', 'node', 'ops.js');
const NODE_BIN = path.dirname(process.execPath);

function run(command: string, args: string[]): SpawnSyncReturns<string> {
  return spawnSync(command, args, {
    cwd: ROOT,
    encoding: 'utf8',
    timeout: 120_000,
    env: { ...process.env, PATH: `${NODE_BIN}${path.delimiter}${process.env.PATH}`, OPS_DATA_DIR: tempDir(), OPS_TZ: '' },
  });
}

// npm and npx run on the first node in PATH: the test's own (≥ 22.12) is put first.
/** The running test's Node (≥ 22.12) on bin/ops.js. */
const ops = (...args: string[]) => run(process.execPath, [LAUNCHER, ...args]);

describe('bin/ops.js', () => {
  it('builds the bundle only when it is missing or older than its sources, with no Vite warning, and keeps stdout pure JSON', () => {
    const db = path.join(tempDir(), 'replica.sqlite');
    const first = ops('status', '--db', db, '--json'); // builds if this checkout has no current bundle
    expect(first.status, first.stderr).toBe(0);
    // A bundle older than its sources is rebuilt, saying so on stderr and only that.
    const old = new Date('2001-01-01T00:00:00Z');
    fs.utimesSync(BUNDLE, old, old);
    const rebuilt = ops('status', '--db', db, '--json');
    expect(rebuilt.status, rebuilt.stderr).toBe(0);
    expect(rebuilt.stderr).toBe('ops: building the command (first run, or its sources changed)…\n');
    expect(JSON.parse(rebuilt.stdout)).toMatchObject({ path: db, workspace: 'file' });
    expect(fs.statSync(BUNDLE).mtimeMs).toBeGreaterThan(old.getTime());
    // Up to date now: no build, nothing on stderr.
    const again = ops('status', '--db', db, '--json');
    expect([again.status, again.stderr]).toEqual([0, '']);
    expect(JSON.parse(again.stdout).path).toBe(db);
  });

  it('npm run --silent ops and npx ops print only the command’s own output', () => {
    const db = path.join(tempDir(), 'replica.sqlite');
    const npm = run('npm', ['run', '--silent', 'ops', '--', 'status', '--db', db, '--json']);
    expect(npm.status, npm.stderr).toBe(0);
    expect(JSON.parse(npm.stdout).path).toBe(db);
    const npx = run('npx', ['--no-install', 'ops', 'status', '--db', db, '--json']);
    expect(npx.status, npx.stderr).toBe(0);
    expect(JSON.parse(npx.stdout).path).toBe(db);
    const help = run('npx', ['--no-install', 'ops', '--help']);
    expect(help.stdout).toMatch(/^Usage: ops <command> \[flags\]/);
    // Errors go to stderr, as JSON with --json; stdout stays empty.
    const refused = run('npm', ['run', '--silent', 'ops', '--', 'hours', 'list', '--db', db, '--from', '2026-02-30', '--json']);
    expect([refused.status, refused.stdout]).toEqual([2, '']);
    expect(JSON.parse(refused.stderr).error.message).toContain('--from 2026-02-30 is not a day');
  });
});

/** An older Node on this machine (here /usr/bin/node is Node 20), if there is one. */
function olderNode(): string | null {
  for (const candidate of [process.env.OPS_TEST_OLD_NODE, '/usr/bin/node', '/usr/local/bin/node']) {
    if (!candidate || !fs.existsSync(candidate)) continue;
    const version = spawnSync(candidate, ['-p', 'process.versions.node'], { encoding: 'utf8' }).stdout.trim();
    const [major = 0, minor = 0] = version.split('.').map(Number);
    if (major < 22 || (major === 22 && minor < 12)) return candidate;
  }
  return null;
}

const OLD_NODE = olderNode();

describe.skipIf(!OLD_NODE)(`on a Node older than 22.12 (${OLD_NODE})`, () => {
  it('the launcher and the bundle itself say which Node to install, instead of a segmentation fault, and create nothing', () => {
    expect(ops('--help').status).toBe(0); // the bundle exists
    for (const entry of [LAUNCHER, BUNDLE]) {
      const db = path.join(tempDir(), 'replica.sqlite');
      const result = run(OLD_NODE!, [entry, 'status', '--db', db]);
      expect(result.signal, entry).toBeNull();
      expect(result.status, entry).toBe(1);
      expect(result.stdout).toBe('');
      expect(result.stderr).toMatch(/^ops: Ops Console needs Node 22\.12 or later; this is Node \d+\.\d+\.\d+ .*Install Node 22 LTS/);
      expect(fs.existsSync(db)).toBe(false);
    }
  });
});

describe('the README and ops --help', () => {
  /** command ("hours add") → the flags its line names, from lines like "hours add --project P …". */
  function commands(lines: string[]): Map<string, string[]> {
    const map = new Map<string, string[]>();
    for (const line of lines) {
      const words = line.trim().split(/\s+/);
      const command = words[0] === 'hours' || words[0] === 'central' ? words.slice(0, 2).join(' ') : words[0]!;
      map.set(command, [...new Set(line.match(/--[a-z-]+/g) ?? [])].sort());
    }
    return map;
  }

  it('list the same commands with the same flags', async () => {
    const { USAGE } = await import('./args');
    const readme = fs.readFileSync(path.join(ROOT, 'README.md'), 'utf8');
    const section = readme.slice(readme.indexOf('## The `ops` command'), readme.indexOf('## Architecture'));
    const block = section.slice(section.indexOf('```sh') + 5, section.indexOf('```', section.indexOf('```sh') + 5));
    const fromReadme = commands(
      block
        .split('\n')
        .filter((l) => l.startsWith('npx ops '))
        .map((l) => l.slice('npx ops '.length).replace(/--central \S+/, '')),
    );
    const usage = USAGE.slice(USAGE.indexOf('Commands:'), USAGE.indexOf('Flags:'));
    const fromHelp = commands(
      usage
        .split('\n')
        .filter((l) => /^ {2}[a-z]/.test(l))
        // the command and its flags, without the description after the column gap
        .map((l) => l.trim().replace(/ {2,}[^-].*$/, '')),
    );
    expect(fromReadme.size).toBeGreaterThan(10);
    expect(Object.fromEntries(fromReadme)).toEqual(Object.fromEntries(fromHelp));
  });
});

const NOBODY = 65534;

describe.skipIf(process.getuid?.() !== 0)('run by an ordinary user (the tests run as root, so as uid 65534)', () => {
  it("a replica root owns (after a sudo ops seed, say) and root's folder are refused with the fix, and left as they were", () => {
    expect(ops('--help').status).toBe(0); // the bundle is built and current
    const dir = tempDir();
    fs.chmodSync(dir, 0o755);
    // root's Node is in /root, which the user cannot read: a copy they can run.
    const node = path.join(dir, 'node');
    fs.copyFileSync(process.execPath, node);
    fs.chmodSync(node, 0o755);
    const home = path.join(dir, 'home');
    fs.mkdirSync(home);
    fs.chownSync(home, NOBODY, NOBODY);
    const asUser = (...args: string[]) =>
      spawnSync(node, [LAUNCHER, ...args], {
        cwd: home,
        encoding: 'utf8',
        timeout: 60_000,
        uid: NOBODY,
        gid: NOBODY,
        env: { PATH: process.env.PATH, HOME: home, OPS_DATA_DIR: path.join(home, 'data') },
      });

    // The user's own folder holds a replica that root created.
    const db = path.join(home, 'replica.sqlite');
    expect(ops('status', '--db', db).status).toBe(0);
    const before = fs.statSync(db);
    const refused = asUser('hours', 'add', '--db', db, '--project', 'Landing zone 332', '--minutes', '30');
    expect(refused.status, refused.stderr).toBe(1);
    expect(refused.stderr).toContain(`Cannot open the replica ${db}: the file is owned by root, not by you, and you cannot write it.`);
    expect(refused.stderr).toContain(`sudo chown "$USER" "${db}"`);
    expect(refused.stderr).not.toMatch(/readonly database|SQLITE_|EACCES/);
    expect(fs.statSync(db).mtimeMs).toBe(before.mtimeMs);
    expect(fs.readdirSync(home).sort()).toEqual(['replica.sqlite']);

    // A new replica in root's folder.
    const fresh = asUser('status', '--db', path.join(dir, 'new.sqlite'));
    expect(fresh.status, fresh.stderr).toBe(1);
    expect(fresh.stderr).toContain(
      `Cannot create the replica ${path.join(dir, 'new.sqlite')}: the folder ${dir} is owned by root, not by you`,
    );
    expect(fs.existsSync(path.join(dir, 'new.sqlite'))).toBe(false);

    // Given back to the user, it opens.
    fs.chownSync(db, NOBODY, NOBODY);
    const mine = asUser('status', '--db', db, '--json');
    expect(mine.status, mine.stderr).toBe(0);
    expect(JSON.parse(mine.stdout).path).toBe(db);
  });
});

describe('nodeVersionProblem', () => {
  it('accepts 22.12 and later, and names the version to install otherwise', async () => {
    const { nodeVersionProblem } = await import('./node-version');
    for (const ok of ['22.12.0', '22.23.5', '23.0.0', '24.1.0', '100.0.0']) expect(nodeVersionProblem(ok), ok).toBeNull();
    for (const old of ['22.11.9', '20.20.2', '18.0.0', '21.99.0']) {
      expect(nodeVersionProblem(old, '/usr/bin/node'), old).toBe(
        `Ops Console needs Node 22.12 or later; this is Node ${old} (/usr/bin/node). Install Node 22 LTS (nvm install 22, or https://nodejs.org) and run ops with it. Nothing was changed.`,
      );
    }
  });
});
