// Which palette items show for a query: cmdk's fuzzy score, recent picks first, each group capped so
// thousands of invoices or jobs never render at once.
import { defaultFilter } from 'cmdk';

export interface PaletteItem {
  /** kind:id, stable across sessions (what the recent list stores). */
  key: string;
  group: string;
  /** The text shown and searched: already through useNames, so a masked name is what matches. */
  label: string;
  /** More words that match (a status, a number), shown smaller. */
  hint?: string;
  run: () => void;
}

export const GROUP_CAP = 8;

export function rank(items: readonly PaletteItem[], query: string, recent: readonly string[], cap = GROUP_CAP): PaletteItem[] {
  const q = query.trim();
  const recentRank = new Map(recent.map((k, i) => [k, i]));
  const scored = items
    .map((item) => ({ item, score: q ? defaultFilter(item.label, q, item.hint ? [item.hint] : []) : 1 }))
    .filter((s) => s.score > 0);
  scored.sort((a, b) => {
    const ra = recentRank.get(a.item.key) ?? Infinity;
    const rb = recentRank.get(b.item.key) ?? Infinity;
    if (ra !== rb) return ra - rb;
    return b.score - a.score;
  });
  const perGroup = new Map<string, number>();
  const out: PaletteItem[] = [];
  for (const { item } of scored) {
    const recentOne = recentRank.has(item.key);
    const n = perGroup.get(item.group) ?? 0;
    if (!recentOne && n >= cap) continue;
    if (!recentOne) perGroup.set(item.group, n + 1);
    out.push(item);
  }
  return out;
}
