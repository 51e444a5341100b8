// Every local write goes through here: it changes the row and records the mutation in the outbox
// in the same SQLite transaction, stamping changed columns with the hybrid logical clock. Features
// never write synced tables directly, so sync sees every change.
import { v7 as uuidv7 } from 'uuid';
import { isoNow } from '../../../shared/time';
import { HybridClock, isWellFormedHlc, parseHlc } from './hlc';
import type { Sqlite } from '../db/open';
import { cachedStatement } from '../db/query';
import type { SyncedTable } from '../db/schema';

type Value = string | number | null;
export type RowValues = Record<string, Value>;

export class Replica {
  private id: string;
  private clock: HybridClock;
  /** The central database's clock minus this computer's, as measured at the last sync. */
  private offsetMs: number;
  /**
   * The central's time at the last measurement in this process, against the monotonic clock: the
   * computer's clock can be set (NTP, the user) between syncs without moving this one.
   */
  private anchor: { centralMs: number; mono: number } | null = null;

  constructor(
    readonly db: Sqlite,
    private readonly wallClock: () => number = Date.now,
    private readonly monoClock: () => number = () => performance.now(),
  ) {
    this.id = readSetting(db, 'client_id') ?? createClientId(db);
    this.offsetMs = Number(readSetting(db, 'clock_offset_ms') ?? 0);
    // An offset kept from another run is only as good as the clock it was measured against. If it
    // would put now before the last stamp this replica issued, the computer's clock was set right
    // since (a laptop a day fast, corrected): the offset is stale, and would stamp edits a day early.
    const last = readSetting(db, 'hlc');
    if (this.offsetMs !== 0 && isWellFormedHlc(last) && this.wallClock() + this.offsetMs < parseHlc(last).ms - STALE_OFFSET_MS) {
      this.offsetMs = 0;
      deleteSetting(db, 'clock_offset_ms');
    }
    this.clock = new HybridClock(this.id, last, () => this.now());
  }

  /** The id the central database knows this replica's mutations by. */
  get clientId(): string {
    return this.id;
  }

  /**
   * The time as the central database counts it: this computer's clock corrected by the offset
   * measured at the last sync, so a laptop whose clock is a day off still stamps its edits in order.
   */
  now(): number {
    if (this.anchor) return Math.floor(this.anchor.centralMs + (this.monoClock() - this.anchor.mono));
    return this.wallClock() + this.offsetMs;
  }

  /** This computer's own clock, uncorrected. */
  wallNow(): number {
    return this.wallClock();
  }

  get clockOffsetMs(): number {
    return this.offsetMs;
  }

  /** Kept when it moves by more than measurement noise (a round trip), so a quiet sync writes nothing. */
  setClockOffset(offsetMs: number): void {
    this.anchor = { centralMs: this.wallClock() + offsetMs, mono: this.monoClock() };
    if (Math.abs(offsetMs - this.offsetMs) < 50 && readSetting(this.db, 'clock_offset_ms') !== null) return;
    this.offsetMs = Math.round(offsetMs);
    writeSetting(this.db, 'clock_offset_ms', String(this.offsetMs));
  }

  /**
   * A copied or restored replica, or one used under another login: from now on its mutations go
   * under a new client id, numbered afresh on the server, so none is mistaken for one already
   * applied. Stamps keep their order (the clock carries on under the new node name).
   */
  renewClientId(): string {
    const last = this.clock.tick();
    this.id = createClientId(this.db);
    writeSetting(this.db, 'acked_mutation', '0');
    this.clock = new HybridClock(this.id, last, () => this.now());
    return this.id;
  }

  /** Runs `work` in one IMMEDIATE transaction: all of it commits, or none of it. */
  transaction<T>(work: () => T): T {
    return this.db.transaction(work).immediate();
  }

  insert(table: SyncedTable, values: RowValues & { id: string }): void {
    const hlc = this.stamp();
    const columns = Object.keys(values);
    this.prepare(insertSql(table, columns)).run(...columns.map((c) => values[c]), hlc);
    this.record(table, values.id, 'upsert', null, hlc);
  }

  /**
   * A fast inserter for many rows of one table (demo seeding, initial loads): one prepared
   * statement and one clock stamp shared by the batch, each row still recorded in the outbox.
   * Call it inside `transaction`.
   */
  bulkInserter(table: SyncedTable, columns: string[]): (values: Value[]) => void {
    const hlc = this.stamp();
    const insert = this.prepare(insertSql(table, columns));
    const record = this.prepare(OUTBOX_INSERT);
    const idIndex = columns.indexOf('id');
    const createdAt = isoNow();
    return (values) => {
      insert.run(...values, hlc);
      record.run(table, values[idIndex], 'upsert', null, hlc, createdAt);
    };
  }

  update(table: SyncedTable, id: string, changes: RowValues): void {
    const columns = Object.keys(changes).filter((c) => c !== 'id');
    if (columns.length === 0) return;
    const hlc = this.stamp();
    const clockPaths = columns.map(() => `'$.' || ?, ?`).join(', ');
    this.prepare(
      `UPDATE ${table} SET ${columns.map((c) => `${c} = ?`).join(', ')}, _clocks = json_set(_clocks, ${clockPaths}) WHERE id = ?`,
    ).run(...columns.map((c) => changes[c]), ...columns.flatMap((c) => [c, hlc]), id);
    this.record(table, id, 'upsert', columns, hlc);
  }

  remove(table: SyncedTable, id: string): void {
    const hlc = this.stamp();
    this.prepare(`DELETE FROM ${table} WHERE id = ?`).run(id);
    this.record(table, id, 'delete', null, hlc);
  }

  /**
   * Queues a row to be sent again as it is now, with its own clocks (`columns` null: all of it):
   * for writes the central database lost in a restore. Call it inside `transaction`.
   */
  requeue(table: SyncedTable, id: string, columns: string[] | null): void {
    this.record(table, id, 'upsert', columns, this.stamp());
  }

  private prepare(sql: string) {
    return cachedStatement(this.db, sql);
  }

  /** Folds in a clock stamp pulled from the central, so later local stamps sort after it. */
  observe(stamp: string): void {
    this.clock.observe(stamp);
    writeSetting(this.db, 'hlc', this.clock.tick());
  }

  newId(): string {
    return uuidv7();
  }

  stamp(): string {
    const hlc = this.clock.tick();
    writeSetting(this.db, 'hlc', hlc);
    return hlc;
  }

  private record(table: SyncedTable, rowId: string, op: 'upsert' | 'delete', columns: string[] | null, hlc: string): void {
    this.prepare(OUTBOX_INSERT).run(table, rowId, op, columns ? JSON.stringify(columns) : null, hlc, isoNow());
  }
}

const OUTBOX_INSERT = 'INSERT INTO outbox (table_name, row_id, op, columns, hlc, created_at) VALUES (?, ?, ?, ?, ?, ?)';

function insertSql(table: SyncedTable, columns: string[]): string {
  return `INSERT INTO ${table} (${columns.join(', ')}, _hlc) VALUES (${columns.map(() => '?').join(', ')}, ?)`;
}

export function readSetting(db: Sqlite, key: string): string | null {
  const row = cachedStatement(db, 'SELECT value FROM settings WHERE key = ?').get(key) as { value: string } | undefined;
  return row?.value ?? null;
}

function deleteSetting(db: Sqlite, key: string): void {
  cachedStatement(db, 'DELETE FROM settings WHERE key = ?').run(key);
}

/** How far before the last issued stamp "now" may fall before a kept clock offset counts as stale. */
const STALE_OFFSET_MS = 60_000;

export function writeSetting(db: Sqlite, key: string, value: string): void {
  cachedStatement(db, 'INSERT INTO settings (key, value) VALUES (?, ?) ON CONFLICT (key) DO UPDATE SET value = excluded.value').run(
    key,
    value,
  );
}

function createClientId(db: Sqlite): string {
  const id = uuidv7();
  writeSetting(db, 'client_id', id);
  return id;
}
