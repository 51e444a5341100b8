// Manual time entries: create, edit, delete. Validation happens before any write, and each write
// (row + outbox) is one transaction, so a refused change leaves everything as it was.
import { OpsError, type ParsedInput } from '../../../shared/contract';
import type { TimeEntry } from '../../../shared/domain';
import type { Replica, RowValues } from '../sync/replica';
import { getEntry } from './queries';
import {
  activeConsultant,
  assertEditable,
  assertOwnEntry,
  assertPlausibleStart,
  durationMinutes,
  snapshotRate,
  usableProject,
} from './rules';

export function createEntry(replica: Replica, consultantId: string, input: ParsedInput<'entries.create'>, now = new Date()): TimeEntry {
  return replica.transaction(() => {
    assertPlausibleStart(input.startedAt, now);
    const consultant = activeConsultant(replica.db, consultantId);
    const project = usableProject(replica.db, input.projectId);
    const minutes = durationMinutes(input.startedAt, input.minutes, input.endedAt);
    const id = replica.newId();
    replica.insert('time_entries', {
      id,
      project_id: project.id,
      consultant_id: consultant.id,
      started_at: new Date(input.startedAt).toISOString(),
      minutes,
      billable: input.billable ? 1 : 0,
      note: input.note,
      rate_cents: snapshotRate(project, consultant),
      invoice_id: null,
    });
    return getEntry(replica.db, id)!;
  });
}

export function updateEntry(replica: Replica, consultantId: string, input: ParsedInput<'entries.update'>, now = new Date()): TimeEntry {
  return replica.transaction(() => {
    const entry = existingEntry(replica, input.id);
    assertOwnEntry(entry, consultantId);
    assertEditable(entry);
    const changes: RowValues = {};
    if (input.projectId !== undefined && input.projectId !== entry.projectId) {
      const project = usableProject(replica.db, input.projectId);
      changes.project_id = project.id;
      changes.rate_cents = snapshotRate(project, activeConsultant(replica.db, consultantId));
    }
    const startedAt = input.startedAt ?? entry.startedAt;
    if (input.startedAt !== undefined) {
      assertPlausibleStart(input.startedAt, now);
      changes.started_at = new Date(input.startedAt).toISOString();
    }
    if (input.minutes !== undefined || input.endedAt !== undefined) {
      changes.minutes = durationMinutes(startedAt, input.minutes, input.endedAt);
    }
    if (input.billable !== undefined) changes.billable = input.billable ? 1 : 0;
    if (input.note !== undefined) changes.note = input.note;
    replica.update('time_entries', entry.id, changedOnly(entry, changes));
    return getEntry(replica.db, entry.id)!;
  });
}

export function deleteEntry(replica: Replica, consultantId: string, id: string): { id: string } {
  return replica.transaction(() => {
    const entry = existingEntry(replica, id);
    assertOwnEntry(entry, consultantId);
    assertEditable(entry);
    replica.remove('time_entries', id);
    return { id };
  });
}

export function existingEntry(replica: Replica, id: string): TimeEntry {
  const entry = getEntry(replica.db, id);
  if (!entry) throw new OpsError('not_found', 'That time entry no longer exists (it may have been deleted). Refresh the list.', 'id');
  return entry;
}

const entryField: Record<string, (e: TimeEntry) => unknown> = {
  project_id: (e) => e.projectId,
  rate_cents: (e) => e.rateCents,
  started_at: (e) => e.startedAt,
  minutes: (e) => e.minutes,
  billable: (e) => (e.billable ? 1 : 0),
  note: (e) => e.note,
};

/** Only columns whose value really changes get a new clock (and so can win a merge). */
function changedOnly(entry: TimeEntry, changes: RowValues): RowValues {
  return Object.fromEntries(Object.entries(changes).filter(([column, value]) => entryField[column]?.(entry) !== value));
}
