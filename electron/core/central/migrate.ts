// `ops central migrate`: creates or upgrades the central schema, idempotently, under an advisory
// lock so two runs cannot interleave.
import { OpsError } from '../../../shared/contract';
import type { Central } from './connection';
import { CENTRAL_SCHEMA_VERSION, centralMigrations } from './migrations';

const LOCK_KEY = 0x4f505343; // "OPSC"

export interface MigrateResult {
  from: number;
  to: number;
  applied: string[];
}

export async function migrateCentral(client: Central): Promise<MigrateResult> {
  await client.query('BEGIN');
  try {
    await client.query('SELECT pg_advisory_xact_lock($1)', [LOCK_KEY]);
    await client.query(
      'CREATE TABLE IF NOT EXISTS _migrations (version integer PRIMARY KEY, name text NOT NULL, applied_at timestamptz NOT NULL DEFAULT now())',
    );
    const { rows } = await client.query<{ version: number }>('SELECT coalesce(max(version), 0) AS version FROM _migrations');
    const from = rows[0]!.version;
    if (from > CENTRAL_SCHEMA_VERSION) {
      throw new OpsError(
        'unsupported',
        `The central schema is version ${from}, newer than this app knows (${CENTRAL_SCHEMA_VERSION}). Update the app; nothing was changed.`,
      );
    }
    const pending = centralMigrations.filter((m) => m.version > from);
    for (const migration of pending) {
      await client.query(migration.sql);
      await client.query('INSERT INTO _migrations (version, name) VALUES ($1, $2)', [migration.version, migration.name]);
    }
    await client.query('INSERT INTO _schema_meta (id, version) VALUES (1, $1) ON CONFLICT (id) DO UPDATE SET version = excluded.version', [
      CENTRAL_SCHEMA_VERSION,
    ]);
    await client.query('COMMIT');
    return { from, to: CENTRAL_SCHEMA_VERSION, applied: pending.map((m) => `${String(m.version).padStart(4, '0')}_${m.name}`) };
  } catch (error) {
    await client.query('ROLLBACK').catch(() => undefined);
    throw error;
  }
}

export type CentralSchemaState =
  { kind: 'missing' } | { kind: 'ok'; version: number; instance: string } | { kind: 'newer'; version: number; instance: string };

export async function centralSchemaState(client: Central): Promise<CentralSchemaState> {
  const exists = await client.query<{ t: string | null }>("SELECT to_regclass('public._schema_meta')::text AS t");
  if (!exists.rows[0]?.t) return { kind: 'missing' };
  const { rows } = await client.query<{ version: number; instance: string }>(
    'SELECT version, instance_id::text AS instance FROM _schema_meta WHERE id = 1',
  );
  const version = rows[0]?.version ?? 0;
  if (version === 0) return { kind: 'missing' };
  const instance = rows[0]!.instance;
  return version > CENTRAL_SCHEMA_VERSION ? { kind: 'newer', version, instance } : { kind: 'ok', version, instance };
}

/** Sync refuses a central schema it does not know, before touching either side. Returns which central database it is. */
export async function assertSyncableSchema(client: Central): Promise<string> {
  const state = await centralSchemaState(client);
  if (state.kind === 'missing') {
    throw new OpsError(
      'unsupported',
      'The central database has no Ops Console schema yet. Run `npx ops central migrate` against it first.',
    );
  }
  if (state.kind === 'ok' && state.version < CENTRAL_SCHEMA_VERSION) {
    throw new OpsError(
      'unsupported',
      `The central schema is older (version ${state.version}) than this app expects (${CENTRAL_SCHEMA_VERSION}). Run \`npx ops central migrate\` to upgrade it.`,
    );
  }
  if (state.kind === 'newer') {
    throw new OpsError(
      'unsupported',
      `The central database uses a newer schema (version ${state.version}; this app knows ${CENTRAL_SCHEMA_VERSION}). Update the app to sync; your local work is kept.`,
    );
  }
  return state.instance;
}
