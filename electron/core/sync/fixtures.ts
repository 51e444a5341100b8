// A tiny workspace for sync tests: two consultants, one client, two projects, some hours.
import { openReplica } from '../db/open';
import { tempDir } from '../testing';
import { Replica } from './replica';
import path from 'node:path';
import { SYNCED_TABLES, type SyncedTable } from '../db/schema';
import { columnsOf, pgSelectList, RESTRICTED_COLUMNS, SYNC_COLUMNS } from './columns';
import { connectCentral, type Central } from '../central/connection';

/** A replica in a new file; `wallClock` stands in for the computer's clock (a wrong one, say). */
export function newReplica(name = 'replica', wallClock?: () => number): Replica {
  return new Replica(openReplica(path.join(tempDir(), `${name}.sqlite`)), wallClock);
}

export interface TinyIds {
  alice: string;
  bob: string;
  client: string;
  project: string;
  project2: string;
}

export function seedTiny(replica: Replica): TinyIds {
  const ids: TinyIds = {
    alice: replica.newId(),
    bob: replica.newId(),
    client: replica.newId(),
    project: replica.newId(),
    project2: replica.newId(),
  };
  replica.transaction(() => {
    for (const [id, name] of [
      [ids.alice, 'Alice'],
      [ids.bob, 'Bob'],
    ] as const) {
      replica.insert('consultants', {
        id,
        name,
        email: `${name.toLowerCase()}@example.com`,
        default_rate_cents: 18000,
        cost_rate_cents: 9000,
        weekly_capacity_hours: 38,
        active: 1,
      });
    }
    replica.insert('clients', {
      id: ids.client,
      name: 'Moreton Freight',
      industry: 'Logistics',
      region: 'Brisbane CBD',
      nps: 40,
      status: 'active',
    });
    for (const [id, name] of [
      [ids.project, 'Pipeline MVP'],
      [ids.project2, 'Landing zone'],
    ] as const) {
      replica.insert('projects', {
        id,
        client_id: ids.client,
        name,
        tier: 'pipeline_mvp',
        status: 'active',
        budget_cents: 600000,
        hourly_rate_cents: 19000,
        rounding_mode: 'none',
        rounding_step: 15,
        start_on: '2026-01-05',
        due_on: null,
      });
    }
  });
  return ids;
}

export function addEntry(replica: Replica, consultant: string, project: string, minutes: number, note = ''): string {
  const id = replica.newId();
  replica.transaction(() =>
    replica.insert('time_entries', {
      id,
      project_id: project,
      consultant_id: consultant,
      started_at: '2026-11-20T00:00:00.000Z',
      minutes,
      billable: 1,
      note,
      rate_cents: 19000,
      invoice_id: null,
    }),
  );
  return id;
}

/** A JSON value with every object's keys in order: jsonb keeps its own key order, SQLite text the writer's. */
function sortKeys(value: unknown): unknown {
  if (Array.isArray(value)) return value.map(sortKeys);
  if (value && typeof value === 'object') {
    return Object.fromEntries(
      Object.keys(value)
        .sort()
        .map((k) => [k, sortKeys((value as Record<string, unknown>)[k])]),
    );
  }
  return value;
}

/** A row's values for comparison; JSON documents compared by content, not by spacing or key order. */
function canonical(table: SyncedTable, columns: string[], row: Record<string, unknown>): string {
  return JSON.stringify(
    columns.map((c) =>
      SYNC_COLUMNS[table][c] === 'json' && typeof row[c] === 'string' ? JSON.stringify(sortKeys(JSON.parse(row[c] as string))) : row[c],
    ),
  );
}

/** Every synced row as `table/id → values` in the replica's representation (clocks left out). */
export function replicaRows(replica: Replica): Map<string, string> {
  const out = new Map<string, string>();
  for (const table of SYNCED_TABLES) {
    const columns = columnsOf(table);
    for (const row of replica.db.prepare(`SELECT ${columns.join(', ')} FROM ${table}`).all() as Record<string, unknown>[]) {
      out.set(`${table}/${row.id}`, canonical(table, columns, row));
    }
  }
  return out;
}

/** Every central row as `replicaRows` gives them; `asConsultant`: as a consultant's replica has them. */
export async function centralRows(central: Central, { asConsultant = false } = {}): Promise<Map<string, string>> {
  const out = new Map<string, string>();
  const hidden = new Set<string>(asConsultant ? RESTRICTED_COLUMNS : []);
  for (const table of SYNCED_TABLES as readonly SyncedTable[]) {
    const columns = columnsOf(table);
    const { rows } = await central.query<Record<string, unknown>>(
      `SELECT ${pgSelectList(table, { clocks: false, hidden })} FROM ${table} t`,
    );
    for (const row of rows) out.set(`${table}/${row.id}`, canonical(table, columns, row));
  }
  return out;
}

/** A connection whose push commits on the server but whose answer is lost on the way back. */
export async function connectionThatLosesThePushAnswer(url: string): Promise<Central> {
  const client = await connectCentral(url);
  const query = client.query.bind(client) as (...args: unknown[]) => Promise<unknown>;
  (client as unknown as { query: typeof query }).query = async (...args: unknown[]) => {
    const result = await query(...args);
    if (typeof args[0] === 'string' && args[0].includes('ops_push')) {
      client.end().catch(() => undefined);
      throw new Error('Connection terminated unexpectedly');
    }
    return result;
  };
  return client;
}
