// CSV export: the title and filters above the table, quoting, no formula a spreadsheet would run,
// no control characters, and a file that reads back to the same cells.
import Papa from 'papaparse';
import { describe, expect, it } from 'vitest';
import { csvFileName, tableCsv } from './csv';

type Row = { name: string; cents: number | null };
const table = (rows: Row[]) =>
  tableCsv({
    title: 'Clients',
    filters: [
      ['From', '2026-11-01'],
      ['To', '2026-11-29'],
    ],
    columns: [
      { label: 'Name', value: (r: Row) => r.name },
      { label: 'Amount (cents)', value: (r: Row) => r.cents },
    ],
    rows,
  });

const read = (text: string) => Papa.parse<string[]>(text.replace(/^\ufeff/, ''), { skipEmptyLines: false }).data;

describe('tableCsv', () => {
  it('writes the title and the filters above the header, then one line per row', () => {
    const text = table([{ name: "O'Brien, Lee", cents: 12345 }]);
    expect(text.startsWith('\ufeff')).toBe(true);
    expect(read(text)).toEqual([
      ['Clients'],
      ['From', '2026-11-01'],
      ['To', '2026-11-29'],
      [''],
      ['Name', 'Amount (cents)'],
      ["O'Brien, Lee", '12345'],
      [''],
    ]);
  });

  it('keeps quotes, commas and line breaks inside a cell, and an empty cell for null', () => {
    const text = table([{ name: 'Say "hi",\nthen go', cents: null }]);
    expect(read(text)[5]).toEqual(['Say "hi",\nthen go', '']);
  });

  it('never lets a spreadsheet run a cell as a formula', () => {
    for (const evil of ['=HYPERLINK("http://x")', '+1+2', '-2+3', '@SUM(A1)']) {
      const cell = read(table([{ name: evil, cents: 1 }]))[5]![0]!;
      expect(cell).toBe(`'${evil}`);
    }
  });

  it('drops control characters (a NUL in a note) but keeps Unicode', () => {
    expect(read(table([{ name: 'a\u0000b\u0007 ☕ Zoë', cents: 1 }]))[5]![0]).toBe('ab ☕ Zoë');
  });
});

describe('csvFileName', () => {
  it('is safe on every file system', () => {
    expect(csvFileName('Pipelines', 'per pipeline', '2026-11-01', 'to', '2026-11-29')).toBe(
      'pipelines-per-pipeline-2026-11-01-to-2026-11-29.csv',
    );
    expect(csvFileName('../..', 'a/b\\c:d')).toBe('a-b-c-d.csv');
    expect(csvFileName('')).toBe('export.csv');
  });
});
