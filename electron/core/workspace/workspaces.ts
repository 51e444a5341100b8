// The app's two workspaces: the embedded demo (seeded on first open) and an empty one that a first
// sync fills. Which one is open is remembered in the data directory.
import fs from 'node:fs';
import path from 'node:path';
import type { WorkspaceKind } from '../../../shared/domain';
import { openReplica, type Sqlite } from '../db/open';
import { seedDemo, seedDemoInSteps } from '../demo/seed';
import { Replica } from '../sync/replica';

export type ManagedKind = Exclude<WorkspaceKind, 'file'>;

export interface OpenWorkspace {
  kind: WorkspaceKind;
  path: string;
  replica: Replica;
}

const FILES: Record<ManagedKind, string> = { demo: 'demo.sqlite', empty: 'workspace.sqlite' };
const ACTIVE_FILE = 'active-workspace';

export function activeKind(dataDir: string): ManagedKind {
  try {
    const value = fs.readFileSync(path.join(dataDir, ACTIVE_FILE), 'utf8').trim();
    return value === 'empty' ? 'empty' : 'demo';
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
  const file = path.join(dataDir, FILES[kind]);
  const replica = new Replica(openReplica(file));
  let ready = Promise.resolve();
  if (kind === 'demo' && isEmpty(replica.db)) {
    const seed = { scale: 1, anchor: options.seedAnchor };
    if (options.background) ready = seedDemoInSteps(replica, seed).then(() => undefined);
    else seedDemo(replica, seed);
  }
  fs.mkdirSync(dataDir, { recursive: true });
  fs.writeFileSync(path.join(dataDir, ACTIVE_FILE), kind);
  return { workspace: { kind, path: file, replica }, ready };
}

export function openFile(file: string): OpenWorkspace {
  return { kind: 'file', path: file, replica: new Replica(openReplica(file)) };
}

function isEmpty(db: Sqlite): boolean {
  return (db.prepare('SELECT count(*) AS n FROM consultants').get() as { n: number }).n === 0;
}
