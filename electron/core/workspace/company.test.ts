// The business block on invoices: the ABN checksum (a table of real-format numbers), the
// settings channel storing and returning the block, and each refusal changing nothing.
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { companySchema, EMPTY_COMPANY, formatAbn, isValidAbn, parseStoredCompany } from '../../../shared/features/workspace/company';
import { Core } from '../api';
import { newReplica, seedTiny } from '../sync/fixtures';
import { DEMO_COMPANY, readCompany, seedDemoCompany, writeCompany } from './company';

describe('the ABN check', () => {
  it.each([
    ['51824753556', true], // the ATO's own example
    ['53417800731', true], // the demo's
    ['33051775556', true],
    ['51824753557', false], // last digit off by one
    ['15824753556', false], // two digits swapped
    ['5182475355', false], // 10 digits
    ['518247535560', false], // 12 digits
    ['01824753556', false], // no ABN starts with 0
    ['5182475355a', false],
    ['', false],
  ])('%s is %s', (abn, valid) => {
    expect(isValidAbn(abn)).toBe(valid);
  });

  it('accepts an ABN typed with spaces, stores the digits and writes it back in groups', () => {
    const parsed = companySchema.parse({ ...EMPTY_COMPANY, abn: '51 824 753 556', bsb: '064-000', accountNumber: '1234 5678' });
    expect(parsed).toMatchObject({ abn: '51824753556', bsb: '064000', accountNumber: '12345678' });
    expect(formatAbn(parsed.abn)).toBe('51 824 753 556');
  });
});

describe('settings.update company', () => {
  let core: Core;
  beforeEach(() => {
    const replica = newReplica('company');
    seedTiny(replica);
    core = new Core({ dbPath: replica.db.name });
    replica.db.close();
  });
  afterEach(() => core.close());

  it('stores the block in the workspace and returns it; empty until set', async () => {
    expect((await core.call('settings.get')).company).toEqual(EMPTY_COMPANY);
    const saved = await core.call('settings.update', { company: { ...DEMO_COMPANY, name: '  Trimmed Pty Ltd  ', abn: '51 824 753 556' } });
    expect(saved.company).toEqual({ ...DEMO_COMPANY, name: 'Trimmed Pty Ltd', abn: '51824753556' });
    expect((await core.call('settings.get')).company.name).toBe('Trimmed Pty Ltd');
  });

  it.each([
    [{ abn: '51824753557' }, 'company.abn', /not a valid ABN.*11 digits.*ATO check/],
    [{ name: 'x'.repeat(121) }, 'company.name', /at most 120 characters/],
    [{ address: 'a'.repeat(301) }, 'company.address', /at most 300 characters/],
    [{ name: 'Bad\u0000Name' }, 'company.name', /cannot be stored/],
    [{ paymentNote: 'half \uD83D emoji' }, 'company.paymentNote', /cannot be stored/],
    [{ email: 'accounts at example' }, 'company.email', /not an email address/],
    [{ bsb: '06400' }, 'company.bsb', /6 digits/],
    [{ bsb: '064000', accountNumber: '' }, 'company.accountNumber', /both the BSB and the account number/],
  ])('refuses %j with a message, and keeps the block as it was', async (change, field, message) => {
    await core.call('settings.update', { company: DEMO_COMPANY });
    const result = await core.invoke('settings.update', { company: { ...DEMO_COMPANY, ...change } });
    expect(result).toMatchObject({ ok: false, error: { code: 'invalid_input', message: expect.stringMatching(message), field } });
    expect((await core.call('settings.get')).company).toEqual(DEMO_COMPANY);
  });
});

describe('the demo block', () => {
  it('is written once: a block the user cleared stays cleared', () => {
    const replica = newReplica('demo-company');
    seedDemoCompany(replica.db);
    expect(readCompany(replica.db)).toEqual(DEMO_COMPANY);
    expect(isValidAbn(DEMO_COMPANY.abn)).toBe(true);
    writeCompany(replica.db, EMPTY_COMPANY);
    seedDemoCompany(replica.db);
    expect(readCompany(replica.db)).toEqual(EMPTY_COMPANY);
    replica.db.close();
  });

  it('reads a damaged stored value as empty fields instead of failing', () => {
    expect(parseStoredCompany('{not json')).toEqual(EMPTY_COMPANY);
    expect(parseStoredCompany('{"name": "Only a name", "abn": 5}')).toEqual({ ...EMPTY_COMPANY, name: 'Only a name' });
  });
});
