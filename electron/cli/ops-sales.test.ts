// `ops kpis`, `ops clients list` and `ops leads list|add|move` on a replica file: human and JSON
// output, a lead named by its company, terminal-safe names, and the refusals (exit code 2 for
// usage, before a replica is opened; 1 for the core's).
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { salesReplica } from '../core/leads/fixture';
import { tempDir } from '../core/testing';
import { main } from './ops';

let stdout: string;
let stderr: string;
let db: string;
const env = () => ({ OPS_DATA_DIR: tempDir(), OPS_CONSULTANT: 'alice@example.com' });

beforeEach(() => {
  vi.spyOn(process.stdout, 'write').mockImplementation((chunk) => ((stdout += String(chunk)), true));
  vi.spyOn(process.stderr, 'write').mockImplementation((chunk) => ((stderr += String(chunk)), true));
  const { replica } = salesReplica('Australia/Brisbane');
  db = replica.db.name;
  replica.db.close();
});
afterEach(() => vi.restoreAllMocks());

async function ops(...args: string[]): Promise<number> {
  stdout = '';
  stderr = '';
  return main([...args, '--db', db], env());
}

describe('ops leads, clients and kpis', () => {
  it('adds, moves and lists leads, and prints the clients and the scorecard', async () => {
    expect(
      await ops(
        'leads',
        'add',
        '--company',
        'Moreton Freight',
        '--tier',
        'pipeline_mvp',
        '--value',
        '6,500.5',
        '--source',
        'referral',
        '--date',
        '2026-03-01',
      ),
    ).toBe(0);
    expect(stdout).toMatch(/Added lead .*: Moreton Freight, discovery, \$6,500\.50 at 10 %/);
    expect(await ops('leads', 'move', 'Moreton Freight', '--stage', 'proposal', '--date', '2026-03-05', '--json')).toBe(0);
    const moved = JSON.parse(stdout) as { stage: string; events: Array<{ toStage: string; movedOn: string }> };
    expect(moved.stage).toBe('proposal');
    expect(moved.events.map((e) => [e.toStage, e.movedOn])).toEqual([
      ['discovery', '2026-03-01'],
      ['proposal', '2026-03-05'],
    ]);
    expect(await ops('leads', 'move', 'Moreton Freight', '--stage', 'proposal')).toBe(1);
    expect(stderr).toMatch(/already at Proposal: choose another stage/);
    expect(await ops('leads', 'list', '--stage', 'proposal')).toBe(0);
    expect(stdout).toMatch(/2026-03-01\s+Moreton Freight\s+proposal\s+referral\s+pipeline_mvp\s+\$6,500\.50\s+10 %\s+Alice/);
    expect(await ops('leads', 'list', '--stage', 'won', '--json')).toBe(0);
    expect(JSON.parse(stdout)).toEqual([]);

    expect(await ops('clients', 'list', '--from', '2026-01-01', '--to', '2026-06-30')).toBe(0);
    expect(stdout).toMatch(/Moreton Freight\s+active\s+—\s+—/);
    expect(stdout).toMatch(/Retention 2026: 0 of 0 clients/);

    expect(await ops('kpis', '--from', '2026-03-01', '--to', '2026-03-31')).toBe(0);
    expect(stdout).toMatch(/KPI scorecard 2026-03-01 – 2026-03-31 \(Australia\/Brisbane\)/);
    expect(stdout).toMatch(/Weighted pipeline\s+\$650\.05/);
    expect(await ops('kpis', '--from', '2026-03-01', '--to', '2026-03-31', '--json')).toBe(0);
    const card = JSON.parse(stdout) as { tiles: Array<{ key: string; value: number | null }> };
    expect(card.tiles.find((t) => t.key === 'weighted_pipeline')!.value).toBe(65_005);
  });

  it('keeps control characters in names off the terminal', async () => {
    expect(await ops('leads', 'add', '--company', 'Evil\u001b[2J Co', '--tier', 'pipeline_mvp', '--value', '100')).toBe(0);
    expect(stdout).not.toContain('\u001b');
    expect(await ops('leads', 'list')).toBe(0);
    expect(stdout).not.toContain('\u001b');
  });

  it('refuses what it cannot do, saying what to do', async () => {
    expect(await ops('leads', 'add', '--company', 'X')).toBe(2);
    expect(stderr).toMatch(/needs --tier, --value/);
    expect(await ops('leads', 'add', '--company', 'X', '--tier', 'gold', '--value', '1')).toBe(2);
    expect(stderr).toMatch(/--tier “gold” is not one of pipeline_mvp/);
    expect(await ops('leads', 'add', '--company', 'X', '--tier', 'pipeline_mvp', '--value', '12.345')).toBe(2);
    expect(stderr).toMatch(/not an amount in dollars/);
    expect(await ops('leads', 'list', '--stage', 'negotiation')).toBe(2);
    expect(stderr).toMatch(/--stage “negotiation” is not one of discovery/);
    expect(await ops('leads', 'move', 'Nobody')).toBe(2);
    expect(stderr).toMatch(/needs --stage/);
    expect(await ops('leads', 'move', 'Nobody', '--stage', 'won')).toBe(1);
    expect(stderr).toMatch(/No lead for the company “Nobody”/);
    expect(await ops('leads', 'delete')).toBe(2);
    expect(await ops('clients')).toBe(2);
    expect(await ops('kpis', '--from', '2026-03-31', '--to', '2026-03-01')).toBe(2);
    expect(await ops('leads', 'add', '--company', 'X', '--tier', 'pipeline_mvp', '--value', '1', '--probability', '140', '--json')).toBe(1);
    expect(JSON.parse(stderr)).toMatchObject({ error: { code: 'invalid_input', field: 'probability' } });
  });
});
