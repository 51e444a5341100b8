// Reference data and replica health: who can log hours and how the replica is (projects: ../projects).
import { sql } from 'kysely';
import type { Consultant, ReplicaStatus } from '../../../shared/domain';
import { all, first, qb } from '../db/query';
import { schemaVersion, type Sqlite } from '../db/open';
import { SYNCED_TABLES } from '../db/schema';

export function listConsultants(db: Sqlite): Consultant[] {
  return all(
    db,
    qb
      .selectFrom('consultants')
      .select(['id', 'name', 'email', 'default_rate_cents as defaultRateCents', 'weekly_capacity_hours as weeklyCapacityHours', 'active'])
      .orderBy('active', 'desc')
      .orderBy('name'),
  ).map((c) => ({ ...c, active: c.active === 1 }));
}

export function findConsultantByEmail(db: Sqlite, email: string): string | undefined {
  return first(
    db,
    qb
      .selectFrom('consultants')
      .select('id')
      .where(sql`lower(email)`, '=', email.toLowerCase()),
  )?.id;
}

export function rowCounts(db: Sqlite): Record<string, number> {
  const union = SYNCED_TABLES.map((t) => `SELECT '${t}' AS name, count(*) AS n FROM ${t}`).join(' UNION ALL ');
  const rows = db.prepare(union).all() as Array<{ name: string; n: number }>;
  return Object.fromEntries(rows.map((r) => [r.name, r.n]));
}

/** Outbox and sync bookkeeping: cheap, asked for on every sync and by the status indicator. */
export function syncBookkeeping(db: Sqlite) {
  const outbox = outboxCounts(db);
  const sync = first(
    db,
    qb.selectFrom('sync_state').select(['last_success_at', 'last_attempt_at', 'last_error', 'notice']).where('id', '=', 1),
  );
  const offset = first(db, qb.selectFrom('settings').select('value').where('key', '=', 'clock_offset_ms'));
  return {
    outboxPending: outbox.pending,
    outboxRejected: outbox.rejected,
    lastSyncAt: sync?.last_success_at ?? null,
    lastAttemptAt: sync?.last_attempt_at ?? null,
    lastSyncError: sync?.last_error ?? null,
    syncNotice: sync?.notice ?? null,
    // The offset is the central's clock minus this computer's; the skew is the other way round.
    clockSkewMs: offset ? -Number(offset.value) : null,
  };
}

/**
 * Pending and rejected mutations. Rejected ones are few and found by their partial index; pending is
 * the rest, so neither count reads the outbox's rows (a demo workspace's seed waits there whole).
 */
export function outboxCounts(db: Sqlite): { pending: number; rejected: number } {
  const total = first(db, qb.selectFrom('outbox').select(sql<number>`count(*)`.as('n')))!.n;
  const rejected = first(
    db,
    qb
      .selectFrom('outbox')
      .select(sql<number>`count(*)`.as('n'))
      .where('rejected_at', 'is not', null),
  )!.n;
  return { pending: total - rejected, rejected };
}

/** The whole replica's state, row counts included (the `ops status` command, Settings). */
export function replicaStatus(db: Sqlite): Omit<ReplicaStatus, 'workspace' | 'path' | 'clientId' | 'timer'> {
  const { lastAttemptAt: _attempt, syncNotice: _notice, clockSkewMs: _skew, ...bookkeeping } = syncBookkeeping(db);
  return { schemaVersion: schemaVersion(db), ...bookkeeping, rows: rowCounts(db) };
}
