// The Node version the command needs (package.json "engines"), checked before anything else
// loads: on an older Node, better-sqlite3 dies with a segmentation fault and no word.
import { engines } from '../../package.json';

export const REQUIRED_NODE = engines.node.replace(/^>=\s*/, ''); // "22.12"

/** What to tell the user when `version` (process.versions.node) is too old; null when it will do. */
export function nodeVersionProblem(version: string, execPath = process.execPath): string | null {
  const have = version.split('.').map(Number);
  const need = REQUIRED_NODE.split('.').map(Number);
  for (let i = 0; i < need.length; i++) {
    const h = have[i] ?? 0;
    const n = need[i]!;
    if (h !== n) {
      if (h > n) return null;
      return (
        `Ops Console needs Node ${REQUIRED_NODE} or later; this is Node ${version} (${execPath}). ` +
        `Install Node 22 LTS (nvm install 22, or https://nodejs.org) and run ops with it. Nothing was changed.`
      );
    }
  }
  return null;
}
