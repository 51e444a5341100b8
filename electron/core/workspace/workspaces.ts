// The app's two workspaces: the demo (made-up data, seeded on first open, sealed: it never syncs)
// and Work, the user's real workspace, which starts empty and fills by its first sync with the
// central database. Which one is open is remembered in the data directory.
import fs from 'node:fs';
import { OpsError } from '../../../shared/contract';
import path from 'node:path';
import type { WorkspaceKind } from '../../../shared/domain';
import { isTimeZone, machineTimeZone } from '../../../shared/time';
import { openReplica, type Sqlite } from '../db/open';
import { DEMO_TIME_ZONE, seedDemo, seedDemoInSteps } from '../demo/seed';
import { readSetting, Replica, writeSetting } from '../sync/replica';
import { seedDemoCompany } from './company';

export type ManagedKind = Exclude<WorkspaceKind, 'file'>;

export interface OpenWorkspace {
  kind: WorkspaceKind;
  path: string;
  replica: Replica;
  /** Never syncs: the demo workspace (however it was opened). */
  sealed: boolean;
}

/** What a user calls each workspace. */
export const WORKSPACE_NAMES: Record<WorkspaceKind, string> = { demo: 'Demo', work: 'Work', file: 'Replica file' };

// `workspace.sqlite` and the word `empty` in `active-workspace` are the Work workspace's names from
// before it had one; both are still read.
const FILES: Record<ManagedKind, string> = { demo: 'demo.sqlite', work: 'workspace.sqlite' };
const ACTIVE_FILE = 'active-workspace';

/** The replica file of a managed workspace. */
export function managedFile(dataDir: string, kind: ManagedKind): string {
  return path.join(dataDir, FILES[kind]);
}

export function activeKind(dataDir: string): ManagedKind {
  try {
    const value = fs.readFileSync(path.join(dataDir, ACTIVE_FILE), 'utf8').trim();
    return value === 'work' || value === 'empty' ? 'work' : 'demo';
  } catch {
    return 'demo'; // first start: the demo workspace, so every screen has data at once
  }
}

/**
 * Opens a managed workspace; the demo is seeded on its first open. With `background`, the seed
 * runs in steps and `ready` settles when it is done, so a window can load meanwhile.
 */
export function openManaged(
  dataDir: string,
  kind: ManagedKind,
  options: { seedAnchor?: string; background?: boolean } = {},
): { workspace: OpenWorkspace; ready: Promise<void> } {
  writeInDataDir(dataDir, () => fs.mkdirSync(dataDir, { recursive: true }));
  const file = path.join(dataDir, FILES[kind]);
  const replica = new Replica(openReplica(file));
  let ready = Promise.resolve();
  if (kind === 'demo' && isEmpty(replica.db)) {
    const seed = { scale: 1, anchor: options.seedAnchor };
    if (options.background) ready = seedDemoInSteps(replica, seed).then(() => undefined);
    else seedDemo(replica, seed);
  }
  // A workspace's time zone is chosen when it is made: the demo's is Brisbane's, a new Work
  // workspace takes this computer's.
  if (!isTimeZone(readSetting(replica.db, 'time_zone'))) {
    writeSetting(replica.db, 'time_zone', kind === 'demo' ? DEMO_TIME_ZONE : machineTimeZone());
  }
  if (kind === 'demo') seedDemoCompany(replica.db);
  writeInDataDir(dataDir, () => fs.writeFileSync(path.join(dataDir, ACTIVE_FILE), kind));
  // Demo data found in the Work workspace (seeded there by hand) is sealed too.
  const sealed = kind === 'demo' || readSetting(replica.db, 'workspace_kind') === 'demo' || readSetting(replica.db, SEALED) === '1';
  // The seal travels with the file: a copy, a symlink or a restored backup opened with --db under
  // any name stays sealed.
  if (sealed && readSetting(replica.db, SEALED) !== '1') writeSetting(replica.db, SEALED, '1');
  return { workspace: { kind, path: file, replica, sealed }, ready };
}

/**
 * Runs a write in the app's data folder; a folder that cannot be made or written (read-only, another
 * user's, a full disk) is said in words with the way out, never as raw errno text.
 */
export function writeInDataDir<T>(dataDir: string, write: () => T): T {
  try {
    return write();
  } catch (error) {
    const code = (error as NodeJS.ErrnoException).code;
    const why =
      code === 'EACCES' || code === 'EPERM'
        ? 'you may not write there'
        : code === 'EROFS'
          ? 'it is on a read-only disk'
          : code === 'ENOSPC'
            ? 'the disk is full'
            : code === 'ENOTDIR' || code === 'EEXIST'
              ? 'a file is in the way'
              : ((error as Error).message ?? String(error));
    throw new OpsError(
      'unsupported',
      `Cannot write the app's data folder ${dataDir}: ${why}. Nothing was changed. Choose a folder you can write (--data-dir, or OPS_DATA_DIR), or fix its permissions.`,
    );
  }
}

/** Set in a sealed workspace's replica: it never syncs, whatever its file is called or where it is. */
const SEALED = 'sealed';

/**
 * Opens a replica file directly (`--db`). Files seeded with `ops seed --demo --db` sync on purpose
 * (that is how a demo central is filled); the app's own demo workspace stays sealed under any name.
 */
export function openFile(file: string): OpenWorkspace {
  const replica = new Replica(openReplica(file));
  const sealed = readSetting(replica.db, SEALED) === '1' || isManagedDemoFile(file);
  return { kind: 'file', path: file, replica, sealed };
}

function isManagedDemoFile(file: string): boolean {
  const dir = path.dirname(path.resolve(file));
  return path.basename(file) === FILES.demo && fs.existsSync(path.join(dir, ACTIVE_FILE));
}

/** The workspace's IANA time zone (a replica file without one: this computer's). */
export function workspaceTimeZone(db: Sqlite): string {
  const zone = readSetting(db, 'time_zone');
  return isTimeZone(zone) ? zone : machineTimeZone();
}

/** The demo workspace's zone as it is now (its replica's setting), or Brisbane's before it exists. */
export function demoTimeZone(dataDir: string): string {
  const file = managedFile(dataDir, 'demo');
  if (!fs.existsSync(file)) return DEMO_TIME_ZONE;
  const db = openReplica(file);
  try {
    const zone = readSetting(db, 'time_zone');
    return isTimeZone(zone) ? zone : DEMO_TIME_ZONE;
  } finally {
    db.close();
  }
}

/**
 * Seeds a fresh demo workspace beside the current one (`demo.sqlite.fresh`), its history ending the
 * day before `anchor`, in `timeZone`; `replaceDemo` then puts it in place. The Work workspace's file
 * is never opened.
 */
export async function seedFreshDemo(dataDir: string, anchor: string, timeZone: string): Promise<{ file: string; timeEntries: number }> {
  const file = `${managedFile(dataDir, 'demo')}.fresh`;
  writeInDataDir(dataDir, () => removeReplicaFiles(file));
  const replica = new Replica(openReplica(file));
  try {
    const counts = await seedDemoInSteps(replica, { scale: 1, anchor });
    writeSetting(replica.db, 'time_zone', timeZone);
    seedDemoCompany(replica.db);
    writeSetting(replica.db, SEALED, '1');
    replica.db.close(); // checkpoints the WAL into the file
    return { file, timeEntries: counts.time_entries };
  } catch (error) {
    replica.db.close();
    removeReplicaFiles(file);
    throw error;
  }
}

/** Puts a fresh demo (from `seedFreshDemo`) in the demo's place, in one rename. The old demo must be closed. */
export function replaceDemo(dataDir: string, fresh: string): void {
  const file = managedFile(dataDir, 'demo');
  writeInDataDir(dataDir, () => {
    for (const suffix of ['-wal', '-shm']) fs.rmSync(`${file}${suffix}`, { force: true });
    fs.renameSync(fresh, file);
  });
}

function removeReplicaFiles(file: string): void {
  for (const suffix of ['', '-wal', '-shm']) fs.rmSync(`${file}${suffix}`, { force: true });
}

function isEmpty(db: Sqlite): boolean {
  return (db.prepare('SELECT count(*) AS n FROM consultants').get() as { n: number }).n === 0;
}
