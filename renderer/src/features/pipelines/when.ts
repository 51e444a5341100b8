import type { Display } from '../../app/display';
import { localDay } from '../../../../shared/time';

/** "Fri 27 Nov, 9:41 am" in the workspace's zone and the chosen clock style. */
export function dayAndTime(display: Display, iso: string | null | undefined): string {
  if (!iso) return '—';
  return `${display.dayShort(localDay(iso, display.timeZone))}, ${display.clock(iso)}`;
}
