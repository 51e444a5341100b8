// The display preferences every screen formats with: the workspace's time zone and the user's
// clock style. One provider, so a change in Settings re-renders every time on every screen.
import { createContext, useContext, useMemo, type ReactNode } from 'react';
import type { TimeFormat } from '../../../shared/domain';
import { localDay, machineTimeZone } from '../../../shared/time';
import { useApi } from '../api/hooks';
import {
  formatClock,
  formatDayLong,
  formatDayMedium,
  formatDayShort,
  formatWallClock,
  formatWeekday,
  resolveHour12,
  type DisplayPrefs,
} from './display-format';

const DisplayContext = createContext<DisplayPrefs>({ timeZone: machineTimeZone(), hour12: resolveHour12('auto') });

export function DisplayProvider({ children }: { children: ReactNode }) {
  const workspace = useApi('workspace.info');
  const settings = useApi('settings.get');
  const timeZone = workspace.data?.timeZone ?? machineTimeZone();
  const format: TimeFormat = settings.data?.timeFormat ?? 'auto';
  const prefs = useMemo(() => ({ timeZone, hour12: resolveHour12(format) }), [timeZone, format]);
  return <DisplayContext.Provider value={prefs}>{children}</DisplayContext.Provider>;
}

/** Formatting bound to the current preferences. */
export function useDisplay() {
  const prefs = useContext(DisplayContext);
  return useMemo(
    () => ({
      prefs,
      timeZone: prefs.timeZone,
      hour12: prefs.hour12,
      /** Today's date in the workspace's zone. */
      today: () => localDay(new Date().toISOString(), prefs.timeZone),
      /** The local day of an instant in the workspace's zone. */
      localDay: (iso: string) => localDay(iso, prefs.timeZone),
      clock: (iso: string) => formatClock(iso, prefs),
      wallClock: (hhmm: string) => formatWallClock(hhmm, prefs),
      dayLong: (day: string) => formatDayLong(day, prefs.locale),
      dayShort: (day: string) => formatDayShort(day, prefs.locale),
      dayMedium: (day: string) => formatDayMedium(day, prefs.locale),
      weekday: (day: string) => formatWeekday(day, prefs.locale),
    }),
    [prefs],
  );
}
export type Display = ReturnType<typeof useDisplay>;
