// Export of all the workspace's data: every table a user owns (the synced tables and the running
// timer), each column as the replica stores it (sync clocks left out), as one CSV per table and one
// JSON file. The JSON holds the values exactly; the CSV is for spreadsheets: a text cell that
// starts with = + - @ a tab, a carriage return or ' gets one ' in front, so a spreadsheet never runs
// it as a formula (readExportCsv takes it off again), and an empty cell is a missing value.
import fs from 'node:fs';
import path from 'node:path';
import Papa from 'papaparse';
import { version } from '../../../package.json';
import { OpsError } from '../../../shared/contract';
import type { ExportFile, ExportFormat } from '../../../shared/features/export/types';
import type { Sqlite } from '../db/open';
import { schemaVersion } from '../db/open';
import { SYNCED_TABLES } from '../db/schema';
import { readCompany } from '../workspace/company';
import { workspaceTimeZone, type OpenWorkspace } from '../workspace/workspaces';

/** The tables an export holds, parents before the rows that refer to them. */
export const EXPORT_TABLES = [...SYNCED_TABLES, 'running_timer'] as const;

type Cell = string | number | null;
export interface ExportTable {
  columns: string[];
  rows: Record<string, Cell>[];
}

/** The export's name stem: `ops-console-export-2026-11-29T101500Z`. */
export function exportStem(now = new Date()): string {
  return `ops-console-export-${now
    .toISOString()
    .replace(/[-:]/g, '')
    .replace(/\.\d+Z$/, 'Z')}`;
}

/** Every export table's columns (the sync bookkeeping ones, named with a leading _, left out) and rows. */
export function readTables(db: Sqlite): Record<string, ExportTable> {
  const out: Record<string, ExportTable> = {};
  for (const table of EXPORT_TABLES) {
    const columns = (db.pragma(`table_info(${table})`) as { name: string }[]).map((c) => c.name).filter((name) => !name.startsWith('_'));
    const order = columns.includes('id') ? ' ORDER BY id' : '';
    const rows = db
      .prepare(`SELECT ${columns.map((c) => `"${c}"`).join(', ')} FROM ${table}${order}`)
      .all()
      .map((row) => cells(row as Record<string, unknown>));
    out[table] = { columns, rows };
  }
  return out;
}

/** A row's values as text, numbers and nulls (a BLOB, which no table has yet, as base64). */
function cells(row: Record<string, unknown>): Record<string, Cell> {
  const out: Record<string, Cell> = {};
  for (const [key, value] of Object.entries(row)) {
    out[key] = Buffer.isBuffer(value) ? value.toString('base64') : typeof value === 'bigint' ? value.toString() : (value as Cell);
  }
  return out;
}

/** One table as CSV: a header row, then its rows (a byte-order mark first, for Excel). */
export function tableCsv(table: ExportTable): string {
  const csv = Papa.unparse(
    { fields: table.columns, data: table.rows.map((row) => table.columns.map((c) => row[c] ?? null)) },
    { newline: '\r\n', escapeFormulae: FORMULA_START },
  );
  return `\ufeff${csv}\r\n`;
}

const FORMULA_START = /^[=+\-@\t\r']/;

/** Reads a CSV this export wrote: its rows as objects of text, the formula guard taken off. */
export function readExportCsv(text: string): Record<string, string>[] {
  const parsed = Papa.parse<Record<string, string>>(text.replace(/^\ufeff/, ''), { header: true, skipEmptyLines: true });
  if (parsed.errors.length) throw new Error(`Not a readable export: ${parsed.errors[0]!.message} (row ${parsed.errors[0]!.row}).`);
  return parsed.data.map((row) => Object.fromEntries(Object.entries(row).map(([k, v]) => [k, v.startsWith("'") ? v.slice(1) : v])));
}

/** All of it as one JSON document, a row a line (an editor can open it; a program reads it whole). */
export function exportJson(workspace: OpenWorkspace, tables: Record<string, ExportTable>, now = new Date()): string {
  const db = workspace.replica.db;
  const head = {
    format: 'ops-console-export',
    formatVersion: 1,
    exportedAt: now.toISOString(),
    app: version,
    workspace: workspace.kind,
    schemaVersion: schemaVersion(db),
    timeZone: workspaceTimeZone(db),
    company: readCompany(db),
  };
  const body = Object.entries(tables).map(
    ([name, t]) =>
      `    ${JSON.stringify(name)}: {\n      "columns": ${JSON.stringify(t.columns)},\n      "rows": [${t.rows.length ? '\n' : ''}` +
      t.rows.map((row) => `        ${JSON.stringify(row)}`).join(',\n') +
      `${t.rows.length ? '\n      ' : ''}]\n    }`,
  );
  const opening = JSON.stringify(head, null, 2).replace(/\n}$/, ',\n  "tables": {\n');
  return `${opening}${body.join(',\n')}\n  }\n}\n`;
}

/** The whole export as one JSON file (the app's button). */
export function exportJsonFile(workspace: OpenWorkspace, now = new Date()): ExportFile {
  const tables = readTables(workspace.replica.db);
  return { fileName: `${exportStem(now)}.json`, text: exportJson(workspace, tables, now), rows: rowCounts(tables) };
}

function rowCounts(tables: Record<string, ExportTable>): Record<string, number> {
  return Object.fromEntries(Object.entries(tables).map(([name, t]) => [name, t.rows.length]));
}

export interface ExportWritten {
  dir: string;
  files: string[];
  rows: Record<string, number>;
}

/**
 * Writes the export into `dir` (made if missing): `<table>.csv` for each table and/or
 * `ops-console-export-<time>.json`. It never overwrites a file: one already there stops it before
 * anything is written.
 */
export function writeExport(workspace: OpenWorkspace, dir: string, formats: readonly ExportFormat[], now = new Date()): ExportWritten {
  const tables = readTables(workspace.replica.db);
  const files = new Map<string, string>();
  if (formats.includes('csv')) for (const [name, t] of Object.entries(tables)) files.set(path.join(dir, `${name}.csv`), tableCsv(t));
  if (formats.includes('json')) files.set(path.join(dir, `${exportStem(now)}.json`), exportJson(workspace, tables, now));
  const taken = [...files.keys()].filter((file) => fs.existsSync(file));
  if (taken.length)
    throw new OpsError(
      'conflict',
      `${taken[0]} already exists${taken.length > 1 ? ` (and ${taken.length - 1} more)` : ''}: export into a new or empty folder (an export never overwrites a file).`,
      'to',
    );
  try {
    fs.mkdirSync(dir, { recursive: true });
    for (const [file, text] of files) fs.writeFileSync(file, text, { flag: 'wx' });
  } catch (error) {
    throw new OpsError(
      'internal',
      `The export could not be written to ${dir}: ${(error as Error).message}. Check the folder and its free space.`,
    );
  }
  return { dir, files: [...files.keys()], rows: rowCounts(tables) };
}
