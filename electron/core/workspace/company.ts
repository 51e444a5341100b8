// The business block on invoices, kept as one workspace setting (JSON) in the replica. The demo
// workspace gets a plausible Brisbane consultancy on its first open, so its invoices look real.
import { EMPTY_COMPANY, parseStoredCompany, type Company } from '../../../shared/features/workspace/company';
import type { Sqlite } from '../db/open';
import { readSetting, writeSetting } from '../sync/replica';

const KEY = 'company';

export function readCompany(db: Sqlite): Company {
  return parseStoredCompany(readSetting(db, KEY));
}

export function writeCompany(db: Sqlite, company: Company): void {
  writeSetting(db, KEY, JSON.stringify({ ...EMPTY_COMPANY, ...company }));
}

/** A made-up business (the ABN passes the ATO check but belongs to no one we know of). */
export const DEMO_COMPANY: Company = {
  name: 'Brisbane Pipeline Co. Pty Ltd',
  abn: '53417800731',
  address: 'Level 9, 300 Ann Street\nBrisbane City QLD 4000',
  email: 'accounts@brisbanepipeline.example',
  bsb: '064000',
  accountNumber: '12345678',
  accountName: 'Brisbane Pipeline Co. Pty Ltd',
  paymentNote: 'Please quote the invoice number as the payment reference.',
};

/** Once per workspace: a block cleared by the user later stays cleared (it is stored, empty). */
export function seedDemoCompany(db: Sqlite): void {
  if (readSetting(db, KEY) === null) writeCompany(db, DEMO_COMPANY);
}
