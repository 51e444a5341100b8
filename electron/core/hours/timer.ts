// The one running timer. It is a row in SQLite from the moment it starts, so it survives closing
// the app, a crash or a reboot; elapsed time is always derived from its start instant.
import { OpsError } from '../../../shared/contract';
import { MAX_ENTRY_MINUTES, type RunningTimer, type TimeEntry } from '../../../shared/domain';
import { isoNow } from '../../../shared/time';
import { first, qb, run } from '../db/query';
import type { Sqlite } from '../db/open';
import type { Replica } from '../sync/replica';
import { getEntry } from './queries';
import { activeConsultant, assertPlausibleStart, snapshotRate, usableProject } from './rules';

export function getTimer(db: Sqlite): RunningTimer | null {
  const row = first(
    db,
    qb
      .selectFrom('running_timer as t')
      .innerJoin('projects as p', 'p.id', 't.project_id')
      .innerJoin('clients as c', 'c.id', 'p.client_id')
      .select([
        't.project_id as projectId',
        'p.name as projectName',
        'c.name as clientName',
        't.consultant_id as consultantId',
        't.note',
        't.started_at as startedAt',
      ]),
  );
  return row ?? null;
}

export function startTimer(replica: Replica, consultantId: string, projectId: string, note: string, now = new Date()): RunningTimer {
  return replica.transaction(() => {
    const running = getTimer(replica.db);
    if (running) {
      throw new OpsError('conflict', `A timer is already running on “${running.projectName}”. Stop it first, or switch project.`);
    }
    activeConsultant(replica.db, consultantId);
    usableProject(replica.db, projectId);
    assertPlausibleStart(isoNow(now), now); // a computer clock set to another century
    run(
      replica.db,
      qb.insertInto('running_timer').values({ id: 1, project_id: projectId, consultant_id: consultantId, note, started_at: isoNow(now) }),
    );
    return getTimer(replica.db)!;
  });
}

/**
 * Stops the timer and records its time as an entry: elapsed time rounded to the nearest whole
 * minute, at least 1 minute. A timer left running for over 24 hours is not guessed at: the user
 * gives the real end time (`endedAt`) or discards it.
 */
export function stopTimer(replica: Replica, endedAt?: string, now = new Date()): TimeEntry {
  return replica.transaction(() => {
    const timer = getTimer(replica.db);
    if (!timer) throw new OpsError('conflict', 'No timer is running. Start one on a project first.');
    const end = endedAt ? Date.parse(endedAt) : now.getTime();
    // The entry starts on the timer's nearest whole minute, so start + minutes ends on the minute
    // it was stopped (a start at 15:07:56 stopped at 17:00 shows 15:08–17:00, not 15:07–16:59).
    const started = Date.parse(timer.startedAt);
    const nearest = Math.round(started / 60_000) * 60_000;
    const start = nearest <= end ? nearest : Math.floor(started / 60_000) * 60_000;
    const elapsedMs = end - start;
    if (end < started) {
      throw new OpsError('invalid_input', 'The end time is before the timer started. Check the time.', 'endedAt');
    }
    const minutes = Math.max(1, Math.round(elapsedMs / 60_000));
    if (minutes > MAX_ENTRY_MINUTES) {
      throw new OpsError(
        'invalid_input',
        'The timer has run for over 24 hours, more than one entry can hold. Give the date and time you really stopped, or discard the timer.',
        'endedAt',
      );
    }
    const consultant = activeConsultant(replica.db, timer.consultantId);
    const project = usableProject(replica.db, timer.projectId);
    const id = replica.newId();
    replica.insert('time_entries', {
      id,
      project_id: project.id,
      consultant_id: consultant.id,
      started_at: new Date(start).toISOString(),
      minutes,
      billable: 1,
      note: timer.note,
      rate_cents: snapshotRate(project, consultant),
      invoice_id: null,
    });
    run(replica.db, qb.deleteFrom('running_timer'));
    return getEntry(replica.db, id)!;
  });
}

/** Stops the running timer and starts a new one on another project, as one change. */
export function switchTimer(replica: Replica, projectId: string, note: string, now = new Date()) {
  return replica.transaction(() => {
    const stopped = stopTimer(replica, undefined, now);
    const timer = startTimer(replica, stopped.consultantId, projectId, note, now);
    return { stopped, timer };
  });
}

/** Drops the running timer without recording anything; returns what was dropped (null: nothing ran). */
export function discardTimer(replica: Replica): RunningTimer | null {
  return replica.transaction(() => {
    const timer = getTimer(replica.db);
    run(replica.db, qb.deleteFrom('running_timer'));
    return timer;
  });
}
