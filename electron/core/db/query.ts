// Kysely builds typed SQL; better-sqlite3 runs it synchronously. Synchronous execution lets a
// feature write its rows and its outbox entries in one SQLite transaction with no awaits inside.
import { DummyDriver, Kysely, SqliteAdapter, SqliteIntrospector, SqliteQueryCompiler, type Compilable } from 'kysely';
import type { Statement } from 'better-sqlite3';
import type { Sqlite } from './open';
import type { DB } from './schema';

export const qb = new Kysely<DB>({
  dialect: {
    createAdapter: () => new SqliteAdapter(),
    createDriver: () => new DummyDriver(),
    createIntrospector: (db) => new SqliteIntrospector(db),
    createQueryCompiler: () => new SqliteQueryCompiler(),
  },
});

type Row<Q> = Q extends Compilable<infer R> ? R : never;

const statements = new WeakMap<Sqlite, Map<string, Statement<unknown[], unknown>>>();

/** A prepared statement, prepared once per database connection and SQL text. */
export function cachedStatement(db: Sqlite, sql: string): Statement<unknown[], unknown> {
  let cache = statements.get(db);
  if (!cache) statements.set(db, (cache = new Map()));
  let statement = cache.get(sql);
  if (!statement) cache.set(sql, (statement = db.prepare<unknown[], unknown>(sql)));
  return statement;
}

export function all<Q extends Compilable<unknown>>(db: Sqlite, query: Q): Row<Q>[] {
  const { sql, parameters } = query.compile();
  return cachedStatement(db, sql).all(...parameters) as Row<Q>[];
}

export function first<Q extends Compilable<unknown>>(db: Sqlite, query: Q): Row<Q> | undefined {
  const { sql, parameters } = query.compile();
  return cachedStatement(db, sql).get(...parameters) as Row<Q> | undefined;
}

export function run(db: Sqlite, query: Compilable<unknown>): number {
  const { sql, parameters } = query.compile();
  return cachedStatement(db, sql).run(...parameters).changes;
}
