// Diagnostics through the channel, as Settings asks for them: what support needs, never a secret,
// and refused while presenting.
import path from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { Core } from '../api';
import { MemorySecretStore } from '../central/secrets';
import { log, startLog, stopLog } from '../log/log';
import { forgetSecrets } from '../log/redact';
import { addEntry, newReplica, seedTiny } from '../sync/fixtures';
import { tempDir } from '../testing';

let core: Core | undefined;
afterEach(async () => {
  await core?.close();
  core = undefined;
  stopLog();
  forgetSecrets();
});

const PASSWORD = 'Sup3r-S3cret-pw';
const WEBHOOK = 'whsec_c2VjcmV0LXdlYmhvb2sta2V5LWZvci10ZXN0cw==';
const STORED = 'stored-keychain-pw';

function replicaWithHours(): string {
  const replica = newReplica('diag');
  const ids = seedTiny(replica);
  addEntry(replica, ids.alice, ids.project, 45, "O'Brien's review");
  const file = replica.db.name;
  replica.db.close();
  return file;
}

describe('diagnostics.get', () => {
  it('gives versions, the replica, the sync state and the last problems, with no secret in it', async () => {
    const logs = path.join(tempDir(), 'logs');
    await startLog({ dir: logs });
    const secrets = new MemorySecretStore();
    secrets.set('central-password', STORED); // kept in the keychain from an earlier session
    core = new Core({
      dbPath: replicaWithHours(),
      // Port 1: nothing listens, so the sync fails at once, as it does on a train.
      centralUrl: `postgres://alice:${PASSWORD}@127.0.0.1:1/ops`,
      webhookSecret: WEBHOOK,
      secrets,
    });
    await expect(core.call('sync.now')).rejects.toThrow();
    await expect(core.call('sync.now')).rejects.toThrow(); // the same failure again: logged once
    // A careless message elsewhere in the app: the diagnostics must not pass it on either.
    log.error(`Could not reach postgres://alice:${PASSWORD}@127.0.0.1:1/ops with ${WEBHOOK} and ${STORED}`);

    const d = await core.call('diagnostics.get');
    expect(d.versions.node).toBe(process.versions.node);
    expect(d.versions.sqlite).toMatch(/^3\.\d+\.\d+$/);
    expect(d.versions.betterSqlite3).toMatch(/^\d+\.\d+\.\d+$/);
    expect(d.versions.electron).toBeNull();
    expect(d.os.platform).toBe(process.platform);
    expect(d.replica.quickCheck).toBe('ok');
    expect(d.replica.bytes).toBeGreaterThan(0);
    expect(d.replica.schemaVersion).toBeGreaterThan(0);
    expect(d.replica.rows.time_entries).toBe(1);
    expect(d.replica.rows.consultants).toBe(2);
    expect(d.sync.configured).toBe(true);
    expect(d.sync.central).toBe('127.0.0.1:1/ops');
    expect(d.sync.lastError).toBeTruthy();
    expect(d.sync.pending).toBeGreaterThan(0);
    expect(d.log.dir).toBe(logs);
    expect(d.log.problems.filter((p) => p.message === 'Sync failed')).toHaveLength(1);
    expect(d.text).toContain('127.0.0.1:1/ops');
    expect(d.text).toContain('quick_check: ok');
    expect(d.text).toContain('Sync failed');
    expect(d.text).toContain(`Node ${process.versions.node}`);

    const everything = JSON.stringify(d);
    for (const secret of [PASSWORD, WEBHOOK, STORED, 'c2VjcmV0LXdlYmhvb2sta2V5']) expect(everything, secret).not.toContain(secret);
  });

  it('is refused while presenting, and given again once presenting stops', async () => {
    core = new Core({ dbPath: replicaWithHours() });
    await core.call('settings.update', { presentation: true });
    await expect(core.call('diagnostics.get')).rejects.toThrow(/presentation mode off/);
    await core.call('settings.update', { presentation: false });
    expect((await core.call('diagnostics.get')).log.dir).toBeNull();
  });
});
