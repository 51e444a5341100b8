// `ops invoices …` on a replica file: preview, create, send, pay, show and list, by client name
// and invoice number, and the refusals (exit code 2 for usage, 1 for the core's).
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { invoicingReplica, logHours } from '../core/invoices/testing';
import { tempDir } from '../core/testing';
import { main } from './ops';

let stdout: string;
let stderr: string;
let db: string;
const env = () => ({ OPS_DATA_DIR: tempDir(), OPS_CONSULTANT: 'alice@example.com' });

beforeEach(() => {
  vi.spyOn(process.stdout, 'write').mockImplementation((chunk) => ((stdout += String(chunk)), true));
  vi.spyOn(process.stderr, 'write').mockImplementation((chunk) => ((stderr += String(chunk)), true));
  const { replica, ids } = invoicingReplica();
  logHours(replica, { project: ids.project, consultant: ids.alice, startedAt: '2026-03-02T00:00:00Z', minutes: 7, rateCents: 19000 });
  logHours(replica, { project: ids.project2, consultant: ids.bob, startedAt: '2026-03-03T00:00:00Z', minutes: 50, rateCents: 12345 });
  db = replica.db.name;
  replica.db.close();
});
afterEach(() => vi.restoreAllMocks());

async function ops(...args: string[]): Promise<number> {
  stdout = '';
  stderr = '';
  return main([...args, '--db', db], env());
}

describe('ops invoices', () => {
  it('previews, creates, sends, pays, shows and lists', async () => {
    expect(await ops('invoices', 'preview', '--client', 'Moreton Freight', '--from', '2026-03-01', '--to', '2026-03-31')).toBe(0);
    expect(stdout).toContain('Subtotal $150.38   GST $15.04   Total $165.42'); // 4750 + 10288 (10287.5 half-up); 1503.8 → 1504
    expect(await ops('invoices', 'create', '--project', 'Pipeline MVP', '--from', '2026-03-01', '--to', '2026-03-31', '--json')).toBe(0);
    const created = JSON.parse(stdout) as { number: string; totalCents: number; status: string };
    expect(created).toMatchObject({ status: 'draft', subtotalCents: 4750, taxCents: 475 });
    expect(await ops('invoices', 'pay', created.number)).toBe(1);
    expect(stderr).toMatch(/still a draft: send it before recording a payment/);
    expect(await ops('invoices', 'send', created.number)).toBe(0);
    expect(stdout).toMatch(/its hours are locked/);
    expect(await ops('invoices', 'pay', created.number, '--date', '2000-01-01')).toBe(1);
    expect(stderr).toMatch(/cannot have been paid before/);
    expect(await ops('invoices', 'pay', created.number)).toBe(0);
    expect(await ops('invoices', 'show', created.number)).toBe(0);
    expect(stdout).toMatch(new RegExp(`${created.number}\\s+Moreton Freight — Pipeline MVP\\s+\\(paid `));
    expect(await ops('invoices', 'list', '--status', 'paid', '--json')).toBe(0);
    expect((JSON.parse(stdout) as Array<{ number: string }>).map((i) => i.number)).toEqual([created.number]);
    expect(await ops('invoices', 'list', '--status', 'draft')).toBe(0);
    expect(stdout.trim()).toBe('No invoices.');
  });

  it('bills a milestone of a fixed-price project, and says the preview leaves its hours out', async () => {
    expect(await ops('invoices', 'milestone', '--project', 'Pipeline MVP', '--amount', '1,000.00')).toBe(1);
    expect(stderr).toMatch(/billed by the hour, so it has no milestones/);
    const { Replica } = await import('../core/sync/replica');
    const { openReplica } = await import('../core/db/open');
    const replica = new Replica(openReplica(db));
    replica.transaction(() => {
      const id = replica.db.prepare(`SELECT id FROM projects WHERE name = 'Pipeline MVP'`).pluck().get() as string;
      replica.update('projects', id, { pricing: 'fixed' });
    });
    replica.db.close();
    expect(await ops('invoices', 'preview', '--client', 'Moreton Freight', '--from', '2026-03-01', '--to', '2026-03-31')).toBe(0);
    expect(stdout).toContain('Subtotal $102.88'); // Landing zone's hours only
    expect(stdout).toMatch(
      /Pipeline MVP is fixed-price \(not billed by the hour\): \$0\.00 invoiced of \$6,000\.00; bill it with ops invoices milestone/,
    );
    expect(await ops('invoices', 'milestone', '--project', 'Pipeline MVP', '--amount', '3000', '--json')).toBe(0);
    expect(JSON.parse(stdout)).toMatchObject({ status: 'draft', subtotalCents: 300000, taxCents: 30000, totalCents: 330000, lines: [] });
    expect(await ops('invoices', 'milestone', '--project', 'Pipeline MVP', '--amount', '3000.001')).toBe(2);
    expect(stderr).toMatch(/--amount “3000\.001” is not an amount/);
    expect(await ops('invoices', 'milestone', '--project', 'Pipeline MVP')).toBe(2);
    expect(stderr).toMatch(/needs --project P .* and --amount A/);
  });

  it('refuses what it cannot do, saying what to do', async () => {
    expect(await ops('invoices', 'create', '--client', 'Moreton Freight')).toBe(2);
    expect(stderr).toMatch(/needs --client C \(or --project P\), --from D and --to D/);
    expect(await ops('invoices', 'list', '--status', 'overdue')).toBe(2);
    expect(stderr).toMatch(/not an invoice status: use one of draft, sent, paid, void/);
    expect(await ops('invoices', 'print')).toBe(2);
    expect(await ops('invoices', 'send')).toBe(2);
    expect(await ops('invoices', 'void', 'INV-0000')).toBe(1);
    expect(stderr).toMatch(/no invoice “INV-0000”/);
    expect(await ops('invoices', 'preview', '--client', 'Nobody', '--from', '2026-03-01', '--to', '2026-03-31')).toBe(1);
    expect(stderr).toMatch(/No client is called “Nobody”/);
  });
});
