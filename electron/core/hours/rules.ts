// The checks every hours write passes before anything changes. Each failure says what to do.
import { OpsError } from '../../../shared/contract';
import { ARCHIVED_PROJECT_STATUSES, MAX_ENTRY_MINUTES, type ProjectStatus, type TimeEntry } from '../../../shared/domain';
import { first, qb } from '../db/query';
import type { Sqlite } from '../db/open';

export interface UsableProject {
  id: string;
  name: string;
  hourlyRateCents: number | null;
}

export function usableProject(db: Sqlite, projectId: string): UsableProject {
  const project = first(db, qb.selectFrom('projects').select(['id', 'name', 'status', 'hourly_rate_cents']).where('id', '=', projectId));
  if (!project) {
    throw new OpsError('not_found', 'That project does not exist in this workspace. Pick a project from the list.', 'projectId');
  }
  if (ARCHIVED_PROJECT_STATUSES.includes(project.status as ProjectStatus)) {
    throw new OpsError(
      'invalid_input',
      `“${project.name}” is ${project.status}, so hours can no longer be logged on it. Choose an active project, or reopen this one first.`,
      'projectId',
    );
  }
  return { id: project.id, name: project.name, hourlyRateCents: project.hourly_rate_cents };
}

export function activeConsultant(db: Sqlite, consultantId: string): { id: string; defaultRateCents: number } {
  const consultant = first(db, qb.selectFrom('consultants').select(['id', 'active', 'default_rate_cents']).where('id', '=', consultantId));
  if (!consultant) {
    throw new OpsError(
      'not_found',
      'The consultant these hours are recorded for is not in this workspace. Choose who you are again.',
      'consultantId',
    );
  }
  if (consultant.active !== 1) {
    throw new OpsError(
      'invalid_input',
      'This consultant is inactive and cannot log hours. Choose another consultant in Settings.',
      'consultantId',
    );
  }
  return { id: consultant.id, defaultRateCents: consultant.default_rate_cents };
}

/** The rate snapshotted on an entry: the project's rate, else the consultant's default. */
export function snapshotRate(project: UsableProject, consultant: { defaultRateCents: number }): number {
  return project.hourlyRateCents ?? consultant.defaultRateCents;
}

/** How far ahead of now a start may be (a day: work planned for tomorrow in another zone). */
export const MAX_START_AHEAD_MS = 24 * 3_600_000;
export const EARLIEST_START_YEAR = 2000;
export const LATEST_START_YEAR = 2100;

/**
 * A start time a person could mean: not more than a day after `now`, and in the years 2000–2100
 * (UTC). Anything else is a typo or a wrong computer clock, and would sync to every laptop.
 */
export function assertPlausibleStart(startedAt: string, now: Date, field = 'startedAt'): void {
  const start = Date.parse(startedAt);
  const year = new Date(start).getUTCFullYear();
  if (Number.isNaN(start) || year < EARLIEST_START_YEAR || year > LATEST_START_YEAR) {
    throw new OpsError(
      'invalid_input',
      `The start time must be in the years ${EARLIEST_START_YEAR} to ${LATEST_START_YEAR}. Check the date (and this computer's clock).`,
      field,
    );
  }
  if (start - now.getTime() > MAX_START_AHEAD_MS) {
    throw new OpsError(
      'invalid_input',
      "The start time is more than a day ahead of now. Check the date (and this computer's clock); log hours for work done, not planned.",
      field,
    );
  }
}

/** Whole minutes from a start and either a duration or an end time. */
export function durationMinutes(startedAt: string, minutes: number | undefined, endedAt: string | undefined): number {
  if (minutes !== undefined && endedAt !== undefined) {
    throw new OpsError('invalid_input', 'Give either a duration or an end time, not both.', 'minutes');
  }
  if (minutes !== undefined) return minutes;
  if (endedAt === undefined) {
    throw new OpsError('invalid_input', 'Give a duration in minutes or an end time.', 'minutes');
  }
  const elapsed = Date.parse(endedAt) - Date.parse(startedAt);
  if (elapsed === 0) {
    throw new OpsError(
      'invalid_input',
      'The entry is 0 minutes long: the end time is the same as the start time. Give a later end time or a duration.',
      'endedAt',
    );
  }
  if (elapsed < 0) {
    throw new OpsError('invalid_input', 'The end time is before the start time. Check both times (and the date).', 'endedAt');
  }
  const whole = Math.round(elapsed / 60_000);
  if (whole < 1) throw new OpsError('invalid_input', 'The duration must be at least 1 minute.', 'endedAt');
  if (whole > MAX_ENTRY_MINUTES) {
    throw new OpsError('invalid_input', 'An entry can be at most 24 hours; split longer work into days.', 'endedAt');
  }
  return whole;
}

export function assertEditable(entry: TimeEntry): void {
  if (entry.locked) {
    throw new OpsError(
      'locked',
      `This entry is on invoice ${entry.invoiceNumber ?? ''}, which has been sent or paid, so it is locked. Ask billing to void the invoice before changing it.`,
    );
  }
}

export function assertOwnEntry(entry: TimeEntry, consultantId: string): void {
  if (entry.consultantId !== consultantId) {
    throw new OpsError('invalid_input', 'This entry belongs to another consultant; only they can change it.');
  }
}
