// Direct access to a running host's demo replica, for tests that need a situation the app itself
// would never create on purpose (a project completed elsewhere, a timer forgotten for days, a
// damaged row). The host notices the outside write within a second, as it does for the CLI.
import Database from 'better-sqlite3';
import path from 'node:path';
import type { Page } from '@playwright/test';
import type { RunningHost } from './host';

export function openReplica(host: RunningHost): Database.Database {
  return new Database(path.join(host.dataDir, 'demo.sqlite'));
}

/** Waits until the first-start demo seed is done (the timer's project list has projects). */
export async function demoReady(page: Page): Promise<void> {
  await page.getByLabel('Timer project').locator('option:not([value=""])').first().waitFor({ state: 'attached', timeout: 60_000 });
}

export function currentConsultant(db: Database.Database): string {
  return (db.prepare("SELECT value FROM settings WHERE key = 'consultant_id'").get() as { value: string }).value;
}

/** The local day (YYYY-MM-DD) of an instant in a zone. */
export function dayIn(iso: string, timeZone = 'Australia/Brisbane'): string {
  return new Intl.DateTimeFormat('en-CA', { timeZone }).format(new Date(iso));
}

export interface EntryRow {
  id: string;
  started_at: string;
  minutes: number;
  project_id: string;
  project_name: string;
}

/** The current consultant's latest entry that is not on an invoice, on an active project. */
export function editableEntry(db: Database.Database): EntryRow {
  return db
    .prepare(
      `SELECT e.id, e.started_at, e.minutes, e.project_id, p.name AS project_name
         FROM time_entries e JOIN projects p ON p.id = e.project_id
        WHERE e.consultant_id = ? AND e.invoice_id IS NULL AND p.status = 'active'
        ORDER BY e.started_at DESC LIMIT 1`,
    )
    .get(currentConsultant(db)) as EntryRow;
}
