// The palette's last picks, newest first, kept in localStorage so they survive a restart. Only
// keys (kind:id) are stored, never names: what is shown is always read fresh (and masked) from the lists.
const KEY = 'ops-console-palette-recent';
export const RECENT_MAX = 8;

export function readRecent(storage: Pick<Storage, 'getItem'> = localStorage): string[] {
  try {
    const parsed: unknown = JSON.parse(storage.getItem(KEY) ?? '[]');
    return Array.isArray(parsed) ? parsed.filter((k): k is string => typeof k === 'string').slice(0, RECENT_MAX) : [];
  } catch {
    // A damaged value only costs the recent list, never the palette.
    return [];
  }
}

export function rememberPick(key: string, storage: Pick<Storage, 'getItem' | 'setItem'> = localStorage): string[] {
  const next = [key, ...readRecent(storage).filter((k) => k !== key)].slice(0, RECENT_MAX);
  try {
    storage.setItem(KEY, JSON.stringify(next));
  } catch {
    // Storage full or refused: the pick still happens.
  }
  return next;
}
