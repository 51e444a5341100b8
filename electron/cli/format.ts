// How `ops` writes times for people: in the workspace's zone (--json keeps UTC ISO instants).

/** An instant on the zone's clock, as people read it: "Fri 20 Nov 2026, 9:30 am AEST". */
export function formatInstant(iso: string, timeZone: string): string {
  return new Date(iso).toLocaleString('en-AU', {
    timeZone,
    weekday: 'short',
    day: 'numeric',
    month: 'short',
    year: 'numeric',
    hour: 'numeric',
    minute: '2-digit',
    timeZoneName: 'short',
  });
}
