// `ops pipelines …` and `ops jobs …` against a consultant's replica synced from a REAL PostgreSQL
// central, sending to the REAL reference receiver (electron/pipeline-server).
import { afterAll, afterEach, beforeAll, beforeEach, describe, expect, it, vi } from 'vitest';
import { freshCentral, type TestCentral } from '../core/central/testing';
import { deadUrl } from '../core/pipelines/testing';
import { syncOnce } from '../core/sync/engine';
import { newReplica, seedTiny } from '../core/sync/fixtures';
import { tempDir } from '../core/testing';
import { startPipelineServer, type PipelineServer } from '../pipeline-server';
import { ensureDemoPipelines, TEST_SECRET } from '../pipeline-server/testing';
import { main } from './ops';
import { parseParams } from './pipelines';

let stdout: string;
let stderr: string;
/** Everything any command printed: the secret must never be in it. */
let printed = '';
beforeEach(() => {
  vi.spyOn(process.stdout, 'write').mockImplementation((chunk) => ((stdout += String(chunk)), (printed += String(chunk)), true));
  vi.spyOn(process.stderr, 'write').mockImplementation((chunk) => ((stderr += String(chunk)), (printed += String(chunk)), true));
});
afterEach(() => vi.restoreAllMocks());

let central: TestCentral;
let receiver: PipelineServer;
let db: string;
let env: NodeJS.ProcessEnv;

beforeAll(async () => {
  central = await freshCentral();
  const admin = newReplica('admin');
  const ids = seedTiny(admin);
  await syncOnce(admin, central.url);
  await ensureDemoPipelines(central.admin);
  const laptop = newReplica('alice');
  await syncOnce(laptop, await central.consultantUrl(ids.alice));
  db = laptop.db.name;
  laptop.db.close();
  admin.db.close();
  receiver = await startPipelineServer({
    centralUrl: central.url,
    secret: TEST_SECRET,
    speed: 200,
    seed: 3,
    failureRate: 0,
    log: () => undefined,
  });
  env = { OPS_DATA_DIR: tempDir(), OPS_WEBHOOK_SECRET: TEST_SECRET, OPS_PIPELINE_API: receiver.url, OPS_CONSULTANT: 'alice@example.com' };
}, 60_000);
afterAll(async () => {
  await receiver?.stop();
  await central?.drop();
  expect(printed).not.toContain(TEST_SECRET.slice(6));
});

async function ops(...args: string[]): Promise<number> {
  stdout = '';
  stderr = '';
  return main([...args, '--db', db], env);
}
async function jobCount(): Promise<number> {
  expect(await ops('jobs', 'list', '--json')).toBe(0);
  return (JSON.parse(stdout) as unknown[]).length;
}

describe('ops pipelines', () => {
  it('lists the pipelines with their parameter schema', async () => {
    expect(await ops('pipelines', 'list', '--json')).toBe(0);
    const list = JSON.parse(stdout) as { slug: string; paramsSchema: { properties: Record<string, unknown> } }[];
    expect(list.find((p) => p.slug === 'backup-verify')?.paramsSchema.properties.sample_tables).toMatchObject({
      type: 'integer',
      maximum: 50,
    });
    expect(await ops('pipelines', 'list')).toBe(0);
    expect(stdout).toContain('backup-verify  Backup verification');
    expect(stdout).toContain('--param sample_tables: integer, 1 to 50, default 12');
    expect(stdout).toContain('--param entities: string[] (comma list)');
  });

  it('trigger --wait sends it now and follows it to succeeded, printing each change in the zone', async () => {
    const code = await ops(
      'pipelines',
      'trigger',
      'backup-verify',
      '--param',
      'database=billing',
      '--param',
      'sample_tables=3',
      '--param',
      'checksum=no',
      '--project',
      'Pipeline MVP',
      '--wait',
      '--timeout',
      '60',
      '--tz',
      'Australia/Sydney',
    );
    expect(stderr).toBe('');
    expect(code).toBe(0);
    const jobId = /job ([0-9a-f-]{36})/.exec(stdout)![1]!;
    expect(stdout).toMatch(new RegExp(`${jobId}  backup-verify  delivered \\(202\\)`));
    expect(stdout).toMatch(/AEDT {2}queued|AEDT {2}running/);
    expect(stdout).toMatch(/AEDT {2}succeeded/);

    expect(await ops('jobs', 'show', jobId, '--tz', 'Australia/Sydney')).toBe(0);
    expect(stdout).toContain('Parameters   database=billing sample_tables=3 checksum=false snapshot=latest');
    expect(stdout).toMatch(/Requested {4}\w{3}, \d+ \w{3} \d{4}, .* AEDT by Alice/);
    expect(stdout).toContain('Project      Pipeline MVP');
    // Not synced yet: the replica says requested, the receiver says it succeeded.
    expect(stdout).toMatch(/Receiver {5}succeeded \(100 %\)/);
    expect(await ops('jobs', 'show', jobId, '--json')).toBe(0);
    expect(JSON.parse(stdout)).toMatchObject({
      id: jobId,
      params: { sample_tables: 3, checksum: false },
      requestedAt: expect.stringMatching(/Z$/),
    });
  }, 90_000);

  it('refuses bad parameters with what to do, and writes nothing', async () => {
    const before = await jobCount();
    expect(await ops('pipelines', 'trigger', 'backup-verify', '--param', 'sample_tables=three')).toBe(2);
    expect(stderr).toContain('sample_tables takes a whole number; give it as --param sample_tables=64');
    expect(await ops('pipelines', 'trigger', 'backup-verify', '--param', 'database=billing', '--param', 'sample_tables=500')).toBe(1);
    expect(stderr).toMatch(/sample_tables must be at most 50.*--param NAME=VALUE/);
    expect(await ops('pipelines', 'trigger', 'backup-verify', '--param', 'colour=red', '--json')).toBe(1);
    expect(JSON.parse(stderr).error).toMatchObject({ code: 'invalid_input', field: 'params.colour' });
    expect(await ops('pipelines', 'trigger', 'backup-verify', '--param', 'database')).toBe(2);
    expect(stderr).toContain('is not NAME=VALUE');
    expect(await ops('pipelines', 'trigger', 'no-such-pipeline')).toBe(1);
    expect(stderr).toContain('ops pipelines list');
    expect(await ops('pipelines', 'trigger')).toBe(2);
    expect(await ops('pipelines', 'explode')).toBe(2);
    expect(await ops('jobs', 'list', '--status', 'exploded')).toBe(2);
    expect(stderr).toContain('use one of requested, queued, running');
    expect(await ops('jobs', 'list', '--pipeline-api', 'ftp://nowhere')).toBe(2);
    expect(await jobCount()).toBe(before);
  });

  it('deliver sends what waits and prints each outcome; jobs list, show, cancel and rerun', async () => {
    expect(await ops('pipelines', 'trigger', 'backup-verify', '--param', 'database=auth')).toBe(0);
    const sent = /job ([0-9a-f-]{36})/.exec(stdout)![1]!;
    expect(stdout).toContain('ops pipelines deliver sends it now');
    expect(await ops('jobs', 'list', '--status', 'requested', '--json')).toBe(0);
    expect((JSON.parse(stdout) as { id: string }[]).map((j) => j.id)).toContain(sent);

    expect(await ops('pipelines', 'deliver')).toBe(0);
    expect(stdout).toMatch(new RegExp(`^${sent}  backup-verify  delivered \\(202\\): `, 'm'));
    expect(await ops('pipelines', 'deliver')).toBe(0);
    expect(stdout).toBe('Nothing is waiting to be sent.\n');

    // With no one listening: the outcome says it will try again, and when.
    expect(await ops('pipelines', 'trigger', 'backup-verify', '--param', 'database=orders')).toBe(0);
    const waiting = /job ([0-9a-f-]{36})/.exec(stdout)![1]!;
    const offline = await deadUrl();
    expect(await ops('pipelines', 'deliver', '--pipeline-api', offline)).toBe(0);
    expect(stdout).toMatch(new RegExp(`^${waiting}  backup-verify  retrying: .*could not reach`, 'm'));

    expect(await ops('jobs', 'list', '--tz', 'Australia/Sydney')).toBe(0);
    expect(stdout).toMatch(new RegExp(`^${waiting}  \\d+/\\d+/\\d+, .*requested .*Backup verification · Alice`, 'm'));
    expect(stdout).toContain('times in Australia/Sydney');

    expect(await ops('jobs', 'cancel', waiting)).toBe(0);
    expect(stdout).toContain('Cancelled before it was sent.');
    expect(await ops('jobs', 'show', waiting)).toBe(0);
    expect(stdout).toMatch(/Status {7}cancelled/);
    expect(await ops('jobs', 'cancel', waiting)).toBe(1);
    expect(stderr).toContain('already was cancelled');

    expect(await ops('jobs', 'rerun', waiting, '--json')).toBe(0);
    const rerun = JSON.parse(stdout) as { jobId: string; params: Record<string, unknown> };
    expect(rerun).toMatchObject({ params: { database: 'orders' } });
    expect(rerun.jobId).not.toBe(waiting);
    expect(await ops('jobs', 'show')).toBe(2);
    expect(stderr).toContain('ops jobs show ID');
  });

  it('without a secret, deliver says where to set it and sends nothing', async () => {
    expect(await ops('jobs', 'list', '--status', 'requested', '--json')).toBe(0);
    const waiting = (JSON.parse(stdout) as unknown[]).length;
    const saved = env.OPS_WEBHOOK_SECRET;
    delete env.OPS_WEBHOOK_SECRET;
    try {
      expect(await ops('pipelines', 'deliver')).toBe(1);
      expect(stderr).toContain('OPS_WEBHOOK_SECRET');
    } finally {
      env.OPS_WEBHOOK_SECRET = saved;
    }
    expect(await ops('jobs', 'list', '--status', 'requested', '--json')).toBe(0);
    expect((JSON.parse(stdout) as unknown[]).length).toBe(waiting);
  });
});

describe('--param values, typed by the schema', () => {
  const pipeline = {
    id: 'x',
    slug: 'x',
    name: 'X',
    description: '',
    active: true,
    expiresAfterMinutes: 60,
    disabledHere: null,
    paramsSchema: {
      properties: {
        n: { type: 'integer' },
        rate: { type: 'number' },
        dry: { type: 'boolean' },
        tags: { type: 'array', items: { type: 'string' } },
        sizes: { type: 'array', items: { type: 'integer' } },
        label: { type: 'string' },
      },
    },
  };
  it('reads integers, numbers, booleans and comma lists; leaves text and unknown names as text', () => {
    expect(parseParams(['n=42', 'rate=0.25', 'dry=yes', 'tags=a, b,c', 'sizes=1,2', 'label=7', 'other=1'], pipeline)).toEqual({
      n: 42,
      rate: 0.25,
      dry: true,
      tags: ['a', 'b', 'c'],
      sizes: [1, 2],
      label: '7',
      other: '1',
    });
    expect(parseParams(['tags='], pipeline)).toEqual({ tags: [] });
  });
  it('refuses values that do not fit, naming the parameter', () => {
    expect(() => parseParams(['n=4.5'], pipeline)).toThrow('n takes a whole number');
    expect(() => parseParams(['rate=fast'], pipeline)).toThrow('rate takes a number');
    expect(() => parseParams(['dry=maybe'], pipeline)).toThrow('dry takes true or false');
    expect(() => parseParams(['sizes=1,x'], pipeline)).toThrow('sizes item takes a whole number');
    expect(() => parseParams(['n=1', 'n=2'], pipeline)).toThrow('given twice');
  });
  it('takes names like toString or __proto__ as ordinary names (the core then says they are not parameters)', () => {
    const parsed = parseParams(['toString=1', '__proto__=2', 'constructor=3'], pipeline);
    expect(Object.keys(parsed)).toEqual(['toString', '__proto__', 'constructor']);
    expect(JSON.parse(JSON.stringify(parsed))).toEqual(JSON.parse('{"toString":"1","__proto__":"2","constructor":"3"}'));
  });
});

describe('terminalSafe', () => {
  it('shows terminal controls and direction overrides as �, keeping newlines, tabs and Unicode', async () => {
    const { terminalSafe } = await import('./format');
    expect(terminalSafe('a\u0001b\u001b[31mred\u009b2J\u202eevil\nnext\tZoë ☕')).toBe(
      'a\ufffdb\ufffd[31mred\ufffd2J\ufffdevil\nnext\tZoë ☕',
    );
  });
});
