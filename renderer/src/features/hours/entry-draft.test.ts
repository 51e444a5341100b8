import { describe, expect, it } from 'vitest';
import { draftFromEntry, timing, type Draft } from './entry-draft';

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
