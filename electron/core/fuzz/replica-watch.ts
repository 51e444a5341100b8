// Proof that a refused call left the replica file as it was, byte for byte (docs/fuzzing.md).
//
// The replica is in WAL mode: a commit appends pages to `<file>-wal`, and the main file is written
// only by a checkpoint, which copies those pages in. So before each call the WAL is checkpointed
// with TRUNCATE (the main file then holds everything and the WAL is empty), and after a refused call:
//   - the WAL must still be empty: no page was written, committed or not (a checkpoint needs pages
//     in the WAL, so the main file cannot have been written either);
//   - the main file's size, inode and modification time must be unchanged;
//   - on a sample of calls (the first of each run and every `every`-th), its bytes are compared
//     with a copy taken before the call.
// `-shm` is SQLite's shared-memory index of the WAL, rebuilt from the WAL; it is not data and is
// not compared. A byte hash of the 60 MB demo before and after every call would cost ~0.25 s each.
import fs from 'node:fs';
import type { Core } from '../api';

export interface ReplicaState {
  file: string;
  size: bigint;
  ino: bigint;
  mtimeNs: bigint;
  walSize: bigint;
}

function stateOf(file: string): ReplicaState {
  const main = fs.statSync(file, { bigint: true });
  let walSize = 0n;
  try {
    walSize = fs.statSync(`${file}-wal`, { bigint: true }).size;
  } catch {
    // no WAL file: nothing written to it
  }
  return { file, size: main.size, ino: main.ino, mtimeNs: main.mtimeNs, walSize };
}

function describe(state: ReplicaState): string {
  return `size ${state.size}, inode ${state.ino}, mtime ${state.mtimeNs} ns, WAL ${state.walSize} bytes`;
}

export class ReplicaWatch {
  private calls = 0;
  private copy: { key: string; bytes: Buffer } | null = null;

  constructor(
    private readonly core: Core,
    private readonly every = 16,
  ) {}

  /** Checkpoints the WAL into the main file and notes its state (and, on sampled calls, its bytes). */
  before(): { state: ReplicaState; bytes: Buffer | null } {
    const result = this.core.db.pragma('wal_checkpoint(TRUNCATE)') as { busy: number }[];
    if (result[0]?.busy) throw new Error('The WAL could not be checkpointed (another connection is reading).');
    const state = stateOf(this.core.workspace.path);
    let bytes: Buffer | null = null;
    if (this.calls++ % this.every === 0) {
      const key = describe(state);
      if (this.copy?.key !== key) this.copy = { key, bytes: fs.readFileSync(state.file) };
      bytes = this.copy.bytes;
    }
    return { state, bytes };
  }

  /** Throws, saying what changed, when the replica is not as `before` left it. */
  assertUnchanged(before: { state: ReplicaState; bytes: Buffer | null }, what: string): void {
    const after = stateOf(before.state.file);
    if (after.file !== this.core.workspace.path) throw new Error(`${what}: a refused call switched the workspace.`);
    if (
      after.walSize !== 0n ||
      after.size !== before.state.size ||
      after.ino !== before.state.ino ||
      after.mtimeNs !== before.state.mtimeNs
    )
      throw new Error(`${what}: a refused call changed the replica (before: ${describe(before.state)}; after: ${describe(after)}).`);
    if (before.bytes && !fs.readFileSync(after.file).equals(before.bytes))
      throw new Error(`${what}: a refused call changed the replica's bytes.`);
  }
}
