// Why the central database refused a mutation, in words a consultant can act on.
import { plainReason } from '../central/connection';

interface PgError {
  code?: string;
  message?: string;
  hint?: string;
  detail?: string;
  constraint?: string;
}

export const DELETED_ELSEWHERE = 'This row was deleted on another device or by another system, so the change cannot be applied.';
export const CHANGED_AFTER_DELETE =
  'This row was changed on another device after you deleted it, so it was kept. Discard your delete to keep the row, or retry to delete it anyway.';
export const NOT_YOURS = 'The central database refused it: you can change only your own time entries (and pipeline jobs you requested).';

export function rejectionReason(error: unknown): string {
  const e = error as PgError;
  if (e.hint === 'locked') return e.message ?? 'This entry is locked by a sent or paid invoice.';
  if (e.code === '42501' || /row-level security/.test(e.message ?? '')) return NOT_YOURS;
  if (e.code === '23503') return `It refers to something that does not exist in the central database (${e.constraint ?? 'a reference'}).`;
  if (e.code === '23505') return `Another row already uses the same value (${e.constraint ?? 'unique value'}).`;
  if (e.code === '23514' || e.code === '23502')
    return `A value is not allowed by the central database (${e.constraint ?? e.message ?? 'a check'}).`;
  return `The central database refused it: ${plainReason(error)}`;
}
