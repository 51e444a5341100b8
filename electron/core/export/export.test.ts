// Export of all the data: `ops export` into a folder as a user runs it, then read back: every
// table's rows, and awkward text (an apostrophe, a NUL, a newline, a formula) exactly as stored.
import fs from 'node:fs';
import path from 'node:path';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { main } from '../../cli/ops';
import { Core } from '../api';
import { addEntry, newReplica, seedTiny } from '../sync/fixtures';
import { tempDir } from '../testing';
import { EXPORT_TABLES, readExportCsv } from './export';

const AWKWARD = "'O'Brien's\0 note\nsecond line, \"quoted\"";
const FORMULA = '=HYPERLINK("http://example.com","click")';

let stdout = '';
let stderr = '';
beforeEach(() => {
  vi.spyOn(process.stdout, 'write').mockImplementation((chunk) => ((stdout += String(chunk)), true));
  vi.spyOn(process.stderr, 'write').mockImplementation((chunk) => ((stderr += String(chunk)), true));
});
afterEach(() => vi.restoreAllMocks());

async function ops(...args: string[]): Promise<number> {
  stdout = '';
  stderr = '';
  return main(args, { OPS_DATA_DIR: tempDir() });
}

function replica(): { file: string; counts: Record<string, number> } {
  const r = newReplica('export');
  const ids = seedTiny(r);
  addEntry(r, ids.alice, ids.project, 45, AWKWARD);
  addEntry(r, ids.bob, ids.project2, 30, FORMULA);
  addEntry(r, ids.bob, ids.project2, 15, '-5 minutes, +1 @ desk');
  const counts = Object.fromEntries(EXPORT_TABLES.map((t) => [t, r.db.prepare(`SELECT count(*) FROM ${t}`).pluck().get() as number]));
  const file = r.db.name;
  r.db.close();
  return { file, counts };
}

describe('ops export', () => {
  it('writes one CSV per table and one JSON file whose rows and values read back as stored', async () => {
    const { file, counts } = replica();
    const dir = path.join(tempDir(), 'export');
    expect(await ops('export', '--db', file, '--to', dir)).toBe(0);
    expect(stdout).toContain(`to ${dir}`);
    const names = fs.readdirSync(dir);
    expect(names.filter((n) => n.endsWith('.csv')).sort()).toEqual(EXPORT_TABLES.map((t) => `${t}.csv`).sort());
    const json = names.filter((n) => n.endsWith('.json'));
    expect(json).toHaveLength(1);
    expect(json[0]).toMatch(/^ops-console-export-\d{8}T\d{6}Z\.json$/);

    // CSV: each table's row count, and the notes as they were (through papaparse's reader).
    for (const table of EXPORT_TABLES) {
      expect(readExportCsv(fs.readFileSync(path.join(dir, `${table}.csv`), 'utf8')), table).toHaveLength(counts[table]!);
    }
    expect(counts.time_entries).toBe(3);
    const entries = readExportCsv(fs.readFileSync(path.join(dir, 'time_entries.csv'), 'utf8'));
    expect(entries.map((e) => e.note).sort()).toEqual([AWKWARD, FORMULA, '-5 minutes, +1 @ desk'].sort());
    expect(Object.keys(entries[0]!)).not.toContain('_hlc'); // sync bookkeeping stays out
    // …while in the file itself a formula cannot run in a spreadsheet.
    const raw = fs.readFileSync(path.join(dir, 'time_entries.csv'), 'utf8');
    expect(raw).toContain(`"'=HYPERLINK(`);
    expect(raw.startsWith('\ufeffid,')).toBe(true);

    // JSON: every table, the same counts, values exact (numbers as numbers).
    const doc = JSON.parse(fs.readFileSync(path.join(dir, json[0]!), 'utf8')) as {
      format: string;
      workspace: string;
      tables: Record<string, { columns: string[]; rows: Record<string, unknown>[] }>;
    };
    expect(doc.format).toBe('ops-console-export');
    expect(Object.keys(doc.tables)).toEqual([...EXPORT_TABLES]);
    for (const table of EXPORT_TABLES) expect(doc.tables[table]!.rows, table).toHaveLength(counts[table]!);
    const notes = doc.tables.time_entries!.rows.map((r) => r.note);
    expect(notes).toContain(AWKWARD);
    expect(doc.tables.time_entries!.rows.map((r) => r.minutes).sort()).toEqual([15, 30, 45]);
  });

  it('writes only the format asked for, never overwrites a file, and says what to do', async () => {
    const { file } = replica();
    const dir = path.join(tempDir(), 'export');
    expect(await ops('export', '--db', file, '--to', dir, '--format', 'csv')).toBe(0);
    expect(fs.readdirSync(dir).every((n) => n.endsWith('.csv'))).toBe(true);
    const before = fs.readFileSync(path.join(dir, 'time_entries.csv'), 'utf8');
    expect(await ops('export', '--db', file, '--to', dir, '--format', 'csv')).toBe(1);
    expect(stderr).toMatch(/already exists.*new or empty folder/);
    expect(fs.readFileSync(path.join(dir, 'time_entries.csv'), 'utf8')).toBe(before);

    expect(await ops('export', '--db', file, '--to', dir, '--format', 'xml')).toBe(2);
    expect(stderr).toMatch(/--format csv or --format json/);
    expect(await ops('export', '--db', file)).toBe(2);
    expect(stderr).toMatch(/ops export --to DIR/);
  });
});

describe('export.json', () => {
  it('hands the app the whole workspace as one JSON file, and refuses while presenting', async () => {
    const { file, counts } = replica();
    const core = new Core({ dbPath: file });
    try {
      const out = await core.call('export.json');
      expect(out.fileName).toMatch(/^ops-console-export-.*\.json$/);
      expect(out.rows).toEqual(counts);
      expect(JSON.parse(out.text).tables.time_entries.rows.map((r: { note: string }) => r.note)).toContain(AWKWARD);
      await core.call('settings.update', { presentation: true });
      await expect(core.call('export.json')).rejects.toThrow(/presentation mode off/);
    } finally {
      await core.close();
    }
  });
});
