// The consultancy's own block on every invoice: who issues it (name, ABN, address, email) and how to
// pay it (BSB and account, or a note). A workspace setting, edited in Settings. Australian tax
// invoices name the supplier and its ABN, so a given ABN must pass the ATO's checksum.
import { z } from 'zod';
import { storableText } from '../../schemas';

export interface Company {
  name: string;
  /** 11 digits, no spaces ('' when not set). */
  abn: string;
  /** Lines separated by newlines. */
  address: string;
  email: string;
  /** 6 digits, no dash ('' when not set). */
  bsb: string;
  accountNumber: string;
  accountName: string;
  /** Other ways to pay, or a reference to quote (e.g. "Quote the invoice number"). */
  paymentNote: string;
}

export const EMPTY_COMPANY: Company = {
  name: '',
  abn: '',
  address: '',
  email: '',
  bsb: '',
  accountNumber: '',
  accountName: '',
  paymentNote: '',
};

export const COMPANY_LIMITS = { name: 120, address: 300, email: 254, accountName: 120, paymentNote: 300 } as const;

const ABN_WEIGHTS = [10, 1, 3, 5, 7, 9, 11, 13, 15, 17, 19];

/** The ATO's check: take 1 from the first digit, weigh the digits, the sum is a multiple of 89. */
export function isValidAbn(digits: string): boolean {
  if (!/^\d{11}$/.test(digits) || digits[0] === '0') return false;
  const sum = [...digits].reduce((total, d, i) => total + (Number(d) - (i === 0 ? 1 : 0)) * ABN_WEIGHTS[i]!, 0);
  return sum % 89 === 0;
}

/** "53 417 800 731": an ABN as the ATO writes it. */
export function formatAbn(digits: string): string {
  return digits.length === 11 ? `${digits.slice(0, 2)} ${digits.slice(2, 5)} ${digits.slice(5, 8)} ${digits.slice(8)}` : digits;
}

/** "064-000": a BSB as banks write it. */
export function formatBsb(digits: string): string {
  return digits.length === 6 ? `${digits.slice(0, 3)}-${digits.slice(3)}` : digits;
}

const trimmed = (what: string, max: number) =>
  storableText(what, z.string({ message: `${what} must be text.` }))
    .transform((s) => s.trim())
    .refine((s) => s.length <= max, { message: `${what} can be at most ${max} characters; shorten it.` });

/** Spaces, dashes and dots people type in numbers are dropped before the digits are checked. */
const digitsOf = (what: string) =>
  storableText(what, z.string({ message: `${what} must be text.` })).transform((s) => s.replace(/[\s.-]/g, ''));

export const companySchema = z
  .object({
    name: trimmed('The business name', COMPANY_LIMITS.name),
    abn: digitsOf('The ABN').refine((s) => s === '' || isValidAbn(s), {
      message:
        'That is not a valid ABN: it has 11 digits and must pass the ATO check. Copy it from the ABN Lookup (abr.business.gov.au), or leave it empty.',
    }),
    address: trimmed('The address', COMPANY_LIMITS.address),
    email: trimmed('The email address', COMPANY_LIMITS.email).refine((s) => s === '' || /^[^\s@]+@[^\s@]+\.[^\s@]+$/.test(s), {
      message: 'That is not an email address (name@example.com.au); fix it or leave it empty.',
    }),
    bsb: digitsOf('The BSB').refine((s) => s === '' || /^\d{6}$/.test(s), {
      message: 'A BSB has 6 digits (e.g. 064-000); fix it or leave it empty.',
    }),
    accountNumber: digitsOf('The account number').refine((s) => s === '' || /^\d{5,10}$/.test(s), {
      message: 'An account number has 5 to 10 digits; fix it or leave it empty.',
    }),
    accountName: trimmed('The account name', COMPANY_LIMITS.accountName),
    paymentNote: trimmed('The payment note', COMPANY_LIMITS.paymentNote),
  })
  .strict()
  .refine((c) => (c.bsb === '') === (c.accountNumber === ''), {
    message: 'Give both the BSB and the account number, or neither.',
    path: ['accountNumber'],
  }) satisfies z.ZodType<Company, unknown>;

/** A stored block, read back leniently: fields missing from an older or hand-edited value are empty. */
export function parseStoredCompany(json: string | null): Company {
  if (!json) return EMPTY_COMPANY;
  try {
    const value = JSON.parse(json) as Record<string, unknown>;
    const out = { ...EMPTY_COMPANY };
    for (const key of Object.keys(EMPTY_COMPANY) as (keyof Company)[]) {
      if (typeof value[key] === 'string') out[key] = value[key];
    }
    return out;
  } catch {
    return EMPTY_COMPANY;
  }
}
