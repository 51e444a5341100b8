// The week grid and the day list use real local days of the zone the caller names: a Sunday-evening
// entry stays on Sunday in a Sydney winter week (AEST, +10), a summer week (AEDT, +11), both
// daylight-saving transition weeks, and in Brisbane (no daylight saving). Instants below are
// written out in UTC so the expectations do not depend on the code under test, nor on the zone the
// test process runs in.
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { addDays } from '../../../shared/time';
import { Core } from '../api';
import { demoDataDir } from '../testing';

const ANCHOR = '2026-11-20'; // the demo history covers the two years before it, DST changes included
let core: Core;
let projectId: string;

beforeEach(async () => {
  core = new Core({ dataDir: demoDataDir(ANCHOR), demoAnchor: ANCHOR });
  projectId = (await core.call('projects.list')).find((p) => p.status === 'active')!.id;
});
afterEach(() => core.close());

interface WeekCase {
  zone: string;
  weekStart: string; // a Monday
  /** Entries that belong to the week: their UTC start, the local day index (0 = Monday) and minutes. */
  inside: [startedAt: string, day: number, minutes: number][];
  /** Entries just outside the week: the Sunday evening before it and the Monday just after it. */
  outside: string[];
}

const weeks: Record<string, WeekCase> = {
  'Sydney, a winter week (AEST +10)': {
    zone: 'Australia/Sydney',
    weekStart: '2025-07-07',
    inside: [
      ['2025-07-06T14:15:00Z', 0, 7], // Mon 00:15
      ['2025-07-13T09:00:00Z', 6, 11], // Sun 19:00
      ['2025-07-13T13:30:00Z', 6, 13], // Sun 23:30
    ],
    outside: ['2025-07-06T13:30:00Z', '2025-07-13T14:15:00Z'],
  },
  'Sydney, a summer week (AEDT +11)': {
    zone: 'Australia/Sydney',
    weekStart: '2026-01-12',
    inside: [
      ['2026-01-11T13:15:00Z', 0, 7], // Mon 00:15
      ['2026-01-18T08:00:00Z', 6, 11], // Sun 19:00
      ['2026-01-18T12:30:00Z', 6, 13], // Sun 23:30
    ],
    outside: ['2026-01-11T12:30:00Z', '2026-01-18T13:15:00Z'],
  },
  'Sydney, the week ending on the first Sunday of April (a 25-hour Sunday)': {
    zone: 'Australia/Sydney',
    weekStart: '2025-03-31',
    inside: [
      ['2025-03-30T13:15:00Z', 0, 7], // Mon 00:15 AEDT
      ['2025-04-05T15:30:00Z', 6, 3], // Sun 02:30 AEDT, the first one
      ['2025-04-05T16:30:00Z', 6, 5], // Sun 02:30 AEST, the second one
      ['2025-04-06T09:00:00Z', 6, 11], // Sun 19:00 AEST
      ['2025-04-06T13:30:00Z', 6, 13], // Sun 23:30 AEST
    ],
    outside: ['2025-03-30T12:30:00Z', '2025-04-06T14:15:00Z'],
  },
  'Sydney, the week after the April change': {
    zone: 'Australia/Sydney',
    weekStart: '2025-04-07',
    inside: [
      ['2025-04-06T14:15:00Z', 0, 7], // Mon 00:15 AEST
      ['2025-04-13T13:30:00Z', 6, 13], // Sun 23:30 AEST
    ],
    outside: ['2025-04-06T13:30:00Z', '2025-04-13T14:15:00Z'],
  },
  'Sydney, the week ending on the first Sunday of October (a 23-hour Sunday)': {
    zone: 'Australia/Sydney',
    weekStart: '2025-09-29',
    inside: [
      ['2025-09-28T14:15:00Z', 0, 7], // Mon 00:15 AEST
      ['2025-10-04T15:30:00Z', 6, 3], // Sun 01:30 AEST
      ['2025-10-04T16:30:00Z', 6, 5], // Sun 03:30 AEDT
      ['2025-10-05T08:00:00Z', 6, 11], // Sun 19:00 AEDT
      ['2025-10-05T12:30:00Z', 6, 13], // Sun 23:30 AEDT
    ],
    outside: ['2025-09-28T13:30:00Z', '2025-10-05T13:15:00Z'],
  },
  'Sydney, the week after the October change': {
    zone: 'Australia/Sydney',
    weekStart: '2025-10-06',
    inside: [
      ['2025-10-05T13:15:00Z', 0, 7], // Mon 00:15 AEDT
      ['2025-10-12T12:30:00Z', 6, 13], // Sun 23:30 AEDT
    ],
    outside: ['2025-10-05T12:30:00Z', '2025-10-12T13:15:00Z'],
  },
  'Brisbane, a summer week (AEST +10 all year)': {
    zone: 'Australia/Brisbane',
    weekStart: '2026-01-12',
    inside: [
      ['2026-01-11T14:15:00Z', 0, 7], // Mon 00:15
      ['2026-01-18T12:30:00Z', 6, 11], // Sun 22:30 (23:30 in Sydney)
      ['2026-01-18T13:30:00Z', 6, 13], // Sun 23:30 (already Monday in Sydney)
    ],
    outside: ['2026-01-11T13:30:00Z', '2026-01-18T14:15:00Z'],
  },
  'Brisbane, a winter week': {
    zone: 'Australia/Brisbane',
    weekStart: '2025-07-07',
    inside: [
      ['2025-07-06T14:15:00Z', 0, 7],
      ['2025-07-13T13:30:00Z', 6, 13],
    ],
    outside: ['2025-07-06T13:30:00Z', '2025-07-13T14:15:00Z'],
  },
};

async function create(startedAt: string, minutes: number): Promise<string> {
  return (await core.call('entries.create', { projectId, startedAt, minutes })).id;
}

describe('local days across daylight saving', () => {
  it.each(Object.entries(weeks))('%s: the week grid and the day list keep the week’s own entries', async (_, week) => {
    const { zone, weekStart } = week;
    const sunday = addDays(weekStart, 6);
    const before = await core.call('entries.week', { weekStart, timeZone: zone });

    const inside = await Promise.all(week.inside.map(([at, , minutes]) => create(at, minutes)));
    const outside = await Promise.all(week.outside.map((at) => create(at, 1)));

    const after = await core.call('entries.week', { weekStart, timeZone: zone });
    expect(after.days).toEqual(Array.from({ length: 7 }, (_, i) => addDays(weekStart, i)));
    const added = [0, 0, 0, 0, 0, 0, 0];
    for (const [, day, minutes] of week.inside) added[day]! += minutes;
    expect(after.dayTotals.map((total, i) => total - before.dayTotals[i]!)).toEqual(added);
    expect(after.totalMinutes - before.totalMinutes).toBe(added.reduce((a, b) => a + b, 0));
    const row = after.rows.find((r) => r.projectId === projectId)!;
    const rowBefore = before.rows.find((r) => r.projectId === projectId);
    expect(row.minutes[6]! - (rowBefore?.minutes[6] ?? 0)).toBe(added[6]);

    const list = (await core.call('entries.list', { from: weekStart, to: sunday, timeZone: zone })).map((e) => e.id);
    expect(list).toEqual(expect.arrayContaining(inside));
    for (const id of outside) expect(list).not.toContain(id);

    // The Sunday's own list holds its evening entries, and the next Monday's holds the entry after midnight.
    const sundayList = (await core.call('entries.list', { from: sunday, to: sunday, timeZone: zone })).map((e) => e.id);
    const sundayIds = inside.filter((_, i) => week.inside[i]![1] === 6);
    expect(sundayList).toEqual(expect.arrayContaining(sundayIds));
    const nextMonday = (await core.call('entries.list', { from: addDays(sunday, 1), to: addDays(sunday, 1), timeZone: zone })).map(
      (e) => e.id,
    );
    expect(nextMonday).toContain(outside[1]);
    expect(nextMonday).not.toEqual(expect.arrayContaining(sundayIds.slice(-1)));
  });

  it('the same instant is Sunday in Brisbane and Monday in Sydney in summer', async () => {
    const id = await create('2026-01-18T13:30:00Z', 9);
    const day = async (zone: string, d: string) => (await core.call('entries.list', { from: d, to: d, timeZone: zone })).map((e) => e.id);
    expect(await day('Australia/Brisbane', '2026-01-18')).toContain(id);
    expect(await day('Australia/Sydney', '2026-01-18')).not.toContain(id);
    expect(await day('Australia/Sydney', '2026-01-19')).toContain(id);
  });

  it('without a zone, the days are the workspace’s (the demo’s: Brisbane), not the machine’s', async () => {
    const weekStart = '2025-10-06';
    const explicit = await core.call('entries.week', { weekStart, timeZone: 'Australia/Brisbane' });
    expect(await core.call('entries.week', { weekStart })).toEqual(explicit);
    const id = await create('2026-01-18T13:30:00Z', 9); // Sunday 23:30 in Brisbane, Monday in Sydney
    await core.call('settings.update', { timeZone: 'Australia/Sydney' });
    expect((await core.call('entries.list', { from: '2026-01-19', to: '2026-01-19' })).map((e) => e.id)).toContain(id);
  });

  it.each(['+10:00', 'Mars/Olympus', ''])('refuses the time zone %j with a message that says what to give', async (timeZone) => {
    for (const result of [
      await core.invoke('entries.week', { weekStart: '2025-10-06', timeZone }),
      await core.invoke('entries.list', { from: '2025-10-06', to: '2025-10-12', timeZone }),
    ]) {
      expect(result.ok).toBe(false);
      if (!result.ok) {
        expect(result.error.code).toBe('invalid_input');
        expect(result.error.message).toMatch(/IANA time zone name such as Australia\/Sydney/);
      }
    }
  });
});
