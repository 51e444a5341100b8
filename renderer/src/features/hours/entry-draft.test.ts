import { describe, expect, it } from 'vitest';
import { draftFromEntry, entryChanges, timing, type Draft } from './entry-draft';

const base: Draft = {
  projectId: 'p',
  day: '2026-11-27',
  start: '22:19',
  end: '00:03',
  duration: '',
  mode: 'end',
  billable: true,
  note: '',
};

describe('entry timing', () => {
  for (const zone of ['Australia/Brisbane', 'Australia/Sydney', 'UTC', 'America/New_York']) {
    it(`an end before the start on the clock ends the next day (${zone})`, () => {
      const t = timing(base, zone);
      expect(t.problem).toBeNull();
      expect(t.minutes).toBe(104);
      expect(t.endsOn).toBe('2026-11-28');
    });

    it(`an entry read back from a stored one crossing midnight saves unchanged (${zone})`, () => {
      const first = timing(base, zone);
      const again = draftFromEntry(
        { projectId: 'p', startedAt: first.startedAt!, minutes: first.minutes!, billable: true, note: 'x' },
        zone,
      );
      expect(again.start).toBe('22:19');
      expect(again.end).toBe('00:03');
      expect(timing(again, zone).minutes).toBe(104);
    });
  }

  it('says why a zero-minute entry cannot be saved', () => {
    const t = timing({ ...base, start: '10:00', end: '10:00' }, 'UTC');
    expect(t.problem?.message).toMatch(/0 minutes long: the end time is the same as the start time/);
  });

  it('takes a typed duration instead of an end time', () => {
    const t = timing({ ...base, mode: 'duration', duration: '3h' }, 'UTC');
    expect(t.minutes).toBe(180);
    expect(t.endsOn).toBe('2026-11-28');
    expect(timing({ ...base, mode: 'duration', duration: 'soon' }, 'UTC').problem?.field).toBe('minutes');
  });

  it('refuses more than 24 hours', () => {
    expect(timing({ ...base, mode: 'duration', duration: '25:00' }, 'UTC').problem?.message).toMatch(/at most 24 hours/);
  });

  it('keeps clock minutes across a daylight-saving change (Sydney, 4 October 2026)', () => {
    // 01:30 → 03:30 local on the night clocks go forward is one hour of work.
    const t = timing({ ...base, day: '2026-10-04', start: '01:30', end: '03:30' }, 'Australia/Sydney');
    expect(t.minutes).toBe(60);
  });
});

describe('what an edit sends', () => {
  it('a note edit of an entry across the hour Sydney repeats (5 April 2026) sends the note alone', () => {
    // 01:30 AEDT for two hours ends at 02:30 AEST: the clock reads 01:30–02:30 for 2:00 of work.
    const entry = { projectId: 'p', startedAt: '2026-04-04T14:30:00.000Z', minutes: 120, billable: true, note: 'before' };
    const original = draftFromEntry(entry, 'Australia/Sydney');
    expect(entryChanges('e', original, { ...original, note: 'after' }, 'Australia/Sydney')).toEqual({ id: 'e', note: 'after' });
  });

  it('a whole-day entry opens as a 24:00 duration and a note edit sends the note alone', () => {
    const entry = { projectId: 'p', startedAt: '2026-11-19T23:00:00.000Z', minutes: 1440, billable: true, note: 'before' };
    const original = draftFromEntry(entry, 'Australia/Brisbane');
    expect(original.mode).toBe('duration');
    expect(timing(original, 'Australia/Brisbane').problem).toBeNull();
    expect(entryChanges('e', original, { ...original, note: 'after' }, 'Australia/Brisbane')).toEqual({ id: 'e', note: 'after' });
  });

  it('a changed end sends the new duration only', () => {
    const entry = { projectId: 'p', startedAt: '2026-11-19T23:00:00.000Z', minutes: 60, billable: true, note: '' };
    const original = draftFromEntry(entry, 'Australia/Brisbane');
    expect(entryChanges('e', original, { ...original, end: '10:30' }, 'Australia/Brisbane')).toEqual({ id: 'e', minutes: 90 });
  });
});
