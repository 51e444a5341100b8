import { useEffect, useState } from 'react';

/** Seconds since `startedAt`, re-rendering every second while mounted. */
export function useElapsedSeconds(startedAt: string | undefined): number {
  const [now, setNow] = useState(() => Date.now());
  useEffect(() => {
    if (!startedAt) return;
    const timer = setInterval(() => setNow(Date.now()), 1000);
    return () => clearInterval(timer);
  }, [startedAt]);
  return startedAt ? (now - Date.parse(startedAt)) / 1000 : 0;
}
