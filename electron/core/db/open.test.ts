import crypto from 'node:crypto';
import fs from 'node:fs';
import path from 'node:path';
import Database from 'better-sqlite3';
import { describe, expect, it } from 'vitest';
import { tempDir } from '../testing';
import { LATEST_SCHEMA_VERSION, parseMigrations, sqliteMigrations } from './migrations';
import { APPLICATION_ID, openReplica } from './open';

const hash = (file: string) => crypto.createHash('sha256').update(fs.readFileSync(file)).digest('hex');

describe('openReplica', () => {
  it('creates a replica in WAL mode with foreign keys and the full schema', () => {
    const file = path.join(tempDir(), 'nested', 'replica.sqlite');
    const db = openReplica(file);
    expect(db.pragma('journal_mode', { simple: true })).toBe('wal');
    expect(db.pragma('foreign_keys', { simple: true })).toBe(1);
    expect(db.pragma('user_version', { simple: true })).toBe(LATEST_SCHEMA_VERSION);
    expect(db.pragma('application_id', { simple: true })).toBe(APPLICATION_ID);
    const tables = db.prepare("SELECT name FROM sqlite_master WHERE type = 'table' ORDER BY name").pluck().all();
    expect(tables).toEqual(
      expect.arrayContaining([
        'consultants',
        'clients',
        'projects',
        'time_entries',
        'invoices',
        'expenses',
        'pipelines',
        'pipeline_jobs',
        'outbox',
        'webhook_deliveries',
        'sync_state',
        'settings',
        'running_timer',
      ]),
    );
    expect(() =>
      db
        .prepare(
          "INSERT INTO time_entries (id, project_id, consultant_id, started_at, minutes, rate_cents, _hlc) VALUES ('a', 'nope', 'nope', 'x', 5, 1, 'h')",
        )
        .run(),
    ).toThrow(/FOREIGN KEY/);
    db.close();
    openReplica(file).close(); // reopening applies nothing twice
  });

  it('refuses another application’s SQLite database and leaves it untouched', () => {
    const file = path.join(tempDir(), 'other.sqlite');
    const other = new Database(file);
    other.exec('CREATE TABLE notes (body TEXT); INSERT INTO notes VALUES (1)');
    other.close();
    const before = hash(file);
    expect(() => openReplica(file)).toThrow(/is not an Ops Console replica/);
    expect(hash(file)).toBe(before);
    expect(fs.existsSync(`${file}-wal`)).toBe(false);
  });

  it('refuses a file that is not a database at all and leaves it untouched', () => {
    const file = path.join(tempDir(), 'notes.txt');
    fs.writeFileSync(file, 'these are my notes, not a database\n'.repeat(100));
    const before = hash(file);
    expect(() => openReplica(file)).toThrow(/is not an Ops Console replica/);
    expect(hash(file)).toBe(before);
  });

  it('refuses a replica written by a newer version of the app and leaves it untouched', () => {
    const file = path.join(tempDir(), 'newer.sqlite');
    const db = openReplica(file);
    db.pragma(`user_version = ${LATEST_SCHEMA_VERSION + 1}`);
    db.close();
    const before = hash(file);
    expect(() => openReplica(file)).toThrow(/newer version of Ops Console.*Update the app/);
    expect(hash(file)).toBe(before);
  });

  it('applies a failing migration not at all', () => {
    const file = path.join(tempDir(), 'partial.sqlite');
    openReplica(file).close();
    const broken = [
      ...sqliteMigrations,
      { version: LATEST_SCHEMA_VERSION + 1, name: 'extra', sql: 'CREATE TABLE extra (id TEXT); CREATE TABLE extra (id TEXT);' },
    ];
    expect(() => openReplica(file, broken)).toThrow();
    const db = new Database(file, { readonly: true });
    expect(db.pragma('user_version', { simple: true })).toBe(LATEST_SCHEMA_VERSION);
    expect(db.prepare("SELECT count(*) FROM sqlite_master WHERE name = 'extra'").pluck().get()).toBe(0);
    db.close();
  });

  it('requires migrations numbered without gaps', () => {
    expect(() => parseMigrations({ '0001_a.sql': '', '0003_c.sql': '' })).toThrow(/without gaps/);
  });
});

describe('a folder given as the replica', () => {
  it('is named as a folder, with a file path to give instead, and nothing is created', () => {
    const folder = tempDir();
    expect(() => openReplica(folder)).toThrow(/is a folder, not a replica file\. Give the path of a file in it, such as .*laptop\.sqlite/);
    expect(fs.readdirSync(folder)).toEqual([]);
  });
});
