// How `ops` writes times for people: in the workspace's zone (--json keeps UTC ISO instants).

export { formatInstant } from '../../shared/time';

// Terminal control (C0 but tab and newline, DEL, C1 with CSI) and bidirectional overrides: text
// from the data (a synced job's parameters, a receiver's answer) must not drive the terminal or
// reorder what it shows.
// eslint-disable-next-line no-control-regex
const UNSAFE = /[\u0000-\u0008\u000b-\u001f\u007f-\u009f\u061c\u200e\u200f\u202a-\u202e\u2066-\u2069]/g;

/** Text as `ops` prints it for people: each control or direction override shown as �. */
export function terminalSafe(text: string): string {
  return text.replace(UNSAFE, '\ufffd');
}

/** Where a command prints: JSON with --json, else the human text (made terminal-safe). */
export interface Output {
  json: boolean;
  print(value: unknown, human: () => string): void;
}
